"""The medical-exam list: 50 a page, filtered by class, with an edit link; a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from activities.models import MedicalExam
from tests.activities.factories import MedicalExamFactory
from tests.factories import ChildFactory, iso_day

pytestmark = pytest.mark.django_db


def _exams(school_class, count):
    child = ChildFactory(school_class=school_class)
    return [
        MedicalExamFactory(child=child, date=datetime.date(2026, 9, 1) + datetime.timedelta(days=n))
        for n in range(count)
    ]


def test_exams_are_paged_fifty_at_a_time_without_losing_any(client, world):
    _exams(world.class_1, 120)
    client.force_login(world.archive_keeper)

    pages = [client.get(reverse("activities:medical_exam_list"), {"page": n}).context["page"] for n in (1, 2, 3)]

    assert [len(page.object_list) for page in pages] == [50, 50, 20]
    assert pages[0].paginator.count == 120
    seen = {exam.pk for page in pages for exam in page.object_list}
    assert seen == set(MedicalExam.objects.values_list("pk", flat=True))


def test_the_class_filter_keeps_only_that_class_and_the_page_links_keep_the_filter(client, world):
    _exams(world.class_1, 60)
    _exams(world.class_2, 3)
    client.force_login(world.principal)

    response = client.get(reverse("activities:medical_exam_list"), {"school_class": world.class_2.pk})
    assert {e.child.school_class_id for e in response.context["page"]} == {world.class_2.pk}
    assert response.context["page"].paginator.count == 3

    response = client.get(reverse("activities:medical_exam_list"), {"school_class": world.class_1.pk})
    assert f'href="?school_class={world.class_1.pk}&page=2"' in response.content.decode()


def test_a_head_teacher_choosing_another_class_sees_nothing_of_it(client, world):
    _exams(world.class_2, 2)
    client.force_login(world.head_teacher)

    response = client.get(reverse("activities:medical_exam_list"), {"school_class": world.class_2.pk})

    assert response.context["page"].paginator.count == 0
    assert [c.pk for c in response.context["filter"].filters["school_class"].queryset] == [world.class_1.pk]


def test_each_row_links_to_its_edit_page_and_the_head_teacher_corrects_a_result(client, world):
    exam = MedicalExamFactory(child=world.child_1)
    client.force_login(world.head_teacher)

    html = client.get(reverse("activities:medical_exam_list")).content.decode()
    assert reverse("activities:medical_exam_edit", args=[exam.pk]) in html

    response = client.post(
        reverse("activities:medical_exam_edit", args=[exam.pk]),
        {"child": world.child_1.pk, "date": iso_day(-30), "height_cm": "133.0", "weight_kg": "28.4"},
    )

    assert response.status_code == 302
    exam.refresh_from_db()
    assert exam.height_cm == Decimal("133.0")


def test_another_class_s_exam_cannot_be_edited(client, world):
    exam = MedicalExamFactory(child=world.child_2)
    client.force_login(world.head_teacher)

    assert client.get(reverse("activities:medical_exam_edit", args=[exam.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 120])
def test_medical_exam_list_queries_do_not_grow(client, world, django_assert_num_queries, count):
    _exams(world.class_1, count)
    client.force_login(world.archive_keeper)

    # 1 session, 2 user, 3 count for the paginator, 4 the page of exams with children and classes,
    # 5 the classes of the filter.
    with django_assert_num_queries(5):
        response = client.get(reverse("activities:medical_exam_list"))

    assert len(response.context["page"].object_list) == min(count, 50)
