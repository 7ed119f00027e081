"""Students on roll (在校生数): one grid for the whole school per semester, with history; figure 1 sums it."""

import datetime

from django.urls import reverse

from organisation.models import Enrolment
from reports import figures as fig
from tests import factories as f

D = datetime.date


def test_the_archive_keeper_enters_every_class_on_one_page_and_figure_1_sums_them(client, world):
    client.force_login(world.archive_keeper)
    url = reverse("reports:enrolment", args=[world.semester.pk])
    body = client.get(url).content.decode()
    assert f'name="class_{world.class_1.pk}"' in body and f'name="class_{world.class_2.pk}"' in body
    client.post(url, {f"class_{world.class_1.pk}": "45", f"class_{world.class_2.pk}": "38"})
    period = fig.Period.of_semester(world.semester)
    assert fig.students_on_roll(world.school, period) == fig.StudentsOnRoll(students=83, classes=2)
    # Figure 2 as a share of figure 1: 2 left-behind children of 83 students.
    lbc = fig.lbc_count(world.school, period, fig.students_on_roll(world.school, period))
    assert (lbc.share.numerator, lbc.share.denominator) == (2, 83)


def test_a_changed_number_keeps_its_history_and_a_blank_removes_it(client, world):
    client.force_login(world.principal)
    url = reverse("reports:enrolment", args=[world.semester.pk])
    client.post(url, {f"class_{world.class_1.pk}": "45", f"class_{world.class_2.pk}": "38"})
    client.post(url, {f"class_{world.class_1.pk}": "46", f"class_{world.class_2.pk}": ""})
    row = Enrolment.objects.get(school_class=world.class_1)
    assert row.students == 46
    assert [h.students for h in row.history.order_by("history_date")] == [45, 46]
    assert not Enrolment.objects.filter(school_class=world.class_2).exists()


def test_a_negative_or_implausible_number_is_refused(client, world):
    client.force_login(world.principal)
    url = reverse("reports:enrolment", args=[world.semester.pk])
    response = client.post(url, {f"class_{world.class_1.pk}": "-3", f"class_{world.class_2.pk}": "900"})
    assert response.status_code == 200
    assert not Enrolment.objects.exists()


def test_figure_1_reads_the_semester_containing_the_period_end(world):
    spring = f.previous_semester(world.semester)
    Enrolment.objects.create(school_class=world.class_1, semester=spring, students=40)
    Enrolment.objects.create(school_class=world.class_1, semester=world.semester, students=44)
    in_spring = spring.start_date + datetime.timedelta(days=20)
    in_holiday = spring.end_date + datetime.timedelta(days=10)  # between the two semesters: no enrolment
    assert fig.students_on_roll(world.school, fig.Period(in_spring, in_spring)).students == 40
    assert fig.students_on_roll(world.school, fig.Period.of_semester(world.semester)).students == 44
    assert fig.students_on_roll(world.school, fig.Period(in_holiday, in_holiday)).students is None


def test_the_students_on_roll_export_has_each_class_of_the_grid_and_the_total(client, world):
    import io

    import openpyxl

    client.force_login(world.archive_keeper)
    url = reverse("reports:enrolment", args=[world.semester.pk])
    client.post(url, {f"class_{world.class_1.pk}": "45", f"class_{world.class_2.pk}": ""})
    export = reverse("reports:enrolment_export", args=[world.semester.pk])
    assert f'href="{export}"' in client.get(url).content.decode()
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(export).content)).active
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert rows == [("班级", "在校生数"), ("3年级1班", 45), ("3年级2班", None), ("全部", 45)]
    assert sheet["B2"].data_type == "n"
    client.force_login(world.head_teacher)
    assert client.get(export).status_code == 403
