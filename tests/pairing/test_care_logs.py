"""The school-wide logs of talks, home visits and parent contacts: scoped per role, filtered, confidential
notes hidden as on the child page, paginated at a fixed number of queries."""

import pytest
from django.urls import reverse

from tests.factories import ChildFactory, days_from_today, iso_day
from tests.guardians.factories import ParentContactFactory
from tests.pairing.factories import HomeVisitFactory, TalkFactory

pytestmark = pytest.mark.django_db

SECRET = "孩子提到在家被打，需要关注"


def _names(response):
    return [row.child.name for row in response.context["rows"]]


def test_the_talk_log_is_scoped_per_role(client, world):
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher)
    TalkFactory(child=world.child_2, recorded_by=world.other_head_teacher)
    TalkFactory(child=world.other_child)
    url = reverse("pairing:talk_log")

    client.force_login(world.principal)
    assert sorted(_names(client.get(url))) == sorted(["张思琪", "李浩然"])
    client.force_login(world.archive_keeper)
    assert sorted(_names(client.get(url))) == sorted(["张思琪", "李浩然"])
    client.force_login(world.head_teacher)
    assert _names(client.get(url)) == ["张思琪"]
    client.force_login(world.other_principal)
    assert _names(client.get(url)) == ["王欣怡"]


def test_confidential_notes_are_shown_only_to_the_author_and_the_principal(client, world):
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher, confidential_note=SECRET)
    url = reverse("pairing:talk_log")

    for user, shown in [(world.head_teacher, True), (world.principal, True), (world.archive_keeper, False)]:
        client.force_login(user)
        html = client.get(url).content.decode()
        assert (SECRET in html) is shown, user


def test_the_talk_log_filters_by_class_carer_and_dates(client, world):
    TalkFactory(child=world.child_1, carer=world.carer, date=days_from_today(-3))
    TalkFactory(child=world.child_1, date=days_from_today(-40))
    TalkFactory(child=world.child_2, date=days_from_today(-3))
    client.force_login(world.principal)
    url = reverse("pairing:talk_log")

    assert _names(client.get(url, {"school_class": world.class_2.pk})) == ["李浩然"]
    assert len(client.get(url, {"carer": world.carer.pk}).context["rows"]) == 1
    assert len(client.get(url, {"date_from": iso_day(-10), "date_to": iso_day(0)}).context["rows"]) == 2


def test_the_contact_log_filters_reached_and_kind(client, world):
    ParentContactFactory(child=world.child_1, reached=True, channel="call", initiated_by="child")
    ParentContactFactory(child=world.child_1, reached=False, channel="video")
    ParentContactFactory(child=world.child_2, reached=False, channel="letter")
    client.force_login(world.archive_keeper)
    url = reverse("pairing:contact_log")

    assert len(client.get(url, {"reached": "no"}).context["rows"]) == 2
    assert len(client.get(url, {"reached": "yes"}).context["rows"]) == 1
    assert len(client.get(url, {"channel": "video"}).context["rows"]) == 1
    assert len(client.get(url, {"initiated_by": "child"}).context["rows"]) == 1


def test_the_visit_log_filters_visits_where_nobody_was_home(client, world):
    HomeVisitFactory(child=world.child_1, met="nobody")
    visit = HomeVisitFactory(child=world.child_1, met="guardian")
    visit.carers.add(world.carer)
    client.force_login(world.head_teacher)
    url = reverse("pairing:visit_log")

    assert len(client.get(url, {"reached": "no"}).context["rows"]) == 1
    assert [r.pk for r in client.get(url, {"carer": world.carer.pk}).context["rows"]] == [visit.pk]


def test_a_carer_has_no_school_wide_log(client, world):
    client.force_login(world.carer_user)

    assert client.get(reverse("pairing:talk_log")).status_code == 403


@pytest.mark.parametrize("n", [2, 30])
def test_the_logs_cost_the_same_queries(client, world, django_assert_num_queries, n):
    children = ChildFactory.create_batch(n, school_class=world.class_1)
    for child in children:
        TalkFactory(child=child, carer=world.carer, recorded_by=world.head_teacher, confidential_note=SECRET)
        visit = HomeVisitFactory(child=child)
        visit.carers.add(world.carer)
        visit.staff.add(world.head_teacher)
        ParentContactFactory(child=child)
    client.force_login(world.principal)

    # 1 session, 2 user, 3 count, 4 the page of talks with child, class, carer and recorder, 5 which of them
    # the user may change, 6 the classes and 7 the carers of the filter form.
    with django_assert_num_queries(7):
        assert len(client.get(reverse("pairing:talk_log")).context["rows"]) == n
    # the same, with the visits' carers and staff prefetched (two more).
    with django_assert_num_queries(9):
        assert len(client.get(reverse("pairing:visit_log")).context["rows"]) == n
    # the same as talks, without carers in the filter form.
    with django_assert_num_queries(6):
        assert len(client.get(reverse("pairing:contact_log")).context["rows"]) == n
