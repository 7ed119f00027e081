"""Reports: the semester summary is for the principal and the archive keeper of the school; only the
principal signs and reopens. Another school's semester is 404; every other role 403."""

from tests.matrix import Row, everyone

READERS = everyone(403, principal=200, archive_keeper=200, other_principal=404)
WRITERS = everyone(403, principal=302, archive_keeper=302, other_principal=404)
SIGNER = everyone(403, principal=302, other_principal=404)
NARRATIVE = {"achievements": "结对帮扶全覆盖。", "problems": "家访不足。", "next_steps": "每月家访一次。"}


def _semester(w):
    return {"pk": w.semester.pk}


ROWS = [
    Row("reports:summary_current", everyone(403, principal=302, archive_keeper=302, other_principal=302)),
    Row("reports:summary", READERS, kwargs=_semester),
    Row("reports:summary", WRITERS, kwargs=_semester, method="post", data=lambda w: NARRATIVE),
    Row("reports:summary_sign", SIGNER, kwargs=_semester, method="post"),
    Row("reports:summary_reopen", SIGNER, kwargs=_semester, method="post"),
]
ROWS += [
    Row("reports:enrolment", READERS, kwargs=_semester),
    Row(
        "reports:enrolment",
        WRITERS,
        kwargs=_semester,
        method="post",
        data=lambda w: {f"class_{w.class_1.pk}": "45", f"class_{w.class_2.pk}": ""},
    ),
]
ROWS += [
    Row("reports:dashboard", everyone(403, principal=200, archive_keeper=200, other_principal=302)),
    Row("reports:figure_children", READERS, kwargs=lambda w: {"pk": w.semester.pk, "key": "talks"}),
]
ROWS += [Row("reports:summary_workbook", READERS, kwargs=_semester)]
ROWS += [Row("reports:tables", READERS, kwargs=_semester)]
