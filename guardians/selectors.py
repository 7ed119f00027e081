"""Reads of the guardians app: the one read rule and the one write rule for parent contacts."""

from django.db.models import QuerySet

from children.scoping import child_records_for
from guardians.models import Parent, ParentContact, ResultImport, RosterImport
from organisation import scoping
from organisation.models import User
from organisation.roles import Capability, Role
from organisation.scoping import editable_ids


def contacts_for(user: User) -> QuerySet[ParentContact]:
    """Contacts a user may read: those of every child they see (a carer: the children paired with them)."""
    return child_records_for(user, ParentContact.objects.all())


def editable_contacts_for(user: User) -> QuerySet[ParentContact]:
    """Contacts a user may change: staff who log care, those they read; a carer only those they recorded."""
    if not user.is_authenticated or not user.can(Capability.LOG_CARE):
        return ParentContact.objects.none()
    qs = contacts_for(user)
    if user.role == Role.CARER:
        return qs.filter(recorded_by=user)
    return qs


def editable_contact_ids(user: User, contacts: list[ParentContact]) -> set[int]:
    """Which of `contacts` the user may change, in one query (none for no contacts)."""
    return editable_ids(editable_contacts_for(user), contacts)


def contact_list_for(user: User) -> QuerySet[ParentContact]:
    """Every contact a user reads, newest first, with child, parent and recorder: the parent-contact list
    (paged) and its export (all of them). One query."""
    return contacts_for(user).select_related("child", "parent", "recorded_by").order_by("-date", "-created_at", "-pk")


def mark_editable_contacts(user: User, contacts: list[ParentContact]) -> list[ParentContact]:
    """Mark each of `contacts` `may_edit` by the write rule, in one query; returns the contacts."""
    editable = editable_contact_ids(user, contacts)
    for contact in contacts:
        contact.may_edit = contact.pk in editable
    return contacts


def contact_parents_for(child) -> QuerySet[Parent]:
    """The parents a contact about `child` may name: the child's own."""
    return Parent.objects.filter(child=child)


def roster_imports_for(user: User) -> QuerySet[RosterImport]:
    """Roster imports a user may read: those of their school, for whoever imports rosters there."""
    if not user.is_authenticated or not user.can(Capability.IMPORT_ROSTER) or user.school_id is None:
        return RosterImport.objects.none()
    return RosterImport.objects.filter(school_id=user.school_id)


def editable_roster_imports_for(user: User) -> QuerySet[RosterImport]:
    """Roster imports a user may confirm or change: the same as they read."""
    return roster_imports_for(user)


def result_imports_for(user: User) -> QuerySet[ResultImport]:
    """Exam-sheet imports a user may read: those of the classes they reach, for whoever enters results
    (the write rule of academic results: EDIT_ARCHIVES, a head teacher their own classes)."""
    if not user.is_authenticated or not user.can(Capability.EDIT_ARCHIVES):
        return ResultImport.objects.none()
    return ResultImport.objects.filter(school_class__in=scoping.classes_for(user))


def editable_result_imports_for(user: User) -> QuerySet[ResultImport]:
    """Exam-sheet imports a user may check and confirm: the same as they read."""
    return result_imports_for(user)
