"""The self-care log's domain: days, values, pauses, strength, summaries and lapses.

Expected strengths are worked out from the formula in the module notes,
s = s * m + credit * (1 - m) with m = 0.5 ** (sqrt(f) / 13), not copied from
a run: e.g. n days of full practice from 0 give 1 - m ** n.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import itertools
import math
import re
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain import dates
from companion.domain.errors import Invalid, Problem
from companion.domain.selfcare.entries import (
    AlreadyLoggedError,
    Entry,
    check_day_total,
    check_note,
    check_value,
    daily_totals,
    local_day,
)
from companion.domain.selfcare.habits import Habit, HabitSpec, check_key, check_spec
from companion.domain.selfcare.lapses import lapse, lapsed_habits, pause_lines
from companion.domain.selfcare.pauses import check_pause, paused_days
from companion.domain.selfcare.strength import (
    day_credit,
    history_start,
    strength,
    strength_horizon,
    strength_multiplier,
)
from companion.domain.selfcare.summary import (
    on_target,
    on_target_heading,
    programme_range,
    summarise,
    summarise_all,
    summary_start,
    week_days,
)

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC

WALKING = Habit("walking", "Walking", "minutes", "minutes", 30, id=1)
MEDITATION = Habit("meditation", "Meditation", "minutes", "minutes", 10, id=2)
HYDRATION = Habit("hydration", "Hydration", "count", "glasses", 8, id=3)
KIND = Habit("kind-moment", "Kind moment", "yesno", "times", None, id=4)
KIND_3_A_WEEK = Habit("kind-week", "Kind moment", "yesno", "days", 3, per="week", id=5)
ONCE_A_WEEK = Habit("swim", "Swim", "yesno", "days", 1, per="week", id=6)
COFFEE = Habit("coffee", "Coffee", "count", "cups", 2, direction="at_most", id=7)
TAKEAWAY = Habit(
    "takeaway", "Takeaway", "count", "meals", 2, per="week", direction="at_most", id=8
)
JOURNAL = Habit("journal", "Journal", "minutes", "minutes", None, id=9)

M = 0.5 ** (1 / 13)  # a daily habit's multiplier
D0 = dt.date(2026, 1, 5)  # a Monday


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def every_day(first: int, last: int, value: float = 30.0) -> dict[dt.date, float]:
    return {day(n): value for n in range(first, last + 1)}


def days(first: int, last: int) -> frozenset[dt.date]:
    return frozenset(day(n) for n in range(first, last + 1))


# ---------------------------------------------------------------- entries and days


def test_several_entries_a_day_add_up() -> None:
    d1, d2 = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
    entries = [
        Entry(1, d1, 10.0, "round the park"),
        Entry(1, d1, 15.0, None),
        Entry(1, d1, 5.0),
        Entry(1, d2, 20.0),
        Entry(3, d1, 2.0),
        Entry(3, d1, 6.0),
    ]
    assert daily_totals(entries) == {1: {d1: 30.0, d2: 20.0}, 3: {d1: 8.0}}
    assert daily_totals([]) == {}


@pytest.mark.parametrize(
    ("moment_utc", "expected"),
    [
        # An ordinary winter night (GMT = UTC).
        (dt.datetime(2026, 1, 14, 23, 59, 59, tzinfo=UTC), dt.date(2026, 1, 14)),
        (dt.datetime(2026, 1, 15, 0, 0, 0, tzinfo=UTC), dt.date(2026, 1, 15)),
        # Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
        (dt.datetime(2026, 3, 28, 23, 59, 59, tzinfo=UTC), dt.date(2026, 3, 28)),
        (dt.datetime(2026, 3, 29, 0, 0, 0, tzinfo=UTC), dt.date(2026, 3, 29)),
        # That evening is BST (UTC+1): local midnight is 23:00 UTC.
        (dt.datetime(2026, 3, 29, 22, 59, 59, tzinfo=UTC), dt.date(2026, 3, 29)),
        (dt.datetime(2026, 3, 29, 23, 0, 0, tzinfo=UTC), dt.date(2026, 3, 30)),
        # Clocks go back at 01:00 UTC on Sunday 25 October 2026.
        (dt.datetime(2026, 10, 24, 22, 59, 59, tzinfo=UTC), dt.date(2026, 10, 24)),
        (dt.datetime(2026, 10, 24, 23, 0, 0, tzinfo=UTC), dt.date(2026, 10, 25)),
        (dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), dt.date(2026, 10, 25)),  # first 01:30
        (dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC), dt.date(2026, 10, 25)),  # second 01:30
        (dt.datetime(2026, 10, 25, 23, 59, 59, tzinfo=UTC), dt.date(2026, 10, 25)),
        (dt.datetime(2026, 10, 26, 0, 0, 0, tzinfo=UTC), dt.date(2026, 10, 26)),
    ],
)
def test_local_day_around_midnight_and_clock_changes(
    moment_utc: dt.datetime, expected: dt.date
) -> None:
    assert local_day(moment_utc, LONDON) == expected


def test_local_day_of_local_wall_clock_times() -> None:
    # The same wall-clock readings, given as London times: 23:59:59 -> that day, 00:00 -> next.
    for last_evening in (dt.date(2026, 3, 29), dt.date(2026, 10, 25)):
        late = dt.datetime.combine(last_evening, dt.time(23, 59, 59), tzinfo=LONDON)
        midnight = dt.datetime.combine(
            last_evening + dt.timedelta(days=1), dt.time(0, 0), tzinfo=LONDON
        )
        assert local_day(late.astimezone(UTC), LONDON) == last_evening
        assert local_day(midnight.astimezone(UTC), LONDON) == last_evening + dt.timedelta(days=1)


def test_local_day_depends_on_the_zone_not_on_utc() -> None:
    moment = dt.datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
    assert local_day(moment, LONDON) == dt.date(2026, 3, 2)
    assert local_day(moment, ZoneInfo("Asia/Tokyo")) == dt.date(2026, 3, 3)
    assert local_day(moment, ZoneInfo("America/New_York")) == dt.date(2026, 3, 2)


def test_local_day_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError, match="aware") as raised:  # a bug in the caller
        local_day(dt.datetime(2026, 3, 2, 12, 0), LONDON)
    assert not isinstance(raised.value, Problem)


# ---------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("habit", "typed", "expected"),
    [
        (WALKING, "25", 25.0),
        (WALKING, " 2.5 ", 2.5),
        (WALKING, ".5", 0.5),
        (WALKING, "+5", 5.0),
        (WALKING, 25, 25.0),
        (WALKING, 7.5, 7.5),
        (WALKING, "1440", 1440.0),
        (HYDRATION, "3", 3.0),
        (HYDRATION, "3.0", 3.0),
        (HYDRATION, "100000", 100_000.0),
        (KIND, "1", 1.0),
        (KIND, "yes", 1.0),
        (KIND, "Y", 1.0),
        (KIND, 1, 1.0),
        (COFFEE, "0", 0.0),  # "none today" is worth noting against a limit
    ],
)
def test_values_accepted(habit: HabitSpec, typed: str | float, expected: float) -> None:
    value = check_value(habit, typed)
    assert value == expected
    assert type(value) is float


@pytest.mark.parametrize(
    ("habit", "typed", "message"),
    [
        (WALKING, "-5", "cannot be below 0"),
        (WALKING, -0.5, "cannot be below 0"),
        (WALKING, "abc", "'abc' is not a number; type how many minutes, e.g. 25"),
        (WALKING, "", "Walking is measured in minutes; say how many, e.g. 25"),
        (WALKING, "   ", "Walking is measured in minutes; say how many, e.g. 25"),
        (WALKING, "1e3", "is not a number"),
        (WALKING, "25 minutes", "is not a number"),
        (WALKING, "nan", "is not a number"),
        (WALKING, "inf", "is not a number"),
        (WALKING, math.nan, "not an amount"),
        (WALKING, math.inf, "not an amount"),
        (WALKING, 10**400, "not an amount"),
        (WALKING, "1441", "more than the 1,440 a day has"),
        (WALKING, "2500", "2,500 minutes in one day"),
        (WALKING, "0", "nothing to log for 0"),
        (WALKING, True, "as a number"),
        (HYDRATION, "2.5", "whole number"),
        (HYDRATION, 0.5, "whole number"),
        (HYDRATION, "100001", "more than 100,000"),
        (KIND, "2", "logged as 1"),
        (KIND, "0", "nothing to log"),
        (KIND, "no", "type 1 (or yes)"),
        (KIND, 0.5, "logged as 1"),
    ],
)
def test_values_refused(habit: HabitSpec, typed: str | float, message: str) -> None:
    with pytest.raises(Invalid, match=re.escape(message)) as caught:
        check_value(habit, typed)
    assert "\n" not in str(caught.value)


def test_a_value_that_is_not_text_or_a_number_is_refused() -> None:
    with pytest.raises(Invalid, match="as a number"):
        check_value(WALKING, [25])  # type: ignore[arg-type]


@pytest.mark.parametrize("nothing", [None, "", "  "])
def test_nothing_typed_means_one_except_for_minutes(nothing: str | None) -> None:
    """The one home of "a blank amount means 1": the shell and the app both call this."""
    assert check_value(KIND, nothing) == 1.0
    assert check_value(HYDRATION, nothing) == 1.0
    with pytest.raises(Invalid, match="Walking is measured in minutes; say how many"):
        check_value(WALKING, nothing)


def test_day_total_considers_what_the_day_already_holds() -> None:
    assert check_day_total(WALKING, 1400.0, 40.0) == 1440.0
    assert check_day_total(WALKING, 0.0, 30.0) == 30.0
    with pytest.raises(Invalid, match="That would make 1,450 minutes in one day"):
        check_day_total(WALKING, 1420.0, 30.0)
    with pytest.raises(Invalid, match="more than 100,000"):
        check_day_total(HYDRATION, 99_999.0, 2.0)
    assert check_day_total(KIND, 0.0, 1.0) == 1.0
    with pytest.raises(AlreadyLoggedError, match="Kind moment is already logged"):
        check_day_total(KIND, 1.0, 1.0)


def test_notes() -> None:
    assert check_note(None) is None
    assert check_note("   ") is None
    assert check_note("  with Sam  ") == "with Sam"
    assert check_note("[b]kept as typed[/b]") == "[b]kept as typed[/b]"
    assert check_note("cafe\u0301") == "caf\u00e9"  # NFC
    with pytest.raises(Invalid, match="NUL"):
        check_note("a\x00b")
    with pytest.raises(Invalid, match="one line"):
        check_note("red \x1b[31m text")
    with pytest.raises(Invalid, match="the limit is 500"):
        check_note("x" * 501)
    assert check_note("x" * 500) == "x" * 500


# ---------------------------------------------------------------- pauses


def test_paused_days_from_ranges() -> None:
    ranges = [(day(0), day(2)), (day(2), day(3)), (day(10), day(10))]
    assert paused_days(ranges) == {day(0), day(1), day(2), day(3), day(10)}
    assert paused_days([]) == frozenset()


def test_check_pause() -> None:
    today = day(100)
    assert check_pause(day(90), day(95), today) == (day(90), day(95))
    assert check_pause(day(110), day(120), today) == (day(110), day(120))  # planned leave
    with pytest.raises(Invalid, match="ends before it starts"):
        check_pause(day(95), day(90), today)
    with pytest.raises(Invalid, match="up to 366 days"):
        check_pause(day(0), day(366), today)
    with pytest.raises(Invalid, match="more than a year from now"):
        check_pause(day(500), day(501), today)


# ---------------------------------------------------------------- strength


def test_multipliers_by_hand() -> None:
    # 0.5 ** (1/13) = exp(-ln 2 / 13) = exp(-0.0533190) = 0.948078 (a half-life of 13 days)
    assert strength_multiplier(WALKING) == pytest.approx(0.948078, abs=2e-6)
    # 3 a week: f = 3/7, sqrt = 0.654654, / 13 = 0.0503580, x ln 2 = 0.0349055 -> 0.965697
    assert strength_multiplier(KIND_3_A_WEEK) == pytest.approx(0.965697, abs=2e-6)
    # once a week, or a weekly limit: f = 1/7, sqrt = 0.377964, / 13 = 0.0290742,
    # x ln 2 = 0.0201528 -> 0.980049
    assert strength_multiplier(ONCE_A_WEEK) == pytest.approx(0.980049, abs=2e-6)
    assert strength_multiplier(TAKEAWAY) == pytest.approx(0.980049, abs=2e-6)


def test_strength_starts_at_zero() -> None:
    assert strength(WALKING, {}, today=day(0)) == 0.0
    assert strength(WALKING, {}, today=day(5), since=day(0)) == 0.0
    assert strength(WALKING, every_day(3, 3), today=day(2)) == 0.0  # before the first day
    assert strength(WALKING, every_day(0, 0), today=day(0)) == pytest.approx(1 - M)


def test_thirty_days_of_practice() -> None:
    value = strength(WALKING, every_day(0, 29), today=day(29))
    # 1 - 0.5 ** (30/13) = 1 - exp(-1.59957) = 1 - 0.20198 = 0.79802
    assert value == pytest.approx(0.7980, abs=1e-4)
    assert value == pytest.approx(1 - M**30)
    assert value > 0.6


def test_one_quiet_day_dents_strength_and_does_not_reset_it() -> None:
    before = 1 - M**30
    # Day 30 without practice, looked at on day 31 before anything is logged.
    after = strength(WALKING, every_day(0, 29), today=day(31))
    assert after == pytest.approx(before * M)  # 0.79802 * 0.94808 = 0.75658
    assert after == pytest.approx(0.7566, abs=1e-4)
    assert before - after < 0.05
    assert after > 0.7
    # Practice again on day 31 and it climbs back.
    totals = every_day(0, 29) | every_day(31, 31)
    assert strength(WALKING, totals, today=day(31)) == pytest.approx(before * M * M + (1 - M))


def test_thirteen_quiet_days_halve_strength() -> None:
    practised = 1 - M**100
    value = strength(WALKING, every_day(0, 99), today=day(113))  # days 100-112 quiet
    assert value == pytest.approx(practised / 2)


def test_today_lifts_strength_but_never_lowers_it() -> None:
    settled = strength(WALKING, every_day(0, 29), today=day(29))
    # Day 30 is today and nothing is logged yet: strength holds.
    assert strength(WALKING, every_day(0, 29), today=day(30)) == pytest.approx(settled)
    # 5 minutes today (credit 1/6, below the strength): still holds.
    assert strength(WALKING, every_day(0, 29) | {day(30): 5.0}, today=day(30)) == pytest.approx(
        settled
    )
    # The full 30 minutes today: it counts.
    assert strength(WALKING, every_day(0, 30), today=day(30)) == pytest.approx(1 - M**31)


def test_partial_credit_is_the_share_of_the_target() -> None:
    # 10 + 5 minutes every day for 10 days against 30 a day: credit 0.5 each day.
    entries = [Entry(1, day(n), v) for n in range(10) for v in (10.0, 5.0)]
    totals = daily_totals(entries)[1]
    assert strength(WALKING, totals, today=day(9)) == pytest.approx(0.5 * (1 - M**10))
    assert day_credit(WALKING, 20.0) == pytest.approx(2 / 3)
    assert day_credit(WALKING, 0.0) == 0.0


def test_more_than_the_target_earns_no_more_than_the_target() -> None:
    assert day_credit(WALKING, 90.0) == 1.0
    assert strength(WALKING, {day(0): 90.0}, today=day(0)) == pytest.approx(1 - M)


def test_a_count_target_is_met_by_the_days_sum() -> None:
    totals = daily_totals([Entry(3, day(0), 3.0), Entry(3, day(0), 5.0)])[3]
    assert day_credit(HYDRATION, totals[day(0)]) == 1.0
    assert strength(HYDRATION, totals, today=day(0)) == pytest.approx(1 - M)


def test_no_target_means_any_practice_counts() -> None:
    assert day_credit(JOURNAL, 2.0) == 1.0
    assert day_credit(KIND, 1.0) == 1.0
    assert strength(KIND, every_day(0, 9, 1.0), today=day(9)) == pytest.approx(1 - M**10)


def test_pauses_freeze_strength_exactly() -> None:
    paused = days(20, 29)
    totals = every_day(0, 19) | every_day(30, 34)
    # Through the pause: as if the paused days were not there.
    assert strength(WALKING, totals, today=day(29), paused=paused) == pytest.approx(1 - M**20)
    assert strength(WALKING, totals, today=day(25), paused=paused) == pytest.approx(1 - M**20)
    # After it: 25 days of practice, the same as 25 days in a row.
    assert strength(WALKING, totals, today=day(34), paused=paused) == pytest.approx(1 - M**25)
    # Without the pause the ten quiet days would have cost a lot.
    assert strength(WALKING, totals, today=day(34)) < 1 - M**25 - 0.1
    # Practice logged on a paused day changes nothing either.
    with_extra = totals | {day(25): 30.0}
    assert strength(WALKING, with_extra, today=day(34), paused=paused) == pytest.approx(1 - M**25)


def test_days_before_the_habit_began_do_not_count() -> None:
    # A daily limit earns credit on days with nothing logged, so the start matters.
    assert strength(COFFEE, {}, today=day(19), since=day(10)) == pytest.approx(1 - M**10)
    assert strength(COFFEE, {}, today=day(19), since=day(0)) == pytest.approx(1 - M**20)
    assert strength(COFFEE, {}, today=day(19)) == 0.0  # nothing to start from


def test_a_back_filled_day_before_the_start_starts_the_count() -> None:
    # Begun on day 10, but a walk was back-filled on day 5: count from day 5.
    # Day 5 earns 1 - m; days 6-18 (13 days) halve it; day 19 is today, not yet practised.
    value = strength(WALKING, {day(5): 30.0}, today=day(19), since=day(10))
    assert value == pytest.approx((1 - M) / 2)


def test_at_most_credit() -> None:
    assert day_credit(COFFEE, 0.0) == 1.0
    assert day_credit(COFFEE, 2.0) == 1.0
    assert day_credit(COFFEE, 3.0) == 0.5  # 1 - (3 - 2) / 2
    assert day_credit(COFFEE, 4.0) == 0.0
    assert day_credit(COFFEE, 9.0) == 0.0
    none_at_all = Habit("alcohol", "Alcohol", "count", "drinks", 0, direction="at_most", id=10)
    assert day_credit(none_at_all, 0.0) == 1.0
    assert day_credit(none_at_all, 1.0) == 0.0


def test_at_most_strength() -> None:
    # Nine days within the limit, then 3 cups on day 9 (credit 0.5), seen on day 10.
    totals = {day(n): 1.0 for n in range(9)} | {day(9): 3.0}
    expected = (1 - M**9) * M + 0.5 * (1 - M)
    # Day 10 is today with nothing logged: within the limit, credit 1, so it counts.
    expected = expected * M + (1 - M)
    assert strength(COFFEE, totals, today=day(10), since=day(0)) == pytest.approx(expected)


def test_once_a_week_looks_at_fourteen_days_against_two() -> None:
    m = 0.5 ** (math.sqrt(1 / 7) / 13)
    totals = {day(0): 1.0}
    # Days 0-13 hold the practice in their window: 1 of 2, credit 0.5 each day.
    assert strength(ONCE_A_WEEK, totals, today=day(2)) == pytest.approx(0.5 * (1 - m**3))
    assert strength(ONCE_A_WEEK, totals, today=day(13)) == pytest.approx(0.5 * (1 - m**14))
    # Day 14 has dropped it (credit 0); day 15 is today and would lower it, so not counted.
    assert strength(ONCE_A_WEEK, totals, today=day(15)) == pytest.approx(0.5 * (1 - m**14) * m)


def test_weekly_limit_looks_at_seven_days() -> None:
    m = 0.5 ** (math.sqrt(1 / 7) / 13)
    # Three takeaways on day 0 against at most 2 a week: credit 1 - 1/2 for days 0-6.
    totals = {day(0): 3.0}
    expected = 0.5 * (1 - m**7) * m + (1 - m)  # day 7 has a clean window again
    assert strength(TAKEAWAY, totals, today=day(7)) == pytest.approx(expected)


def test_three_times_a_week_is_strong_when_kept_and_a_daily_habit_is_not() -> None:
    # Monday, Wednesday and Friday for twenty weeks.
    totals = {day(7 * week + d): 1.0 for week in range(20) for d in (0, 2, 4)}
    weekly = strength(KIND_3_A_WEEK, totals, today=day(139))
    daily = strength(KIND, totals, today=day(139))
    assert weekly > 0.95
    assert daily < 0.5


def _reference_strength(
    habit: HabitSpec, totals: Mapping[dt.date, float], first: dt.date, today: dt.date
) -> float:
    """A plain daily-habit EMA over every day, for comparison (no pauses, no window)."""
    m = strength_multiplier(habit)
    score = 0.0
    current = first
    while current <= today:
        credit = min(1.0, totals.get(current, 0.0) / (habit.target or 1.0))
        if not (current == today and credit < score):
            score = score * m + credit * (1 - m)
        current += dt.timedelta(days=1)
    return score


def test_twenty_years_of_history() -> None:
    # 7,300 days of imperfect practice; a cheap sanity check, not a timing assertion.
    today = day(7299)
    totals = {day(n): float(n % 45) for n in range(7300) if n % 7 != 3}
    value = strength(WALKING, totals, today=today)
    assert value == pytest.approx(_reference_strength(WALKING, totals, day(0), today), abs=1e-9)
    habits = [Habit(f"h{i}", f"H{i}", "minutes", "minutes", 30, id=i) for i in range(10)]
    summaries = summarise_all(
        habits, {h.id: totals for h in habits}, day=today, today=today, programme_start=day(7000)
    )
    assert len(summaries) == 10
    assert all(s.strength == pytest.approx(value) for s in summaries)


_HABITS = st.sampled_from(
    [WALKING, HYDRATION, KIND, KIND_3_A_WEEK, ONCE_A_WEEK, COFFEE, TAKEAWAY, JOURNAL]
)
_TOTALS = st.dictionaries(
    st.integers(min_value=0, max_value=200).map(day),
    st.floats(min_value=0, max_value=1440, allow_nan=False),
    max_size=80,
)


@given(
    habit=_HABITS,
    totals=_TOTALS,
    paused=st.frozensets(st.integers(min_value=0, max_value=200).map(day), max_size=40),
    today=st.integers(min_value=0, max_value=220).map(day),
    since=st.one_of(st.none(), st.integers(min_value=0, max_value=200).map(day)),
)
def test_strength_stays_between_zero_and_one(
    habit: HabitSpec,
    totals: dict[dt.date, float],
    paused: frozenset[dt.date],
    today: dt.date,
    since: dt.date | None,
) -> None:
    value = strength(habit, totals, today=today, since=since, paused=paused)
    assert 0.0 <= value <= 1.0


@given(
    habit=st.sampled_from([WALKING, HYDRATION, KIND_3_A_WEEK, ONCE_A_WEEK, JOURNAL]),
    totals=_TOTALS,
    extra_day=st.integers(min_value=0, max_value=60).map(day),
    extra=st.floats(min_value=0.5, max_value=100),
)
def test_more_practice_never_lowers_strength(
    habit: HabitSpec, totals: dict[dt.date, float], extra_day: dt.date, extra: float
) -> None:
    today = day(60)
    more = dict(totals)
    more[extra_day] = more.get(extra_day, 0.0) + extra
    assert strength(habit, more, today=today) >= strength(habit, totals, today=today) - 1e-12


# ---------------------------------------------------------------- summaries

MON, TUE, WED = dt.date(2026, 3, 2), dt.date(2026, 3, 3), dt.date(2026, 3, 4)


def test_day_total_and_target() -> None:
    totals = daily_totals([Entry(1, WED, 10.0), Entry(1, WED, 15.0)])[1]
    summary = summarise(WALKING, totals, day=WED, today=WED)
    assert summary.habit_id == 1
    assert summary.day_total == 25.0
    assert summary.day_target == 30
    assert summary.day_paused is False
    assert summarise(KIND_3_A_WEEK, {}, day=WED, today=WED).day_target is None


def test_week_against_a_daily_target() -> None:
    totals = {MON: 30.0, TUE: 20.0, WED: 45.0, dt.date(2026, 3, 1): 60.0}  # Sunday: last week
    week = summarise(WALKING, totals, day=WED, today=WED).week
    assert week.days[0] == MON
    assert week.days[-1] == dt.date(2026, 3, 8)
    assert week.total == 95.0
    assert week.target == 90.0  # 30 a day x 3 days so far
    assert week.days_so_far == 3
    assert week.days_on_target == 2  # Monday and Wednesday met 30; Tuesday's 20 did not
    assert week.paused_days == 0


def test_days_on_target_count_only_from_the_day_the_habit_began() -> None:
    """Added on Tuesday: Monday asks nothing, so it is neither on target nor counted."""
    walking = summarise(WALKING, {TUE: 30.0, WED: 30.0}, day=WED, today=WED, since=TUE).week
    assert (walking.days_on_target, walking.days_so_far, walking.target) == (2, 2, 60.0)
    # A limit is kept on a day with nothing logged, but not on a day before the habit.
    coffee = summarise(COFFEE, {TUE: 3.0}, day=WED, today=WED, since=TUE).week
    assert (coffee.days_on_target, coffee.days_so_far, coffee.target) == (1, 2, 4.0)
    # An entry logged for a day before the habit was added counts from that day.
    early = summarise(WALKING, {MON: 30.0}, day=WED, today=WED, since=TUE).week
    assert (early.days_on_target, early.days_so_far) == (1, 3)
    # A weekly target is scaled to the days from the start: 3 a week from Friday = 1.
    friday = dt.date(2026, 3, 6)
    late = summarise(KIND_3_A_WEEK, {}, day=friday, today=friday, since=friday).week
    assert late.target == 1.0
    # With no day the habit began, nothing is left out (the totals may be a recent slice).
    unknown = summarise(WALKING, {TUE: 30.0}, day=WED, today=WED).week
    assert unknown.days_so_far == 3


def test_on_target_is_met_or_within_the_limit() -> None:
    assert on_target(WALKING, 30.0, 30.0) and not on_target(WALKING, 29.0, 29.0)
    assert on_target(COFFEE, 0.0, 0.0) and on_target(COFFEE, 2.0, 2.0)
    assert not on_target(COFFEE, 3.0, 3.0)
    assert on_target(KIND_3_A_WEEK, 1.0, 1.0) and not on_target(KIND_3_A_WEEK, 0.0, 1.0)
    assert on_target(TAKEAWAY, 1.0, 2.0) and not on_target(TAKEAWAY, 0.0, 3.0)
    assert on_target_heading([WALKING]) == "days target met"
    assert on_target_heading([COFFEE]) == "days within the limit"
    assert on_target_heading([WALKING, COFFEE]) == "days target met or within the limit"


def test_paused_days_leave_the_weeks_target() -> None:
    totals = {MON: 30.0, TUE: 20.0, WED: 45.0}
    week = summarise(WALKING, totals, day=WED, today=WED, paused={TUE}).week
    assert week.target == 60.0
    assert week.days_so_far == 2
    assert week.days_on_target == 2
    assert week.paused_days == 1
    assert week.total == 95.0  # a walk on a paused day is still a walk


def test_week_against_n_times_a_week() -> None:
    totals = {MON: 1.0, WED: 1.0}
    week = summarise(KIND_3_A_WEEK, totals, day=WED, today=WED).week
    assert (week.total, week.target, week.days_on_target) == (2.0, 3.0, 2)
    # Two planned paused days (Thursday, Friday): 3 x 5/7 = 2.14, so 2.
    paused = {dt.date(2026, 3, 5), dt.date(2026, 3, 6)}
    assert summarise(KIND_3_A_WEEK, totals, day=WED, today=WED, paused=paused).week.target == 2.0
    # Once a week with four paused days: 1 x 3/7 rounds to 0, but an open day still asks for 1.
    four = {dt.date(2026, 3, n) for n in (5, 6, 7, 8)}
    assert summarise(ONCE_A_WEEK, {}, day=WED, today=WED, paused=four).week.target == 1.0
    # A whole week paused asks for nothing.
    whole = frozenset(week.days)
    assert summarise(KIND_3_A_WEEK, totals, day=WED, today=WED, paused=whole).week.target == 0.0
    # Minutes a week are scaled without rounding: 150 x 6/7.
    weekly_minutes = Habit("yoga", "Yoga", "minutes", "minutes", 150, per="week", id=11)
    target = summarise(weekly_minutes, {}, day=WED, today=WED, paused={MON}).week.target
    assert target == pytest.approx(150 * 6 / 7)


def test_week_against_a_limit() -> None:
    totals = {MON: 1.0, TUE: 3.0}  # nothing logged on Wednesday
    week = summarise(COFFEE, totals, day=WED, today=WED).week
    assert week.total == 4.0
    assert week.target == 6.0  # at most 2 a day x 3 days
    assert week.days_on_target == 2  # Monday and Wednesday within the limit
    weekly = summarise(TAKEAWAY, {MON: 1.0, TUE: 1.0, WED: 1.0}, day=WED, today=WED).week
    assert weekly.target == 2  # a weekly limit is not scaled
    assert weekly.days_on_target == 2  # the week stayed within it on Monday and Tuesday


@pytest.mark.parametrize(
    ("today", "programme_start"),
    [
        (dt.date(2026, 3, 29), None),  # clocks go forward that Sunday
        (dt.date(2026, 3, 27), dt.date(2026, 3, 26)),  # a Thursday-to-Wednesday week
        (dt.date(2026, 10, 25), None),  # clocks go back that Sunday
        (dt.date(2026, 10, 26), dt.date(2026, 10, 22)),
    ],
)
def test_weeks_around_clock_changes_have_seven_days(
    today: dt.date, programme_start: dt.date | None
) -> None:
    totals = {today - dt.timedelta(days=n): 10.0 for n in range(10)}
    summary = summarise(WALKING, totals, day=today, today=today, programme_start=programme_start)
    week = summary.week
    assert len(week.days) == 7
    assert len(set(week.days)) == 7
    assert all(b - a == dt.timedelta(days=1) for a, b in itertools.pairwise(week.days))
    assert week.days[0] <= today <= week.days[-1]
    assert week.total == 10.0 * (1 + (today - week.days[0]).days)
    start_weekday = programme_start.weekday() if programme_start else 0
    assert week.days[0].weekday() == start_weekday


def test_week_days() -> None:
    assert week_days(WED) == tuple(MON + dt.timedelta(days=n) for n in range(7))
    assert week_days(MON)[0] == MON
    assert week_days(dt.date(2026, 3, 8))[0] == MON  # Sunday ends the week
    # Weeks starting on Thursday (a programme that began on a Thursday).
    assert week_days(WED, 3)[0] == dt.date(2026, 2, 26)


def test_totals_per_programme_week() -> None:
    start = MON  # week 1: 2-8 March; week 8: 20-26 April
    totals = {
        dt.date(2026, 2, 28): 99.0,  # before the programme
        MON: 30.0,
        dt.date(2026, 3, 8): 20.0,  # Sunday: still week 1
        dt.date(2026, 3, 9): 10.0,  # week 2
        dt.date(2026, 4, 26): 5.0,  # last day of week 8
        dt.date(2026, 4, 27): 99.0,  # week 9: after the programme
    }
    summary = summarise(
        WALKING,
        totals,
        day=dt.date(2026, 5, 1),
        today=dt.date(2026, 5, 1),
        programme_start=start,
        programme_weeks=8,
    )
    assert summary.programme_weeks == (50.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0)
    # Part way through, the weeks ahead are 0 (and a future-dated entry is not counted).
    midway = summarise(
        WALKING,
        totals,
        day=dt.date(2026, 3, 8),
        today=dt.date(2026, 3, 8),
        programme_start=start,
        programme_weeks=8,
    )
    assert midway.programme_weeks == (50.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    assert summarise(WALKING, totals, day=WED, today=WED).programme_weeks == ()


def test_recent_series_for_a_sparkline() -> None:
    totals = {MON: 30.0, WED: 5.0, dt.date(2026, 2, 27): 12.0}
    summary = summarise(WALKING, totals, day=WED, today=WED, recent_days=7)
    # 26 Feb .. 4 Mar, oldest first.
    assert summary.recent == (0.0, 12.0, 0.0, 0.0, 30.0, 0.0, 5.0)


def test_a_past_day_reads_as_of_that_day_and_is_over() -> None:
    """Looking back at Wednesday from Friday: the quiet Wednesday counts, later days do not."""
    fri = dt.date(2026, 3, 6)
    totals = {MON: 30.0, TUE: 30.0, fri: 30.0}  # nothing on Wednesday
    while_ongoing = summarise(WALKING, totals, day=WED, today=WED)
    looking_back = summarise(WALKING, totals, day=WED, today=fri)
    tuesday = summarise(WALKING, totals, day=TUE, today=fri)
    # Wednesday still going on holds Tuesday's strength; once over, it dents it.
    assert while_ongoing.strength == tuesday.strength
    assert looking_back.strength == pytest.approx(tuesday.strength * M)
    # Everything else stops at Wednesday too: Friday's walk is not in its week or strip.
    assert looking_back.day == WED and looking_back.day_total == 0.0
    assert looking_back.week.total == 60.0 and looking_back.week.daily[4] == 0.0
    assert looking_back.recent[-1] == 0.0 and looking_back.recent[-2] == 30.0


def test_heatmap_shape_and_states() -> None:
    today = WED
    totals = {MON: 30.0, dt.date(2026, 2, 20): 10.0}
    summary = summarise(
        WALKING, totals, day=today, today=today, since=dt.date(2026, 1, 1), paused={TUE}
    )
    grid = summary.heatmap
    assert len(grid) == 12
    assert all(len(row) == 7 for row in grid)
    assert grid[0][0].day == dt.date(2025, 12, 15)  # Monday, eleven weeks before this week's
    assert [cell.day for cell in grid[-1]] == list(week_days(today))
    last = grid[-1]
    assert (last[0].state, last[0].level, last[0].total) == ("day", 4, 30.0)
    assert (last[1].state, last[1].level) == ("paused", 0)
    assert (last[2].state, last[2].level) == ("day", 0)  # today, nothing yet
    assert [cell.state for cell in last[3:]] == ["future"] * 4
    assert grid[0][0].state == "before"  # the habit began on 1 January
    assert grid[2][3].day == dt.date(2026, 1, 1)
    assert grid[2][3].state == "day"
    cells = {cell.day: cell for row in grid for cell in row}
    assert cells[dt.date(2026, 2, 20)].level == 2  # 10 of 30


@pytest.mark.parametrize(
    ("minutes", "level"),
    [
        (0.0, 0),
        (5.0, 1),
        (9.0, 1),
        (10.0, 2),
        (15.0, 2),
        (20.0, 3),
        (25.0, 3),
        (30.0, 4),
        (90.0, 4),
    ],
)
def test_heatmap_levels_against_a_daily_target(minutes: float, level: int) -> None:
    # Levels: none 0; under a third of the target 1; under two thirds 2; under all 3; met 4.
    summary = summarise(WALKING, {MON: minutes} if minutes else {}, day=WED, today=WED, since=MON)
    assert summary.heatmap[-1][0].level == level


def test_heatmap_levels_without_a_target_follow_the_biggest_day() -> None:
    totals = {MON: 10.0, TUE: 20.0, WED: 40.0, dt.date(2026, 2, 27): 30.0}
    grid = summarise(JOURNAL, totals, day=WED, today=WED).heatmap
    cells = {cell.day: cell.level for row in grid for cell in row}
    assert (cells[MON], cells[TUE], cells[WED], cells[dt.date(2026, 2, 27)]) == (1, 2, 4, 3)
    yes = summarise(KIND, {MON: 1.0}, day=WED, today=WED).heatmap[-1]
    assert (yes[0].level, yes[1].level) == (4, 0)


def test_heatmap_levels_for_limits() -> None:
    row = summarise(COFFEE, {MON: 3.0, TUE: 4.0}, day=WED, today=WED, since=MON).heatmap[-1]
    assert [cell.level for cell in row[:3]] == [2, 0, 4]  # credit 0.5, 0, and within
    # A weekly limit of 2: the week's running total is 1, 2, 3 on Mon-Wed.
    weekly = summarise(TAKEAWAY, {MON: 1.0, TUE: 1.0, WED: 1.0}, day=WED, today=WED).heatmap[-1]
    assert [cell.level for cell in weekly[:3]] == [4, 4, 2]


# ---------------------------------------------------------------- lapses


def test_three_quiet_days_are_a_lapse() -> None:
    totals = {day(0): 30.0}
    found = lapse(WALKING, totals, today=day(4))  # days 1, 2, 3 quiet; today not counted
    assert found is not None
    assert (found.habit_id, found.quiet_days, found.last_practised) == (1, 3, day(0))
    assert lapse(WALKING, totals, today=day(3)) is None  # two quiet days
    assert lapse(WALKING, totals, today=day(10)) is not None


def test_paused_days_do_not_count_towards_a_lapse() -> None:
    totals = {day(0): 30.0}
    paused = days(2, 6)
    assert lapse(WALKING, totals, today=day(8), paused=paused) is None  # quiet: 1 and 7
    found = lapse(WALKING, totals, today=day(9), paused=paused)  # quiet: 1, 7 and 8
    assert found is not None
    assert found.quiet_days == 3
    assert lapse(WALKING, totals, today=day(5), paused=paused) is None  # today is paused


def test_no_lapse_when_practised_today_never_practised_or_a_limit() -> None:
    assert lapse(WALKING, {day(0): 30.0, day(9): 5.0}, today=day(9)) is None
    assert lapse(WALKING, {}, today=day(9)) is None
    assert lapse(WALKING, {day(0): 0.0}, today=day(9)) is None
    assert (
        lapse(COFFEE, {day(0): 5.0, day(1): 5.0, day(2): 5.0, day(3): 5.0}, today=day(4)) is None
    )


def test_weekly_habits_lapse_after_a_quiet_week() -> None:
    totals = {day(0): 1.0}
    assert lapse(KIND_3_A_WEEK, totals, today=day(7)) is None  # six quiet days
    found = lapse(KIND_3_A_WEEK, totals, today=day(8))
    assert found is not None
    assert found.quiet_days == 7


def test_lapsed_habits_across_habits() -> None:
    archived = Habit("old", "Old", "minutes", "minutes", 5, id=12, archived=True)
    totals: dict[int, dict[dt.date, float]] = {
        WALKING.id: {day(0): 30.0},
        MEDITATION.id: {day(0): 10.0, day(5): 10.0},
        archived.id: {day(0): 5.0},
    }
    found = lapsed_habits([WALKING, MEDITATION, HYDRATION, archived], totals, today=day(6))
    assert [lapsed.habit_id for lapsed in found] == [WALKING.id]
    assert summarise(WALKING, totals[WALKING.id], day=day(6), today=day(6)).lapse == found[0]


# ---------------------------------------------------------------- kind words

_UNKIND = ("fail", "broken", "streak", "missed out", "should have", "lazy", "behind", "again!")


def test_the_pause_text_is_short_warm_and_names_the_habit() -> None:
    lines = pause_lines("Walking")
    assert 3 <= len(lines) <= 5
    assert lines[0].startswith("Walking ")
    assert all(0 < len(line) <= 100 for line in lines)
    text = " ".join(lines).lower()
    assert "everyone" in text  # others struggle too
    assert "kind" in text
    for word in _UNKIND:
        assert word not in text


SELFCARE_MODULES = [
    importlib.import_module(f"companion.domain.selfcare.{name}")
    for name in ("entries", "pauses", "strength", "lapses", "summary", "describe", "habits")
]


def _words_in(modules: Iterable[object]) -> str:
    return "\n".join(inspect.getsource(module) for module in modules).lower()  # type: ignore[arg-type]


def test_no_unkind_words_anywhere_in_the_modules() -> None:
    source = _words_in([*SELFCARE_MODULES, dates])
    for word in ("fail", "broken", "streak", "missed out", "lazy"):
        assert word not in source


# ---------------------------------------------------------------- habit specs (habits.py)


def test_default_habits_pass_the_checks() -> None:
    from companion.domain.selfcare.habits import DEFAULT_HABITS

    for spec in DEFAULT_HABITS:
        assert check_spec(spec) == spec


def test_check_spec_tidies() -> None:
    spec = check_spec(HabitSpec(" Kind-Moment ", "  Kind moment ", "yesno", " times ", None))
    assert (spec.key, spec.name, spec.unit) == ("kind-moment", "Kind moment", "times")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (HabitSpec("", "Walk", "minutes", "minutes", 30), "short key"),
        (HabitSpec("9walk", "Walk", "minutes", "minutes", 30), "starting with a letter"),
        (HabitSpec("kind moment", "Kind", "yesno", "times", None), "a-z, 0-9 and hyphens"),
        (HabitSpec("x" * 25, "Walk", "minutes", "minutes", 30), "keep it to 24"),
        (HabitSpec("walk", "  ", "minutes", "minutes", 30), "needs a name"),
        (HabitSpec("walk", "W" * 41, "minutes", "minutes", 30), "limit is 40"),
        (HabitSpec("walk", "Walk", "minutes", "hours", 30), "measured in minutes"),
        (HabitSpec("walk", "Walk", "hours", "hours", 30), "kind is one of"),  # type: ignore[arg-type]
        (HabitSpec("tea", "Tea", "count", "", 3), "needs a unit"),
        (HabitSpec("walk", "Walk", "minutes", "minutes", 0), "more than 0"),
        (HabitSpec("walk", "Walk", "minutes", "minutes", -5), "more than 0"),
        (HabitSpec("walk", "Walk", "minutes", "minutes", math.nan), "ordinary number"),
        (HabitSpec("walk", "Walk", "minutes", "minutes", 1441), "more than a day can hold"),
        (HabitSpec("tea", "Tea", "count", "cups", 2.5), "whole-number target"),
        (HabitSpec("kind", "Kind", "yesno", "times", 2), "target 1, or N days a week"),
        (HabitSpec("kind", "Kind", "yesno", "days", 8, per="week"), "1 to 7 days"),
        (HabitSpec("kind", "Kind", "yesno", "days", None, per="week"), "how many a week"),
        (HabitSpec("tea", "Tea", "count", "cups", None, direction="at_most"), "its limit"),
        (HabitSpec("tea", "Tea", "count", "cups", -1, direction="at_most"), "below 0"),
        (
            HabitSpec("kind", "Kind", "yesno", "times", 1, direction="at_most"),
            "not per day",
        ),
        (HabitSpec("walk", "Walk", "minutes", "minutes", 30, per="month"), "per day or per week"),  # type: ignore[arg-type]
    ],
)
def test_check_spec_refuses(spec: HabitSpec, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        check_spec(spec)


def test_check_spec_accepts_the_kinds_of_habit_the_programme_needs() -> None:
    specs = [
        HabitSpec("kind-moment", "Kind moment", "yesno", "times", None),
        HabitSpec("delegated", "Delegated a task", "yesno", "days", 3, per="week"),
        HabitSpec("yoga", "Yoga", "minutes", "minutes", 150, per="week"),
        HabitSpec("coffee", "Coffee", "count", "cups", 2, direction="at_most"),
        HabitSpec("alcohol", "Alcohol", "count", "drinks", 0, direction="at_most"),
        HabitSpec("steps", "Steps", "count", "steps", 10_000),
    ]
    for spec in specs:
        assert check_spec(spec) == spec
    assert check_key("Walk-2") == "walk-2"


# ---------------------------------------------------------------- bounded history (for the store)


def _random_history(seed: int, first: dt.date, last: dt.date) -> dict[dt.date, float]:
    import random

    rng = random.Random(seed)
    totals = {}
    current = first
    while current <= last:
        if rng.random() < 0.6:
            totals[current] = float(rng.choice((5, 10, 20, 30, 45)))
        current += dt.timedelta(days=1)
    return totals


@pytest.mark.parametrize("habit", [WALKING, KIND_3_A_WEEK, ONCE_A_WEEK, COFFEE, TAKEAWAY])
def test_a_summary_needs_nothing_before_summary_start(habit: Habit) -> None:
    """Ten years of history and the window `summary_start` gives make the same summary."""
    today = dt.date(2026, 11, 26)
    first = today - dt.timedelta(days=3650)
    totals = _random_history(7, first, today)
    if habit.kind == "yesno":
        totals = {day: 1.0 for day in totals}
    paused = days(0, 20) | frozenset(today - dt.timedelta(days=n) for n in range(40, 44))
    start = summary_start(habit, today, paused)
    assert start < today - dt.timedelta(days=84)  # covers the heatmap at least
    window = {day: total for day, total in totals.items() if day >= start}
    full = summarise(habit, totals, day=today, today=today, since=first, paused=paused)
    bounded = summarise(habit, window, day=today, today=today, since=first, paused=paused)
    assert bounded.strength == pytest.approx(full.strength, abs=1e-9)
    assert bounded.week == full.week
    assert bounded.recent == full.recent
    assert bounded.heatmap == full.heatmap


def test_the_window_is_about_forty_half_lives() -> None:
    # A daily habit's half-life is 13 days: 40 of them and a 14-day window is 534 days.
    assert strength_horizon(WALKING) == 534
    # Once a week: f = 1/7, half-life 13 * sqrt(7) = 34.4 days -> ceil(1376.1) + 14.
    assert strength_horizon(ONCE_A_WEEK) == math.ceil(40 * 13 * math.sqrt(7)) + 14
    today = dt.date(2026, 11, 26)
    assert history_start(WALKING, today, frozenset(), at_least=today) == (
        today - dt.timedelta(days=534)
    )
    # Each paused day up to today pushes the start back a day; later ones do not.
    paused = frozenset({today - dt.timedelta(days=3), today + dt.timedelta(days=3)})
    assert history_start(WALKING, today, paused, at_least=today) == (
        today - dt.timedelta(days=535)
    )


def test_programme_range() -> None:
    assert programme_range(dt.date(2026, 10, 26), 8) == (
        dt.date(2026, 10, 26),
        dt.date(2026, 12, 20),
    )
