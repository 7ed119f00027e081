"""What the pairing app adds to a child's page: timeline entries and the care panel.

Each timeline provider reads through the read rule (`talks_for`, `visits_for`) and links an entry to its
edit page exactly when the write rule (`editable_talks_for`, `editable_visits_for`) allows: two queries
for all the given (already scoped) children, whatever the number of records.
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from children.extensions import TimelineEntry
from children.models import Child
from organisation.roles import Capability
from organisation.scoping import editable_ids
from pairing import selectors
from pairing.models import Pairing


def _short(text: str) -> str:
    return Truncator(text).chars(120)


def talks_timeline(child_ids: Iterable[int], user) -> list[TimelineEntry]:
    talks = list(
        selectors.talks_for(user).filter(child_id__in=list(child_ids)).select_related("carer", "recorded_by", "child")
    )
    editable = editable_ids(selectors.editable_talks_for(user), talks)
    entries = []
    for talk in talks:
        who = talk.carer.name if talk.carer_id else str(talk.recorded_by or "")
        entries.append(
            TimelineEntry(
                child_id=talk.child_id,
                date=talk.date,
                kind="talk",
                kind_label=_("Talk"),
                title=_("Talk with %(who)s: %(topics)s") % {"who": who, "topics": talk.get_topics_display()},
                summary=_short(talk.content),
                url=reverse("pairing:talk_edit", args=[talk.pk]) if talk.pk in editable else "",
                icon="bi-chat-heart",
                extra={
                    "confidential_note": selectors.confidential_note_for(talk, user),
                    "mood": talk.get_mood_display(),
                },
            )
        )
    return entries


def visits_timeline(child_ids: Iterable[int], user) -> list[TimelineEntry]:
    visits = list(selectors.visits_for(user).filter(child_id__in=list(child_ids)))
    editable = editable_ids(selectors.editable_visits_for(user), visits)
    return [
        TimelineEntry(
            child_id=v.child_id,
            date=v.date,
            kind="home_visit",
            kind_label=_("Home visit"),
            title=_("Home visit: met %(met)s") % {"met": v.get_met_display()},
            summary=_short(v.home_situation),
            url=reverse("pairing:visit_edit", args=[v.pk]) if v.pk in editable else "",
            icon="bi-house-door",
        )
        for v in visits
    ]


def care_panel(child: Child, user) -> dict:
    """Current carers, care status per norm, and quick-log links."""
    today = timezone.localdate()
    pairings = list(Pairing.objects.current(today).filter(child=child).select_related("carer"))
    _children, result = selectors.load_compliance(Child.objects.filter(pk=child.pk), today=today)
    return {
        "child": child,
        "pairings": pairings,
        "statuses": [s for s in result.for_child(child.pk) if s.applies],
        "can_log": user.can(Capability.LOG_CARE),
        "can_pair": user.can(Capability.EDIT_ARCHIVES),
    }
