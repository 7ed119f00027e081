"""What a complete archive (建档) holds, one definition for the child page, the list filter and the
filing rate (建档率 = complete archives / children).

Two requirements look at other apps' rows (a guardian; a parent with a phone and a work place). They
are read through the reverse relations `guardians` and `parents`, so this module imports nothing above
`children`.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from children.models import Child


@dataclass(frozen=True)
class Requirement:
    key: str
    label: str
    filled: Q  # true for a child whose archive meets it, on a queryset passed through `with_completeness`


REQUIRED: list[Requirement] = [
    Requirement("name", pgettext_lazy("a person's name", "name"), ~Q(name="")),
    Requirement("gender", _("gender"), ~Q(gender="")),
    Requirement("birth_date", _("date of birth"), Q(birth_date__isnull=False)),
    Requirement("id_number", _("resident ID number"), ~Q(id_number="")),
    Requirement("address", _("home address"), ~Q(address="")),
    Requirement("left_behind_type", _("left-behind type"), ~Q(left_behind_type="")),
    Requirement("guardian", _("guardian"), Q(has_guardian=True)),
    Requirement("parent_contact", _("a parent's phone and work place"), Q(has_reachable_parent=True)),
    Requirement("study_level", _("study level"), ~Q(study_level="")),
    Requirement("personality", _("personality"), ~Q(personality="")),
    Requirement("hobbies", _("hobbies"), ~Q(hobbies="")),
]


def complete_q() -> Q:
    condition = Q()
    for requirement in REQUIRED:
        condition &= requirement.filled
    return condition


def with_completeness(children: QuerySet[Child]) -> QuerySet[Child]:
    """Annotate `has_guardian`, `has_reachable_parent` and `is_complete` (subqueries, no extra query)."""
    guardian_model = Child._meta.get_field("guardians").related_model
    parent_model = Child._meta.get_field("parents").related_model
    reachable = parent_model.objects.filter(child=OuterRef("pk")).exclude(phone="").exclude(work_city="")
    return children.annotate(
        has_guardian=Exists(guardian_model.objects.filter(child=OuterRef("pk"))),
        has_reachable_parent=Exists(reachable),
    ).annotate(is_complete=ExpressionWrapper(complete_q(), output_field=BooleanField()))


def _is_filled(child: Child, key: str) -> bool:
    if key == "guardian":
        return bool(child.has_guardian)
    if key == "parent_contact":
        return bool(child.has_reachable_parent)
    return bool(getattr(child, key))


def missing_for(child: Child) -> list[Requirement]:
    """The requirements a child's archive does not meet (child from `with_completeness`)."""
    return [r for r in REQUIRED if not _is_filled(child, r.key)]
