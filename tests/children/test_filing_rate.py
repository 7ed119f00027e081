"""Filing rate = complete archives / children, per class and for the school; each child shows what it misses."""

from decimal import Decimal

from django.urls import reverse

from children.completeness import is_complete, missing_for, with_completeness
from children.models import Child
from children.selectors import filing_rates, list_counts
from organisation.models import SchoolClass
from tests.factories import ChildFactory, GuardianFactory


def test_filing_rate_per_class_and_school(world, make_complete_child):
    # class 1: child_1 (incomplete) + 3 complete -> 3/4; class 2: child_2 (incomplete) + 1 complete -> 1/2
    for _ in range(3):
        make_complete_child(school_class=world.class_1)
    make_complete_child(school_class=world.class_2)
    classes = SchoolClass.objects.filter(school=world.school).order_by("grade", "number")

    rates = filing_rates(Child.objects.filter(school=world.school), classes, world.school)

    assert [(r.label, r.children, r.complete, r.rate) for r in rates.classes] == [
        ("3年级1班", 4, 3, Decimal("75.0")),
        ("3年级2班", 2, 1, Decimal("50.0")),
    ]
    assert (rates.school.children, rates.school.complete, rates.school.rate) == (6, 4, Decimal("66.7"))


def test_filing_rate_of_no_children_is_no_number(world):
    rates = filing_rates(Child.objects.none(), SchoolClass.objects.filter(pk=world.class_1.pk), world.school)
    assert rates.school.rate is None  # shown "—": a rate over 0 is never 0.0 % (REPORTS.md)


def test_each_child_shows_what_is_missing(world):
    child = ChildFactory(school_class=world.class_1, address="石桥镇", hobbies="画画")
    GuardianFactory(child=child)
    annotated = with_completeness(Child.objects.filter(pk=child.pk)).get()
    assert [r.key for r in missing_for(annotated)] == [
        "id_number",
        "left_behind_type",
        "parent_contact",
        "study_level",
        "personality",
    ]
    assert is_complete(annotated) is False


def test_list_counts_use_the_same_definition(world, make_complete_child):
    make_complete_child(school_class=world.class_1)
    counts = list_counts(Child.objects.filter(school=world.school))
    assert (counts.children, counts.complete, counts.filing_rate) == (3, 1, Decimal("33.3"))
    assert dict((value, n) for value, _label, n in counts.by_type)["both_away"] == 1


def test_incomplete_filter_lists_only_incomplete_archives(client, world, make_complete_child):
    complete = make_complete_child(school_class=world.class_1, name="刘子轩")
    client.force_login(world.principal)
    response = client.get(reverse("children:list"), {"incomplete": "on"})
    names = [c.name for c in response.context["page"]]
    assert complete.name not in names
    assert sorted(names) == sorted([world.child_1.name, world.child_2.name])


def test_completeness_page_shows_the_school_rate_in_chinese(client, world, make_complete_child):
    make_complete_child(school_class=world.class_1)
    client.force_login(world.principal)
    response = client.get(reverse("children:completeness"))
    body = response.content.decode()
    assert "建档率" in body
    assert "33.3%" in body


def test_the_archive_checks_are_asked_of_the_database_once_per_child(world):
    sql = str(with_completeness(Child.objects.all()).query)
    # is_complete used to repeat both subqueries in the same row
    assert sql.count('FROM "guardians_guardian"') == 1
    assert sql.count('FROM "guardians_parent"') == 1
