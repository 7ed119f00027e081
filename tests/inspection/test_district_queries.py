"""The district's pages take the same number of queries at 2 and at 100 schools, its index page and the
printed reports the same at 2 and at 6 items or indexes."""

import pytest
from django.urls import reverse

from inspection import services
from inspection.models import Index, Inspection, Item
from tests import factories as f
from tests.inspection.conftest import fill

pytestmark = pytest.mark.django_db


def _district_of(world, submitted, schools: int) -> None:
    """`schools` schools in the district: the world's two, and more with a copy of the submitted version
    (half of them accepted with a district score), and one school that never submitted."""
    extra = [f.SchoolFactory(district=world.district) for _i in range(schools - 2)]
    Inspection.objects.bulk_create(
        Inspection(
            school=school,
            index=submitted.index,
            version=1,
            period_start=submitted.period_start,
            period_end=submitted.period_end,
            snapshot=submitted.snapshot,
            school_total=submitted.school_total,
            district_total=submitted.school_total if n % 2 else None,
            section_scores=submitted.section_scores,
            submitted_at=submitted.submitted_at,
            submitted_by=world.principal,
            accepted_at=submitted.submitted_at if n % 2 else None,
            accepted_by=world.district_officer if n % 2 else None,
        )
        for n, school in enumerate(extra[:-1])
    )


# Queries: session, user; the index of the year; the section titles; the schools; their latest submitted
# versions; the schools ever inspected.
SIDE_BY_SIDE = 7


@pytest.mark.parametrize("schools", [2, 100])
def test_the_side_by_side_page_takes_the_same_queries_at_any_size(
    client, world, submitted, year, schools, django_assert_num_queries
):
    _district_of(world, submitted, schools)
    client.force_login(world.district_officer)
    with django_assert_num_queries(SIDE_BY_SIDE):
        response = client.get(reverse("inspection:district"), {"year": year})
    assert response.status_code == 200
    body = response.content.decode()
    never = 1 if schools == 2 else 2  # the world's other school, and the last one added
    assert body.count("data-school=") == schools + never  # every school's row, and the never-inspected list


@pytest.mark.parametrize("schools", [2, 100])
def test_the_review_page_takes_the_same_queries_at_any_size(
    client, world, submitted, schools, django_assert_num_queries
):
    _district_of(world, submitted, schools)
    client.force_login(world.district_officer)
    # Queries: session, user; the version; whether it may be reviewed; the school's versions; the answers and
    # their files.
    with django_assert_num_queries(7):
        response = client.get(reverse("inspection:district_review", args=[submitted.pk]))
    assert response.status_code == 200


def _keep_items(index, items: int) -> None:
    """The index with only its first `items` items, in order (its sections stay)."""
    keep = list(Item.objects.filter(section__index=index).order_by("section__order", "order", "pk"))[:items]
    Item.objects.filter(section__index=index).exclude(pk__in=[i.pk for i in keep]).delete()


@pytest.mark.parametrize("indexes", [2, 6])
def test_the_index_page_lists_the_years_to_copy_from_in_the_same_queries(
    client, world, year, indexes, django_assert_num_queries
):
    Index.objects.bulk_create(
        Index(district=world.district, school_year=year - n, name=f"Index {n}") for n in range(1, indexes + 1)
    )
    client.force_login(world.district_officer)
    # Queries: session, user; the district's indexes (the year's, none here, and the others to copy from).
    with django_assert_num_queries(3):
        response = client.get(reverse("inspection:district_index"), {"year": year})
    assert response.status_code == 200
    body = response.content.decode()
    assert all(f"Index {n} ({year - n}–{year - n + 1})" in body for n in range(1, indexes + 1))


@pytest.mark.parametrize("items", [2, 6])
def test_one_indexs_items_page_takes_the_same_queries_at_any_size(
    client, world, index, year, items, django_assert_num_queries
):
    _keep_items(index, items)
    client.force_login(world.district_officer)
    # Queries: session, user; the district's indexes (the year's and the others); the sections; their items.
    with django_assert_num_queries(5):
        response = client.get(reverse("inspection:district_index"), {"year": year})
    assert response.status_code == 200
    assert response.content.decode().count("/delete/") == items


@pytest.fixture
def submitted_with(world, index):
    """A submitted self-inspection of an index cut down to `items` items."""

    def make(items: int) -> Inspection:
        _keep_items(index, items)
        draft = services.inspection_draft(school=world.school, index=index, user=world.principal)
        fill(draft, world.principal)
        return services.inspection_submit(inspection=draft, user=world.principal)

    return make


@pytest.mark.parametrize("items", [2, 6])
@pytest.mark.parametrize("download", ["inspection:report_pdf", "inspection:report_workbook"])
def test_the_printed_reports_take_the_same_queries_at_any_size(
    client, world, submitted_with, items, download, django_assert_num_queries
):
    submitted = submitted_with(items)
    assert len([row for section in submitted.snapshot["sections"] for row in section["items"]]) == items
    client.force_login(world.district_officer)
    # Queries: session, user; the version with its school, index and reviewer; the answers; their files.
    with django_assert_num_queries(5):
        response = client.get(reverse(download, args=[submitted.pk]))
    assert response.status_code == 200
