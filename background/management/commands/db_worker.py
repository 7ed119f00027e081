"""django-tasks-db's `db_worker`, with a beat and the recovery of tasks whose worker stopped
(background.recovery). It takes the same options."""

import os
import threading

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from background.models import Worker
from background.recovery import keep_alive, new_worker_id, tasks_requeue_orphaned, worker_beat


class Command(DatabaseWorkerCommand):
    help = "Run the database-backed task worker; tasks whose worker stopped are queued again."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=None)

    def handle(self, *args, worker_id: str | None = None, **options):
        if options.get("reload") and not options.get("batch") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The reloader's own process: the worker runs in the child it starts, and this command again there.
            return super().handle(*args, worker_id=worker_id or "reloader", **options)
        worker_id = worker_id or new_worker_id()
        worker_beat(worker_id=worker_id)
        tasks_requeue_orphaned(me=worker_id)
        stop = threading.Event()
        beat = threading.Thread(target=keep_alive, kwargs={"worker_id": worker_id, "stop": stop}, daemon=True)
        beat.start()
        try:
            return super().handle(*args, worker_id=worker_id, **options)
        finally:
            stop.set()
            Worker.objects.filter(pk=worker_id).delete()  # stopped cleanly: its tasks have ended
