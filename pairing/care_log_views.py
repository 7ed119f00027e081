"""The school-wide logs of talks, home visits and parent contacts (filters and rules in pairing.care_logs)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from organisation.decorators import capability_required
from organisation.roles import Capability
from pairing import care_logs

PER_PAGE = 50


def _log(request, log: str):
    filter_set = care_logs.log_filter(log, request.user, request.GET)
    page = Paginator(care_logs.filtered(filter_set), PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    care_logs.mark_rows(log, request.user, rows)
    return render(request, "pairing/care_log.html", {"log": log, "filter": filter_set, "page": page, "rows": rows})


@capability_required(Capability.EDIT_ARCHIVES)
def talk_log(request):
    return _log(request, "talk")


@capability_required(Capability.EDIT_ARCHIVES)
def visit_log(request):
    return _log(request, "visit")


@capability_required(Capability.EDIT_ARCHIVES)
def contact_log(request):
    return _log(request, "contact")
