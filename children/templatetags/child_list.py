"""The child list's rows, rendered in Python: the same markup as a template loop, without a template
variable lookup per cell (50 rows of six cells a page)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from organisation.templatetags.icons import icon
from organisation.templatetags.shouwang import label_list

register = template.Library()


@register.simple_tag
def child_rows(children, child_url: dict) -> SafeString:
    """The <tr> of each child of the page (with `missing` and `labels` from the view): name and badges,
    class, gender, left-behind type, status, and what the archive misses."""
    before, after = escape(child_url["before"]), escape(child_url["after"])
    key_help = f' <span class="badge text-bg-danger">{escape(gettext("Key-help"))}</span>'
    complete = f'<span class="text-success small">{icon("check-circle")} {escape(gettext("Complete"))}</span>'
    # Built once per class, per set of missing items and per count: most rows repeat a few of each.
    class_names: dict[int, str] = {}
    archives: dict[tuple, str] = {}
    rows = []
    for child in children:
        pk, labels, missing = int(child.pk), child.labels, child.missing
        class_name = class_names.get(child.school_class_id)
        if class_name is None:
            class_name = class_names[child.school_class_id] = escape(child.school_class.label)
        poverty = ""
        if child.poverty_status != "none":
            poverty = f' <span class="badge text-bg-warning">{escape(labels["poverty_status"])}</span>'
        if missing:
            keys = tuple(r.key for r in missing)
            archive = archives.get(keys)
            if archive is None:
                count = len(missing)
                text = ngettext("%(counter)s item missing", "%(counter)s items missing", count) % {"counter": count}
                archive = archives[keys] = (
                    f'<span class="text-danger small" title="{escape(label_list(missing))}">{escape(text)}</span>'
                )
        else:
            archive = complete
        rows.append(
            f'<tr><td><a href="{before}{pk}{after}">{escape(child.name)}</a>'
            f"{key_help if child.is_key_help else ''}{poverty}</td>"
            f"<td>{class_name}</td><td>{escape(labels['gender'])}</td>"
            f"<td>{escape(labels['left_behind_type'] or '—')}</td><td>{escape(labels['status'])}</td>"
            f"<td>{archive}</td></tr>"
        )
    return mark_safe("".join(rows))  # every value above is escaped
