"""A new parent contact is not pre-ticked as reached: an unanswered family call must not slip in as reached."""

from django.urls import reverse
from django.utils import timezone

from guardians.models import ParentContact
from tests.pairing.factories import ParentContactFactory


def _data(**extra):
    return {"date": timezone.localdate().isoformat(), "counterpart": "parent", "channel": "call",
            "initiated_by": "child", "summary": "亲情电话。", **extra}  # fmt: skip


def test_a_new_contact_form_has_neither_answer_chosen(client, world):
    client.force_login(world.head_teacher)
    form = client.get(reverse("guardians:contact_create", args=[world.child_1.pk])).context["form"]
    html = str(form["reached"])
    assert 'type="radio"' in html
    assert "checked" not in html


def test_a_contact_saved_without_saying_whether_the_parent_answered_writes_nothing(client, world):
    client.force_login(world.head_teacher)
    response = client.post(reverse("guardians:contact_create", args=[world.child_1.pk]), _data())
    assert response.status_code == 200
    assert "reached" in response.context["form"].errors
    assert not ParentContact.objects.exists()


def test_a_contact_can_be_saved_as_not_reached_or_reached(client, world):
    client.force_login(world.head_teacher)
    url = reverse("guardians:contact_create", args=[world.child_1.pk])
    assert client.post(url, _data(reached="False")).status_code == 302
    assert client.post(url, _data(reached="True")).status_code == 302
    assert sorted(ParentContact.objects.values_list("reached", flat=True)) == [False, True]


def test_editing_an_unreached_contact_shows_its_answer(client, world):
    contact = ParentContactFactory(child=world.child_1, reached=False, recorded_by=world.head_teacher)
    client.force_login(world.head_teacher)
    form = client.get(reverse("guardians:contact_edit", args=[contact.pk])).context["form"]
    assert form["reached"].value() == "False"
    assert 'value="False" required id="id_reached_1" checked' in str(form["reached"])


def test_the_question_is_asked_as_a_question(client, world):
    client.force_login(world.head_teacher)
    html = client.get(reverse("guardians:contact_create", args=[world.child_1.pk])).content.decode()
    assert "是否联系上" in html and "已联系上" in html and "未联系上" in html
