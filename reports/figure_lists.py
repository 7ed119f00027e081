"""One page for the list behind any figure: the summary's and the monthly report's views hand it a scope, a
period and a figure key (reports.members), and a frozen version when the page showed one."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from django.shortcuts import render

from organisation.params import query_id
from reports import members as m
from reports.figures import Period, Scope
from reports.frozen import frozen_list
from reports.summary import label_for


def figure_list(request, scope: Scope, period: Period, key: str, *, frozen=None, back: str = ""):
    """The children or records behind the figure `key`; 404 for a figure without members."""
    found = m.members(scope, period, key)
    if found is None:
        raise Http404
    # A signed or submitted version's list as it was frozen; None (today's list, marked live) when it has none.
    ids = frozen_list(frozen.snapshot, key) if frozen is not None else None
    queryset = m.listed(found, request.user, ids=ids, school_class=query_id(request.GET.get("school_class")))
    rows = m.rows(found.kind, queryset)
    total = sum((r.amount for r in rows), Decimal("0.00")) if found.kind == "assistance" else None
    snapshot = (frozen.snapshot or {}) if frozen is not None else {}
    return render(
        request,
        "reports/figure_list.html",
        {
            "title": m.LABELS.get(key.partition(":")[0])
            or label_for(key, snapshot.get("norms", {}), snapshot.get("attention_on")),
            "period": period,
            "kind": found.kind,
            "kind_label": m.KINDS[found.kind].label,
            "rows": rows,
            "total": total,
            "frozen": ids is not None,
            "live_of_frozen": frozen is not None and ids is None,
            "back": back,
        },
    )


def figure_links(page_url: str, version, frozen: bool) -> dict:
    """The context that makes a page's figures links (templatetags.figure_links): the lists live under the
    page's URL, and a frozen version's links name the version."""
    return {"figure_url": f"{page_url}figure/", "figure_query": f"version={version.version}" if frozen else ""}
