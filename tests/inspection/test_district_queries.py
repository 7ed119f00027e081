"""The district's pages take the same number of queries at 2 and at 100 schools."""

import pytest
from django.urls import reverse

from inspection.models import Inspection
from tests import factories as f

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
