"""The parent-contact list links only the contacts the user may change; the others are plain text."""

from django.urls import reverse

from guardians import views
from guardians.selectors import contact_list_for, mark_editable_contacts
from tests.pairing.factories import ParentContactFactory


def _edit_url(contact) -> str:
    return reverse("guardians:contact_edit", args=[contact.pk])


def test_a_carer_sees_a_head_teachers_contact_without_an_edit_link_and_their_own_with_one(client, world):
    theirs = ParentContactFactory(child=world.child_1, recorded_by=world.head_teacher, summary="班主任打的电话")
    own = ParentContactFactory(child=world.child_1, recorded_by=world.carer_user, summary="我打的电话")
    client.force_login(world.carer_user)
    html = client.get(reverse("guardians:contact_list")).content.decode()
    assert "班主任打的电话" in html and "我打的电话" in html
    assert _edit_url(theirs) not in html
    assert _edit_url(own) in html
    assert client.get(_edit_url(theirs)).status_code == 404  # the link left out is one that would fail


def test_a_head_teacher_may_edit_every_contact_in_the_list(client, world):
    by_carer = ParentContactFactory(child=world.child_1, recorded_by=world.carer_user)
    client.force_login(world.head_teacher)
    html = client.get(reverse("guardians:contact_list")).content.decode()
    assert _edit_url(by_carer) in html


def test_the_carers_list_costs_two_queries_whatever_its_length(world, django_assert_num_queries):
    for n in (1, 6):
        ParentContactFactory.create_batch(n, child=world.child_1, recorded_by=world.head_teacher)
        ParentContactFactory(child=world.child_1, recorded_by=world.carer_user)
        # 1 the contacts with child, parent and recorder; 2 which of them the carer may edit
        with django_assert_num_queries(2):
            contacts = mark_editable_contacts(world.carer_user, list(contact_list_for(world.carer_user)))
        assert sum(c.may_edit for c in contacts) == (2 if n == 6 else 1)


def test_the_list_and_the_form_call_the_summary_by_the_same_name(client, world):
    ParentContactFactory(child=world.child_1, recorded_by=world.head_teacher, summary="妈妈说春节回家")
    client.force_login(world.head_teacher)
    listed = client.get(reverse("guardians:contact_list")).content.decode()
    form = client.get(reverse("guardians:contact_create", args=[world.child_1.pk])).content.decode()
    assert "<th>内容摘要</th>" in listed and "概览" not in listed
    assert "内容摘要" in form


def test_the_list_pages_through_every_contact_and_counts_them(client, world, monkeypatch):
    monkeypatch.setattr(views, "CONTACTS_PER_PAGE", 3)
    made = ParentContactFactory.create_batch(7, child=world.child_1, recorded_by=world.head_teacher)
    client.force_login(world.head_teacher)
    html = client.get(reverse("guardians:contact_list")).content.decode()
    assert 'data-testid="contact-count">共7次联系' in html and "第 1 页，共 3 页" in html
    shown = set()
    for number in (1, 2, 3):
        page = client.get(reverse("guardians:contact_list"), {"page": number}).context["page"]
        shown |= {c.pk for c in page.object_list}
    assert shown == {c.pk for c in made}
