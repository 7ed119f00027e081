"""A task outlives the worker that ran it: a worker killed in the middle of an import's confirm leaves none of
its rows written (one transaction), and the next worker confirms it whole; one killed in the middle of the
check leaves its progress, and the next worker checks the file again from the start."""

import pytest
from django_tasks_db.models import DBTaskResult

from children.models import Child
from guardians import import_work
from guardians.models import RosterImport
from guardians.roster_services import roster_receive
from tests.background.workers import wait_for
from tests.guardians.roster_files import roster_row, xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_confirm_killed_half_way_writes_nothing_and_the_next_worker_writes_it_whole(world, workers, tmp_path):
    rows = [roster_row(n) for n in range(1, 41)]
    staged = roster_receive(data=xlsx_bytes(rows), file_name="花名册.xlsx", user=world.archive_keeper)
    import_work.check_import.call(kind="roster", pk=staged.pk, user_id=world.archive_keeper.pk, language="zh-hans")
    children_before = Child.objects.count()
    import_work.start_confirm("roster", staged, world.archive_keeper)
    workers.hand_over()

    marker = tmp_path / "stalled"
    stalling = workers.start(str(marker), "confirm", module="tests.background.stalling_worker")
    wait_for(marker, stalling)
    # The 40 new children are written inside the worker's transaction: nobody else sees them yet.
    assert workers.count("SELECT COUNT(*) FROM children_child") == children_before
    workers.kill(stalling)
    assert workers.count("SELECT COUNT(*) FROM children_child") == children_before

    workers.run_until_queue_empty()
    workers.take_back()
    staged.refresh_from_db()
    assert staged.status == RosterImport.Status.CONFIRMED and staged.phase == ""
    assert Child.objects.count() == children_before + 40
    assert Child.objects.filter(name="学生1").count() == 1
    task = DBTaskResult.objects.get()
    assert task.status == "SUCCESSFUL" and len(task.worker_ids) == 2


def test_a_check_killed_half_way_is_checked_again_from_the_start_by_the_next_worker(world, workers, tmp_path):
    rows = [roster_row(n) for n in range(1, 601)]
    staged = roster_receive(data=xlsx_bytes(rows), file_name="花名册.xlsx", user=world.archive_keeper)
    import_work.start("roster", staged, world.archive_keeper)
    workers.hand_over()

    marker = tmp_path / "stalled"
    stalling = workers.start(str(marker), "check", module="tests.background.stalling_worker")
    wait_for(marker, stalling)
    workers.kill(stalling)
    workers.take_back()
    staged.refresh_from_db()
    assert (staged.phase, staged.progress_done, staged.checked_at) == ("checking", 250, None)

    workers.hand_over()
    workers.run_until_queue_empty()
    workers.take_back()
    staged.refresh_from_db()
    assert (staged.phase, staged.progress_done, staged.progress_total) == ("", 600, 600)
    assert staged.checked_at is not None and staged.counts["new"] == 600
    assert len(DBTaskResult.objects.get().worker_ids) == 2


def test_a_confirm_run_again_after_it_had_committed_leaves_the_import_as_it_is(world, workers):
    rows = [roster_row(n) for n in range(1, 4)]
    staged = roster_receive(data=xlsx_bytes(rows), file_name="花名册.xlsx", user=world.archive_keeper)
    import_work.check_import.call(kind="roster", pk=staged.pk, user_id=world.archive_keeper.pk, language="zh-hans")
    import_work.start_confirm("roster", staged, world.archive_keeper)
    arguments = DBTaskResult.objects.get().task_result.kwargs
    import_work.confirm_import.call(**arguments)
    children = Child.objects.count()
    import_work.confirm_import.call(**arguments)  # the worker died before it could say the task was done
    staged.refresh_from_db()
    assert staged.status == RosterImport.Status.CONFIRMED and staged.phase == "" and staged.failure == ""
    assert Child.objects.count() == children
