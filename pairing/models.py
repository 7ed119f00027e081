from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from children.models import Child
from organisation.models import District, School
from organisation.validators import validate_not_future, validate_phone


class CarerKind(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    LOVING_MOTHER = "loving_mother", _("Loving mother")
    LOVING_FATHER = "loving_father", _("Loving father")
    STUDENT_BUDDY = "student_buddy", _("Student buddy")
    VOLUNTEER = "volunteer", _("Volunteer")
    PARTY_MEMBER = "party_member", _("Party member")
    COMMUNITY = "community", _("Community surrogate parent")


class Carer(models.Model):
    """A person paired with children (帮扶人); may have a login, or be logged for by a head teacher."""

    school = models.ForeignKey(School, models.PROTECT, related_name="carers", verbose_name=_("school"))
    name = models.CharField(pgettext_lazy("a person's name", "name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=CarerKind.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    organisation = models.CharField(_("organisation"), max_length=100, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="carer",
        verbose_name=_("login"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("carer")
        verbose_name_plural = _("carers")
        ordering = ["school", "name"]

    def __str__(self) -> str:
        return self.name


def current_pairing_q(on: date | None = None, prefix: str = "") -> Q:
    """A pairing is current on a day when it has started and not yet ended. `prefix` reaches the pairing
    from another model ("pairings__" from a child). The one definition every app uses."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def children_paired_with(user) -> Q:
    """The children (a Q on Child) currently paired with this carer login; children.scoping's carer rule."""
    # Both conditions in one filter() apply to the same pairing row: a current pairing with this carer login.
    return Q(pairings__carer__user=user) & current_pairing_q(prefix="pairings__")


def current_carers_prefetch() -> Prefetch:
    """Today's pairings of each child, with their carers, in `child.current_pairings` (the contact cards)."""
    return Prefetch("pairings", queryset=Pairing.objects.current().select_related("carer"), to_attr="current_pairings")


class PairingQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        return self.filter(current_pairing_q(on))


class Pairing(models.Model):
    """One child paired with one carer (结对帮扶, 一助一); a child may have several."""

    class Focus(models.TextChoices):
        STUDY = "study", _("Study")
        LIFE = "life", _("Daily life")
        PSYCHOLOGY = "psychology", _("Psychology")

    child = models.ForeignKey(Child, models.CASCADE, related_name="pairings", verbose_name=_("child"))
    carer = models.ForeignKey(Carer, models.PROTECT, related_name="pairings", verbose_name=_("carer"))
    kind = models.CharField(_("kind"), max_length=20, choices=CarerKind.choices)
    focus = models.CharField(_("focus"), max_length=20, choices=Focus.choices, default=Focus.LIFE)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["child", "-start_date"]
        constraints = [
            models.CheckConstraint(
                name="pairing_ends_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gt=F("start_date")),
                violation_error_message=_("A pairing ends after the day it started."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} ↔ {self.carer}"


class Topic(models.TextChoices):
    STUDY = "study", _("Study")
    LIFE = "life", _("Daily life")
    EMOTIONS = "emotions", _("Emotions")
    FRIENDS = "friends", _("Friends")
    BODY = "body", _("Body and health")


class Mood(models.TextChoices):
    HAPPY = "happy", _("Happy")
    CALM = "calm", _("Calm")
    WORRIED = "worried", _("Worried")
    SAD = "sad", _("Sad")
    ANGRY = "angry", _("Angry")


class Talk(models.Model):
    """A heart-to-heart talk with a child (谈心记录). `carer` talked; `recorded_by` typed it in.

    Without a carer, the person who recorded it (e.g. the head teacher) is the one who talked.
    `confidential_note` is shown only to `recorded_by` and the principal (pairing.selectors).
    """

    child = models.ForeignKey(Child, models.CASCADE, related_name="talks", verbose_name=_("child"))
    carer = models.ForeignKey(
        Carer, models.PROTECT, null=True, blank=True, related_name="talks", verbose_name=_("carer")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    date = models.DateField(_("date"))
    topics = models.JSONField(_("topics"), default=list, blank=True)
    content = models.TextField(_("what was said"), blank=True)
    mood = models.CharField(_("the child's mood"), max_length=10, choices=Mood.choices, blank=True)
    concerns = models.TextField(_("concerns"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    confidential_note = models.TextField(
        _("confidential note"),
        blank=True,
        help_text=_("Psychological matters: visible only to you and the principal."),
    )
    # The outbox of a phone (organisation/outbox.py) names each record it sends: a replay answers with this one.
    client_uuid = models.UUIDField(_("client id"), null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["child", "date"])]

    def __str__(self) -> str:
        return f"{self.child} {self.date}"

    def get_topics_display(self, labels: dict[str, str] | None = None) -> str:
        """The topics' labels; a list of many talks passes `labels` (organisation.exports.choice_labels) built once."""
        labels = dict(Topic.choices) if labels is None else labels
        return "、".join(str(labels.get(t, t)) for t in self.topics)


class HomeVisit(models.Model):
    """A home visit (家访记录) by one or more staff members and carers."""

    class Met(models.TextChoices):
        GUARDIAN = "guardian", _("The guardian")
        PARENT = "parent", _("A parent home on leave")
        BOTH = "both", _("Guardian and parent")
        NOBODY = "nobody", _("Nobody at home")

    # Who-was-met answers that met the child's guardian: figure 10 counts them, and they need a guardian on record.
    GUARDIAN_MET = (Met.GUARDIAN, Met.BOTH)

    child = models.ForeignKey(Child, models.CASCADE, related_name="home_visits", verbose_name=_("child"))
    date = models.DateField(_("date"))
    carers = models.ManyToManyField(Carer, blank=True, related_name="home_visits", verbose_name=_("carers"))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="home_visits", verbose_name=_("staff")
    )
    met = models.CharField(_("who was met"), max_length=10, choices=Met.choices, default=Met.GUARDIAN)
    home_situation = models.TextField(_("home situation"), blank=True)
    advice = models.TextField(_("advice given"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    # The outbox of a phone (organisation/outbox.py) names each record it sends: a replay answers with this one.
    client_uuid = models.UUIDField(_("client id"), null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[carers, staff])

    class Meta:
        verbose_name = _("home visit")
        verbose_name_plural = _("home visits")
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["child", "date"])]

    def __str__(self) -> str:
        return f"{self.child} {self.date}"

    def clean(self):
        """ "Met the guardian" needs a guardian on record: figure 10 counts only those (REPORTS.md)."""
        super().clean()
        if self.met in self.GUARDIAN_MET and self.child_id and not self.child.guardians.exists():
            raise ValidationError(
                {
                    "met": _(
                        "%(name)s has no guardian on record, so the guardian cannot have been met: add the guardian "
                        "to the archive first, or say who was met."
                    )
                    % {"name": self.child.name}
                }
            )


class WorkKind(models.TextChoices):
    TALK = "talk", _("Talk")
    HOME_VISIT = "home_visit", _("Home visit")
    PARENT_CONTACT = "parent_contact", _("Parent contact")
    GUARDIAN_CONTACT = "guardian_contact", _("Guardian contact")


COUNT_MIN, COUNT_MAX = 1, 31


class CareNorm(models.Model):
    """A school's rule: at least `count` <kind> per <period>, by <whom>, for <which children> (关爱制度)."""

    class Period(models.TextChoices):
        WEEK = "week", _("week")
        MONTH = "month", _("month")
        SEMESTER = "semester", _("semester")

    class By(models.TextChoices):
        ANY = "any", _("any carer or teacher")
        HEAD_TEACHER = "head_teacher", _("the head teacher")
        PAIRED_CARER = "paired_carer", _("a paired carer of kind")

    class AppliesTo(models.TextChoices):
        ALL = "all", _("all left-behind children")
        KEY_HELP = "key_help", _("key-help children")

    school = models.ForeignKey(School, models.CASCADE, related_name="care_norms", verbose_name=_("school"))
    kind = models.CharField(_("work"), max_length=20, choices=WorkKind.choices)
    count = models.PositiveSmallIntegerField(
        _("at least"),
        default=1,
        validators=[MinValueValidator(COUNT_MIN), MaxValueValidator(COUNT_MAX)],
        help_text=_("How many times per period: from 1 to 31."),
    )
    period = models.CharField(_("per"), max_length=10, choices=Period.choices)
    by = models.CharField(_("by"), max_length=20, choices=By.choices, default=By.ANY)
    carer_kind = models.CharField(_("carer kind"), max_length=20, choices=CarerKind.choices, blank=True)
    applies_to = models.CharField(_("for"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.ALL)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care norm")
        verbose_name_plural = _("care norms")
        ordering = ["school", "kind", "period", "pk"]
        constraints = [
            models.CheckConstraint(
                name="care_norm_count_between_1_and_31",
                condition=Q(count__gte=COUNT_MIN, count__lte=COUNT_MAX),
                violation_error_message=_("A norm asks for 1 to 31 times per period."),
            ),
            models.CheckConstraint(
                name="care_norm_carer_kind_iff_paired",
                condition=(Q(by="paired_carer") & ~Q(carer_kind="")) | (~Q(by="paired_carer") & Q(carer_kind="")),
                violation_error_message=_(
                    "Name the kind of carer for a norm by a paired carer, and only for such a norm."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        who = self.get_carer_kind_display() if self.by == self.By.PAIRED_CARER else self.get_by_display()
        return _("%(kind)s at least %(count)s per %(period)s by %(who)s, for %(applies)s") % {
            "kind": self.get_kind_display(),
            "count": self.count,
            "period": self.get_period_display(),
            "who": who,
            "applies": self.get_applies_to_display(),
        }

    @property
    def short_label(self) -> str:
        who = self.get_carer_kind_display() if self.by == self.By.PAIRED_CARER else self.get_by_display()
        return _("%(kind)s ×%(count)s/%(period)s (%(who)s)") % {
            "kind": self.get_kind_display(),
            "count": self.count,
            "period": self.get_period_display(),
            "who": who,
        }


class SafetyEvent(models.Model):
    """A mandatory report (强制报告): a child living alone, missing, or possibly harmed, what was done and to whom
    it was reported. Seen only by the principal of the child's school and the person who recorded it."""

    class Kind(models.TextChoices):
        LIVING_ALONE = "living_alone", _("Living alone, without a guardian")
        MISSING = "missing", pgettext_lazy("safety event: a missing child", "Missing")
        HARM = "harm", _("Suspected violence or injury")
        OTHER = "other", _("Other danger")

    class ReportedTo(models.TextChoices):
        NOBODY = "", _("Not reported yet")
        POLICE = "police", _("Police")
        CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs")
        WOMENS_FEDERATION = "womens_federation", _("Women's Federation")
        OTHER = "other", _("Other authority")

    child = models.ForeignKey(Child, models.CASCADE, related_name="safety_events", verbose_name=_("child"))
    date = models.DateField(_("date"), validators=[validate_not_future])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    what_happened = models.TextField(_("what happened"))
    actions = models.TextField(pgettext_lazy("safety event", "what was done"), blank=True)
    reported_to = models.CharField(_("reported to"), max_length=20, choices=ReportedTo.choices, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True, validators=[validate_not_future])
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        validators=[validate_not_future],
        help_text=_("The day the child was safe again and the case was closed."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("safety event")
        verbose_name_plural = _("safety events")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="safety_event_closed_after_it_happened",
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("date")),
                violation_error_message=_("A safety event is closed on or after the day it happened."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} {self.get_kind_display()} {self.date}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


THRESHOLD_FIELDS = ["no_talk_days", "no_contact_days", "rank_drop", "guardian_age", "change_days"]


def _threshold(label, low: int, high: int) -> models.PositiveSmallIntegerField:
    """One attention threshold within its bounds; blank follows the next source (school, then district, then
    the built-in default of pairing.attention.Thresholds)."""
    validators = [MinValueValidator(low), MaxValueValidator(high)]
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=validators)


class DistrictAttentionDefaults(models.Model):
    """A district's default thresholds for the attention list (关注名单); a district officer sets them. A
    school follows them for every threshold it has not set itself (pairing.attention.thresholds_for); a blank
    one is the built-in default."""

    district = models.OneToOneField(
        District, models.CASCADE, related_name="attention_defaults", verbose_name=_("district")
    )
    no_talk_days = _threshold(_("days without a talk"), 7, 180)
    no_contact_days = _threshold(_("days without reaching a parent"), 7, 365)
    rank_drop = _threshold(_("class rank places lost"), 1, 50)
    guardian_age = _threshold(_("guardian's age from"), 50, 100)
    change_days = _threshold(_("days a family change stays on the list"), 1, 180)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("district attention thresholds")
        verbose_name_plural = _("district attention thresholds")

    def __str__(self) -> str:
        return str(self.district)


class AttentionSettings(models.Model):
    """A school's own thresholds for the attention list (关注名单); the principal sets them. A blank threshold
    follows the district's default (DistrictAttentionDefaults), else the built-in one."""

    school = models.OneToOneField(School, models.CASCADE, related_name="attention_settings", verbose_name=_("school"))
    no_talk_days = _threshold(_("days without a talk"), 7, 180)
    no_contact_days = _threshold(_("days without reaching a parent"), 7, 365)
    rank_drop = _threshold(_("class rank places lost"), 1, 50)
    guardian_age = _threshold(_("guardian's age from"), 50, 100)
    change_days = _threshold(_("days a family change stays on the list"), 1, 180)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attention thresholds")
        verbose_name_plural = _("attention thresholds")

    def __str__(self) -> str:
        return str(self.school)


def attention_reasons() -> list[tuple[str, str]]:
    """The attention list's reasons (pairing.attention.REASON_LABELS), as choices: a history names them."""
    from pairing.attention import REASON_LABELS

    return list(REASON_LABELS.items())


class AttentionSnooze(models.Model):
    """One reason of a child's attention entry put aside until a day, with the teacher's note (kept in history).
    Only the reason is snoozed: the entry clears for good only when the work that answers it is logged."""

    child = models.ForeignKey(Child, models.CASCADE, related_name="attention_snoozes", verbose_name=_("child"))
    reason = models.CharField(_("reason"), max_length=30, choices=attention_reasons)
    until = models.DateField(_("until"))
    note = models.CharField(_("note"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("snoozed reason")
        verbose_name_plural = _("snoozed reasons")
        ordering = ["child", "-until"]
        indexes = [models.Index(fields=["child", "until"])]

    def __str__(self) -> str:
        return f"{self.child} {self.get_reason_display()} → {self.until}"


class KeyHelpPlan(models.Model):
    """An individual help plan (个别帮扶计划) for a key-help child: why, what for, how, who, from when to
    when; reviewed every `review_every_days` days (a review is due when the last one is older)."""

    child = models.ForeignKey(Child, models.CASCADE, related_name="key_help_plans", verbose_name=_("child"))
    reasons = models.TextField(_("reasons"))
    goals = models.TextField(_("goals"))
    measures = models.TextField(_("measures"))
    carer = models.ForeignKey(
        Carer,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="key_help_plans",
        verbose_name=_("responsible carer"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    review_every_days = models.PositiveSmallIntegerField(
        _("review every (days)"),
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(366)],
        help_text=_("A review is due when the last one (or the start) is this many days old."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("key-help plan")
        verbose_name_plural = _("key-help plans")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="key_help_plan_ends_after_it_starts",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                violation_error_message=_("A plan ends on or after the day it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} {self.start_date}"

    def is_current(self, on: date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class PlanReview(models.Model):
    """A review of a key-help plan: how the child is doing and what comes next."""

    plan = models.ForeignKey(KeyHelpPlan, models.CASCADE, related_name="reviews", verbose_name=_("plan"))
    date = models.DateField(_("date"))
    progress = models.TextField(_("progress"))
    next_step = models.TextField(_("next step"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan} {self.date}"
