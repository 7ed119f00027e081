"""A school owes monthly reports from the day it started using the system, and not for the months its
district marks not due (the summer holiday): those months are neither missing nor late."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from organisation.models import School
from reports.models import DistrictReportSettings
from reports.monthly import Status, reminder, school_states, settings_for
from tests import factories as f

D = datetime.date


def test_a_new_school_owes_no_report_for_the_months_before_it_started(world):
    School.objects.filter(pk=world.school.pk).update(reporting_from=timezone.localdate())
    world.school.refresh_from_db()
    states = school_states(world.school, months=6)
    assert [s.status for s in states[1:]] == [Status.NOT_DUE] * 6
    assert all(s.days_late == 0 for s in states)
    assert reminder(world.school) is None or not reminder(world.school).late


def test_the_month_the_school_started_in_is_due_and_the_one_before_is_not(world):
    School.objects.filter(pk=world.school.pk).update(reporting_from=D(2026, 10, 1))
    world.school.refresh_from_db()
    # Report day 22: October's window is 22 Sep – 21 Oct (due), September's 22 Aug – 21 Sep (not due).
    states = {s.window.key: s for s in school_states(world.school, D(2026, 12, 7), months=4)}
    assert states["2026-10"].status == Status.MISSING
    assert states["2026-09"].status == Status.NOT_DUE
    assert states["2026-08"].days_late == 0


def test_a_school_made_today_reports_from_today(db):
    school = School.objects.create(district=f.DistrictFactory(), name="新校", code="NEW1")
    assert school.reporting_from == timezone.localdate()


def test_a_month_the_district_marks_not_due_is_neither_missing_nor_late(world):
    DistrictReportSettings.objects.create(district=world.district, months_not_due=["2026-08"])
    states = {s.window.key: s for s in school_states(world.school, D(2026, 12, 7), months=5)}
    assert states["2026-08"].status == Status.NOT_DUE and states["2026-08"].days_late == 0
    assert states["2026-07"].status == Status.MISSING
    assert reminder(world.school, D(2026, 8, 25)) is None  # August is not due; September is not due yet


def test_the_district_officer_marks_the_summer_months_not_due_and_every_school_follows(client, world):
    today = timezone.localdate()
    last = school_states(world.school, today, months=1)[1].window
    client.force_login(world.district_officer)
    form = client.get(reverse("reports:district_settings")).content.decode()
    assert f'value="{last.key}"' in form
    response = client.post(
        reverse("reports:district_settings"),
        {"report_day": "22", "figures": ["2", "9"], "items_required": "2", "months_not_due": [last.key]},
    )
    assert response.status_code == 302
    assert settings_for(world.district).months_not_due == [last.key]
    page = client.get(reverse("reports:district_reports") + f"?month={last.key}").content.decode()
    for school in (world.school, world.other_school):
        row = page.split(f'data-school="{school.code}"')[1].split("</tr>")[0]
        assert 'data-status="not_due"' in row
    client.force_login(world.principal)
    listing = client.get(reverse("reports:monthly_list")).content.decode()
    row = listing.split(f'data-month="{last.key}"')[1].split("</tr>")[0]
    assert 'data-status="not_due"' in row


@pytest.mark.django_db
def test_the_demo_schools_start_with_no_month_missing():
    call_command("seed_demo")
    for school in School.objects.all():
        states = school_states(school)
        assert Status.MISSING not in {s.status for s in states}, [(s.window.key, s.status) for s in states]
