"""Excel exports of the child list, the filing-rate page and the safety-letter page: the rows and columns each
page shows, through the same filter and scoping (organisation.exports writes the workbook)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from children import safety, selectors
from children.completeness import complete_q, missing_for, requirements, with_completeness
from children.filters import filtered_children
from children.models import ChildStatus, Gender, LeftBehindType, PovertyStatus
from children.scoping import children_for
from organisation import scoping
from organisation.decorators import capability_required
from organisation.exports import NUMBER, PERCENT, Column, Sheet, choice_labels, class_label_of, xlsx_response, yes_no
from organisation.params import query_id
from organisation.roles import Capability


def _missing_labels():
    """Each requirement's label and the list separator, translated once per export, not once per child."""
    labels = {requirement.key: str(requirement.label) for requirement in requirements()}
    separator = pgettext("list separator", ", ")
    return lambda child: separator.join(labels[requirement.key] for requirement in child.missing)


def _with_missing(children):
    for child in children:
        child.missing = missing_for(child)
        yield child


# What the columns and the completeness check read; the archive's long texts (behaviour, notes…) stay in the
# database, which halves the time to fetch 5,000 children.
EXPORTED_FIELDS = [
    *{r.key for r in requirements()} - {"guardian", "parent_contact"},
    *("school_class__grade", "school_class__number", "is_key_help", "poverty_status", "status"),
]


def child_columns() -> list[Column]:
    """The child list's columns (its badges become columns), labels in the active language."""
    gender = choice_labels(Gender.choices)
    left_behind = choice_labels(LeftBehindType.choices)
    poverty = {**choice_labels(PovertyStatus.choices), PovertyStatus.NONE: ""}
    status = choice_labels(ChildStatus.choices)
    yes, no = yes_no(True), yes_no(False)
    return [
        Column(_("Name"), lambda c: c.name, width=10),
        Column(_("Class"), class_label_of(lambda child: child), width=12),
        Column(_("Gender"), lambda c: gender.get(c.gender, c.gender), width=6),
        Column(_("Left-behind type"), lambda c: left_behind.get(c.left_behind_type, c.left_behind_type), width=22),
        Column(_("Key-help"), lambda c: yes if c.is_key_help else no, width=8),
        Column(_("Poverty or difficulty"), lambda c: poverty.get(c.poverty_status, c.poverty_status), width=14),
        Column(_("Status"), lambda c: status.get(c.status, c.status), width=10),
        Column(_("Items missing"), lambda c: len(c.missing), kind=NUMBER, width=9),
        Column(_("Missing from the archive"), _missing_labels(), width=40),
    ]


def children_to_export(user, data):
    """The children the filtered list shows, all pages, in its order, each with `missing`: one query."""
    _filter, children = filtered_children(user, data)
    return _with_missing(children.only(*EXPORTED_FIELDS).iterator(chunk_size=1000))


@capability_required(Capability.VIEW_CHILDREN, Capability.EXPORT)
def child_list_export(request):
    """Every child the filtered list shows (all pages), in the list's order."""
    return xlsx_response(
        Sheet(_("Child archives"), child_columns(), children_to_export(request.user, request.GET)),
        filename=pgettext_lazy("file name", "Left-behind children"),
    )


RATE_COLUMNS = [
    Column(_("Class"), lambda r: r.label, width=16),
    Column(pgettext_lazy("number of children", "Children"), lambda r: r.children, kind=NUMBER, width=10),
    Column(_("Complete"), lambda r: r.complete, kind=NUMBER, width=10),
    Column(_("Filing rate"), lambda r: r.rate, kind=PERCENT, width=10),
]


def incomplete_columns() -> list[Column]:
    return [
        Column(_("Name"), lambda c: c.name, width=10),
        Column(_("Class"), class_label_of(lambda child: child), width=12),
        Column(_("Items missing"), lambda c: len(c.missing), kind=NUMBER, width=9),
        Column(_("Missing from the archive"), _missing_labels(), width=50),
    ]


class _Total:
    """The page's footer row ("All") in the shape of a class row."""

    def __init__(self, school_rate):
        self.label = str(_("All"))
        self.children, self.complete, self.rate = school_rate.children, school_rate.complete, school_rate.rate


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def completeness_export(request):
    """The filing-rate page: rates per class with the school's total, and the incomplete archives."""
    classes = scoping.classes_for(request.user).filter(is_active=True)
    children = children_for(request.user).active()
    rates = selectors.filing_rates(children, classes, request.user.school)
    incomplete = with_completeness(children.select_related("school_class")).exclude(complete_q())
    return xlsx_response(
        [
            Sheet(_("Filing rate"), RATE_COLUMNS, [*rates.classes, _Total(rates.school)]),
            Sheet(_("Incomplete archives"), incomplete_columns(), _with_missing(incomplete)),
        ],
        filename=_("Filing rate"),
    )


LETTER_CLASS_COLUMNS = [
    Column(_("Class"), lambda r: r["label"], width=16),
    Column(pgettext_lazy("number of children", "Children"), lambda r: r["children"], kind=NUMBER, width=10),
    Column(_("Signed"), lambda r: r["signed"], kind=NUMBER, width=10),
    Column(_("Not signed"), lambda r: r["missing"], kind=NUMBER, width=10),
]


def without_letter_columns() -> list[Column]:
    return [
        Column(_("Name"), lambda c: c.name, width=10),
        Column(_("Class"), class_label_of(lambda child: child), width=12),
    ]


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def safety_letters_export(request):
    """The safety-letter page: signed and not signed per class, and the children without a signed letter (of
    the page's ?class= when one is chosen). Only the letters' state: nothing of the safety events."""
    labels = {c.pk: c.label for c in scoping.classes_for(request.user)}
    rows = safety.letters_by_class(request.user)
    for row in rows:
        row["label"] = labels.get(row["class_id"], "")
    children = safety.without_letter(request.user, class_id=query_id(request.GET.get("class", "")))
    return xlsx_response(
        [
            Sheet(_("By class"), LETTER_CLASS_COLUMNS, rows),
            Sheet(_("Children without a signed letter"), without_letter_columns(), children),
        ],
        filename=_("Safety responsibility letters"),
    )
