"""Inspection: the school's reporters (principal, archive keeper) fill in and submit their own school's
self-inspection, read its lists and files and close its action items; the district officer keeps the index,
reviews submitted versions and reads their files, never the lists behind the values (404). Everyone else 403;
another school's records 404."""

from django.core.files.base import ContentFile
from django.utils import timezone

from inspection import services
from inspection.models import ActionItem, Answer, EvidenceFile, Index, Inspection, Item
from inspection.selectors import school_year_of
from tests.matrix import Row, everyone

REPORTERS = everyone(403, principal=200, archive_keeper=200, other_principal=200)
REPORTERS_POST = everyone(403, principal=302, archive_keeper=302, other_principal=302)
OFFICER = everyone(403, district_officer=200)
OFFICER_POST = everyone(403, district_officer=302)
OWN_AND_DISTRICT = everyone(404, principal=200, archive_keeper=200, district_officer=200)


def _index(w) -> Index:
    year = school_year_of(timezone.localdate())
    found = Index.objects.filter(district=w.district, school_year=year).first()
    return found or services.index_copy(district=w.district, school_year=year, user=w.district_officer)


def _submitted(w) -> Inspection:
    """The world's school's version 1, submitted, with one file and an open action item."""
    index = _index(w)
    found = Inspection.objects.filter(school=w.school, index=index).first()
    if found:
        return found
    now = timezone.now()
    inspection = Inspection.objects.create(
        school=w.school,
        index=index,
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        snapshot={"period": [timezone.localdate().isoformat()] * 2, "sections": [], "total": "0", "max": "100"},
        school_total=0,
        submitted_at=now,
        submitted_by=w.principal,
    )
    answer = Answer.objects.create(inspection=inspection, item=Item.objects.filter(section__index=index).first())
    evidence = EvidenceFile(school=w.school, kind="pdf", content_type="application/pdf", original_name="a.pdf", size=9)
    evidence.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    evidence.save()
    evidence.answers.add(answer)
    ActionItem.objects.create(school=w.school, inspection=inspection, item_title="会议记录", text="补齐会议记录")
    return inspection


def _year(w):
    return {"school_year": _index(w).school_year}


def _pk(w):
    return {"pk": _submitted(w).pk}


ROWS = [
    Row("inspection:school_current", everyone(403, principal=302, archive_keeper=302, other_principal=302)),
    Row("inspection:school", REPORTERS, kwargs=_year),
    Row("inspection:school", REPORTERS_POST, kwargs=_year, method="post"),
    Row("inspection:school_submit", REPORTERS_POST, kwargs=_year, method="post"),
    Row(
        "inspection:school_figure",
        {**REPORTERS, "district_officer": 404},
        kwargs=lambda w: {**_year(w), "key": "pairing"},
    ),
    Row(
        "inspection:evidence_upload",
        REPORTERS_POST,
        kwargs=lambda w: {**_year(w), "item_pk": Item.objects.filter(section__index=_index(w)).first().pk},
        method="post",
    ),
    # A submitted version's file is not removed: there is no draft to remove it from (404), and another
    # school never reaches it.
    Row(
        "inspection:evidence_remove",
        everyone(403, principal=404, archive_keeper=404, other_principal=404),
        kwargs=lambda w: {**_year(w), "pk": _submitted(w).answers.first().files.first().pk},
        method="post",
    ),
    Row(
        "inspection:evidence_file",
        OWN_AND_DISTRICT,
        kwargs=lambda w: {"pk": _submitted(w).answers.first().files.first().pk},
    ),
    Row("inspection:actions", REPORTERS),
    Row(
        "inspection:action_close",
        everyone(404, principal=302, archive_keeper=302),
        kwargs=lambda w: {"pk": _submitted(w).action_items.first().pk},
        method="post",
        data=lambda w: {"close_note": "已补齐"},
    ),
    Row("inspection:report_pdf", OWN_AND_DISTRICT, kwargs=_pk),
    Row("inspection:report_workbook", OWN_AND_DISTRICT, kwargs=_pk),
    Row("inspection:district", OFFICER),
    Row("inspection:district_index", OFFICER),
    Row(
        "inspection:district_index",
        OFFICER_POST,
        method="post",
        data=lambda w: {"school_year": _index(w).school_year + 1, "source": ""},
    ),
    Row("inspection:district_item_add", OFFICER, kwargs=lambda w: {"index_pk": _index(w).pk}),
    Row("inspection:district_section_add", OFFICER, kwargs=lambda w: {"index_pk": _index(w).pk}),
    Row(
        "inspection:district_section",
        OFFICER,
        kwargs=lambda w: {"pk": _index(w).sections.first().pk},
    ),
    Row(
        "inspection:district_section",
        OFFICER_POST,
        kwargs=lambda w: {"pk": _index(w).sections.first().pk},
        method="post",
        data=lambda w: {"title": "组织领导", "order": 1},
    ),
    Row(
        "inspection:district_item",
        OFFICER,
        kwargs=lambda w: {"pk": Item.objects.filter(section__index=_index(w)).first().pk},
    ),
    Row(
        "inspection:district_item_delete",
        OFFICER_POST,
        kwargs=lambda w: {"pk": Item.objects.filter(section__index=_index(w)).last().pk},
        method="post",
    ),
    Row("inspection:district_review", OFFICER, kwargs=_pk),
    Row(
        "inspection:district_return",
        OFFICER_POST,
        kwargs=_pk,
        method="post",
        data=lambda w: {"comment": "请补充"},
    ),
    Row("inspection:district_accept", OFFICER_POST, kwargs=_pk, method="post"),
]
