"""Every figure opens the children behind it, and the list's length is the figure (REPORTS.md)."""

import pytest
from django.urls import reverse

from reports import figures as fig
from reports.drilldown import FIGURES


def _expected(figure_school) -> dict[str, tuple[int, int | None]]:
    """(children counted, the rest of the LBC) per drill-down figure, from the figure functions."""
    s, p = figure_school.school, figure_school.period
    lbc = fig.lbc_count(s, p).children
    rates = {
        "filing": fig.filing_rate(s, p),
        "pairing": fig.pairing_coverage(s, p).coverage,
        "talks": fig.talks(s, p).coverage,
        "visits": fig.home_visits(s, p).coverage,
        "contacts": fig.parent_contacts(s, p).coverage,
    }
    expected = {key: (rate.numerator, rate.missing) for key, rate in rates.items()}
    expected["lbc"] = (lbc, None)
    expected["civil"] = (fig.lbc_types(s, p).civil_affairs, None)
    expected["overdue"] = (fig.norm_compliance(s, p).overdue_children, None)
    expected["assisted"] = (fig.assistance(s, p).children, None)
    expected["key_help"] = (fig.key_help(s, p).children, None)
    return expected


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_the_list_behind_a_figure_is_as_long_as_the_figure(client, figure_school, key):
    counted, rest = _expected(figure_school)[key]
    client.force_login(figure_school.principal)
    url = reverse("reports:figure_children", args=[figure_school.semester.pk, key])
    assert len(client.get(url).context["children"]) == counted
    if rest is not None:
        assert len(client.get(url + "?missing=1").context["children"]) == rest


def test_talk_coverage_lists_who_was_and_who_was_not_talked_with(client, figure_school):
    client.force_login(figure_school.principal)
    url = reverse("reports:figure_children", args=[figure_school.semester.pk, "talks"])
    assert [c.name for c in client.get(url).context["children"]] == ["A"]
    assert [c.name for c in client.get(url + "?missing=1").context["children"]] == ["B", "C"]


def test_another_schools_semester_is_not_found(client, figure_school, world):
    client.force_login(world.principal)
    url = reverse("reports:figure_children", args=[figure_school.semester.pk, "lbc"])
    assert client.get(url).status_code == 404
