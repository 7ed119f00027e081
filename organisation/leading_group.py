"""The leading group (领导小组) of a school per school year: who reads it, who changes it, and its writes.

Read: everyone who sees the school (its staff and carers; the district officer of its district), since it
names staff, not children. Write: the school's principal (MANAGE_SCHOOL). Members who leave are ended
(`left_on`), never deleted, so each year's group stays on record; simple-history keeps every change.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import LeadingGroupMember, School, User
from organisation.roles import Capability
from organisation.scoping import current_semester, schools_for

ROLE_ORDER = Case(
    When(role=LeadingGroupMember.GroupRole.LEADER, then=Value(0)),
    When(role=LeadingGroupMember.GroupRole.DEPUTY, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def members_for(user: User) -> QuerySet[LeadingGroupMember]:
    return LeadingGroupMember.objects.filter(school__in=schools_for(user))


def editable_members_for(user: User) -> QuerySet[LeadingGroupMember]:
    if not user.is_authenticated or not user.can(Capability.MANAGE_SCHOOL):
        return LeadingGroupMember.objects.none()
    return LeadingGroupMember.objects.filter(school_id=user.school_id)


def school_year_of(school: School | int, on: date | None = None) -> int:
    """The school year a school is in: its current semester's, else the one a September start implies."""
    semester = current_semester(school)
    if semester is not None:
        return semester.school_year
    on = on or timezone.localdate()
    return on.year if on.month >= 8 else on.year - 1


def group_of(user: User, school: School, school_year: int) -> list[LeadingGroupMember]:
    """The group of one school year as the user may read it: current members first (leader, deputies,
    members), then those who left. Queries: 1."""
    return list(
        members_for(user)
        .filter(school=school, school_year=school_year)
        .select_related("user")
        .annotate(role_order=ROLE_ORDER)
        .order_by("left_on", "role_order", "pk")
    )


def years_of(user: User, school: School) -> list[int]:
    return list(
        members_for(user)
        .filter(school=school)
        .values_list("school_year", flat=True)
        .distinct()
        .order_by("-school_year")
    )


@transaction.atomic
def member_save(*, member: LeadingGroupMember, user: User) -> LeadingGroupMember:
    """Add or change a member of the principal's own school; a staff member is one of that school's."""
    if member.pk is None:
        if not user.can(Capability.MANAGE_SCHOOL) or member.school_id != user.school_id:
            raise ValidationError(_("You may not change this school's leading group."))
    elif not editable_members_for(user).filter(pk=member.pk).exists():
        raise ValidationError(_("You may not change this school's leading group."))
    if member.user_id and member.user.school_id != member.school_id:
        raise ValidationError({"user": _("This person works at another school.")})
    member.full_clean()
    member.save()
    return member


def member_end(*, member: LeadingGroupMember, user: User, on: date | None = None) -> LeadingGroupMember:
    """The member leaves the group on `on` (today); the row stays, so the year's group stays on record."""
    member.left_on = on or timezone.localdate()
    return member_save(member=member, user=user)
