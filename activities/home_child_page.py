"""What the children's home adds to a child's page: the openings the child came to, the books they
borrowed (timeline), and a panel with visits, family-phone calls made there and loans. The calls
themselves are parent contacts and reach the timeline through the guardians app. Each provider reads
through the read rules of activities.home_selectors, in a fixed number of queries."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import home_selectors as rules
from activities.models import HomeSession
from children.extensions import TimelineEntry
from organisation.scoping import editable_ids


def sessions_timeline(child_ids: Iterable[int], user) -> list[TimelineEntry]:
    through = HomeSession.children.through
    rows = list(
        through.objects.filter(child_id__in=list(child_ids), homesession__in=rules.sessions_for(user)).select_related(
            "homesession__home"
        )
    )
    return [
        TimelineEntry(
            child_id=row.child_id,
            date=row.homesession.date,
            kind="home_session",
            kind_label=_("Children's home"),
            title=_("Came to the %(home)s") % {"home": row.homesession.home.name},
            summary=row.homesession.activities[:120],
            url=reverse("activities:home_session", args=[row.homesession_id]),
            icon="bi-house-heart",
        )
        for row in rows
    ]


def loans_timeline(child_ids: Iterable[int], user) -> list[TimelineEntry]:
    loans = list(rules.loans_for(user).filter(child_id__in=list(child_ids)).select_related("home"))
    editable = editable_ids(rules.editable_loans_for(user), loans)
    today = timezone.localdate()
    entries = []
    for loan in loans:
        if loan.returned_on:
            summary = _("Returned on %(date)s") % {"date": loan.returned_on.isoformat()}
        elif loan.is_overdue(today):
            summary = _("Overdue")
        else:
            summary = _("Not returned yet")
        entries.append(
            TimelineEntry(
                child_id=loan.child_id,
                date=loan.borrowed_on,
                kind="book_loan",
                kind_label=_("Book borrowed"),
                title=_("Borrowed “%(title)s”") % {"title": loan.title},
                summary=summary,
                url=reverse("activities:home_loan_edit", args=[loan.pk]) if loan.pk in editable else "",
                icon="bi-book",
            )
        )
    return entries


def home_panel(child, user) -> dict:
    return rules.home_panel(child, user)
