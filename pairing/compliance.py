"""What care work is due, done and overdue: one pure function and a thin loader.

`compliance()` is pure: it gets norms, a period, children and the records already fetched, and never
touches the database. `load_compliance()` fetches everything for a queryset of children in a constant
number of queries (see its docstring) and calls it.

The rules, in one place:

- **Buckets.** A week norm is counted in ISO weeks (Monday to Sunday), never split at a month
  boundary: a week that starts in September and ends in October is one bucket. A month norm is
  counted in calendar months, a semester norm in the whole period. Each bucket is clipped to the
  period (semester dates), so a semester starting on a Tuesday has a first week of six days.
- **Which buckets require work.** Only buckets that have started by `today`. A bucket requires the
  norm's count when the child was *eligible for at least half of the bucket's days* (rounded up).
  Eligible means: a left-behind child (identified on or before that day, status active on that day,
  following ChildStatusChange dates), key-help if the norm is for key-help children (dated through the
  child's individual plans: key-help work is owed while a plan runs; a flagged child without any plan owes
  it on its flag; the flag itself has a dated history, the archive's, which figure 20 reads:
  reports.figures.key_help), and, for a norm "by a paired carer of kind X", paired on
  that day with a carer of that kind. So a pairing that ends on the 10th of a month requires nothing
  that month; one that ends on the 20th still does; a child who stops being left-behind mid-semester
  owes nothing for the months after.
- **What counts as done.** A record dated inside the bucket, by the right person: anyone for "any";
  for "head teacher", a head teacher of the child's class among the people who did the work; for
  "paired carer of kind X", a carer of that kind paired with the child on the record's date. Parent
  and guardian contacts count only when the person was reached (an unreachable parent is a finding,
  not work done). Work beyond the count in one bucket does not carry over to another.
- **Overdue.** A bucket that has ended (its last day is before `today`) with less done than
  required. The bucket containing `today` is "due" while short, never overdue. A to-do list ("my
  week") lists what is due now, marked overdue when the previous bucket was missed as well: work
  logged today takes the child off the list, while the grid keeps the semester's missed buckets.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

# --- Inputs of the pure function: plain data, no model instances needed. ---


@dataclass(frozen=True)
class NormSpec:
    id: int
    school_id: int
    kind: str  # talk | home_visit | parent_contact | guardian_contact
    count: int
    period: str  # week | month | semester
    by: str  # any | head_teacher | paired_carer
    carer_kind: str = ""
    applies_to: str = "all"  # all | key_help
    label: str = ""


@dataclass(frozen=True)
class ChildSpec:
    id: int
    school_id: int
    class_id: int
    is_key_help: bool
    # Closed intervals (start, end or None) during which the child is an active left-behind child.
    active: tuple[tuple[date, date | None], ...]
    # When the child was key-help: the periods of its key-help plans. None when it has no plan on record:
    # then the current flag (`is_key_help`) holds for the whole period, as before plans existed.
    key_help: tuple[tuple[date, date | None], ...] | None = None


@dataclass(frozen=True)
class PairingSpec:
    child_id: int
    carer_id: int
    kind: str
    start: date
    end: date | None


class Work(NamedTuple):
    """One talk, visit or contact, reduced to what the norms ask about. (A named tuple, not a dataclass:
    the loader makes one per record of a school's semester, and a tuple is several times cheaper to build.)"""

    child_id: int
    kind: str  # talk | home_visit | parent_contact | guardian_contact
    date: date
    carer_ids: frozenset[int] = frozenset()
    user_ids: frozenset[int] = frozenset()


@dataclass(slots=True)
class Status:
    """One child against one norm over the period."""

    norm: NormSpec
    child_id: int
    required: int = 0
    done: int = 0
    overdue_buckets: int = 0
    due_now: int = 0  # still missing in the bucket containing today
    missed_last: bool = False  # the most recent ended bucket that required work was short
    last_done: date | None = None

    @property
    def overdue(self) -> bool:
        return self.overdue_buckets > 0

    @property
    def applies(self) -> bool:
        return self.required > 0


@dataclass
class ComplianceResult:
    norms: list[NormSpec]
    by_child: dict[int, list[Status]] = field(default_factory=dict)

    def for_child(self, child_id: int) -> list[Status]:
        return self.by_child.get(child_id, [])


# --- Pure part. ---


def buckets(period: str, start: date, end: date) -> list[tuple[date, date]]:
    """The counting buckets of a norm period inside [start, end], clipped to it."""
    if period == "semester":
        return [(start, end)]
    result = []
    if period == "week":
        cursor = start - timedelta(days=start.weekday())  # the ISO week's Monday
        while cursor <= end:
            result.append((max(cursor, start), min(cursor + timedelta(days=6), end)))
            cursor += timedelta(days=7)
        return result
    cursor = start.replace(day=1)
    while cursor <= end:
        following = (cursor.replace(day=28) + timedelta(days=4)).replace(day=1)
        result.append((max(cursor, start), min(following - timedelta(days=1), end)))
        cursor = following
    return result


def _overlap_days(intervals: Iterable[tuple[date, date | None]], lo: date, hi: date) -> int:
    """Days of [lo, hi] covered by the union of closed intervals."""
    clipped = sorted((max(s, lo), min(e or hi, hi)) for s, e in intervals if s <= hi and (e is None or e >= lo))
    total, cur_s, cur_e = 0, None, None
    for s, e in clipped:
        if s > e:
            continue
        if cur_e is None or s > cur_e + timedelta(days=1):
            if cur_e is not None:
                total += (cur_e - cur_s).days + 1
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += (cur_e - cur_s).days + 1
    return total


def _intersect(a: Sequence[tuple[date, date | None]], b: Sequence[tuple[date, date | None]]):
    far = date.max
    out = []
    for s1, e1 in a:
        for s2, e2 in b:
            s, e = max(s1, s2), min(e1 or far, e2 or far)
            if s <= e:
                out.append((s, None if e == far else e))
    return out


def compliance(
    *,
    norms: Sequence[NormSpec],
    start: date,
    end: date,
    today: date,
    children: Sequence[ChildSpec],
    pairings: Sequence[PairingSpec],
    work: Sequence[Work],
    head_teachers: dict[int, frozenset[int]],
) -> ComplianceResult:
    """Required vs done, per child per norm of the child's school, over [start, end] as of `today`.

    `head_teachers` maps a class id to the user ids of its head teachers. No database access.
    """
    pairings_of: dict[int, list[PairingSpec]] = defaultdict(list)
    for p in pairings:
        pairings_of[p.child_id].append(p)
    work_of: dict[tuple[int, str], list[Work]] = defaultdict(list)
    for w in work:
        if start <= w.date <= end:
            work_of[(w.child_id, w.kind)].append(w)
    no_work: list[Work] = []
    no_heads: frozenset[int] = frozenset()

    result = ComplianceResult(norms=list(norms))
    # Per norm period: its buckets (started by today) and, for each, the minimum of eligible days and
    # whether it has ended; computed once, not per child.
    bucket_cache: dict[str, list[tuple[date, date, int, bool]]] = {}
    for norm in norms:
        if norm.period not in bucket_cache:
            bucket_cache[norm.period] = [
                (lo, hi, math.ceil(((hi - lo).days + 1) / 2), hi < today)
                for lo, hi in buckets(norm.period, start, end)
                if lo <= today
            ]
    for child in children:
        statuses = []
        all_dates: dict[str, list[date]] = {}  # per kind: the dates of every record, for the norms "by any"
        # Whether the child is left-behind over the whole period: then no bucket needs its eligible days counted.
        active_all = any(s <= start and (e is None or e >= end) for s, e in child.active)
        for norm in norms:
            if norm.school_id != child.school_id:
                continue
            status = Status(norm, child.id)
            statuses.append(status)
            eligible = child.active
            if norm.applies_to == "key_help":
                if child.key_help is not None:
                    eligible = _intersect(eligible, child.key_help)  # dated: only while a plan ran
                elif not child.is_key_help:
                    continue
            records = work_of.get((child.id, norm.kind), no_work)
            if norm.by == "paired_carer":
                paired = [p for p in pairings_of[child.id] if p.kind == norm.carer_kind]
                eligible = _intersect(eligible, [(p.start, p.end) for p in paired])
                if not eligible:
                    continue
                dates = sorted(
                    w.date
                    for w in records
                    if any(
                        p.carer_id in w.carer_ids and p.start <= w.date and (p.end is None or w.date <= p.end)
                        for p in paired
                    )
                )
            elif not eligible:
                continue
            elif norm.by == "head_teacher":
                heads = head_teachers.get(child.class_id, no_heads)
                dates = sorted(w.date for w in records if w.user_ids & heads)
            else:
                dates = all_dates.get(norm.kind)
                if dates is None:
                    dates = all_dates[norm.kind] = sorted(w.date for w in records)
            covers_all = (
                active_all
                if eligible is child.active
                else any(s <= start and (e is None or e >= end) for s, e in eligible)
            )
            count = norm.count
            required = done_total = overdue = 0
            for lo, hi, half, ended in bucket_cache[norm.period]:
                if not covers_all and _overlap_days(eligible, lo, hi) < half:
                    continue
                done = bisect_right(dates, hi) - bisect_left(dates, lo) if dates else 0
                required += count
                if done >= count:
                    done_total += count
                    if ended:
                        status.missed_last = False
                else:
                    done_total += done
                    if ended:
                        status.missed_last = True
                        overdue += 1
                    else:
                        status.due_now = count - done
            status.required, status.done, status.overdue_buckets = required, done_total, overdue
            if dates:
                status.last_done = dates[-1]
        result.by_child[child.id] = statuses
    return result


def active_intervals(
    *, identified_on: date | None, status: str, changes: Sequence[tuple[date, str]], since: date
) -> tuple[tuple[date, date | None], ...]:
    """When a child was an active left-behind child, from its identification date and dated status changes.

    Before the first change the child had the opposite of that change (a change to "active" means it
    was not active before); without changes, the current status holds since identification (or `since`).
    """
    begin = identified_on or since
    changes = sorted(changes)
    if not changes:
        return ((begin, None),) if status == "active" else ()
    intervals: list[tuple[date, date | None]] = []
    current_start = begin if changes[0][1] != "active" else None
    for day, new_status in changes:
        if new_status == "active":
            if current_start is None:
                current_start = max(day, begin)
        elif current_start is not None:
            end = day - timedelta(days=1)
            if end >= current_start:
                intervals.append((current_start, end))
            current_start = None
    if current_start is not None:
        intervals.append((current_start, None))
    return tuple(intervals)
