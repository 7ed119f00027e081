"""An upload nobody confirmed (left waiting, or stopped by an error) holds children's names, ID numbers, phones
and scores: the next upload of the school deletes those older than a week; confirmed imports, recent uploads
and other schools' uploads stay."""

import datetime

import pytest
from django.utils import timezone

from guardians.models import ResultImport, RosterImport
from guardians.roster_services import roster_receive
from guardians.staged import FORGET_AFTER
from tests.guardians.factories import received_exam_sheet
from tests.guardians.roster_files import roster_row, xlsx_bytes


def _roster(user, *, days_old: int, **fields) -> RosterImport:
    staged = roster_receive(data=xlsx_bytes([roster_row(1)]), file_name="花名册.xlsx", user=user)
    when = timezone.now() - datetime.timedelta(days=days_old)
    RosterImport.objects.filter(pk=staged.pk).update(created_at=when, **fields)
    return staged


def _sheet(world, *, days_old: int) -> ResultImport:
    staged = received_exam_sheet(world)
    ResultImport.objects.filter(pk=staged.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_old))
    return staged


@pytest.mark.django_db
def test_a_new_upload_deletes_the_schools_week_old_unconfirmed_uploads_only(world):
    week = FORGET_AFTER.days
    waiting = _roster(world.archive_keeper, days_old=week + 1)
    failed = _roster(world.archive_keeper, days_old=week + 3, phase="failed", failure="不是表格文件")
    confirmed = _roster(world.archive_keeper, days_old=week + 30, status=RosterImport.Status.CONFIRMED)
    recent = _roster(world.archive_keeper, days_old=week - 1)
    elsewhere = _roster(world.other_principal, days_old=week + 1)
    old_sheet = _sheet(world, days_old=week + 1)

    new = roster_receive(data=xlsx_bytes([roster_row(2)]), file_name="新花名册.xlsx", user=world.archive_keeper)

    kept = set(RosterImport.objects.values_list("pk", flat=True))
    assert kept == {confirmed.pk, recent.pk, elsewhere.pk, new.pk}
    assert waiting.pk not in kept and failed.pk not in kept
    assert not ResultImport.objects.filter(pk=old_sheet.pk).exists()  # the school's exam sheets too


@pytest.mark.django_db
def test_an_exam_sheet_upload_forgets_the_schools_old_unconfirmed_roster(world):
    waiting = _roster(world.archive_keeper, days_old=FORGET_AFTER.days + 1)
    _sheet(world, days_old=0)
    assert not RosterImport.objects.filter(pk=waiting.pk).exists()
