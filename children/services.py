"""Writes to the child archive: saving, status changes, soft delete and restore, academic results."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from children.models import AcademicResult, Child, ChildStatusChange
from children.pinyin import set_name_pinyin
from organisation.models import User


def child_save(*, child: Child) -> Child:
    """Save a child's archive; the school follows the class and the pinyin follows the name."""
    child.school_id = child.school_class.school_id
    set_name_pinyin(child)
    child.save()
    return child


@transaction.atomic
def child_change_status(*, child: Child, status: str, on: date, note: str = "", user: User | None) -> ChildStatusChange:
    """Record a dated status change and set the child's status; a change never deletes the archive."""
    change = ChildStatusChange.objects.create(child=child, status=status, date=on, note=note, recorded_by=user)
    child.status = status
    child.save(update_fields=["status", "updated_at"])
    return change


def child_soft_delete(*, child: Child, user: User) -> None:
    """Hide a child's archive; the rows stay, and a principal can restore it."""
    child.deleted_at = timezone.now()
    child.deleted_by = user
    child.save(update_fields=["deleted_at", "deleted_by", "updated_at"])


def child_restore(*, child: Child) -> None:
    """Bring back a soft-deleted archive, unless another archive of the school now has its ID number."""
    if child.id_number and Child.objects.filter(school_id=child.school_id, id_number=child.id_number).exists():
        raise ValidationError(
            _("Another archive of this school now has the ID number of %(name)s: it cannot be restored twice."),
            code="id_number_taken",
            params={"name": child.name},
        )
    child.deleted_at = None
    child.deleted_by = None
    child.save(update_fields=["deleted_at", "deleted_by", "updated_at"])


def academic_result_save(*, result: AcademicResult) -> AcademicResult:
    """Save one exam result of a child."""
    result.save()
    return result
