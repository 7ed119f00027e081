"""Tasks outlive the worker that ran them. django-tasks-db claims a task by marking it running with the
worker's id and never looks at it again: a worker killed mid-task (a deploy, the OOM killer, a reboot) would
leave it running for ever. Each worker therefore says every BEAT that it is alive (a row in background.Worker),
and at start-up and on every beat puts back in the queue the running tasks whose worker is gone: its process
is no longer there (same machine) or it has not been heard of for LEASE (any machine). The task then runs
again from its start. That is safe because every task is written to be run again: the import's confirm is
one transaction (a killed worker's transaction is rolled back by the database) and finds an import it had
already written as done; the check writes only the staged import and starts over. A task that has lost
MAX_ATTEMPTS workers is marked failed rather than tried for ever."""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.db import DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.models import Worker

logger = logging.getLogger(__name__)

BEAT = timedelta(seconds=15)
LEASE = timedelta(minutes=2)  # longer than SQLite keeps the beat waiting behind a 5,000-row confirm
MAX_ATTEMPTS = 3


class WorkerLost(Exception):
    """The worker running the task stopped, MAX_ATTEMPTS times."""


def new_worker_id() -> str:
    """host:pid:random, so that a dead worker's process can be looked for on its own machine."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"


def _parts(worker_id: str) -> tuple[str, int | None]:
    host, _, rest = worker_id.partition(":")
    pid = rest.partition(":")[0]
    return host, int(pid) if pid.isdigit() else None


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_beat(*, worker_id: str) -> None:
    """Say that this worker is alive."""
    now = timezone.now()
    updated = Worker.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        host, pid = _parts(worker_id)
        Worker.objects.create(worker_id=worker_id, host=host, pid=pid or 0, started_at=now, seen_at=now)


def worker_gone(worker_id: str, *, me: str, seen: dict[str, Worker], now) -> bool:
    """Whether the worker that claimed a task is no longer running it."""
    if worker_id == me:
        return False
    host, pid = _parts(worker_id)
    if host == _parts(me)[0] and pid is not None and (pid == os.getpid() or not _process_exists(pid)):
        return True  # on this machine: its process has ended (or its pid is now ours)
    beat = seen.get(worker_id)
    return beat is None or beat.seen_at < now - LEASE


def tasks_requeue_orphaned(*, me: str) -> list[str]:
    """Put back in the queue (or fail, after MAX_ATTEMPTS) every running task whose worker is gone; returns
    their ids."""
    now = timezone.now()
    running = list(DBTaskResult.objects.running().only("id", "worker_ids", "started_at"))
    if not running:
        return []
    seen = Worker.objects.in_bulk([t.worker_ids[-1] for t in running if t.worker_ids])
    orphans = [
        t
        for t in running
        if (worker_gone(t.worker_ids[-1], me=me, seen=seen, now=now) if t.worker_ids else t.started_at < now - LEASE)
    ]
    done = []
    for orphan in orphans:
        with transaction.atomic():
            # Only a task still running on the same worker: another worker may have requeued it meanwhile.
            rows = DBTaskResult.objects.filter(
                pk=orphan.pk, status=TaskResultStatus.RUNNING, started_at=orphan.started_at
            )
            if len(orphan.worker_ids) >= MAX_ATTEMPTS:
                changed = rows.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                    traceback=f"The worker running this task stopped {len(orphan.worker_ids)} times.",
                )
                if changed:
                    logger.error("Task %s lost %d workers: marked failed", orphan.pk, len(orphan.worker_ids))
            else:
                changed = rows.update(status=TaskResultStatus.READY, started_at=None)
                if changed:
                    logger.warning("Task %s lost its worker %s: queued again", orphan.pk, orphan.worker_ids[-1:])
            if changed:
                done.append(str(orphan.pk))
    Worker.objects.filter(seen_at__lt=now - 10 * LEASE).delete()
    return done


def keep_alive(*, worker_id: str, stop: threading.Event) -> None:
    """The beat thread of a worker: beat and requeue the orphans every BEAT until `stop`. A database that is
    busy (SQLite while a long transaction writes) only delays a beat."""
    while not stop.wait(BEAT.total_seconds()):
        try:
            worker_beat(worker_id=worker_id)
            tasks_requeue_orphaned(me=worker_id)
        except DatabaseError:
            logger.warning("Worker %s could not reach the database for its beat", worker_id, exc_info=True)
        finally:
            connections.close_all()  # this thread's connections only
