"""Rows of the care pages that list hundreds of children, rendered in Python: the same markup as a template
loop, without a template variable lookup per cell (a principal's "my week" lists up to 400 children)."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def due_items(items, kind: str, links: dict, next_query: str) -> SafeString:
    """The <li> of each (child, statuses, overdue) of one kind of work due: name, class, norms, the button."""
    if kind == "talk":
        action, query, label = links["talk"], "", gettext("Log a talk")
    elif kind == "home_visit":
        action, query, label = links["visit"], "", gettext("Log a visit")
    elif kind == "guardian_contact":
        action, query, label = links["contact"], "counterpart=guardian&", gettext("Log a contact")
    else:
        action, query, label = links["contact"], "", gettext("Log a contact")
    child_before, child_after = links["child"]["before"], links["child"]["after"]
    action_before, action_after = action["before"], action["after"]
    label = escape(label)
    next_query = escape(next_query)
    overdue_badge = f' <span class="badge text-bg-danger">{escape(gettext("overdue"))}</span>'
    class_names: dict[int, str] = {}
    rows = []
    for child, statuses, overdue in items:
        pk = int(child.pk)
        class_name = class_names.get(child.school_class_id)
        if class_name is None:
            class_name = class_names[child.school_class_id] = escape(child.school_class)
        norms = "".join(
            f'<div class="small {"text-danger" if s.missed_last else "text-muted"}">{escape(s.norm.label)}</div>'
            for s in statuses
        )
        rows.append(
            f'<li class="list-group-item d-flex justify-content-between align-items-center gap-2'
            f'{" overdue" if overdue else ""}" data-child="{pk}" data-testid="due-item">'
            f'<div><a href="{child_before}{pk}{child_after}">{escape(child.name)}</a> '
            f'<span class="small text-muted">{class_name}</span>{overdue_badge if overdue else ""}{norms}</div>'
            f'<a class="btn btn-success btn-sm text-nowrap" href="{action_before}{pk}{action_after}?{query}'
            f'next={next_query}">'
            f"{label}</a></li>"
        )
    return mark_safe("".join(rows))  # every value above is escaped


@register.simple_tag
def grid_cells(statuses) -> SafeString:
    """The cells of one child's row of the class grid: done/required per norm, red when overdue, amber when
    due now, a dash when the norm does not apply."""
    cells = []
    for s in statuses:
        if s is None or not s.required:  # nothing required: never overdue nor due
            cells.append('<td class="text-center"><span class="text-muted">–</span></td>')
            continue
        if s.overdue_buckets:
            css = " table-danger text-danger fw-bold"
        elif s.due_now:
            css = " table-warning"
        else:
            css = ""
        cells.append(f'<td class="text-center{css}">{int(s.done)}/{int(s.required)}</td>')
    return mark_safe("".join(cells))  # only integers and fixed words
