"""One POST creates a child with parents, a guardian and emergency contacts; a bad POST writes nothing."""

from django.urls import reverse

from children.models import Child, LeftBehindType
from guardians.models import EmergencyContact, Guardian, Parent


def test_head_teacher_creates_a_child_with_two_parents_and_a_guardian_in_one_post(client, world, post_data):
    client.force_login(world.head_teacher)
    data = post_data(world, contacts=[{"name": "陈建华", "relation": "叔叔", "phone": "13698765432"}])
    response = client.post(reverse("guardians:archive_create"), data)

    child = Child.objects.get(name="陈雨桐")
    assert response.status_code == 302
    assert response["Location"] == reverse("children:detail", kwargs={"pk": child.pk})
    assert child.school == world.school
    assert child.name_initials == "cyt"
    assert sorted(child.parents.values_list("relation", flat=True)) == ["father", "mother"]
    assert child.parents.get(relation="father").phone == "13812345678"  # separators removed
    assert child.guardians.get().name == "王桂兰"
    assert child.emergency_contacts.get().relation == "叔叔"


def test_left_behind_type_is_derived_from_the_parents_when_saving(client, world, post_data):
    client.force_login(world.head_teacher)
    data = post_data(world, child={"child-left_behind_type": "father_away"})
    client.post(reverse("guardians:archive_create"), data)
    assert Child.objects.get(name="陈雨桐").left_behind_type == LeftBehindType.BOTH_AWAY


def test_chosen_type_stays_when_no_parent_is_recorded(client, world, post_data):
    client.force_login(world.head_teacher)
    data = post_data(world, parents=[], child={"child-left_behind_type": "mother_away"})
    client.post(reverse("guardians:archive_create"), data)
    assert Child.objects.get(name="陈雨桐").left_behind_type == LeftBehindType.MOTHER_AWAY


def test_a_bad_post_writes_nothing_and_keeps_what_was_typed(client, world, post_data):
    client.force_login(world.head_teacher)
    counts = [m.objects.count() for m in (Child, Parent, Guardian, EmergencyContact)]
    data = post_data(world)
    data["guardians-0-phone"] = "12345"  # not a phone number
    response = client.post(reverse("guardians:archive_create"), data)

    assert response.status_code == 200
    assert [m.objects.count() for m in (Child, Parent, Guardian, EmergencyContact)] == counts
    body = response.content.decode()
    assert "不是有效的电话号码" in body
    assert "陈建军" in body and "长安镇电子厂" in body  # nothing typed is lost


def test_head_teacher_cannot_put_a_child_into_another_teachers_class(client, world, post_data):
    client.force_login(world.head_teacher)
    response = client.post(
        reverse("guardians:archive_create"), post_data(world, child={"child-school_class": world.class_2.pk})
    )
    assert response.status_code == 200
    assert not Child.objects.filter(name="陈雨桐").exists()


def test_editing_keeps_the_shape_and_removes_a_deleted_parent(client, world, post_data):
    client.force_login(world.head_teacher)
    client.post(reverse("guardians:archive_create"), post_data(world))
    child = Child.objects.get(name="陈雨桐")
    father, mother = child.parents.get(relation="father"), child.parents.get(relation="mother")
    guardian = child.guardians.get()
    data = post_data(
        world,
        parents=[
            {"id": father.pk, "relation": "father", "name": "陈建军", "situation": "away", "phone": "13812345678",
             "work_province": "广东", "work_city": "深圳"},
            {"id": mother.pk, "relation": "mother", "name": "刘小芳", "situation": "at_home", "DELETE": "on"},
        ],
        guardians=[{"id": guardian.pk, "name": "王桂兰", "relation": "grandmother", "age": "69"}],
    )  # fmt: skip
    response = client.post(reverse("guardians:archive_edit", kwargs={"pk": child.pk}), data)

    assert response.status_code == 302
    child.refresh_from_db()
    assert list(child.parents.values_list("work_city", flat=True)) == ["深圳"]
    assert child.left_behind_type == LeftBehindType.FATHER_AWAY
    assert child.guardians.get().age == 69


def test_errors_are_in_english_when_the_user_switched(client, world, post_data):
    client.force_login(world.head_teacher)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    data = post_data(world, child={"child-birth_date": "2016-05-04"})
    response = client.post(reverse("guardians:archive_create"), data)
    body = response.content.decode()
    assert "The ID number gives the date of birth 2017-05-04, but the date of birth field says 2016-05-04." in body
    assert "The archive was not saved: please correct the fields marked in red." in body
