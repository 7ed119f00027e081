"""Activities with attendance and evidence, birthdays, assistance and medical exams.

Who may do what: principals and archive keepers (MANAGE_ACTIVITIES) record activities and assistance;
school staff who keep archives (EDIT_ARCHIVES: also head teachers) see them, limited to their own
children in attendance lists, and record medical-exam results of the children they see. Carers and
district officers have no activity pages.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activities import selectors, services
from activities.filters import ActivityFilter, AssistanceFilter, AttendancePickerFilter, MedicalExamFilter
from activities.forms import (
    ActivityForm,
    AssistanceForm,
    AttendanceClassForm,
    AttendanceForm,
    EvidenceForm,
    MedicalExamForm,
)
from activities.models import ActivityKind, Evidence
from children.scoping import children_for
from organisation import scoping
from organisation.decorators import capability_required
from organisation.downloads import attach
from organisation.params import query_id
from organisation.rendering import form_page
from organisation.roles import Capability

# Seeing activities is for school staff who keep archives; carers and district officers have no such pages.
SEE = Capability.EDIT_ARCHIVES
MANAGE = Capability.MANAGE_ACTIVITIES
MEDICAL_EXAMS_PER_PAGE = 50
FIRST_YEAR, LAST_YEAR = 1900, 2999  # the birthday calendar's range; other years show this month
PARTNERS = ["妇联", "团委", "关工委", "乡镇卫生院", "派出所", "司法所", "社区", "志愿者协会"]


def _activity(request, pk: int):
    return get_object_or_404(selectors.activities_for(request.user).select_related("school", "semester"), pk=pk)


@capability_required(SEE)
def activity_list(request):
    activity_filter = ActivityFilter(
        request.GET, queryset=selectors.activity_list(request.user), semesters=scoping.semesters_for(request.user)
    )
    page = Paginator(activity_filter.filtered(), 30).get_page(request.GET.get("page"))
    return render(request, "activities/list.html", {"page": page, "filter": activity_filter})


@capability_required(MANAGE)
def activity_form(request, pk: int | None = None):
    """A new activity (no pk; ?kind= preselects its kind), or a change to one the user sees."""
    editable = selectors.editable_activities_for(request.user).select_related("school")
    activity = get_object_or_404(editable, pk=pk) if pk is not None else None
    initial = {}
    if activity is None:
        initial = {"date": timezone.localdate(), "organiser": request.user}
        if request.GET.get("kind") in ActivityKind.values:
            initial["kind"] = request.GET["kind"]
    school = activity.school if activity else request.user.school
    form = ActivityForm(request.POST or None, initial=initial, instance=activity, school=school)
    if form.is_valid():
        saved = services.activity_save(activity=form.instance, user=request.user)
        if activity is None:
            messages.success(
                request, _("Activity “%(title)s” saved. Now add who took part.") % {"title": saved.title_in_quotes}
            )
            return redirect("activities:attendance", pk=saved.pk)
        messages.success(request, _("Activity “%(title)s” saved.") % {"title": saved.title_in_quotes})
        return redirect("activities:detail", pk=saved.pk)
    title = _("New activity") if activity is None else _("Edit “%(title)s”") % {"title": activity.title_in_quotes}
    return form_page(
        request, form, title=title, back="activities:list", template="activities/form.html", partners=PARTNERS
    )


@capability_required(SEE)
def activity_detail(request, pk: int):
    activity = get_object_or_404(
        selectors.activities_for(request.user)
        .select_related("school", "semester", "organiser")
        .annotate(attendee_count=Count("attendances")),
        pk=pk,
    )
    attendances = list(selectors.attendances_for(request.user, activity))
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "attendances": attendances,
            "evidence": list(activity.evidence.all()),
            "guardians": list(selectors.guardians_for(request.user).filter(trainings=activity))
            if activity.kind == ActivityKind.GUARDIAN_TRAINING
            else [],
            "exams": list(selectors.medical_exams_for(request.user).filter(activity=activity))
            if activity.kind == ActivityKind.MEDICAL_EXAM
            else [],
            "evidence_form": EvidenceForm() if request.user.can(MANAGE) else None,
            "is_guardian_training": activity.kind == ActivityKind.GUARDIAN_TRAINING,
        },
    )


@capability_required(MANAGE)
def attendance(request, pk: int):
    """Pick children by class, by filter or by name; add the ticked ones, or a whole class at once."""
    activity = _activity(request, pk)
    children = children_for(request.user).filter(school=activity.school)
    if request.method == "POST":
        form = AttendanceForm(request.POST, children=children)
        if not form.is_valid():  # a child out of scope, or not a child at all
            raise Http404
        added = services.attendance_add(activity=activity, children=form.cleaned_data["children"], user=request.user)
        messages.success(request, _("%(count)d children added.") % {"count": added})
        return redirect(request.get_full_path())
    classes = scoping.classes_for(request.user).filter(school=activity.school, is_active=True)
    candidates = children.active().select_related("school_class")
    picker = AttendancePickerFilter(request.GET, queryset=candidates, classes=classes)
    return render(
        request,
        "activities/attendance.html",
        {
            "activity": activity,
            "classes": classes,
            "filter": picker,
            "candidates": picker.filtered()[:300],
            "attending": set(activity.attendances.values_list("child_id", flat=True)),
            "attendances": selectors.attendances_for(request.user, activity),
        },
    )


@capability_required(MANAGE)
@require_POST
def attendance_add_class(request, pk: int):
    activity = _activity(request, pk)
    form = AttendanceClassForm(request.POST, classes=scoping.classes_for(request.user).filter(school=activity.school))
    if not form.is_valid():  # a class of another school, or not a class at all
        raise Http404
    school_class = form.cleaned_data["school_class"]
    added = services.attendance_add_class(activity=activity, school_class=school_class, user=request.user)
    messages.success(
        request, _("%(count)d children of %(class)s added.") % {"count": added, "class": school_class.label}
    )
    return redirect("activities:attendance", pk=activity.pk)


@capability_required(MANAGE)
@require_POST
def attendance_remove(request, pk: int, child_pk: int):
    activity = _activity(request, pk)
    child = get_object_or_404(children_for(request.user).filter(attendances__activity=activity), pk=child_pk)
    services.attendance_remove(activity=activity, child=child)
    messages.success(request, _("%(name)s removed from the attendance.") % {"name": child.name})
    return redirect("activities:attendance", pk=activity.pk)


@capability_required(MANAGE)
def guardian_attendance(request, pk: int):
    """Which guardians came to a guardian-training session (家长学校)."""
    activity = _activity(request, pk)
    if activity.kind != ActivityKind.GUARDIAN_TRAINING:
        raise Http404
    guardians = selectors.guardians_for(request.user).filter(child__school=activity.school)
    q = request.GET.get("q", "").strip()
    if request.method == "POST":
        # Guardians out of scope are left out; anything that is not an id is ignored.
        ids = [pk for pk in map(query_id, request.POST.getlist("guardians")) if pk is not None]
        services.guardians_set(activity=activity, guardians=guardians.filter(pk__in=ids))
        messages.success(request, _("Guardians who came saved."))
        return redirect("activities:detail", pk=activity.pk)
    if q:
        guardians = guardians.filter(name__icontains=q) | guardians.filter(child__name__icontains=q)
    return render(
        request,
        "activities/guardians.html",
        {
            "activity": activity,
            "guardians": guardians[:300],
            "came": set(activity.guardians.values_list("pk", flat=True)),
            "q": q,
        },
    )


@capability_required(MANAGE)
def evidence_upload(request, pk: int):
    activity = _activity(request, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.evidence_add(
            activity=activity,
            upload=form.cleaned_data["file"],
            inspected=form.inspected,
            caption=form.cleaned_data["caption"],
            user=request.user,
        )
        messages.success(request, _("File added."))
        return redirect("activities:detail", pk=activity.pk)
    response = form_page(
        request,
        form,
        title=_("Add a photo or document"),
        back=reverse("activities:detail", args=[activity.pk]),
        template="activities/form.html",
        activity=activity,
    )
    response.status_code = 400 if request.method == "POST" else 200
    return response


def _evidence(request, pk: int) -> Evidence:
    return get_object_or_404(selectors.evidence_for(request.user), pk=pk)


def _serve(field, content_type: str, filename: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type, filename=filename)
    attach(response, filename, inline=True)
    # Photos of children: never kept by shared caches.
    response["Cache-Control"] = "private, max-age=3600"
    return response


@capability_required(SEE)
def evidence_file(request, pk: int):
    item = _evidence(request, pk)
    return _serve(item.file, item.content_type, item.original_name)


def evidence_thumbnail(request, pk: int):
    """Staff who see activities, and district officers (the photos of a submitted monthly report: the read rule
    `evidence_for` says which)."""
    if not (request.user.can(SEE) or request.user.can(Capability.VIEW_DISTRICT)):
        raise PermissionDenied
    item = _evidence(request, pk)
    if not item.thumbnail:
        raise Http404
    return _serve(item.thumbnail, "image/jpeg", "thumbnail.jpg")


@capability_required(MANAGE)
@require_POST
def evidence_delete(request, pk: int):
    item = _evidence(request, pk)
    services.evidence_delete(item=item)
    messages.success(request, _("File removed."))
    return redirect("activities:detail", pk=item.activity_id)


def _month(request) -> tuple[int, int]:
    today = timezone.localdate()
    value = request.GET.get("month") or request.POST.get("month") or ""
    try:
        year, month = (int(part) for part in value.split("-"))
    except ValueError:
        return today.year, today.month
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):  # year 1 or 9999 has no month around it
        return today.year, today.month
    return year, month


@capability_required(SEE)
def birthdays(request):
    year, month = _month(request)
    first = date(year, month, 1)
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return render(
        request,
        "activities/birthdays.html",
        {
            "birthdays": selectors.birthdays_in_month(request.user, year, month),
            "party": selectors.birthday_party_in_month(request.user, year, month),
            "month": first,
            "previous": previous,
            "following": following,
        },
    )


@capability_required(MANAGE)
@require_POST
def birthday_party(request):
    year, month = _month(request)
    existing = selectors.birthday_party_in_month(request.user, year, month)
    party = services.birthday_party_create(year=year, month=month, user=request.user)
    if existing is None:
        messages.success(
            request,
            _("Birthday party “%(title)s” ready with this month's birthday children.")
            % {"title": party.title_in_quotes},
        )
    else:
        messages.info(
            request,
            format_html(
                _(
                    'This month\'s birthday party <a href="{url}">“{title}”</a> already exists, so it was not '
                    "created again; birthday children missing from it were added."
                ),
                url=reverse("activities:detail", args=[party.pk]),
                title=party,
            ),
        )
    return redirect("activities:detail", pk=party.pk)


@capability_required(SEE)
def assistance_list(request):
    """The semester's assistance, totals by donor and kind, and poor children who received nothing."""
    assistance_filter = AssistanceFilter(
        request.GET, queryset=selectors.assistance_for(request.user), semesters=scoping.semesters_for(request.user)
    )
    semester = assistance_filter.chosen_semester
    records = assistance_filter.filtered()
    return render(
        request,
        "activities/assistance_list.html",
        {
            "semester": semester,
            "semesters": assistance_filter.filters["semester"].queryset,
            "records": list(records),
            "totals": selectors.assistance_totals(records),
            "grand_total": selectors.assistance_grand_total(records),
            "without": list(selectors.poor_children_without_assistance(request.user, semester)) if semester else [],
        },
    )


