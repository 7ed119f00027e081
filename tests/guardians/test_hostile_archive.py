"""The archive form refuses what is not a name or a phone number with a message, never a server error."""

import pytest
from django.urls import reverse

from children.models import Child
from guardians.forms import tidy_phone
from organisation.validators import validate_person_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["0", "+86", "+860", ""])
def test_tidying_a_phone_too_short_to_have_an_area_code_leaves_it_as_typed(value):
    assert tidy_phone(value) == value.removeprefix("+86")


def test_a_phone_of_just_a_zero_is_refused_next_to_the_field(client, world, post_data):
    client.force_login(world.head_teacher)
    data = post_data(world)
    data["guardians-0-phone"] = "0"

    response = client.post(reverse("guardians:archive_create"), data)

    assert response.status_code == 200
    assert "“0”不是有效的电话号码" in response.content.decode()
    assert not Child.objects.filter(name="陈雨桐").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("child-name", "-1"), ("parents-0-name", "123"), ("guardians-0-name", "……"), ("child-name", "  --  ")],
)
def test_a_name_without_a_letter_or_character_is_refused(client, world, post_data, field, value):
    client.force_login(world.head_teacher)
    data = post_data(world, contacts=[{"name": "陈建华", "relation": "叔叔", "phone": "13698765432"}])
    data[field] = value

    response = client.post(reverse("guardians:archive_create"), data)

    assert response.status_code == 200
    assert "姓名至少要有一个汉字或字母" in response.content.decode()
    assert not Child.objects.filter(school_class=world.class_1).exclude(pk=world.child_1.pk).exists()


@pytest.mark.parametrize("name", ["陈雨桐", "Anna", "阿依古丽·买买提", "王小明2"])
def test_real_names_are_accepted(name):
    validate_person_name(name)


def test_an_emergency_contact_and_a_carer_need_a_real_name_too(world):
    from guardians.forms import EmergencyContactForm
    from pairing.forms import CarerForm

    contact = EmergencyContactForm({"name": "110", "relation": "叔叔", "phone": "13698765432"})
    carer = CarerForm({"name": "-1", "kind": "loving_mother", "is_active": "on"}, school=world.school)

    assert "name" in contact.errors
    assert "姓名至少要有一个汉字或字母" in str(carer.errors["name"])


def test_a_forged_number_of_forms_is_refused_without_building_thousands_of_forms(
    client, world, post_data, django_assert_max_num_queries
):
    client.force_login(world.head_teacher)
    data = post_data(world)
    data["parents-TOTAL_FORMS"] = "99999999999999999999"
    data["guardians-TOTAL_FORMS"] = "5000"

    with django_assert_max_num_queries(40):
        response = client.post(reverse("guardians:archive_create"), data)

    assert response.status_code == 200
    assert not Child.objects.filter(name="陈雨桐").exists()
