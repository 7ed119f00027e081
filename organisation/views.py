"""Management of a school's staff accounts, classes and semesters, by its principal."""

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from organisation import scoping, services
from organisation.decorators import capability_required
from organisation.forms import SchoolClassForm, SemesterForm, StaffCreateForm, StaffEditForm
from organisation.models import SchoolClass, User
from organisation.rendering import add_errors, form_page
from organisation.roles import Capability


@capability_required(Capability.MANAGE_SCHOOL)
def staff_list(request):
    classes = SchoolClass.objects.order_by("grade", "number")
    staff = scoping.staff_for(request.user).prefetch_related(Prefetch("head_teacher_of", queryset=classes))
    return render(request, "organisation/staff_list.html", {"staff": staff})


@capability_required(Capability.MANAGE_SCHOOL)
def staff_form(request, pk: int | None = None):
    """A new staff account of the principal's school (no pk), or a change to one of them."""
    if pk is None:
        member = None
        form = StaffCreateForm(request.POST or None, school=scoping.managed_school(request.user))
    else:
        member = get_object_or_404(scoping.staff_for(request.user), pk=pk)
        form = StaffEditForm(request.POST or None, instance=member)
    if form.is_valid():
        try:
            saved = services.staff_save(member=form.save(commit=False))  # a new account's password is hashed
        except ValidationError as error:
            add_errors(form, error)
        else:
            done = _("Account %(username)s created.") if member is None else _("Account %(username)s saved.")
            messages.success(request, done % {"username": saved.username})
            return redirect("organisation:staff_list")
    title = _("New staff account") if member is None else _("Edit %(name)s") % {"name": member}
    return form_page(request, form, title=title, back="organisation:staff_list")


@capability_required(Capability.MANAGE_SCHOOL)
def staff_set_password(request, pk: int):
    member: User = get_object_or_404(scoping.staff_for(request.user), pk=pk)
    form = SetPasswordForm(member, request.POST or None)
    if form.is_valid():
        services.staff_password_set(member=member, password=form.cleaned_data["new_password1"])
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
def class_form(request, pk: int | None = None):
    """A new class of the principal's school (no pk), or a change to one of its classes."""
    school_class = get_object_or_404(scoping.classes_for(request.user), pk=pk) if pk is not None else None
    school = school_class.school if school_class else scoping.managed_school(request.user)
    form = SchoolClassForm(request.POST or None, instance=school_class, school=school)
    if form.is_valid():
        try:
            saved = services.class_save(
                school_class=form.save(commit=False), head_teachers=form.cleaned_data["head_teachers"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            done = _("Class %(name)s created.") if school_class is None else _("Class %(name)s saved.")
            messages.success(request, done % {"name": saved})
            return redirect("organisation:class_list")
    title = _("New class") if school_class is None else _("Edit %(name)s") % {"name": school_class}
    return form_page(request, form, title=title, back="organisation:class_list")


@capability_required(Capability.MANAGE_SCHOOL)
def semester_list(request):
    return render(request, "organisation/semester_list.html", {"semesters": scoping.semesters_for(request.user)})


@capability_required(Capability.MANAGE_SCHOOL)
def semester_form(request, pk: int | None = None):
    """A new semester of the principal's school (no pk), or a change to one of its semesters."""
    semester = get_object_or_404(scoping.semesters_for(request.user), pk=pk) if pk is not None else None
    school = semester.school if semester else scoping.managed_school(request.user)
    form = SemesterForm(request.POST or None, instance=semester, school=school)
    if form.is_valid():
        saved = services.semester_save(semester=form.instance)
        messages.success(request, _("Semester %(name)s saved.") % {"name": saved})
        return redirect("organisation:semester_list")
    title = _("New semester") if semester is None else _("Edit %(name)s") % {"name": semester}
    return form_page(request, form, title=title, back="organisation:semester_list")
