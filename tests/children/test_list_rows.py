"""Each row of the child list shows the child's link, badges, class, labels and what the archive misses, in
the user's language, with every value escaped."""

import re

import pytest
from django.urls import reverse

from children.models import PovertyStatus

pytestmark = pytest.mark.django_db


def row_of(html: str, name: str) -> str:
    row = next(row for row in re.findall(r"<tr>.*?</tr>", html, re.S) if name in row)
    return re.sub(r">\s+<", "><", row)


def test_a_row_shows_the_child_with_badges_labels_and_what_is_missing_in_english(client, world, make_complete_child):
    complete = make_complete_child(school_class=world.class_1, name="刘子轩")
    world.child_1.name = '<script>alert("x")</script>'
    world.child_1.is_key_help, world.child_1.key_help_reason = True, "家中无人照顾"
    world.child_1.poverty_status = PovertyStatus.DIBAO
    world.child_1.save()
    client.force_login(world.principal)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("children:list")).content.decode()

    assert "<script>alert" not in html
    row = row_of(html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    assert f'href="{reverse("children:detail", args=[world.child_1.pk])}"' in row
    assert '<span class="badge text-bg-danger">Key-help</span>' in row
    assert '<span class="badge text-bg-warning">Minimum living allowance (低保)</span>' in row
    assert "<td>Grade 3 Class 1</td><td>Female</td><td>—</td><td>Left-behind (active)</td>" in row
    assert re.search(r'title="[^"]*home address[^"]*">\d+ items missing</span>', row)

    complete_row = row_of(html, complete.name)
    assert "badge" not in complete_row
    assert '<use href="/static/icons.svg#check-circle"></use></svg> Complete' in complete_row


def test_a_row_is_in_chinese_by_default(client, world):
    world.child_1.is_key_help, world.child_1.key_help_reason = True, "家中无人照顾"
    world.child_1.save()
    client.force_login(world.principal)
    html = client.get(reverse("children:list")).content.decode()

    row = row_of(html, world.child_1.name)
    assert '<span class="badge text-bg-danger">重点帮扶</span>' in row
    assert re.search(r'title="[^"]*家庭住址[^"]*">缺 \d+ 项</span>', row)


def test_an_empty_list_says_no_child_matches(client, world):
    client.force_login(world.principal)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("children:list"), {"q": "nobody"}).content.decode()
    assert "No child matches." in html
    assert "No child matches." not in client.get(reverse("children:list")).content.decode()
