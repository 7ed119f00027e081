"""Changes to schools' organisation: staff accounts, classes, semesters."""

from django.db import transaction

from organisation.models import Semester


@transaction.atomic
def semester_save(*, semester: Semester) -> Semester:
    """Save a semester; making it current un-marks the school's previous current semester in the same
    transaction (the database allows only one current semester per school)."""
    if semester.is_current:
        Semester.objects.filter(school_id=semester.school_id, is_current=True).exclude(pk=semester.pk).update(
            is_current=False
        )
    semester.save()
    return semester
