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
