"""The child page and the filing-rate page are computed by selectors, without a request; views only render them."""

import datetime

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from children import selectors
from tests.children.factories import AcademicResultFactory
from tests.factories import GuardianFactory

pytestmark = pytest.mark.django_db


def test_the_child_page_holds_the_archive_its_results_and_the_timeline(world):
    AcademicResultFactory(child=world.child_1, semester=world.semester)
    child = selectors.children_for_page(world.head_teacher).get(pk=world.child_1.pk)
    page = selectors.child_page(child, world.head_teacher)
    assert page["child"] == world.child_1
    assert [r.semester for r in page["results"]] == [world.semester]
    assert page["kind"] is None
    assert "timeline" in page and "panels" in page


def test_an_unknown_timeline_kind_shows_the_whole_timeline(world):
    child = selectors.children_for_page(world.head_teacher).get(pk=world.child_1.pk)
    assert selectors.child_page(child, world.head_teacher, kind="<script>")["kind"] is None


def test_a_head_teacher_cannot_open_the_page_of_another_class(world):
    assert not selectors.children_for_page(world.head_teacher).filter(pk=world.child_2.pk).exists()


def test_the_filing_page_counts_the_users_children_and_lists_the_incomplete(world):
    GuardianFactory(child=world.child_1)
    page = selectors.completeness_page(world.principal)
    assert page["rates"].school.children == 2
    assert world.child_2 in page["incomplete"]
    head_teachers_page = selectors.completeness_page(world.head_teacher)
    assert head_teachers_page["rates"].school.children == 1


def test_creating_and_editing_a_result_share_one_view():
    create = resolve(reverse("children:result_create", kwargs={"child_pk": 1}))
    assert create.func is resolve(reverse("children:result_edit", args=[1])).func


def test_a_new_result_offers_the_current_semester(client, world):
    client.force_login(world.head_teacher)
    response = client.get(reverse("children:result_create", kwargs={"child_pk": world.child_1.pk}))
    assert response.context["form"].initial["semester"] == world.semester


def test_a_status_change_in_the_future_says_what_every_future_record_says(client, world):
    client.force_login(world.head_teacher)
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    with_language = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
    response = client.post(
        reverse("children:status", kwargs={"pk": world.child_1.pk}),
        {"status": "transferred", "date": future},
        **with_language,
    )
    assert f"{future} 是将来的日期：请按实际发生的日期记录。" in response.content.decode()
    assert not world.child_1.status_changes.exists()
