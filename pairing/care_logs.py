"""The school-wide logs of talks, home visits and parent contacts: each read through its read rule
(talks_for, visits_for, contacts_for), filtered by django-filter FilterSets, links by its write rule.

For principals, archive keepers and head teachers (a head teacher: their classes). A talk's confidential
note is shown only as on the child page (`confidential_note_for`).
"""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guardians.models import ParentContact
from guardians.selectors import contacts_for, editable_contacts_for
from organisation import scoping
from organisation.models import User
from organisation.scoping import editable_ids
from organisation.widgets import DateInput
from pairing.models import HomeVisit, Talk, Topic
from pairing.selectors import (
    carers_for,
    confidential_note_for,
    editable_talks_for,
    editable_visits_for,
    talks_for,
    visits_for,
)

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class _LogFilter(django_filters.FilterSet):
    school_class = django_filters.ModelChoiceFilter(
        label=_("Class"), field_name="child__school_class", queryset=None, empty_label=_("All classes")
    )
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte", widget=DateInput())
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte", widget=DateInput())

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["school_class"].queryset = scoping.classes_for(user).filter(is_active=True)
        if "carer" in self.filters:
            self.filters["carer"].queryset = carers_for(user)


class TalkLogFilter(_LogFilter):
    carer = django_filters.ModelChoiceFilter(label=_("Carer"), queryset=None, empty_label=_("All carers"))
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=Topic.choices, method="with_topic", empty_label=_("All topics")
    )

    class Meta:
        model = Talk
        fields: list[str] = []

    def with_topic(self, queryset, name, value):
        # Topics are a JSON list of ids; JSON `contains` is not supported on SQLite, the quoted id in its text is.
        return queryset.filter(topics__icontains=f'"{value}"') if value else queryset


class VisitLogFilter(_LogFilter):
    carer = django_filters.ModelChoiceFilter(
        label=_("Carer"), queryset=None, method="with_carer", empty_label=_("All carers")
    )
    reached = django_filters.ChoiceFilter(
        label=_("Someone met"), choices=YES_NO, method="someone_met", empty_label=_("All")
    )

    class Meta:
        model = HomeVisit
        fields: list[str] = []

    def with_carer(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=HomeVisit.carers.through.objects.filter(carer=value).values("homevisit_id"))

    def someone_met(self, queryset, name, value):
        if value == "yes":
            return queryset.exclude(met=HomeVisit.Met.NOBODY)
        if value == "no":
            return queryset.filter(met=HomeVisit.Met.NOBODY)
        return queryset


class ContactLogFilter(_LogFilter):
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=ParentContact.Channel.choices, empty_label=_("All channels")
    )
    counterpart = django_filters.ChoiceFilter(
        label=_("With"), choices=ParentContact.Counterpart.choices, empty_label=_("Parent or guardian")
    )
    initiated_by = django_filters.ChoiceFilter(
        label=_("Started by"), choices=ParentContact.Initiator.choices, empty_label=_("Anyone")
    )
    reached = django_filters.ChoiceFilter(
        label=_("Reached"), choices=YES_NO, method="was_reached", empty_label=_("All")
    )

    class Meta:
        model = ParentContact
        fields: list[str] = []

    def was_reached(self, queryset, name, value):
        return queryset.filter(reached=value == "yes") if value else queryset


LOGS = {
    "talk": (TalkLogFilter, talks_for, editable_talks_for, ("child__school_class", "carer", "recorded_by")),
    "visit": (VisitLogFilter, visits_for, editable_visits_for, ("child__school_class", "recorded_by")),
    "contact": (
        ContactLogFilter,
        contacts_for,
        editable_contacts_for,
        ("child__school_class", "parent", "recorded_by"),
    ),
}


def log_filter(log: str, user: User, data) -> django_filters.FilterSet:
    filter_class, read_rule, _write, related = LOGS[log]
    queryset = read_rule(user).select_related(*related).order_by("-date", "-pk")
    if log == "visit":
        queryset = queryset.prefetch_related("carers", "staff")
    return filter_class(data or None, queryset=queryset, user=user)


def filtered(log_filter_set: django_filters.FilterSet) -> QuerySet:
    f = log_filter_set
    return f.qs if f.is_bound and f.is_valid() else f.queryset


def mark_rows(log: str, user: User, rows: list) -> None:
    """Mark each row `may_edit` by the write rule (1 query) and, for talks, the note the user may read."""
    editable = editable_ids(LOGS[log][2](user), rows)
    for row in rows:
        row.may_edit = row.pk in editable
        if log == "talk":
            row.visible_note = confidential_note_for(row, user)
