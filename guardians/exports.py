"""Excel exports of the parent-contact list (the rows and columns the page shows, through the same selector
and read rule) and of the child list as a roster in the import template's columns (organisation.exports
writes the workbooks)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from children.filters import filtered_children
from guardians import roster, selectors
from guardians.models import ParentContact
from organisation.decorators import capability_required
from organisation.exports import DATE, Column, Sheet, choice_labels, class_label_of, xlsx_response, yes_no
from organisation.roles import Capability


def contact_with(counterparts: dict):
    """ "Parent (陈建军)" as the lists show who was contacted."""

    def value(contact) -> str:
        label = counterparts.get(contact.counterpart, contact.counterpart)
        return f"{label}（{contact.parent}）" if contact.parent_id else label

    return value


def contact_columns(*, care_log: bool = False) -> list[Column]:
    """The contact list's columns; the care log's also show the class and the place, as its rows do."""
    counterparts = choice_labels(ParentContact.Counterpart.choices)
    channels = choice_labels(ParentContact.Channel.choices)
    yes, no = yes_no(True), yes_no(False)
    return [
        Column(_("Date"), lambda c: c.date, kind=DATE, width=11),
        Column(_("Child"), lambda c: c.child.name, width=10),
        *([Column(_("Class"), class_label_of(), width=12)] if care_log else []),
        Column(_("With"), contact_with(counterparts), width=18),
        Column(_("Channel"), lambda c: channels.get(c.channel, c.channel), width=10),
        *([Column(_("Place"), lambda c: c.place, width=16)] if care_log else []),
        Column(_("Reached"), lambda c: yes if c.reached else no, width=8),
        Column(pgettext_lazy("what a parent contact was about", "Summary"), lambda c: c.summary, width=50),
    ]


@capability_required(Capability.LOG_CARE, Capability.EXPORT)
def contact_list_export(request):
    """Every contact the list pages through (all the user reads), in its order."""
    title = _("Parent contacts")
    return xlsx_response(Sheet(title, contact_columns(), selectors.contact_list_for(request.user)), filename=title)


@capability_required(Capability.VIEW_CHILDREN, Capability.EXPORT)
def roster_export(request):
    """The children the filtered child list shows (all pages, its order) as a roster in the template's
    columns, to correct in Excel and import again. Queries: the children with their class, their parents,
    their guardians."""
    _filter, children = filtered_children(request.user, request.GET)
    children = children.prefetch_related("parents", "guardians")
    return xlsx_response(
        Sheet("花名册", roster.export_columns(request.user), roster.export_rows(children)),
        filename=_("Roster"),
    )
