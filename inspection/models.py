"""The district's inspection index (督导评估指标) and the schools' self-inspections (自查) against it.

An index belongs to a district and a school year: sections, items with their points, the evidence an item
asks for (computed from the records, uploaded, or checked on site) and, for a computed item, the measure it
reads and the rule that turns the value into points. A school's self-inspection is kept in versions like the
monthly report: a draft changes freely; submission freezes it into a snapshot; the district returns it with a
comment (the school works on the next version) or accepts it, after which nothing changes. The district's
findings on an accepted inspection become the school's dated action items until closed.
"""

import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organisation.models import District, School

POINTS = {"max_digits": 6, "decimal_places": 1}


class EvidenceKind(models.TextChoices):
    COMPUTED = "computed", _("Computed from the records")
    UPLOADED = "uploaded", _("Uploaded document or photo")
    ON_SITE = "on_site", _("Checked on site")


class Rule(models.TextChoices):
    PROPORTIONAL = "proportional", _("In proportion to the target")
    THRESHOLD = "threshold", _("All points when the target is reached")
    JUDGED = "judged", _("Judged by the scorer")


class Index(models.Model):
    """A district's index for one school year. Inspections against it freeze what they scored, so a later
    edit of the index never changes a submitted inspection."""

    district = models.ForeignKey(District, models.CASCADE, related_name="+", verbose_name=_("district"))
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The calendar year the school year starts in, e.g. 2026 for 2026–2027.")
    )
    name = models.CharField(_("name"), max_length=100)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inspection index")
        verbose_name_plural = _("inspection indexes")
        ordering = ["district", "-school_year"]
        constraints = [models.UniqueConstraint(fields=["district", "school_year"], name="one_index_per_school_year")]

    def __str__(self) -> str:
        return f"{self.name} ({self.school_year}–{self.school_year + 1})"


