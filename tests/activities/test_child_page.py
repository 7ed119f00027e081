"""Every activity, assistance and medical exam shows on the child's page, in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from activities import child_page
from activities.models import Evidence
from children import extensions
from tests.activities.factories import ActivityFactory, AssistanceFactory, MedicalExamFactory, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    lecture = ActivityFactory(
        school=world.school, kind="lecture", topic="law", title="法治进校园", date=datetime.date(2026, 10, 9)
    )
    lecture.attendances.create(child=world.child_1)
    AssistanceFactory(child=world.child_1, semester=world.semester, amount=Decimal("300.00"), description="助学金")
    MedicalExamFactory(child=world.child_1, date=datetime.date(2026, 9, 20), height_cm=Decimal("130.0"))
    MedicalExamFactory(child=world.child_1, date=datetime.date(2026, 10, 20), height_cm=Decimal("132.5"))
    return lecture


def test_the_timeline_shows_activity_assistance_and_exams(client, world, records):
    client.force_login(world.head_teacher)

    html = client.get(reverse("children:detail", args=[world.child_1.pk])).content.decode()

    assert "法治进校园" in html and "专题讲座：法治教育" in html
    assert "市关工委：现金 ¥300.00" in html
    assert "身高 132.5 厘米" in html
    assert reverse("activities:detail", args=[records.pk]) in html


def test_the_panel_lists_exams_latest_first_and_this_semesters_assistance(world, records):
    panel = child_page.child_panel(world.child_1, world.head_teacher)

    assert [e.height_cm for e in panel["exams"]] == [Decimal("132.5"), Decimal("130.0")]
    assert [a.amount for a in panel["assistance"]] == [Decimal("300.00")]


def test_a_carer_sees_no_activity_assistance_or_exam_neither_in_the_timeline_nor_in_a_panel(client, world, records):
    client.force_login(world.carer_user)

    response = client.get(reverse("children:detail", args=[world.child_1.pk]))

    html = response.content.decode()
    assert {e.kind for e in response.context["timeline"]} & {"activity", "assistance", "medical_exam"} == set()
    assert "法治进校园" not in html and "助学金" not in html
    assert reverse("activities:detail", args=[records.pk]) not in html
    assert 'data-testid="activities-panel"' not in html


def test_each_provider_uses_two_queries_for_many_children(world, records, django_assert_num_queries):
    ids = [world.child_1.pk, world.child_2.pk]
    for provider in (child_page.assistance_timeline, child_page.medical_exam_timeline):
        # 1 the records by the read rule, 2 which of them the write rule allows
        with django_assert_num_queries(2):
            provider(ids, world.principal)
    # 1 the attendances with their activity by the read rule, 2 which activities the write rule allows,
    # 3 the photos of all those activities
    with django_assert_num_queries(3):
        child_page.activity_timeline(ids, world.principal)


def _photo(activity, caption):
    item = Evidence(activity=activity, kind="image", content_type="image/jpeg", original_name="a.jpg", size=10)
    item.caption = caption
    item.file.save("a.jpg", ContentFile(image_bytes()), save=False)
    item.thumbnail.save("t.jpg", ContentFile(image_bytes()), save=False)
    item.save()
    return item


def test_the_activity_entry_shows_the_activitys_photos(client, world, records, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = _photo(records, "同学们认真听讲")
    client.force_login(world.head_teacher)

    html = client.get(reverse("children:detail", args=[world.child_1.pk])).content.decode()

    assert 'data-testid="timeline-photos"' in html
    assert reverse("activities:evidence_thumbnail", args=[photo.pk]) in html
    assert 'alt="同学们认真听讲"' in html
    assert client.get(reverse("activities:evidence_thumbnail", args=[photo.pk])).status_code == 200


def test_a_carer_sees_no_photos_they_could_not_open(client, world, records, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _photo(records, "同学们认真听讲")
    client.force_login(world.carer_user)

    html = client.get(reverse("children:detail", args=[world.child_1.pk])).content.decode()

    assert "法治进校园" not in html  # carers read no activities (activities.selectors.activities_for)
    assert 'data-testid="timeline-photos"' not in html


def test_photos_take_one_query_for_many_activities(world, settings, tmp_path, django_assert_num_queries):
    settings.MEDIA_ROOT = tmp_path
    for day in (3, 4, 5):
        activity = ActivityFactory(school=world.school, date=datetime.date(2026, 10, day))
        activity.attendances.create(child=world.child_1)
        _photo(activity, f"第{day}天")
    with django_assert_num_queries(3):
        entries = child_page.activity_timeline([world.child_1.pk], world.principal)
    assert sorted(len(e.extra["photos"]) for e in entries) == [1, 1, 1]


def test_the_timeline_can_show_one_kind(client, world, records):
    client.force_login(world.principal)

    response = client.get(reverse("children:detail", args=[world.child_1.pk]), {"kind": "medical_exam"})

    assert {e.kind for e in response.context["timeline"]} == {"medical_exam"}


def test_the_timeline_filters_name_the_activity_kinds_in_chinese():
    with translation.override("zh-hans"):
        filters = {kind: str(label) for kind, label in extensions.timeline_filters()}

    assert (filters["activity"], filters["assistance"], filters["medical_exam"]) == ("关爱活动", "资助", "体检记录")
