"""Demo inspections: the district's index of the current school year (the default, copied); the first school's
self-inspection submitted, scored by the district and accepted, with one finding left open as an action item
on its dashboard; the second school's a draft with its judged items scored. Scores and files only, never a
name. Built only where missing, so running it again changes nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from inspection import services
from inspection.models import EvidenceKind, Index, Inspection, Item
from inspection.selectors import answers_of, index_sections, live_rows, school_year_of, year_period
from organisation.demo import DemoOrganisation


def _photo() -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", (640, 480), (230, 240, 230)).save(out, "JPEG")
    return SimpleUploadedFile("会议记录.jpg", out.getvalue(), content_type="image/jpeg")


def _fill(inspection: Inspection, user, *, share: Decimal) -> None:
    """Score the judged items at `share` of their points and attach a photo where one is asked for; a computed
    item without a value (nothing to count yet) is scored 0 with a note."""
    for item in Item.objects.filter(section__index=inspection.index).exclude(evidence=EvidenceKind.COMPUTED):
        score = (item.points * share).quantize(Decimal("0.1"))
        services.answer_save(inspection=inspection, item=item, user=user, score=score, note="")
        if item.evidence == EvidenceKind.UPLOADED:
            services.evidence_add(inspection=inspection, item=item, upload=_photo(), user=user)
    period = year_period(inspection.index.school_year)
    rows = live_rows(inspection.school, index_sections(inspection.index), period, answers_of(inspection))
    for row in (r for s in rows for r in s.rows):
        if row.score is None:
            item = Item.objects.get(pk=row.item_id)
            services.answer_save(
                inspection=inspection, item=item, user=user, score=Decimal("0"), note="本学年暂无可统计的记录。"
            )


def seed(org: DemoOrganisation) -> None:
    today = timezone.localdate()
    year = school_year_of(today)
    officer = org.users["district"]
    index = Index.objects.filter(district=org.district, school_year=year).first() or services.index_copy(
        district=org.district, school_year=year, user=officer
    )
    first, second = org.schools[0], org.schools[1]
    if not Inspection.objects.filter(school=first, index=index).exists():
        principal = org.users["principal"]
        draft = services.inspection_draft(school=first, index=index, user=principal)
        _fill(draft, principal, share=Decimal("0.8"))
        submitted = services.inspection_submit(inspection=draft, user=principal)
        meetings = (
            Item.objects.filter(section__index=index, evidence=EvidenceKind.UPLOADED)
            .order_by("section__order", "order")
            .first()
        )
        services.review_save(
            inspection=submitted,
            user=officer,
            scores={
                meetings.pk: (
                    (meetings.points / 2).quantize(Decimal("0.1")),
                    "联席会议记录只有一次，请补齐本学期的会议记录。",
                    today + timedelta(days=30),
                )
            },
        )
        services.inspection_accept(inspection=submitted, user=officer)
    if not Inspection.objects.filter(school=second, index=index).exists():
        principal = org.users["principal2"]
        draft = services.inspection_draft(school=second, index=index, user=principal)
        _fill(draft, principal, share=Decimal("0.6"))
