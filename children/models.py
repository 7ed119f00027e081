from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from children import left_behind
from children.left_behind import LeftBehindType
from organisation.models import School, SchoolClass, Semester
from organisation.validators import validate_not_future, validate_resident_id

# One message per rule, used by the database constraint and by the archive form alike.
KEY_HELP_REASON_MISSING = _("Give the reason why this child needs key help.")
ID_NUMBER_TAKEN = _("Another archive of this school already has this ID number.")


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class ChildStatus(models.TextChoices):
    ACTIVE = "active", _("Left-behind (active)")
    NO_LONGER = "no_longer", _("No longer left-behind")
    TRANSFERRED = "transferred", _("Transferred")
    GRADUATED = "graduated", _("Graduated")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class PovertyStatus(models.TextChoices):
    NONE = "none", _("None")
    DIBAO = "dibao", _("Minimum living allowance (低保)")
    REGISTERED_POOR = "registered_poor", _("Registered poor household (建档立卡)")
    OTHER = "other", _("Other difficulty")


class StudyLevel(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    AVERAGE = "average", _("Average")
    STRUGGLING = "struggling", _("Struggling")


class GuardianshipAssessment(models.TextChoices):
    """监护情况评估, as on the civil-affairs registration form of a left-behind child."""

    GOOD = "good", pgettext_lazy("guardianship", "Good")
    FAIR = "fair", pgettext_lazy("guardianship", "Fair")
    POOR = "poor", pgettext_lazy("guardianship", "Poor")


class ChildQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=ChildStatus.ACTIVE)


