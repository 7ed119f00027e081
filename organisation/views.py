"""Management of a school's staff accounts, classes and semesters, by its principal."""

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from organisation import scoping
from organisation.decorators import capability_required
from organisation.forms import SchoolClassForm, SemesterForm, StaffCreateForm, StaffEditForm
from organisation.models import SchoolClass, User
from organisation.rendering import form_page
from organisation.roles import Capability
from organisation.services import semester_save


@capability_required(Capability.MANAGE_SCHOOL)
def staff_list(request):
    classes = SchoolClass.objects.order_by("grade", "number")
    staff = scoping.staff_for(request.user).prefetch_related(Prefetch("head_teacher_of", queryset=classes))
    return render(request, "organisation/staff_list.html", {"staff": staff})


@capability_required(Capability.MANAGE_SCHOOL)
def staff_create(request):
    school = scoping.managed_school(request.user)
    form = StaffCreateForm(request.POST or None, school=school)
    if form.is_valid():
        user = form.save()
        messages.success(request, _("Account %(username)s created.") % {"username": user.username})
        return redirect("organisation:staff_list")
    return form_page(request, form, title=_("New staff account"), back="organisation:staff_list")


@capability_required(Capability.MANAGE_SCHOOL)
def staff_edit(request, pk: int):
    member = get_object_or_404(scoping.staff_for(request.user), pk=pk)
    form = StaffEditForm(request.POST or None, instance=member)
    if form.is_valid():
        form.save()
        messages.success(request, _("Account %(username)s saved.") % {"username": member.username})
        return redirect("organisation:staff_list")
    return form_page(request, form, title=_("Edit %(name)s") % {"name": member}, back="organisation:staff_list")


@capability_required(Capability.MANAGE_SCHOOL)
def staff_set_password(request, pk: int):
    member: User = get_object_or_404(scoping.staff_for(request.user), pk=pk)
    form = SetPasswordForm(member, request.POST or None)
    if form.is_valid():
        form.save()
        messages.success(request, _("New password set for %(name)s.") % {"name": member})
        return redirect("organisation:staff_list")
    return form_page(
        request, form, title=_("Set a new password for %(name)s") % {"name": member}, back="organisation:staff_list"
    )


@capability_required(Capability.MANAGE_SCHOOL)
def class_list(request):
    classes = scoping.classes_for(request.user).prefetch_related("head_teachers")
    return render(request, "organisation/class_list.html", {"classes": classes})


@capability_required(Capability.MANAGE_SCHOOL)
def class_create(request):
    form = SchoolClassForm(request.POST or None, school=scoping.managed_school(request.user))
    if form.is_valid():
        form.save()
        messages.success(request, _("Class %(name)s created.") % {"name": form.instance})
        return redirect("organisation:class_list")
    return form_page(request, form, title=_("New class"), back="organisation:class_list")


@capability_required(Capability.MANAGE_SCHOOL)
def class_edit(request, pk: int):
    school_class = get_object_or_404(scoping.classes_for(request.user), pk=pk)
    form = SchoolClassForm(request.POST or None, instance=school_class, school=school_class.school)
    if form.is_valid():
        form.save()
        messages.success(request, _("Class %(name)s saved.") % {"name": school_class})
        return redirect("organisation:class_list")
    return form_page(request, form, title=_("Edit %(name)s") % {"name": school_class}, back="organisation:class_list")


@capability_required(Capability.MANAGE_SCHOOL)
def semester_list(request):
    return render(request, "organisation/semester_list.html", {"semesters": scoping.semesters_for(request.user)})


@capability_required(Capability.MANAGE_SCHOOL)
def semester_create(request):
    form = SemesterForm(request.POST or None, school=scoping.managed_school(request.user))
    if form.is_valid():
        semester_save(semester=form.instance)
        messages.success(request, _("Semester %(name)s saved.") % {"name": form.instance})
        return redirect("organisation:semester_list")
    return form_page(request, form, title=_("New semester"), back="organisation:semester_list")


@capability_required(Capability.MANAGE_SCHOOL)
def semester_edit(request, pk: int):
    semester = get_object_or_404(scoping.semesters_for(request.user), pk=pk)
    form = SemesterForm(request.POST or None, instance=semester, school=semester.school)
    if form.is_valid():
        semester_save(semester=form.instance)
        messages.success(request, _("Semester %(name)s saved.") % {"name": semester})
        return redirect("organisation:semester_list")
    return form_page(request, form, title=_("Edit %(name)s") % {"name": semester}, back="organisation:semester_list")
