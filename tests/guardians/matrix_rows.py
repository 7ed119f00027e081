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
