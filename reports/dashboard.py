"""The principal's dashboard: the current semester's key figures as tiles and the series of its charts."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from children.models import LeftBehindType
from organisation.models import School, Semester
from reports import figures as fig
from reports.figures import Period, Rate


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    value: str
    detail: str
    url: str


def _drill(semester: Semester, key: str, **params) -> str:
    url = reverse("reports:figure_children", args=[semester.pk, key])
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{url}?{urlencode(params)}" if params else url


def _rate_text(rate: Rate) -> str:
    return rate.percent_text


def _chart_number(rate: Rate) -> float | None:
    """A rate as a chart value: no point (null) over a denominator of 0."""
    return None if rate.rate is None else float(rate.rate)


def _of(rate: Rate) -> str:
    return f"{rate.numerator}/{rate.denominator}"


@dataclass(frozen=True)
class Dashboard:
    semester: Semester
    period: Period
    tiles: list[Tile]
    charts: dict


def dashboard(school: School | fig.Scope, semester: Semester) -> Dashboard:
    """Tiles and chart series of a semester (the summary's period, so every number matches the summary)."""
    period = Period.of_semester(semester)
    types = fig.lbc_types(school, period)
    total = fig.lbc_count(school, period)
    filing = fig.filing_rate(school, period)
    pairing = fig.pairing_coverage(school, period)
    talks = fig.talks(school, period)
    visits = fig.home_visits(school, period)
    contacts = fig.parent_contacts(school, period)
    compliance = fig.norm_compliance(school, period)
    assistance = fig.assistance(school, period)
    tiles = [
        Tile(
            "lbc",
            _("Left-behind children"),
            str(total.children),
            _("Student register %(education)s · civil affairs %(civil)s")
            % {"education": types.education, "civil": types.civil_affairs},
            _drill(semester, "lbc"),
        ),
        Tile("filing", _("Filing rate"), _rate_text(filing), _of(filing), _drill(semester, "filing", missing=1)),
        Tile(
            "pairing",
            _("Pairing coverage"),
            _rate_text(pairing.coverage),
            _of(pairing.coverage),
            _drill(semester, "pairing", missing=1),
        ),
        Tile(
            "talks",
            _("Talk coverage"),
            _rate_text(talks.coverage),
            _of(talks.coverage),
            _drill(semester, "talks", missing=1),
        ),
        Tile(
            "visits",
            _("Home-visit coverage"),
            _rate_text(visits.coverage),
            _of(visits.coverage),
            _drill(semester, "visits", missing=1),
        ),
        Tile(
            "contacts",
            _("Parent-contact coverage"),
            _rate_text(contacts.coverage),
            _of(contacts.coverage),
            _drill(semester, "contacts", missing=1),
        ),
        Tile(
            "overdue",
            _("Children with overdue care work"),
            str(compliance.overdue_children),
            _("Norm compliance %(rate)s") % {"rate": compliance.overall.percent_text},
            _drill(semester, "overdue"),
        ),
        Tile(
            "assistance",
            _("Assistance, yuan"),
            str(assistance.total),
            _("%(children)s children assisted") % {"children": assistance.children},
            # A sum of yuan opens the entries that add up to it (reports.members).
            reverse("reports:summary_figure", args=[semester.pk, "assistance_total"]),
        ),
    ]
    return Dashboard(semester, period, tiles, _charts(school, semester, period, compliance))


def _charts(school: School | fig.Scope, semester: Semester, period: Period, compliance: fig.Compliance) -> dict:
    by_grade_type = fig.lbc_by_grade_and_type(school, period)
    grades = sorted({g for g, _t, _n in by_grade_type})
    type_labels = [*LeftBehindType.choices, ("", _("Left-behind type not recorded"))]
    series = []
    for value, label in type_labels:
        counts = {g: n for g, t, n in by_grade_type if t == value}
        if not counts:
            continue
        series.append(
            {
                "name": str(label),
                "data": [counts.get(g, 0) for g in grades],
                "urls": [_drill(semester, "lbc", grade=g, type=value or "none") for g in grades],
            }
        )
    months = fig.care_work_by_month(school, period)
    filing = fig.filing_by_class(school, period)
    return {
        "gradeType": {
            "title": _("Left-behind children by grade and type"),
            "categories": [_("Grade %(grade)s") % {"grade": g} for g in grades],
            "series": series,
        },
        "careWork": {
            "title": _("Care work by month"),
            "categories": [date_format(m.month, "YEAR_MONTH_FORMAT") for m in months],
            "series": [
                {"name": pgettext("number of talks", "Talks"), "data": [m.talks for m in months]},
                {"name": pgettext("number of home visits", "Home visits"), "data": [m.visits for m in months]},
                {"name": _("Contacts with parents and guardians"), "data": [m.contacts for m in months]},
            ],
        },
        "compliance": {
            "title": _("Norm compliance by class, %"),
            "categories": [c.label for c in compliance.by_class],
            "series": [
                {
                    "name": _("Norm compliance"),
                    "data": [_chart_number(c.compliance) for c in compliance.by_class],
                    "urls": [_drill(semester, "overdue", school_class=c.class_id) for c in compliance.by_class],
                }
            ],
            "max": 100,
        },
        "filing": {
            "title": _("Filing rate by class, %"),
            "categories": [c.label for c in filing],
            "series": [
                {
                    "name": _("Filing rate"),
                    "data": [_chart_number(c.filing) for c in filing],
                    "urls": [_drill(semester, "filing", missing=1, school_class=c.class_id) for c in filing],
                }
            ],
            "max": 100,
        },
    }
