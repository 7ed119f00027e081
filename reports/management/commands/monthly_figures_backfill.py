"""Queue the writing of the frozen monthly figures of every school and month with a submitted report: once,
for the reports submitted before the table existed (later submissions queue their own)."""

from django.core.management.base import BaseCommand

from reports.models import MonthlyReport
from reports.monthly_figures import monthly_figures_write


class Command(BaseCommand):
    help = "Queue the frozen monthly figures of every school and month with a submitted report."

    def handle(self, *args, **options):
        months = (
            MonthlyReport.objects.filter(submitted_at__isnull=False)
            .values_list("school_id", "year", "month")
            .distinct()
            .order_by()
        )
        n = 0
        for school_id, year, month in months:
            monthly_figures_write.enqueue(school_id=school_id, year=year, month=month)
            n += 1
        self.stdout.write(f"{n} school months queued.")
