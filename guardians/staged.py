"""What the two staged imports (roster, exam sheet) share in the database: forgetting the uploads nobody confirmed."""

from datetime import timedelta

from django.utils import timezone

from guardians.models import ResultImport, RosterImport

# An upload holds children's names, ID numbers, phones and scores: one left waiting for confirmation, or stopped
# by an error, is kept this long and no longer. Confirmed and undone imports stay (the list of imports, undo).
FORGET_AFTER = timedelta(days=7)


def forget_stale_uploads(school_id: int) -> None:
    """Delete the school's uploads still waiting for confirmation after FORGET_AFTER, with their file and rows.
    Every new upload calls it, so no scheduled job is needed."""
    cutoff = timezone.now() - FORGET_AFTER
    for model in (RosterImport, ResultImport):
        model.objects.filter(school_id=school_id, status=model.Status.STAGED, created_at__lt=cutoff).delete()
