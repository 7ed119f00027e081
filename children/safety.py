"""The safety responsibility letter (安全责任书): which children's guardians have not signed it, and marking
it signed. Read through `children_for`, written through `editable_children_for` (the archive's rules)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from children.models import Child
from children.scoping import children_for, editable_children_for
from organisation.models import User


def without_letter(user: User, *, class_id: int | None = None) -> QuerySet[Child]:
    """Active children the user sees whose guardian has not signed the letter, by class and name."""
    qs = children_for(user).active().filter(safety_letter_signed=False).select_related("school_class")
    if class_id:
        qs = qs.filter(school_class_id=class_id)
    return qs.order_by("school_class__grade", "school_class__number", "name")


def letters_by_class(user: User) -> list[dict]:
    """Per class the user sees: active children, and how many have a signed letter. Queries: 1."""
    rows = (
        children_for(user)
        .active()
        .values("school_class_id", "school_class__grade", "school_class__number")
        .annotate(children=Count("pk"), signed=Count("pk", filter=Q(safety_letter_signed=True)))
        .order_by("school_class__grade", "school_class__number")
    )
    return [
        {
            "class_id": r["school_class_id"],
            "grade": r["school_class__grade"],
            "number": r["school_class__number"],
            "children": r["children"],
            "signed": r["signed"],
            "missing": r["children"] - r["signed"],
        }
        for r in rows
    ]


def letter_sign(*, child: Child, on: date, user: User) -> Child:
    """The guardian signed the letter on `on`; only someone who may change the child's archive records it."""
    if not editable_children_for(user).filter(pk=child.pk).exists():
        raise ValidationError(_("You may not change this archive."))
    if on > timezone.localdate():
        raise ValidationError(_("The letter cannot be signed in the future."))
    child.safety_letter_signed = True
    child.safety_letter_signed_on = on
    child.save(update_fields=["safety_letter_signed", "safety_letter_signed_on", "updated_at"])
    return child
