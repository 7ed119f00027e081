"""Malformed values in the activities' lists and forms: an unfiltered list or a clear message, never a 500."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from activities.models import ActivityKind, Evidence
from tests.activities.factories import ActivityFactory, AssistanceFactory, MedicalExamFactory
from tests.factories import GuardianFactory

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999"


@pytest.fixture
def activity(world):
    return ActivityFactory(school=world.school, semester=world.semester)


@pytest.mark.parametrize("value", ["²", HUGE_ID, "not-a-kind"])
def test_a_malformed_filter_shows_the_whole_activity_list(client, world, activity, value):
    client.force_login(world.principal)

    response = client.get(reverse("activities:list"), {"kind": value, "semester": value, "q": ""})

    assert response.status_code == 200
    assert [a.pk for a in response.context["page"]] == [activity.pk]


def test_the_activity_filters_keep_what_was_chosen(client, world, activity):
    ActivityFactory(school=world.school, semester=world.semester, kind=ActivityKind.OUTING, title="春游")
    client.force_login(world.principal)

    response = client.get(reverse("activities:list"), {"kind": "outing", "semester": world.semester.pk})

    assert [a.title for a in response.context["page"]] == ["春游"]
    html = response.content.decode()
    assert '<option value="outing" selected>' in html
    assert f'<option value="{world.semester.pk}" selected>' in html


@pytest.mark.parametrize("value", ["²", HUGE_ID])
def test_a_malformed_class_shows_the_whole_medical_exam_list(client, world, value):
    exam = MedicalExamFactory(child=world.child_1)
    client.force_login(world.principal)

    response = client.get(reverse("activities:medical_exam_list"), {"school_class": value})

    assert response.status_code == 200
    assert [e.pk for e in response.context["page"]] == [exam.pk]


@pytest.mark.parametrize("value", ["²", HUGE_ID])
def test_a_malformed_semester_shows_the_current_semesters_assistance(client, world, value):
    world.semester.is_current = True
    world.semester.save()
    item = AssistanceFactory(child=world.child_1, semester=world.semester)
    client.force_login(world.principal)

    response = client.get(reverse("activities:assistance_list"), {"semester": value})

    assert response.status_code == 200
    assert response.context["semester"] == world.semester
    assert response.context["records"] == [item]


@pytest.mark.parametrize("value", ["²", HUGE_ID, "girl"])
def test_a_malformed_picker_filter_offers_every_child(client, world, activity, value):
    client.force_login(world.principal)

    response = client.get(
        reverse("activities:attendance", args=[activity.pk]),
        {"school_class": value, "gender": value, "left_behind_type": value, "poverty_status": value},
    )

    assert response.status_code == 200
    assert {c.pk for c in response.context["candidates"]} == {world.child_1.pk, world.child_2.pk}


def test_the_picker_filters_by_gender_and_key_help(client, world, activity):
    world.child_2.is_key_help = True
    world.child_2.key_help_reason = "父母离异"
    world.child_2.save()
    client.force_login(world.principal)
    url = reverse("activities:attendance", args=[activity.pk])

    key_help = client.get(url, {"key_help": "1"}).context["candidates"]
    girls = client.get(url, {"gender": world.child_1.gender}).context["candidates"]

    assert [c.pk for c in key_help] == [world.child_2.pk]
    assert world.child_1 in list(girls)


@pytest.mark.parametrize("value", ["²", "abc", HUGE_ID, ""])
def test_adding_a_class_that_is_not_a_class_is_not_found(client, world, activity, value):
    client.force_login(world.principal)

    response = client.post(reverse("activities:attendance_add_class", args=[activity.pk]), {"school_class": value})

    assert response.status_code == 404
    assert not activity.attendances.exists()


@pytest.mark.parametrize("value", ["²", HUGE_ID])
def test_ticking_a_child_id_that_cannot_exist_is_not_found(client, world, activity, value):
    client.force_login(world.principal)

    response = client.post(
        reverse("activities:attendance", args=[activity.pk]), {"children": [world.child_1.pk, value]}
    )

    assert response.status_code == 404
    assert not activity.attendances.exists()


@pytest.mark.parametrize("value", ["²", HUGE_ID])
def test_a_guardian_id_that_cannot_exist_is_left_out(client, world, value):
    training = ActivityFactory(school=world.school, kind=ActivityKind.GUARDIAN_TRAINING)
    grandma = GuardianFactory(child=world.child_1)
    client.force_login(world.principal)

    response = client.post(reverse("activities:guardians", args=[training.pk]), {"guardians": [grandma.pk, value]})

    assert response.status_code == 302
    assert list(training.guardians.all()) == [grandma]


def test_a_truncated_photo_is_refused_with_a_clear_message(client, world, activity):
    out = BytesIO()
    Image.new("RGB", (400, 300), (200, 80, 60)).save(out, "JPEG")
    cut_off = out.getvalue()[: len(out.getvalue()) // 2]
    client.force_login(world.archive_keeper)

    response = client.post(
        reverse("activities:evidence_upload", args=[activity.pk]),
        {"file": SimpleUploadedFile("活动.jpg", cut_off, content_type="image/jpeg")},
    )

    assert response.status_code == 400
    assert "“活动.jpg”已损坏或不完整" in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("month", ["1-1", "9999-12", "99999999999999999999-1", "2026-13", "²-1"])
def test_birthdays_of_an_impossible_month_show_this_month(client, world, month):
    today = timezone.localdate()
    client.force_login(world.principal)

    response = client.get(reverse("activities:birthdays"), {"month": month})

    assert response.status_code == 200
    assert response.context["month"] == today.replace(day=1)


def test_a_head_teacher_sees_only_their_own_childrens_guardians_and_exams_on_an_activity(client, world):
    training = ActivityFactory(school=world.school, kind=ActivityKind.GUARDIAN_TRAINING)
    training.guardians.add(
        GuardianFactory(child=world.child_1, name="张奶奶"), GuardianFactory(child=world.child_2, name="李爷爷")
    )
    exams = ActivityFactory(school=world.school, kind=ActivityKind.MEDICAL_EXAM)
    MedicalExamFactory(child=world.child_1, activity=exams)
    MedicalExamFactory(child=world.child_2, activity=exams)
    for activity in (training, exams):
        activity.attendances.create(child=world.child_1)
        activity.attendances.create(child=world.child_2)
    client.force_login(world.head_teacher)

    training_page = client.get(reverse("activities:detail", args=[training.pk])).content.decode()
    exams_page = client.get(reverse("activities:detail", args=[exams.pk])).content.decode()

    assert "张奶奶" in training_page
    assert "李爷爷" not in training_page
    assert world.child_1.name in exams_page
    assert world.child_2.name not in training_page + exams_page


def test_a_nul_character_in_a_list_filter_is_a_bad_request_before_any_view(client, world):
    # PostgreSQL can neither store nor compare a NUL: organisation.middleware answers 400 for every view.
    client.force_login(world.principal)
    for name in ("activities:list", "activities:medical_exam_list", "activities:assistance_list"):
        assert client.get(reverse(name), {"q": "1\x00"}).status_code == 400
