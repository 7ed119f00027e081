"""Who may see and change what of the inspections: the one rule of this app, built on organisation.scoping.

- Index: the district officer reads and edits their district's; a school's reporters read their district's.
- Inspection: the school's reporters (KEEP_REPORTS: principal, archive keeper) read every version of their own
  school's and change its draft; the district officer reads the submitted versions of the district's schools
  (scores and evidence, never a child's name: the lists behind the values are the school's only) and reviews
  the latest submitted one until it is returned or accepted.
- Evidence files follow the inspections they belong to. Action items: the school reads and closes its own;
  the district reads its schools'.
Anything outside these querysets answers 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from inspection.models import ActionItem, EvidenceFile, Index, Inspection
from organisation.models import User
from organisation.roles import Capability


def is_reporter(user: User) -> bool:
    return user.is_authenticated and bool(user.school_id) and user.can(Capability.KEEP_REPORTS)


def is_officer(user: User) -> bool:
    return user.is_authenticated and bool(user.district_id) and user.can(Capability.VIEW_DISTRICT)


def require_reporter(user: User) -> None:
    if not is_reporter(user):
        raise PermissionDenied


def require_officer(user: User) -> None:
    if not is_officer(user):
        raise PermissionDenied


def indexes_for(user: User) -> QuerySet[Index]:
    if is_officer(user):
        return Index.objects.filter(district_id=user.district_id)
    if is_reporter(user):
        return Index.objects.filter(district_id=user.school.district_id)
    return Index.objects.none()


def editable_indexes_for(user: User) -> QuerySet[Index]:
    return Index.objects.filter(district_id=user.district_id) if is_officer(user) else Index.objects.none()


def inspections_for(user: User) -> QuerySet[Inspection]:
    if is_reporter(user):
        return Inspection.objects.filter(school_id=user.school_id)
    if is_officer(user):
        return Inspection.objects.filter(school__district_id=user.district_id, submitted_at__isnull=False)
    return Inspection.objects.none()


def editable_inspections_for(user: User) -> QuerySet[Inspection]:
    """Drafts the user may fill in: their own school's."""
    if is_reporter(user):
        return Inspection.objects.filter(school_id=user.school_id, submitted_at__isnull=True)
    return Inspection.objects.none()


def reviewable_inspections_for(user: User) -> QuerySet[Inspection]:
    """Submitted versions the officer may still score, return or accept (services check that it is the latest)."""
    if is_officer(user):
        return Inspection.objects.filter(
            school__district_id=user.district_id,
            submitted_at__isnull=False,
            returned_at__isnull=True,
            accepted_at__isnull=True,
        )
    return Inspection.objects.none()


def evidence_for(user: User) -> QuerySet[EvidenceFile]:
    return EvidenceFile.objects.filter(answers__inspection__in=inspections_for(user).values("pk")).distinct()


def action_items_for(user: User) -> QuerySet[ActionItem]:
    if is_reporter(user):
        return ActionItem.objects.filter(school_id=user.school_id)
    if is_officer(user):
        return ActionItem.objects.filter(school__district_id=user.district_id)
    return ActionItem.objects.none()


def closable_action_items_for(user: User) -> QuerySet[ActionItem]:
    if is_reporter(user):
        return ActionItem.objects.filter(school_id=user.school_id, closed_at__isnull=True)
    return ActionItem.objects.none()
