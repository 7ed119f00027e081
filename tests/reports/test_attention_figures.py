"""The attention list by tier and the safety events (强制报告) in the school's reports: one figure each in
reports.figures, counted by pairing's engine, frozen on signing, "not available" where no snapshot holds it."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from python_calamine import CalamineWorkbook

from children.models import Child, ChildStatus, ChildStatusChange
from pairing.attention import Tier, load_attention
from pairing.models import SafetyEvent
from reports import figures as fig
from reports.models import SemesterSummary
from reports.services import summary_sign
from tests import factories as f
from tests.pairing.factories import TalkFactory

D = datetime.date
TODAY = D(2027, 1, 25)  # figure_school freezes time on this day
IN_P = D(2026, 10, 5)


def _event(child, *, day=IN_P, kind=SafetyEvent.Kind.LIVING_ALONE, closed_on=None, by=None):
    return SafetyEvent.objects.create(
        child=child, date=day, kind=kind, what_happened="独自在家", closed_on=closed_on, recorded_by=by
    )


def _row(body: str, key: str) -> str:
    start = body.index(f'data-key="{key}"')
    return body[start : body.index("</tr>", start)]


def test_the_tiers_are_the_engines_list_of_the_schools_active_children(figure_school):
    school = figure_school.school
    engine = load_attention(Child.objects.filter(school=school).active(), figure_school.principal)
    counted = fig.attention_tiers(school)
    assert counted.on == TODAY
    assert [n for _tier, n in counted.by_tier()] == [
        engine.by_tier[t] for t in (Tier.ACT_NOW, Tier.CLOSE, Tier.REMINDER)
    ]
    assert counted.act_now + counted.close + counted.reminder == len(engine.entries) > 0


def test_an_open_safety_event_recorded_by_anyone_makes_the_child_act_now_and_a_closed_one_does_not(figure_school):
    school, a = figure_school.school, figure_school.children["A"]
    before = fig.attention_tiers(school)
    was_listed = load_attention(Child.objects.filter(pk=a.pk), None, safety_events=SafetyEvent.objects.none())
    _event(a, by=figure_school.head_teacher)  # not the principal's: the school's count has every open event
    after = fig.attention_tiers(school)
    assert after.act_now == before.act_now + 1
    total = before.act_now + before.close + before.reminder
    assert after.act_now + after.close + after.reminder == total + (0 if was_listed.entries else 1)
    SafetyEvent.objects.filter(child=a).update(closed_on=TODAY)
    assert fig.attention_tiers(school) == before


def test_safety_events_of_the_period_are_counted_by_kind_with_those_still_open_at_its_end(figure_school):
    a, b, x_school = figure_school.children["A"], figure_school.children["B"], figure_school.school
    _event(a, closed_on=D(2026, 10, 9))  # closed within P
    _event(a, kind=SafetyEvent.Kind.MISSING, day=D(2027, 1, 10), closed_on=D(2027, 1, 22))  # closed after P.end
    _event(b, kind=SafetyEvent.Kind.HARM, day=D(2026, 12, 1))  # still open
    _event(b, day=D(2026, 8, 31))  # before P
    _event(figure_school.children["D"], kind=SafetyEvent.Kind.HARM, day=D(2026, 11, 20))  # left, but happened
    found = fig.safety_events(x_school, figure_school.period)
    assert found.events == 4
    assert found.open == 3
    assert [(kind, n) for kind, _label, n in found.by_kind] == [
        ("living_alone", 1),
        ("missing", 1),
        ("harm", 2),
        ("other", 0),
    ]


def _grow(figure_school, n: int) -> None:
    for child in f.ChildFactory.create_batch(
        n, school_class=figure_school.children["A"].school_class, identified_on=D(2026, 3, 1)
    ):
        TalkFactory(child=child, date=D(2026, 10, 5))
        ChildStatusChange.objects.create(child=child, status=ChildStatus.ACTIVE, date=D(2026, 3, 1))
        _event(child, day=D(2026, 10, 6))


def test_the_tiers_and_the_safety_events_take_the_same_number_of_queries_at_two_sizes(figure_school):
    school, period = figure_school.school, figure_school.period
    with CaptureQueriesContext(connection) as small:
        fig.attention_tiers(school)
        fig.safety_events(school, period)
    _grow(figure_school, 12)
    with CaptureQueriesContext(connection) as large:
        tiers = fig.attention_tiers(school)
        events = fig.safety_events(school, period)
    assert tiers.act_now == 12 and events.events == 12
    assert len(small) == len(large) <= 16, len(large)


def test_the_draft_summary_shows_todays_tiers_and_signing_freezes_them(client, figure_school):
    client.force_login(figure_school.principal)
    url = reverse("reports:summary", args=[figure_school.semester.pk])
    body = client.get(url).content.decode()
    live = fig.attention_tiers(figure_school.school)
    act_now = _row(body, "attention:act_now")
    assert TODAY.isoformat() in act_now and f">{live.act_now}<" in act_now
    # The previous semester was never signed: its count is not available, not today's.
    assert "无留存数据" in act_now
    assert 'data-key="safety_events"' in body and 'data-key="safety_open"' in body

    summary_sign(semester=figure_school.semester, user=figure_school.principal)
    signed = SemesterSummary.objects.get(semester=figure_school.semester)
    assert signed.snapshot["attention_on"] == TODAY.isoformat()
    _event(figure_school.children["A"], by=figure_school.principal)
    assert fig.attention_tiers(figure_school.school).act_now == live.act_now + 1
    assert f">{live.act_now}<" in _row(client.get(url).content.decode(), "attention:act_now")


def test_a_summary_signed_before_the_tiers_existed_says_not_available(client, figure_school):
    summary_sign(semester=figure_school.semester, user=figure_school.principal)
    signed = SemesterSummary.objects.get(semester=figure_school.semester)
    old = {k: v for k, v in signed.snapshot.items() if k != "attention_on"}
    old["rows"] = [row for row in old["rows"] if not row[1].startswith("attention:")]
    SemesterSummary.objects.filter(pk=signed.pk).update(snapshot=old)
    client.force_login(figure_school.principal)
    body = client.get(reverse("reports:summary", args=[figure_school.semester.pk])).content.decode()
    for key in ("attention:act_now", "attention:close", "attention:reminder"):
        row = _row(body, key)
        assert "无留存数据" in row and TODAY.isoformat() not in row


def test_the_workbooks_summary_sheet_has_the_tiers_and_the_safety_events(client, figure_school):
    _event(figure_school.children["B"], kind=SafetyEvent.Kind.HARM, day=D(2026, 12, 1))
    client.force_login(figure_school.principal)
    content = client.get(reverse("reports:summary_workbook", args=[figure_school.semester.pk])).content
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name("汇总").to_python()
    by_label = {row[1]: row for row in rows[1:]}
    live = fig.attention_tiers(figure_school.school)
    assert by_label[f"关注名单（{TODAY.isoformat()}）：立即处置"][2] == live.act_now == 1
    assert by_label[f"关注名单（{TODAY.isoformat()}）：重点关注"][2] == live.close
    assert by_label["强制报告事件"][2] == 1
    assert by_label["强制报告事件：疑似遭受侵害或受伤"][2] == 1
    assert by_label["期末仍未结案的强制报告事件"][2] == 1
