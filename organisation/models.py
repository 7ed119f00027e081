from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.roles import OFFICER_ROLES, Capability, Role, capabilities_of
from organisation.validators import validate_phone


class Province(models.Model):
    """A province (省): the prefectures (市) in it and, through them, their counties."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=12, unique=True, help_text=_("Administrative division code."))

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Prefecture(models.Model):
    """A prefecture (市, 地级): the counties (districts) below it, in one province."""

    province = models.ForeignKey(Province, models.PROTECT, related_name="prefectures", verbose_name=_("province"))
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=12, unique=True, help_text=_("Administrative division code."))

    class Meta:
        verbose_name = _("prefecture")
        verbose_name_plural = _("prefectures")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A county (县/区): the district education bureau and its schools; in a prefecture once one is recorded."""

    prefecture = models.ForeignKey(
        Prefecture,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="districts",
        verbose_name=_("prefecture"),
    )
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=12, unique=True, help_text=_("Administrative division code."))

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    district = models.ForeignKey(District, models.PROTECT, related_name="schools", verbose_name=_("district"))
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("school code"), max_length=20, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("school phone"), max_length=20, blank=True, validators=[validate_phone])
    # Monthly reports are due from the window this day falls in: the months before the school used the
    # system are not missing (reports.monthly.is_due).
    reporting_from = models.DateField(
        _("monthly reports due from"),
        default=timezone.localdate,
        help_text=_("The day the school started using the system; no monthly report is due before it."),
    )
    # A school that closed or merged into another owes no report due after that day (reports.monthly.is_due).
    reporting_until = models.DateField(
        _("closed or merged on"),
        null=True,
        blank=True,
        help_text=_("The day the school closed or merged into another; no monthly report is due after it."),
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["district", "code"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in. Staff belong to one school; an officer to one county (district), prefecture or
    province."""

    full_name = models.CharField(_("full name"), max_length=50)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    school = models.ForeignKey(
        School, models.PROTECT, null=True, blank=True, related_name="staff", verbose_name=_("school")
    )
    district = models.ForeignKey(
        District, models.PROTECT, null=True, blank=True, related_name="officers", verbose_name=_("district")
    )
    prefecture = models.ForeignKey(
        Prefecture, models.PROTECT, null=True, blank=True, related_name="officers", verbose_name=_("prefecture")
    )
    province = models.ForeignKey(
        Province, models.PROTECT, null=True, blank=True, related_name="officers", verbose_name=_("province")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])

    REQUIRED_FIELDS = ["full_name", "email"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "username"]
        constraints = [
            # An officer belongs to one area of their level and to no school; everyone else to a school.
            # Superusers made by createsuperuser may have no role at all.
            models.CheckConstraint(
                name="user_role_matches_affiliation",
                condition=Q(role="")
                | Q(
                    role=Role.DISTRICT_OFFICER,
                    district__isnull=False,
                    school__isnull=True,
                    prefecture__isnull=True,
                    province__isnull=True,
                )
                | Q(
                    role=Role.PREFECTURE_OFFICER,
                    prefecture__isnull=False,
                    school__isnull=True,
                    district__isnull=True,
                    province__isnull=True,
                )
                | Q(
                    role=Role.PROVINCE_OFFICER,
                    province__isnull=False,
                    school__isnull=True,
                    district__isnull=True,
                    prefecture__isnull=True,
                )
                | (
                    ~Q(role__in=OFFICER_ROLES)
                    & ~Q(role="")
                    & Q(school__isnull=False, prefecture__isnull=True, province__isnull=True)
                ),
                violation_error_message=_(
                    "An officer belongs to a county, a prefecture or a province; everyone else to a school."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    @property
    def capabilities(self) -> frozenset[str]:
        return capabilities_of(self.role)

    def can(self, capability: Capability | str) -> bool:
        return capability in self.capabilities


MAX_CLASSES_PER_GRADE = 30  # more parallel classes than any rural school has; catches typing slips


class SchoolClass(models.Model):
    GRADES = [(n, n) for n in range(1, 10)]

    school = models.ForeignKey(School, models.PROTECT, related_name="classes", verbose_name=_("school"))
    grade = models.PositiveSmallIntegerField(_("grade"), choices=GRADES)
    number = models.PositiveSmallIntegerField(
        _("class number"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CLASSES_PER_GRADE)]
    )
    head_teachers = models.ManyToManyField(
        User,
        blank=True,
        related_name="head_teacher_of",
        verbose_name=_("head teachers"),
        limit_choices_to={"role__in": [Role.HEAD_TEACHER, Role.PRINCIPAL, Role.ARCHIVE_KEEPER]},
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["school", "grade", "number"]
        constraints = [
            models.UniqueConstraint(fields=["school", "grade", "number"], name="class_unique_in_school"),
            models.CheckConstraint(
                name="class_number_positive",
                condition=Q(number__gte=1),
                violation_error_message=_("A class number starts at 1."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _("Grade %(grade)s Class %(number)s") % {"grade": self.grade, "number": self.number}


class Semester(models.Model):
    class Term(models.IntegerChoices):
        AUTUMN = 1, _("Autumn term")
        SPRING = 2, _("Spring term")

    school = models.ForeignKey(School, models.CASCADE, related_name="semesters", verbose_name=_("school"))
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The calendar year the school year starts in, e.g. 2026 for 2026–2027.")
    )
    term = models.PositiveSmallIntegerField(_("term"), choices=Term.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    is_current = models.BooleanField(_("current"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("semester")
        verbose_name_plural = _("semesters")
        ordering = ["school", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year", "term"], name="semester_unique_in_school"),
            models.UniqueConstraint(
                fields=["school"], condition=Q(is_current=True), name="one_current_semester_per_school"
            ),
            models.CheckConstraint(
                name="semester_ends_after_start",
                condition=Q(end_date__gt=models.F("start_date")),
                violation_error_message=_("The semester must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _("%(start)s–%(end)s %(term)s") % {
            "start": self.school_year,
            "end": self.school_year + 1,
            "term": self.get_term_display(),
        }


class LeadingGroupMember(models.Model):
    """A member of a school's leading group (领导小组) for one school year: a staff login or a named person,
    with a role and a duty. Members who leave keep their row with `left_on`, so each year's group stays
    on record."""

    class GroupRole(models.TextChoices):
        LEADER = "leader", _("Group leader")
        DEPUTY = "deputy", _("Deputy leader")
        MEMBER = "member", _("Member")

    class Duty(models.TextChoices):
        OVERALL = "overall", _("Overall responsibility")
        ARCHIVES = "archives", _("Archives")
        SAFETY = "safety", _("Safety")
        COUNSELLING = "counselling", _("Psychological counselling")
        CHILDRENS_HOME = "childrens_home", _("The children's home")
        FAMILY_PHONE = "family_phone", _("The family phone")
        ACTIVITIES = "activities", _("Activities")
        OTHER = "other", _("Other")

    school = models.ForeignKey(School, models.CASCADE, related_name="leading_group", verbose_name=_("school"))
    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The calendar year the school year starts in, e.g. 2026 for 2026–2027."),
    )
    user = models.ForeignKey(
        "organisation.User",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="leading_group_roles",
        verbose_name=_("staff member"),
    )
    name = models.CharField(
        _("name (no login)"), max_length=50, blank=True, help_text=_("Someone without a login, e.g. a village cadre.")
    )
    position = models.CharField(_("position"), max_length=50, blank=True, help_text=_("E.g. vice principal."))
    role = models.CharField(_("role in the group"), max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER)
    duty = models.CharField(_("duty"), max_length=20, choices=Duty.choices)
    duty_note = models.CharField(_("duty in detail"), max_length=100, blank=True)
    left_on = models.DateField(_("left the group on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leading-group member")
        verbose_name_plural = _("leading-group members")
        ordering = ["school", "-school_year", "left_on", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                name="leading_group_member_is_someone",
                condition=Q(user__isnull=False) | ~Q(name=""),
                violation_error_message=_("Choose a staff member or write a name."),
            ),
            models.UniqueConstraint(
                fields=["school", "school_year"],
                condition=Q(role="leader", left_on__isnull=True),
                name="one_leader_per_school_year",
                violation_error_message=_("The group already has a leader this school year."),
            ),
        ]

    def __str__(self) -> str:
        return self.person

    @property
    def person(self) -> str:
        return self.name or (str(self.user) if self.user_id else "")


class Enrolment(models.Model):
    """The number of students on roll (在校生数) of one class in one semester, entered by the principal or the
    archive keeper; the school's figure is the sum over its classes (REPORTS.md figure 1)."""

    school_class = models.ForeignKey(SchoolClass, models.CASCADE, related_name="enrolments", verbose_name=_("class"))
    semester = models.ForeignKey(Semester, models.CASCADE, related_name="enrolments", verbose_name=_("semester"))
    students = models.PositiveIntegerField(_("students on roll"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["semester", "school_class"]
        constraints = [
            models.UniqueConstraint(fields=["school_class", "semester"], name="one_enrolment_per_class_and_semester"),
            models.CheckConstraint(
                name="enrolment_students_plausible",
                condition=Q(students__lte=200),
                violation_error_message=_("A class has at most 200 students."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school_class} {self.semester}: {self.students}"
