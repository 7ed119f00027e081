"""ID numbers, phones and dates of birth are checked, and each error names the field and the problem."""

import datetime

import pytest
from django.utils import timezone

from guardians.forms import ArchiveForms, ChildForm
from organisation.models import SchoolClass
from tests.factories import make_id_number
from tests.guardians.conftest import BIRTH, archive_post


def _child_form(world, **fields):
    data = {k.removeprefix("child-"): v for k, v in archive_post(world, child=fields).items() if k.startswith("child-")}
    return ChildForm(data, classes=SchoolClass.objects.all())


def test_a_valid_id_number_matching_birth_date_and_gender_passes(world):
    form = _child_form(world)
    assert form.is_valid(), form.errors


def test_an_id_number_with_a_wrong_check_digit_is_refused(world):
    number = make_id_number(BIRTH, male=False)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    form = _child_form(world, **{"child-id_number": wrong})
    assert not form.is_valid()
    assert "校验码" in form.errors["id_number"][0]


def test_an_id_number_with_an_impossible_date_is_refused(world):
    first17 = "52042220170231122"  # 31 February
    from organisation.validators import id_check_digit

    form = _child_form(world, **{"child-id_number": first17 + id_check_digit(first17)})
    assert not form.is_valid()
    assert "20170231" in form.errors["id_number"][0]


def test_an_id_number_of_another_birth_date_is_refused(world):
    form = _child_form(world, **{"child-id_number": make_id_number(datetime.date(2016, 5, 4), male=False)})
    assert not form.is_valid()
    assert form.errors["id_number"] == ["身份证号中的出生日期是 2016-05-04，但出生日期一栏填的是 2017-05-04。"]


def test_an_id_number_of_a_boy_is_refused_for_a_girl(world):
    form = _child_form(world, **{"child-id_number": make_id_number(BIRTH, male=True)})
    assert not form.is_valid()
    assert form.errors["id_number"] == ["身份证号属于男孩，但性别一栏填的是女。"]


def test_a_lowercase_x_check_digit_is_accepted_in_upper_case(world):
    for seq in range(100):
        number = make_id_number(BIRTH, male=False, seq=seq)
        if number.endswith("X"):
            break
    form = _child_form(world, **{"child-id_number": number.lower()})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["id_number"] == number


def test_a_birth_date_in_the_future_is_refused(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = _child_form(world, **{"child-birth_date": tomorrow.isoformat(), "child-id_number": ""})
    assert not form.is_valid()
    assert form.errors["birth_date"] == [f"{tomorrow.isoformat()} 是将来的日期：请按实际发生的日期记录。"]


def test_a_birth_date_outside_school_age_is_refused(world):
    form = _child_form(world, **{"child-birth_date": "1990-01-01", "child-id_number": ""})
    assert not form.is_valid()
    assert "不是上学的年龄" in form.errors["birth_date"][0]


@pytest.mark.parametrize("phone", ["13812345678", "138-1234-5678", "+86 138 1234 5678", "0854-7321234", "08547321234"])
def test_mobile_and_landline_numbers_are_accepted(world, phone):
    data = archive_post(world, guardians=[{"name": "王桂兰", "relation": "grandmother", "phone": phone}])
    forms = ArchiveForms(data, instance=None, classes=SchoolClass.objects.all())
    assert forms.is_valid(), forms.guardians.errors


@pytest.mark.parametrize("phone", ["12812345678", "1381234567", "8123456", "abc"])
def test_phone_numbers_that_cannot_be_dialled_are_refused(world, phone):
    data = archive_post(world, guardians=[{"name": "王桂兰", "relation": "grandmother", "phone": phone}])
    forms = ArchiveForms(data, instance=None, classes=SchoolClass.objects.all())
    assert not forms.is_valid()
    assert "不是有效的电话号码" in forms.guardians.forms[0].errors["phone"][0]


def test_two_fathers_are_refused(world):
    parents = [
        {"relation": "father", "name": "陈建军", "situation": "away"},
        {"relation": "father", "name": "陈建国", "situation": "away"},
    ]
    forms = ArchiveForms(archive_post(world, parents=parents), instance=None, classes=SchoolClass.objects.all())
    assert not forms.is_valid()
    assert forms.parents.forms[1].errors["relation"]


def test_a_birth_date_far_from_the_grade_is_refused(world):
    # class 1 is grade 3, usually 8 years old on 1 September; a four-year-old is not in grade 3.
    birth = timezone.localdate() - datetime.timedelta(days=4 * 365 + 100)
    form = _child_form(world, **{"child-birth_date": birth.isoformat(), "child-id_number": ""})
    assert not form.is_valid()
    assert "3年级的孩子通常是 8 岁" in form.errors["birth_date"][0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("138 1234 5678", "13812345678"), ("+86 13812345678", "13812345678"), ("08547321234", "0854-7321234"),
     ("(020) 87654321", "020-87654321")],
)  # fmt: skip
def test_phones_are_stored_in_one_shape(typed, stored):
    from guardians.forms import tidy_phone

    assert tidy_phone(typed) == stored
