"""What the pairing app adds to a child's page: timeline entries and the care panel.

Each timeline provider makes one query for all the given (already scoped) children.
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from children.extensions import TimelineEntry
from children.models import Child
from guardians.models import ParentContact
from organisation.roles import Role
from pairing import selectors
from pairing.models import HomeVisit, Pairing, Talk


def _short(text: str) -> str:
    return Truncator(text).chars(120)


def talks_timeline(child_ids: Iterable[int], user) -> list[TimelineEntry]:
    entries = []
    talks = Talk.objects.filter(child_id__in=list(child_ids)).select_related("carer", "recorded_by", "child")
    for talk in talks:
        who = talk.carer.name if talk.carer_id else str(talk.recorded_by or "")
        summary = _short(talk.content)
        note = selectors.confidential_note_for(talk, user)
        may_edit = (
            user.role != Role.CARER or talk.recorded_by_id == user.pk or (talk.carer and talk.carer.user_id == user.pk)
        )
        entries.append(
            TimelineEntry(
                child_id=talk.child_id,
                date=talk.date,
                kind="talk",
                kind_label=_("Talk"),
                title=_("Talk with %(who)s: %(topics)s") % {"who": who, "topics": talk.get_topics_display()},
                summary=summary,
                url=reverse("pairing:talk_edit", args=[talk.pk]) if may_edit else "",
                icon="bi-chat-heart",
                extra={"confidential_note": note, "mood": talk.get_mood_display()},
            )
        )
    return entries


def visits_timeline(child_ids: Iterable[int], user) -> list[TimelineEntry]:
    visits = HomeVisit.objects.filter(child_id__in=list(child_ids))
    return [
        TimelineEntry(
            child_id=v.child_id,
            date=v.date,
            kind="home_visit",
            kind_label=_("Home visit"),
            title=_("Home visit: met %(met)s") % {"met": v.get_met_display()},
            summary=_short(v.home_situation),
            url=reverse("pairing:visit_edit", args=[v.pk])
            if user.role != Role.CARER or v.recorded_by_id == user.pk
            else "",
            icon="bi-house-door",
        )
        for v in visits
    ]


def contacts_timeline(child_ids: Iterable[int], user) -> list[TimelineEntry]:
    contacts = ParentContact.objects.filter(child_id__in=list(child_ids))
    entries = []
    for c in contacts:
        if c.reached:
            title = _("%(channel)s with the %(who)s") % {
                "channel": c.get_channel_display(),
                "who": c.get_counterpart_display(),
            }
        else:
            title = _("%(channel)s with the %(who)s: not reached") % {
                "channel": c.get_channel_display(),
                "who": c.get_counterpart_display(),
            }
        entries.append(
            TimelineEntry(
                child_id=c.child_id,
                date=c.date,
                kind="parent_contact",
                kind_label=_("Parent contact"),
                title=title,
                summary=_short(c.summary),
                url=reverse("pairing:contact_edit", args=[c.pk])
                if user.role != Role.CARER or c.recorded_by_id == user.pk
                else "",
                icon="bi-telephone",
            )
        )
    return entries


def care_panel(child: Child, user) -> dict:
    """Current carers, care status per norm, and quick-log links."""
    today = timezone.localdate()
    pairings = list(Pairing.objects.current(today).filter(child=child).select_related("carer"))
    _children, result = selectors.load_compliance(Child.objects.filter(pk=child.pk), today=today)
    return {
        "child": child,
        "pairings": pairings,
        "statuses": [s for s in result.for_child(child.pk) if s.applies],
        "can_log": user.can("log_care"),
        "can_pair": user.can("edit_archives"),
    }
