"""Rows of the care pages that list hundreds of children, rendered in Python: the same markup as a template
loop, without a template variable lookup per cell (a principal's "my week" lists up to 400 children, a
school's attention list several hundred entries, each with a form per reason)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import urlencode
from django.template.defaulttags import CsrfTokenNode
from django.utils import dateformat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from organisation.rendering import link_parts
from organisation.templatetags.icons import icon

register = template.Library()


class _ClassLabels(dict):
    """{school class: its escaped label}, each label translated once per list, not once per row."""

    def __missing__(self, school_class) -> str:
        label = self[school_class] = escape(school_class)
        return label


def _action(kind: str, links: dict) -> tuple[dict, str, str]:
    """The page that logs a kind of work, its query and the button's label."""
    if kind == "talk":
        return links["talk"], "", gettext("Log a talk")
    if kind == "home_visit":
        return links["visit"], "", gettext("Log a visit")
    if kind == "guardian_contact":
        return links["contact"], "counterpart=guardian&", gettext("Log a contact")
    return links["contact"], "", gettext("Log a contact")


@register.simple_tag
def overdue_items(items, links: dict, next_query: str) -> SafeString:
    """The <li> of each overdue (child, statuses): name, class, every norm it misses, one button per kind."""
    child_before, child_after = links["child"]["before"], links["child"]["after"]
    next_query = escape(next_query)
    class_labels = _ClassLabels()
    rows = []
    for child, statuses in items:
        pk = int(child.pk)
        norms = "".join(
            f'<div class="small {"text-danger" if s.missed_last else "text-muted"}">{escape(s.norm.label)}</div>'
            for s in statuses
        )
        buttons = []
        for kind in dict.fromkeys(s.norm.kind for s in statuses):
            action, query, label = _action(kind, links)
            buttons.append(
                f'<a class="btn btn-success btn-sm text-nowrap" href="{action["before"]}{pk}{action["after"]}?'
                f'{query}next={next_query}">{escape(label)}</a>'
            )
        rows.append(
            f'<li class="list-group-item d-flex justify-content-between align-items-center gap-2" data-child="{pk}"'
            f' data-testid="overdue-item"><div><a href="{child_before}{pk}{child_after}">{escape(child.name)}</a> '
            f'<span class="small text-muted">{class_labels[child.school_class]}</span>{norms}</div>'
            f'<div class="d-flex flex-column gap-1">{"".join(buttons)}</div></li>'
        )
    return mark_safe("".join(rows))  # every value above is escaped


