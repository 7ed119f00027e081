"""Carers and care norms are written by services that keep their rules; one view creates and edits each."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve, reverse

from organisation.roles import Role
from pairing import services
from pairing.models import CareNorm, Carer, CarerKind, WorkKind
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_carer_cannot_log_in_with_another_schools_account(world):
    stranger = factories.UserFactory(school=world.other_school, role=Role.CARER)
    carer = Carer(school=world.school, name="刘芳", kind=CarerKind.LOVING_MOTHER, user=stranger)
    with pytest.raises(ValidationError) as caught:
        services.carer_save(carer=carer)
    assert "user" in caught.value.message_dict
    assert not Carer.objects.filter(name="刘芳").exists()


def test_a_norm_by_a_paired_carer_without_a_carer_kind_is_refused(world):
    norm = CareNorm(school=world.school, kind=WorkKind.TALK, count=1, period="week", by=CareNorm.By.PAIRED_CARER)
    with pytest.raises(ValidationError):
        services.care_norm_save(norm=norm)
    assert not CareNorm.objects.filter(school=world.school).exists()


def test_the_carer_form_refuses_a_login_of_another_school(client, world):
    stranger = factories.UserFactory(school=world.other_school, role=Role.HEAD_TEACHER)
    client.force_login(world.archive_keeper)
    response = client.post(
        reverse("pairing:carer_edit", args=[world.carer.pk]),
        {"name": "张秀英", "kind": CarerKind.LOVING_MOTHER, "user": stranger.pk, "is_active": "on"},
    )
    # The form offers only the school's own logins, so the stranger is refused before the service is asked.
    assert response.status_code == 200
    world.carer.refresh_from_db()
    assert world.carer.user == world.carer_user


@pytest.mark.parametrize(
    ("create", "edit"), [("pairing:carer_create", "pairing:carer_edit"), ("pairing:norm_create", "pairing:norm_edit")]
)
def test_creating_and_editing_share_one_view(create, edit):
    assert resolve(reverse(create)).func is resolve(reverse(edit, args=[1])).func


def test_a_principal_creates_and_then_edits_a_norm(client, world):
    client.force_login(world.principal)
    data = {"kind": WorkKind.TALK, "count": 2, "period": "month", "by": "any", "applies_to": "all", "is_active": "on"}
    assert client.post(reverse("pairing:norm_create"), data).status_code == 302
    norm = CareNorm.objects.get(school=world.school)
    assert client.post(reverse("pairing:norm_edit", args=[norm.pk]), {**data, "count": 3}).status_code == 302
    norm.refresh_from_db()
    assert norm.count == 3
