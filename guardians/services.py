"""Writes of the whole archive: the child with parents, guardians and emergency contacts together."""

from django.db import transaction

from children.left_behind import left_behind_type_from
from children.models import Child
from children.services import child_save
from guardians.models import Parent


def derived_left_behind_type(child: Child) -> str | None:
    """The type implied by the child's saved parents, or None when no parent is recorded."""
    situations = {p.relation: p.situation for p in child.parents.all()}
    if not situations:
        return None
    return left_behind_type_from(situations.get(Parent.Relation.FATHER), situations.get(Parent.Relation.MOTHER))


@transaction.atomic
def archive_save(*, forms) -> Child:
    """Save the child and every part of the archive at once; all or nothing.

    The left-behind type follows the parents' situations; only when no parent is recorded does the
    type the user chose stay.
    """
    child = child_save(child=forms.child.save(commit=False))
    for formset in (forms.parents, forms.guardians, forms.contacts):
        formset.instance = child
        formset.save()
    derived = derived_left_behind_type(child)
    if derived is not None and derived != child.left_behind_type:
        child.left_behind_type = derived
        child.save(update_fields=["left_behind_type", "updated_at"])
    return child
