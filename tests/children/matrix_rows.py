from django.utils import timezone

from tests.children.factories import AcademicResultFactory
from tests.matrix import Row, everyone

# Who may use each view, and who reaches child_1 (class 1, paired with carer_user).
SEES_CHILD_1 = everyone(404, principal=200, archive_keeper=200, head_teacher=200, carer_user=200, district_officer=403)
EDITS_CHILD_1 = everyone(404, principal=200, archive_keeper=200, head_teacher=200, district_officer=403, carer_user=403)
EDITORS = everyone(200, district_officer=403, carer_user=403)
CHILD_1 = {"kwargs": lambda w: {"pk": w.child_1.pk}}


def _deleted_child(w):
    from children.services import child_soft_delete

    child_soft_delete(child=w.child_1, user=w.principal)
    return {"pk": w.child_1.pk}


def _result(w):
    return {"pk": AcademicResultFactory(child=w.child_1, semester=w.semester).pk}


ROWS = [
    Row("children:list", everyone(200, district_officer=403)),
    Row("children:detail", SEES_CHILD_1, **CHILD_1),
    Row(
        "children:history",
        everyone(404, principal=200, archive_keeper=200, head_teacher=200, district_officer=403, carer_user=403),
        **CHILD_1,
    ),
    Row("children:status", EDITS_CHILD_1, **CHILD_1),
    Row(
        "children:status",
        {**EDITS_CHILD_1, "principal": 302, "archive_keeper": 302, "head_teacher": 302},
        method="post",
        data=lambda w: {"status": "no_longer", "date": timezone.localdate().isoformat()},
        note="saves",
        **CHILD_1,
    ),
    Row("children:delete", EDITS_CHILD_1, **CHILD_1),
    Row(
        "children:delete",
        {**EDITS_CHILD_1, "principal": 302, "archive_keeper": 302, "head_teacher": 302},
        method="post",
        note="deletes",
        **CHILD_1,
    ),
    Row("children:deleted", everyone(403, principal=200, other_principal=200)),
    Row(
        "children:restore",
        everyone(403, principal=302, other_principal=404),
        kwargs=_deleted_child,
        method="post",
    ),
    Row("children:completeness", EDITORS),
    # Exports: the list's roles that may export (carers may see the list but not export it).
    Row("children:export", everyone(200, district_officer=403, carer_user=403)),
    Row("children:completeness_export", EDITORS),
    Row("children:result_create", EDITS_CHILD_1, kwargs=lambda w: {"child_pk": w.child_1.pk}),
    Row("children:result_edit", EDITS_CHILD_1, kwargs=_result),
]

# The safety responsibility letters: staff who keep archives see their children's; signing follows the
# archive's write rule (another class or school: 404).
ROWS += [
    Row("children:safety_letters", EDITORS),
    Row("children:safety_letters_export", EDITORS),
    Row(
        "children:safety_letter_sign",
        everyone(404, principal=302, archive_keeper=302, head_teacher=302, district_officer=403, carer_user=403),
        **CHILD_1,
        method="post",
        data=lambda w: {"signed_on": timezone.localdate().isoformat()},
    ),
]
