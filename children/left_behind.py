"""The left-behind type and its two official readings (DESIGN.md, "Left-behind type").

Parents' situations arrive as plain strings (the values of guardians.Parent.Situation) so that this
module does not import the guardians app. It imports no model either: children.models imports it
(LeftBehindType is defined here and used by Child.left_behind_type).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LeftBehindType(models.TextChoices):
    BOTH_AWAY = "both_away", _("Both parents away")
    FATHER_AWAY = "father_away", _("Father away")
    MOTHER_AWAY = "mother_away", _("Mother away")
    ONE_AWAY_OTHER_UNABLE = "one_away_other_unable", _("One parent away, the other unable to care")


AWAY = "away"
CANNOT_CARE = {"unable", "deceased", "unknown"}


def left_behind_type_from(father: str | None, mother: str | None) -> str | None:
    """The type implied by the parents' situations; "" when neither is away; None when nothing is known.

    Both away -> both away; one away and the other unable, deceased or unknown -> one away, the other
    unable; only the father (mother) away -> father (mother) away. A parent without a record is taken
    to be at home.
    """
    if father is None and mother is None:
        return None
    father_away, mother_away = father == AWAY, mother == AWAY
    if father_away and mother_away:
        return LeftBehindType.BOTH_AWAY
    if (father_away and mother in CANNOT_CARE) or (mother_away and father in CANNOT_CARE):
        return LeftBehindType.ONE_AWAY_OTHER_UNABLE
    if father_away:
        return LeftBehindType.FATHER_AWAY
    if mother_away:
        return LeftBehindType.MOTHER_AWAY
    return ""


def register_code(left_behind_type: str) -> int:
    """The student register's field: 0 none, 1 one parent away, 2 both away."""
    if left_behind_type == LeftBehindType.BOTH_AWAY:
        return 2
    if left_behind_type:
        return 1
    return 0


def counts_in_civil_affairs_register(left_behind_type: str) -> bool:
    """The civil-affairs register counts both away, or one away and the other unable to care."""
    return left_behind_type in (LeftBehindType.BOTH_AWAY, LeftBehindType.ONE_AWAY_OTHER_UNABLE)
