"""Writes of the inspections: copying an index, the school's draft, its scores and evidence, the submission
that freezes it, the district's scores, its return (the next version carries the draft on) and its acceptance,
which turns the findings into the school's action items; and closing an action item."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import evidence as evidence_files
from inspection.defaults import DEFAULT_INDEX
from inspection.models import ActionItem, Answer, EvidenceFile, EvidenceKind, Index, Inspection, Item, Section
from inspection.selectors import frozen_rows, index_sections, live_rows, row_to_json, year_period
from organisation.models import District, School, User
from reports.frozen import freeze


def index_copy(*, district: District, school_year: int, user: User, source: Index | None = None) -> Index:
    """The district's index for a school year, copied from `source` (another year's index of the same district)
    or from the default, in one transaction; refused when the year has one already (one index a year)."""
    exists = ValidationError(_("The district already has an index for this school year."), code="exists")
    if source is not None and source.district_id != district.pk:
        raise ValidationError(_("This index is another district's."), code="district")
    if Index.objects.filter(district=district, school_year=school_year).exists():
        raise exists
    try:
        return _index_copy(district=district, school_year=school_year, user=user, source=source)
    except IntegrityError:
        # Two officers copying the same year at once: the unique constraint decides, the second is told.
        raise exists from None


def _index_copy(*, district: District, school_year: int, user: User, source: Index | None) -> Index:
    with transaction.atomic():
        index = Index.objects.create(
            district=district,
            school_year=school_year,
            name=source.name if source else _("Inspection index for the care of left-behind children"),
            updated_by=user,
        )
        if source is not None:
            for section in index_sections(source):
                copy = Section.objects.create(index=index, order=section.order, title=section.title)
                Item.objects.bulk_create(
                    Item(
                        section=copy,
                        order=item.order,
                        title=item.title,
                        points=item.points,
                        evidence=item.evidence,
                        measure=item.measure,
                        rule=item.rule,
                        target=item.target,
                        guidance=item.guidance,
                    )
                    for item in section.items.all()
                )
        else:
            for s_order, (title, items) in enumerate(DEFAULT_INDEX, start=1):
                section = Section.objects.create(index=index, order=s_order, title=str(title))
                Item.objects.bulk_create(
                    Item(
                        section=section,
                        order=i_order,
                        title=str(d.title),
                        points=Decimal(d.points),
                        evidence=d.evidence,
                        measure=d.measure,
                        rule=d.rule,
                        target=None if d.target is None else Decimal(d.target),
                        guidance=str(d.guidance),
                    )
                    for i_order, d in enumerate(items, start=1)
                )
    return index


def _touch(index_id: int, user: User) -> None:
    Index.objects.filter(pk=index_id).update(updated_by=user, updated_at=timezone.now())


def section_save(*, section: Section, user: User) -> Section:
    """Save a section of the index (its title, its place): `section.order` is the place it takes among the
    index's sections, counted from 1; the others close up around it, so the places stay 1, 2, 3… Once a school
    has submitted against the index, the places are fixed (its frozen section scores are numbered by them): a
    section can be renamed, and a new one goes last."""
    section.title = section.title.strip()
    section.full_clean()
    with transaction.atomic():
        sections = list(Section.objects.select_for_update().filter(index_id=section.index_id))
        others = [s for s in sections if s.pk != section.pk]
        now = next((n for n, s in enumerate(sections, start=1) if s.pk == section.pk), len(sections) + 1)
        place = min(max(section.order or 1, 1), len(others) + 1)
        if place != now and Inspection.objects.filter(index_id=section.index_id, submitted_at__isnull=False).exists():
            raise ValidationError(
                {
                    "order": _(
                        "A school has submitted a self-inspection against this index: its sections keep their "
                        "places (a new one goes last). Rename a section instead."
                    )
                },
                code="submitted",
            )
        for number, other in enumerate(others, start=1):
            other.order = number if number < place else number + 1
        section.order = place
        section.save()
        Section.objects.bulk_update(others, ["order"])
        _touch(section.index_id, user)
    return section


def item_save(*, item: Item, user: User) -> Item:
    """Save an item of the index after the model's checks (a computed item names its measure, rule and target;
    an uploaded or on-site one is judged)."""
    if not item.is_computed:
        item.measure, item.target = "", None
    item.full_clean()
    with transaction.atomic():
        item.save()
        _touch(item.section.index_id, user)
    return item


def item_delete(*, item: Item, user: User) -> None:
    """Take an item off the index while no school has scored it; once one has, its versions keep it."""
    if Answer.objects.filter(item=item).exists():
        raise ValidationError(
            _("A school has already scored this item: change it instead, or set its points for next year."),
            code="scored",
        )
    with transaction.atomic():
        item.delete()
        _touch(item.section.index_id, user)


def _latest(school: School, index: Index) -> Inspection | None:
    return Inspection.objects.filter(school=school, index=index).order_by("-version").first()


def inspection_draft(*, school: School, index: Index, user: User, today: date | None = None) -> Inspection:
    """The school's draft against the index, made (version 1) the first time; none once a version is
    submitted and not returned."""
    if index.district_id != school.district_id:
        raise ValidationError(_("This index is another district's."), code="district")
    period = year_period(index.school_year, today)
    if period is None:
        raise ValidationError(_("This school year has not started yet."), code="not_started")
    with transaction.atomic():
        latest = _latest(school, index)
        if latest is None:
            return Inspection.objects.create(
                school=school, index=index, period_start=period.start, period_end=period.end, updated_by=user
            )
        if latest.is_submitted and not latest.is_returned:
            raise ValidationError(_("This self-inspection is submitted; it cannot be changed."), code="submitted")
        return latest


def _editable(inspection: Inspection) -> None:
    if inspection.is_submitted:
        raise ValidationError(_("This self-inspection is submitted; it cannot be changed."), code="submitted")


def answer_for(*, inspection: Inspection, item: Item) -> Answer:
    _editable(inspection)
    if item.section.index_id != inspection.index_id:
        raise ValidationError(_("This item is not in the inspection's index."), code="item")
    answer, _created = Answer.objects.get_or_create(inspection=inspection, item=item)
    return answer


def answer_save(*, inspection: Inspection, item: Item, user: User, score: Decimal | None, note: str) -> Answer:
    """The school's score of an item (for a computed item, an override of the rule's score: empty takes the
    rule's) and its note; between 0 and the item's points."""
    if score is not None and not Decimal("0") <= score <= item.points:
        raise ValidationError(
            {"score": _("A score lies between 0 and %(points)s points.") % {"points": item.points}}, code="range"
        )
    with transaction.atomic():
        answer = answer_for(inspection=inspection, item=item)
        answer.score, answer.note = score, note.strip()
        answer.save(update_fields=["score", "note"])
        inspection.updated_by = user
        inspection.save(update_fields=["updated_by", "updated_at"])
    return answer


def evidence_add(*, inspection: Inspection, item: Item, upload, user: User) -> EvidenceFile:
    """Attach a checked upload (a photo or a PDF of at most 5 MB, activities.evidence) to the item of a draft;
    photos are stored re-encoded, without their metadata."""
    inspected = evidence_files.inspect_upload(upload)
    with transaction.atomic():
        answer = answer_for(inspection=inspection, item=item)
        stored = EvidenceFile(
            school=inspection.school,
            kind=inspected.kind,
            content_type=inspected.content_type,
            original_name=upload.name[:200],
            size=upload.size,
            uploaded_by=user,
        )
        if inspected.kind == "image":
            stored.file.save(upload.name, evidence_files.cleaned_image(upload, inspected.image_format), save=False)
        else:
            stored.file.save(upload.name, upload, save=False)
        stored.save()
        stored.answers.add(answer)
    return stored


def evidence_remove(*, inspection: Inspection, evidence: EvidenceFile) -> None:
    """Take a file off the draft; versions already submitted keep it."""
    _editable(inspection)
    evidence.answers.remove(*inspection.answers.all())


def _section_scores(sections, district: bool = False) -> dict:
    scores = {}
    for number, section in enumerate(sections, start=1):
        scores[str(number)] = {"school": str(section.score)}
        if district:
            scores[str(number)]["district"] = str(section.district_score)
    return scores


def inspection_submit(*, inspection: Inspection, user: User, today: date | None = None) -> Inspection:
    """Submit the draft: refused while an item has no score, a computed score is overridden without a note, or
    an item asking for an upload has no file. The rows (values, scores, notes, files), the school year's days
    up to today and the ids behind every value's list are frozen into the snapshot."""
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().select_related("index", "school").get(pk=inspection.pk)
        _editable(inspection)
        period = year_period(inspection.index.school_year, today)
        answers = {a.item_id: a for a in inspection.answers.prefetch_related("files")}
        sections = live_rows(inspection.school, index_sections(inspection.index), period, answers)
        problems = []
        for section in sections:
            for row in section.rows:
                if row.score is None:
                    problems.append(_("%(code)s %(title)s has no score.") % {"code": row.code, "title": row.title})
                elif row.overridden and not row.note:
                    problems.append(
                        _("%(code)s %(title)s: say in a note why the score differs from the computed one.")
                        % {"code": row.code, "title": row.title}
                    )
                if row.evidence == EvidenceKind.UPLOADED and not row.files:
                    problems.append(
                        _("%(code)s %(title)s needs a document or photo.") % {"code": row.code, "title": row.title}
                    )
        if problems:
            raise ValidationError(problems, code="incomplete")
        keys = [row.figure_key for section in sections for row in section.rows if row.figure_key]
        lists = freeze(inspection.school, period, keys=keys)["lists"] if keys else {}
        total = sum((s.score for s in sections), Decimal("0"))
        inspection.snapshot = {
            "period": [period.start.isoformat(), period.end.isoformat()],
            "index": {"name": inspection.index.name, "school_year": inspection.index.school_year},
            "sections": [{"title": s.title, "items": [row_to_json(r) for r in s.rows]} for s in sections],
            "total": str(total),
            "max": str(sum((s.points for s in sections), Decimal("0"))),
            "lists": lists,
        }
        inspection.period_start, inspection.period_end = period.start, period.end
        inspection.school_total = total
        inspection.section_scores = _section_scores(sections)
        inspection.submitted_at, inspection.submitted_by, inspection.updated_by = timezone.now(), user, user
        inspection.save()
    return inspection


