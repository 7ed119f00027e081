"""A `db_worker` that stops in the middle of its task and waits there to be killed: run as
`python -m tests.background.stalling_worker <marker file> confirm|check`. It touches the marker file when it
gets there: for `confirm`, inside the import's transaction, after the new children are written and before
their parents are; for `check`, after the first progress written (250 rows checked)."""

import sys
import time
from pathlib import Path

import django


def main(marker: Path, where: str) -> None:
    django.setup()
    from django.core.management import call_command

    from guardians import import_work, roster_services

    def stall():
        marker.touch()
        time.sleep(3600)

    if where == "confirm":
        real = roster_services.bulk_create_with_history
        calls = []

        def bulk_create(objs, model, **kwargs):
            made = real(objs, model, **kwargs)
            calls.append(model)
            if len(calls) == 1:  # the children: written, not yet committed
                stall()
            return made

        roster_services.bulk_create_with_history = bulk_create
    else:
        real = import_work._write

        def write(kind, pk, claim=False, **fields):
            done = real(kind, pk, claim, **fields)
            if fields.get("progress_done") == 250:
                stall()
            return done

        import_work._write = write
    call_command("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
