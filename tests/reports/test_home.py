"""Each role's home page shows its own scope, with a query count that does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation.models import Semester
from tests import factories

pytestmark = pytest.mark.django_db


def add_classes_with_children(school, head_teacher, classes: int, per_class: int):
    for number in range(10, 10 + classes):
        school_class = factories.SchoolClassFactory(school=school, grade=4, number=number, head_teachers=[head_teacher])
        factories.ChildFactory.create_batch(per_class, school_class=school_class)


def test_head_teacher_home_counts_only_their_class(client, world):
    client.force_login(world.head_teacher)
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="children-count">1<' in body
    assert "3年级1班" in body
    assert "3年级2班" not in body


def no_current_semester(school):
    """The principal's and archive keeper's home is the dashboard, which needs a current semester; without one
    they get the start page."""
    Semester.objects.filter(school=school).update(is_current=False)


LANDINGS = {
    # persona: where login leads, whether the page links to the dashboard
    "principal": ("reports:dashboard", False),
    "archive_keeper": ("reports:dashboard", False),
    "head_teacher": ("home", True),
    "carer_user": ("home", False),
    "district_officer": ("home", False),
}


@pytest.mark.parametrize("persona", LANDINGS)
def test_each_role_lands_on_its_home_after_login(client, world, persona):
    user = getattr(world, persona)
    form = {"username": user.username, "password": factories.PASSWORD}
    response = client.post(reverse("login"), form, REMOTE_ADDR="10.1.2.3", follow=True)
    landing, links_to_dashboard = LANDINGS[persona]
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(landing)
    assert ('data-testid="home-dashboard"' in response.content.decode()) == links_to_dashboard


def test_a_head_teachers_home_leads_to_the_dashboard_of_their_classes_and_to_my_week(client, world):
    client.force_login(world.head_teacher)
    links = client.get(reverse("home")).content.decode().split('data-testid="home-links"', 1)[1].split("</nav>")[0]
    assert links.index(reverse("reports:dashboard")) < links.index(reverse("pairing:my_week"))
    dashboard = client.get(reverse("reports:dashboard"))
    assert dashboard.status_code == 200


def test_the_principal_sent_to_the_dashboard_sees_the_monthly_reminder_there(client, world):
    client.force_login(world.principal)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain == [(reverse("reports:dashboard"), 302)]
    assert 'data-testid="monthly-reminder"' in response.content.decode()  # last month's report was never submitted


@pytest.mark.parametrize("persona", ["principal", "archive_keeper"])
def test_the_dashboard_opened_directly_shows_the_monthly_reminder_once(client, world, persona):
    client.force_login(getattr(world, persona))
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert page.count('data-testid="monthly-reminder"') == 1  # last month's report was never submitted
    through_home = client.get(reverse("home"), follow=True).content.decode()
    assert through_home.count('data-testid="monthly-reminder"') == 1


def test_the_reminder_is_not_on_a_head_teachers_dashboard_nor_on_a_past_semesters(client, world):
    client.force_login(world.head_teacher)
    assert 'data-testid="monthly-reminder"' not in client.get(reverse("reports:dashboard")).content.decode()
    client.force_login(world.principal)
    past = factories.previous_semester(world.semester)
    url = reverse("reports:dashboard") + f"?semester={past.pk}"
    assert client.get(url).status_code == 200
    assert 'data-testid="monthly-reminder"' not in client.get(url).content.decode()


def test_a_principal_without_a_current_semester_gets_the_start_page(client, world):
    no_current_semester(world.school)
    client.force_login(world.principal)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert 'data-testid="home-links"' in response.content.decode()


def test_principal_home_counts_the_whole_school(client, world):
    no_current_semester(world.school)
    client.force_login(world.principal)
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="children-count">2<' in body
    assert "3年级1班" in body and "3年级2班" in body


def test_district_officer_home_lists_schools_with_aggregates_and_no_child_names(client, world):
    client.force_login(world.district_officer)
    body = client.get(reverse("home")).content.decode()
    assert "石桥小学" in body and "龙潭学校" in body
    for name in ("张思琪", "李浩然", "王欣怡"):
        assert name not in body


@pytest.mark.parametrize(("classes", "per_class"), [(1, 2), (8, 25)])
def test_principal_home_query_count_is_constant(client, world, django_assert_num_queries, classes, per_class):
    add_classes_with_children(world.school, world.head_teacher, classes, per_class)
    no_current_semester(world.school)
    client.force_login(world.principal)
    # session, user, children count, active staff count, the user's school, its current semester,
    # classes with their children counts, their head teachers (prefetch), the district's monthly report
    # settings and the school's recent monthly reports (the reminder)
    with django_assert_num_queries(10):
        assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("schools", [1, 12])
def test_district_home_query_count_is_constant(client, world, django_assert_num_queries, schools):
    for _ in range(schools):
        school = factories.SchoolFactory(district=world.district)
        factories.ChildFactory.create_batch(3, school_class=factories.SchoolClassFactory(school=school))
    client.force_login(world.district_officer)
    # session, user, children count (an empty scope, still counted), schools with their counts; the monthly
    # reports to follow up: the district's settings, its schools, their reports of the last window due; the
    # reporting rates: the district's report day, the schools, their districts' settings, their reports of the
    # school year, and their counts: the schools without a report of each month, the reports of the months
    # (reports.rates.load_reporting)
    with django_assert_num_queries(13):
        assert client.get(reverse("home")).status_code == 200


def test_a_head_teachers_class_row_leads_to_its_children_and_its_care_grid(client, world):
    client.force_login(world.head_teacher)
    body = client.get(reverse("home")).content.decode()
    children = f"{reverse('children:list')}?school_class={world.class_1.pk}&amp;status=active"
    assert f'<a href="{children}">3年级1班</a>' in body
    assert reverse("pairing:class_grid", args=[world.class_1.pk]) in body
    assert reverse("pairing:my_week") in body


def test_a_principals_home_leads_to_my_week_and_the_care_overview(client, world):
    no_current_semester(world.school)
    client.force_login(world.principal)
    body = client.get(reverse("home")).content.decode()
    assert reverse("pairing:my_week") in body
    assert reverse("pairing:overview") in body
    assert f"?school_class={world.class_2.pk}&amp;status=active" in body


def test_the_home_count_and_the_list_it_leads_to_count_the_same_children(client, world):
    factories.ChildFactory(school_class=world.class_1, status="no_longer")
    client.force_login(world.head_teacher)
    home = client.get(reverse("home")).content.decode()
    assert 'data-testid="children-count">1<' in home
    listed = client.get(reverse("children:list"), {"status": "active"}).context["counts"]
    assert listed.children == 1
    everyone = client.get(reverse("children:list")).content.decode()
    assert 'data-testid="count-children">2<' in everyone
    assert "其中目前留守 1 人" in everyone


def test_district_home_counts_children_and_classes_without_joining_them(client, world):
    school = factories.SchoolFactory(district=world.district)
    for number in (1, 2, 3):
        factories.ChildFactory.create_batch(4, school_class=factories.SchoolClassFactory(school=school, number=number))
    client.force_login(world.district_officer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    schools_sql = next(q["sql"] for q in queries.captured_queries if 'FROM "organisation_school"' in q["sql"])
    # One join of children and classes made children × classes rows (120,000 for 20 schools) counted distinct.
    assert "DISTINCT" not in schools_sql.upper()
    counts = {s.pk: (s.classes_count, s.children_count) for s in response.context["summary"].schools}
    assert counts[school.pk] == (3, 12)
