"""Reads of the inspections: the period a school year covers, an inspection's rows (live for a draft, frozen
for a submitted version), and the district's side-by-side page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from inspection import measures
from inspection.models import Answer, EvidenceKind, Index, Inspection, Item, Rule, Section
from organisation.models import School
from reports.figures import Period


def school_year_of(day: date) -> int:
    """The school year a day falls in: from August on, the year that starts then (reports.figures.care_force)."""
    return day.year if day.month >= 8 else day.year - 1


def year_period(school_year: int, today: date | None = None) -> Period | None:
    """The school year's days up to today: 1 August to 31 July, or None before it starts."""
    today = today or timezone.localdate()
    start, end = date(school_year, 8, 1), date(school_year + 1, 7, 31)
    if today < start:
        return None
    return Period(start, min(end, today))


def index_sections(index: Index) -> list[Section]:
    """The index's sections with their items, in order. 2 queries."""
    return list(index.sections.prefetch_related(Prefetch("items", queryset=Item.objects.order_by("order", "pk"))))


def versions_of(school: School, index: Index) -> list[Inspection]:
    return list(
        Inspection.objects.filter(school=school, index=index)
        .select_related("submitted_by", "returned_by", "accepted_by")
        .order_by("version")
    )


@dataclass
class Row:
    """One item as a page shows it: the index's item, the value it reads (computed items), its score by the
    rule, the school's score and note, the files, and the district's score and finding."""

    item_id: int
    code: str
    title: str
    points: Decimal
    evidence: str
    guidance: str
    measure: str = ""
    rule: str = Rule.JUDGED
    target: Decimal | None = None
    figure_key: str = ""
    value_text: str = ""
    links: list = field(default_factory=list)  # [(label, URL)]: the pages behind a value that has no list
    rule_score: Decimal | None = None
    school_score: Decimal | None = None  # entered by the school (an override, for a computed item)
    note: str = ""
    files: list = field(default_factory=list)  # [(id, name)]
    district_score: Decimal | None = None
    finding: str = ""
    finding_due: date | None = None
    answer_id: int | None = None

    @property
    def score(self) -> Decimal | None:
        """The school's score: its own where it entered one, else the rule's."""
        return self.school_score if self.school_score is not None else self.rule_score

    @property
    def inspection_score(self) -> Decimal | None:
        """The district's score: its own where it scored the item, else it stands by the school's."""
        return self.district_score if self.district_score is not None else self.score

    @property
    def overridden(self) -> bool:
        return (
            self.evidence == EvidenceKind.COMPUTED
            and self.school_score is not None
            and (self.school_score != self.rule_score)
        )

    @property
    def evidence_label(self) -> str:
        return str(EvidenceKind(self.evidence).label)

    @property
    def measure_label(self) -> str:
        found = measures.MEASURES.get(self.measure)
        return str(found.label) if found else ""


@dataclass
class SectionRows:
    title: str
    rows: list[Row]

    @property
    def points(self) -> Decimal:
        return sum((r.points for r in self.rows), Decimal("0.0"))

    @property
    def score(self) -> Decimal:
        return sum((r.score for r in self.rows if r.score is not None), Decimal("0.0"))

    @property
    def district_score(self) -> Decimal:
        """The section's inspection score: the district's scores, the school's where it gave none."""
        return sum((r.inspection_score for r in self.rows if r.inspection_score is not None), Decimal("0.0"))


def _dec(value) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def live_rows(school: School, sections: list[Section], period: Period, answers: dict[int, Answer]) -> list[SectionRows]:
    """A draft's rows: each computed item's value read now from its figure (each measure once) and scored by
    its rule; the school's scores, notes and files from its answers (prefetched with their files)."""
    readings: dict[str, measures.Reading] = {}
    result = []
    for s_number, section in enumerate(sections, start=1):
        rows = []
        for i_number, item in enumerate(section.items.all(), start=1):
            answer = answers.get(item.pk)
            row = Row(
                item_id=item.pk,
                code=f"{s_number}.{i_number}",
                title=item.title,
                points=item.points,
                evidence=item.evidence,
                guidance=item.guidance,
                measure=item.measure,
                rule=item.rule,
                target=item.target,
                answer_id=answer.pk if answer else None,
            )
            if item.is_computed and item.measure in measures.MEASURES:
                if item.measure not in readings:
                    readings[item.measure] = measures.read(item.measure, school, period)
                found = readings[item.measure]
                row.value_text = found.text
                row.links = [tuple(link) for link in found.links]
                row.figure_key = measures.MEASURES[item.measure].figure_key
                row.rule_score = measures.rule_score(
                    rule=item.rule,
                    points=item.points,
                    target=item.target,
                    value=found.value,
                    empty_is_met=measures.MEASURES[item.measure].empty_is_met,
                )
            if answer is not None:
                row.school_score, row.note = answer.score, answer.note
                row.district_score, row.finding, row.finding_due = (
                    answer.district_score,
                    answer.finding,
                    answer.finding_due,
                )
                row.files = [(f.pk, f.original_name) for f in answer.files.all()]
            rows.append(row)
        result.append(SectionRows(section.title, rows))
    return result


