from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from organisation import demo as organisation_demo
from organisation.models import User


class Command(BaseCommand):
    help = "Build the demo district (two schools, classes, semesters, one login per role). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database already has any user.")

    def handle(self, *args, if_empty: bool = False, **options):
        translation.activate("zh-hans")
        if if_empty and User.objects.exists():
            self.stdout.write("The database already has users: demo data not loaded.")
        else:
            with transaction.atomic():
                organisation_demo.seed()
            self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write("\nDemo logins (username / password / role / school):")
        for username, password, role, where in organisation_demo.logins_table():
            self.stdout.write(f"  {username:<11} {password}  {role}  {where}")
