"""What the guardians app adds to a child's page: the parent-contact timeline.

The provider reads through the read rule and links through the write rule: two queries for all the
given (already scoped) children, whatever the number of contacts.
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from children.extensions import TimelineEntry
from guardians.selectors import contacts_for, editable_contact_ids


def contacts_timeline(child_ids: Iterable[int], user) -> list[TimelineEntry]:
    contacts = list(contacts_for(user).filter(child_id__in=list(child_ids)))
    editable = editable_contact_ids(user, contacts)
    entries = []
    for c in contacts:
        names = {"channel": c.get_channel_display(), "who": c.get_counterpart_display()}
        if c.reached:
            title = _("%(channel)s with the %(who)s") % names
        else:
            title = _("%(channel)s with the %(who)s: not reached") % names
        entries.append(
            TimelineEntry(
                child_id=c.child_id,
                date=c.date,
                kind="parent_contact",
                kind_label=_("Parent contact"),
                title=title,
                summary=Truncator(c.summary).chars(120),
                url=reverse("guardians:contact_edit", args=[c.pk]) if c.pk in editable else "",
                icon="bi-telephone",
            )
        )
    return entries
