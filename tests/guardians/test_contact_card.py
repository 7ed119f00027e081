"""The contact card is built from the archive, always masks the ID number, and lists current carers."""

import datetime

from django.urls import reverse

from tests.factories import GuardianFactory, PairingFactory, ParentFactory, make_id_number


def test_contact_card_masks_the_id_and_shows_family_and_carers(client, world, django_assert_max_num_queries):
    child = world.child_1
    child.id_number = make_id_number(child.birth_date, male=False)
    child.save()
    ParentFactory(child=child, name="张建国", work_city="东莞", employer="长安镇电子厂")
    GuardianFactory(child=child, name="张德福")
    PairingFactory(child=child, carer__name="已结束的帮扶人", end_date=datetime.date(2026, 1, 1),
                   start_date=datetime.date(2025, 9, 1))  # fmt: skip
    client.force_login(world.head_teacher)

    body = client.get(reverse("guardians:contact_card", kwargs={"pk": child.pk})).content.decode()

    assert child.id_number not in body
    assert child.id_number[:3] + "*" in body
    assert "张建国" in body and "长安镇电子厂" in body and "张德福" in body
    assert "13812345678" in body  # a head teacher sees the full phone
    assert world.carer.name in body
    assert "已结束的帮扶人" not in body


def test_carer_sees_masked_phones_on_the_card(client, world):
    ParentFactory(child=world.child_1)
    client.force_login(world.carer_user)
    body = client.get(reverse("guardians:contact_card", kwargs={"pk": world.child_1.pk})).content.decode()
    assert "13812345678" not in body
    assert "138****5678" in body


def test_class_cards_cost_the_same_queries_for_more_children(client, world, django_assert_num_queries):
    from tests.factories import ChildFactory

    client.force_login(world.head_teacher)
    url = reverse("guardians:class_contact_cards", kwargs={"pk": world.class_1.pk})
    # 1 session, 2 user, 3 the class, 4 children, 5 parents, 6 guardians, 7 emergency contacts,
    # 8 head teachers, 9 current pairings with their carers
    with django_assert_num_queries(9):
        client.get(url)
    for _ in range(5):
        ParentFactory(child=ChildFactory(school_class=world.class_1))
    with django_assert_num_queries(9):
        response = client.get(url)
    assert len(response.context["children"]) == 6
