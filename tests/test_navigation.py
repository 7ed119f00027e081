"""Every role's menu holds only pages that role can open; a district officer is not told to ask a principal."""

import re

import pytest
from django.urls import reverse

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
