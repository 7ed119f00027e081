"""Changes to schools' organisation: staff accounts, classes, semesters. Each is atomic."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organisation.models import SchoolClass, Semester, User
from organisation.roles import Role


@transaction.atomic
def staff_save(*, member: User) -> User:
    """Save a school's staff account: it belongs to a school and has a school role, never the district's."""
    if member.school_id is None or member.role not in Role.values or member.role == Role.DISTRICT_OFFICER:
        raise ValidationError(_("A staff account belongs to a school and has a school role."))
    member.save()
    return member


@transaction.atomic
def staff_password_set(*, member: User, password: str) -> User:
    """Give a staff member a new password, stored hashed only (the form has checked its strength)."""
    member.set_password(password)
    member.save(update_fields=["password"])
    return member


@transaction.atomic
def class_save(*, school_class: SchoolClass, head_teachers: Iterable[User]) -> SchoolClass:
    """Save a class with its head teachers, together; a head teacher is staff of the class's own school."""
    head_teachers = list(head_teachers)
    if any(teacher.school_id != school_class.school_id for teacher in head_teachers):
        raise ValidationError(_("A head teacher must work at the class's school."))
    school_class.save()
    school_class.head_teachers.set(head_teachers)
    return school_class


@transaction.atomic
def semester_save(*, semester: Semester) -> Semester:
    """Save a semester; making it current un-marks the school's previous current semester in the same
    transaction (the database allows only one current semester per school)."""
    if semester.is_current:
        Semester.objects.filter(school_id=semester.school_id, is_current=True).exclude(pk=semester.pk).update(
            is_current=False
        )
    semester.save()
    return semester
