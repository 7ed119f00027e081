from contextlib import contextmanager
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from simple_history.signals import pre_create_historical_record

from activities import demo as activities_demo
from children import demo as children_demo
from guardians import demo as guardians_demo
from organisation import demo as organisation_demo
from organisation.models import User
from pairing import demo as pairing_demo
from reports import demo as reports_demo


def _demos_above_reports():
    """The demo modules of the apps that read reports (listed after it in INSTALLED_APPS, e.g. inspection):
    found by name, so that reports imports none of them."""
    names = [config.name for config in apps.get_app_configs()]
    above = names[names.index("reports") + 1 :]
    return [import_module(f"{name}.demo") for name in above if find_spec(f"{name}.demo")]


def _school_id(instance) -> int | None:
    for path in ("school_id", "child.school_id", "activity.school_id"):
        value = instance
        for name in path.split("."):
            value = getattr(value, name, None)
        if value is not None:
            return value
    return None


@contextmanager
def _history_names_a_person():
    """Demo history says who made each change, never "unknown user": the record's recorder when it has one,
    else the school's archive keeper (or principal). Records that name their history user keep it."""
    keepers: dict[int, int] = {}

    def name_the_user(sender, instance, history_instance, **kwargs):
        if history_instance.history_user_id is not None:
            return
        user_id = getattr(instance, "recorded_by_id", None)
        school_id = _school_id(instance)
        if user_id is None and school_id is not None:
            if school_id not in keepers:
                keeper = organisation_demo.school_keeper(school_id)
                if keeper is None:
                    return
                keepers[school_id] = keeper.pk
            user_id = keepers[school_id]
        history_instance.history_user_id = user_id

    pre_create_historical_record.connect(name_the_user, dispatch_uid="seed_demo_history_user")
    try:
        yield
    finally:
        pre_create_historical_record.disconnect(dispatch_uid="seed_demo_history_user")


class Command(BaseCommand):
    help = (
        "Build the demo county (in a prefecture in a province): two schools, classes, semesters, one login per role, "
        "and every app's records. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database already has any user.")

    def handle(self, *args, if_empty: bool = False, **options):
        translation.activate("zh-hans")
        if if_empty and User.objects.exists():
            self.stdout.write("The database already has users: demo data not loaded.")
        else:
            with transaction.atomic(), _history_names_a_person():
                org = organisation_demo.seed()
                # In dependency order: each app's demo builds on the records of those before it.
                for app_demo in (children_demo, guardians_demo, pairing_demo, activities_demo, reports_demo):
                    app_demo.seed(org)
                for app_demo in _demos_above_reports():
                    app_demo.seed(org)
            self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write("\nDemo logins (username / password / role / school):")
        for username, password, role, where in organisation_demo.logins_table():
            self.stdout.write(f"  {username:<11} {password}  {role}  {where}")
