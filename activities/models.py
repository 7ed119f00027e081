"""Care activities with attendance and evidence, assistance handed to children, and medical exams."""

import uuid
from datetime import date
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from children.models import Child
from guardians.models import Guardian
from organisation.models import School, Semester
from organisation.validators import validate_not_future


class ActivityKind(models.TextChoices):
    BIRTHDAY_PARTY = "birthday_party", _("Birthday party")
    FESTIVAL = "festival", _("Festival or performance")
    LECTURE = "lecture", _("Lecture")
    OUTING = "outing", _("Outing")
    INTEREST_GROUP = "interest_group", _("Interest group session")
    SPORTS = "sports", _("Sports")
    READING = "reading", _("Reading")
    MEDICAL_EXAM = "medical_exam", _("Free medical examination")
    PARENT_CHILD = "parent_child", _("Parent-child meeting")
    GUARDIAN_TRAINING = "guardian_training", _("Guardian training (parent school)")
    OTHER = "other", _("Other")


class LectureTopic(models.TextChoices):
    SAFETY = "safety", _("Safety")
    LAW = "law", _("Law")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    OTHER = "other", _("Other topic")


class Activity(models.Model):
    """A care activity of a school (关爱活动) and the children (and, for training, guardians) who took part."""

    school = models.ForeignKey(School, models.PROTECT, related_name="activities", verbose_name=_("school"))
    semester = models.ForeignKey(
        Semester, models.PROTECT, null=True, blank=True, related_name="activities", verbose_name=_("semester")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    topic = models.CharField(_("lecture topic"), max_length=20, choices=LectureTopic.choices, blank=True)
    title = models.CharField(_("title"), max_length=100)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_activities",
        verbose_name=_("organiser (staff)"),
    )
    organiser_name = models.CharField(
        _("organiser (other)"), max_length=100, blank=True, help_text=_("Someone without a login, or a group.")
    )
    partner = models.CharField(
        _("partner organisation"),
        max_length=100,
        blank=True,
        help_text=_("Women's Federation, Youth League, hospital, police station…"),
    )
    description = models.TextField(_("description"), blank=True)
    children = models.ManyToManyField(
        Child, through="Attendance", related_name="activities", blank=True, verbose_name=_("children")
    )
    guardians = models.ManyToManyField(
        Guardian, related_name="trainings", blank=True, verbose_name=_("guardians who came")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-start_time", "-pk"]
        indexes = [models.Index(fields=["school", "date"])]
        constraints = [
            models.CheckConstraint(
                name="topic_only_for_lectures",
                condition=Q(kind="lecture") | Q(topic=""),
                violation_error_message=_("Only a lecture has a topic."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title_in_quotes(self) -> str:
        """The title as it stands inside a message's “…”: quotes of its own become ‘…’ (GB/T 15834, 引号套用),
        so "编辑“%(title)s”" reads 编辑“‘爱心书包’捐赠仪式”, never 编辑““爱心书包”捐赠仪式”."""
        return self.title.replace("“", "‘").replace("”", "’")

    @property
    def kind_label(self) -> str:
        if self.kind == ActivityKind.LECTURE and self.topic:
            return _("Lecture: %(topic)s") % {"topic": self.get_topic_display()}
        return self.get_kind_display()

    @property
    def organiser_label(self) -> str:
        return self.organiser_name or (str(self.organiser) if self.organiser_id else "")


class Attendance(models.Model):
    """One child taking part in one activity."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="attendances", verbose_name=_("activity"))
    child = models.ForeignKey(Child, models.CASCADE, related_name="attendances", verbose_name=_("child"))
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["activity", "child__school_class__grade", "child__school_class__number", "child__name"]
        constraints = [models.UniqueConstraint(fields=["activity", "child"], name="attend_once")]

    def __str__(self) -> str:
        return f"{self.child} @ {self.activity}"


def _evidence_path(instance: "Evidence", filename: str) -> str:
    # Random names: a photo of a minor must not be reachable by guessing its address.
    suffix = PurePosixPath(filename).suffix.lower()[:6]
    return f"activities/evidence/{instance.activity_id}/{uuid.uuid4().hex}{suffix}"


def _thumbnail_path(instance: "Evidence", filename: str) -> str:
    return f"activities/thumbnails/{instance.activity_id}/{uuid.uuid4().hex}.jpg"


class Evidence(models.Model):
    """A photo or document proving an activity took place; served only through a scope-checked view."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Photo")
        PDF = "pdf", _("PDF document")

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="evidence", verbose_name=_("activity"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=_evidence_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=_thumbnail_path, max_length=200, blank=True)
    content_type = models.CharField(max_length=50)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["activity", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.caption or self.original_name


class DonorKind(models.TextChoices):
    WOMENS_FEDERATION = "womens_federation", _("Women's Federation")
    WORKING_COMMITTEE = "working_committee", _("Working Committee for the Next Generation")
    YOUTH_LEAGUE = "youth_league", _("Youth League")
    COMPANY = "company", _("Company")
    INDIVIDUAL = "individual", _("Individual")
    GOVERNMENT = "government", _("Government department")
    OTHER = "other", _("Other")


class AssistanceKind(models.TextChoices):
    MONEY = "money", _("Money")
    GOODS = "goods", _("Goods")
    TUITION = "tuition", _("Tuition or fees")
    OTHER = "other", _("Other")


# Kinds of assistance whose amount is the help itself: 0 yuan of money or tuition is no help at all.
# Goods (and other help) may carry 0 when their value is unknown: a donated coat still helped the child.
PAID_KINDS = (AssistanceKind.MONEY.value, AssistanceKind.TUITION.value)


class Assistance(models.Model):
    """Money or goods handed to one child (资助). Amounts are exact yuan: Decimal, never float.

    Money and tuition must be more than 0 yuan; goods and other help may be recorded at 0 when their value
    is unknown (they were still given, so the child counts as assisted). No amount is ever negative.
    The date is the day it was handed over: never in the future.
    """

    child = models.ForeignKey(Child, models.PROTECT, related_name="assistances", verbose_name=_("child"))
    semester = models.ForeignKey(
        Semester, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("semester")
    )
    date = models.DateField(_("date"), validators=[validate_not_future])
    donor_kind = models.CharField(_("donor kind"), max_length=20, choices=DonorKind.choices)
    donor = models.CharField(
        _("donor"), max_length=100, blank=True, help_text=_("e.g. 市关工委, a company or a person.")
    )
    kind = models.CharField(_("kind of assistance"), max_length=10, choices=AssistanceKind.choices)
    amount = models.DecimalField(
        _("amount (yuan)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message=_("An amount cannot be negative."))],
        help_text=_("For goods, their value in yuan (0 if unknown)."),
    )
    description = models.CharField(_("what was given"), max_length=200, blank=True)
    activity = models.ForeignKey(
        Activity, models.SET_NULL, null=True, blank=True, related_name="assistances", verbose_name=_("activity")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assistance")
        verbose_name_plural = _("assistance")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="assistance_amount_not_negative",
                condition=Q(amount__gte=0),
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                name="money_and_tuition_more_than_zero",
                condition=Q(amount__gt=0) | ~Q(kind__in=PAID_KINDS),
                violation_error_message=_("Money and tuition must be more than 0 yuan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} {self.amount}"

    def clean(self) -> None:
        if self.kind in PAID_KINDS and self.amount is not None and self.amount == 0:
            raise ValidationError({"amount": _("Money and tuition must be more than 0 yuan.")}, code="amount_zero")

    @property
    def donor_label(self) -> str:
        return self.donor or self.get_donor_kind_display()


HEIGHT_MESSAGE = _("A child's height is between 30 and 250 cm.")
WEIGHT_MESSAGE = _("A child's weight is between 2 and 200 kg.")


class MedicalExam(models.Model):
    """One child's results of a (free) medical examination."""

    child = models.ForeignKey(Child, models.CASCADE, related_name="medical_exams", verbose_name=_("child"))
    activity = models.ForeignKey(
        Activity,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="medical_exams",
        verbose_name=_("medical-exam activity"),
        limit_choices_to={"kind": ActivityKind.MEDICAL_EXAM},
    )
    date = models.DateField(_("date"), validators=[validate_not_future])
    height_cm = models.DecimalField(_("height (cm)"), max_digits=4, decimal_places=1, null=True, blank=True)
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=4, decimal_places=1, null=True, blank=True)
    vision_left = models.DecimalField(_("vision, left eye"), max_digits=3, decimal_places=1, null=True, blank=True)
    vision_right = models.DecimalField(_("vision, right eye"), max_digits=3, decimal_places=1, null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medical exam")
        verbose_name_plural = _("medical exams")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="height_plausible",
                condition=Q(height_cm__isnull=True) | Q(height_cm__gt=30, height_cm__lt=250),
                violation_error_message=HEIGHT_MESSAGE,
            ),
            models.CheckConstraint(
                name="weight_plausible",
                condition=Q(weight_kg__isnull=True) | Q(weight_kg__gt=2, weight_kg__lt=200),
                violation_error_message=WEIGHT_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} {self.date}"

    def clean(self) -> None:
        """The plausibility rules of the constraints, as errors next to the field."""
        errors = {}
        if self.height_cm is not None and not 30 < self.height_cm < 250:
            errors["height_cm"] = HEIGHT_MESSAGE
        if self.weight_kg is not None and not 2 < self.weight_kg < 200:
            errors["weight_kg"] = WEIGHT_MESSAGE
        if errors:
            raise ValidationError(errors)


# --- The children's home (留守儿童之家): the school's room, its opening log, and its book loans. ---


class ChildrensHome(models.Model):
    """A school's children's home: where left-behind children read, play and call home on the family phone."""

    school = models.OneToOneField(School, models.CASCADE, related_name="childrens_home", verbose_name=_("school"))
    name = models.CharField(_("name"), max_length=100)
    room = models.CharField(_("room"), max_length=100, blank=True)
    opening_hours = models.CharField(
        _("opening hours"), max_length=200, blank=True, help_text=_("For example: Mon–Fri 16:30–17:30.")
    )
    equipment = models.TextField(_("equipment"), blank=True, help_text=_("Family phone, books, TV, games…"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person responsible"),
    )
    loan_days = models.PositiveSmallIntegerField(
        _("loan period (days)"),
        default=14,
        validators=[MinValueValidator(1)],
        help_text=_("A book not returned after this many days is overdue."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("children's home")
        verbose_name_plural = _("children's homes")

    def __str__(self) -> str:
        return self.name


class HomeSession(models.Model):
    """One opening of the children's home: when, who was on duty, the children who came, what was done."""

    home = models.ForeignKey(ChildrensHome, models.CASCADE, related_name="sessions", verbose_name=_("children's home"))
    date = models.DateField(_("date"), validators=[validate_not_future])
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    duty = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="home_duties",
        verbose_name=_("on duty (staff)"),
    )
    duty_name = models.CharField(
        _("on duty (other)"), max_length=100, blank=True, help_text=_("A carer or volunteer without a login.")
    )
    activities = models.TextField(pgettext_lazy("a children's home session", "what was done"), blank=True)
    children = models.ManyToManyField(Child, related_name="home_sessions", blank=True, verbose_name=_("children"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[children])

    class Meta:
        verbose_name = _("children's home session")
        verbose_name_plural = _("children's home sessions")
        ordering = ["-date", "-start_time", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="home_session_ends_after_it_starts",
                condition=Q(start_time__isnull=True) | Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")),
                violation_error_message=_("A session ends after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.home} {self.date}"

    @property
    def duty_label(self) -> str:
        return self.duty_name or (str(self.duty) if self.duty_id else "")


class HomeCall(models.Model):
    """A family-phone call made during a session: the parent contact (started by the child) it was."""

    session = models.ForeignKey(HomeSession, models.CASCADE, related_name="calls", verbose_name=_("session"))
    contact = models.OneToOneField(
        "guardians.ParentContact", models.CASCADE, related_name="home_call", verbose_name=_("parent contact")
    )

    class Meta:
        verbose_name = _("family-phone call")
        verbose_name_plural = _("family-phone calls")

    def __str__(self) -> str:
        return str(self.contact)


class BookLoan(models.Model):
    """A book a child borrowed from the children's home; overdue when not back after the home's loan period."""

    home = models.ForeignKey(ChildrensHome, models.CASCADE, related_name="loans", verbose_name=_("children's home"))
    child = models.ForeignKey(Child, models.CASCADE, related_name="book_loans", verbose_name=_("child"))
    title = models.CharField(_("book title"), max_length=200)
    borrowed_on = models.DateField(_("borrowed on"), validators=[validate_not_future])
    returned_on = models.DateField(_("returned on"), null=True, blank=True, validators=[validate_not_future])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, editable=False, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("book loan")
        verbose_name_plural = _("book loans")
        ordering = ["-borrowed_on", "-pk"]
        indexes = [models.Index(fields=["home", "returned_on"])]
        constraints = [
            models.CheckConstraint(
                name="book_returned_after_borrowed",
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("borrowed_on")),
                violation_error_message=_("A book is returned on or after the day it was borrowed."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.returned_on is None and (on - self.borrowed_on).days > self.home.loan_days
