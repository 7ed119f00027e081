"""Long imports show their progress: reading and checking an upload runs as a background task (django-tasks)
that writes its phase and rows done to the staged import; the progress page and its JSON follow it, are
scoped like the import, end in the file's message when it cannot be read, and lead on to the preview."""

import datetime
import threading

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task_backends

from guardians import import_work
from guardians.models import ResultImport, RosterImport
from guardians.roster_services import roster_receive
from tests.guardians.factories import received_exam_sheet
from tests.guardians.roster_files import HEADERS, csv_bytes, roster_row, xlsx_bytes


@pytest.fixture(autouse=True)
def _language_kept():
    language = translation.get_language()
    yield
    translation.activate(language)


def _recorded(monkeypatch) -> list[dict]:
    """Every progress write of the import work, in order."""
    writes = []
    write = import_work._write

    def recording(kind, pk, **fields):
        writes.append(fields)
        return write(kind, pk, **fields)

    monkeypatch.setattr(import_work, "_write", recording)
    return writes


@pytest.mark.django_db
def test_checking_a_large_roster_writes_its_progress_every_few_hundred_rows(world, monkeypatch):
    rows = [roster_row(n) for n in range(1, 601)]
    staged = roster_receive(data=xlsx_bytes(rows), file_name="花名册.xlsx", user=world.archive_keeper)
    writes = _recorded(monkeypatch)
    import_work.check_import.call(kind="roster", pk=staged.pk, user_id=world.archive_keeper.pk, language="zh-hans")
    assert [w.get("phase") for w in writes if "phase" in w] == ["reading", "checking", ""]
    assert {"phase": "checking", "progress_done": 0, "progress_total": 600} in writes
    assert [w["progress_done"] for w in writes if set(w) == {"progress_done"}] == [250, 500]
    staged.refresh_from_db()
    assert (staged.phase, staged.progress_done, staged.progress_total) == ("", 600, 600)
    assert staged.counts["new"] == 600


@pytest.mark.django_db
def test_while_the_check_runs_the_progress_page_shows_rows_done_and_the_preview_waits(client, world):
    staged = roster_receive(data=xlsx_bytes([roster_row(1)]), file_name="花名册.xlsx", user=world.archive_keeper)
    RosterImport.objects.filter(pk=staged.pk).update(
        phase="checking", progress_done=1250, progress_total=5000, phase_at=timezone.now()
    )
    client.force_login(world.archive_keeper)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    progress = reverse("guardians:roster_progress", args=[staged.pk])
    assert client.get(reverse("guardians:roster_preview", args=[staged.pk]))["Location"] == progress
    assert client.get(reverse("guardians:roster_mapping", args=[staged.pk]))["Location"] == progress
    page = client.get(progress).content.decode()
    assert "Checking the rows: 1,250 of 5,000." in page
    assert 'max="5000" value="1250"' in page and "js/import_progress.js" in page
    state = client.get(reverse("guardians:roster_progress_json", args=[staged.pk])).json()
    assert state == {
        "phase": "checking",
        "text": "Checking the rows: 1,250 of 5,000.",
        "done": 1250,
        "total": 5000,
        "failure": "",
        "next": "",
    }


@pytest.mark.django_db
def test_after_the_upload_the_progress_page_leads_on_to_the_preview(client, world):
    client.force_login(world.archive_keeper)
    response = client.post(
        reverse("guardians:roster_upload"), {"file": SimpleUploadedFile("花名册.csv", csv_bytes([roster_row(1)]))}
    )
    staged = RosterImport.objects.get()
    preview = reverse("guardians:roster_preview", args=[staged.pk])
    assert response["Location"] == preview  # the task ran at once in tests: straight on
    assert client.get(reverse("guardians:roster_progress", args=[staged.pk]))["Location"] == preview
    assert client.get(reverse("guardians:roster_progress_json", args=[staged.pk])).json()["next"] == preview
    assert client.get(preview).status_code == 200 and staged.counts["new"] == 1


@pytest.mark.django_db
def test_a_file_that_cannot_be_read_ends_in_its_message_in_the_uploaders_language(client, world):
    data = xlsx_bytes([], headers=HEADERS)  # a header and no children
    staged = roster_receive(data=data, file_name="花名册.xlsx", user=world.archive_keeper)
    translation.activate("en")  # the worker's own language is not the uploader's
    import_work.check_import.call(kind="roster", pk=staged.pk, user_id=world.archive_keeper.pk, language="zh-hans")
    staged.refresh_from_db()
    assert staged.phase == "failed" and "没有" in staged.failure
    client.force_login(world.archive_keeper)
    page = client.get(reverse("guardians:roster_progress", args=[staged.pk]))
    assert staged.failure in page.content.decode() and "data-import-progress=" not in page.content.decode()
    assert client.get(reverse("guardians:roster_progress_json", args=[staged.pk])).json()["failure"] == staged.failure
    assert client.get(reverse("guardians:roster_preview", args=[staged.pk]))["Location"].endswith("/columns/")