@capability_required(MANAGE)
def assistance_form(request, pk: int | None = None):
    """A new assistance record (no pk; ?child= preselects the child), or a change to one the user sees."""
    item = get_object_or_404(selectors.editable_assistance_for(request.user), pk=pk) if pk is not None else None
    initial = {}
    if item is None:
        initial = {"date": timezone.localdate()}
        if query_id(request.GET.get("child")) is not None:
            initial["child"] = request.GET["child"]
    form = AssistanceForm(request.POST or None, initial=initial, instance=item, children=children_for(request.user))
    if form.is_valid():
        services.assistance_save(assistance=form.instance, user=request.user)
        messages.success(request, _("Assistance recorded.") if item is None else _("Assistance saved."))
        return redirect("activities:assistance_list")
    title = _("Record assistance") if item is None else _("Edit assistance")
    return form_page(request, form, title=title, back="activities:assistance_list")


@capability_required(SEE)
def medical_exam_list(request):
    """The exams of the children the user sees, newest first, 50 a page, optionally of one class."""
    exam_filter = MedicalExamFilter(
        request.GET,
        queryset=selectors.medical_exam_list(request.user),
        classes=scoping.classes_for(request.user).filter(is_active=True),
    )
    page = Paginator(exam_filter.filtered(), MEDICAL_EXAMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "activities/medical_exam_list.html", {"page": page, "filter": exam_filter})


