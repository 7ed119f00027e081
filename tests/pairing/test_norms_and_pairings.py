"""A principal edits the school's care norms and restores the defaults; staff pair and unpair children."""

import datetime

from django.urls import reverse
from django.utils import timezone

from pairing.models import CareNorm, Carer, Pairing
from pairing.selectors import carers_for
from pairing.services import DEFAULT_NORMS
from tests import factories
from tests.factories import iso_day
from tests.pairing.factories import CareNormFactory


def test_restoring_the_defaults_replaces_the_schools_norms_only(client, world):
    CareNormFactory(school=world.school, count=5)
    other = CareNormFactory(school=world.other_school)
    client.force_login(world.principal)
    assert client.post(reverse("pairing:norm_restore_defaults")).status_code == 302
    assert CareNorm.objects.filter(school=world.school).count() == len(DEFAULT_NORMS)
    assert not CareNorm.objects.filter(school=world.school, count=5).exists()
    assert CareNorm.objects.filter(pk=other.pk).exists()
    html = client.get(reverse("pairing:norm_list")).content.decode()
    assert "全体留守儿童：每周至少1次谈心，由任一帮扶人或教师完成" in html


def test_a_principal_adds_a_norm_for_key_help_children_by_a_paired_student_buddy(client, world):
    client.force_login(world.principal)
    data = {"kind": "talk", "count": 2, "period": "week", "by": "paired_carer", "carer_kind": "student_buddy",
            "applies_to": "key_help", "is_active": "on"}  # fmt: skip
    assert client.post(reverse("pairing:norm_create"), data).status_code == 302
    norm = CareNorm.objects.get()
    assert (norm.school, norm.carer_kind, norm.applies_to) == (world.school, "student_buddy", "key_help")


def test_a_paired_carer_norm_without_a_carer_kind_writes_nothing(client, world):
    client.force_login(world.principal)
    data = {"kind": "talk", "count": 1, "period": "week", "by": "paired_carer", "applies_to": "all"}
    assert client.post(reverse("pairing:norm_create"), data).status_code == 200
    assert not CareNorm.objects.exists()


def test_a_head_teacher_pairs_a_child_and_ends_the_pairing_which_stays_in_history(client, world):
    mother = factories.CarerFactory(school=world.school, name="刘桂兰")
    client.force_login(world.head_teacher)
    today = timezone.localdate()
    start = (today - datetime.timedelta(days=5)).isoformat()
    data = {"carer": mother.pk, "kind": "loving_mother", "focus": "life", "start_date": start}
    assert client.post(reverse("pairing:pairing_create", args=[world.child_1.pk]), data).status_code == 302
    pairing = Pairing.objects.get(carer=mother)
    response = client.post(reverse("pairing:pairing_end", args=[pairing.pk]), {"end_date": today.isoformat()})
    assert response.status_code == 302
    pairing.refresh_from_db()
    assert pairing.end_date == today
    assert pairing.history.count() == 2


def test_a_pairing_cannot_end_before_it_started(client, world):
    pairing = world.child_1.pairings.get()
    client.force_login(world.head_teacher)
    before = (pairing.start_date - datetime.timedelta(days=1)).isoformat()
    assert client.post(reverse("pairing:pairing_end", args=[pairing.pk]), {"end_date": before}).status_code == 200
    pairing.refresh_from_db()
    assert pairing.end_date is None


def test_a_carer_of_another_school_cannot_be_paired(client, world):
    stranger = factories.CarerFactory(school=world.other_school)
    client.force_login(world.principal)
    data = {"carer": stranger.pk, "kind": "loving_mother", "focus": "life", "start_date": iso_day(-30)}
    assert client.post(reverse("pairing:pairing_create", args=[world.child_1.pk]), data).status_code == 200
    assert not Pairing.objects.filter(carer=stranger).exists()


def test_carers_are_scoped_to_the_school_and_hidden_from_carers_and_officers(world):
    factories.CarerFactory(school=world.other_school)
    assert set(carers_for(world.principal)) == {world.carer}
    assert set(carers_for(world.head_teacher)) == {world.carer}
    assert not carers_for(world.carer_user).exists()
    assert not carers_for(world.district_officer).exists()
    assert carers_for(world.other_principal).count() == Carer.objects.filter(school=world.other_school).count()


def test_a_loving_mother_without_a_login_is_created_by_a_head_teacher(client, world):
    client.force_login(world.head_teacher)
    data = {
        "name": "周玉梅",
        "kind": "loving_mother",
        "organisation": "青山县妇联",
        "phone": "13908541234",
        "is_active": "on",
    }
    assert client.post(reverse("pairing:carer_create"), data).status_code == 302
    carer = Carer.objects.get(name="周玉梅")
    assert (carer.school, carer.user) == (world.school, None)
