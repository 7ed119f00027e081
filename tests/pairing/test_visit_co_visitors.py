"""Who a home-visit form offers as co-visitors: a carer sees only the class's head teachers, not the staff."""

from django.urls import reverse
from django.utils import timezone

from pairing.models import HomeVisit
from tests import factories
from tests.pairing.factories import HomeVisitFactory


def _staff_choices(response) -> set:
    return {user.pk for user in response.context["form"].fields["staff"].queryset}


def test_a_carer_is_offered_only_the_head_teachers_of_the_childs_class(client, world):
    client.force_login(world.carer_user)
    response = client.get(reverse("pairing:visit_create", args=[world.child_1.pk]))
    assert _staff_choices(response) == {world.head_teacher.pk}
    html = response.content.decode()
    assert world.head_teacher.full_name in html
    assert world.other_head_teacher.full_name not in html
    assert world.principal.full_name not in html


def test_a_carer_cannot_name_a_staff_member_outside_the_class(client, world):
    client.force_login(world.carer_user)
    data = {"date": timezone.localdate().isoformat(), "met": "parent", "carers": [world.carer.pk],
            "staff": [world.principal.pk]}  # fmt: skip
    assert client.post(reverse("pairing:visit_create", args=[world.child_1.pk]), data).status_code == 200
    assert not HomeVisit.objects.exists()


def test_staff_are_offered_the_whole_school_staff(client, world):
    client.force_login(world.head_teacher)
    response = client.get(reverse("pairing:visit_create", args=[world.child_1.pk]))
    assert {world.head_teacher.pk, world.other_head_teacher.pk, world.principal.pk} <= _staff_choices(response)
    assert world.carer_user.pk not in _staff_choices(response)


def test_a_carer_changing_a_visit_keeps_the_staff_already_on_it(client, world):
    visit = HomeVisitFactory(child=world.child_1, recorded_by=world.head_teacher)
    visit.carers.add(world.carer)
    visit.staff.add(world.principal)
    other_carer = factories.CarerFactory(school=world.school, kind="loving_mother")
    visit.carers.add(other_carer)
    client.force_login(world.carer_user)
    data = {"date": visit.date.isoformat(), "met": "parent", "carers": [world.carer.pk, other_carer.pk],
            "staff": [world.principal.pk], "home_situation": "改过了"}  # fmt: skip
    assert client.post(reverse("pairing:visit_edit", args=[visit.pk]), data).status_code == 302
    assert set(visit.staff.all()) == {world.principal}
    assert set(visit.carers.all()) == {world.carer, other_carer}
