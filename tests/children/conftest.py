import pytest

from children.pinyin import set_name_pinyin
from tests.factories import ChildFactory, GuardianFactory, ParentFactory


def complete_child(**kwargs):
    """A child whose archive meets every requirement of children.completeness.requirements()."""
    defaults = {
        "id_number": "",
        "address": "石桥镇杉木村",
        "left_behind_type": "both_away",
        "study_level": "good",
        "personality": "开朗",
        "hobbies": "跳绳",
    }
    child = ChildFactory(**{**defaults, **kwargs})
    if not child.id_number:
        from tests.factories import make_id_number

        child.id_number = make_id_number(child.birth_date, male=child.gender == "M", seq=child.pk % 100)
    set_name_pinyin(child)
    child.save()
    GuardianFactory(child=child)
    ParentFactory(child=child, work_city="东莞", phone="13812345678")
    return child


@pytest.fixture
def make_complete_child():
    return complete_child
