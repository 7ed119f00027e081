"""Reports read the other apps' records; what they keep of their own is what a person signed."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organisation.models import District, Prefecture, School, Semester


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


# --- The district's monthly reports (月报) ---

DEFAULT_MONTHLY_FIGURES = [2, 4, 6, 8, 9, 10, 11, 12, 14, 15, 18, 21]


def default_monthly_figures() -> list[int]:
    return list(DEFAULT_MONTHLY_FIGURES)


class DistrictReportSettings(models.Model):
    """What a district asks of its schools' monthly reports: the report day D (the report for month M covers
    D of M−1 to D−1 of M and is due on D of M), the REPORTS.md figures it shows, how many information
    items (信息) each report must carry and the months no report is due for. A district without a row uses
    the defaults."""

    district = models.OneToOneField(
        District, models.CASCADE, related_name="report_settings", verbose_name=_("district")
    )
    report_day = models.PositiveSmallIntegerField(
        _("report day"),
        default=22,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Day of the month the monthly report is due (1 to 28)."),
    )
    figures = models.JSONField(_("figures asked for"), default=default_monthly_figures)
    items_required = models.PositiveSmallIntegerField(
        _("information items required"), default=2, validators=[MaxValueValidator(10)]
    )
    # Months no school owes a report for (the summer holiday…), as "YYYY-MM" keys of their windows.
    months_not_due = models.JSONField(_("months not due"), default=list, blank=True)
    # Windows of the summer holiday are not due unless the district asks for them: their keys go here.
    months_due = models.JSONField(_("summer months due"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("district report settings")
        verbose_name_plural = _("district report settings")
        constraints = [
            models.CheckConstraint(
                name="report_day_between_1_and_28",
                condition=Q(report_day__gte=1, report_day__lte=28),
                violation_error_message=_("The report day is between 1 and 28."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.district)


class MonthlyReport(models.Model):
    """One version of a school's monthly report for month M (the window D of M−1 to D−1 of M, due on D of M,
    fixed when the version is made). A draft carries information items that change freely; submission
    freezes the figures into the snapshot. The district may return a submitted version with a comment: it
    stays as it is, and the school works on the next version (a draft carrying the items on). Or the district
    accepts it (已接收): the report is then final, neither returned nor changed any more."""

    school = models.ForeignKey(School, models.PROTECT, related_name="+", verbose_name=_("school"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    due_on = models.DateField(_("due"))
    snapshot = models.JSONField(_("submitted figures"), null=True, blank=True, editable=False)
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
    # Why a figure is far from the school's previous months (reports.warnings), given on submission; the
    # warnings themselves are kept in the snapshot ("warnings").
    warning_reason = models.TextField(_("reason for the unusual figures"), blank=True, editable=False)
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
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["school", "-year", "-month", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "month", "version"], name="monthly_report_version_unique"
            ),
            models.UniqueConstraint(
                fields=["school", "year", "month"],
                condition=Q(submitted_at__isnull=True),
                name="one_draft_monthly_report_per_month",
            ),
            models.CheckConstraint(
                name="submitted_monthly_report_has_snapshot",
                condition=Q(submitted_at__isnull=True) | Q(snapshot__isnull=False, submitted_by__isnull=False),
            ),
            models.CheckConstraint(
                name="only_submitted_monthly_reports_are_returned",
                condition=Q(returned_at__isnull=True) | Q(submitted_at__isnull=False),
            ),
            models.CheckConstraint(
                name="accepted_monthly_reports_are_submitted_and_not_returned",
                condition=Q(accepted_at__isnull=True)
                | Q(submitted_at__isnull=False, returned_at__isnull=True, accepted_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.year}-{self.month:02d} v{self.version}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_returned(self) -> bool:
        return self.returned_at is not None

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class FrozenFigures(models.Model):
    """The figures of one school's frozen report, as the district's roll-up reads its snapshot
    (reports.district.COLUMNS): a count per column, a rate as its numerator and denominator, both counting
    rules (教育口径 单留守/双留守, 民政口径), the assistance in yuan. A figure the snapshot does not hold is NULL
    (it counts in no total). Counts only, never a name. Written by tasks (reports.monthly_figures)."""

    written_at = models.DateTimeField(_("written"), auto_now=True)
    lbc = models.PositiveIntegerField(null=True, editable=False)
    edu_single = models.PositiveIntegerField(null=True, editable=False)
    edu_double = models.PositiveIntegerField(null=True, editable=False)
    civil = models.PositiveIntegerField(null=True, editable=False)
    type_both_away = models.PositiveIntegerField(null=True, editable=False)
    type_father_away = models.PositiveIntegerField(null=True, editable=False)
    type_mother_away = models.PositiveIntegerField(null=True, editable=False)
    type_one_away_other_unable = models.PositiveIntegerField(null=True, editable=False)
    new = models.PositiveIntegerField(null=True, editable=False)
    left = models.PositiveIntegerField(null=True, editable=False)
    talks = models.PositiveIntegerField(null=True, editable=False)
    visits = models.PositiveIntegerField(null=True, editable=False)
    contacts = models.PositiveIntegerField(null=True, editable=False)
    activities = models.PositiveIntegerField(null=True, editable=False)
    childrens_home = models.PositiveIntegerField(null=True, editable=False)
    attention_act_now = models.PositiveIntegerField(null=True, editable=False)
    attention_close = models.PositiveIntegerField(null=True, editable=False)
    attention_reminder = models.PositiveIntegerField(null=True, editable=False)
    safety_events = models.PositiveIntegerField(null=True, editable=False)
    safety_living_alone = models.PositiveIntegerField(null=True, editable=False)
    safety_missing = models.PositiveIntegerField(null=True, editable=False)
    safety_harm = models.PositiveIntegerField(null=True, editable=False)
    safety_other = models.PositiveIntegerField(null=True, editable=False)
    safety_open = models.PositiveIntegerField(null=True, editable=False)
    filing_n = models.PositiveIntegerField(null=True, editable=False)
    filing_d = models.PositiveIntegerField(null=True, editable=False)
    pairing_n = models.PositiveIntegerField(null=True, editable=False)
    pairing_d = models.PositiveIntegerField(null=True, editable=False)
    talk_coverage_n = models.PositiveIntegerField(null=True, editable=False)
    talk_coverage_d = models.PositiveIntegerField(null=True, editable=False)
    visit_coverage_n = models.PositiveIntegerField(null=True, editable=False)
    visit_coverage_d = models.PositiveIntegerField(null=True, editable=False)
    contact_coverage_n = models.PositiveIntegerField(null=True, editable=False)
    contact_coverage_d = models.PositiveIntegerField(null=True, editable=False)
    compliance_n = models.PositiveIntegerField(null=True, editable=False)
    compliance_d = models.PositiveIntegerField(null=True, editable=False)
    assistance_total = models.DecimalField(max_digits=14, decimal_places=2, null=True, editable=False)

    class Meta:
        abstract = True


class MonthlyFigures(FrozenFigures):
    """The figures of one school's monthly report for one month, one row per school and month, written by a
    task (reports.monthly_figures) whenever a version is submitted, returned or accepted, from that version's
    frozen snapshot: the district's roll-up columns (reports.district.COLUMNS), a rate as its numerator and
    denominator, both counting rules (教育口径 单留守/双留守, 民政口径). The levels above the county add these
    rows up in SQL instead of opening every snapshot, so a province's page does not grow with its children.
    A figure the snapshot does not hold is NULL (it counts in no total). Counts only, never a name."""

    school = models.ForeignKey(School, models.CASCADE, related_name="+", verbose_name=_("school"))
    district = models.ForeignKey(District, models.CASCADE, related_name="+", verbose_name=_("district"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    report = models.ForeignKey(MonthlyReport, models.CASCADE, related_name="+", verbose_name=_("monthly report"))
    submitted_on = models.DateField(_("submitted"))
    due_on = models.DateField(_("due"))
    returned = models.BooleanField(_("returned"), default=False)
    accepted = models.BooleanField(_("accepted"), default=False)

    class Meta:
        verbose_name = _("frozen monthly figures")
        verbose_name_plural = _("frozen monthly figures")
        constraints = [
            models.UniqueConstraint(fields=["school", "year", "month"], name="one_frozen_figures_row_per_school_month"),
        ]
        indexes = [models.Index(fields=["year", "month", "district"], name="frozen_figures_month_district")]

    def __str__(self) -> str:
        return f"{self.school_id} {self.year}-{self.month:02d}"


class SemesterFigures(FrozenFigures):
    """The figures of one school's signed semester summary (the latest signed version), one row per school and
    semester, written by a task queued with the signature (reports.monthly_figures): the levels above the county
    add these rows up for a semester as they add up the monthly rows for a month. Counts only, never a name."""

    school = models.ForeignKey(School, models.CASCADE, related_name="+", verbose_name=_("school"))
    district = models.ForeignKey(District, models.CASCADE, related_name="+", verbose_name=_("district"))
    school_year = models.PositiveSmallIntegerField(_("school year"))
    term = models.PositiveSmallIntegerField(_("term"), validators=[MinValueValidator(1), MaxValueValidator(2)])
    summary = models.ForeignKey(SemesterSummary, models.CASCADE, related_name="+", verbose_name=_("semester summary"))
    signed_on = models.DateField(_("signed"))

    class Meta:
        verbose_name = _("frozen semester figures")
        verbose_name_plural = _("frozen semester figures")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "term"], name="one_frozen_figures_row_per_school_semester"
            ),
        ]
        indexes = [
            models.Index(fields=["school_year", "term", "district"], name="frozen_figures_term_district"),
        ]

    def __str__(self) -> str:
        return f"{self.school_id} {self.school_year}-{self.term}"


class InformationItem(models.Model):
    """A piece of news (信息) in a monthly report: what happened, when, in a few sentences, with photos chosen
    from the school's activity evidence. Items of a submitted version never change."""

    report = models.ForeignKey(MonthlyReport, models.CASCADE, related_name="items", verbose_name=_("monthly report"))
    title = models.CharField(_("title"), max_length=100)
    date = models.DateField(_("date"))
    text = models.TextField(_("text"), max_length=1000)
    photos = models.ManyToManyField("activities.Evidence", blank=True, related_name="+", verbose_name=_("photos"))

    class Meta:
        verbose_name = _("information item")
        verbose_name_plural = _("information items")
        ordering = ["report", "date", "pk"]

    def __str__(self) -> str:
        return self.title


