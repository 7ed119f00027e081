"""Writes of the guardians app: the whole archive (child, parents, guardians, emergency contacts together)
and the parent-contact log. Each is atomic: a bad or partial input writes nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from children.left_behind import left_behind_type_from
from children.models import Child
from children.scoping import children_to_log_care_for
from children.services import child_save
from guardians.models import Parent, ParentContact
from guardians.selectors import editable_contacts_for
from organisation.models import User


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


@transaction.atomic
def parent_contact_save(*, contact: ParentContact, user: User) -> ParentContact:
    """Save a contact with a parent or the guardian, within the write rule (`editable_contacts_for`): a new
    one about a child the user sees, an old one the user may change (a carer: one they recorded). The parent
    is one of the child's own; a contact with the guardian names no parent. The first save records who."""
    if contact.pk is None:
        if not children_to_log_care_for(user).filter(pk=contact.child_id).exists():
            raise ValidationError(_("You may not log contacts about this child."))
        contact.recorded_by = user
    elif not editable_contacts_for(user).filter(pk=contact.pk).exists():
        raise ValidationError(_("You may not change this contact."))
    if contact.parent_id and contact.parent.child_id != contact.child_id:
        raise ValidationError({"parent": _("This parent belongs to another child.")})
    if contact.counterpart == ParentContact.Counterpart.GUARDIAN and contact.parent_id:
        raise ValidationError({"parent": _("A contact with the guardian names no parent.")})
    contact.full_clean(exclude=["recorded_by"])  # an old contact may have lost its recorder (SET_NULL)
    contact.save()
    return contact
