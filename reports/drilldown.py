"""The children behind a figure (REPORTS.md "Every figure can be opened"): the same selectors the figures
count, so the list's length is the figure (tests/reports/test_drilldown.py checks every one)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import Assistance
from children.completeness import complete_q, with_completeness
from children.models import Child
from guardians.models import ParentContact
from organisation.models import School
from pairing.models import HomeVisit, Pairing, Talk
from reports import figures as fig
from reports.figures import Period


def _with(model, **filters):
    def covered(school: School | fig.Scope, period: Period) -> QuerySet[Child]:
        records = fig.records_in(model, school, period).filter(**filters)
        return fig.lbc_of(school, period).filter(Exists(records.filter(child=OuterRef("pk"))))

    return covered


def _complete(school: School | fig.Scope, period: Period) -> QuerySet[Child]:
    return with_completeness(fig.lbc_of(school, period)).filter(complete_q())


def _paired(school: School | fig.Scope, period: Period) -> QuerySet[Child]:
    current = Pairing.objects.current(period.end)
    return fig.lbc_of(school, period).filter(Exists(current.filter(child=OuterRef("pk"))))


def _overdue(school: School | fig.Scope, period: Period) -> QuerySet[Child]:
    return fig.children_of(school).filter(pk__in=fig.norm_compliance(school, period).overdue_ids)


def _assisted(school: School | fig.Scope, period: Period) -> QuerySet[Child]:
    records = fig.records_in(Assistance, school, period)
    return fig.children_of(school).filter(Exists(records.filter(child=OuterRef("pk"))))


@dataclass(frozen=True)
class DrillFigure:
    label: Promise
    missing_label: Promise | None  # the complement within the LBC of P, for a rate
    children: object  # (school, period) -> QuerySet[Child]


FIGURES: dict[str, DrillFigure] = {
    "lbc": DrillFigure(_("Left-behind children"), None, fig.lbc_of),
    "civil": DrillFigure(
        _("Civil-affairs register (民政口径)"), None, lambda s, p: fig.lbc_of(s, p).filter(fig.civil_affairs_q(p))
    ),
    "filing": DrillFigure(
        _("Complete archives"), pgettext_lazy("children whose archive is", "Incomplete archives"), _complete
    ),
    "pairing": DrillFigure(_("Paired on the last day"), _("Not paired on the last day"), _paired),
    "talks": DrillFigure(_("Talked with"), _("Not talked with"), _with(Talk)),
    "visits": DrillFigure(_("Visited at home"), _("Not visited at home"), _with(HomeVisit)),
    "contacts": DrillFigure(
        _("Parents reached"),
        _("Parents not reached"),
        _with(ParentContact, counterpart=ParentContact.Counterpart.PARENT, reached=True),
    ),
    "overdue": DrillFigure(_("Children with overdue care work"), None, _overdue),
    "assisted": DrillFigure(_("Children assisted"), None, _assisted),
    "key_help": DrillFigure(_("Key-help children"), None, fig.key_help_children),
}


def children_behind(school: School | fig.Scope, period: Period, key: str, *, missing: bool = False) -> QuerySet[Child]:
    """The children a figure counts; with `missing`, the LBC of P it does not (the rest of a rate)."""
    figure = FIGURES[key]
    covered = figure.children(school, period)
    if missing:
        return fig.lbc_of(school, period).exclude(pk__in=covered.values("pk"))
    return covered
