"""Measure Excel exports: XlsxWriter against openpyxl, and the child-list export against the bare library.

Run from the project root:  .venv/bin/python bench/export.py [--rows 5000] [--children 5000] [--repeat 5]

Part 1 writes the same 5,000 rows x 20 columns (text, numbers, dates) with XlsxWriter in constant-memory
mode and with openpyxl in write-only mode, no Django involved, and prints the median time of each.
Part 2 builds a scratch SQLite database (never db.sqlite3) with one school of 5,000 children and times:
the whole export request (`children:export` as the principal: queries, completeness, workbook), the
mechanism alone on the already-fetched children (organisation.exports.write_workbook), and bare XlsxWriter
writing the same cell values, precomputed, with nothing else to do.
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def interleaved(functions: list[tuple[str, object]], repeat: int) -> None:
    """Run each function once per round, round after round, so that load from other work on the machine
    falls on all of them alike; print the median and the fastest time of each."""
    timings: dict[str, list[float]] = {label: [] for label, _function in functions}
    for _ in range(repeat):
        for label, function in functions:
            start = time.perf_counter()
            function()
            timings[label].append((time.perf_counter() - start) * 1000)
    for label, values in timings.items():
        print(f"  {label:<44} median {statistics.median(values):7.0f} ms (min {min(values):.0f})")


def peak_mib(function) -> float:
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def library_rows(n: int) -> list[list]:
    rnd = random.Random(2026)
    rows = []
    for i in range(n):
        row = []
        for col in range(20):
            if col % 4 == 0:
                row.append(date(2015, 1, 1) + timedelta(days=rnd.randint(0, 3000)))
            elif col % 4 == 1:
                row.append(rnd.randint(0, 10_000) / 10)
            else:
                row.append(f"{'王李张刘陈'[i % 5]}思琪{i}-{col}")
        rows.append(row)
    return rows


def xlsxwriter_bare(rows: list[list]) -> bytes:
    import xlsxwriter

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    workbook.close()
    return output.getvalue()


def openpyxl_write_only(rows: list[list]) -> bytes:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    output = io.BytesIO()
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, date):
                cell = WriteOnlyCell(sheet, value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    workbook.save(output)
    return output.getvalue()


def mechanism(rows: list[list]) -> bytes:
    """The same cells through organisation.exports: typed columns, neutralised text, header, filter, freeze."""
    from organisation.exports import DATE, NUMBER, Column, Sheet, workbook_bytes

    def getter(i):
        return lambda row: row[i]

    kinds = [DATE, NUMBER, None, None] * 5
    columns = [Column(f"列{i}", getter(i), kind=kind or "text") for i, kind in enumerate(kinds)]
    return workbook_bytes([Sheet("bench", columns, rows)])


def part_one(args) -> None:
    rows = library_rows(args.rows)
    print(f"Part 1: {args.rows} rows x 20 columns (5 date, 5 number, 10 text columns), median of {args.repeat}")
    functions = [
        ("XlsxWriter, constant_memory", xlsxwriter_bare),
        ("openpyxl, write_only", openpyxl_write_only),
        ("organisation.exports (XlsxWriter)", mechanism),
    ]
    interleaved([(label, lambda f=function: f(rows)) for label, function in functions], args.repeat)
    for label, function in functions:
        print(f"  peak Python memory, {label:<34} {peak_mib(lambda f=function: f(rows)):.1f} MiB")


def part_two(args) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import translation

    setup_test_environment()
    call_command("migrate", verbosity=0)

    from children.exports import child_columns, children_to_export
    from children.models import Child, LeftBehindType
    from children.pinyin import set_name_pinyin
    from guardians.models import Guardian, Parent
    from organisation.exports import Sheet, write_workbook
    from organisation.models import District, School, SchoolClass, User
    from organisation.roles import Role

    rnd = random.Random(2026)
    district = District.objects.create(name="青山县", code="522799")
    school = School.objects.create(district=district, name="石桥小学", code="S1")
    classes = [SchoolClass.objects.create(school=school, grade=g, number=n) for g in range(1, 7) for n in (1, 2, 3)]
    principal = User.objects.create_user("principal", full_name="杨国强", role=Role.PRINCIPAL, school=school)
    surnames, given = "王李张刘陈杨黄赵吴周", ["思琪", "浩然", "欣怡", "子轩", "雨桐", "宇航", "梓涵", "俊杰"]
    children = []
    for i in range(args.children):
        child = Child(
            school=school,
            school_class=classes[i % len(classes)],
            name=rnd.choice(surnames) + rnd.choice(given),
            gender=rnd.choice("MF"),
            birth_date=date(2015, 1, 1) + timedelta(days=rnd.randint(0, 2000)),
            address="杉木村",
            left_behind_type=rnd.choice(LeftBehindType.values),
            hobbies="画画",
            is_key_help=i % 7 == 0,
            key_help_reason="父母均外出" if i % 7 == 0 else "",
        )
        set_name_pinyin(child)
        children.append(child)
    Child.objects.bulk_create(children)
    children = list(Child.objects.all())
    Parent.objects.bulk_create(
        Parent(child=c, relation=r, name="家长", phone="13812345678", work_city="东莞")
        for c in children[: int(len(children) * 0.9)]
        for r in ("father", "mother")
    )
    Guardian.objects.bulk_create(Guardian(child=c, name="王桂兰", relation="grandmother") for c in children[::2])

    client = Client()
    client.force_login(principal)
    print(
        f"\nPart 2: the child-list export of {args.children} children ({len(child_columns())} columns), "
        f"median of {args.repeat}"
    )

    def request() -> None:
        response = client.get("/children/export/")
        assert response.status_code == 200, response.status_code

    with translation.override("zh-hans"):
        fetched = list(children_to_export(principal, {}))
        columns = child_columns()
        rows = [[column.value(child) for column in columns] for child in fetched]
        headers = [str(column.header) for column in columns]

        def mechanism() -> None:
            write_workbook(io.BytesIO(), [Sheet("名单", child_columns(), fetched)])

        def bare() -> None:
            import xlsxwriter

            workbook = xlsxwriter.Workbook(io.BytesIO(), {"constant_memory": True})
            sheet = workbook.add_worksheet()
            for c, header in enumerate(headers):
                sheet.write_string(0, c, header)
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row):
                    if isinstance(value, int):
                        sheet.write_number(r, c, value)
                    elif value:
                        sheet.write_string(r, c, value)
            workbook.close()

        def compute() -> None:
            list(children_to_export(principal, {}))

        interleaved(
            [
                ("whole request (children:export)", request),
                ("fetch + completeness (no workbook)", compute),
                ("organisation.exports on fetched children", mechanism),
                ("bare XlsxWriter, same cells precomputed", bare),
            ],
            args.repeat,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--children", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    part_one(args)
    part_two(args)


if __name__ == "__main__":
    main()
