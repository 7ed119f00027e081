"""Reports read the other apps' records; what they keep of their own is what a person signed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisation.models import School, Semester


class SemesterSummary(models.Model):
    """One version of a school's semester summary (学期工作总结): the principal's narrative and, once signed,
    the frozen snapshot of its figures. A draft (unsigned) changes freely; a signed version never changes:
    reopening makes the next version, a draft carrying the narrative on."""

    school = models.ForeignKey(School, models.PROTECT, related_name="+", verbose_name=_("school"))
    semester = models.ForeignKey(Semester, models.PROTECT, related_name="summaries", verbose_name=_("semester"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    achievements = models.TextField(_("achievements"), blank=True)
    problems = models.TextField(_("problems"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    snapshot = models.JSONField(_("signed figures"), null=True, blank=True, editable=False)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True, editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("signed by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("semester summary")
        verbose_name_plural = _("semester summaries")
        ordering = ["semester", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["semester", "version"], name="summary_version_unique"),
            models.UniqueConstraint(
                fields=["semester"], condition=Q(signed_at__isnull=True), name="one_draft_summary_per_semester"
            ),
            models.CheckConstraint(
                name="signed_summary_has_snapshot_and_signer",
                condition=Q(signed_at__isnull=True) | Q(snapshot__isnull=False, signed_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.semester} v{self.version}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None