@pytest.mark.django_db
def test_a_check_whose_progress_stopped_long_ago_is_shown_as_stopped(client, world):
    staged = roster_receive(data=xlsx_bytes([roster_row(1)]), file_name="花名册.xlsx", user=world.archive_keeper)
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    RosterImport.objects.filter(pk=staged.pk).update(phase="checking", progress_total=5000, phase_at=long_ago)
    client.force_login(world.archive_keeper)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    state = client.get(reverse("guardians:roster_progress_json", args=[staged.pk])).json()
    assert "stopped before the end" in state["failure"] and state["next"] == ""


@pytest.mark.django_db
def test_the_progress_of_an_import_is_seen_only_by_those_who_may_import_it(client, world):
    staged = roster_receive(data=xlsx_bytes([roster_row(1)]), file_name="花名册.xlsx", user=world.archive_keeper)
    for name in ("roster_progress", "roster_progress_json"):
        url = reverse(f"guardians:{name}", args=[staged.pk])
        for user, status in (
            (world.principal, 200),
            (world.other_principal, 404),
            (world.carer_user, 403),
            (world.head_teacher, 403),
        ):
            client.force_login(user)
            assert client.get(url).status_code in ((200, 302) if status == 200 else (status,))


@pytest.mark.django_db
def test_the_results_import_shares_the_progress_and_its_scope(client, world):
    staged = received_exam_sheet(world)
    ResultImport.objects.filter(pk=staged.pk).update(
        phase="checking", progress_done=250, progress_total=400, phase_at=timezone.now()
    )
    url = reverse("guardians:results_progress_json", args=[staged.pk])
    client.force_login(world.other_head_teacher)
    assert client.get(url).status_code == 404
    client.force_login(world.carer_user)
    assert client.get(url).status_code == 403
    client.force_login(world.head_teacher)
    assert client.get(url).json()["done"] == 250
    assert client.get(reverse("guardians:results_preview", args=[staged.pk]))["Location"] == reverse(
        "guardians:results_progress", args=[staged.pk]
    )
    import_work.check_import.call(kind="results", pk=staged.pk, user_id=world.head_teacher.pk, language="zh-hans")
    preview = reverse("guardians:results_preview", args=[staged.pk])
    assert client.get(url).json()["next"] == preview
    assert client.get(preview).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_thread_backend_checks_an_upload_after_the_request_in_a_thread_of_its_own(world, settings):
    settings.TASKS = {"default": {"BACKEND": "config.task_backend.ThreadBackend"}}
    assert type(task_backends["default"]).__name__ == "ThreadBackend"
    staged = roster_receive(data=xlsx_bytes([roster_row(1)]), file_name="花名册.xlsx", user=world.archive_keeper)
    before = set(threading.enumerate())
    import_work.start("roster", staged, world.archive_keeper)
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=60)
    staged.refresh_from_db()
    assert staged.phase == "" and staged.counts["new"] == 1


@pytest.mark.django_db
def test_confirming_runs_as_a_task_and_its_page_ends_on_the_list_of_imports(client, world, monkeypatch):
    rows = [roster_row(n) for n in range(1, 4)]
    client.force_login(world.archive_keeper)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("guardians:roster_upload"), {"file": SimpleUploadedFile("花名册.xlsx", xlsx_bytes(rows))})
    staged = RosterImport.objects.get()
    writes = _recorded(monkeypatch)
    response = client.post(reverse("guardians:roster_preview", args=[staged.pk]), follow=True)
    assert [w.get("phase") for w in writes if "phase" in w] == ["queued", "importing", ""]
    assert response.redirect_chain[-1][0] == reverse("guardians:roster_upload")
    assert "The roster was imported: 3 new archives, 0 changed." in response.content.decode()
    staged.refresh_from_db()
    assert staged.status == RosterImport.Status.CONFIRMED and staged.progress_done == 3


@pytest.mark.django_db
def test_while_importing_the_page_says_so_and_a_refusal_inside_the_task_ends_on_it(client, world):
    from tests.factories import ChildFactory

    rows = [roster_row(n) for n in range(1, 4)]
    staged = roster_receive(data=xlsx_bytes(rows), file_name="花名册.xlsx", user=world.archive_keeper)
    import_work.check_import.call(kind="roster", pk=staged.pk, user_id=world.archive_keeper.pk, language="en")
    RosterImport.objects.filter(pk=staged.pk).update(phase="importing", progress_total=3, phase_at=timezone.now())
    client.force_login(world.archive_keeper)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    state = client.get(reverse("guardians:roster_progress_json", args=[staged.pk])).json()
    assert state["phase"] == "importing" and state["text"].startswith("Importing 3 rows in one go")
    page = client.get(reverse("guardians:roster_progress", args=[staged.pk])).content.decode()
    assert 'max="3">' in page  # a moving bar without a count: one transaction
    ChildFactory(school=world.school, school_class=world.class_1)  # the school changes after the request
    import_work.confirm_import.call(
        kind="roster", pk=staged.pk, user_id=world.archive_keeper.pk, language="en", options={}
    )
    staged.refresh_from_db()
    assert staged.phase == "failed" and "The roster changed since this preview" in staged.failure
    assert staged.status == RosterImport.Status.STAGED and not staged.undo
    page = client.get(reverse("guardians:roster_progress", args=[staged.pk])).content.decode()
    assert "The roster changed since this preview" in page
    assert reverse("guardians:roster_preview", args=[staged.pk]) in page
