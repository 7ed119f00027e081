"""Refusals and missing pages answer with our own page, in the user's language, with a way home."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_forbidden_page_is_chinese_and_links_home(client, world):
    client.force_login(world.head_teacher)
    response = client.get(reverse("organisation:staff_list"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "此页面不属于您的角色" in body
    assert f'href="{reverse("home")}"' in body


def test_missing_page_is_chinese_and_does_not_say_whether_the_object_exists(client, world):
    client.force_login(world.head_teacher)
    response = client.get(reverse("children:detail", args=[world.child_2.pk]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_server_error_page_renders_without_a_request_context(settings):
    from django.template.loader import render_to_string

    body = render_to_string("500.html")
    assert "出错了" in body


def test_forbidden_page_follows_the_language_switch(world):
    client = Client()
    client.force_login(world.head_teacher)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "This page is not part of your role" in client.get(reverse("organisation:staff_list")).content.decode()


def test_with_debug_on_a_stale_link_shows_the_products_own_404_page(client, world, settings):
    settings.DEBUG = True
    client.force_login(world.head_teacher)
    for url in ("/no-such-page/", reverse("children:detail", args=[world.child_2.pk])):
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 404
        assert "页面不存在" in body
        assert "URLconf" not in body and "DEBUG = True" not in body
        assert f'href="{reverse("home")}"' in body


def test_a_developer_can_ask_for_the_technical_404_page(client, world, settings):
    settings.DEBUG = True
    settings.SHOW_TECHNICAL_404 = True
    client.force_login(world.head_teacher)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()
