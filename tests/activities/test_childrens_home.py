"""The children's home (留守儿童之家): openings with the children who came, family-phone calls that are
parent contacts started by the child, and book loans that become overdue."""

import pytest
from django.urls import reverse

from activities.models import BookLoan, HomeCall
from children.extensions import timeline_for
from guardians.models import ParentContact
from tests.activities.factories import BookLoanFactory, ChildrensHomeFactory, HomeSessionFactory
from tests.factories import ChildFactory, ParentFactory, days_from_today, iso_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(world):
    return ChildrensHomeFactory(school=world.school, responsible=world.archive_keeper)


def test_a_session_takes_a_whole_class_in_one_step(client, world, home):
    ChildFactory.create_batch(3, school_class=world.class_1)
    session = HomeSessionFactory(home=home, duty=world.principal)
    client.force_login(world.principal)

    response = client.post(
        reverse("activities:home_session_add_class", args=[session.pk]), {"school_class": world.class_1.pk}
    )

    assert response.status_code == 302
    assert set(session.children.values_list("pk", flat=True)) == set(
        world.class_1.children.values_list("pk", flat=True)
    )
    assert session.children.count() == 4


def test_a_duty_head_teacher_logs_an_opening_and_ticks_children_of_their_class(client, world, home):
    client.force_login(world.head_teacher)

    response = client.post(
        reverse("activities:home_session_create"),
        {
            "date": iso_day(-1),
            "start_time": "16:30",
            "end_time": "17:30",
            "duty": world.head_teacher.pk,
            "activities": "读书",
        },
    )
    session = home.sessions.get()
    assert response.status_code == 302
    assert session.recorded_by == world.head_teacher
    response = client.post(
        reverse("activities:home_session", args=[session.pk]), {"form": "children", "children": [world.child_1.pk]}
    )
    assert response.status_code == 302
    assert list(session.children.all()) == [world.child_1]


def test_a_head_teacher_cannot_tick_a_child_of_another_class(client, world, home):
    session = HomeSessionFactory(home=home, duty=world.head_teacher)
    client.force_login(world.head_teacher)

    response = client.post(
        reverse("activities:home_session", args=[session.pk]), {"form": "children", "children": [world.child_2.pk]}
    )

    assert response.status_code == 404
    assert session.children.count() == 0


def test_a_session_ends_after_it_starts(client, world, home):
    client.force_login(world.principal)

    response = client.post(
        reverse("activities:home_session_create"), {"date": iso_day(-1), "start_time": "17:30", "end_time": "16:30"}
    )

    assert response.status_code == 200
    assert home.sessions.count() == 0


def test_a_family_phone_call_at_the_home_is_a_parent_contact_started_by_the_child(client, world, home):
    father = ParentFactory(child=world.child_1, relation="father")
    session = HomeSessionFactory(home=home, duty=world.head_teacher)
    session.children.add(world.child_1)
    client.force_login(world.head_teacher)

    response = client.post(
        reverse("activities:home_session", args=[session.pk]),
        {
            "form": "call",
            "call-child": world.child_1.pk,
            "call-counterpart": "parent",
            "call-parent": father.pk,
            "call-channel": "video",
            "call-reached": "1",
            "call-summary": "爸爸说春节回家",
        },
    )

    assert response.status_code == 302
    contact = ParentContact.objects.get()
    assert contact.initiated_by == ParentContact.Initiator.CHILD
    assert contact.channel == ParentContact.Channel.VIDEO
    assert contact.date == session.date
    assert contact.place == home.name
    assert contact.reached is True
    assert contact.recorded_by == world.head_teacher
    assert HomeCall.objects.get().session == session
    entries = [e for e in timeline_for([world.child_1], world.head_teacher) if e.kind == "parent_contact"]
    assert len(entries) == 1
    assert home.name in entries[0].summary


def test_a_call_must_say_whether_it_got_through(client, world, home):
    session = HomeSessionFactory(home=home, duty=world.head_teacher)
    session.children.add(world.child_1)
    client.force_login(world.head_teacher)

    response = client.post(
        reverse("activities:home_session", args=[session.pk]),
        {"form": "call", "call-child": world.child_1.pk, "call-counterpart": "guardian", "call-channel": "call"},
    )

    assert response.status_code == 200
    assert "reached" in response.context["call_form"].errors
    assert ParentContact.objects.count() == 0


