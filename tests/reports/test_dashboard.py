"""The principal's dashboard: tiles equal the figures and open their lists; charts get their data as JSON."""

import datetime
import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from children.models import ChildStatus, ChildStatusChange
from tests import factories as f
from tests.pairing.factories import TalkFactory

D = datetime.date


def _data(body: str) -> dict:
    return json.loads(re.search(r'id="dashboard-data" type="application/json">(.*?)</script>', body, re.S).group(1))


def test_the_dashboard_tiles_show_the_semester_figures(client, figure_school):
    client.force_login(figure_school.principal)
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert 'data-testid="tile-lbc">3<' in body
    assert 'data-testid="tile-talks">33.3%<' in body  # A of A, B, C
    assert 'data-testid="tile-overdue">2<' in body  # B and C (figure 13)
    assert 'data-testid="tile-assistance">545.50<' in body
    assert "vendor/echarts/echarts.min.js" in body and "<script>" not in body.replace("<script src", "")


def test_the_chart_data_has_every_chart_and_bars_link_to_their_children(client, figure_school):
    client.force_login(figure_school.principal)
    data = _data(client.get(reverse("reports:dashboard")).content.decode())
    assert set(data) >= {"gradeType", "careWork", "compliance", "filing", "locale"}
    # Grade 3: A (both away) and B (father away); grade 4: C.
    both = next(s for s in data["gradeType"]["series"] if s["data"] == [1, 0])
    response = client.get(both["urls"][0])
    assert response.status_code == 200
    assert [c.name for c in response.context["children"]] == ["A"]
    # Care work of September: talks on 1 Sep (A), visit 5 Sep (D), contact 3 Sep (A).
    assert [s["data"][0] for s in data["careWork"]["series"]] == [1, 1, 1]


def test_a_carer_has_no_dashboard(client, world):
    client.force_login(world.carer_user)
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_the_dashboard_takes_the_same_number_of_queries_at_two_sizes(client, figure_school):
    client.force_login(figure_school.principal)
    client.get(reverse("reports:dashboard"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("reports:dashboard"))
    for child in f.ChildFactory.create_batch(10, school_class=figure_school.children["A"].school_class):
        TalkFactory(child=child, date=D(2026, 10, 5))
        ChildStatusChange.objects.create(child=child, status=ChildStatus.ACTIVE, date=D(2026, 3, 1))
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("reports:dashboard"))
    assert len(small) == len(large)


def test_care_work_by_month_stops_at_the_current_month_of_a_running_semester(db):
    from django.utils import timezone

    from reports.figures import Period, care_work_by_month

    semester = f.SemesterFactory()  # runs from 120 days ago to 60 days ahead
    today = timezone.localdate()
    TalkFactory(child=f.ChildFactory(school=semester.school), date=today)
    months = care_work_by_month(semester.school, Period.of_semester(semester))
    assert months[0].month == semester.start_date.replace(day=1)
    assert months[-1].month == today.replace(day=1) and months[-1].talks == 1
    assert semester.end_date.replace(day=1) > today.replace(day=1)  # the semester itself runs on
