"""The pages: the school fills in and submits its self-inspection; the district reviews it; each sees only
what is theirs, and the district never a child's name."""

from decimal import Decimal

import pytest
from django.urls import reverse

from inspection import services
from inspection.models import EvidenceFile, Inspection, Item
from organisation.roles import Role
from tests import factories as f
from tests.inspection.conftest import png

pytestmark = pytest.mark.django_db


def test_the_principal_sees_computed_values_with_links_to_the_records_behind_them(client, world, index, year):
    client.force_login(world.principal)
    response = client.get(reverse("inspection:school", args=[year]))
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("inspection:school_figure", args=[year, "talk_coverage"]) in body
    assert "0.0% (0/2)" in body


def test_the_list_behind_a_value_is_the_schools_children(client, world, index, year):
    client.force_login(world.principal)
    response = client.get(reverse("inspection:school_figure", args=[year, "pairing"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert world.child_1.name in body and world.child_2.name not in body


def test_scores_and_a_file_are_saved_through_the_page_and_the_draft_submits(client, world, index, year):
    client.force_login(world.principal)
    judged = Item.objects.filter(section__index=index).exclude(evidence="computed")
    client.post(reverse("inspection:school", args=[year]), {f"{i.pk}-score": "0.1" for i in judged})
    for item in judged.filter(evidence="uploaded"):
        response = client.post(reverse("inspection:evidence_upload", args=[year, item.pk]), {"file": png()})
        assert response.status_code == 302
    client.post(reverse("inspection:school_submit", args=[year]))
    inspection = Inspection.objects.get(school=world.school)
    assert inspection.is_submitted


def test_a_file_that_is_not_a_photo_or_pdf_is_refused(client, world, index, year):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.principal)
    item = Item.objects.filter(section__index=index, evidence="uploaded").first()
    fake = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("inspection:evidence_upload", args=[year, item.pk]), {"file": fake}, follow=True)
    assert "不是照片" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_a_file_over_5_mb_is_refused(client, world, index, year):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.principal)
    item = Item.objects.filter(section__index=index, evidence="uploaded").first()
    big = SimpleUploadedFile("minutes.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1), content_type="application/pdf")
    client.post(reverse("inspection:evidence_upload", args=[year, item.pk]), {"file": big})
    assert not EvidenceFile.objects.exists()


def test_another_schools_principal_sees_none_of_it(client, world, submitted):
    evidence = submitted.answers.filter(files__isnull=False).first().files.first()
    client.force_login(world.other_principal)
    assert client.get(reverse("inspection:evidence_file", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("inspection:report_pdf", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("inspection:district_review", args=[submitted.pk])).status_code == 403


@pytest.mark.parametrize("persona", ["head_teacher", "carer_user"])
def test_staff_who_do_not_keep_reports_cannot_open_it(client, world, index, year, persona):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("inspection:school", args=[year])).status_code == 403


def test_the_district_sees_scores_and_evidence_but_never_a_childs_name(client, world, submitted, year):
    client.force_login(world.district_officer)
    body = client.get(reverse("inspection:district_review", args=[submitted.pk])).content.decode()
    assert "0.0% (0/2)" in body
    for child in (world.child_1, world.child_2):
        assert child.name not in body
    assert reverse("inspection:school_figure", args=[year, "talk_coverage"]) not in body
    assert client.get(reverse("inspection:school_figure", args=[year, "pairing"])).status_code == 404
    evidence = submitted.answers.filter(files__isnull=False).first().files.first()
    assert client.get(reverse("inspection:evidence_file", args=[evidence.pk])).status_code == 200
    assert client.get(reverse("inspection:report_workbook", args=[submitted.pk])).status_code == 200


def test_the_district_does_not_see_a_draft(client, world, index):
    draft = services.inspection_draft(school=world.school, index=index, user=world.principal)
    client.force_login(world.district_officer)
    assert client.get(reverse("inspection:district_review", args=[draft.pk])).status_code == 404


def test_the_district_scores_returns_and_the_school_sees_the_comment(client, world, submitted, index, year):
    item = Item.objects.get(section__index=index, section__order=1, order=2)
    client.force_login(world.district_officer)
    client.post(reverse("inspection:district_review", args=[submitted.pk]), {f"d{item.pk}-score": "0.3"})
    submitted.refresh_from_db()
    assert submitted.district_total == submitted.school_total - Decimal("0.2")  # 0.3 for the item's 0.5
    client.post(reverse("inspection:district_return", args=[submitted.pk]), {"comment": "请补充会议记录"})
    client.force_login(world.principal)
    body = client.get(reverse("inspection:school", args=[year])).content.decode()
    assert "请补充会议记录" in body


def test_accepted_findings_show_on_the_schools_dashboard_until_closed(client, world, submitted, index):
    item = Item.objects.get(section__index=index, section__order=1, order=2)
    client.force_login(world.district_officer)
    client.post(
        reverse("inspection:district_review", args=[submitted.pk]),
        {f"d{item.pk}-score": "0.3", f"d{item.pk}-finding": "会议记录不全"},
    )
    client.post(reverse("inspection:district_accept", args=[submitted.pk]))
    client.force_login(world.principal)
    assert "会议记录不全" in client.get(reverse("reports:dashboard")).content.decode()
    action = submitted.action_items.get()
    client.post(reverse("inspection:action_close", args=[action.pk]), {"close_note": "已补齐"})
    assert "会议记录不全" not in client.get(reverse("reports:dashboard")).content.decode()


def test_the_district_copies_the_default_index_and_edits_an_item(client, world, year):
    client.force_login(world.district_officer)
    client.post(reverse("inspection:district_index"), {"school_year": year, "source": ""})
    item = Item.objects.get(section__index__school_year=year, measure="filing_rate")
    response = client.post(
        reverse("inspection:district_item", args=[item.pk]),
        {
            "section": item.section_id,
            "order": 1,
            "title": "建档率达到100%",
            "points": "8",
            "evidence": "computed",
            "measure": "filing_rate",
            "rule": "threshold",
            "target": "100",
            "guidance": "",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.rule, str(item.points)) == ("建档率达到100%", "threshold", "8.0")


def test_a_school_cannot_edit_the_index(client, world, index):
    item = Item.objects.filter(section__index=index).first()
    client.force_login(world.principal)
    assert client.get(reverse("inspection:district_item", args=[item.pk])).status_code == 403


def test_another_districts_officer_reaches_nothing(client, world, submitted):
    other = f.UserFactory(school=None, district=f.DistrictFactory(code="430000"), role=Role.DISTRICT_OFFICER)
    evidence = submitted.answers.filter(files__isnull=False).first().files.first()
    client.force_login(other)
    assert client.get(reverse("inspection:district_review", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("inspection:evidence_file", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("inspection:report_pdf", args=[submitted.pk])).status_code == 404
    assert world.school.name not in client.get(reverse("inspection:district")).content.decode()


def test_the_side_by_side_page_shows_scores_and_the_schools_never_inspected(client, world, submitted, year):
    client.force_login(world.district_officer)
    body = client.get(reverse("inspection:district"), {"year": year}).content.decode()
    never = body.split('data-testid="never-inspected"', 1)[1]
    assert world.other_school.name in never and world.school.name not in never
    assert str(submitted.school_total) in body


def test_the_pages_are_complete_in_english(client, world, submitted, year):
    client.force_login(world.principal)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("inspection:school", args=[year])).content.decode()
    assert "Self-inspection score" in body and "自查得分" not in body


def test_the_district_deletes_an_item_no_school_has_scored_but_not_one_scored(client, world, submitted, index):
    client.force_login(world.district_officer)
    scored = submitted.answers.first().item
    unscored = Item.objects.filter(section__index=index).exclude(pk__in=submitted.answers.values("item")).first()
    client.post(reverse("inspection:district_item_delete", args=[unscored.pk]))
    client.post(reverse("inspection:district_item_delete", args=[scored.pk]))
    assert not Item.objects.filter(pk=unscored.pk).exists()
    assert Item.objects.filter(pk=scored.pk).exists()
