"""Writes of the pairing app. Each is atomic: a bad or partial input writes nothing."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from children.models import Child
from children.scoping import children_to_log_care_for
from organisation.models import School, User
from pairing.models import (
    AttentionSettings,
    AttentionSnooze,
    CareNorm,
    Carer,
    CarerKind,
    DistrictAttentionDefaults,
    HomeVisit,
    Pairing,
    SafetyEvent,
    Talk,
    WorkKind,
)
from pairing.selectors import editable_talks_for, editable_visits_for, logs_only_own_work

# The norms schools write in their plans ("a talk once a week", "the head teacher once a month"…).
DEFAULT_NORMS: list[dict] = [
    {"kind": WorkKind.TALK, "count": 1, "period": CareNorm.Period.WEEK, "by": CareNorm.By.ANY},
    {"kind": WorkKind.TALK, "count": 1, "period": CareNorm.Period.MONTH, "by": CareNorm.By.HEAD_TEACHER},
    {"kind": WorkKind.PARENT_CONTACT, "count": 1, "period": CareNorm.Period.MONTH, "by": CareNorm.By.ANY},
    {"kind": WorkKind.GUARDIAN_CONTACT, "count": 1, "period": CareNorm.Period.MONTH, "by": CareNorm.By.ANY},
    {"kind": WorkKind.HOME_VISIT, "count": 1, "period": CareNorm.Period.SEMESTER, "by": CareNorm.By.ANY},
    {
        "kind": WorkKind.TALK,
        "count": 2,
        "period": CareNorm.Period.MONTH,
        "by": CareNorm.By.PAIRED_CARER,
        "carer_kind": CarerKind.LOVING_MOTHER,
        "applies_to": CareNorm.AppliesTo.KEY_HELP,
    },
]


@transaction.atomic
def norms_restore_defaults(*, school: School) -> list[CareNorm]:
    """Replace a school's norms by the default ones (the old ones stay in history)."""
    CareNorm.objects.filter(school=school).delete()
    return [CareNorm.objects.create(school=school, **spec) for spec in DEFAULT_NORMS]


def norms_ensure_defaults(*, school: School) -> None:
    """Give a school without any norm the default ones."""
    if not CareNorm.objects.filter(school=school).exists():
        norms_restore_defaults(school=school)


@transaction.atomic
def carer_save(*, carer: Carer) -> Carer:
    """Save a carer; a carer's login, if any, is an account of the carer's own school."""
    if carer.user_id and carer.user.school_id != carer.school_id:
        raise ValidationError({"user": _("This login belongs to another school.")})
    carer.save()
    return carer


@transaction.atomic
def care_norm_save(*, norm: CareNorm) -> CareNorm:
    """Save a care norm that keeps the model's rules: 1 to 31 times a period, a carer kind iff by a paired carer."""
    norm.full_clean()
    norm.save()
    return norm


def _check_author(*, user: User, carers) -> None:
    if logs_only_own_work(user) and not any(c is not None and c.user_id == user.pk for c in carers):
        raise ValidationError(_("A carer can only log their own work."))


def _check_write(*, user: User, record, editable) -> None:
    """A new record is about a child the user may log care for; an old one is one the write rule allows."""
    if record.pk is None:
        if not children_to_log_care_for(user).filter(pk=record.child_id).exists():
            raise ValidationError(_("You may not log care work for this child."))
    elif not editable.filter(pk=record.pk).exists():
        raise ValidationError(_("You may not change this record."))


@transaction.atomic
def talk_save(*, talk: Talk, user: User) -> Talk:
    """Save a talk within the write rule (`editable_talks_for`); a carer may only save talks they held, a head
    teacher may log for any carer of the school."""
    _check_write(user=user, record=talk, editable=editable_talks_for(user))
    _check_author(user=user, carers=[talk.carer])
    if talk.carer_id and talk.carer.school_id != talk.child.school_id:
        raise ValidationError(_("The carer works for another school."))
    if talk.pk is None:
        talk.recorded_by = user
    talk.full_clean(exclude=["recorded_by"])  # an old talk may have lost its recorder (SET_NULL)
    talk.save()
    return talk


@transaction.atomic
def home_visit_save(*, visit: HomeVisit, carers, staff, user: User) -> HomeVisit:
    """Save a home visit with its visitors within the write rule (`editable_visits_for`); a carer must be
    among the visitors. The visit and its visitors are written together or not at all."""
    _check_write(user=user, record=visit, editable=editable_visits_for(user))
    _check_author(user=user, carers=list(carers))
    if visit.pk is None:
        visit.recorded_by = user
    visit.full_clean(exclude=["recorded_by"])
    visit.save()
    visit.carers.set(carers)
    visit.staff.set(staff)
    return visit


@transaction.atomic
def pairing_end(*, pairing: Pairing, on: date) -> Pairing:
    """End a pairing; it stays in history and in the records, it just stops being current."""
    pairing.end_date = on
    pairing.full_clean()
    pairing.save()
    return pairing


@transaction.atomic
def pairing_create(*, child: Child, carer: Carer, kind: str, focus: str, start_date: date) -> Pairing:
    """Pair a child with a carer of the same school."""
    if carer.school_id != child.school_id:
        raise ValidationError(_("The carer works for another school."))
    pairing = Pairing(child=child, carer=carer, kind=kind, focus=focus, start_date=start_date)
    pairing.full_clean()
    pairing.save()
    return pairing


@transaction.atomic
def safety_event_save(*, event: SafetyEvent, child: Child, user: User) -> SafetyEvent:
    """Save a safety event (强制报告) of a child; the first save records who reported it in the school."""
    event.child = child
    if event.pk is None:
        event.recorded_by = user
    event.full_clean(exclude=["recorded_by"])
    event.save()
    return event


@transaction.atomic
def attention_snooze(*, child: Child, reason: str, until: date, note: str, user: User) -> AttentionSnooze:
    """Put one reason of a child's attention entry aside until a day; the note and who did it stay in history."""
    snooze = AttentionSnooze(child=child, reason=reason, until=until, note=note, created_by=user)
    snooze.full_clean(exclude=["created_by"])
    snooze.save()
    return snooze


@transaction.atomic
def attention_settings_save(*, settings: AttentionSettings) -> AttentionSettings:
    """Save a school's attention thresholds, each within its bounds; a blank one follows the district."""
    settings.full_clean()
    settings.save()
    return settings


@transaction.atomic
def attention_defaults_save(*, defaults: DistrictAttentionDefaults, user: User) -> DistrictAttentionDefaults:
    """Save a district's default attention thresholds (history kept); schools follow them where they have not
    set their own."""
    defaults.full_clean(exclude=["updated_by"])
    defaults.updated_by = user
    defaults.save()
    return defaults
