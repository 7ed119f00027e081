"""Lists of requirements read naturally in Chinese (姓名、性别……。) and the register codes say what they mean."""

import pytest
from django.urls import reverse

from children.models import LeftBehindType

pytestmark = pytest.mark.django_db


def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_the_filing_rate_page_lists_the_requirements_with_chinese_separators(client, world):
    client.force_login(world.principal)
    html = client.get(reverse("children:completeness")).content.decode()
    assert "完整的档案应包括：姓名、性别、出生日期、" in html
    assert "名称" not in html
    assert "、兴趣爱好。" in html
    assert "缺少：身份证号、家庭住址、" in html


def test_the_filing_rate_page_lists_the_requirements_with_english_commas(client, world):
    client.force_login(world.principal)
    english(client)
    html = client.get(reverse("children:completeness")).content.decode()
    assert "An archive is complete when it has: name, gender, date of birth, " in html
    assert "、" not in html


def test_the_child_page_lists_what_is_missing_with_chinese_separators(client, world):
    client.force_login(world.principal)
    html = client.get(reverse("children:detail", args=[world.child_1.pk])).content.decode()
    assert "此档案不完整，缺少：" in html
    assert "号、家庭住址、" in html


def test_the_child_page_says_what_the_register_codes_mean(client, world):
    world.child_1.left_behind_type = LeftBehindType.FATHER_AWAY
    world.child_1.save()
    client.force_login(world.principal)
    url = reverse("children:detail", args=[world.child_1.pk])
    assert "学籍登记：1（一方外出）" in client.get(url).content.decode()
    assert "民政统计：不计入" in client.get(url).content.decode()
    english(client)
    html = client.get(url).content.decode()
    assert "Student register: 1 (one parent away)" in html
    assert "Civil-affairs count: not counted" in html


def test_a_child_with_both_parents_away_counts_in_both_registers(client, world):
    world.child_1.left_behind_type = LeftBehindType.BOTH_AWAY
    world.child_1.save()
    client.force_login(world.principal)
    html = client.get(reverse("children:detail", args=[world.child_1.pk])).content.decode()
    assert "学籍登记：2（父母双方外出）" in html
    assert "民政统计：计入" in html


def test_the_page_of_a_child_no_longer_left_behind_counts_them_in_neither_register(client, world):
    world.child_1.left_behind_type = LeftBehindType.BOTH_AWAY
    world.child_1.status = "no_longer"
    world.child_1.save()
    client.force_login(world.principal)
    html = client.get(reverse("children:detail", args=[world.child_1.pk])).content.decode()
    assert "学籍登记：0（非留守）" in html
    assert "民政统计：不计入" in html
    assert "民政统计：计入" not in html
    assert "两种口径均不计入" in html
