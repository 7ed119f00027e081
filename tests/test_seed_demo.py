"""`seed_demo` builds the demo district once; running it again changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from organisation.models import District, Enrolment, Prefecture, Province, School, SchoolClass, Semester, User
from organisation.roles import Role
from pairing.models import Talk
from reports.models import SemesterSummary
from reports.pages import summary_page

pytestmark = pytest.mark.django_db


def counts():
    return (
        User.objects.count(),
        Province.objects.count(),
        Prefecture.objects.count(),
        District.objects.count(),
        School.objects.count(),
        SchoolClass.objects.count(),
        Semester.objects.count(),
        Enrolment.objects.count(),
        SemesterSummary.objects.count(),
    )


def test_seed_demo_builds_two_schools_and_one_login_per_role():
    call_command("seed_demo")
    assert School.objects.count() == 2
    assert {user.role for user in User.objects.all()} == set(Role.values)
    assert Semester.objects.filter(is_current=True).count() == 2
    assert User.objects.get(username="teacher1").check_password("shouwang2026")


def test_the_demo_county_is_in_a_prefecture_in_a_province_and_their_officers_log_in_to_their_area(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    district = District.objects.get()
    prefecture, province = district.prefecture, district.prefecture.province
    assert (Prefecture.objects.get(), Province.objects.get()) == (prefecture, province)
    logins = out.getvalue().split("Demo logins", 1)[1]
    # Each officer's area page lists the unit below: the prefecture its county, the province its prefecture.
    for username, level, area, below in [
        ("prefecture", "prefecture", prefecture, district),
        ("province", "province", province, prefecture),
    ]:
        officer = User.objects.get(username=username)
        assert getattr(officer, level) == area and officer.school is None
        assert f"  {username} " in logins and area.name in logins
        credentials = {"username": username, "password": "shouwang2026"}
        assert client.post(reverse("login"), credentials, REMOTE_ADDR="10.1.2.3").status_code == 302
        page = client.get(reverse("reports:area_home"), follow=True)
        assert page.redirect_chain[-1][0] == reverse("reports:area", args=[level, area.pk])
        assert page.status_code == 200 and f'data-unit="{below.code}"' in page.content.decode()
        client.logout()


def test_the_demo_areas_above_the_county_show_the_frozen_figures_of_every_report_and_signed_summary():
    from reports.levels import PROVINCE, Area, level_rollup, semester_level_rollup
    from reports.models import MonthlyFigures, MonthlyReport, SemesterFigures

    call_command("seed_demo")
    submitted = MonthlyReport.objects.filter(submitted_at__isnull=False)
    assert set(MonthlyFigures.objects.values_list("school_id", "year", "month")) == set(
        submitted.values_list("school_id", "year", "month")
    )
    signed = SemesterSummary.objects.filter(signed_at__isnull=False)
    assert SemesterFigures.objects.count() == signed.values("school").distinct().count() > 0
    province = Area(PROVINCE, Province.objects.get())
    year, month = max(submitted.values_list("year", "month"))
    assert level_rollup(province, year, month).totals.submitted == submitted.filter(year=year, month=month).count()
    row = SemesterFigures.objects.first()
    assert semester_level_rollup(province, row.school_year, row.term).totals.submitted == signed.count()
    call_command("seed_demo")  # again: the same rows
    assert MonthlyFigures.objects.count() == len(set(submitted.values_list("school_id", "year", "month")))


def test_a_demo_county_seeded_before_the_levels_above_it_is_put_in_the_prefecture_on_the_next_seed():
    call_command("seed_demo")
    District.objects.update(prefecture=None)
    User.objects.filter(username__in=["prefecture", "province"]).delete()
    call_command("seed_demo")
    assert District.objects.get().prefecture == Prefecture.objects.get()
    assert User.objects.filter(username__in=["prefecture", "province"]).count() == 2


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    before = counts()
    call_command("seed_demo")
    assert counts() == before


def test_if_empty_leaves_an_existing_database_alone(world):
    before = counts()
    call_command("seed_demo", "--if-empty")
    assert counts() == before


def test_seeded_history_names_a_person_for_every_change():
    call_command("seed_demo")
    unnamed = {}
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and hasattr(model, "history_user"):
            count = model.objects.filter(history_user__isnull=True).count()
            if count:
                unnamed[model.__name__] = count
    assert unnamed == {}
    talk = Talk.history.filter(recorded_by__isnull=False).first()
    assert talk.history_user_id == talk.recorded_by_id


def test_seed_demo_signs_the_previous_summary_and_enters_students_on_roll_in_both_semesters():
    call_command("seed_demo")
    for school in School.objects.all():
        previous, current = Semester.objects.filter(school=school).order_by("start_date")
        signed = SemesterSummary.objects.get(semester=previous)
        assert signed.is_signed and signed.signed_by.role == Role.PRINCIPAL and signed.achievements
        assert signed.signed_at.date() > previous.end_date
        classes = SchoolClass.objects.filter(school=school).count()
        for semester in (previous, current):
            assert Enrolment.objects.filter(semester=semester).count() == classes
        # The current summary compares with what was signed: the Δ column and the filing rates have numbers.
        page = summary_page(current)
        now = {key: value for _s, key, value in page.current["rows"]}
        before = {key: value for _s, key, value in page.before["rows"]}
        assert before == {key: value for _s, key, value in signed.snapshot["rows"]}
        assert now["on_roll"] > 0 and before["on_roll"] > 0
        assert now["filing"]["d"] > 0 and before["filing"]["d"] > 0
        assert now["lbc_share"]["n"] <= now["lbc_share"]["d"]


def test_seeded_past_monthly_reports_are_accepted_and_the_current_window_stays_a_draft():
    from django.utils import timezone

    from reports.models import MonthlyReport
    from reports.monthly import window_of

    call_command("seed_demo")
    call_command("seed_demo")
    current = window_of(timezone.localdate(), 22)
    reports = list(MonthlyReport.objects.order_by("school", "year", "month", "version"))
    past = [r for r in reports if (r.year, r.month) != (current.year, current.month)]
    now = [r for r in reports if (r.year, r.month) == (current.year, current.month)]
    assert len(now) == 2 and not any(r.is_submitted for r in now)
    returned = [r for r in past if r.is_returned]
    assert len(returned) == 1 and not returned[0].is_accepted
    latest = {(r.school_id, r.year, r.month): r for r in past}
    waiting = [r for r in latest.values() if not r.is_accepted]
    # The second school's last month waits for the district officer to accept or return it.
    assert len(latest) == 6 and len(waiting) == 1 and waiting[0].is_submitted and not waiting[0].is_returned
    assert waiting[0].school.code == "5227990202" and (waiting[0].year, waiting[0].month) == max(
        (r.year, r.month) for r in past
    )
    assert all(r.accepted_by is not None for r in latest.values() if r.is_accepted)
    resubmitted = latest[(returned[0].school_id, returned[0].year, returned[0].month)]
    assert resubmitted.version == 2 and resubmitted.accepted_at >= resubmitted.submitted_at
