"""A django-tasks backend that runs each task in a thread of the web process, after the enqueuing
transaction commits: background work with no worker process. Production and `make run` use the database
backend and `manage.py db_worker` instead (config/settings.py, background/); this one is kept for tests that
follow a task from a request without a worker process, and for the benches. A task lost to a restart of the
process is not retried here (guardians.import_work marks an import whose progress stopped as stopped)."""

import logging
import threading

from django.db import close_old_connections, connections, transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

logger = logging.getLogger(__name__)


class ThreadBackend(ImmediateBackend):
    supports_async_task = False

    def enqueue(self, task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

        def run():
            close_old_connections()
            try:
                self._execute_task(result)
                if result.status == TaskResultStatus.FAILED:
                    logger.error("Task %s failed:\n%s", task.name, result.errors[-1].traceback)
            finally:
                connections.close_all()  # this thread's connections only

        transaction.on_commit(lambda: threading.Thread(target=run, name=f"task-{result.id}", daemon=True).start())
        return result
