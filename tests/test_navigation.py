"""Every role's menu holds only pages that role can open; a district officer is not told to ask a principal;
a prefecture's and a province's officer reach their own area from the menu."""

import re

import pytest
from django.urls import reverse

from organisation.models import Prefecture, Province
from organisation.roles import Role
from tests import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = ["principal", "archive_keeper", "head_teacher", "carer_user", "district_officer"]


def _menu_links(html: str) -> list[str]:
    menu = html.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]
    return [href.replace("&amp;", "&") for href in re.findall(r'href="(/[^"#]*)"', menu)]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_link_in_a_roles_menu_opens(client, world, persona):
    client.force_login(getattr(world, persona))
    # The principal's and the archive keeper's home is the dashboard: the menu is read where home leads.
    links = _menu_links(client.get(reverse("home"), follow=True).content.decode())
    assert links
    assert {link: client.get(link, follow=True).status_code for link in links} == dict.fromkeys(links, 200)


def test_a_district_officers_menu_has_no_school_pages(client, world):
    client.force_login(world.district_officer)
    links = _menu_links(client.get(reverse("home")).content.decode())
    # Home, the password, and the district's own page: the schools' self-inspections side by side.
    assert set(links) == {reverse("home"), reverse("password_change"), reverse("inspection:district")}


def test_a_district_officer_who_opens_a_school_page_is_not_sent_to_a_principal(client, world):
    client.force_login(world.district_officer)
    response = client.get(reverse("children:list"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "请联系校长" not in body
    assert "区县账号查看的是本区县各校的统计数字" in body


def test_a_head_teacher_who_opens_a_principals_page_is_still_sent_to_the_principal(client, world):
    client.force_login(world.head_teacher)
    body = client.get(reverse("organisation:staff_list")).content.decode()
    assert "请联系校长" in body


@pytest.fixture
def officers_above_the_county(world):
    """The world's county in a prefecture in a province, with one officer at each of the two levels."""
    province = Province.objects.create(name="黔中省", code="520000")
    prefecture = Prefecture.objects.create(province=province, name="青州市", code="522700")
    world.district.prefecture = prefecture
    world.district.save()
    return {
        "prefecture": f.UserFactory(school=None, prefecture=prefecture, role=Role.PREFECTURE_OFFICER, username="pref1"),
        "province": f.UserFactory(school=None, province=province, role=Role.PROVINCE_OFFICER, username="prov1"),
    }


@pytest.mark.parametrize("level", ["prefecture", "province"])
def test_an_officer_above_the_county_reaches_their_area_from_the_menu_and_every_link_opens(
    client, officers_above_the_county, level
):
    officer = officers_above_the_county[level]
    client.force_login(officer)
    links = _menu_links(client.get(reverse("home"), follow=True).content.decode())
    assert set(links) == {reverse("home"), reverse("password_change"), reverse("reports:area_home")}
    area = client.get(reverse("reports:area_home"), follow=True)
    assert area.status_code == 200
    assert area.redirect_chain[-1][0] == reverse("reports:area", args=[level, getattr(officer, level).pk])
    assert {link: client.get(link, follow=True).status_code for link in links} == dict.fromkeys(links, 200)


def test_a_head_teachers_menu_has_no_area_link(client, world):
    client.force_login(world.head_teacher)
    links = _menu_links(client.get(reverse("home"), follow=True).content.decode())
    assert reverse("reports:area_home") not in links
