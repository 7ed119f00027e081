import datetime

import pytest

from tests.factories import make_id_number

BIRTH = datetime.date(2017, 5, 4)


def archive_post(world, *, child=None, parents=None, guardians=None, contacts=None) -> dict:
    """POST data of the archive page: a girl in class 1 with a father and a mother away and a grandmother."""
    data = {
        "child-school_class": world.class_1.pk,
        "child-name": "陈雨桐",
        "child-gender": "F",
        "child-birth_date": BIRTH.isoformat(),
        "child-id_number": make_id_number(BIRTH, male=False),
        "child-ethnicity": "汉族",
        "child-address": "石桥镇杉木村三组",
        "child-left_behind_type": "",
        "child-identified_on": "2025-09-01",
        "child-study_level": "good",
        "child-personality": "内向，爱笑",
        "child-hobbies": "画画",
        "child-poverty_status": "none",
        **(child or {}),
    }
    parent_rows = parents if parents is not None else [
        {"relation": "father", "name": "陈建军", "situation": "away", "phone": "138 1234 5678",
         "work_province": "广东", "work_city": "东莞", "employer": "长安镇电子厂", "occupation": "工人"},
        {"relation": "mother", "name": "刘小芳", "situation": "away", "phone": "13912345678",
         "work_province": "浙江", "work_city": "义乌"},
    ]  # fmt: skip
    guardian_rows = guardians if guardians is not None else [
        {"name": "王桂兰", "relation": "grandmother", "age": "68", "education": "primary", "health": "fair",
         "phone": "0854-7321234", "address": "石桥镇杉木村三组"},
    ]  # fmt: skip
    contact_rows = contacts if contacts is not None else []
    for prefix, rows, extra in (
        ("parents", parent_rows, 0),
        ("guardians", guardian_rows, 0),
        ("contacts", contact_rows, 0),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = len(rows) + extra
        data[f"{prefix}-INITIAL_FORMS"] = sum(1 for r in rows if r.get("id"))
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = value
    return data


@pytest.fixture
def post_data():
    return archive_post
