"""What the care pages show, computed from the compliance result: "my week", the class grid and the
school totals. Reads only; every function makes the loader's fixed number of queries and no more."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet

from children.models import Child
from children.scoping import children_for
from organisation.models import SchoolClass, User
from organisation.rendering import link_parts
from organisation.roles import Role
from pairing.compliance import ComplianceResult
from pairing.models import CareNorm, WorkKind
from pairing.plan_selectors import reviews_due
from pairing.selectors import editable_talks_for, load_compliance

MY_WEEK_LIMIT = 100  # a school-wide "my week" of a principal would otherwise list every child
FOLLOW_UP_LIMIT = 30  # follow-ups shown, the soonest due first; "and N more" for the rest
BIRTHDAY_LIMIT = 30  # birthdays shown, in the order of the day; "and N more" for the rest
FOLLOW_UP_HORIZON = timedelta(days=7)


def my_week_links() -> dict[str, dict[str, str]]:
    return {
        "child": link_parts("children:detail"),
        "talk": link_parts("pairing:talk_create"),
        "visit": link_parts("pairing:visit_create"),
        "contact": link_parts("guardians:contact_create"),
    }


def due_by_kind(children: list[Child], result: ComplianceResult, *, include_head_teacher_norms: bool) -> list:
    """[(kind, label, [(child, [status…], overdue)], total)]: children whose current week/month/semester still
    lacks that kind of work, one row per child with every norm that is short; overdue children first."""
    groups: dict[str, dict] = {k: {} for k, _label in WorkKind.choices}
    for child in children:
        for status in result.for_child(child.pk):
            if not include_head_teacher_norms and status.norm.by == CareNorm.By.HEAD_TEACHER:
                continue
            if status.due_now:
                groups[status.norm.kind].setdefault(child, []).append(status)
    result_groups = []
    for kind, label in WorkKind.choices:
        items = [(child, statuses, any(s.missed_last for s in statuses)) for child, statuses in groups[kind].items()]
        items.sort(key=lambda item: not item[2])  # overdue first, otherwise in class order
        result_groups.append((kind, label, items[:MY_WEEK_LIMIT], len(items)))
    return result_groups


def overdue_once(children: list[Child], result: ComplianceResult, *, include_head_teacher_norms: bool) -> list:
    """[(child, [status…])]: every overdue child once (a norm still due now whose last period was short), with
    each norm still due (the overdue ones marked by `missed_last`), in class order. The per-kind lists repeat a
    child under every kind of work it owes, which on a phone reads as the same child again and again. At most
    MY_WEEK_LIMIT children."""
    rows = []
    for child in children:
        due = [
            status
            for status in result.for_child(child.pk)
            if status.due_now and (include_head_teacher_norms or status.norm.by != CareNorm.By.HEAD_TEACHER)
        ]
        if any(status.missed_last for status in due):
            rows.append((child, due))
    return rows[:MY_WEEK_LIMIT]


def my_week(user: User, *, today: date) -> dict:
    """A head teacher's or carer's week: work due per kind, follow-ups due within a week, birthdays this month.

    A carer is not asked for the head teacher's own work, and sees only follow-ups of talks they had or
    recorded."""
    is_carer = user.role == Role.CARER
    children, result = load_compliance(children_for(user).active(), today=today)
    groups = due_by_kind(children, result, include_head_teacher_norms=not is_carer)
    overdue = overdue_once(children, result, include_head_teacher_norms=not is_carer)
    # Follow-ups of the talks the user may change (a carer: their own), so every one links to its talk.
    follow_ups = list(
        editable_talks_for(user)
        .filter(follow_up_done=False, follow_up_due__isnull=False, follow_up_due__lte=today + FOLLOW_UP_HORIZON)
        .select_related("child")
        .order_by("follow_up_due")
    )
    follow_ups_more = max(0, len(follow_ups) - FOLLOW_UP_LIMIT)
    follow_ups = follow_ups[:FOLLOW_UP_LIMIT]
    birthdays = sorted((c for c in children if c.birth_date.month == today.month), key=lambda c: c.birth_date.day)
    return {
        "groups": groups,
        "overdue": overdue,
        "overdue_ids": {child.pk for child, _statuses in overdue},
        "follow_ups": follow_ups,
        "follow_ups_more": follow_ups_more,
        "birthdays": birthdays[:BIRTHDAY_LIMIT],
        "birthdays_more": max(0, len(birthdays) - BIRTHDAY_LIMIT),
        "today": today,
        "plan_reviews": reviews_due(user, today=today),
        "links": my_week_links(),
    }


def class_grid(children: QuerySet[Child]) -> dict:
    """Children × norms of one class: each cell the child's status for that norm (None if it does not apply)."""
    children_list, result = load_compliance(children)
    rows = []
    for child in children_list:
        by_norm = {s.norm.id: s for s in result.for_child(child.pk)}
        rows.append((child, [by_norm.get(n.id) for n in result.norms]))
    return {"norms": result.norms, "rows": rows, "child_url": link_parts("children:detail")}


def school_totals(children: QuerySet[Child], classes: QuerySet[SchoolClass]) -> dict:
    """Per class: children, work required and done, children overdue; per norm: required, done, overdue."""
    children_list, result = load_compliance(children, instances=False)
    classes = list(classes)

    def empty() -> dict:
        return {"children": 0, "required": 0, "done": 0, "overdue": 0}

    totals = {c.pk: empty() for c in classes}
    # Summed in plain lists per norm (required, done, overdue), then put into the rows once.
    per_norm = {n.id: [0, 0, 0] for n in result.norms}
    by_child = result.by_child
    for child in children_list:
        statuses = by_child.get(child.pk, ())
        row = totals.get(child.school_class_id)
        if row is None:
            row = totals[child.school_class_id] = empty()
        required = done = 0
        overdue = False
        for s in statuses:
            sums = per_norm[s.norm.id]
            sums[0] += s.required
            sums[1] += s.done
            if s.overdue_buckets:
                sums[2] += 1
                overdue = True
            required += s.required
            done += s.done
        row["children"] += 1
        row["overdue"] += overdue
        row["required"] += required
        row["done"] += done
    norm_totals = {
        n.id: {"norm": n, "required": per_norm[n.id][0], "done": per_norm[n.id][1], "overdue": per_norm[n.id][2]}
        for n in result.norms
    }
    return {
        "class_rows": [(c, totals[c.pk]) for c in classes],
        "norm_rows": list(norm_totals.values()),
        "children_count": len(children_list),
    }
