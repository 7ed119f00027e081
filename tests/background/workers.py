"""Real `manage.py db_worker` processes for tests, on the test's own database. On PostgreSQL the worker
connects to the test database (the tests commit: django_db(transaction=True)). SQLite's test database lives
in memory, where another process cannot see it: it is copied to a file for the workers and back afterwards
(sqlite3's backup API), so the test reads what the workers wrote through the ORM as usual."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

WAIT = 90  # seconds: a worker process starts Django in 1-2 s here; checks of 600 rows take a few more


class WorkerDatabase:
    def __init__(self, folder: Path):
        self.sqlite = connection.vendor == "sqlite"
        self.file = folder / "workers.sqlite3"
        self.processes: list[subprocess.Popen] = []

    def url(self) -> str:
        if self.sqlite:
            return f"sqlite:///{self.file}"
        db = connection.settings_dict
        auth = f"{db['USER']}:{db['PASSWORD']}@" if db["USER"] else ""
        return f"postgres://{auth}{db['HOST']}{':' + str(db['PORT']) if db['PORT'] else ''}/{db['NAME']}"

    def hand_over(self) -> None:
        """What the test wrote, to the workers."""
        if self.sqlite:
            connection.ensure_connection()
            self.file.unlink(missing_ok=True)
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)
            target.close()

    def take_back(self) -> None:
        """What the workers wrote, to the test."""
        if self.sqlite:
            source = sqlite3.connect(self.file)
            source.backup(connection.connection)
            source.close()

    def count(self, sql: str) -> int:
        """A count as another connection sees it while a worker runs (its open transaction unseen)."""
        if self.sqlite:
            with sqlite3.connect(self.file) as other:
                return other.execute(sql).fetchone()[0]
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]

    def start(self, *args: str, module: str | None = None) -> subprocess.Popen:
        """A worker process: `manage.py db_worker <args>`, or `python -m <module> <args>`."""
        environment = {
            **os.environ,
            "DATABASE_URL": self.url(),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        command = [sys.executable, "-m", module, *args] if module else [sys.executable, "manage.py", "db_worker", *args]
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.processes.append(process)
        return process

    def run_until_queue_empty(self) -> str:
        """One worker, run until no task is left (--batch); its output."""
        process = self.start("--batch", "--no-startup-delay", "--interval", "0")
        output, _ = process.communicate(timeout=WAIT)
        assert process.returncode == 0, output
        return output

    def kill(self, process: subprocess.Popen) -> None:
        """As a crash, a reboot or the OOM killer would: no chance to finish or clean up."""
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=WAIT)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=WAIT)


def wait_for(path: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"The worker ended before the point awaited:\n{process.stdout.read()}")
        if time.monotonic() > deadline:
            raise AssertionError("The worker never reached the point awaited.")
        time.sleep(0.05)
