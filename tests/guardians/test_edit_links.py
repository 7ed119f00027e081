"""Parent contacts and archives: the child's page and the contact list link a record exactly when its edit
view opens (`editable_contacts_for`, `editable_children_for`), for every persona."""

import pytest
from django.urls import reverse

from tests.edit_links import PERSONAS, child_page, link_shown_and_edit_allowed
from tests.guardians.factories import ParentContactFactory

STAFF_OF_CHILD_1 = {"principal", "archive_keeper", "head_teacher"}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["child", "list"])
@pytest.mark.parametrize(
    ("recorder", "editors"),
    [("head_teacher", STAFF_OF_CHILD_1), ("carer_user", STAFF_OF_CHILD_1 | {"carer_user"})],
)
def test_a_contact_is_linked_exactly_when_its_edit_view_opens(client, world, persona, page, recorder, editors):
    contact = ParentContactFactory(child=world.child_1, recorded_by=world.persona(recorder))
    url = child_page(world.child_1) if page == "child" else reverse("guardians:contact_list")
    shown, allowed = link_shown_and_edit_allowed(
        client, world.persona(persona), page=url, edit_url=reverse("guardians:contact_edit", args=[contact.pk])
    )
    assert shown == allowed == (persona in editors)


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_archive_is_linked_exactly_when_its_edit_view_opens(client, world, persona):
    shown, allowed = link_shown_and_edit_allowed(
        client,
        world.persona(persona),
        page=child_page(world.child_1),
        edit_url=reverse("guardians:archive_edit", args=[world.child_1.pk]),
    )
    assert shown == allowed == (persona in STAFF_OF_CHILD_1)
