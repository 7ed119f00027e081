"""The contact card writes labels and places the way the reader's language does."""

from django.urls import reverse
from django.utils import translation

from tests.factories import ParentFactory, make_id_number


def _card(client, world, language):
    child = world.child_1
    child.id_number = make_id_number(child.birth_date, male=False)
    child.address = "石桥镇杉木村"
    child.save()
    ParentFactory(child=child, work_province="广东", work_city="东莞")
    client.force_login(world.head_teacher)
    client.cookies["django_language"] = language
    with translation.override(language):  # the request activates its language: leave the thread as it was
        response = client.get(
            reverse("guardians:contact_card", kwargs={"pk": child.pk}), headers={"accept-language": language}
        )
    return response.content.decode()


def test_chinese_card_uses_the_full_width_colon_and_a_space_between_province_and_city(client, world):
    body = _card(client, world, "zh-hans")
    assert "身份证号：" in body and "家庭住址：石桥镇杉木村" in body and "班主任：" in body
    assert "身份证号:" not in body and "家庭住址: " not in body
    assert "广东 东莞" in body and "广东东莞" not in body


def test_english_card_uses_colon_space_and_a_comma_between_province_and_city(client, world):
    body = _card(client, world, "en")
    assert "ID number: " in body and "Home address: 石桥镇杉木村" in body
    assert "广东, 东莞" in body


def test_the_carer_kind_reads_in_one_language_with_that_languages_brackets(client, world):
    # world.carer is a loving mother paired with child 1
    chinese = _card(client, world, "zh-hans")
    assert "张秀英（爱心妈妈）" in chinese
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        english = client.get(reverse("guardians:contact_card", kwargs={"pk": world.child_1.pk})).content.decode()
    assert "张秀英 (Loving mother)" in english
    assert "爱心妈妈" not in english


def test_english_carer_kind_labels_are_english_only():
    from pairing.models import CarerKind

    with translation.override("en"):
        labels = [str(label) for label in CarerKind.labels]
    assert all(label.isascii() for label in labels), labels
