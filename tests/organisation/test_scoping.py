"""organisation.scoping and children.scoping answer who sees which schools, classes and children."""

import pytest
from django.urls import reverse

from children.scoping import children_for
from organisation import scoping
from tests import factories

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(str(obj) for obj in queryset)


def test_head_teacher_sees_only_their_class(world):
    assert list(scoping.classes_for(world.head_teacher)) == [world.class_1]
    assert names(children_for(world.head_teacher)) == ["张思琪"]


def test_principal_and_archive_keeper_see_their_whole_school(world):
    for user in (world.principal, world.archive_keeper):
        assert names(children_for(user)) == ["张思琪", "李浩然"]
        assert set(scoping.classes_for(user)) == {world.class_1, world.class_2}


def test_user_of_school_a_sees_nothing_of_school_b(world):
    for user in (world.principal, world.archive_keeper, world.head_teacher, world.carer_user):
        assert world.other_child not in children_for(user)
        assert world.other_class not in scoping.classes_for(user)
        assert world.other_school not in scoping.schools_for(user)


def test_district_officer_sees_schools_but_no_child_by_name(world):
    assert set(scoping.schools_for(world.district_officer)) == {world.school, world.other_school}
    assert not children_for(world.district_officer).exists()
    assert not scoping.classes_for(world.district_officer).exists()


def test_carer_sees_only_currently_paired_children(world):
    assert names(children_for(world.carer_user)) == ["张思琪"]


def test_carer_no_longer_sees_a_child_after_the_pairing_ends(world):
    pairing = world.child_1.pairings.get()
    pairing.end_date = pairing.start_date + __import__("datetime").timedelta(days=1)
    pairing.save()
    assert not children_for(world.carer_user).exists()


def test_carer_paired_twice_with_one_child_sees_it_once(world):
    factories.PairingFactory(child=world.child_1, carer=world.carer)
    assert children_for(world.carer_user).count() == 1


def test_head_teacher_of_class_1_gets_404_for_class_2(client, world):
    client.force_login(world.principal)
    assert client.get(reverse("organisation:class_edit", args=[world.class_2.pk])).status_code == 200
    client.force_login(world.other_principal)
    assert client.get(reverse("organisation:class_edit", args=[world.class_2.pk])).status_code == 404


def test_district_officer_cannot_change_anything(client, world):
    client.force_login(world.district_officer)
    response = client.post(reverse("organisation:class_create"), {"grade": 4, "number": 9, "is_active": "on"})
    assert response.status_code == 403
    assert not world.school.classes.filter(grade=4, number=9).exists()
    assert world.district_officer.capabilities.isdisjoint(
        {"edit_archives", "log_care", "manage_activities", "import_roster", "manage_school"}
    )


def test_deleted_child_disappears_from_every_scope(world):
    from django.utils import timezone

    world.child_1.deleted_at = timezone.now()
    world.child_1.save()
    assert world.child_1 not in children_for(world.principal)
    assert world.child_1 not in children_for(world.head_teacher)
