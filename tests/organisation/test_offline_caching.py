"""What a phone may keep: only a head teacher's or carer's field pages (my week, her children's pages, the three
forms), exactly as the server just showed them; nothing for other roles, nothing of a child out of scope."""

import json

import pytest
from django.urls import reverse

from children.offline import offline_pages_for
from organisation.outbox import CACHE_HEADER
from tests import factories


def _kept(client, user, url) -> bool | None:
    client.force_login(user)
    response = client.get(url)
    return None if response.status_code != 200 else response.headers.get(CACHE_HEADER) == "page"


@pytest.mark.parametrize(
    "url_name",
    ["children:detail", "pairing:talk_create", "pairing:visit_create", "guardians:contact_create"],
)
def test_a_head_teachers_child_pages_may_be_kept_and_a_principals_may_not(client, world, url_name):
    url = reverse(url_name, args=[world.child_1.pk])
    assert _kept(client, world.head_teacher, url) is True
    assert _kept(client, world.carer_user, url) is True
    assert _kept(client, world.principal, url) is False


def test_my_week_may_be_kept_for_a_carer(client, world):
    assert _kept(client, world.carer_user, reverse("pairing:my_week")) is True


def test_a_child_out_of_scope_is_a_404_and_nothing_to_keep(client, world):
    client.force_login(world.head_teacher)
    response = client.get(reverse("children:detail", args=[world.child_2.pk]))
    assert response.status_code == 404
    assert CACHE_HEADER not in response.headers


def test_lists_and_the_district_officers_pages_are_never_kept(client, world):
    assert _kept(client, world.head_teacher, reverse("children:list")) is False
    assert _kept(client, world.district_officer, reverse("home")) is False


def test_the_pages_to_keep_are_the_head_teachers_own_children_four_pages_each(world):
    child = world.child_1
    assert offline_pages_for(world.head_teacher) == [
        "/care/my-week/",
        "/offline/outbox/",
        f"/children/{child.pk}/",
        f"/care/children/{child.pk}/talks/new/",
        f"/care/children/{child.pk}/visits/new/",
        f"/guardians/children/{child.pk}/contacts/new/",
    ]


@pytest.mark.parametrize("persona", ["principal", "archive_keeper", "district_officer"])
def test_no_page_is_kept_for_a_role_that_does_not_work_offline(world, persona):
    assert offline_pages_for(world.persona(persona)) == []


@pytest.mark.parametrize("extra", [0, 9])
def test_the_pages_to_keep_take_the_same_queries_for_one_child_or_ten(world, django_assert_num_queries, extra):
    for _ in range(extra):
        factories.ChildFactory(school_class=world.class_1)
    # One query: the ids of the children she may log care for (her classes are a subquery).
    with django_assert_num_queries(1):
        pages = offline_pages_for(world.head_teacher)
    assert len(pages) == 2 + 4 * (1 + extra)


def test_the_service_worker_is_served_at_the_root_with_the_shell_it_precaches(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    head, _, body = response.content.decode().partition("\n")
    config = json.loads(head.removeprefix("self.SHOUWANG_OFFLINE = ").removesuffix(";"))
    urls = [entry["url"] for entry in config["precache"]]
    assert "/static/offline/offline.js" in urls and "/static/css/shouwang.min.css" in urls
    assert all(entry["revision"] for entry in config["precache"])
    assert "shouwang-pages" in body


def test_the_manifest_names_the_app_in_chinese_with_its_icons(client):
    data = json.loads(client.get("/manifest.webmanifest").content)
    assert (data["short_name"], data["name"]) == ("守望", "守望 · 留守儿童关爱")
    assert data["start_url"] == "/care/my-week/" and data["display"] == "standalone"
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}