class ChildManager(models.Manager.from_queryset(ChildQuerySet)):
    """Children that have not been deleted. Deleted archives are reached only via `Child.all_objects`."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


NOTES_MAX_LENGTH = 2000  # a child's notes are a few lines; a cell of ten million characters is not notes


class Child(models.Model):
    """A left-behind child's archive (留守儿童档案)."""

    school = models.ForeignKey(School, models.PROTECT, related_name="children", verbose_name=_("school"))
    school_class = models.ForeignKey(SchoolClass, models.PROTECT, related_name="children", verbose_name=_("class"))
    name = models.CharField(pgettext_lazy("a person's name", "name"), max_length=50)
    # Filled by children.pinyin.set_name_pinyin so `zsq` finds 张思琪; never typed by a person.
    name_initials = models.CharField(_("name initials (pinyin)"), max_length=50, blank=True, editable=False)
    name_pinyin = models.CharField(_("name in pinyin"), max_length=200, blank=True, editable=False)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    id_number = models.CharField(_("resident ID number"), max_length=18, blank=True, validators=[validate_resident_id])
    ethnicity = models.CharField(_("ethnicity"), max_length=20, blank=True, default="汉族")
    address = models.CharField(_("home address (village)"), max_length=200, blank=True)
    is_boarding = models.BooleanField(_("boarding"), default=False)

    left_behind_type = models.CharField(
        _("left-behind type"), max_length=30, choices=LeftBehindType.choices, blank=True
    )
    identified_on = models.DateField(_("date identified"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ChildStatus.choices, default=ChildStatus.ACTIVE)

    study_level = models.CharField(_("study level"), max_length=20, choices=StudyLevel.choices, blank=True)
    behaviour = models.TextField(_("behaviour"), blank=True)
    personality = models.TextField(_("personality"), blank=True)
    hobbies = models.CharField(_("hobbies"), max_length=200, blank=True)
    health = models.CharField(_("health"), max_length=200, blank=True)
    disability = models.CharField(_("disability"), max_length=200, blank=True)
    poverty_status = models.CharField(
        _("poverty or difficulty"), max_length=20, choices=PovertyStatus.choices, default=PovertyStatus.NONE
    )
    guardianship = models.CharField(
        _("guardianship assessment"),
        max_length=10,
        choices=GuardianshipAssessment.choices,
        blank=True,
        help_text=_("How well the guardian looks after the child, as assessed on a home visit."),
    )
    is_key_help = models.BooleanField(_("key-help child (重点帮扶)"), default=False)
    key_help_reason = models.CharField(_("key-help reason"), max_length=200, blank=True)
    notes = models.TextField(
        _("notes"), max_length=NOTES_MAX_LENGTH, blank=True, validators=[MaxLengthValidator(NOTES_MAX_LENGTH)]
    )
    safety_letter_signed = models.BooleanField(
        _("safety responsibility letter signed"),
        default=False,
        help_text=_("The guardian signed the safety responsibility letter."),
    )
    safety_letter_signed_on = models.DateField(
        _("safety letter signed on"), null=True, blank=True, validators=[validate_not_future]
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    history = HistoricalRecords()

    objects = ChildManager()
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["school_class__grade", "school_class__number", "name"]
        base_manager_name = "all_objects"
        indexes = [models.Index(fields=["school", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "id_number"],
                condition=~Q(id_number="") & Q(deleted_at__isnull=True),
                name="child_id_number_unique_in_school",
                violation_error_message=ID_NUMBER_TAKEN,
            ),
            models.CheckConstraint(
                name="safety_letter_date_only_when_signed",
                condition=Q(safety_letter_signed=True) | Q(safety_letter_signed_on__isnull=True),
                violation_error_message=_("A date of signing needs the letter marked as signed."),
            ),
            models.CheckConstraint(
                name="key_help_has_reason_or_is_unflagged",
                condition=Q(is_key_help=False) | ~Q(key_help_reason=""),
                violation_error_message=KEY_HELP_REASON_MISSING,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("children:detail", args=[self.pk])

    @property
    def counts_in_registers(self) -> bool:
        """A child who is no longer left-behind (or left) counts in neither reading (REPORTS.md, "Type on d")."""
        return self.status == ChildStatus.ACTIVE

    @property
    def register_code(self) -> int:
        """The student register's reading: 0 not left-behind, 1 one parent away, 2 both away."""
        return left_behind.register_code(self.left_behind_type) if self.counts_in_registers else 0

    @property
    def counts_in_civil_affairs_register(self) -> bool:
        """The civil-affairs reading: both parents away, or one away and the other unable to care."""
        return self.counts_in_registers and left_behind.counts_in_civil_affairs_register(self.left_behind_type)


class ChildStatusChange(models.Model):
    """A dated change of a child's status; the archive itself is never deleted by one."""

    child = models.ForeignKey(Child, models.CASCADE, related_name="status_changes", verbose_name=_("child"))
    status = models.CharField(_("status"), max_length=20, choices=ChildStatus.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["child", "date", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.child} {self.get_status_display()} {self.date}"


class AcademicResult(models.Model):
    """One exam result of a child in a semester: a total and optional subject scores, and class rank."""

    child = models.ForeignKey(Child, models.CASCADE, related_name="results", verbose_name=_("child"))
    semester = models.ForeignKey(Semester, models.PROTECT, related_name="+", verbose_name=_("semester"))
    exam = models.CharField(_("exam"), max_length=50)
    chinese = models.DecimalField(_("Chinese"), max_digits=5, decimal_places=1, null=True, blank=True)
    maths = models.DecimalField(_("Mathematics"), max_digits=5, decimal_places=1, null=True, blank=True)
    english = models.DecimalField(_("English"), max_digits=5, decimal_places=1, null=True, blank=True)
    total = models.DecimalField(_("total score"), max_digits=6, decimal_places=1)
    class_rank = models.PositiveSmallIntegerField(_("class rank"), null=True, blank=True)
    class_size = models.PositiveSmallIntegerField(_("class size"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("academic result")
        verbose_name_plural = _("academic results")
        ordering = ["child", "semester__start_date", "exam"]
        constraints = [
            models.UniqueConstraint(fields=["child", "semester", "exam"], name="one_result_per_exam"),
            models.CheckConstraint(
                name="total_not_negative",
                condition=Q(total__gte=0),
                violation_error_message=_("The total score cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} {self.exam} {self.total}"
