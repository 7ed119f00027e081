"""The child list's filter and sort labels follow the language the user picked, in whole sentences."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def sort_options(html: str) -> list[str]:
    select = re.search(r'<select name="sort".*?</select>', html, re.S).group(0)
    return [label.strip() for label in re.findall(r"<option[^>]*>(.*?)</option>", select, re.S)]


def labels(html: str) -> list[str]:
    return [label.strip() for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)]


def test_the_english_list_has_no_chinese_in_its_sort_options_and_capitalised_labels(client, world):
    client.force_login(world.principal)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("children:list")).content.decode()
    options = sort_options(html)
    assert "Grade, highest first" in options
    assert [o for o in options if CHINESE.search(o)] == []
    assert "Sort by" in labels(html) and "Status" in labels(html)
    assert [label for label in labels(html) if label[:1].islower()] == []


def test_the_chinese_list_has_no_untranslated_descending_sort_options(client, world):
    client.force_login(world.principal)
    html = client.get(reverse("children:list")).content.decode()
    options = sort_options(html)
    assert "年级从高到低" in options
    assert [o for o in options if "descending" in o or not CHINESE.search(o)] == []
