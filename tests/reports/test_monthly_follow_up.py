"""After the due day the district's home says which schools are late, returned or waiting to be accepted;
the status page names the version the school submitted, not the draft a return opened; the school's home
shows a returned report with the district's comment."""

from django.urls import reverse

from children.models import Child, LeftBehindType
from reports import monthly_services as services
from reports.monthly import school_states
from tests import factories as f


def _last(world):
    return school_states(world.school, months=1)[1].window


def _submitted(world, school, user, w):
    Child.objects.filter(school=school).update(left_behind_type=LeftBehindType.BOTH_AWAY)
    report = services.report_draft(school=school, window=w, user=user)
    for title in ["读书月", "家访周"]:
        services.item_save(report=report, user=user, title=title, date=w.period.end, text="开展了读书活动。")
    return services.report_submit(report=report, user=user)


def _row(page: str, code: str) -> str:
    return page.split(f'data-school="{code}"')[1].split("</tr>")[0]


def test_the_status_page_shows_v1_after_a_return_and_v2_once_the_school_resubmits(client, world):
    w = _last(world)
    first = _submitted(world, world.school, world.principal, w)
    draft = services.report_return(report=first, user=world.district_officer, comment="请补充家访照片。")
    client.force_login(world.district_officer)
    url = reverse("reports:district_reports") + f"?month={w.key}"
    row = _row(client.get(url).content.decode(), world.school.code)
    assert "v1" in row and "v2" not in row
    services.report_submit(report=draft, user=world.principal)
    row = _row(client.get(url).content.decode(), world.school.code)
    assert "v2" in row


def test_the_district_home_lists_the_schools_late_returned_or_waiting_and_not_the_accepted(client, world):
    w = _last(world)
    returned = f.SchoolFactory(district=world.district)
    accepted = f.SchoolFactory(district=world.district)
    returned_principal = f.UserFactory(school=returned, role="principal")
    accepted_principal = f.UserFactory(school=accepted, role="principal")
    f.SchoolClassFactory(school=returned)
    waiting = _submitted(world, world.school, world.principal, w)
    report = _submitted(world, returned, returned_principal, w)
    services.report_return(report=report, user=world.district_officer, comment="请补充。")
    report = _submitted(world, accepted, accepted_principal, w)
    services.report_accept(report=report, user=world.district_officer)
    client.force_login(world.district_officer)
    page = client.get(reverse("home")).content.decode()
    listed = page.split('data-testid="follow-up"')[1].split("</table>")[0]
    assert w.key in page.split('data-testid="follow-up"')[0].rsplit("<h2", 1)[1]
    assert 'data-status="missing"' in _row(listed, world.other_school.code)
    assert 'data-status="returned"' in _row(listed, returned.code)
    assert reverse("reports:district_report", args=[waiting.pk]) in _row(listed, world.school.code)
    assert accepted.code not in listed


def test_the_schools_home_shows_a_returned_report_with_the_districts_comment(client, world):
    w = _last(world)
    report = _submitted(world, world.school, world.principal, w)
    services.report_return(report=report, user=world.district_officer, comment="请补充本月家访的具体情况。")
    client.force_login(world.principal)
    page = client.get(reverse("home"), follow=True).content.decode()
    reminder = page.split('data-testid="monthly-reminder"')[1].split("</div>")[0]
    assert "请补充本月家访的具体情况。" in reminder
    assert reverse("reports:monthly_report", args=[w.year, w.month]) in reminder
