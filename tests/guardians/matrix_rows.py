from django.utils import timezone

from tests.guardians.factories import ParentContactFactory
from tests.matrix import Row, everyone

CHILD_1 = {"kwargs": lambda w: {"pk": w.child_1.pk}}
SEES_CHILD_1 = everyone(404, principal=200, archive_keeper=200, head_teacher=200, carer_user=200, district_officer=403)

ROWS = [
    Row("guardians:archive_create", everyone(200, district_officer=403, carer_user=403)),
    Row(
        "guardians:archive_edit",
        everyone(404, principal=200, archive_keeper=200, head_teacher=200, district_officer=403, carer_user=403),
        **CHILD_1,
    ),
    Row("guardians:contact_card", SEES_CHILD_1, **CHILD_1),
    Row(
        "guardians:class_contact_cards",
        everyone(404, principal=200, archive_keeper=200, head_teacher=200, district_officer=403),
        kwargs=lambda w: {"pk": w.class_1.pk},
    ),
]


def _post(w):
    from tests.guardians.conftest import archive_post

    return archive_post(w)


def _edit_post(w):
    from tests.guardians.conftest import archive_post

    return archive_post(w, child={"child-name": w.child_1.name})


ROWS += [
    # Saving puts the child in class 1: only those who reach class 1 succeed (302); the others see
    # the form again because class 1 is not among their choices (200).
    Row(
        "guardians:archive_create",
        everyone(200, principal=302, archive_keeper=302, head_teacher=302, district_officer=403, carer_user=403),
        method="post",
        data=_post,
        note="saves",
    ),
    Row(
        "guardians:archive_edit",
        everyone(404, principal=302, archive_keeper=302, head_teacher=302, district_officer=403, carer_user=403),
        method="post",
        data=_edit_post,
        note="saves",
        **CHILD_1,
    ),
]

# The parent-contact log: whoever logs care work; a contact of child_1 recorded by its head teacher may be
# changed by the staff who see child_1 but not by the carer (404, like a record outside their scope).
LOGGERS = everyone(200, district_officer=403)
CHILD_1_LOG = everyone(200, district_officer=403, other_head_teacher=404, other_principal=404)
HEAD_TEACHERS_RECORD = everyone(200, district_officer=403, other_head_teacher=404, other_principal=404, carer_user=404)

ROWS += [
    Row("guardians:contact_list", LOGGERS),
    # Carers log contacts but do not export lists.
    Row("guardians:contact_list_export", everyone(200, district_officer=403, carer_user=403)),
    # The child list as a roster: whoever exports the child list.
    Row("guardians:roster_export", everyone(200, district_officer=403, carer_user=403)),
    Row("guardians:contact_create", CHILD_1_LOG, kwargs=lambda w: {"child_pk": w.child_1.pk}),
    Row(
        "guardians:contact_create",
        everyone(302, district_officer=403, other_head_teacher=404, other_principal=404),
        kwargs=lambda w: {"child_pk": w.child_1.pk},
        method="post",
        data=lambda w: {
            "date": timezone.localdate().isoformat(),
            "counterpart": "parent",
            "channel": "call",
            "initiated_by": "school",
            "reached": "True",
            "summary": "妈妈说春节回家。",
        },
        note="saves",
    ),
    Row(
        "guardians:contact_edit",
        HEAD_TEACHERS_RECORD,
        kwargs=lambda w: {"pk": ParentContactFactory(child=w.child_1, recorded_by=w.head_teacher).pk},
    ),
]


# Roster import: whoever imports rosters for the school (principal, archive keeper); head teachers, carers
# and the district may not (403); another school's principal does not reach this school's imports (404).
IMPORTERS = everyone(403, principal=200, archive_keeper=200, other_principal=200)
THIS_SCHOOLS_IMPORT = everyone(403, principal=200, archive_keeper=200, other_principal=404)


def _staged_import(w, *, confirm=False):
    from guardians.roster_services import roster_confirm, roster_stage
    from tests.guardians.roster_files import roster_row, xlsx_bytes

    staged = roster_stage(data=xlsx_bytes([roster_row(1)]), file_name="花名册.xlsx", user=w.archive_keeper)
    return roster_confirm(staged=staged, user=w.archive_keeper) if confirm else staged


