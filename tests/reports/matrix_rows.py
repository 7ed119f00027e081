"""Reports: the principal and the archive keeper see the school's figures, enter students on roll and write the
summary's draft; only the principal signs and reopens. A head teacher sees the dashboard, the drill-downs, the
summary page and its workbook for their classes, and nothing else. Another school's semester is 404; every
other role 403."""

from tests.matrix import Row, everyone

KEEPERS = everyone(403, principal=200, archive_keeper=200, other_principal=404)
READERS = everyone(
    403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=200, other_principal=404
)
WRITERS = everyone(403, principal=302, archive_keeper=302, other_principal=404)
SIGNER = everyone(403, principal=302, other_principal=404)
NARRATIVE = {"achievements": "结对帮扶全覆盖。", "problems": "家访不足。", "next_steps": "每月家访一次。"}


def _semester(w):
    return {"pk": w.semester.pk}


ROWS = [
    Row(
        "reports:summary_current",
        everyone(403, principal=302, archive_keeper=302, head_teacher=302, other_head_teacher=302, other_principal=302),
    ),
    Row("reports:summary", READERS, kwargs=_semester),
    Row("reports:summary", WRITERS, kwargs=_semester, method="post", data=lambda w: NARRATIVE),
    Row("reports:summary_sign", SIGNER, kwargs=_semester, method="post"),
    Row("reports:summary_reopen", SIGNER, kwargs=_semester, method="post"),
]
ROWS += [
    Row("reports:enrolment", KEEPERS, kwargs=_semester),
    Row("reports:enrolment_export", KEEPERS, kwargs=_semester),
    Row(
        "reports:enrolment",
        WRITERS,
        kwargs=_semester,
        method="post",
        data=lambda w: {f"class_{w.class_1.pk}": "45", f"class_{w.class_2.pk}": ""},
    ),
]
ROWS += [
    Row(
        "reports:dashboard",
        everyone(403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=200, other_principal=302),
    ),
    Row("reports:figure_children", READERS, kwargs=lambda w: {"pk": w.semester.pk, "key": "talks"}),
    # The list behind a summary's figure: the readers of the summary; a district officer never sees names (404).
    Row(
        "reports:summary_figure",
        {**READERS, "district_officer": 404},
        kwargs=lambda w: {"pk": w.semester.pk, "key": "talks"},
    ),
]
ROWS += [
    Row(
        "reports:monthly_figure",
        everyone(403, principal=200, archive_keeper=200, other_principal=200, district_officer=404),
        kwargs=lambda w: {**_month(w), "key": "talks"},
    )
]
ROWS += [Row("reports:summary_workbook", READERS, kwargs=_semester)]
ROWS += [Row("reports:summary_pdf", READERS, kwargs=_semester)]

# --- Monthly reports: the school's principal and archive keeper fill and submit their own school's report
# (the URL names no school); only a district officer sets, reads, returns and rolls up, within the district.

SCHOOL_REPORTERS = everyone(403, principal=200, archive_keeper=200, other_principal=200)
SCHOOL_SUBMITTERS = everyone(403, principal=302, archive_keeper=302, other_principal=302)
DISTRICT_ONLY = everyone(403, district_officer=200)
DISTRICT_WRITES = everyone(403, district_officer=302)


def _last_window(w):
    from django.utils import timezone

    from reports.monthly import previous_window, window_of

    return previous_window(window_of(timezone.localdate(), 22), 22)


def _next_version(model, **same) -> int:
    """The next version number, so that rows built for one world (the CSP test builds many) never collide."""
    return model.objects.filter(**same).count() + 1


def _month(w):
    last = _last_window(w)
    return {"year": last.year, "month": last.month}


def _item(w):
    from reports.models import InformationItem, MonthlyReport

    last = _last_window(w)
    report = MonthlyReport.objects.create(
        school=w.school,
        year=last.year,
        month=last.month,
        version=_next_version(MonthlyReport, school=w.school, year=last.year, month=last.month),
        period_start=last.period.start,
        period_end=last.period.end,
        due_on=last.due_on,
    )
    item = InformationItem.objects.create(report=report, title="读书月", date=last.period.end, text="开展读书活动。")
    return {"pk": item.pk}


def _submitted(w):
    from django.utils import timezone

    from reports.models import MonthlyReport

    last = _last_window(w)
    report = MonthlyReport.objects.create(
        school=w.school,
        year=last.year,
        month=last.month,
        version=_next_version(MonthlyReport, school=w.school, year=last.year, month=last.month),
        period_start=last.period.start,
        period_end=last.period.end,
        due_on=last.due_on,
        snapshot={"period": [], "rows": [["basic", "lbc", 2]], "norms": {}, "checks": [], "figures": [2]},
        submitted_at=timezone.now(),
        submitted_by=w.principal,
    )
    return {"pk": report.pk}


