"""Login: lockout after repeated failures, anonymous users sent to login, session expiry, language."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD
from tests.matrix import all_rows

pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3")


def test_login_page_is_chinese_by_default(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert "登录" in response.content.decode()
    assert '<html lang="zh-CN">' in response.content.decode()


def test_language_switch_serves_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("login"))
    assert "Log in" in response.content.decode()


def test_correct_password_logs_in(client, world):
    response = post_login(client, "head1", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_shows_a_chinese_error(client, world):
    response = post_login(client, "head1", "wrong")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_lockout_after_repeated_failures(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_login(client, "head1", "wrong").status_code == 200
    response = post_login(client, "head1", "wrong")
    assert response.status_code == 429
    body = response.content.decode()
    assert "登录失败次数过多" in body
    assert "30" in body
    # Even the right password is refused while locked.
    assert post_login(client, "head1", PASSWORD).status_code == 429


def test_lockout_of_one_user_does_not_lock_a_colleague_on_the_same_network(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "head1", "wrong")
    assert post_login(client, "head2", PASSWORD).status_code == 302


@pytest.mark.parametrize("row", [r for r in all_rows() if r.method == "get"], ids=lambda r: r.id)
def test_anonymous_user_is_sent_to_login_from_every_page(client, world, row):
    url = reverse(row.url_name, kwargs=row.kwargs(world))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_session_ends_with_the_browser_and_after_a_working_day():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_logout_needs_post_with_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.head_teacher)
    assert client.post(reverse("logout")).status_code == 403


def test_password_change_page_changes_the_password(client, world):
    client.force_login(world.head_teacher)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Qingshan-2026-new", "new_password2": "Qingshan-2026-new"},
    )
    assert response.status_code == 302
    world.head_teacher.refresh_from_db()
    assert world.head_teacher.check_password("Qingshan-2026-new")
