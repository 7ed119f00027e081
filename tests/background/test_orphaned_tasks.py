"""Which running tasks a worker puts back in the queue: those whose worker's process has ended on this machine,
or whose worker has not been heard of for the lease; not those of a live worker; and a task that has lost
three workers is failed rather than tried for ever."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background import recovery
from background.models import Worker
from guardians import import_work

pytestmark = pytest.mark.django_db

ME = "vm:1:me"


def _running(*worker_ids: str) -> DBTaskResult:
    result = import_work.check_import.using(backend="db").enqueue(kind="roster", pk=1, user_id=1, language="en")
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now(), worker_ids=list(worker_ids)
    )
    return DBTaskResult.objects.get(pk=result.id)


@pytest.fixture(autouse=True)
def _database_backend(settings, monkeypatch):
    settings.TASKS = {**settings.TASKS, "db": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(recovery.socket, "gethostname", lambda: "vm")
    monkeypatch.setattr(recovery, "_process_exists", lambda pid: pid == 4242)


def _beat(worker_id: str, ago: datetime.timedelta) -> None:
    host, pid = recovery._parts(worker_id)
    when = timezone.now() - ago
    Worker.objects.create(worker_id=worker_id, host=host, pid=pid, started_at=when, seen_at=when)


def test_a_task_whose_worker_process_ended_on_this_machine_is_queued_again():
    task = _running("vm:4243:gone")
    _beat("vm:4243:gone", datetime.timedelta(seconds=1))
    assert recovery.tasks_requeue_orphaned(me=ME) == [str(task.pk)]
    task.refresh_from_db()
    assert task.status == "READY" and task.started_at is None


def test_a_task_of_a_live_worker_is_left_running_on_this_machine_or_another():
    here = _running("vm:4242:alive")
    _beat("vm:4242:alive", datetime.timedelta(seconds=5))
    there = _running("other:77:alive")
    _beat("other:77:alive", recovery.LEASE - datetime.timedelta(seconds=10))
    assert recovery.tasks_requeue_orphaned(me=ME) == []
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"RUNNING"}
    assert here.pk and there.pk


def test_a_task_of_a_worker_on_another_machine_unheard_of_for_the_lease_is_queued_again():
    task = _running("other:77:silent")
    _beat("other:77:silent", recovery.LEASE + datetime.timedelta(seconds=1))
    assert recovery.tasks_requeue_orphaned(me=ME) == [str(task.pk)]


def test_a_task_that_lost_three_workers_is_failed():
    task = _running("vm:1001:a", "vm:1002:b", "vm:1003:c")
    recovery.tasks_requeue_orphaned(me=ME)
    task.refresh_from_db()
    assert task.status == "FAILED" and task.exception_class_path == "background.recovery.WorkerLost"
