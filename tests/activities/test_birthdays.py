"""This month's birthdays, across month and year ends, and the birthday party made from them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity
from activities.selectors import birthday_in, birthdays_in_month
from children.models import ChildStatus
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def born(world):
    def make(name, birth, school_class=None, **kwargs):
        return ChildFactory(school_class=school_class or world.class_1, name=name, birth_date=birth, **kwargs)

    return make


def test_december_and_january_lists_split_at_the_year_end(world, born):
    born("除夕", datetime.date(2016, 12, 31))
    born("元旦", datetime.date(2017, 1, 1))
    born("腊月", datetime.date(2015, 12, 1), school_class=world.class_2)

    december = birthdays_in_month(world.principal, 2026, 12)
    january = birthdays_in_month(world.principal, 2027, 1)

    assert [(b.child.name, b.day, b.age) for b in december] == [
        ("除夕", datetime.date(2026, 12, 31), 10),
        ("腊月", datetime.date(2026, 12, 1), 11),
    ]
    assert [(b.child.name, b.day, b.age) for b in january] == [("元旦", datetime.date(2027, 1, 1), 10)]


def test_month_ends_belong_to_their_own_month(world, born):
    born("三十", datetime.date(2017, 4, 30))
    born("五一", datetime.date(2017, 5, 1))

    assert [b.child.name for b in birthdays_in_month(world.head_teacher, 2027, 4)] == ["三十"]
    assert [b.child.name for b in birthdays_in_month(world.head_teacher, 2027, 5)] == ["五一", "张思琪"]


def test_a_29_february_birthday_is_celebrated_on_28_february_in_other_years(world, born):
    born("闰日", datetime.date(2016, 2, 29))

    assert [b.day for b in birthdays_in_month(world.principal, 2027, 2)] == [datetime.date(2027, 2, 28)]
    assert [b.day for b in birthdays_in_month(world.principal, 2028, 2)] == [datetime.date(2028, 2, 29)]
    assert birthdays_in_month(world.principal, 2027, 3) == []
    assert birthday_in(datetime.date(2016, 2, 29), 2100) == datetime.date(2100, 2, 28)


def test_only_active_left_behind_children_in_scope_are_listed(world, born):
    born("转学", datetime.date(2017, 5, 9), status=ChildStatus.TRANSFERRED)
    born("二班", datetime.date(2017, 5, 9), school_class=world.class_2)

    assert [b.child.name for b in birthdays_in_month(world.head_teacher, 2027, 5)] == ["张思琪"]
    assert [b.child.name for b in birthdays_in_month(world.principal, 2027, 5)] == ["张思琪", "李浩然", "二班"]


def test_the_page_lists_birthdays_per_class_and_moves_across_the_year(client, world, born):
    born("除夕", datetime.date(2016, 12, 31), school_class=world.class_2)
    client.force_login(world.archive_keeper)

    response = client.get(reverse("activities:birthdays"), {"month": "2026-12"})

    html = response.content.decode()
    assert "除夕" in html and "3年级2班" in html and "12月31日" in html
    assert "?month=2027-01" in html and "?month=2026-11" in html


def test_the_english_page_shows_days_and_the_month_in_english(client, settings, world, born):
    born("立冬", datetime.date(2016, 11, 5))
    client.force_login(world.archive_keeper)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(reverse("activities:birthdays"), {"month": "2026-11"}).content.decode()

    assert "November 5" in html and "November 2026" in html
    assert "月" not in html.split('data-testid="birthdays"')[1].split("</div>")[0]


def test_the_chinese_page_shows_chinese_days_and_month(client, world, born):
    born("立冬", datetime.date(2016, 11, 5))
    client.force_login(world.archive_keeper)

    html = client.get(reverse("activities:birthdays"), {"month": "2026-11"}).content.decode()

    assert "11月5日" in html and "2026年11月" in html


def test_creating_the_birthday_party_adds_this_months_birthday_children(client, world, born):
    today = timezone.localdate()
    this_month = born("寿星", datetime.date(2016, today.month, 1), school_class=world.class_2)
    born("别的月份", datetime.date(2016, today.month % 12 + 1, 1))
    client.force_login(world.archive_keeper)

    response = client.post(reverse("activities:birthday_party"), {"month": f"{today:%Y-%m}"})
    client.post(reverse("activities:birthday_party"), {"month": f"{today:%Y-%m}"})  # again: same party

    party = Activity.objects.get()
    assert response["Location"] == reverse("activities:detail", args=[party.pk])
    # The party of the current month is dated today (in Asia/Shanghai), in the semester containing today.
    assert (party.kind, party.date, party.semester) == ("birthday_party", today, world.semester)
    assert list(party.children.all()) == [this_month]
    assert party.title == f"{today.year}年{today.month}月留守儿童集体生日会"


def test_the_party_of_another_month_is_dated_on_its_first_day(client, world, born):
    client.force_login(world.archive_keeper)

    client.post(reverse("activities:birthday_party"), {"month": "2016-12"})

    assert Activity.objects.get().date == datetime.date(2016, 12, 1)


def test_pressing_create_again_says_the_party_already_exists_and_links_to_it(client, world, born):
    born("除夕", datetime.date(2016, 12, 31))
    client.force_login(world.archive_keeper)
    first = client.post(reverse("activities:birthday_party"), {"month": "2026-12"}, follow=True)

    response = client.post(reverse("activities:birthday_party"), {"month": "2026-12"}, follow=True)

    party = Activity.objects.get()
    html = response.content.decode()
    party_url = reverse("activities:detail", args=[party.pk])
    assert f'本月集体生日会 <a href="{party_url}">“2026年12月留守儿童集体生日会”</a> 已经存在' in html
    assert "已创建" in first.content.decode()
    assert "已创建" not in html


def test_the_birthdays_page_links_to_the_existing_party_instead_of_offering_to_create_it(client, world, born):
    born("除夕", datetime.date(2016, 12, 31))
    client.force_login(world.archive_keeper)
    before = client.get(reverse("activities:birthdays"), {"month": "2026-12"}).content.decode()
    client.post(reverse("activities:birthday_party"), {"month": "2026-12"})

    after = client.get(reverse("activities:birthdays"), {"month": "2026-12"}).content.decode()

    party = Activity.objects.get()
    assert "创建本月集体生日会" in before
    assert "创建本月集体生日会" not in after
    assert "本月集体生日会已经存在" in after
    assert f'href="{reverse("activities:detail", args=[party.pk])}"' in after
