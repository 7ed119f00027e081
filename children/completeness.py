"""What a complete archive (建档) holds, one definition for the child page, the list filter and the
filing rate (建档率 = complete archives / children).

Most requirements are the child's own fields. Those that look at other apps' rows (a guardian; a
parent with a phone and a work place) are registered by those apps in children.extensions, so this
module imports nothing above `children`.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from children.extensions import related_requirements
from children.models import Child


@dataclass(frozen=True)
class Requirement:
    key: str
    label: str
    filled: Q  # true for a child whose archive meets it, on a queryset passed through `with_completeness`
    order: int = 0
    annotation: str = ""  # for a registered requirement: the boolean annotation holding it


_OWN_FIELDS: list[Requirement] = [
    Requirement("name", pgettext_lazy("a person's name", "name"), ~Q(name=""), 10),
    Requirement("gender", _("gender"), ~Q(gender=""), 20),
    Requirement("birth_date", _("date of birth"), Q(birth_date__isnull=False), 30),
    Requirement("id_number", _("resident ID number"), ~Q(id_number=""), 40),
    Requirement("address", _("home address"), ~Q(address=""), 50),
    Requirement("left_behind_type", _("left-behind type"), ~Q(left_behind_type=""), 60),
    Requirement("study_level", _("study level"), ~Q(study_level=""), 70),
    Requirement("personality", _("personality"), ~Q(personality=""), 80),
    Requirement("hobbies", _("hobbies"), ~Q(hobbies=""), 90),
]


def requirements() -> list[Requirement]:
    """Every requirement of a complete archive, the child's own fields and the registered ones, in order."""
    registered = [
        Requirement(r.key, r.label, Q(**{r.annotation: True}), r.order, r.annotation) for r in related_requirements()
    ]
    return sorted([*_OWN_FIELDS, *registered], key=lambda r: r.order)


def complete_q() -> Q:
    """True for a complete archive, on a queryset passed through `with_completeness`. The registered
    checks are read from their annotations, each computed once per child."""
    condition = Q()
    for requirement in requirements():
        condition &= requirement.filled
    return condition


def with_completeness(children: QuerySet[Child]) -> QuerySet[Child]:
    """Annotate each registered check (`has_guardian`, `has_reachable_parent`): a correlated subquery on
    the child's id, read through its table's child index, once per child. Whether the whole archive is
    complete is then read from the row (`is_complete(child)`), not asked of the database a second time.
    Checks the queryset already carries are kept, not built again (the list's counts get the list's children)."""
    present = children.query.annotations
    return children.annotate(
        **{r.annotation: r.condition() for r in related_requirements() if r.annotation not in present}
    )


def _is_filled(child: Child, requirement: Requirement) -> bool:
    return bool(getattr(child, requirement.annotation or requirement.key))


def missing_for(child: Child) -> list[Requirement]:
    """The requirements a child's archive does not meet (child from `with_completeness`)."""
    return [r for r in requirements() if not _is_filled(child, r)]


def is_complete(child: Child) -> bool:
    """Whether the archive meets every requirement (child from `with_completeness`); `complete_q` in SQL."""
    return not missing_for(child)
