"""The semester summary: figures in order with Δ, a draft anyone of the two report roles edits, the
principal's signature that freezes it, and reopening as a new version."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from children.models import ChildStatus, ChildStatusChange
from pairing.models import SafetyEvent
from reports.models import SemesterSummary
from reports.services import summary_sign
from tests import factories as f
from tests.pairing.factories import TalkFactory

D = datetime.date
NARRATIVE = {"achievements": "结对帮扶全覆盖。", "problems": "家访次数不足。", "next_steps": "每月家访一次。"}


def _url(figure_school, name="reports:summary"):
    return reverse(name, args=[figure_school.semester.pk])


def _talks_row(body: str) -> str:
    start = body.index('data-key="talks"')
    return body[start : body.index("</tr>", start)]


def test_the_summary_shows_every_section_in_order_with_the_previous_semester(client, figure_school):
    client.force_login(figure_school.principal)
    body = client.get(_url(figure_school)).content.decode()
    positions = [body.index(f'data-testid="section-{key}"') for key in ["basic", "network", "work", "activities"]]
    assert positions == sorted(positions)
    # Talks: 3 this semester; the previous semester (spring 2026) had none, so Δ is +3.
    row = _talks_row(body)
    assert ">3<" in row and "+3" in row
    assert 'data-testid="cross-checks-ok"' in body


def test_the_archive_keeper_saves_the_draft_narrative(client, figure_school):
    keeper = f.UserFactory(school=figure_school.school, role="archive_keeper")
    client.force_login(keeper)
    assert client.post(_url(figure_school), NARRATIVE).status_code == 302
    summary = SemesterSummary.objects.get(semester=figure_school.semester)
    assert (summary.version, summary.problems, summary.is_signed) == (1, "家访次数不足。", False)
    assert client.post(_url(figure_school, "reports:summary_sign")).status_code == 403


def test_saving_the_draft_computes_no_figure(client, figure_school, django_assert_max_num_queries):
    # The page computes both semesters' figures (over 100 queries); the save only writes the narrative and
    # redirects to it. 12 covers the session, the user, the semester, the draft and its history row.
    client.force_login(figure_school.principal)
    with django_assert_max_num_queries(12):
        assert client.post(_url(figure_school), NARRATIVE).status_code == 302
    client.post(_url(figure_school), {**NARRATIVE, "problems": "改"})
    assert SemesterSummary.objects.get(semester=figure_school.semester).problems == "改"


def test_a_signed_summary_does_not_change_when_a_talk_is_added_and_reopening_makes_version_2(client, figure_school):
    client.force_login(figure_school.principal)
    client.post(_url(figure_school), NARRATIVE)
    client.post(_url(figure_school, "reports:summary_sign"))
    signed = SemesterSummary.objects.get(semester=figure_school.semester)
    assert signed.is_signed and signed.signed_by == figure_school.principal
    TalkFactory(child=figure_school.children["B"], date=D(2026, 12, 1))

    body = client.get(_url(figure_school)).content.decode()
    assert ">3<" in _talks_row(body)  # still the signed 3, not 4
    assert "已签发" in body or "signed on" in body
    assert 'data-testid="narrative-form"' not in body
    # A signed version cannot be edited through the page.
    assert client.post(_url(figure_school), {**NARRATIVE, "problems": "改"}).status_code == 403

    client.post(_url(figure_school, "reports:summary_reopen"))
    first, second = SemesterSummary.objects.filter(semester=figure_school.semester).order_by("version")
    assert (first.version, first.is_signed, second.version, second.is_signed) == (1, True, 2, False)
    assert second.problems == "家访次数不足。"
    assert ">4<" in _talks_row(client.get(_url(figure_school)).content.decode())  # the draft is live
    assert ">3<" in _talks_row(client.get(_url(figure_school) + "?version=1").content.decode())


def test_signing_is_refused_while_a_cross_check_fails(client, figure_school):
    c = figure_school.children["C"]
    c.left_behind_type = ""
    c.save()
    client.force_login(figure_school.principal)
    body = client.get(_url(figure_school)).content.decode()
    assert 'data-testid="cross-checks"' in body
    assert _url(figure_school, "reports:summary_sign") not in body
    client.post(_url(figure_school, "reports:summary_sign"))
    assert not SemesterSummary.objects.filter(signed_at__isnull=False).exists()


def test_the_summary_page_takes_the_same_number_of_queries_at_two_sizes(client, figure_school):
    client.force_login(figure_school.principal)
    client.get(_url(figure_school))
    with CaptureQueriesContext(connection) as small:
        client.get(_url(figure_school))
    for child in f.ChildFactory.create_batch(10, school_class=figure_school.children["A"].school_class):
        TalkFactory(child=child, date=D(2026, 10, 5))
        ChildStatusChange.objects.create(child=child, status=ChildStatus.ACTIVE, date=D(2026, 3, 1))
        # The attention tiers and the safety events grow too (reports.figures.attention_tiers, safety_events).
        SafetyEvent.objects.create(child=child, date=D(2026, 10, 6), kind="missing", what_happened="未回家")
    with CaptureQueriesContext(connection) as large:
        client.get(_url(figure_school))
    assert len(small) == len(large)


def test_the_previous_semester_is_compared_as_it_was_signed(client, figure_school):
    # Spring 2026 is signed with no talks; a talk dated in spring is added afterwards: the autumn summary
    # still compares against the signed 0, so Δ stays +3.
    summary_sign(semester=figure_school.previous, user=figure_school.principal)
    TalkFactory(child=figure_school.children["A"], date=D(2026, 4, 1))
    client.force_login(figure_school.principal)
    row = _talks_row(client.get(_url(figure_school)).content.decode())
    assert ">3<" in row and "+3" in row


def test_a_rate_of_nothing_is_shown_as_a_dash_and_not_compared():
    from reports.summary import _delta, _display

    assert _display({"n": 0, "d": 0}) == "—"  # never "0.0%", and no "(0/0)" beside it
    assert _delta({"n": 46, "d": 78}, {"n": 0, "d": 0}) == ""
    assert _delta({"n": 1, "d": 2}, {"n": 1, "d": 4}) != ""  # two real rates still compare
