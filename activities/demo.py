"""Demo data of the activities app, built by `seed_demo` after the apps below it. Idempotent."""

from organisation.demo import DemoOrganisation


def seed(org: DemoOrganisation) -> None:
    """Filled in by the issue that builds this app."""
