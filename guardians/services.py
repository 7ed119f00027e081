"""Writes of the whole archive: the child with parents, guardians and emergency contacts together."""

from django.db import transaction

from children.left_behind import left_behind_type_from
from children.models import Child
from children.services import child_save
from guardians.models import Parent


def derived_left_behind_type(situations: dict[str, str]) -> str | None:
    """The type implied by the parents' situations by relation, or None when no parent is recorded."""
    if not situations:
        return None
    return left_behind_type_from(situations.get(Parent.Relation.FATHER), situations.get(Parent.Relation.MOTHER))


def _situations(parent_formset) -> dict[str, str]:
    """Relation -> situation of the parents the archive will have once the formset is saved."""
    situations = {}
    for form in parent_formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("relation") and not data.get("DELETE"):
            situations[data["relation"]] = data.get("situation")
    return situations


@transaction.atomic
def archive_save(*, forms) -> Child:
    """Save the child and every part of the archive at once; all or nothing.

    The left-behind type follows the parents' situations; only when no parent is recorded does the
    type the user chose stay.
    """
    child = forms.child.save(commit=False)
    derived = derived_left_behind_type(_situations(forms.parents))
    if derived is not None:
        child.left_behind_type = derived
    child = child_save(child=child)
    for formset in (forms.parents, forms.guardians, forms.contacts):
        formset.instance = child
        formset.save()
    return child
