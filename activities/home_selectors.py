"""Reads of the children's home (留守儿童之家): the read and write rule of each of its records.

The home, its sessions and its book loans are school records kept by staff: principals, archive keepers
and head teachers read them (a head teacher sees only their own children's names in them); carers and
district officers read none. Principals and archive keepers set the home up and change every session;
a head teacher changes the sessions they were on duty for or recorded. Loans follow the child: whoever
reads a child's loans may record and return them.
"""

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from activities.models import BookLoan, ChildrensHome, HomeCall, HomeSession
from activities.selectors import reads_school_records
from children.scoping import child_records_for, children_for
from organisation import scoping
from organisation.models import User
from organisation.roles import Capability, Role


def homes_for(user: User) -> QuerySet[ChildrensHome]:
    """Homes a user reads: those of the schools whose classes they see, if they keep archives."""
    if not reads_school_records(user):
        return ChildrensHome.objects.none()
    return ChildrensHome.objects.filter(school_id__in=scoping.classes_for(user).values("school_id"))


def editable_homes_for(user: User) -> QuerySet[ChildrensHome]:
    """Homes a user may set up and change: their school's, if they manage activities."""
    if not user.is_authenticated or not user.can(Capability.MANAGE_ACTIVITIES):
        return ChildrensHome.objects.none()
    return homes_for(user)


def sessions_for(user: User) -> QuerySet[HomeSession]:
    return HomeSession.objects.filter(home__in=homes_for(user))


def editable_sessions_for(user: User) -> QuerySet[HomeSession]:
    """Sessions a user may change: every one of the school for its managers, else those they were on
    duty for or recorded."""
    qs = sessions_for(user)
    if not user.is_authenticated:
        return qs.none()
    if user.can(Capability.MANAGE_ACTIVITIES):
        return qs
    if user.role == Role.HEAD_TEACHER:
        return qs.filter(Q(duty=user) | Q(recorded_by=user))
    return qs.none()


def may_open_session(user: User, home: ChildrensHome) -> bool:
    """Who may log an opening: staff who read the home (a head teacher on duty too)."""
    return homes_for(user).filter(pk=home.pk).exists()


def loans_for(user: User) -> QuerySet[BookLoan]:
    """Loans a user reads: of the children they see, in a home they read."""
    return child_records_for(user, BookLoan.objects.filter(home__in=homes_for(user)))


def editable_loans_for(user: User) -> QuerySet[BookLoan]:
    """Loans a user may record or return: those they read (staff only, as the read rule already is)."""
    return loans_for(user)


def overdue_q(home: ChildrensHome, on: date | None = None) -> Q:
    """A loan of `home` is overdue on a day when it is not back and more than the home's loan period has
    passed since it was borrowed (the same rule as BookLoan.is_overdue)."""
    on = on or timezone.localdate()
    return Q(returned_on__isnull=True) & Q(borrowed_on__lt=on - timedelta(days=home.loan_days))


def session_list(user: User, home: ChildrensHome) -> QuerySet[HomeSession]:
    """The sessions of a home with their numbers of children and calls (children: all who came)."""
    return (
        sessions_for(user)
        .filter(home=home)
        .select_related("duty")
        .annotate(child_count=Count("children", distinct=True), call_count=Count("calls", distinct=True))
        .order_by("-date", "-start_time", "-pk")
    )


def session_children(user: User, session: HomeSession):
    """The children of a session the user may see, with their classes."""
    return children_for(user, session.children.all()).select_related("school_class").order_by("name")


def session_calls(user: User, session: HomeSession) -> QuerySet[HomeCall]:
    return child_records_for(
        user,
        HomeCall.objects.filter(session=session).select_related("contact__child", "contact__parent"),
        "contact__child",
    )


def loan_list(user: User, home: ChildrensHome, *, overdue_only: bool = False, open_only: bool = False):
    qs = loans_for(user).filter(home=home).select_related("child__school_class", "home")
    if overdue_only:
        qs = qs.filter(overdue_q(home))
    elif open_only:
        qs = qs.filter(returned_on__isnull=True)
    return qs


def home_panel(child, user) -> dict:
    """The child page's children's-home panel: visits, family-phone calls made there and books borrowed."""
    if not reads_school_records(user):
        return {"visible": False}
    sessions = list(sessions_for(user).filter(children=child).order_by("-date")[:5])
    visit_count = sessions_for(user).filter(children=child).count()
    calls = list(
        child_records_for(user, HomeCall.objects.filter(contact__child=child), "contact__child")
        .select_related("contact", "session")
        .order_by("-contact__date")[:5]
    )
    loans = list(loans_for(user).filter(child=child).select_related("home")[:5])
    today = timezone.localdate()
    for loan in loans:
        loan.overdue = loan.is_overdue(today)
    return {"visible": True, "sessions": sessions, "visit_count": visit_count, "calls": calls, "loans": loans}
