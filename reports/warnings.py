"""Checks that warn (软性校验): a monthly figure far from the school's own previous months.

A cross-check (勾稽关系, reports.figures.cross_checks) is always true of correct figures, so a failing one
blocks submission. A figure far from the school's usual months is only usually wrong (a month of exams, a
school trip, a new carer who logs everything…), so it never blocks: the report page shows the warning, and
the school gives a reason on submitting; the reason is kept with the version and the district reads it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from organisation.models import School
from reports.models import MonthlyReport
from reports.monthly import Window
from reports.summary import LABELS

# The figures compared (snapshot row keys): the care work the norms make steady month after month (weekly and
# monthly talks, monthly contacts). Home visits (a semester's norm, done in a campaign at its start) and
# activities (festivals, the start of term) come in bursts: a month far from the last ones is the rule there.
WATCHED = ("talks", "contacts", "guardian_contacts")
PREVIOUS_MONTHS = 3  # the school's previous months compared with (those with a submitted report)
MIN_MONTHS_COMPARED = 2  # fewer submitted months than this: nothing to compare with
DROP_TO = Decimal("0.5")  # warns when the figure is at most half the previous months' average
RISE_TO = Decimal("2")  # or at least twice it
MIN_AVERAGE = Decimal("5")  # an average below this is too small to judge (3 talks then 1 is not a trend)


@dataclass(frozen=True)
class FigureWarning:
    key: str
    value: int
    average: str  # the previous months' average, one decimal ("12.3"), as stored in the snapshot
    months: int  # how many previous months the average is over
    kind: str  # "drop" or "rise"

    @property
    def text(self) -> str:
        """The warning as the school and the district read it."""
        values = {
            "figure": LABELS.get(self.key, self.key),
            "value": self.value,
            "average": self.average,
            "months": self.months,
        }
        if self.kind == "drop":
            return (
                _(
                    "%(figure)s: %(value)s this month, less than half of the %(average)s a month on average over "
                    "the previous %(months)s months."
                )
                % values
            )
        return (
            _(
                "%(figure)s: %(value)s this month, more than twice the %(average)s a month on average over the "
                "previous %(months)s months."
            )
            % values
        )


def _values(rows: list) -> dict[str, int]:
    return {key: value for _section, key, value in rows if key in WATCHED and isinstance(value, int)}


def previous_rows(school: School, w: Window) -> list[list]:
    """The rows of the school's latest submitted version of each of the PREVIOUS_MONTHS months before the
    window that have one, newest first. 1 query."""
    reports = (
        MonthlyReport.objects.filter(school=school, submitted_at__isnull=False, due_on__lt=w.due_on)
        .order_by("-year", "-month", "-version")
        .only("year", "month", "snapshot")
    )
    seen: dict[tuple[int, int], list] = {}
    for report in reports[: PREVIOUS_MONTHS * 4]:  # a few versions per month at most
        key = (report.year, report.month)
        if key not in seen and len(seen) < PREVIOUS_MONTHS:
            seen[key] = report.snapshot.get("rows", [])
    return list(seen.values())


def unusual_figures(rows: list, previous: list[list]) -> list[FigureWarning]:
    """The rule: each watched figure (WATCHED) of the month's rows compared with its average over the school's
    previous submitted months (`previous`, at most PREVIOUS_MONTHS, at least MIN_MONTHS_COMPARED that have
    it). It warns when the average is at least MIN_AVERAGE and the figure is at most DROP_TO times it or at
    least RISE_TO times it. A warning never blocks submission."""
    current = _values(rows)
    before = [_values(month) for month in previous[:PREVIOUS_MONTHS]]
    warnings = []
    for key in WATCHED:
        if key not in current:
            continue
        history = [month[key] for month in before if key in month]
        if len(history) < MIN_MONTHS_COMPARED:
            continue
        average = Decimal(sum(history)) / len(history)
        if average < MIN_AVERAGE:
            continue
        value = current[key]
        kind = "drop" if value <= average * DROP_TO else "rise" if value >= average * RISE_TO else None
        if kind:
            shown = str(average.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
            warnings.append(FigureWarning(key=key, value=value, average=shown, months=len(history), kind=kind))
    return warnings


def as_stored(warnings: list[FigureWarning]) -> list[dict]:
    return [asdict(w) for w in warnings]


def from_stored(stored: list[dict] | None) -> list[FigureWarning]:
    return [FigureWarning(**w) for w in stored or []]
