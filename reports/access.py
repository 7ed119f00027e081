"""Who may open a school's reports, and over which children: the one rule of the reports app.

Views ask for a capability (organisation.roles): VIEW_REPORTS opens the dashboard, the drill-downs, the
summary page and its workbook; KEEP_REPORTS enters students on roll, writes the summary's draft and the
monthly reports; SIGN_REPORTS signs and reopens the summary. Which children the figures count is
`report_scope`, built from the scoping rules (children.scoping, organisation.scoping): the whole school for
school-wide roles, a head teacher's classes for a head teacher.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from children.scoping import children_for
from organisation import scoping
from organisation.models import Semester, User
from organisation.roles import Capability
from reports.figures import Scope


def _require(user: User, capability: Capability) -> None:
    if not user.is_authenticated or not user.can(capability) or not user.school_id:
        raise PermissionDenied


def report_scope(user: User) -> Scope:
    """The children whose figures `user` sees: the whole school, or a head teacher's classes; 403 without
    VIEW_REPORTS."""
    _require(user, Capability.VIEW_REPORTS)
    if scoping.sees_whole_school(user):
        return Scope(school=user.school, children=children_for(user))
    return Scope(school=user.school, children=children_for(user), classes=scoping.classes_for(user))


def report_semester(user: User, pk: int, *, capability: Capability = Capability.VIEW_REPORTS) -> Semester:
    """A semester of the user's own school: 403 without `capability`, 404 for another school's semester."""
    _require(user, capability)
    return get_object_or_404(Semester.objects.select_related("school"), pk=pk, school_id=user.school_id)


def may_keep_reports(user: User) -> bool:
    return user.is_authenticated and bool(user.school_id) and user.can(Capability.KEEP_REPORTS)


def district_officer(user: User) -> None:
    """403 for everyone but a district officer."""
    if not user.is_authenticated or not user.can(Capability.VIEW_DISTRICT) or not user.district_id:
        raise PermissionDenied


def school_reporter(user: User) -> None:
    """403 for everyone who does not keep a school's reports (the monthly reports)."""
    _require(user, Capability.KEEP_REPORTS)


def list_scope(user: User) -> Scope:
    """The scope of the lists behind figures: a school's staff only. A district officer sees counts, never the
    names behind them: the lists are not found (404) for them, as for anyone without a school."""
    if user.is_authenticated and (user.can(Capability.VIEW_DISTRICT) or not user.school_id):
        raise Http404
    return report_scope(user)