# --- Approval bottom-up: a county approves its month or semester, the prefecture accepts its counties' ---


class PeriodApproval(models.Model):
    """A month or a semester approved at one level: a county's (district) once every school's report of the
    month is accepted (every school's summary of the semester signed), or a prefecture's once every county
    approved. While it stands the period is locked below it: the county's reports can be neither returned nor
    accepted, its schools' summaries not reopened, and a county's approval not withdrawn under an accepted
    prefecture. Withdrawing deletes the row, logged with its reason (PeriodApprovalLog). A semester is its
    school year (`year`) and term, with no month."""

    district = models.ForeignKey(
        District, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("district")
    )
    prefecture = models.ForeignKey(
        Prefecture, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("prefecture")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    term = models.PositiveSmallIntegerField(
        _("term"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(2)]
    )
    approved_at = models.DateTimeField(_("approved"), editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, editable=False, related_name="+", verbose_name=_("approved by")
    )

    class Meta:
        verbose_name = _("approved month")
        verbose_name_plural = _("approved months")
        constraints = [
            models.CheckConstraint(
                name="approval_of_one_county_or_one_prefecture",
                condition=Q(district__isnull=False, prefecture__isnull=True)
                | Q(district__isnull=True, prefecture__isnull=False),
            ),
            models.CheckConstraint(
                name="approval_of_a_month_or_a_semester",
                condition=Q(month__isnull=False, term__isnull=True) | Q(month__isnull=True, term__isnull=False),
            ),
            models.UniqueConstraint(fields=["district", "year", "month"], name="one_approval_per_county_month"),
            models.UniqueConstraint(fields=["prefecture", "year", "month"], name="one_approval_per_prefecture_month"),
            models.UniqueConstraint(fields=["district", "year", "term"], name="one_approval_per_county_semester"),
            models.UniqueConstraint(fields=["prefecture", "year", "term"], name="one_approval_per_prefecture_semester"),
        ]

    def __str__(self) -> str:
        period = f"{self.month:02d}" if self.month else f"T{self.term}"
        return f"{self.district or self.prefecture} {self.year}-{period}"


class PeriodApprovalLog(models.Model):
    """Every approval and withdrawal of a month or a semester at a level, with who, when and (for a withdrawal)
    why."""

    class Action(models.TextChoices):
        APPROVED = "approved", _("Approved")
        UNAPPROVED = "unapproved", _("Approval withdrawn")

    district = models.ForeignKey(
        District, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("district")
    )
    prefecture = models.ForeignKey(
        Prefecture, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("prefecture")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    term = models.PositiveSmallIntegerField(_("term"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))

    class Meta:
        verbose_name = _("approval log entry")
        verbose_name_plural = _("approval log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.year}-{f'{self.month:02d}' if self.month else f'T{self.term}'}"
