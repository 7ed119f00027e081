"""A talk's confidential note is read only by its author and the principal of the school."""

import pytest
from django.urls import reverse

from children.extensions import timeline_for
from pairing import selectors
from tests.pairing.factories import TalkFactory

SECRET = "孩子提到夜里常做噩梦，需要心理老师跟进。"


@pytest.fixture
def talk(world):
    return TalkFactory(child=world.child_1, recorded_by=world.head_teacher, confidential_note=SECRET)


@pytest.mark.parametrize(
    ("role", "may_read"),
    [
        ("head_teacher", True),  # the author
        ("principal", True),
        ("archive_keeper", False),
        ("carer_user", False),
        ("other_head_teacher", False),
        ("other_principal", False),
        ("district_officer", False),
    ],
)
def test_only_the_author_and_the_principal_read_the_confidential_note(world, talk, role, may_read):
    user = world.persona(role)
    assert selectors.may_read_confidential(talk, user) is may_read
    assert (selectors.confidential_note_for(talk, user) == SECRET) is may_read


@pytest.mark.parametrize(("role", "shown"), [("head_teacher", True), ("principal", True), ("archive_keeper", False)])
def test_the_edit_form_shows_the_note_only_to_those_who_may_read_it(client, world, talk, role, shown):
    client.force_login(world.persona(role))
    response = client.get(reverse("pairing:talk_edit", args=[talk.pk]))
    assert response.status_code == 200
    assert (SECRET in response.content.decode()) is shown
    assert ('name="confidential_note"' in response.content.decode()) is shown


def test_an_archive_keeper_saving_the_talk_keeps_the_note_they_cannot_see(client, world, talk):
    client.force_login(world.archive_keeper)
    response = client.post(
        reverse("pairing:talk_edit", args=[talk.pk]),
        {"date": talk.date.isoformat(), "topics": ["life"], "content": "改了一下", "confidential_note": "覆盖"},
    )
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.confidential_note == SECRET
    assert talk.topics == ["life"]


@pytest.mark.parametrize("role", ["head_teacher", "principal", "archive_keeper", "carer_user"])
def test_the_note_never_appears_on_the_child_page(client, world, talk, role):
    client.force_login(world.persona(role))
    response = client.get(reverse("children:detail", args=[world.child_1.pk]))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    entries = [e for e in timeline_for([world.child_1], world.persona(role), kinds=["talk"])]
    assert len(entries) == 1
    assert SECRET not in entries[0].summary
    assert (entries[0].extra["confidential_note"] == SECRET) is (role in ("head_teacher", "principal"))
