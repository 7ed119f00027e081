"""A monthly figure far from the school's own previous months (talks dropping by half…) only warns: the report
page says so and asks for a reason, the submission keeps the warnings and the reason, and the district reads
both. A failing cross-check (勾稽) still blocks, reason or not."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from children.models import Child, LeftBehindType
from reports import monthly_services as services
from reports.models import MonthlyReport
from reports.monthly import school_states, window
from reports.warnings import DROP_TO, MIN_AVERAGE, RISE_TO, unusual_figures
from tests import factories as f


def rows(**values):
    return [["work", key, value] for key, value in values.items()]


def test_talks_dropping_by_half_warn_and_a_usual_month_does_not():
    before = [rows(talks=40), rows(talks=44), rows(talks=36)]
    (warning,) = unusual_figures(rows(talks=20), before)
    assert (warning.key, warning.kind, warning.value, warning.average, warning.months) == (
        "talks",
        "drop",
        20,
        "40.0",
        3,
    )
    assert unusual_figures(rows(talks=21), before) == []
    assert unusual_figures(rows(talks=79), before) == []
    assert [w.kind for w in unusual_figures(rows(talks=80), before)] == ["rise"]
    assert DROP_TO == 0.5 and RISE_TO == 2


def test_small_numbers_and_a_short_history_are_not_judged():
    assert unusual_figures(rows(talks=0), [rows(talks=4), rows(talks=4)]) == []  # average below MIN_AVERAGE
    assert MIN_AVERAGE == 5
    assert unusual_figures(rows(talks=0), [rows(talks=40)]) == []  # one month is no history
    assert unusual_figures(rows(visits=0), [rows(visits=40), rows(visits=40)]) == []  # visits come in campaigns


def _typed(world):
    Child.objects.filter(school=world.school).update(left_behind_type=LeftBehindType.BOTH_AWAY)


def _previous_months_with_talks(world, talks: int, months: int = 2):
    """Submitted reports of the months before the last window, each with `talks` talks."""
    last = school_states(world.school, timezone.localdate(), months=months + 1)
    for state in last[2:]:
        w = state.window
        MonthlyReport.objects.create(
            school=world.school,
            year=w.year,
            month=w.month,
            period_start=w.period.start,
            period_end=w.period.end,
            due_on=w.due_on,
            snapshot={"rows": rows(talks=talks, contacts=0)},
            submitted_at=timezone.now(),
            submitted_by=world.principal,
        )
    return last[1].window


def _draft(world, w):
    report = services.report_draft(school=world.school, window=w, user=world.principal)
    for title in ["读书月", "家访周"]:
        services.item_save(report=report, user=world.principal, title=title, date=w.period.end, text="开展了读书活动。")
    return report


def test_submitting_with_a_warning_asks_for_a_reason_and_keeps_it_with_the_warnings(world):
    _typed(world)
    w = _previous_months_with_talks(world, talks=30)
    draft = _draft(world, w)
    with pytest.raises(ValidationError) as refused:
        services.report_submit(report=draft, user=world.principal)
    assert refused.value.error_dict["reason"][0].code == "reason"
    report = services.report_submit(report=draft, user=world.principal, reason="本月期中考试，谈心改在下月。")
    assert report.is_submitted and report.warning_reason == "本月期中考试，谈心改在下月。"
    assert [(w["key"], w["kind"], w["value"]) for w in report.snapshot["warnings"]] == [("talks", "drop", 0)]


def test_a_usual_month_needs_no_reason_and_keeps_none(world):
    _typed(world)
    w = _previous_months_with_talks(world, talks=0)
    report = services.report_submit(report=_draft(world, w), user=world.principal, reason="不需要")
    assert report.snapshot["warnings"] == [] and report.warning_reason == ""


def test_the_reason_goes_to_the_district_without_a_childs_name(world):
    _typed(world)
    w = _previous_months_with_talks(world, talks=30)
    with pytest.raises(ValidationError) as refused:
        services.report_submit(report=_draft(world, w), user=world.principal, reason="张思琪生病了。")
    assert refused.value.error_dict["reason"][0].code == "names"


def test_a_failing_cross_check_still_blocks_whatever_the_reason(world):
    # Types not entered: the children by type do not add up to the left-behind children.
    w = _previous_months_with_talks(world, talks=30)
    with pytest.raises(ValidationError) as refused:
        services.report_submit(report=_draft(world, w), user=world.principal, reason="本月期中考试。")
    assert refused.value.code == "cross_check"


def test_the_school_sees_the_warning_and_the_district_reads_it_with_the_reason(client, world):
    _typed(world)
    w = _previous_months_with_talks(world, talks=30)
    _draft(world, w)
    client.force_login(world.principal)
    url = reverse("reports:monthly_report", args=[w.year, w.month])
    page = client.get(url).content.decode()
    warnings = page.split('data-testid="figure-warnings"')[1].split("</div>")[0]
    assert 'data-figure="talks"' in warnings and "30.0" in warnings
    assert 'name="reason"' in page.split('data-testid="submit-form"')[1]
    response = client.post(reverse("reports:monthly_submit", args=[w.year, w.month]), {}, follow=True)
    assert "请说明原因后再上报" in response.content.decode()
    assert not MonthlyReport.objects.get(school=world.school, year=w.year, month=w.month).is_submitted
    client.post(reverse("reports:monthly_submit", args=[w.year, w.month]), {"reason": "本月期中考试。"})
    report = MonthlyReport.objects.get(school=world.school, year=w.year, month=w.month)
    assert report.is_submitted and report.warning_reason == "本月期中考试。"
    client.force_login(world.district_officer)
    listing = client.get(reverse("reports:district_reports") + f"?month={w.key}").content.decode()
    assert 'data-testid="warned"' in listing.split(f'data-school="{world.school.code}"')[1].split("</tr>")[0]
    page = client.get(reverse("reports:district_report", args=[report.pk])).content.decode()
    assert 'data-figure="talks"' in page
    assert "本月期中考试。" in page.split('data-testid="warning-reason"')[1]


def test_another_school_cannot_open_the_report_or_its_reason(client, world):
    _typed(world)
    w = _previous_months_with_talks(world, talks=30)
    report = services.report_submit(report=_draft(world, w), user=world.principal, reason="本月期中考试。")
    client.force_login(world.other_principal)
    assert client.get(reverse("reports:district_report", args=[report.pk])).status_code == 403  # not an officer
    page = client.get(reverse("reports:monthly_report", args=[w.year, w.month])).content.decode()
    assert "本月期中考试。" not in page
    elsewhere = f.UserFactory(
        school=None, district=f.DistrictFactory(name="白云县", code="522800"), role="district_officer"
    )
    client.force_login(elsewhere)
    assert client.get(reverse("reports:district_report", args=[report.pk])).status_code == 404


def test_the_window_helper_is_the_districts(world):
    assert window(2026, 12, 22).due_on == datetime.date(2026, 12, 22)
