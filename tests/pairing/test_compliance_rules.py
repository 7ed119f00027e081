"""The norm engine (pairing.compliance.compliance): pure, so these tests build plain data, no database."""

from datetime import date

from pairing.compliance import ChildSpec, NormSpec, PairingSpec, Work, active_intervals, buckets, compliance

SEMESTER = (date(2026, 9, 1), date(2027, 1, 20))


def norm(**kw) -> NormSpec:
    base = {"id": 1, "school_id": 1, "kind": "talk", "count": 1, "period": "month", "by": "any"}
    return NormSpec(**{**base, **kw})


def child(pk=1, *, key_help=False, active=((date(2025, 1, 1), None),), class_id=10) -> ChildSpec:
    return ChildSpec(id=pk, school_id=1, class_id=class_id, is_key_help=key_help, active=active)


def run(norms, children, work=(), pairings=(), *, today, start=SEMESTER[0], end=SEMESTER[1], head_teachers=None):
    return compliance(
        norms=norms,
        start=start,
        end=end,
        today=today,
        children=children,
        pairings=pairings,
        work=list(work),
        head_teachers=head_teachers or {},
    )


def test_a_week_crossing_a_month_is_one_bucket_and_a_talk_in_its_second_month_counts_for_it():
    weekly = norm(period="week")
    # Monday 28 September to Sunday 4 October 2026 is one ISO week.
    assert (date(2026, 9, 28), date(2026, 10, 4)) in buckets("week", *SEMESTER)
    talk = Work(1, "talk", date(2026, 10, 2))
    status = run([weekly], [child()], [talk], today=date(2026, 10, 5), start=date(2026, 9, 28))
    s = status.for_child(1)[0]
    # The crossing week (ended, done) and the week starting today (due, not overdue).
    assert (s.required, s.done, s.overdue_buckets, s.due_now) == (2, 1, 0, 1)


def test_weeks_are_clipped_to_the_semester_start_so_the_first_week_starts_on_its_first_day():
    assert buckets("week", *SEMESTER)[0] == (date(2026, 9, 1), date(2026, 9, 6))
    assert buckets("month", *SEMESTER)[-1] == (date(2027, 1, 1), date(2027, 1, 20))


def test_work_outside_the_semester_does_not_count():
    status = run([norm()], [child()], [Work(1, "talk", date(2026, 8, 31))], today=date(2026, 9, 20))
    s = status.for_child(1)[0]
    assert (s.required, s.done, s.due_now) == (1, 0, 1)
    assert not s.overdue  # September has not ended yet


def test_a_month_without_a_talk_is_overdue_once_it_has_ended():
    s = run([norm()], [child()], [Work(1, "talk", date(2026, 10, 8))], today=date(2026, 11, 3)).for_child(1)[0]
    # September (missed), October (done), November (running)
    assert (s.required, s.done, s.overdue_buckets, s.due_now) == (3, 1, 1, 1)
    assert s.last_done == date(2026, 10, 8)


def test_extra_work_in_one_month_does_not_make_up_for_another():
    work = [Work(1, "talk", date(2026, 10, d)) for d in (1, 2, 3)]
    s = run([norm()], [child()], work, today=date(2026, 11, 1)).for_child(1)[0]
    assert (s.required, s.done, s.overdue_buckets) == (3, 1, 1)


def test_a_pairing_ended_early_in_a_month_requires_nothing_of_the_carer_that_month():
    paired = norm(by="paired_carer", carer_kind="loving_mother")
    ended_10th = PairingSpec(1, 7, "loving_mother", date(2026, 9, 1), date(2026, 10, 10))
    s = run([paired], [child()], [Work(1, "talk", date(2026, 9, 5), frozenset({7}))], [ended_10th],
            today=date(2026, 12, 1)).for_child(1)[0]  # fmt: skip
    # September required and done; October only 10 of 31 days paired: not required; November not paired.
    assert (s.required, s.done, s.overdue_buckets) == (1, 1, 0)


def test_a_pairing_ended_late_in_a_month_still_requires_that_month():
    paired = norm(by="paired_carer", carer_kind="loving_mother")
    ended_20th = PairingSpec(1, 7, "loving_mother", date(2026, 9, 1), date(2026, 10, 20))
    s = run([paired], [child()], [], [ended_20th], today=date(2026, 12, 1)).for_child(1)[0]
    assert (s.required, s.overdue_buckets) == (2, 2)


