import django.utils.timezone
from django.db import migrations, models
from django.db.models import Min


def from_first_account(apps, schema_editor):
    """An existing school started using the system the day its first account was made: its monthly reports
    are due from then, not from the day of this migration."""
    School = apps.get_model("organisation", "School")
    for school in School.objects.annotate(first=Min("staff__date_joined")).filter(first__isnull=False):
        school.reporting_from = django.utils.timezone.localtime(school.first).date()
        school.save(update_fields=["reporting_from"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0004_leading_group_members_per_school_year"),
    ]

    operations = [
        migrations.AddField(
            model_name="school",
            name="reporting_from",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="The day the school started using the system; no monthly report is due before it.",
                verbose_name="monthly reports due from",
            ),
        ),
        migrations.RunPython(from_first_account, migrations.RunPython.noop),
    ]