def row_to_json(row: Row) -> dict:
    return {
        "item_id": row.item_id,
        "code": row.code,
        "title": row.title,
        "points": str(row.points),
        "evidence": row.evidence,
        "guidance": row.guidance,
        "measure": row.measure,
        "rule": row.rule,
        "target": None if row.target is None else str(row.target),
        "figure_key": row.figure_key,
        "value_text": row.value_text,
        "links": [list(link) for link in row.links],
        "rule_score": None if row.rule_score is None else str(row.rule_score),
        "school_score": None if row.school_score is None else str(row.school_score),
        "note": row.note,
        "files": [list(f) for f in row.files],
    }


def frozen_rows(inspection: Inspection, answers: dict[int, Answer]) -> list[SectionRows]:
    """A submitted version's rows: the school's part from the snapshot, the district's from its answers."""
    result = []
    for section in inspection.snapshot.get("sections", []):
        rows = []
        for data in section["items"]:
            row = Row(
                item_id=data["item_id"],
                code=data["code"],
                title=data["title"],
                points=Decimal(data["points"]),
                evidence=data["evidence"],
                guidance=data["guidance"],
                measure=data["measure"],
                rule=data["rule"],
                target=_dec(data["target"]),
                figure_key=data["figure_key"],
                value_text=data["value_text"],
                links=[tuple(link) for link in data.get("links", [])],
                rule_score=_dec(data["rule_score"]),
                school_score=_dec(data["school_score"]),
                note=data["note"],
                files=[tuple(f) for f in data["files"]],
            )
            answer = answers.get(row.item_id)
            if answer is not None:
                row.answer_id = answer.pk
                row.district_score, row.finding, row.finding_due = (
                    answer.district_score,
                    answer.finding,
                    answer.finding_due,
                )
            rows.append(row)
        result.append(SectionRows(section["title"], rows))
    return result


def answers_of(inspection: Inspection) -> dict[int, Answer]:
    """{item id: answer} of a version, with their files. 2 queries."""
    return {a.item_id: a for a in inspection.answers.prefetch_related("files")}


def rows_of(inspection: Inspection, *, today: date | None = None) -> list[SectionRows]:
    answers = answers_of(inspection)
    if inspection.is_submitted:
        return frozen_rows(inspection, answers)
    period = year_period(inspection.index.school_year, today) or Period(inspection.period_start, inspection.period_end)
    return live_rows(inspection.school, index_sections(inspection.index), period, answers)


# --- The district's side by side ---


@dataclass(frozen=True)
class SchoolScores:
    school: School
    inspection: Inspection | None  # the latest submitted version of the year, None: never inspected this year
    status: str
    cells: tuple[tuple[str | None, str | None], ...] = ()  # per section: (school's, district's) score


class Status:
    NEVER = "never"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


def side_by_side(district_id: int, index: Index | None) -> tuple[list[str], list[SchoolScores], list[School]]:
    """The index's section titles; every school of the district with its latest submitted self-inspection
    against the index and its section scores (scores only, never a child's name); and the schools never
    inspected at all (no version submitted against any index). 4 queries whatever the number of schools."""
    titles = list(Section.objects.filter(index=index).values_list("title", flat=True)) if index else []
    schools = list(School.objects.filter(district_id=district_id).order_by("code"))
    latest: dict[int, Inspection] = {}
    if index is not None:
        submitted: QuerySet[Inspection] = (
            Inspection.objects.filter(index=index, submitted_at__isnull=False)
            .only(
                "pk",
                "school_id",
                "version",
                "school_total",
                "district_total",
                "section_scores",
                "submitted_at",
                "returned_at",
                "accepted_at",
            )
            .order_by("school_id", "version")
        )
        for inspection in submitted:
            latest[inspection.school_id] = inspection
    ever = set(
        Inspection.objects.filter(school__district_id=district_id, submitted_at__isnull=False)
        .values_list("school_id", flat=True)
        .distinct()
    )
    rows = []
    for school in schools:
        found = latest.get(school.pk)
        if found is None:
            status = Status.NEVER
        elif found.is_accepted:
            status = Status.ACCEPTED
        elif found.is_returned:
            status = Status.RETURNED
        else:
            status = Status.SUBMITTED
        scores = found.section_scores if found is not None else {}
        cells = tuple(
            ((scores.get(str(n)) or {}).get("school"), (scores.get(str(n)) or {}).get("district"))
            for n in range(1, len(titles) + 1)
        )
        rows.append(SchoolScores(school, found, status, cells))
    return titles, rows, [s for s in schools if s.pk not in ever]
