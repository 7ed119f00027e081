"""Every figure of the semester summary and of the monthly report opens the list behind it, and the list is
as long as the figure (a sum of yuan opens the entries that add up to it), within the viewer's scope; a
district officer gets counts, never names."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from organisation.roles import Role
from reports import members
from reports.members import BY_KEY, BY_PREFIX
from tests import factories as f
from tests.pairing.factories import TalkFactory

LINK = re.compile(r'<a href="([^"]+)" data-figure="([^"]+)">([^<]*)</a>')


def _links(page: str) -> list[tuple[str, str, str]]:
    return [(href.replace("&amp;", "&"), key, value) for href, key, value in LINK.findall(page)]


def _shown(value: str) -> int | Decimal:
    """The figure a cell shows: a count, a rate's numerator ("50.0% (1/2)"), or yuan."""
    rate = re.search(r"\((\d+)/\d+\)", value)
    if rate:
        return int(rate.group(1))
    return Decimal(value) if "." in value else int(value)


def _walk(client, page_url: str) -> dict[str, int | Decimal]:
    """Follow every figure link of a page; assert each list's length (or total, for yuan) is the figure."""
    page = client.get(page_url).content.decode()
    links = _links(page)
    assert links, "the page has figure links"
    seen = {}
    for href, key, value in links:
        response = client.get(href)
        assert response.status_code == 200, key
        figure = _shown(value)
        if isinstance(figure, Decimal):
            assert response.context["total"] == figure, key
            seen[key] = figure
        else:
            assert len(response.context["rows"]) == figure, key
            seen[key] = figure
    return seen


def test_every_figure_of_the_semester_summary_opens_a_list_as_long_as_the_figure(client, figure_school):
    client.force_login(figure_school.principal)
    seen = _walk(client, reverse("reports:summary", args=[figure_school.semester.pk]))
    # Most figures are links, and most of them are not zero here: the walk proves something.
    assert len(seen) >= 80
    assert sum(1 for value in seen.values() if value) >= 60
    assert seen["assistance_total"] == Decimal("545.50")
    for key in ("lbc", "talks", "visits", "contacts", "attendances", "guardians_met", "progress", "new", "left"):
        assert key in seen, key


def test_every_figure_of_a_monthly_report_opens_a_list_as_long_as_the_figure(client, figure_school):
    client.force_login(figure_school.principal)
    seen = _walk(client, reverse("reports:monthly_report", args=[2026, 11]))
    assert len(seen) >= 50
    assert sum(1 for value in seen.values() if value) >= 20


def test_every_row_key_of_the_summary_either_opens_or_is_a_figure_without_members(client, figure_school):
    client.force_login(figure_school.principal)
    page = client.get(reverse("reports:summary", args=[figure_school.semester.pk])).content.decode()
    keys = re.findall(r'<tr data-key="([^"]+)"', page)
    without = {k for k in keys if not members.opens(k)}
    allowed = {"on_roll", "per_carer", "compliance"}
    assert {k for k in without if not k.startswith(("attention:", "norm:"))} <= allowed


def test_a_head_teacher_sees_only_their_classes_children_behind_the_figures(client, figure_school):
    client.force_login(figure_school.head_teacher)
    url = reverse("reports:summary", args=[figure_school.semester.pk])
    _walk(client, url)
    lbc = client.get(reverse("reports:summary_figure", args=[figure_school.semester.pk, "lbc"]))
    assert sorted(r.child.name for r in lbc.context["rows"]) == ["A", "B"]
    talks = client.get(reverse("reports:summary_figure", args=[figure_school.semester.pk, "talks"]))
    assert {r.child.name for r in talks.context["rows"]} == {"A"}  # D (4-1) is not theirs
    assert b"D</a>" not in talks.content


def test_a_district_officer_gets_counts_and_never_the_names_behind_them(client, figure_school):
    officer = f.UserFactory(role=Role.DISTRICT_OFFICER, school=None, district=figure_school.school.district)
    client.force_login(officer)
    for url in (
        reverse("reports:summary_figure", args=[figure_school.semester.pk, "lbc"]),
        reverse("reports:monthly_figure", args=[2026, 11, "talks"]),
    ):
        assert client.get(url).status_code == 404


def test_an_unknown_figure_or_one_without_members_is_not_found(client, figure_school):
    client.force_login(figure_school.principal)
    for key in ("on_roll", "per_carer", "nonsense", "grade"):
        url = reverse("reports:summary_figure", args=[figure_school.semester.pk, key])
        assert client.get(url).status_code == 404


def test_the_assistance_total_opens_the_entries_that_add_up_to_it(client, figure_school):
    client.force_login(figure_school.principal)
    response = client.get(reverse("reports:summary_figure", args=[figure_school.semester.pk, "assistance_total"]))
    assert sorted(r.amount for r in response.context["rows"]) == [
        Decimal("45.50"),
        Decimal("200.00"),
        Decimal("300.00"),
    ]
    assert response.context["total"] == Decimal("545.50")


def test_the_members_cover_every_prefix_the_summary_uses():
    summary = {"grade", "gender", "type", "reason", "carer", "active_carer", "channel", "initiator", "activity"}
    summary |= {"donor", "assist"}
    assert set(BY_PREFIX) == summary | {"safety"} | {"paired", "carer_talks", "carer_visits", "carer_contacts"}
    assert "lbc" in BY_KEY


