"""The demo's festivals belong to the term they are held in."""

from activities.demo import _PLANS, _WRONG_SEASON
from organisation.models import Semester

AUTUMN_WORDS = ["秋", "教师节", "国庆", "重阳", "元旦"]
SPRING_WORDS = ["春", "元宵", "植树", "清明", "五一", "六一"]


def test_the_spring_term_has_no_autumn_festival_and_the_autumn_term_no_spring_one():
    spring = [row[3] for row in _PLANS[Semester.Term.SPRING]]
    autumn = [row[3] for row in _PLANS[Semester.Term.AUTUMN]]

    assert [t for t in spring if any(word in t for word in AUTUMN_WORDS)] == []
    assert [t for t in autumn if any(word in t for word in SPRING_WORDS)] == []
    assert any("元宵" in t for t in spring) and any("中秋" in t for t in autumn)


def test_only_festivals_of_the_other_term_are_cleaned_away():
    assert "中秋节“月圆情浓”联欢会" in _WRONG_SEASON[Semester.Term.SPRING]
    assert "留守儿童免费健康体检" not in _WRONG_SEASON[Semester.Term.SPRING]
    assert not set(_WRONG_SEASON[Semester.Term.SPRING]) & {row[3] for row in _PLANS[Semester.Term.SPRING]}
    assert not set(_WRONG_SEASON[Semester.Term.AUTUMN]) & {row[3] for row in _PLANS[Semester.Term.AUTUMN]}
