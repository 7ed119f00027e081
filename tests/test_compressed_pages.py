"""Pages travel gzip-compressed to a browser that asks for it, and plain to one that does not."""

import gzip

from django.urls import reverse


def test_a_page_answers_gzip_encoded_when_the_browser_accepts_gzip(client, world):
    client.force_login(world.head_teacher)
    response = client.get(reverse("home"), follow=True, headers={"accept-encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "</html>" in html
    assert len(response.content) < len(html.encode()) / 2


def test_the_login_page_is_compressed_too(client):
    response = client.get(reverse("login"), headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "csrfmiddlewaretoken" in gzip.decompress(response.content).decode()


def test_a_browser_that_does_not_ask_gets_plain_html(client, world):
    client.force_login(world.head_teacher)
    response = client.get(reverse("home"), follow=True)
    assert not response.has_header("Content-Encoding")
    assert "</html>" in response.content.decode()