@pytest.mark.parametrize("key", ["talks", "lbc", "attendances", "assistance_total", "carers"])
def test_a_list_takes_the_same_number_of_queries_at_two_sizes(client, figure_school, django_assert_num_queries, key):
    client.force_login(figure_school.principal)
    url = reverse("reports:summary_figure", args=[figure_school.semester.pk, key])
    client.get(url)
    with django_assert_num_queries(QUERIES):
        client.get(url)
    a = figure_school.children["A"]
    for child in f.ChildFactory.create_batch(8, school_class=a.school_class, identified_on=a.identified_on):
        TalkFactory(child=child, date=figure_school.period.start)
    with django_assert_num_queries(QUERIES):
        client.get(url)


QUERIES = 5  # session, user, semester, the list; the school for the scope


def test_every_figure_of_the_class_and_carer_tables_opens_a_list_as_long_as_the_figure(client, figure_school):
    client.force_login(figure_school.principal)
    seen = _walk(client, reverse("reports:tables", args=[figure_school.semester.pk]))
    assert sum(1 for key in seen if key.startswith(("paired:", "carer_"))) >= 8  # M and K, four columns each
    assert sum(1 for value in seen.values() if value) >= 8


def _submitted(world):
    from children.models import Child, LeftBehindType
    from reports import monthly_services as services
    from reports.monthly import previous_window, window_of

    w = previous_window(window_of(timezone.localdate(), 22), 22)
    Child.objects.filter(school=world.school).update(left_behind_type=LeftBehindType.BOTH_AWAY)
    TalkFactory(child=world.child_1, date=w.period.start)
    report = services.report_draft(school=world.school, window=w, user=world.principal)
    for title in ["读书月", "家访周"]:
        services.item_save(report=report, user=world.principal, title=title, date=w.period.end, text="开展活动。")
    return w, services.report_submit(report=report, user=world.principal)


def test_a_submitted_reports_figures_open_the_lists_of_that_version(client, world):
    w, report = _submitted(world)
    client.force_login(world.principal)
    page = client.get(reverse("reports:monthly_report", args=[w.year, w.month])).content.decode()
    links = dict((key, href) for href, key, _value in _links(page))
    assert f"version={report.version}" in links["talks"]
    TalkFactory(child=world.child_1, date=w.period.start)  # logged after submitting: not in the frozen list
    opened = client.get(links["talks"])
    assert len(opened.context["rows"]) == 1
    assert opened.context["frozen"] and not opened.context["live_of_frozen"]


def test_the_district_officer_reads_a_submitted_report_without_a_single_link_to_names(client, world):
    _w, report = _submitted(world)
    client.force_login(world.district_officer)
    page = client.get(reverse("reports:district_report", args=[report.pk])).content.decode()
    assert 'data-key="talks"' in page
    assert "data-figure=" not in page
    assert world.child_1.name not in page


def test_a_signed_summarys_figures_open_the_lists_of_that_version(client, figure_school):
    from reports import services

    services.summary_sign(semester=figure_school.semester, user=figure_school.principal)
    client.force_login(figure_school.principal)
    page = client.get(reverse("reports:summary", args=[figure_school.semester.pk])).content.decode()
    links = {key: href for href, key, _value in _links(page)}
    assert "version=1" in links["lbc"]
    opened = client.get(links["lbc"])
    assert len(opened.context["rows"]) == 3
    assert opened.context["frozen"] and not opened.context["live_of_frozen"]


def test_a_signed_summarys_lists_stay_as_they_were_when_it_was_signed(client, figure_school):
    # Every figure link of the signed version opens its frozen list, whose length is the frozen figure, even
    # after a talk, a home visit and a contact are logged in the period since.
    from reports import services
    from tests.guardians.factories import ParentContactFactory
    from tests.pairing.factories import HomeVisitFactory

    services.summary_sign(semester=figure_school.semester, user=figure_school.principal)
    a, day = figure_school.children["A"], figure_school.period.end
    TalkFactory(child=a, date=day)
    HomeVisitFactory(child=a, date=day)
    ParentContactFactory(child=a, date=day)
    client.force_login(figure_school.principal)
    page = client.get(reverse("reports:summary", args=[figure_school.semester.pk])).content.decode()
    links = _links(page)
    assert len(links) > 40
    for href, key, value in links:
        opened = client.get(href)
        assert opened.status_code == 200, key
        assert opened.context["frozen"], key
        shown = opened.context["total"] if opened.context["total"] is not None else len(opened.context["rows"])
        assert shown == _shown(value), key


def test_the_safety_events_open_under_their_own_read_rule(client, figure_school):
    from pairing.models import SafetyEvent

    a = figure_school.children["A"]
    SafetyEvent.objects.create(child=a, date=figure_school.period.start, kind="missing", what_happened="未回家")
    client.force_login(figure_school.principal)
    seen = _walk(client, reverse("reports:summary", args=[figure_school.semester.pk]))
    assert seen["safety_events"] == seen["safety:missing"] == seen["safety_open"] == 1
    client.force_login(figure_school.head_teacher)  # A is in their class, but they did not record the event
    url = reverse("reports:summary_figure", args=[figure_school.semester.pk, "safety_events"])
    assert client.get(url).context["rows"] == []


def test_the_dashboards_yuan_tile_opens_the_entries_that_add_up_to_it(client, figure_school):
    client.force_login(figure_school.principal)
    dashboard = client.get(reverse("reports:dashboard") + f"?semester={figure_school.semester.pk}")
    tile = next(t for t in dashboard.context["dashboard"].tiles if t.key == "assistance")
    assert client.get(tile.url).context["total"] == Decimal(tile.value)
