"""A teacher finds 张思琪 by typing part of the name, the pinyin initials or the full pinyin."""

import pytest
from django.urls import reverse

from children.pinyin import name_initials, set_name_pinyin
from children.services import child_save
from tests.factories import ChildFactory


def test_initials_of_a_chinese_name():
    assert name_initials("张思琪") == "zsq"


@pytest.fixture
def zhang_siqi(world):
    # child_1 is 张思琪 but built by the factory without pinyin: fill it as the service does.
    set_name_pinyin(world.child_1)
    world.child_1.save()
    child_save(child=ChildFactory.build(school_class=world.class_1, name="张三", school=world.school))
    return world.child_1


@pytest.mark.parametrize("query", ["zsq", "ZSQ", "zs", "zhangsiqi", "思琪", "张思"])
def test_search_finds_the_child(client, world, zhang_siqi, query):
    client.force_login(world.head_teacher)
    response = client.get(reverse("children:list"), {"q": query})
    names = [c.name for c in response.context["page"]]
    assert "张思琪" in names
    if query in ("zsq", "ZSQ", "zhangsiqi", "思琪"):
        assert names == ["张思琪"]


def test_search_does_not_reach_outside_the_users_classes(client, world, zhang_siqi):
    client.force_login(world.other_head_teacher)
    response = client.get(reverse("children:list"), {"q": "zsq"})
    assert list(response.context["page"]) == []
