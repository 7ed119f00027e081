"""Measure the roster import at 5,000 rows against django-import-export's default import of the same rows.

Run from the project root:  .venv/bin/python bench/roster_import.py [--rows 5000] [--database-url URL]

Builds a scratch SQLite database in a temporary folder (never touches db.sqlite3), four schools with the
same classes, and one 5,000-row roster workbook (every row a child with a father, a mother and a guardian:
the template's 31 columns). Then, side by side:

1. reading the workbook: python-calamine vs openpyxl read-only (the two readers the issue names);
2. ours: stage (parse once, check every row against the school) + confirm (bulk writes with history);
3. django-import-export's default import of the same rows and columns (a ModelResource for the child,
   its parents and guardian written in after_save_instance): dry run, then the real import.

Time is measured in runs without tracemalloc; peak memory in separate runs with tracemalloc (into the
other two schools, so each run starts from the same empty school).
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument(
        "--memory-rows", type=int, help="rows of the tracemalloc runs (default: --rows); tracemalloc is slow"
    )
    parser.add_argument("--database-url", help="an EMPTY database instead of a scratch SQLite file")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    call_command("migrate", verbosity=0)
    translation.activate("zh-hans")

    import xlsxwriter
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    from guardians.roster import COLUMNS
    from guardians.roster_services import roster_confirm, roster_stage
    from organisation.models import District, School, SchoolClass, User
    from organisation.roles import Role
    from tests.factories import make_id_number
    from tests.guardians.roster_files import HEADERS, roster_row

    district = District.objects.create(name="青山县", code="522799")
    schools, users = [], []
    for n in range(4):
        school = School.objects.create(district=district, name=f"学校{n}", code=f"S{n}")
        for grade in range(1, 7):
            for number in range(1, 10):
                SchoolClass.objects.create(school=school, grade=grade, number=number)
        schools.append(school)
        users.append(
            User.objects.create_user(f"keeper{n}", full_name="档案员", role=Role.ARCHIVE_KEEPER, school=school)
        )

    rows = [roster_row(n, class_text=f"{1 + n % 6}-{1 + n // 6 % 9}") for n in range(args.rows)]
    for n, row in enumerate(rows):  # unique ID numbers: the sequence digits vary with n
        birth = date(2013, 1, 1) + timedelta(days=n % 1800)
        row["出生日期"] = birth.isoformat()
        row["身份证号"] = make_id_number(birth, male=n % 2 == 0, seq=n // 1800 + 10)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("花名册")
    sheet.write_row(0, 0, HEADERS)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, [row.get(h) if row.get(h) is not None else "" for h in HEADERS])
    book.close()
    data = out.getvalue()
    print(f"{args.rows} rows, {len(COLUMNS)} columns, workbook {len(data) / 1024:.0f} KB")

    # 1. Readers.
    def calamine():
        return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()

    def openpyxl_read_only():
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        return [[c.value for c in row] for row in wb.active.rows]

    for name, reader in (("python-calamine", calamine), ("openpyxl read-only", openpyxl_read_only)):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            reader()
            times.append(time.perf_counter() - start)
        print(f"read  {name:<22} median {statistics.median(times):6.2f} s")

    # 2. Ours.
    memory_rows = args.memory_rows or args.rows
    small = data
    if memory_rows != args.rows:
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
        sheet = book.add_worksheet("花名册")
        sheet.write_row(0, 0, HEADERS)
        for r, row in enumerate(rows[:memory_rows], start=1):
            sheet.write_row(r, 0, [row.get(h) if row.get(h) is not None else "" for h in HEADERS])
        book.close()
        small = out.getvalue()

    def ours(school_index, data=data):
        staged = roster_stage(data=data, file_name="花名册.xlsx", user=users[school_index])
        assert staged.counts["error"] == 0, staged.counts
        preview = time.perf_counter()
        roster_confirm(staged=staged, user=users[school_index])
        return preview

    # 3. django-import-export.
    resource_class = _resource()

    def theirs(school_index, data=data):
        import tablib

        dataset = tablib.Dataset().load(data, format="xlsx")
        resource = resource_class(schools[school_index], users[school_index])
        result = resource.import_data(dataset, dry_run=True, use_transactions=True)
        assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows[:1]
        preview = time.perf_counter()
        dataset = tablib.Dataset().load(data, format="xlsx")
        result = resource.import_data(dataset, dry_run=False, use_transactions=True)
        assert not result.has_errors()
        return preview

    results = {}
    for label, run, time_school, memory_school in (("ours", ours, 0, 1), ("django-import-export", theirs, 2, 3)):
        start = time.perf_counter()
        preview_done = run(time_school)
        end = time.perf_counter()
        tracemalloc.start()
        run(memory_school, data=small)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results[label] = (preview_done - start, end - preview_done, end - start, peak)
        print(
            f"{label:<22} preview {preview_done - start:6.1f} s  confirm {end - preview_done:6.1f} s  "
            f"total {end - start:6.1f} s  peak memory ({memory_rows} rows) {peak / 1024 / 1024:6.0f} MB"
        )
    ratio = results["django-import-export"][2] / results["ours"][2]
    print(f"ours is {ratio:.1f}x faster than django-import-export's default import")


def _resource():
    from import_export import fields, resources, widgets

    from children.models import Child, Gender, PovertyStatus
    from children.pinyin import set_name_pinyin
    from guardians import roster
    from guardians.models import Guardian, Parent
    from organisation.models import SchoolClass

    class ChoiceWidget(widgets.Widget):
        def __init__(self, choices):
            super().__init__()
            self.choices = choices

        def clean(self, value, row=None, **kwargs):
            return roster.parse_choice(value, self.choices) if value else ""

    class YesNoWidget(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            return roster.parse_yes_no(value) if value else False

    class ClassWidget(widgets.Widget):
        def __init__(self, school):
            super().__init__()
            self.school = school

        def clean(self, value, row=None, **kwargs):
            grade, number = roster.parse_class(value)
            return SchoolClass.objects.get(school=self.school, grade=grade, number=number)

    def field(attribute, header, widget=None):
        return fields.Field(attribute=attribute, column_name=header, widget=widget or widgets.CharWidget())

    class ChildResource(resources.ModelResource):
        def __init__(self, school, user):
            super().__init__()
            self.school, self.user = school, user
            self.fields["school_class"] = field("school_class", "班级", ClassWidget(school))

        name = field("name", "姓名")
        gender = field("gender", "性别", ChoiceWidget(Gender))
        birth_date = field("birth_date", "出生日期", widgets.DateWidget("%Y-%m-%d"))
        id_number = field("id_number", "身份证号")
        ethnicity = field("ethnicity", "民族")
        address = field("address", "家庭住址（村）")
        is_boarding = field("is_boarding", "是否寄宿", YesNoWidget())
        identified_on = field("identified_on", "认定日期", widgets.DateWidget("%Y-%m-%d"))
        poverty_status = field("poverty_status", "家庭困难情况", ChoiceWidget(PovertyStatus))
        is_key_help = field("is_key_help", "重点帮扶", YesNoWidget())

        class Meta:
            model = Child
            import_id_fields = ["id_number"]
            fields = [
                "school_class", "name", "gender", "birth_date", "id_number", "ethnicity", "address",
                "is_boarding", "identified_on", "poverty_status", "is_key_help",
            ]  # fmt: skip
            skip_unchanged = True

        def get_queryset(self):
            return Child.objects.filter(school=self.school)

        def before_save_instance(self, instance, row, **kwargs):
            instance.school = self.school
            set_name_pinyin(instance)

        def after_save_instance(self, instance, row, **kwargs):
            # The parents and the guardian of the row, the way a ModelResource extension writes them.
            for relation, zh in (("father", "父亲"), ("mother", "母亲")):
                Parent.objects.update_or_create(
                    child=instance,
                    relation=relation,
                    defaults={
                        "name": row[f"{zh}姓名"] or "",
                        "situation": roster.parse_choice(row[f"{zh}情况"], Parent.Situation),
                        "phone": roster.parse_phone(row[f"{zh}电话"]),
                        "work_province": row[f"{zh}务工省份"] or "",
                        "work_city": row[f"{zh}务工城市"] or "",
                        "employer": row[f"{zh}工作单位"] or "",
                        "away_since": roster.parse_date(row[f"{zh}外出时间"]),
                    },
                )
            Guardian.objects.update_or_create(
                child=instance,
                defaults={
                    "name": row["监护人姓名"],
                    "relation": roster.parse_choice(row["监护人关系"], Guardian.Relation),
                    "age": int(row["监护人年龄"]),
                    "phone": roster.parse_phone(row["监护人电话"]),
                    "education": roster.parse_choice(row["监护人文化程度"], Guardian.Education),
                },
            )

    return ChildResource


if __name__ == "__main__":
    main()
