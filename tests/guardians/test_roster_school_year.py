"""A new school year: every class up one grade with its children, the top grade graduates, after a preview."""

from django.urls import reverse

from children.models import Child, ChildStatus, ChildStatusChange
from organisation.models import SchoolClass
from tests.factories import ChildFactory, SchoolClassFactory


def test_the_preview_lists_each_class_and_where_it_goes_without_writing(client, world):
    top = SchoolClassFactory(school=world.school, grade=6, number=1)
    ChildFactory(school_class=top, name="毕业生")
    client.force_login(world.principal)
    page = client.get(reverse("guardians:school_year")).content.decode()
    assert "4年级1班" in page and "已毕业" in page and "新建班级" in page
    assert Child.objects.get(pk=world.child_1.pk).school_class == world.class_1
    assert not SchoolClass.objects.filter(school=world.school, grade=4).exists()


def test_confirming_moves_every_class_up_and_graduates_the_top_grade(client, world):
    top = SchoolClassFactory(school=world.school, grade=6, number=1)
    leaver = ChildFactory(school_class=top, name="毕业生")
    client.force_login(world.principal)
    assert client.post(reverse("guardians:school_year")).status_code == 302
    world.child_1.refresh_from_db()
    world.child_2.refresh_from_db()
    leaver.refresh_from_db()
    assert (world.child_1.school_class.grade, world.child_1.school_class.number) == (4, 1)
    assert (world.child_2.school_class.grade, world.child_2.school_class.number) == (4, 2)
    assert leaver.status == ChildStatus.GRADUATED and leaver.school_class == top
    assert ChildStatusChange.objects.get(child=leaver).status == ChildStatus.GRADUATED
    assert world.child_1.history.first().history_change_reason == "新学年升入高一年级"
    world.other_child.refresh_from_db()
    assert world.other_child.school_class == world.other_class  # another school is untouched
