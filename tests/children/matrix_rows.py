from tests.matrix import Row, everyone

ROWS = [
    Row(
        "children:detail",
        everyone(404, principal=200, archive_keeper=200, head_teacher=200, carer_user=200, district_officer=403),
        kwargs=lambda w: {"pk": w.child_1.pk},
    ),
]
