"""The leading group (领导小组) per school and school year: the principal manages it, members who leave
stay on record, each year has its own group, and the school page shows it read-only."""

import pytest
from django.urls import reverse

from organisation.leading_group import group_of
from organisation.models import LeadingGroupMember

pytestmark = pytest.mark.django_db


def _add(client, **data):
    return client.post(reverse("organisation:leading_group"), {"role": "member", "duty": "archives", **data})


def test_the_principal_builds_the_group_of_a_school_year(client, world):
    client.force_login(world.principal)

    _add(client, school_year="2026", user=world.principal.pk, role="leader", duty="overall")
    _add(client, school_year="2026", user=world.archive_keeper.pk, role="deputy", duty="archives")
    _add(client, school_year="2026", name="王村支书", position="村支书", duty="safety")

    members = group_of(world.principal, world.school, 2026)
    assert [(m.person, m.role) for m in members] == [
        (str(world.principal), "leader"),
        (str(world.archive_keeper), "deputy"),
        ("王村支书", "member"),
    ]


def test_each_school_year_keeps_its_own_group(client, world):
    LeadingGroupMember.objects.create(
        school=world.school, school_year=2025, name="赵校长", role="leader", duty="overall"
    )
    LeadingGroupMember.objects.create(
        school=world.school, school_year=2026, user=world.principal, role="leader", duty="overall"
    )
    client.force_login(world.head_teacher)

    old = client.get(reverse("organisation:school_detail", args=[world.school.pk]), {"year": 2025})
    new = client.get(reverse("organisation:school_detail", args=[world.school.pk]), {"year": 2026})

    assert [m.person for m in old.context["members"]] == ["赵校长"]
    assert [m.person for m in new.context["members"]] == [str(world.principal)]
    assert old.context["years"] == [2026, 2025]


def test_the_school_page_shows_the_current_school_years_group_by_default(client, world):
    year = world.semester.school_year
    LeadingGroupMember.objects.create(
        school=world.school, school_year=year, name="赵校长", role="leader", duty="overall"
    )
    client.force_login(world.carer_user)

    response = client.get(reverse("organisation:school_detail", args=[world.school.pk]))

    assert response.context["year"] == year
    assert "赵校长" in response.content.decode()
    assert reverse("organisation:leading_group") not in response.content.decode()


def test_a_member_who_leaves_stays_on_record(client, world):
    member = LeadingGroupMember.objects.create(
        school=world.school, school_year=2026, user=world.archive_keeper, role="deputy", duty="archives"
    )
    client.force_login(world.principal)

    client.post(reverse("organisation:leading_group_member_end", args=[member.pk]))

    member.refresh_from_db()
    assert member.left_on is not None
    assert member in group_of(world.principal, world.school, 2026)
    assert member.history.count() == 2


def test_a_group_has_one_leader_a_year(client, world):
    LeadingGroupMember.objects.create(
        school=world.school, school_year=2026, name="赵校长", role="leader", duty="overall"
    )
    client.force_login(world.principal)

    response = _add(client, school_year="2026", user=world.principal.pk, role="leader", duty="overall")

    assert response.status_code == 200
    assert LeadingGroupMember.objects.filter(role="leader").count() == 1


def test_a_member_is_a_login_or_a_name(client, world):
    client.force_login(world.principal)

    response = _add(client, school_year="2026")

    assert response.status_code == 200
    assert LeadingGroupMember.objects.count() == 0


def test_another_schools_staff_cannot_join(client, world):
    client.force_login(world.principal)

    _add(client, school_year="2026", user=world.other_principal.pk)

    assert LeadingGroupMember.objects.count() == 0


def test_the_school_year_follows_the_current_semester(world):
    from organisation.leading_group import school_year_of

    assert school_year_of(world.school) == world.semester.school_year


@pytest.mark.parametrize("members", [1, 12])
def test_the_school_page_costs_the_same_queries(client, world, django_assert_num_queries, members):
    for n in range(members):
        LeadingGroupMember.objects.create(
            school=world.school,
            school_year=2026,
            user=world.head_teacher if n % 2 else None,
            name=f"成员{n}",
            duty="other",
        )
    client.force_login(world.head_teacher)

    # 1 session, 2 user, 3 the school with its district, 4 the years on record, 5 the group with logins.
    with django_assert_num_queries(5):
        response = client.get(reverse("organisation:school_detail", args=[world.school.pk]), {"year": 2026})

    assert len(response.context["members"]) == members
