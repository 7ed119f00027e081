import pytest

from tests.background.workers import WorkerDatabase


@pytest.fixture
def workers(transactional_db, settings, tmp_path):
    """Tasks queued in the database, and real worker processes to run them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    database = WorkerDatabase(tmp_path)
    yield database
    database.stop_all()
