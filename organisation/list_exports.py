"""Excel exports of the staff-accounts and leading-group pages: the rows and columns each page shows, through
the same scoping and selectors (organisation.exports writes the workbooks)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from organisation import leading_group as group
from organisation import scoping
from organisation.decorators import capability_required
from organisation.exports import DATE, Column, Sheet, choice_labels, xlsx_response, yes_no
from organisation.leading_group_views import _year
from organisation.models import LeadingGroupMember, SchoolClass
from organisation.roles import Capability, Role


def staff_columns() -> list[Column]:
    roles = choice_labels(Role.choices)
    separator = pgettext("list separator", ", ")
    return [
        Column(gettext_lazy("Name"), lambda u: u.full_name, width=10),
        Column(gettext_lazy("Username"), lambda u: u.username, width=14),
        Column(gettext_lazy("Role"), lambda u: roles.get(u.role, u.role), width=10),
        Column(gettext_lazy("Head teacher of"), lambda u: separator.join(c.label for c in u.head_teacher_of.all())),
        Column(gettext_lazy("Active"), lambda u: yes_no(u.is_active), width=6),
    ]


@capability_required(Capability.MANAGE_SCHOOL, Capability.EXPORT)
def staff_list_export(request):
    """The staff accounts the page lists, in its order. Queries: the accounts, their classes."""
    classes = SchoolClass.objects.order_by("grade", "number")
    staff = scoping.staff_for(request.user).prefetch_related(Prefetch("head_teacher_of", queryset=classes))
    title = _("Staff accounts")
    return xlsx_response(Sheet(title, staff_columns(), staff), filename=title)


def leading_group_columns() -> list[Column]:
    roles = choice_labels(LeadingGroupMember.GroupRole.choices)
    duties = choice_labels(LeadingGroupMember.Duty.choices)
    return [
        Column(gettext_lazy("Name"), lambda m: m.person, width=10),
        Column(gettext_lazy("Role in the group"), lambda m: roles.get(m.role, m.role), width=10),
        Column(gettext_lazy("Duty"), lambda m: duties.get(m.duty, m.duty), width=14),
        Column(gettext_lazy("duty in detail"), lambda m: m.duty_note, width=30),
        Column(gettext_lazy("Position"), lambda m: m.position, width=14),
        Column(gettext_lazy("left the group on"), lambda m: m.left_on, kind=DATE, width=11),
    ]


@capability_required(Capability.MANAGE_SCHOOL, Capability.EXPORT)
def leading_group_export(request):
    """The group of the school year the page shows (?year=), in its order."""
    school = scoping.managed_school(request.user)
    year = _year(request, school)
    title = _("Leading group, %(start)s–%(end)s school year") % {"start": year, "end": year + 1}
    members = group.group_of(request.user, school, year)
    return xlsx_response(Sheet(title, leading_group_columns(), members), filename=title)