def test_only_a_paired_carer_of_the_right_kind_counts_for_a_paired_carer_norm():
    paired = norm(by="paired_carer", carer_kind="loving_mother")
    pairings = [PairingSpec(1, 7, "loving_mother", date(2026, 1, 1), None)]
    by_stranger = Work(1, "talk", date(2026, 9, 10), frozenset({8}))
    s = run([paired], [child()], [by_stranger], pairings, today=date(2026, 10, 1)).for_child(1)[0]
    assert (s.required, s.done, s.overdue_buckets, s.due_now) == (2, 0, 1, 1)


def test_a_child_without_a_pairing_of_that_kind_owes_nothing_to_a_paired_carer_norm():
    paired = norm(by="paired_carer", carer_kind="loving_mother")
    s = run([paired], [child()], today=date(2026, 12, 1)).for_child(1)[0]
    assert s.required == 0 and not s.applies


def test_a_head_teacher_norm_counts_only_the_class_head_teachers_work():
    head = norm(by="head_teacher")
    work = [
        Work(1, "talk", date(2026, 9, 3), user_ids=frozenset({55})),
        Work(1, "talk", date(2026, 10, 3), user_ids=frozenset({99})),
    ]
    s = run([head], [child()], work, today=date(2026, 10, 31), head_teachers={10: frozenset({99})}).for_child(1)[0]
    assert (s.required, s.done, s.overdue_buckets) == (2, 1, 1)


def test_a_child_no_longer_left_behind_mid_semester_owes_nothing_afterwards():
    intervals = active_intervals(
        identified_on=date(2025, 3, 1),
        status="no_longer",
        changes=[(date(2026, 10, 12), "no_longer")],
        since=SEMESTER[0],
    )
    assert intervals == ((date(2025, 3, 1), date(2026, 10, 11)),)
    s = run([norm()], [child(active=intervals)], today=date(2027, 1, 21)).for_child(1)[0]
    # September fully, October only 11 of 31 days: only September is required.
    assert (s.required, s.overdue_buckets) == (1, 1)


def test_a_child_identified_mid_semester_owes_from_then_on():
    intervals = active_intervals(identified_on=date(2026, 11, 10), status="active", changes=[], since=SEMESTER[0])
    s = run([norm()], [child(active=intervals)], today=date(2027, 1, 21)).for_child(1)[0]
    # November has 21 of 30 days: required; December; January (1-20) fully: 3 months.
    assert s.required == 3


def test_a_semester_norm_is_due_until_the_semester_ends_then_overdue():
    visit = norm(kind="home_visit", period="semester")
    mid = run([visit], [child()], today=date(2026, 12, 1)).for_child(1)[0]
    assert (mid.required, mid.due_now, mid.overdue) == (1, 1, False)
    after = run([visit], [child()], today=date(2027, 2, 1)).for_child(1)[0]
    assert after.overdue


def test_the_semester_boundary_separates_two_semesters_work():
    visit = norm(kind="home_visit", period="semester")
    last_semester_visit = Work(1, "home_visit", date(2026, 7, 1))
    s = run([visit], [child()], [last_semester_visit], today=date(2026, 9, 10)).for_child(1)[0]
    assert (s.done, s.due_now) == (0, 1)


def test_a_key_help_norm_applies_only_to_key_help_children():
    key = norm(applies_to="key_help")
    result = run([key], [child(1, key_help=True), child(2)], today=date(2026, 10, 2))
    assert result.for_child(1)[0].required == 2
    assert result.for_child(2)[0].required == 0


def test_norms_of_another_school_do_not_apply():
    other = norm(school_id=2)
    assert run([other], [child()], today=date(2026, 10, 2)).for_child(1) == []


def test_status_changes_back_to_active_reopen_an_interval():
    intervals = active_intervals(
        identified_on=date(2025, 1, 1),
        status="active",
        changes=[(date(2026, 3, 1), "no_longer"), (date(2026, 10, 1), "active")],
        since=SEMESTER[0],
    )
    assert intervals == ((date(2025, 1, 1), date(2026, 2, 28)), (date(2026, 10, 1), None))


def test_work_done_now_clears_what_is_due_but_the_missed_month_stays_overdue():
    work = [Work(1, "talk", date(2026, 11, 3))]
    s = run([norm()], [child()], work, today=date(2026, 11, 5), start=date(2026, 10, 1)).for_child(1)[0]
    assert (s.due_now, s.missed_last, s.overdue_buckets) == (0, True, 1)
    s = run([norm()], [child()], [], today=date(2026, 11, 5), start=date(2026, 10, 1)).for_child(1)[0]
    assert (s.due_now, s.missed_last) == (1, True)