@register.simple_tag
def due_items(items, kind: str, links: dict, next_query: str, listed_once=frozenset()) -> SafeString:
    """The <li> of each (child, statuses, overdue) of one kind of work due: name, class, norms, the button. A
    child of `listed_once` (the overdue card's) is hidden on a phone, where that card lists it once."""
    action, query, label = _action(kind, links)
    child_before, child_after = links["child"]["before"], links["child"]["after"]
    action_before, action_after = action["before"], action["after"]
    label = escape(label)
    next_query = escape(next_query)
    overdue_badge = f' <span class="badge text-bg-danger">{escape(gettext("overdue"))}</span>'
    class_labels = _ClassLabels()
    rows = []
    for child, statuses, overdue in items:
        pk = int(child.pk)
        class_name = class_labels[child.school_class]
        norms = "".join(
            f'<div class="small {"text-danger" if s.missed_last else "text-muted"}">{escape(s.norm.label)}</div>'
            for s in statuses
        )
        rows.append(
            # An overdue child is listed once, with all it misses, in the overdue card on a phone.
            f'<li class="list-group-item {"d-none d-md-flex" if pk in listed_once else "d-flex"}'
            f"{' overdue' if overdue else ''} "
            f'justify-content-between align-items-center gap-2" data-child="{pk}" data-testid="due-item">'
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


_TIER_BADGES = {"act_now": "text-bg-danger", "close": "text-bg-warning"}


@register.simple_tag(takes_context=True)
def attention_entries(context, entries, show_child: bool = False, next: str = "") -> SafeString:
    """The attention list's entries (`pairing.attention.Entry`): tier, child, open safety events, each reason
    with the form or record that clears it and a form to put it aside, the reasons put aside. `next`: where
    the links and the put-aside form send the user back (by default the page itself)."""
    if not entries:
        return mark_safe(
            '<ul class="list-group list-group-flush" data-testid="attention-entries">\n'
            f'<li class="list-group-item text-success">{escape(gettext("Nobody needs attention now."))}</li>\n</ul>'
        )
    request = context.get("request")
    back = escape(next or (request.get_full_path() if request is not None else ""))
    next_query = f"?next={escape(urlencode(next))}" if next else ""
    csrf_input = CsrfTokenNode().render(context)  # what {% csrf_token %} writes
    put_aside, why = escape(gettext("Put aside")), escape(gettext("Why"))
    days = (
        '<select name="days" class="form-select form-select-sm w-auto"'
        f' aria-label="{escape(gettext("Put aside for"))}">\n'
        f'<option value="7">{escape(gettext("a week"))}</option>'
        f'<option value="14">{escape(gettext("two weeks"))}</option>'
        f'<option value="30">{escape(gettext("a month"))}</option>\n</select>\n'
        f'<input name="note" class="form-control form-control-sm w-auto" required maxlength="200"'
        f' placeholder="{why}" aria-label="{why}">\n'
        f'<button class="btn btn-sm btn-outline-secondary" type="submit">{put_aside}</button>'
    )
    key_help = f'<span class="badge text-bg-light border">{escape(gettext("Key-help"))}</span>'
    open_label = escape(gettext("Open"))
    snooze_url, child_url = link_parts("pairing:attention_snooze"), link_parts("children:detail")
    event_url = link_parts("pairing:safety_event_edit")
    class_labels = _ClassLabels()
    newline = "\n"
    rows = []
    for entry in entries:
        child, tier = entry.child, entry.tier
        pk = int(child.pk)
        head = f'<span class="badge {_TIER_BADGES.get(tier, "text-bg-secondary")}">{escape(entry.tier_label)}</span>\n'
        if show_child:
            head += (
                f'<a class="fw-bold" href="{child_url["before"]}{pk}{child_url["after"]}">{escape(child.name)}</a>\n'
                f'<span class="small text-muted">{class_labels[child.school_class]}</span>\n'
            )
        if child.is_key_help:
            head += key_help + "\n"
        items = []
        for event in entry.safety_events:
            what = gettext("Safety event: %(kind)s (%(date)s), not closed") % {
                "kind": escape(event.get_kind_display()),
                "date": escape(dateformat.format(event.date, "Y-m-d")),
            }
            items.append(
                '<li class="text-danger fw-bold" data-testid="attention-reason" data-reason="safety_event">\n'
                f"{icon('exclamation-octagon')} {what}\n"
                f'<a class="ms-1" href="{event_url["before"]}{int(event.pk)}{event_url["after"]}">'
                f"{open_label}</a>\n</li>"
            )
        action = f"{snooze_url['before']}{pk}{snooze_url['after']}"
        for reason in entry.reasons:
            key = escape(reason.key)
            link = (
                f'<a class="btn btn-outline-success btn-sm py-0" href="{escape(reason.url)}{next_query}">'
                f"{escape(reason.link_label)}</a>\n"
                if reason.url
                else ""
            )
            items.append(
                '<li class="d-flex flex-wrap align-items-center gap-2 py-1" data-testid="attention-reason"'
                f' data-reason="{key}">\n<span>{escape(reason.text)}</span>\n{link}'
                f'<details class="attention-snooze">\n<summary class="text-muted">{put_aside}</summary>\n'
                f'<form method="post" action="{action}" class="d-flex flex-wrap gap-1 mt-1">{csrf_input}\n'
                f'<input type="hidden" name="reason" value="{key}">\n'
                f'<input type="hidden" name="next" value="{back}">\n{days}\n</form>\n</details>\n</li>'
            )
        for snooze in entry.snoozed:
            aside = gettext("One reason put aside until %(until)s: %(note)s") % {
                "until": escape(dateformat.format(snooze.until, "Y-m-d")),
                "note": escape(snooze.note),
            }
            items.append(f'<li class="text-muted">{aside}</li>')
        rows.append(
            f'<li class="list-group-item attention-{escape(tier)}" data-child="{pk}" data-testid="attention-entry">\n'
            f'<div class="d-flex flex-wrap align-items-center gap-2">\n{head}</div>\n'
            f'<ul class="list-unstyled small mb-0 mt-1">\n{newline.join(items)}\n</ul>\n</li>'
        )
    body = "\n".join(rows)
    return mark_safe(  # every value above is escaped
        f'<ul class="list-group list-group-flush" data-testid="attention-entries">\n{body}\n</ul>'
    )
