"""The archive page adds more guardians (up to 3) and emergency contacts (up to 4), with or without JavaScript."""

from django.urls import reverse

from children.models import Child
from guardians.models import Guardian

GRANDPA = {"name": "陈德福", "relation": "grandfather", "age": "70", "education": "primary", "health": "fair"}


def _contact(n):
    return {"name": f"联系人{n}", "relation": "亲戚", "phone": f"1369876543{n}"}


def test_the_new_archive_page_offers_another_guardian_and_another_contact(client, world):
    client.force_login(world.head_teacher)
    html = client.get(reverse("guardians:archive_create")).content.decode()

    assert 'data-testid="add-guardians"' in html and "再添加一位监护人" in html
    assert 'data-testid="add-contacts"' in html and "再添加一位紧急联系人" in html
    assert 'data-formset="guardians" data-max="3"' in html
    assert 'data-formset="contacts" data-max="4"' in html
    assert '<template data-formset-empty="guardians">' in html
    assert 'name="guardians-__prefix__-name"' in html
    assert "js/formsets.js" in html
    assert 'data-testid="add-parents"' not in html  # a child has at most one father and one mother


def test_an_archive_saves_the_guardians_and_contacts_added_on_the_page(client, world, post_data):
    client.force_login(world.head_teacher)
    data = post_data(world, guardians=[_grandma(), GRANDPA], contacts=[_contact(1), _contact(2), _contact(3)])

    assert client.post(reverse("guardians:archive_create"), data).status_code == 302

    child = Child.objects.get(name="陈雨桐")
    assert sorted(child.guardians.values_list("name", flat=True)) == ["王桂兰", "陈德福"]
    assert child.emergency_contacts.count() == 3


def test_a_fourth_guardian_writes_nothing(client, world, post_data):
    client.force_login(world.head_teacher)
    rows = [_grandma(), GRANDPA, {**GRANDPA, "name": "陈德寿"}, {**GRANDPA, "name": "陈德禄"}]
    response = client.post(reverse("guardians:archive_create"), post_data(world, guardians=rows))
    assert response.status_code == 200
    assert not Guardian.objects.exists()


def test_without_javascript_add_another_saves_and_returns_to_an_empty_slot(client, world, post_data):
    client.force_login(world.head_teacher)
    data = {**post_data(world), "add_another": "guardians"}

    response = client.post(reverse("guardians:archive_create"), data)

    child = Child.objects.get(name="陈雨桐")
    assert response["Location"] == reverse("guardians:archive_edit", args=[child.pk]) + "#guardians"
    html = client.get(reverse("guardians:archive_edit", args=[child.pk])).content.decode()
    assert 'data-testid="guardians-1"' in html  # the saved grandmother, then an empty slot
    assert 'value="王桂兰"' in html


def test_a_child_with_three_guardians_is_offered_no_fourth(client, world, post_data):
    client.force_login(world.head_teacher)
    client.post(
        reverse("guardians:archive_create"),
        post_data(world, guardians=[_grandma(), GRANDPA, {**GRANDPA, "name": "陈德寿"}]),
    )
    child = Child.objects.get(name="陈雨桐")
    html = client.get(reverse("guardians:archive_edit", args=[child.pk])).content.decode()
    assert child.guardians.count() == 3
    assert 'data-testid="add-guardians"' not in html
    assert 'data-testid="add-contacts"' in html


def _grandma():
    return {"name": "王桂兰", "relation": "grandmother", "age": "68", "education": "primary", "health": "fair",
            "phone": "0854-7321234", "address": "石桥镇杉木村三组"}  # fmt: skip