class Section(models.Model):
    index = models.ForeignKey(Index, models.CASCADE, related_name="sections", verbose_name=_("index"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=100)

    class Meta:
        verbose_name = _("index section")
        verbose_name_plural = _("index sections")
        ordering = ["index", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    """One item of the index: what is checked, its points, its evidence and (computed items) the measure and
    the rule: PROPORTIONAL gives points × value ÷ target (at most the points), THRESHOLD all points once the
    value reaches the target and none before; JUDGED items are scored by the school and the district."""

    section = models.ForeignKey(Section, models.CASCADE, related_name="items", verbose_name=_("section"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    points = models.DecimalField(
        _("points"), **POINTS, validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("100"))]
    )
    evidence = models.CharField(_("evidence"), max_length=10, choices=EvidenceKind.choices)
    measure = models.CharField(_("measure"), max_length=40, blank=True, help_text=_("What a computed item reads."))
    rule = models.CharField(_("scoring rule"), max_length=15, choices=Rule.choices, default=Rule.JUDGED)
    target = models.DecimalField(
        _("target"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("For a computed item: the value that earns all points (a percentage for a rate)."),
    )
    guidance = models.CharField(
        _("how it is checked"), max_length=300, blank=True, help_text=_("What the inspector looks at.")
    )

    class Meta:
        verbose_name = _("index item")
        verbose_name_plural = _("index items")
        ordering = ["section", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                name="computed_items_have_measure_rule_and_target",
                condition=~Q(evidence="computed")
                | (~Q(measure="") & Q(rule__in=["proportional", "threshold"]) & Q(target__isnull=False)),
                violation_error_message=_("A computed item names its measure, a rule and a target."),
            ),
            models.CheckConstraint(
                name="only_computed_items_are_scored_by_rule",
                condition=Q(evidence="computed") | Q(rule="judged"),
                violation_error_message=_("An uploaded or on-site item is judged by the scorer."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_computed(self) -> bool:
        return self.evidence == EvidenceKind.COMPUTED


class Inspection(models.Model):
    """One version of a school's self-inspection against an index, over the school year up to the day it is
    made (fixed when the version is made). The workflow's invariants are the monthly report's."""

    school = models.ForeignKey(School, models.PROTECT, related_name="+", verbose_name=_("school"))
    index = models.ForeignKey(Index, models.PROTECT, related_name="inspections", verbose_name=_("index"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    snapshot = models.JSONField(_("submitted self-inspection"), null=True, blank=True, editable=False)
    # Totals of the snapshot and of the district's review, kept apart for the side-by-side page.
    school_total = models.DecimalField(_("self-inspection score"), **POINTS, null=True, blank=True, editable=False)
    district_total = models.DecimalField(_("inspection score"), **POINTS, null=True, blank=True, editable=False)
    section_scores = models.JSONField(default=dict, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    returned_at = models.DateTimeField(
        pgettext_lazy("when a report was sent back", "returned"), null=True, blank=True, editable=False
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    return_comment = models.TextField(_("comment"), blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("self-inspection")
        verbose_name_plural = _("self-inspections")
        ordering = ["school", "-index__school_year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["school", "index", "version"], name="inspection_version_unique"),
            models.UniqueConstraint(
                fields=["school", "index"], condition=Q(submitted_at__isnull=True), name="one_draft_inspection"
            ),
            models.CheckConstraint(
                name="submitted_inspection_has_snapshot",
                condition=Q(submitted_at__isnull=True) | Q(snapshot__isnull=False, submitted_by__isnull=False),
            ),
            models.CheckConstraint(
                name="only_submitted_inspections_are_returned",
                condition=Q(returned_at__isnull=True) | Q(submitted_at__isnull=False),
            ),
            models.CheckConstraint(
                name="accepted_inspections_are_submitted_and_not_returned",
                condition=Q(accepted_at__isnull=True)
                | Q(submitted_at__isnull=False, returned_at__isnull=True, accepted_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.index.school_year} v{self.version}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_returned(self) -> bool:
        return self.returned_at is not None

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class Answer(models.Model):
    """A school's score of one item in one version (empty for a computed item: its score by the rule), with
    the note an override needs; and the district's score and finding once submitted."""

    inspection = models.ForeignKey(Inspection, models.CASCADE, related_name="answers", verbose_name=_("inspection"))
    item = models.ForeignKey(Item, models.PROTECT, related_name="+", verbose_name=_("item"))
    score = models.DecimalField(_("score"), **POINTS, null=True, blank=True)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    district_score = models.DecimalField(_("inspection score"), **POINTS, null=True, blank=True)
    finding = models.TextField(_("finding"), max_length=1000, blank=True)
    finding_due = models.DateField(_("to be corrected by"), null=True, blank=True)

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        constraints = [models.UniqueConstraint(fields=["inspection", "item"], name="one_answer_per_item")]

    def __str__(self) -> str:
        return f"{self.inspection} {self.item}"


def _evidence_path(instance: "EvidenceFile", filename: str) -> str:
    # Random names: a document or photo of the school must not be reachable by guessing its address.
    suffix = PurePosixPath(filename).suffix.lower()[:6]
    return f"inspection/evidence/{instance.school_id}/{uuid.uuid4().hex}{suffix}"


class EvidenceFile(models.Model):
    """A document or photo the school attaches to an item; checked by its content (activities.evidence) and
    served only through a scope-checked view. A new version carries the files of the one it follows."""

    school = models.ForeignKey(School, models.PROTECT, related_name="+", verbose_name=_("school"))
    answers = models.ManyToManyField(Answer, related_name="files", verbose_name=_("item scores"))
    kind = models.CharField(_("kind"), max_length=10)  # activities.models.Evidence.Kind values
    file = models.FileField(_("file"), upload_to=_evidence_path, max_length=200)
    content_type = models.CharField(max_length=50)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("inspection evidence")
        verbose_name_plural = _("inspection evidence")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ActionItem(models.Model):
    """A finding of the district on an accepted inspection: what the school must correct, by when; on the
    school's dashboard until the school closes it with a note."""

    school = models.ForeignKey(School, models.PROTECT, related_name="+", verbose_name=_("school"))
    inspection = models.ForeignKey(
        Inspection, models.PROTECT, related_name="action_items", verbose_name=_("inspection")
    )
    item_title = models.CharField(_("item"), max_length=200)
    text = models.TextField(_("finding"), max_length=1000)
    due_on = models.DateField(_("to be corrected by"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    close_note = models.TextField(_("what was done"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["closed_at", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="closed_action_items_say_who_and_what",
                condition=Q(closed_at__isnull=True) | (Q(closed_by__isnull=False) & ~Q(close_note="")),
            )
        ]

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None
