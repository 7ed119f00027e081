"""A district officer reaches the schools' self-inspections from the home page and from the menu; a head
teacher is shown neither link."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _links(html: str) -> tuple[list[str], list[str]]:
    """The page's links in the navbar's menu, and those in the page's main part."""
    menu = html.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]
    main = html.split("<main", 1)[1]
    return re.findall(r'href="(/[^"#?]*)', menu), re.findall(r'href="(/[^"#?]*)', main)


def test_the_district_officers_home_and_menu_lead_to_the_side_by_side_page(client, world):
    client.force_login(world.district_officer)
    body = client.get(reverse("home")).content.decode()
    menu, main = _links(body)
    side_by_side = reverse("inspection:district")
    assert side_by_side in menu
    assert side_by_side in main
    assert 'data-testid="inspection-link"' in body
    assert "各校督导自查" in body
    response = client.get(side_by_side)
    assert response.status_code == 200
    assert reverse("inspection:district_index") in response.content.decode()


def test_a_head_teachers_home_and_menu_have_no_link_to_the_district_pages(client, world):
    client.force_login(world.head_teacher)
    body = client.get(reverse("home"), follow=True).content.decode()
    menu, main = _links(body)
    district_pages = [link for link in menu + main if link.startswith(reverse("inspection:district"))]
    assert district_pages == []
    assert client.get(reverse("inspection:district")).status_code in (403, 404)
