"""Logging a contact with a parent or the guardian: one view for new and old contacts, every write through
`parent_contact_save`, which keeps the write rule and the contact's own rules even without the form."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from guardians.models import ParentContact
from guardians.services import parent_contact_save
from tests import factories
from tests.guardians.factories import ParentContactFactory

FUTURE_MESSAGE = " 是将来的日期：请按实际发生的日期记录。"


def _data(**extra):
    return {"date": timezone.localdate().isoformat(), "counterpart": "parent", "channel": "call",
            "initiated_by": "school", "reached": "True", "summary": "妈妈说春节回家。", **extra}  # fmt: skip


def test_an_unreached_parent_call_is_recorded_as_a_finding(client, world):
    client.force_login(world.carer_user)
    data = _data(initiated_by="child", summary="孩子用亲情电话打给妈妈，没人接。")
    data["reached"] = "False"
    assert client.post(reverse("guardians:contact_create", args=[world.child_1.pk]), data).status_code == 302
    contact = ParentContact.objects.get()
    assert (contact.reached, contact.initiated_by, contact.recorded_by) == (False, "child", world.carer_user)


def test_a_guardian_contact_naming_a_parent_writes_nothing(client, world):
    parent = factories.ParentFactory(child=world.child_1)
    client.force_login(world.head_teacher)
    data = _data(counterpart="guardian", parent=parent.pk)
    assert client.post(reverse("guardians:contact_create", args=[world.child_1.pk]), data).status_code == 200
    assert not ParentContact.objects.exists()


def test_a_parent_contact_in_the_future_writes_nothing_and_says_why(client, world):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    client.force_login(world.head_teacher)
    response = client.post(reverse("guardians:contact_create", args=[world.child_1.pk]), _data(date=tomorrow))
    assert response.status_code == 200
    assert tomorrow + FUTURE_MESSAGE in response.content.decode()
    assert not ParentContact.objects.exists()


def test_changing_a_contact_keeps_who_recorded_it_and_returns_to_the_list(client, world):
    contact = ParentContactFactory(child=world.child_1, recorded_by=world.carer_user, summary="旧的")
    client.force_login(world.head_teacher)
    response = client.post(reverse("guardians:contact_edit", args=[contact.pk]), _data(summary="改过的"))
    assert response.status_code == 302 and response.url == reverse("guardians:contact_list")
    contact.refresh_from_db()
    assert (contact.summary, contact.recorded_by) == ("改过的", world.carer_user)


def test_the_service_refuses_a_carer_changing_a_contact_someone_else_recorded(world):
    contact = ParentContactFactory(child=world.child_1, recorded_by=world.head_teacher, summary="班主任记的")
    contact.summary = "被改了"
    with pytest.raises(ValidationError):
        parent_contact_save(contact=contact, user=world.carer_user)
    contact.refresh_from_db()
    assert contact.summary == "班主任记的"


def test_the_service_refuses_a_contact_about_a_child_the_user_does_not_see(world):
    contact = ParentContact(child=world.child_2, date=timezone.localdate(), summary="不是我班的孩子")
    with pytest.raises(ValidationError):
        parent_contact_save(contact=contact, user=world.head_teacher)
    assert not ParentContact.objects.exists()


def test_the_service_refuses_a_parent_of_another_child(world):
    stranger = factories.ParentFactory(child=world.child_2)
    contact = ParentContact(child=world.child_1, parent=stranger, date=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        parent_contact_save(contact=contact, user=world.head_teacher)
    assert "parent" in error.value.message_dict
    assert not ParentContact.objects.exists()


def test_the_service_refuses_a_guardian_contact_naming_a_parent(world):
    parent = factories.ParentFactory(child=world.child_1)
    contact = ParentContact(child=world.child_1, parent=parent, counterpart="guardian", date=timezone.localdate())
    with pytest.raises(ValidationError):
        parent_contact_save(contact=contact, user=world.head_teacher)
    assert not ParentContact.objects.exists()


def test_the_service_validates_the_model_like_the_form(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    contact = ParentContact(child=world.child_1, date=tomorrow, channel="pigeon")
    with pytest.raises(ValidationError) as error:
        parent_contact_save(contact=contact, user=world.head_teacher)
    assert "channel" in error.value.message_dict
    assert not ParentContact.objects.exists()
