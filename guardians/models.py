from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from children.models import Child
from organisation.validators import validate_phone

# An elder brother or sister may be the guardian; nobody looking after a child is older than 110.
GUARDIAN_AGE_MIN, GUARDIAN_AGE_MAX = 14, 110
GUARDIAN_AGE_OUT_OF_RANGE = _("A guardian's age must be between 14 and 110.")  # the bounds above


class Parent(models.Model):
    """A child's father or mother, and where they are (DESIGN.md: guardians.Parent)."""

    class Relation(models.TextChoices):
        FATHER = "father", _("Father")
        MOTHER = "mother", _("Mother")

    class Situation(models.TextChoices):
        AWAY = "away", _("Working away from home")
        AT_HOME = "at_home", _("At home, caring for the child")
        UNABLE = "unable", _("At home but unable to care (ill, disabled…)")
        DECEASED = "deceased", _("Deceased")
        UNKNOWN = "unknown", _("Whereabouts unknown")

    class UsualReturn(models.TextChoices):
        SPRING_FESTIVAL = "spring_festival", _("Spring Festival")
        SUMMER = "summer", _("Summer holiday")
        TWICE_A_YEAR = "twice_a_year", _("Twice a year or more")
        RARELY = "rarely", _("Less than once a year")
        OTHER = "other", _("Other")

    child = models.ForeignKey(Child, models.CASCADE, related_name="parents", verbose_name=_("child"))
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)
    name = models.CharField(pgettext_lazy("a person's name", "name"), max_length=50, blank=True)
    situation = models.CharField(_("situation"), max_length=10, choices=Situation.choices, default=Situation.AWAY)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    work_province = models.CharField(_("works in (province)"), max_length=20, blank=True)
    work_city = models.CharField(_("works in (city)"), max_length=30, blank=True)
    employer = models.CharField(_("employer or unit"), max_length=100, blank=True)
    occupation = models.CharField(_("occupation"), max_length=50, blank=True)
    away_since = models.DateField(_("away since"), null=True, blank=True)
    usual_return = models.CharField(_("usually comes home"), max_length=20, choices=UsualReturn.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("parent")
        verbose_name_plural = _("parents")
        ordering = ["child", "relation"]
        constraints = [models.UniqueConstraint(fields=["child", "relation"], name="one_father_one_mother")]

    def __str__(self) -> str:
        return self.name or self.get_relation_display()

    @property
    def work_place(self) -> str:
        """Province and city the parent works in, separated the way the language writes them."""
        if self.work_province and self.work_city:
            return _("%(province)s, %(city)s") % {"province": self.work_province, "city": self.work_city}
        return self.work_province or self.work_city


class Guardian(models.Model):
    """The adult the child lives with while the parents are away (临时/代理监护人)."""

    class Relation(models.TextChoices):
        GRANDFATHER = "grandfather", _("Grandfather (paternal)")
        GRANDMOTHER = "grandmother", _("Grandmother (paternal)")
        MATERNAL_GRANDFATHER = "maternal_grandfather", _("Grandfather (maternal)")
        MATERNAL_GRANDMOTHER = "maternal_grandmother", _("Grandmother (maternal)")
        PARENT = "parent", _("Parent at home")
        UNCLE_AUNT = "uncle_aunt", _("Uncle or aunt")
        SIBLING = "sibling", _("Older sibling")
        OTHER = "other", _("Other relative or friend")

    class Education(models.TextChoices):
        NONE = "none", _("No schooling")
        PRIMARY = "primary", _("Primary school")
        JUNIOR = "junior", _("Junior middle school")
        SENIOR = "senior", _("Senior high school")
        COLLEGE = "college", _("College or above")

    class Health(models.TextChoices):
        GOOD = "good", _("Good")
        FAIR = "fair", _("Fair")
        POOR = "poor", _("Poor")

    child = models.ForeignKey(Child, models.CASCADE, related_name="guardians", verbose_name=_("child"))
    name = models.CharField(pgettext_lazy("a person's name", "name"), max_length=50)
    relation = models.CharField(_("relation"), max_length=30, choices=Relation.choices)
    age = models.PositiveSmallIntegerField(
        _("age"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(GUARDIAN_AGE_MIN, message=GUARDIAN_AGE_OUT_OF_RANGE),
            MaxValueValidator(GUARDIAN_AGE_MAX, message=GUARDIAN_AGE_OUT_OF_RANGE),
        ],
    )
    education = models.CharField(_("education"), max_length=10, choices=Education.choices, blank=True)
    health = models.CharField(_("health"), max_length=10, choices=Health.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    address = models.CharField(pgettext_lazy("where a person lives", "address"), max_length=200, blank=True)
    can_help_homework = models.BooleanField(_("can help with homework"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        ordering = ["child", "pk"]
        constraints = [
            models.CheckConstraint(
                name="guardian_age_plausible",
                condition=Q(age__isnull=True) | Q(age__gte=GUARDIAN_AGE_MIN, age__lte=GUARDIAN_AGE_MAX),
                violation_error_message=GUARDIAN_AGE_OUT_OF_RANGE,
            )
        ]

    def __str__(self) -> str:
        return self.name


class EmergencyContact(models.Model):
    child = models.ForeignKey(Child, models.CASCADE, related_name="emergency_contacts", verbose_name=_("child"))
    name = models.CharField(pgettext_lazy("a person's name", "name"), max_length=50)
    relation = models.CharField(_("relation"), max_length=30)
    phone = models.CharField(_("phone"), max_length=20, validators=[validate_phone])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emergency contact")
        verbose_name_plural = _("emergency contacts")
        ordering = ["child", "pk"]

    def __str__(self) -> str:
        return self.name


class ParentContact(models.Model):
    """A call, video call, message or letter between the school side and a parent or the guardian,
    including the child's own calls home on the family phone (亲情电话)."""

    class Counterpart(models.TextChoices):
        PARENT = "parent", _("Parent")
        GUARDIAN = "guardian", _("Guardian")

    class Channel(models.TextChoices):
        CALL = "call", _("Phone call")
        VIDEO = "video", _("Video call")
        MESSAGE = "message", _("Message")
        LETTER = "letter", _("Letter")
        IN_PERSON = "in_person", _("In person")

    class Initiator(models.TextChoices):
        SCHOOL = "school", _("School / head teacher")
        CARER = "carer", _("Carer")
        CHILD = "child", _("The child (family phone)")
        PARENT = "parent", _("The parent")
        GUARDIAN = "guardian", _("The guardian")

    child = models.ForeignKey(Child, models.CASCADE, related_name="parent_contacts", verbose_name=_("child"))
    date = models.DateField(_("date"))
    counterpart = models.CharField(_("with"), max_length=10, choices=Counterpart.choices, default=Counterpart.PARENT)
    parent = models.ForeignKey(
        Parent, models.SET_NULL, null=True, blank=True, related_name="contacts", verbose_name=_("parent")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.CALL)
    initiated_by = models.CharField(_("started by"), max_length=10, choices=Initiator.choices, default=Initiator.SCHOOL)
    reached = models.BooleanField(_("reached"), default=True)
    summary = models.TextField(_("summary"), blank=True)
    place = models.CharField(
        _("place"), max_length=100, blank=True, help_text=_("Where the call was made, e.g. the children's home.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    # The outbox of a phone (organisation/outbox.py) names each record it sends: a replay answers with this one.
    client_uuid = models.UUIDField(_("client id"), null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("parent contact")
        verbose_name_plural = _("parent contacts")
        ordering = ["-date", "-created_at"]
        indexes = [
            models.Index(fields=["child", "date"]),
            # The care compliance loader reads the reached contacts of a school's children in a semester:
            # on PostgreSQL an index-only scan per child instead of a scan of the district's contacts.
            models.Index(
                fields=["child", "date"],
                include=["counterpart", "recorded_by"],
                condition=Q(reached=True),
                name="contact_reached_child_date_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} {self.get_channel_display()} {self.date}"


class StagedWork(models.Model):
    """What a staged import's background work (reading the file, checking its rows, importing them) has got to, for the
    progress page (guardians.import_work); `phase` is empty when nothing runs."""

    class Phase(models.TextChoices):
        IDLE = "", pgettext_lazy("import progress", "Done")
        QUEUED = "queued", _("Waiting to start")
        READING = "reading", _("Reading the file")
        CHECKING = "checking", _("Checking the rows")
        IMPORTING = "importing", _("Importing the rows")
        FAILED = "failed", _("Stopped")

    phase = models.CharField(max_length=10, choices=Phase.choices, default=Phase.IDLE, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    phase_at = models.DateTimeField(null=True, blank=True)  # the last progress written
    failure = models.TextField(blank=True)  # why the work stopped, in the uploader's language

    class Meta:
        abstract = True


class RosterImport(StagedWork):
    """A roster upload, staged: the parsed rows wait here until someone confirms, and the record stays
    afterwards to list imports and to undo one."""

    class Status(models.TextChoices):
        STAGED = "staged", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Imported")
        UNDONE = "undone", _("Undone")

    school = models.ForeignKey("organisation.School", models.CASCADE, related_name="+", verbose_name=_("school"))
    file_name = models.CharField(_("file"), max_length=200)
    source = models.BinaryField(editable=False)  # the uploaded file, for the error workbook
    header_row = models.PositiveIntegerField(default=1)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=list)
    rows = models.JSONField(default=list)  # [[row number, [cells]]] as parsed once
    results = models.JSONField(default=list)  # the checked rows (guardians.roster.RowResult.as_json)
    counts = models.JSONField(default=dict)
    checked_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.STAGED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    undo = models.JSONField(default=dict, editable=False)  # what confirming did, so it can be undone
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class ResultImport(StagedWork):
    """A class's exam sheet, staged: the parsed rows wait here until someone confirms them into the
    semester's academic results (children.AcademicResult)."""

    class Status(models.TextChoices):
        STAGED = "staged", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Imported")
        UNDONE = "undone", _("Undone")

    school = models.ForeignKey("organisation.School", models.CASCADE, related_name="+", verbose_name=_("school"))
    school_class = models.ForeignKey(
        "organisation.SchoolClass", models.CASCADE, related_name="+", verbose_name=_("class")
    )
    semester = models.ForeignKey("organisation.Semester", models.CASCADE, related_name="+", verbose_name=_("semester"))
    exam = models.CharField(_("exam"), max_length=50)
    file_name = models.CharField(_("file"), max_length=200)
    source = models.BinaryField(editable=False)
    header_row = models.PositiveIntegerField(default=1)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=list)
    rows = models.JSONField(default=list)  # [[row number, [cells]]] as parsed once
    results = models.JSONField(default=list)  # the checked rows (guardians.results_sheet.check_rows)
    counts = models.JSONField(default=dict)
    checked_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.STAGED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    undo = models.JSONField(default=dict, editable=False)  # the results it created, the old values it changed
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("results import")
        verbose_name_plural = _("results imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