def _reviewable(inspection: Inspection) -> Inspection:
    locked = Inspection.objects.select_for_update().select_related("school", "index").get(pk=inspection.pk)
    latest = _latest(locked.school, locked.index)
    if locked != latest or not locked.is_submitted or locked.is_returned:
        raise ValidationError(_("Only the latest submitted version can be reviewed."), code="not_submitted")
    if locked.is_accepted:
        raise ValidationError(_("This self-inspection is accepted; it can no longer change."), code="accepted")
    return locked


def review_save(*, inspection: Inspection, user: User, scores: dict[int, tuple]) -> Inspection:
    """The district's score, finding and correction date of each item (by item id) of the latest submitted
    version; a score lies between 0 and the item's points, a date needs a finding."""
    with transaction.atomic():
        inspection = _reviewable(inspection)
        points = {row["item_id"]: Decimal(row["points"]) for s in inspection.snapshot["sections"] for row in s["items"]}
        errors = []
        for item_id, (score, finding, due) in scores.items():
            if item_id not in points:
                continue
            if score is not None and not Decimal("0") <= score <= points[item_id]:
                errors.append(_("A score lies between 0 and %(points)s points.") % {"points": points[item_id]})
            if due is not None and not finding.strip():
                errors.append(_("A correction date belongs to a finding: write the finding."))
        if errors:
            raise ValidationError(errors, code="review")
        for item_id, (score, finding, due) in scores.items():
            if item_id not in points:
                continue
            Answer.objects.update_or_create(
                inspection=inspection,
                item_id=item_id,
                defaults={"district_score": score, "finding": finding.strip(), "finding_due": due},
            )
        _district_totals(inspection)
        inspection.save(update_fields=["district_total", "section_scores", "updated_at"])
    return inspection


