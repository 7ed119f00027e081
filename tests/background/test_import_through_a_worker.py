"""A roster import end to end as production runs it: the pages queue the work in the database and a separate
`manage.py db_worker` process reads, checks and confirms it."""

import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from children.models import Child
from guardians.models import RosterImport
from tests.guardians.roster_files import roster_row, xlsx_bytes


# The worker is another process: the suite's moved clock (SHOUWANG_TEST_CLOCK) cannot reach it, as it cannot reach
# the browser, so the runs with a moved clock leave this test to the others.
@pytest.mark.skipif(bool(os.environ.get("SHOUWANG_TEST_CLOCK")), reason="the worker keeps the machine's clock")
@pytest.mark.django_db(transaction=True)
def test_an_uploaded_roster_is_checked_and_confirmed_by_a_worker_process(client, world, workers):
    client.force_login(world.archive_keeper)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = [roster_row(n) for n in range(1, 6)]
    response = client.post(
        reverse("guardians:roster_upload"), {"file": SimpleUploadedFile("花名册.xlsx", xlsx_bytes(rows))}
    )
    staged = RosterImport.objects.get()
    progress = reverse("guardians:roster_progress_json", args=[staged.pk])
    assert response["Location"] == reverse("guardians:roster_progress", args=[staged.pk])
    assert client.get(progress).json()["phase"] == "queued"  # nothing runs it in the web process

    workers.hand_over()
    workers.run_until_queue_empty()
    workers.take_back()
    client.force_login(world.archive_keeper)  # the copy back replaced the session table too
    preview = reverse("guardians:roster_preview", args=[staged.pk])
    assert client.get(progress).json()["next"] == preview
    children = Child.objects.count()

    client.post(preview)
    assert client.get(progress).json()["phase"] == "queued"
    workers.hand_over()
    workers.run_until_queue_empty()
    workers.take_back()
    client.force_login(world.archive_keeper)
    staged.refresh_from_db()
    assert staged.status == RosterImport.Status.CONFIRMED
    assert Child.objects.count() == children + 5
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL", "SUCCESSFUL"]
