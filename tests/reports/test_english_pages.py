"""The report pages in English read as English: section numbers "1. ", months as "September 2026" rather
than "2026-9", and a time of day that never leaves "a.m.." at the end of a sentence."""

import datetime

from django.urls import reverse
from django.utils import formats, timezone, translation

from reports import monthly_services as services
from reports.models import MonthlyReport
from reports.monthly import school_states


def _english(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"


def test_the_summarys_sections_are_numbered_1_2_3_in_english_and_yi_er_san_in_chinese(client, world):
    url = reverse("reports:summary", args=[world.semester.pk])
    client.force_login(world.principal)
    assert "一、" in client.get(url).content.decode()
    _english(client, world.principal)
    page = client.get(url).content.decode()
    assert "一、" not in page and "二、" not in page
    assert "1. " in page and "2. " in page


def test_the_monthly_list_names_months_in_english_without_an_unpadded_number(client, world):
    last = school_states(world.school, months=1)[1].window
    _english(client, world.principal)
    page = client.get(reverse("reports:monthly_list")).content.decode()
    row = page.split(f'data-month="{last.key}"')[1].split("</tr>")[0]
    assert last.due_on.strftime("%B %Y") in row
    assert f">{last.year}-{last.month}<" not in page


def test_a_time_in_english_never_ends_in_a_m(client, world):
    with translation.override("en"):
        moment = timezone.make_aware(datetime.datetime(2026, 9, 21, 10, 0))
        assert "a.m." not in formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    last = school_states(world.school, months=1)[1].window
    report = services.report_draft(school=world.school, window=last, user=world.principal)
    MonthlyReport.objects.filter(pk=report.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime.combine(last.due_on, datetime.time(9))),
        submitted_by=world.principal,
        snapshot={"rows": []},
        accepted_at=timezone.make_aware(datetime.datetime.combine(last.due_on, datetime.time(10))),
        accepted_by=world.district_officer,
    )
    _english(client, world.district_officer)
    page = client.get(reverse("reports:district_report", args=[report.pk])).content.decode()
    assert "Accepted by" in page
    assert "m.." not in page and "10:00." in page