def _medical_exam_initial(request) -> dict:
    return {key: request.GET[key] for key in ("child", "activity") if query_id(request.GET.get(key)) is not None}


@capability_required(SEE)
def medical_exam_form(request, pk: int | None = None):
    """A new exam (no pk; ?child= and ?activity= preselect): head teachers record results of their own
    children, managers of the whole school. Whoever may record an exam of a child may correct it (pk);
    other children's exams are 404."""
    exam = get_object_or_404(selectors.editable_medical_exams_for(request.user), pk=pk) if pk is not None else None
    form = MedicalExamForm(
        request.POST or None,
        instance=exam,
        initial={} if exam else _medical_exam_initial(request),
        children=children_for(request.user),
        activities=selectors.activities_for(request.user),
    )
    if form.is_valid():
        saved = services.medical_exam_save(exam=form.instance, user=request.user)
        messages.success(request, _("Medical exam of %(name)s saved.") % {"name": saved.child.name})
        if exam is None and saved.activity_id:  # the next child of the same exam day
            return redirect(f"{request.path}?activity={saved.activity_id}")
        return redirect("activities:medical_exam_list")
    if exam is None:
        title = _("Record a medical exam")
    else:
        title = _("Edit the medical exam of %(name)s") % {"name": exam.child.name}
    return form_page(request, form, title=title, back="activities:medical_exam_list")
