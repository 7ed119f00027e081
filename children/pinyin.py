"""Pinyin of children's names, so a teacher can type `zsq` or `zhangsiqi` to find 张思琪."""

from pypinyin import Style, lazy_pinyin

from children.models import Child


def name_initials(name: str) -> str:
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()


def name_pinyin(name: str) -> str:
    return "".join(lazy_pinyin(name)).lower()


def set_name_pinyin(child: Child) -> None:
    """Fill the child's pinyin fields from the name (does not save)."""
    child.name_initials = name_initials(child.name)[:50]
    child.name_pinyin = name_pinyin(child.name)[:200]
