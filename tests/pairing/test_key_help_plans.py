"""Key-help plans (个别帮扶计划): made for key-help children, reviewed, and due in "my week" when the last
review is older than the plan's review interval."""

import pytest
from django.urls import reverse

from pairing.models import KeyHelpPlan, PlanReview
from pairing.plan_selectors import reviews_due
from tests.factories import ChildFactory, days_from_today, iso_day
from tests.pairing.factories import KeyHelpPlanFactory, PlanReviewFactory

pytestmark = pytest.mark.django_db


def _plan_data(**extra):
    return {
        "reasons": "父母离异，情绪低落",
        "goals": "能主动与同学交流",
        "measures": "每周谈心一次",
        "start_date": iso_day(-5),
        "review_every_days": "30",
        **extra,
    }


def test_a_head_teacher_makes_a_plan_for_a_key_help_child_of_their_class(client, world):
    world.child_1.is_key_help, world.child_1.key_help_reason = True, "情绪低落"
    world.child_1.save()
    client.force_login(world.head_teacher)

    response = client.post(reverse("pairing:plan_create", args=[world.child_1.pk]), _plan_data(carer=world.carer.pk))

    plan = KeyHelpPlan.objects.get()
    assert response.status_code == 302
    assert plan.child == world.child_1
    assert plan.carer == world.carer
    assert plan.recorded_by == world.head_teacher


def test_a_child_who_is_not_key_help_gets_no_plan(client, world):
    client.force_login(world.head_teacher)

    response = client.post(reverse("pairing:plan_create", args=[world.child_1.pk]), _plan_data())

    assert response.status_code == 200
    assert KeyHelpPlan.objects.count() == 0


def test_a_plan_ends_after_it_starts(client, world):
    world.child_1.is_key_help, world.child_1.key_help_reason = True, "情绪低落"
    world.child_1.save()
    client.force_login(world.head_teacher)

    client.post(reverse("pairing:plan_create", args=[world.child_1.pk]), _plan_data(end_date=iso_day(-10)))

    assert KeyHelpPlan.objects.count() == 0


def test_the_responsible_carer_adds_a_review(client, world):
    plan = KeyHelpPlanFactory(child=world.child_1, carer=world.carer)
    client.force_login(world.carer_user)

    response = client.post(
        reverse("pairing:plan_detail", args=[plan.pk]), {"date": iso_day(-1), "progress": "愿意说话了", "next_step": ""}
    )

    assert response.status_code == 302
    assert PlanReview.objects.get().recorded_by == world.carer_user


def test_a_review_before_the_plan_starts_is_refused(client, world):
    plan = KeyHelpPlanFactory(child=world.child_1, start_date=days_from_today(-5))
    client.force_login(world.head_teacher)

    client.post(reverse("pairing:plan_detail", args=[plan.pk]), {"date": iso_day(-6), "progress": "好"})

    assert PlanReview.objects.count() == 0


def test_a_review_is_due_when_the_last_one_is_older_than_the_interval(world):
    today = days_from_today(0)
    due = KeyHelpPlanFactory(child=world.child_1, start_date=days_from_today(-90), review_every_days=30)
    PlanReviewFactory(plan=due, date=days_from_today(-31))
    fresh = KeyHelpPlanFactory(child=ChildFactory(school_class=world.class_1), start_date=days_from_today(-90))
    PlanReviewFactory(plan=fresh, date=days_from_today(-3))
    new = KeyHelpPlanFactory(child=ChildFactory(school_class=world.class_1), start_date=days_from_today(-10))
    never_reviewed = KeyHelpPlanFactory(child=ChildFactory(school_class=world.class_1), start_date=days_from_today(-30))
    KeyHelpPlanFactory(
        child=ChildFactory(school_class=world.class_1), start_date=days_from_today(-200), end_date=days_from_today(-100)
    )

    plans = reviews_due(world.head_teacher, today=today)

    # Due yesterday (reviewed 31 days ago), and today (started 30 days ago, never reviewed): oldest first.
    assert [p.pk for p in plans] == [due.pk, never_reviewed.pk]
    assert new not in plans and fresh not in plans
    assert reviews_due(world.other_head_teacher, today=today) == []


def test_my_week_lists_the_plan_reviews_due(client, world):
    plan = KeyHelpPlanFactory(child=world.child_1, start_date=days_from_today(-45), review_every_days=30)
    client.force_login(world.head_teacher)

    response = client.get(reverse("pairing:my_week"))

    assert [p.pk for p in response.context["plan_reviews"]] == [plan.pk]
    assert reverse("pairing:plan_detail", args=[plan.pk]) in response.content.decode()


def test_the_child_page_shows_the_plan_and_offers_a_new_one(client, world):
    world.child_1.is_key_help, world.child_1.key_help_reason = True, "情绪低落"
    world.child_1.save()
    plan = KeyHelpPlanFactory(child=world.child_1)
    client.force_login(world.head_teacher)

    html = client.get(reverse("children:detail", args=[world.child_1.pk])).content.decode()

    assert 'data-testid="plan-panel"' in html
    assert reverse("pairing:plan_detail", args=[plan.pk]) in html
    assert reverse("pairing:plan_create", args=[world.child_1.pk]) in html


@pytest.mark.parametrize("plans", [1, 12])
def test_the_plan_list_costs_the_same_queries(client, world, django_assert_num_queries, plans):
    for plan in KeyHelpPlanFactory.create_batch(plans, child__school_class=world.class_1):
        PlanReviewFactory.create_batch(2, plan=plan)
    client.force_login(world.principal)

    # 1 session, 2 user, 3 count for the paginator, 4 the page of plans with child, class, carer, last review.
    with django_assert_num_queries(4):
        response = client.get(reverse("pairing:plan_list"))

    assert len(response.context["page"].object_list) == plans


def test_a_new_plan_and_a_new_review_start_on_today(client, world):
    world.child_1.is_key_help, world.child_1.key_help_reason = True, "情绪低落"
    world.child_1.save()
    plan = KeyHelpPlanFactory(child=world.child_1)
    client.force_login(world.head_teacher)

    plan_form = client.get(reverse("pairing:plan_create", args=[world.child_1.pk])).context["form"]
    review_form = client.get(reverse("pairing:plan_detail", args=[plan.pk])).context["form"]

    assert plan_form["start_date"].value() == days_from_today(0)
    assert plan_form["reasons"].value() == "情绪低落"
    assert review_form["date"].value() == days_from_today(0)
