"""The school page (read-only, with its leading group) and the principal's leading-group management."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisation import leading_group as group
from organisation import scoping
from organisation.decorators import capability_required
from organisation.forms_leading_group import LeadingGroupMemberForm
from organisation.models import LeadingGroupMember
from organisation.params import query_id
from organisation.rendering import add_errors, form_page
from organisation.roles import Capability


def _year(request, school) -> int:
    value = request.GET.get("year", "")
    year = query_id(value)
    return year if year is not None and 2000 <= year <= 2100 else group.school_year_of(school)


def school_detail(request, pk: int):
    """A school's page: its contact details and its leading group of a school year (read-only)."""
    school = get_object_or_404(scoping.schools_for(request.user).select_related("district"), pk=pk)
    year = _year(request, school)
    return render(
        request,
        "organisation/school_detail.html",
        {
            "school": school,
            "year": year,
            "years": group.years_of(request.user, school),
            "members": group.group_of(request.user, school, year),
            "may_manage": request.user.can(Capability.MANAGE_SCHOOL) and request.user.school_id == school.pk,
        },
    )


@capability_required(Capability.MANAGE_SCHOOL)
def leading_group(request):
    """The principal's page: the group of a school year, with a form to add a member."""
    school = scoping.managed_school(request.user)
    year = _year(request, school)
    form = LeadingGroupMemberForm(
        request.POST or None,
        instance=LeadingGroupMember(school=school, school_year=year),
        school=school,
        initial={"school_year": year},
    )
    if form.is_valid():
        try:
            member = group.member_save(member=form.instance, user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s added to the leading group.") % {"name": member.person})
            return redirect(f"{reverse('organisation:leading_group')}?year={member.school_year}")
    return render(
        request,
        "organisation/leading_group.html",
        {
            "school": school,
            "year": year,
            "years": sorted(set(group.years_of(request.user, school)) | {year}, reverse=True),
            "members": group.group_of(request.user, school, year),
            "form": form,
        },
    )


@capability_required(Capability.MANAGE_SCHOOL)
def member_edit(request, pk: int):
    member = get_object_or_404(group.editable_members_for(request.user).select_related("school"), pk=pk)
    form = LeadingGroupMemberForm(request.POST or None, instance=member, school=member.school)
    done = f"{reverse('organisation:leading_group')}?year={member.school_year}"
    if form.is_valid():
        try:
            group.member_save(member=form.instance, user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s saved.") % {"name": member.person})
            return redirect(done)
    return form_page(request, form, title=_("Leading-group member"), back=done)


@capability_required(Capability.MANAGE_SCHOOL)
@require_POST
def member_end(request, pk: int):
    member = get_object_or_404(group.editable_members_for(request.user), pk=pk)
    if member.left_on is None:
        group.member_end(member=member, user=request.user)
        messages.success(request, _("%(name)s left the leading group.") % {"name": member.person})
    return redirect(f"{reverse('organisation:leading_group')}?year={member.school_year}")