def _district_totals(inspection: Inspection) -> None:
    """The inspection's total and section scores: the district's score of each item, or the school's where the
    district gave none (it stands by the self-inspection there)."""
    sections = frozen_rows(inspection, {a.item_id: a for a in inspection.answers.all()})
    inspection.district_total = sum((s.district_score for s in sections), Decimal("0"))
    inspection.section_scores = _section_scores(sections, district=True)


def inspection_return(*, inspection: Inspection, user: User, comment: str) -> Inspection:
    """The district returns the latest submitted version with a comment: it stays as submitted, with the
    district's scores; the school gets the next version, a draft carrying its scores, notes and files on, and
    the district's scores and findings, which its review of the resubmission starts from (the findings become
    action items when a version is accepted)."""
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the school should correct.")}, code="comment")
    with transaction.atomic():
        inspection = _reviewable(inspection)
        inspection.returned_at, inspection.returned_by, inspection.return_comment = timezone.now(), user, comment
        inspection.save()
        draft = Inspection.objects.create(
            school=inspection.school,
            index=inspection.index,
            version=inspection.version + 1,
            period_start=inspection.period_start,
            period_end=inspection.period_end,
            updated_by=user,
        )
        for answer in inspection.answers.prefetch_related("files"):
            copy = Answer.objects.create(
                inspection=draft,
                item_id=answer.item_id,
                score=answer.score,
                note=answer.note,
                district_score=answer.district_score,
                finding=answer.finding,
                finding_due=answer.finding_due,
            )
            copy.files.set(answer.files.all())
    return draft


def inspection_accept(*, inspection: Inspection, user: User) -> Inspection:
    """The district accepts the latest submitted version: final. Each item with a finding becomes one of the
    school's action items, dated by its correction date."""
    with transaction.atomic():
        inspection = _reviewable(inspection)
        titles = {row["item_id"]: row["title"] for s in inspection.snapshot["sections"] for row in s["items"]}
        ActionItem.objects.bulk_create(
            ActionItem(
                school=inspection.school,
                inspection=inspection,
                item_title=titles.get(answer.item_id, "")[:200],
                text=answer.finding,
                due_on=answer.finding_due,
            )
            for answer in inspection.answers.exclude(finding="").order_by("pk")
        )
        _district_totals(inspection)
        inspection.accepted_at, inspection.accepted_by = timezone.now(), user
        inspection.save()
    return inspection


def action_close(*, action: ActionItem, user: User, note: str) -> ActionItem:
    """The school closes an action item, saying what it did."""
    note = note.strip()
    if not note:
        raise ValidationError({"close_note": _("Say what was done.")}, code="note")
    if action.is_closed:
        raise ValidationError(_("This action item is already closed."), code="closed")
    action.closed_at, action.closed_by, action.close_note = timezone.now(), user, note
    action.save(update_fields=["closed_at", "closed_by", "close_note"])
    return action
