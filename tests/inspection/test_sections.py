"""The district renames a section of its index and moves it to another place; the other sections close up."""

import pytest
from django.urls import reverse

from inspection import services
from inspection.models import Section
from organisation.roles import Role
from tests import factories as f

pytestmark = pytest.mark.django_db


def _titles(index) -> list[str]:
    return list(Section.objects.filter(index=index).order_by("order", "pk").values_list("title", flat=True))


def _orders(index) -> list[int]:
    return list(Section.objects.filter(index=index).order_by("order", "pk").values_list("order", flat=True))


def test_the_officer_renames_a_section(client, world, index):
    section = Section.objects.filter(index=index).order_by("order").first()
    client.force_login(world.district_officer)
    assert client.get(reverse("inspection:district_section", args=[section.pk])).status_code == 200
    response = client.post(
        reverse("inspection:district_section", args=[section.pk]), {"title": "  组织领导  ", "order": section.order}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?year={index.school_year}")
    section.refresh_from_db()
    assert (section.title, section.order) == ("组织领导", 1)
    index.refresh_from_db()
    assert index.updated_by == world.district_officer
    page = client.get(reverse("inspection:district_index"), {"year": index.school_year}).content.decode()
    assert "1 组织领导" in page


def test_moving_the_last_section_first_moves_the_others_down(world, index):
    before = _titles(index)
    last = Section.objects.filter(index=index).order_by("order").last()
    last.order = 1
    services.section_save(section=last, user=world.district_officer)
    assert _titles(index) == [before[-1], *before[:-1]]
    assert _orders(index) == list(range(1, len(before) + 1))


def test_moving_a_section_down_and_past_the_end(world, index):
    before = _titles(index)
    first = Section.objects.filter(index=index).order_by("order").first()
    first.order = 3
    services.section_save(section=first, user=world.district_officer)
    assert _titles(index) == [before[1], before[2], before[0], *before[3:]]
    first.order = 99
    services.section_save(section=first, user=world.district_officer)
    assert _titles(index)[-1] == before[0] and _orders(index) == list(range(1, len(before) + 1))


def test_a_new_section_goes_last_unless_told_otherwise(client, world, index):
    count = len(_titles(index))
    client.force_login(world.district_officer)
    form = client.get(reverse("inspection:district_section_add", args=[index.pk])).content.decode()
    assert f'value="{count + 1}"' in form
    client.post(reverse("inspection:district_section_add", args=[index.pk]), {"title": "家校共育", "order": count + 1})
    assert _titles(index)[-1] == "家校共育" and _orders(index) == list(range(1, count + 2))


def test_a_school_cannot_rename_a_section_and_another_district_does_not_reach_it(client, world, index):
    section = Section.objects.filter(index=index).first()
    url = reverse("inspection:district_section", args=[section.pk])
    client.force_login(world.principal)
    assert client.post(url, {"title": "改名", "order": 1}).status_code == 403
    other = f.UserFactory(school=None, district=f.DistrictFactory(code="430000"), role=Role.DISTRICT_OFFICER)
    client.force_login(other)
    assert client.post(url, {"title": "改名", "order": 1}).status_code == 404
    section.refresh_from_db()
    assert section.title != "改名"


def test_once_a_school_has_submitted_the_sections_keep_their_places_but_can_be_renamed(client, world, submitted):
    """The frozen section scores of the side-by-side page are numbered by the sections' places."""
    index = submitted.index
    before = _titles(index)
    last = Section.objects.filter(index=index).order_by("order").last()
    client.force_login(world.district_officer)
    url = reverse("inspection:district_section", args=[last.pk])
    response = client.post(url, {"title": last.title, "order": 1})
    assert response.status_code == 200 and "已有学校按本指标报送了自查" in response.content.decode()
    assert _titles(index) == before
    client.post(url, {"title": "档案资料", "order": last.order})
    client.post(reverse("inspection:district_section_add", args=[index.pk]), {"title": "家校共育", "order": 1})
    assert _titles(index) == [*before[:-1], "档案资料"]  # renamed; the new section refused its first place
    client.post(reverse("inspection:district_section_add", args=[index.pk]), {"title": "家校共育", "order": 99})
    assert _titles(index) == [*before[:-1], "档案资料", "家校共育"]
