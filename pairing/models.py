from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from children.models import Child
from organisation.models import School
from organisation.validators import validate_phone


class CarerKind(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    LOVING_MOTHER = "loving_mother", _("Loving mother (爱心妈妈)")
    LOVING_FATHER = "loving_father", _("Loving father (爱心爸爸)")
    STUDENT_BUDDY = "student_buddy", _("Student buddy (小老师)")
    VOLUNTEER = "volunteer", _("Volunteer")
    PARTY_MEMBER = "party_member", _("Party member")
    COMMUNITY = "community", _("Community surrogate parent (代理家长)")


class Carer(models.Model):
    """A person paired with children (帮扶人); may have a login, or be logged for by a head teacher."""

    school = models.ForeignKey(School, models.PROTECT, related_name="carers", verbose_name=_("school"))
    name = models.CharField(_("name"), max_length=50)
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

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["child", "-start_date"]
        constraints = [
            models.CheckConstraint(
                name="pairing_ends_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gt=F("start_date")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} ↔ {self.carer}"
