"""Writes of the children's home: the home itself, its openings (with the children who came and the
family-phone calls made there) and its book loans. Each checks its write rule (activities.home_selectors)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from activities import home_selectors as rules
from activities.models import BookLoan, ChildrensHome, HomeCall, HomeSession
from children.models import Child
from children.scoping import children_for
from guardians.models import ParentContact
from guardians.services import parent_contact_save
from organisation.models import SchoolClass, User
from organisation.roles import Capability


def home_save(*, home: ChildrensHome, user: User) -> ChildrensHome:
    """Set up or change the school's home: only its managers (`editable_homes_for`), only their school."""
    if home.pk is None:
        if not user.can(Capability.MANAGE_ACTIVITIES) or home.school_id != user.school_id:
            raise ValidationError(_("You may not set up the children's home of this school."))
    elif not rules.editable_homes_for(user).filter(pk=home.pk).exists():
        raise ValidationError(_("You may not change this children's home."))
    home.full_clean()
    home.save()
    return home


def session_save(*, session: HomeSession, user: User) -> HomeSession:
    """Log an opening of a home the user reads, or change one the write rule allows; the first save
    records who."""
    if session.pk is None:
        if not rules.may_open_session(user, session.home):
            raise ValidationError(_("You may not log openings of this children's home."))
        session.recorded_by = user
    elif not rules.editable_sessions_for(user).filter(pk=session.pk).exists():
        raise ValidationError(_("You may not change this session."))
    session.full_clean(exclude=["recorded_by"])
    session.save()
    return session


def session_add_children(*, session: HomeSession, children: Iterable[Child | int], user: User) -> int:
    """Add children the user sees, of the home's school, to a session; those already there stay. Returns
    how many were new."""
    ids = {c.pk if isinstance(c, Child) else int(c) for c in children}
    allowed = set(children_for(user).filter(pk__in=ids, school_id=session.home.school_id).values_list("pk", flat=True))
    if allowed != ids:
        raise ValidationError(_("Some of these children are not yours to add."))
    new = allowed - set(session.children.filter(pk__in=allowed).values_list("pk", flat=True))
    if new:
        session.children.add(*new)
    return len(new)


@transaction.atomic
def session_add_class(*, session: HomeSession, school_class: SchoolClass, user: User) -> int:
    """Add every active left-behind child of a class (as far as the user sees them) in one step."""
    ids = children_for(user).active().filter(school_class=school_class).values_list("pk", flat=True)
    return session_add_children(session=session, children=list(ids), user=user)


def session_remove_child(*, session: HomeSession, child: Child) -> None:
    session.children.remove(child)


@transaction.atomic
def home_call_save(*, session: HomeSession, contact: ParentContact, user: User) -> HomeCall:
    """A family-phone call made at the home during a session: a parent contact started by the child, by
    call or video, whose place is the home. The child came to the session (added if not yet)."""
    if contact.channel not in (ParentContact.Channel.CALL, ParentContact.Channel.VIDEO):
        raise ValidationError({"channel": _("A family-phone call is a phone or video call.")})
    contact.initiated_by = ParentContact.Initiator.CHILD
    contact.place = session.home.name
    if contact.date != session.date:
        raise ValidationError({"date": _("The call is on the day of the session.")})
    parent_contact_save(contact=contact, user=user)
    session_add_children(session=session, children=[contact.child_id], user=user)
    return HomeCall.objects.create(session=session, contact=contact)


def loan_save(*, loan: BookLoan, user: User) -> BookLoan:
    """Record a loan of a child the user sees (a child of the home's school), or change one they may."""
    if loan.pk is None:
        if not children_for(user).filter(pk=loan.child_id, school_id=loan.home.school_id).exists():
            raise ValidationError({"child": _("You may not record loans for this child.")})
        if not rules.homes_for(user).filter(pk=loan.home_id).exists():
            raise ValidationError(_("You may not record loans of this children's home."))
        loan.recorded_by = user
    elif not rules.editable_loans_for(user).filter(pk=loan.pk).exists():
        raise ValidationError(_("You may not change this loan."))
    loan.full_clean(exclude=["recorded_by"])
    loan.save()
    return loan


def loan_return(*, loan: BookLoan, on, user: User) -> BookLoan:
    """The book came back on `on`."""
    loan.returned_on = on
    return loan_save(loan=loan, user=user)
