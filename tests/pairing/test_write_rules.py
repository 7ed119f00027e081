"""The write rules hold in the services too: a talk or visit outside `editable_talks_for` /
`editable_visits_for`, or about a child the user may not log care for, is refused and nothing is written."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pairing import services
from pairing.models import HomeVisit, Talk
from tests.pairing.factories import HomeVisitFactory, TalkFactory


def test_a_carer_cannot_save_a_talk_someone_else_held_through_the_service(world):
    talk = TalkFactory(child=world.child_1, recorded_by=world.head_teacher, content="班主任的谈心")
    talk.content = "改了"
    talk.carer = world.carer  # even naming themselves does not make another's talk theirs
    with pytest.raises(ValidationError):
        services.talk_save(talk=talk, user=world.carer_user)
    talk.refresh_from_db()
    assert (talk.content, talk.carer_id) == ("班主任的谈心", None)


def test_a_head_teacher_cannot_log_a_talk_about_another_class_through_the_service(world):
    talk = Talk(child=world.child_2, date=timezone.localdate(), topics=["study"], content="不是我班的")
    with pytest.raises(ValidationError):
        services.talk_save(talk=talk, user=world.head_teacher)
    assert not Talk.objects.exists()


def test_a_district_officer_cannot_log_a_visit_through_the_service(world):
    visit = HomeVisit(child=world.child_1, date=timezone.localdate(), met=HomeVisit.Met.PARENT)
    with pytest.raises(ValidationError):
        services.home_visit_save(visit=visit, carers=[], staff=[world.head_teacher], user=world.district_officer)
    assert not HomeVisit.objects.exists()


def test_a_carer_named_on_a_visit_may_change_it_through_the_service(world):
    visit = HomeVisitFactory(child=world.child_1, recorded_by=world.head_teacher, met=HomeVisit.Met.PARENT)
    visit.carers.add(world.carer)
    visit.advice = "多陪孩子读书。"
    services.home_visit_save(visit=visit, carers=[world.carer], staff=[world.head_teacher], user=world.carer_user)
    visit.refresh_from_db()
    assert (visit.advice, visit.recorded_by) == ("多陪孩子读书。", world.head_teacher)
