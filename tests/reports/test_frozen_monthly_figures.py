"""The frozen monthly figures: a submission, a return and an acceptance each have a task write the school's row
for the month from the standing version's snapshot, with the district roll-up's own reading of it (both
counting rules, rates as numerator and denominator), never computed again."""

import pytest
from django_tasks_db.models import DBTaskResult

from organisation.roles import Role
from reports import monthly_services as services
from reports.district import window_rollup
from reports.models import MonthlyFigures, MonthlyReport
from reports.monthly_figures import column_value, monthly_figures_refresh
from tests import factories as f
from tests.reports.test_district import _last, _school_with_report

pytestmark = pytest.mark.django_db


def _as_rollup(row, columns, *, model=MonthlyFigures) -> list:
    values = {name: getattr(row, name) for name in (field.name for field in model._meta.fields)}
    return [column_value(values, key, kind) for key, _label, kind in columns]


def test_a_submission_writes_the_schools_row_as_the_district_rollup_reads_its_snapshot():
    district = f.DistrictFactory()
    first = _school_with_report(district, 3, 1, events=1)
    second = _school_with_report(district, 5, 5)
    _school_with_report(district, 2, 0, submit=False)
    w = _last()
    rollup = window_rollup(district, w)
    rows = {row.school_id: row for row in MonthlyFigures.objects.filter(year=w.year, month=w.month)}
    assert set(rows) == {first.pk, second.pk}  # the school that did not submit has no row
    for rolled in rollup.rows:
        if rolled.school.pk in rows:
            assert _as_rollup(rows[rolled.school.pk], rollup.columns) == rolled.values
    row = rows[first.pk]
    assert (row.lbc, row.edu_double, row.civil, row.talks, row.talk_coverage_n, row.talk_coverage_d) == (
        3,
        3,
        3,
        1,
        1,
        3,
    )
    assert (row.safety_events, row.safety_missing, row.district_id) == (1, 1, district.pk)
    assert not row.returned and not row.accepted


def test_a_return_marks_the_row_returned_and_the_resubmission_and_acceptance_rewrite_it():
    district = f.DistrictFactory()
    school = _school_with_report(district, 3, 1)
    officer = f.UserFactory(role=Role.DISTRICT_OFFICER, district=district, school=None)
    principal = school.staff.get()
    report = MonthlyReport.objects.get(school=school)
    draft = services.report_return(report=report, user=officer, comment="请补充家访。")
    row = MonthlyFigures.objects.get(school=school)
    assert row.returned and row.report_id == report.pk
    services.report_submit(report=draft, user=principal)
    row.refresh_from_db()
    assert not row.returned and row.report_id == draft.pk
    services.report_accept(report=draft, user=officer)
    row.refresh_from_db()
    assert row.accepted


def test_the_row_is_written_by_a_task_queued_in_the_submissions_transaction(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    school = _school_with_report(f.DistrictFactory(), 2, 1)
    task = DBTaskResult.objects.get()
    assert task.task_path == "reports.monthly_figures.monthly_figures_write" and task.status == "READY"
    assert not MonthlyFigures.objects.exists()  # until a worker runs it
    task.task.call(*task.task_result.args, **task.task_result.kwargs)
    assert MonthlyFigures.objects.get().school_id == school.pk
    w = _last()
    monthly_figures_refresh(school_id=school.pk, year=w.year, month=w.month)  # run again: the same row
    assert MonthlyFigures.objects.count() == 1
