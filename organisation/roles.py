"""Roles (DESIGN.md, "Who may see what") and what each may do.

A capability names a kind of work; views ask for a capability, templates show links for it. Which
*records* a user reaches is a separate question, answered by `organisation.scoping`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT_OFFICER = "district_officer", _("District officer")
    PREFECTURE_OFFICER = "prefecture_officer", _("Prefecture officer")
    PROVINCE_OFFICER = "province_officer", _("Province officer")
    PRINCIPAL = "principal", _("Principal")
    ARCHIVE_KEEPER = "archive_keeper", _("Archive keeper")
    HEAD_TEACHER = "head_teacher", _("Head teacher")
    CARER = "carer", _("Carer")


# Officers of an area (county, prefecture, province): counts only, never a child's name.
OFFICER_ROLES = ("district_officer", "prefecture_officer", "province_officer")


class Capability(models.TextChoices):
    VIEW_DISTRICT = "view_district", _("See district aggregates")
    VIEW_AREA = "view_area", _("See the counts of every county below, level by level")
    APPROVE_PERIODS = "approve_periods", _("Approve the months of the level below")
    VIEW_CHILDREN = "view_children", _("See children's archives")
    EDIT_ARCHIVES = "edit_archives", _("Change children's archives")
    LOG_CARE = "log_care", _("Log talks, visits and contacts")
    MANAGE_ACTIVITIES = "manage_activities", _("Record activities and assistance")
    IMPORT_ROSTER = "import_roster", _("Import rosters")
    EXPORT = "export", _("Export lists and reports to Excel")
    MANAGE_SCHOOL = "manage_school", _("Manage staff, classes, semesters and norms")
    VIEW_HISTORY = "view_history", _("See change history")
    RESTORE = "restore", _("Undo deletions")
    SEE_ID_NUMBERS = "see_id_numbers", _("See full ID numbers")
    SEE_PHONES = "see_phones", _("See full phone numbers")
    VIEW_REPORTS = "view_reports", _("See the report figures of the school or of one's classes")
    KEEP_REPORTS = "keep_reports", _("Keep the school's reports: students on roll, summary drafts, monthly reports")
    SIGN_REPORTS = "sign_reports", _("Sign and reopen the semester summary")


_SCHOOL_WIDE = {
    Capability.VIEW_CHILDREN,
    Capability.EDIT_ARCHIVES,
    Capability.LOG_CARE,
    Capability.MANAGE_ACTIVITIES,
    Capability.IMPORT_ROSTER,
    Capability.EXPORT,
    Capability.VIEW_HISTORY,
    Capability.SEE_ID_NUMBERS,
    Capability.SEE_PHONES,
    Capability.VIEW_REPORTS,
    Capability.KEEP_REPORTS,
}

CAPABILITIES: dict[str, frozenset[str]] = {
    Role.DISTRICT_OFFICER: frozenset({Capability.VIEW_DISTRICT, Capability.VIEW_AREA, Capability.APPROVE_PERIODS}),
    Role.PREFECTURE_OFFICER: frozenset({Capability.VIEW_AREA, Capability.APPROVE_PERIODS}),
    Role.PROVINCE_OFFICER: frozenset({Capability.VIEW_AREA}),
    Role.PRINCIPAL: frozenset(_SCHOOL_WIDE | {Capability.MANAGE_SCHOOL, Capability.RESTORE, Capability.SIGN_REPORTS}),
    Role.ARCHIVE_KEEPER: frozenset(_SCHOOL_WIDE),
    Role.HEAD_TEACHER: frozenset(
        {
            Capability.VIEW_CHILDREN,
            Capability.EDIT_ARCHIVES,
            Capability.LOG_CARE,
            Capability.EXPORT,
            Capability.VIEW_HISTORY,
            Capability.SEE_ID_NUMBERS,
            Capability.SEE_PHONES,
            Capability.VIEW_REPORTS,
        }
    ),
    Role.CARER: frozenset({Capability.VIEW_CHILDREN, Capability.LOG_CARE}),
}


def capabilities_of(role: str) -> frozenset[str]:
    return CAPABILITIES.get(role, frozenset())
