"""The class grid (children x norms, done/required, overdue in red), school totals and coverage."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from children.models import ChildStatus
from pairing.models import Pairing
from pairing.services import norms_restore_defaults
from tests import factories
from tests.pairing.factories import TalkFactory


def test_the_grid_shows_done_over_required_and_overdue_in_red(client, world):
    norms_restore_defaults(school=world.school)
    world.semester.start_date = timezone.localdate() - datetime.timedelta(days=70)
    world.semester.end_date = timezone.localdate() + datetime.timedelta(days=70)
    world.semester.save()
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher)
    client.force_login(world.head_teacher)
    response = client.get(reverse("pairing:class_grid", args=[world.class_1.pk]))
    html = response.content.decode()
    ((child, statuses),) = response.context["rows"]
    assert child == world.child_1
    weekly = next(s for s in statuses if s.norm.kind == "talk" and s.norm.period == "week")
    assert weekly.done == 1 and weekly.required >= 10 and weekly.overdue
    assert "table-danger" in html
    assert f"{weekly.done}/{weekly.required}" in html


@pytest.mark.parametrize("n", [30, 300])
def test_the_class_grid_makes_the_same_number_of_queries_for_30_and_300_children(
    client, world, populate, n, django_assert_num_queries
):
    populate(n)
    client.force_login(world.head_teacher)
    # 1 session, 2 user, 3 the class (scoped), 4 children with classes, 5 current semesters, 6 norms,
    # 7 status changes, 8 pairings, 9 key-help plans, 10 head teachers, 11 talks, 12 home visits,
    # 13 visits' carers, 14 visits' staff, 15 parent contacts, 16 carer logins
    with django_assert_num_queries(16):
        response = client.get(reverse("pairing:class_grid", args=[world.class_1.pk]))
    assert len(response.context["rows"]) == n + 1


def test_school_totals_count_children_overdue_per_class(client, world):
    norms_restore_defaults(school=world.school)
    client.force_login(world.principal)
    response = client.get(reverse("pairing:overview"))
    totals = dict(response.context["class_rows"])
    assert totals[world.class_1]["children"] == 1
    assert totals[world.class_2]["children"] == 1


def test_the_coverage_list_shows_active_children_without_a_current_carer(client, world):
    today = timezone.localdate()
    ended = factories.ChildFactory(school_class=world.class_1, name="陈雨桐")
    factories.PairingFactory(child=ended, carer=world.carer, start_date=today - datetime.timedelta(days=90),
                             end_date=today - datetime.timedelta(days=1))  # fmt: skip
    inactive_carer = factories.CarerFactory(school=world.school, is_active=False)
    with_inactive = factories.ChildFactory(school_class=world.class_1, name="杨梓涵")
    factories.PairingFactory(child=with_inactive, carer=inactive_carer)
    factories.ChildFactory(school_class=world.class_1, name="赵宇航", status=ChildStatus.NO_LONGER)
    client.force_login(world.principal)
    response = client.get(reverse("pairing:coverage"))
    assert {c.name for c in response.context["children"]} == {"陈雨桐", "杨梓涵", "李浩然"}
    assert Pairing.objects.filter(child=ended).exists()  # ending keeps the pairing


def test_a_head_teacher_sees_coverage_of_their_class_only(client, world):
    client.force_login(world.other_head_teacher)
    response = client.get(reverse("pairing:coverage"))
    assert [c.name for c in response.context["children"]] == ["李浩然"]
