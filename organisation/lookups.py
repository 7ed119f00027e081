"""Lookups the project's queries share.

`id__in=[…]` with an id no database integer can hold matches nothing, instead of crashing.

Django already answers "no rows" for `id=<too large>` (IntegerFieldExact); `id__in` still passes the
value to the database, where SQLite raises OverflowError and PostgreSQL an out-of-range error. Every
multi-select (ModelMultipleChoiceField filters `pk__in`) and every list of posted ids goes through this
lookup, so dropping the impossible values here gives the form's normal "not one of the available
choices" message everywhere, once.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            try:
                low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            except KeyError:  # not a plain integer column (a relation's key): leave it to the database
                low, high = None, None
            self.rhs = [value for value in self.rhs if _fits(value, low, high)]
        return super().process_rhs(compiler, connection)


def _fits(value, low: int | None, high: int | None) -> bool:
    if not isinstance(value, int):
        return True
    return (low is None or value >= low) and (high is None or value <= high)


def ids_subquery(queryset: QuerySet) -> RawSQL | QuerySet:
    """The primary keys of `queryset` as a subquery compiled to SQL once, for `child__in=` in several queries.

    A queryset given as `child__in=` is cloned, resolved and compiled again in every query that names it; a
    scoped children queryset (scoping subqueries, soft deletion, status) costs about 2 ms each time, and the
    care loaders name theirs in eight and seven queries. The SQL sent to the database is the same subquery.
    The order is dropped, as Django drops it from a subquery. A queryset that can match nothing (`.none()`)
    is handed back as it is: Django then answers the queries naming it without asking the database."""
    if not queryset.query.is_sliced:
        queryset = queryset.order_by()
    ids = queryset.values("pk")
    try:
        sql, params = ids.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return ids
    return RawSQL(sql, params)
