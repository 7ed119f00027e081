from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from activities import demo as activities_demo
from children import demo as children_demo
from guardians import demo as guardians_demo
from organisation import demo as organisation_demo
from organisation.models import User
from pairing import demo as pairing_demo
from reports import demo as reports_demo


class Command(BaseCommand):
    help = (
        "Build the demo district: two schools, classes, semesters, one login per role, "
        "and every app's records. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database already has any user.")

    def handle(self, *args, if_empty: bool = False, **options):
        translation.activate("zh-hans")
        if if_empty and User.objects.exists():
            self.stdout.write("The database already has users: demo data not loaded.")
        else:
            with transaction.atomic():
                org = organisation_demo.seed()
                # In dependency order: each app's demo builds on the records of those before it.
                for app_demo in (children_demo, guardians_demo, pairing_demo, activities_demo, reports_demo):
                    app_demo.seed(org)
            self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write("\nDemo logins (username / password / role / school):")
        for username, password, role, where in organisation_demo.logins_table():
            self.stdout.write(f"  {username:<11} {password}  {role}  {where}")