def _item_data(w):
    last = _last_window(w)
    return {"title": "读书月", "date": last.period.end.isoformat(), "text": "开展读书活动。"}


ROWS += [
    Row("reports:monthly_list", SCHOOL_REPORTERS),
    Row("reports:monthly_list_export", SCHOOL_REPORTERS),
    Row("reports:monthly_current", SCHOOL_SUBMITTERS),
    Row("reports:monthly_report", SCHOOL_REPORTERS, kwargs=_month),
    Row("reports:monthly_report", SCHOOL_SUBMITTERS, kwargs=_month, method="post", data=_item_data),
    Row("reports:monthly_submit", SCHOOL_SUBMITTERS, kwargs=_month, method="post"),
    Row("reports:monthly_item", everyone(403, principal=200, archive_keeper=200, other_principal=404), kwargs=_item),
    Row(
        "reports:monthly_item_delete",
        everyone(403, principal=302, archive_keeper=302, other_principal=404),
        kwargs=_item,
        method="post",
    ),
    Row("reports:district_settings", DISTRICT_ONLY),
    Row(
        "reports:district_settings",
        DISTRICT_WRITES,
        method="post",
        data=lambda w: {"report_day": "20", "figures": ["2", "9"], "items_required": "2"},
    ),
    Row("reports:district_reports", DISTRICT_ONLY),
    Row("reports:district_report", DISTRICT_ONLY, kwargs=_submitted),
    Row(
        "reports:district_return",
        DISTRICT_WRITES,
        kwargs=_submitted,
        method="post",
        data=lambda w: {"comment": "请补充照片。"},
    ),
    # A principal cannot accept their own report: only the district officer accepts.
    Row("reports:district_accept", DISTRICT_WRITES, kwargs=_submitted, method="post"),
    Row("reports:district_rollup", DISTRICT_ONLY),
    # The levels (reports.levels): an officer's own area and those below; out of scope is 404.
    Row("reports:area_home", everyone(404, district_officer=302)),
    Row(
        "reports:area", everyone(404, district_officer=200), kwargs=lambda w: {"level": "district", "pk": w.district.pk}
    ),
    Row(
        "reports:area_approve",
        everyone(404, district_officer=302),
        kwargs=lambda w: {"level": "district", "pk": w.district.pk},
        method="post",
    ),
    Row(
        "reports:area_unapprove",
        everyone(404, district_officer=302),
        kwargs=lambda w: {"level": "district", "pk": w.district.pk},
        method="post",
        data=lambda w: {"reason": "数据有误"},
    ),
    Row("reports:district_workbook", DISTRICT_ONLY),
]


def _signed_summary(w):
    from django.utils import timezone

    from reports.models import SemesterSummary

    summary = SemesterSummary.objects.create(
        school=w.school,
        semester=w.semester,
        version=_next_version(SemesterSummary, school=w.school, semester=w.semester),
        snapshot={"period": [], "rows": [["basic", "lbc", 2]], "norms": {}, "checks": []},
        signed_at=timezone.now(),
        signed_by=w.principal,
    )
    return {"pk": summary.pk}


ROWS += [Row("reports:district_summary", DISTRICT_ONLY, kwargs=_signed_summary)]
ROWS += [Row("reports:tables", KEEPERS, kwargs=_semester), Row("reports:tables_export", KEEPERS, kwargs=_semester)]


def _reported_photo(w):
    """A photo of the school's activity chosen for an information item of a submitted monthly report."""
    from reports.models import InformationItem, MonthlyReport
    from tests.activities.matrix_rows import _evidence

    photo = _evidence(w)
    report = MonthlyReport.objects.get(pk=_submitted(w)["pk"])
    item = InformationItem.objects.create(report=report, title="读书月", date=report.period_end, text="开展读书活动。")
    item.photos.add(photo)
    return {"pk": photo.pk}


# The district officer sees the photos of a submitted report as thumbnails (the full file stays the school's).
ROWS += [
    Row(
        "activities:evidence_thumbnail",
        everyone(
            403,
            principal=200,
            archive_keeper=200,
            head_teacher=200,
            other_head_teacher=200,
            other_principal=404,
            district_officer=200,
        ),
        kwargs=_reported_photo,
    ),
    Row(
        "activities:evidence_file",
        everyone(403, principal=200, archive_keeper=200, head_teacher=200, other_head_teacher=200, other_principal=404),
        kwargs=_reported_photo,
    ),
]