def test_a_letter_is_not_a_family_phone_call(client, world, home):
    session = HomeSessionFactory(home=home, duty=world.head_teacher)
    session.children.add(world.child_1)
    client.force_login(world.head_teacher)

    client.post(
        reverse("activities:home_session", args=[session.pk]),
        {
            "form": "call",
            "call-child": world.child_1.pk,
            "call-counterpart": "guardian",
            "call-channel": "letter",
            "call-reached": "1",
        },
    )

    assert ParentContact.objects.count() == 0


def test_a_book_not_back_after_the_loan_period_is_overdue(client, world, home):
    home.loan_days = 14
    home.save()
    overdue = BookLoanFactory(home=home, child=world.child_1, title="草房子", borrowed_on=days_from_today(-15))
    BookLoanFactory(home=home, child=world.child_1, title="小王子", borrowed_on=days_from_today(-14))
    BookLoanFactory(
        home=home,
        child=world.child_1,
        title="西游记",
        borrowed_on=days_from_today(-30),
        returned_on=days_from_today(-2),
    )
    client.force_login(world.archive_keeper)

    response = client.get(reverse("activities:home_loans"), {"show": "overdue"})

    assert [loan.title for loan in response.context["page"]] == ["草房子"]
    assert overdue.is_overdue()
    assert client.get(reverse("activities:home")).context["overdue"] == 1


def test_returning_a_book_ends_the_loan_today(client, world, home):
    loan = BookLoanFactory(home=home, child=world.child_1, borrowed_on=days_from_today(-20))
    client.force_login(world.head_teacher)

    client.post(reverse("activities:home_loan_return", args=[loan.pk]))

    loan.refresh_from_db()
    assert loan.returned_on == days_from_today(0)
    assert not loan.is_overdue()


def test_a_head_teacher_cannot_lend_a_book_to_a_child_of_another_class(client, world, home):
    client.force_login(world.head_teacher)

    response = client.post(
        reverse("activities:home_loan_create"),
        {"child": world.child_2.pk, "title": "草房子", "borrowed_on": iso_day(-1)},
    )

    assert response.status_code == 200
    assert BookLoan.objects.count() == 0


def test_the_child_page_shows_visits_calls_and_borrowings(client, world, home):
    session = HomeSessionFactory(home=home, duty=world.head_teacher)
    session.children.add(world.child_1)
    BookLoanFactory(home=home, child=world.child_1, title="草房子")
    client.force_login(world.head_teacher)

    response = client.get(reverse("children:detail", args=[world.child_1.pk]))

    content = response.content.decode()
    assert 'data-testid="home-panel"' in content
    assert "草房子" in content
    kinds = {e.kind for e in timeline_for([world.child_1], world.head_teacher)}
    assert {"home_session", "book_loan"} <= kinds


def test_a_carer_sees_nothing_of_the_home_on_the_child_page(world, home):
    session = HomeSessionFactory(home=home)
    session.children.add(world.child_1)
    BookLoanFactory(home=home, child=world.child_1)

    kinds = {e.kind for e in timeline_for([world.child_1], world.carer_user)}

    assert not kinds & {"home_session", "book_loan"}


def test_the_principal_sets_up_the_home(client, world):
    client.force_login(world.principal)

    response = client.post(
        reverse("activities:home_edit"), {"name": "石桥小学留守儿童之家", "room": "二楼", "loan_days": "10"}
    )

    assert response.status_code == 302
    assert world.school.childrens_home.name == "石桥小学留守儿童之家"


def test_a_new_opening_and_a_new_loan_start_on_today(client, world, home):
    client.force_login(world.head_teacher)

    session_form = client.get(reverse("activities:home_session_create")).context["form"]
    loan_form = client.get(reverse("activities:home_loan_create")).context["form"]

    assert session_form["date"].value() == days_from_today(0)
    assert session_form["duty"].value() == world.head_teacher.pk
    assert loan_form["borrowed_on"].value() == days_from_today(0)
