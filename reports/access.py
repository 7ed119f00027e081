"""Who may open a school's reports: the principal and the archive keeper of that school."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from organisation.models import Semester, User
from organisation.roles import Role

REPORT_ROLES = (Role.PRINCIPAL, Role.ARCHIVE_KEEPER)


def report_semester(user: User, pk: int, *, sign: bool = False) -> Semester:
    """A semester of the user's own school: 403 for roles without school reports (only the principal signs),
    404 for another school's semester."""
    allowed = (Role.PRINCIPAL,) if sign else REPORT_ROLES
    if not user.is_authenticated or user.role not in allowed or not user.school_id:
        raise PermissionDenied
    return get_object_or_404(Semester.objects.select_related("school"), pk=pk, school_id=user.school_id)


def district_officer(user: User) -> None:
    """403 for everyone but a district officer."""
    if not user.is_authenticated or user.role != Role.DISTRICT_OFFICER or not user.district_id:
        raise PermissionDenied


def school_reporter(user: User) -> None:
    """403 for everyone but the principal and the archive keeper of a school (who fill monthly reports)."""
    if not user.is_authenticated or user.role not in REPORT_ROLES or not user.school_id:
        raise PermissionDenied