ROWS += [
    Row("guardians:roster_upload", IMPORTERS),
    Row("guardians:roster_template", IMPORTERS),
    Row("guardians:roster_mapping", THIS_SCHOOLS_IMPORT, kwargs=lambda w: {"pk": _staged_import(w).pk}),
    Row("guardians:roster_preview", THIS_SCHOOLS_IMPORT, kwargs=lambda w: {"pk": _staged_import(w).pk}),
    Row("guardians:roster_errors", THIS_SCHOOLS_IMPORT, kwargs=lambda w: {"pk": _staged_import(w).pk}),
    Row(
        "guardians:roster_preview",
        everyone(403, principal=302, archive_keeper=302, other_principal=404),
        kwargs=lambda w: {"pk": _staged_import(w).pk},
        method="post",
        note="confirms",
    ),
    Row(
        "guardians:roster_undo",
        everyone(403, principal=302, other_principal=404),
        kwargs=lambda w: {"pk": _staged_import(w, confirm=True).pk},
        method="post",
    ),
]


def _checking(staged):
    """The import as its background check runs (the progress page shows it rather than going on)."""
    from django.utils import timezone

    type(staged).objects.filter(pk=staged.pk).update(phase="checking", progress_total=1, phase_at=timezone.now())
    return {"pk": staged.pk}


ROWS += [
    Row("guardians:roster_progress", THIS_SCHOOLS_IMPORT, kwargs=lambda w: _checking(_staged_import(w))),
    Row("guardians:roster_progress_json", THIS_SCHOOLS_IMPORT, kwargs=lambda w: _checking(_staged_import(w))),
]

ROWS += [
    Row("guardians:school_year", everyone(403, principal=200, other_principal=200)),
    Row("guardians:school_year", everyone(403, principal=302, other_principal=302), method="post", note="promotes"),
]


# Exam-results import: whoever enters results by hand (EDIT_ARCHIVES: principals, archive keepers, head
# teachers); a head teacher reaches only imports of their own classes (404), carers and the district 403.
RESULT_TAKERS = everyone(200, district_officer=403, carer_user=403)
CLASS_1_IMPORT = everyone(200, district_officer=403, carer_user=403, other_head_teacher=404, other_principal=404)


def _staged_results(w, *, confirm=False):
    from guardians.results_services import results_confirm, results_stage
    from tests.guardians.roster_files import exam_sheet_bytes

    staged = results_stage(
        data=exam_sheet_bytes([[w.child_1.name, "", 300]]),
        file_name="成绩.xlsx",
        user=w.principal,
        school_class=w.class_1,
        semester=w.semester,
        exam="期中考试",
    )
    return results_confirm(staged=staged, user=w.principal) if confirm else staged


ROWS += [
    Row("guardians:results_upload", RESULT_TAKERS),
    Row("guardians:results_template", RESULT_TAKERS),
    Row("guardians:results_mapping", CLASS_1_IMPORT, kwargs=lambda w: {"pk": _staged_results(w).pk}),
    Row("guardians:results_preview", CLASS_1_IMPORT, kwargs=lambda w: {"pk": _staged_results(w).pk}),
    Row("guardians:results_errors", CLASS_1_IMPORT, kwargs=lambda w: {"pk": _staged_results(w).pk}),
    Row("guardians:results_progress", CLASS_1_IMPORT, kwargs=lambda w: _checking(_staged_results(w))),
    Row("guardians:results_progress_json", CLASS_1_IMPORT, kwargs=lambda w: _checking(_staged_results(w))),
    Row(
        "guardians:results_preview",
        everyone(302, district_officer=403, carer_user=403, other_head_teacher=404, other_principal=404),
        kwargs=lambda w: {"pk": _staged_results(w).pk},
        method="post",
        note="confirms",
    ),
    Row(
        "guardians:results_undo",
        everyone(403, principal=302, other_principal=404),
        kwargs=lambda w: {"pk": _staged_results(w, confirm=True).pk},
        method="post",
    ),
]
