"""The demo school has a leading group, a children's home with a semester of openings, calls and loans,
and key-help plans with reviews; running seed_demo again adds none of them twice."""

import pytest
from django.core.management import call_command

from activities.models import BookLoan, HomeCall, HomeSession
from guardians.models import ParentContact
from organisation.models import LeadingGroupMember, User
from pairing.models import KeyHelpPlan, PlanReview
from pairing.plan_selectors import reviews_due

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        m.objects.count() for m in (LeadingGroupMember, HomeSession, HomeCall, BookLoan, KeyHelpPlan, PlanReview)
    )


def test_the_demo_has_the_schools_care_organisation_and_is_idempotent():
    from django.utils import timezone

    call_command("seed_demo")
    before = _counts()
    call_command("seed_demo")
    assert _counts() == before

    assert LeadingGroupMember.objects.filter(role="leader", left_on__isnull=True).count() == 4  # 2 schools × 2 years
    assert HomeSession.objects.exists() and HomeCall.objects.exists() and BookLoan.objects.exists()
    calls = ParentContact.objects.filter(home_call__isnull=False)
    assert calls.exclude(initiated_by="child").count() == 0
    assert calls.exclude(place="留守儿童之家").count() == 0
    assert KeyHelpPlan.objects.exists() and PlanReview.objects.exists()
    teacher = User.objects.get(username="teacher1")
    # Plans are made from a week into the semester: early in a semester, none may be due yet.
    if (timezone.localdate() - KeyHelpPlan.objects.order_by("start_date").first().start_date).days > 30:
        assert reviews_due(User.objects.get(username="principal"), today=timezone.localdate()) or reviews_due(
            teacher, today=timezone.localdate()
        )
