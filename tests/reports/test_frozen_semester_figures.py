"""The frozen semester figures: a signature has a task write the school's row for the semester from the signed
summary's snapshot, read as the district's semester roll-up reads it; a reopened summary stays counted by its
signed version until the next signature rewrites the row."""

import pytest
from django_tasks_db.models import DBTaskResult

from children.models import Child, LeftBehindType
from reports import services
from reports.district import semester_rollup
from reports.models import SemesterFigures
from reports.monthly_figures import column_value, semester_figures_refresh
from tests.reports.test_frozen_monthly_figures import _as_rollup

pytestmark = pytest.mark.django_db


def _sign(world):
    Child.objects.filter(school=world.school).update(left_behind_type=LeftBehindType.BOTH_AWAY)
    return services.summary_sign(semester=world.semester, user=world.principal)


def test_a_signature_writes_the_schools_row_as_the_semester_rollup_reads_the_snapshot(world):
    summary = _sign(world)
    semester = world.semester
    row = SemesterFigures.objects.get()
    assert (row.school_id, row.district_id, row.summary_id) == (world.school.pk, world.district.pk, summary.pk)
    assert (row.school_year, row.term) == (semester.school_year, semester.term)
    assert row.lbc == Child.objects.filter(school=world.school).count() and row.edu_double == row.lbc
    rollup = semester_rollup(world.district, semester.school_year, semester.term)
    rolled = next(r for r in rollup.rows if r.school.pk == world.school.pk)
    assert _as_rollup(row, rollup.columns, model=SemesterFigures) == rolled.values
    assert column_value({"lbc": row.lbc}, "lbc", "count") == row.lbc


def test_a_reopened_summary_keeps_its_row_until_the_next_signature_rewrites_it(world):
    first = _sign(world)
    signed_lbc = SemesterFigures.objects.get().lbc
    services.summary_reopen(semester=world.semester, user=world.principal)
    Child.objects.filter(school=world.school).first().delete()
    row = SemesterFigures.objects.get()
    assert (row.summary_id, row.lbc) == (first.pk, signed_lbc)  # the signed version still counts
    second = services.summary_sign(semester=world.semester, user=world.principal)
    row.refresh_from_db()
    assert (row.summary_id, row.lbc) == (second.pk, signed_lbc - 1)


def test_the_row_is_written_by_a_task_queued_in_the_signatures_transaction(settings, world):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _sign(world)
    task = DBTaskResult.objects.get(task_path="reports.monthly_figures.semester_figures_write")
    assert task.status == "READY" and not SemesterFigures.objects.exists()  # until a worker runs it
    task.task.call(*task.task_result.args, **task.task_result.kwargs)
    assert SemesterFigures.objects.get().school_id == world.school.pk
    semester = world.semester
    semester_figures_refresh(school_id=world.school.pk, school_year=semester.school_year, term=semester.term)
    assert SemesterFigures.objects.count() == 1  # run again (a restarted worker): the same row


def test_no_signed_summary_no_row(world):
    semester = world.semester
    assert (
        semester_figures_refresh(school_id=world.school.pk, school_year=semester.school_year, term=semester.term)
        is None
    )
    assert not SemesterFigures.objects.exists()
