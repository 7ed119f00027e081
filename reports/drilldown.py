"""The children behind the dashboard's tiles and chart cells (REPORTS.md "Every figure can be opened"), with
the rest of a rate's LBC: the members of reports.members, so the list's length is the figure
(tests/reports/test_drilldown.py checks every one)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from children.models import Child
from organisation.models import School
from reports import figures as fig
from reports.figures import Period
from reports.members import members


def _members(key: str):
    """The children of a figure as reports.members lists them (one definition for the dashboard and the
    summary)."""
    return lambda school, period: members(fig.as_scope(school), period, key).queryset


@dataclass(frozen=True)
class DrillFigure:
    label: Promise
    missing_label: Promise | None  # the complement within the LBC of P, for a rate
    children: object  # (school, period) -> QuerySet[Child]


FIGURES: dict[str, DrillFigure] = {
    "lbc": DrillFigure(_("Left-behind children"), None, _members("lbc")),
    "civil": DrillFigure(_("Civil-affairs register (民政口径)"), None, _members("civil")),
    "filing": DrillFigure(
        _("Complete archives"), pgettext_lazy("children whose archive is", "Incomplete archives"), _members("filing")
    ),
    "pairing": DrillFigure(_("Paired on the last day"), _("Not paired on the last day"), _members("pairing")),
    "talks": DrillFigure(_("Talked with"), _("Not talked with"), _members("talk_coverage")),
    "visits": DrillFigure(_("Visited at home"), _("Not visited at home"), _members("visit_coverage")),
    "contacts": DrillFigure(_("Parents reached"), _("Parents not reached"), _members("contact_coverage")),
    "overdue": DrillFigure(_("Children with overdue care work"), None, _members("overdue")),
    "assisted": DrillFigure(_("Children assisted"), None, _members("assisted_children")),
    "key_help": DrillFigure(_("Key-help children"), None, _members("key_help")),
}


def children_behind(school: School | fig.Scope, period: Period, key: str, *, missing: bool = False) -> QuerySet[Child]:
    """The children a figure counts; with `missing`, the LBC of P it does not (the rest of a rate)."""
    figure = FIGURES[key]
    covered = figure.children(school, period)
    if missing:
        return fig.lbc_of(school, period).exclude(pk__in=covered.values("pk"))
    return covered
