"""Habit strength: an exponential moving average that one quiet day dents and nothing resets.

As in Loop Habit Tracker: s = s * m + credit * (1 - m) for each counted day,
starting at 0 on the day the habit began, with m = 0.5 ** (sqrt(f) / 13): a
half-life of 13 days for daily habits, where f is the share of days the habit
asks for. Credit for a day (0..1): the share of a daily target reached
(capped at 1), 1 for any practice without a target, and for an "at most"
limit 1 at or under it, sliding to 0 at twice the limit. Weekly targets are
judged over a rolling window (14 days against twice the target; 7 for a
limit). Paused days are skipped, so they freeze strength. Today is still
going on: it counts only once it lifts strength, never to lower it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from collections.abc import Collection, Mapping

from companion.domain.dates import ONE_DAY
from companion.domain.selfcare.habits import EPSILON, HabitSpec

HALF_LIFE_DAYS = 13.0

HORIZON_HALF_LIVES = 40


def day_credit(habit: HabitSpec, total: float) -> float:
    """How far one day's `total` goes towards a daily target, from 0 to 1.

    Weekly habits are judged over a window of days instead; for them this
    gives 1 for any practice (or, for a weekly limit, for staying at 0).
    """
    if habit.target is None:
        return 1.0 if total > EPSILON else 0.0
    if habit.per == "week":
        if habit.direction == "at_most":
            return 1.0 if total <= EPSILON else 0.0
        return 1.0 if total > EPSILON else 0.0
    return target_share(total, habit.target, at_most=habit.direction == "at_most")


def target_share(total: float, target: float, *, at_most: bool) -> float:
    """How far `total` goes towards `target`, 0..1; a limit (`at_most`) slides to 0 at twice it."""
    if at_most:
        if total <= target + EPSILON:
            return 1.0
        if target <= 0:
            return 0.0
        return max(0.0, 1.0 - (total - target) / target)
    if target <= 0:
        return 1.0 if total > EPSILON else 0.0
    return min(1.0, total / target)


def frequency(habit: HabitSpec) -> float:
    """The share of days the habit asks for: 1 for daily habits, N/7 for N times a week."""
    if habit.per == "day" or habit.target is None:
        return 1.0
    if habit.direction == "at_least" and habit.kind != "minutes":
        return min(max(habit.target, 1.0), 7.0) / 7
    return 1 / 7


def strength_multiplier(habit: HabitSpec) -> float:
    """How much of yesterday's strength carries into today: 0.5 ** (sqrt(frequency) / 13)."""
    return float(0.5 ** (math.sqrt(frequency(habit)) / HALF_LIFE_DAYS))


def strength(
    habit: HabitSpec,
    totals: Mapping[dt.date, float],
    *,
    today: dt.date,
    since: dt.date | None = None,
    paused: Collection[dt.date] = frozenset(),
    ongoing: bool = True,
) -> float:
    """Habit strength on `today`, from 0 to 1, in one pass over the days (see the module notes).

    `totals` maps days to that day's summed amount; `since` is the day the
    habit began (strength starts at 0 then; days before it do not count), or
    None to start from the first entry. Paused days are skipped. `ongoing`
    says `today` is still going on, so it may lift strength but not lower it;
    for a day that is over (strength as it stood last Tuesday), pass False.

    Only the last `HORIZON_HALF_LIVES` half-lives of counted days are visited:
    anything older weighs less than 2 ** -40 (about 1e-12), so a 20-year
    history costs no more than a two-year one.
    """
    start = first_day(totals, since)
    if start is None or start > today:
        return 0.0
    window: deque[float] = deque(maxlen=_window_days(habit))
    in_window = 0.0
    horizon = strength_horizon(habit)
    score = 0.0
    get = totals.get
    spec: HabitSpec | None = None
    for day in _counted_days(start, today, paused, horizon):
        if habit.on(day) is not spec:  # each day is judged by the target it had
            spec = habit.on(day)
            m = strength_multiplier(spec)
            gain = 1.0 - m
            weekly = spec.per == "week" and spec.target is not None
            at_most = spec.direction == "at_most"
            target = spec.target or 0.0
            need = target if at_most else 2 * target
            window = deque(window, maxlen=_window_days(spec))
            in_window = sum(window)
        total = get(day, 0.0)
        if weekly:
            # A running sum of the window: re-adding 14 days each day made weekly
            # habits the slowest part of a summary. (Float drift stays far below the
            # 1e-9 slack `target_share` allows: at most ~1,400 steps of 14-day sums.)
            if len(window) == window.maxlen:
                in_window -= window[0]
            window.append(total)
            in_window += total
            credit = target_share(in_window, need, at_most=at_most)
        else:
            credit = day_credit(spec, total)
        if ongoing and day == today and credit < score:
            break  # today is not over: it may lift strength but never lowers it
        score = score * m + credit * gain
    return min(1.0, max(0.0, score))


def strength_horizon(habit: HabitSpec) -> int:
    """How many counted (non-paused) days, up to today, `strength` looks at for `habit`.

    The longest of its targets' horizons, should an earlier target have had a longer one.
    """
    return max(_horizon(spec) for spec in habit.targets())


def _horizon(habit: HabitSpec) -> int:
    half_life = math.log(0.5) / math.log(strength_multiplier(habit))
    return math.ceil(HORIZON_HALF_LIVES * half_life) + _window_days(habit)


def history_start(
    habit: HabitSpec, today: dt.date, paused: Collection[dt.date], *, at_least: dt.date
) -> dt.date:
    """The earliest day whose total can change `habit`'s summary on `today`.

    Strength looks back `strength_horizon` non-paused days; every paused day
    up to today may push that back by one (over-counting is harmless).
    `at_least` is the earliest day the caller shows anyway (heatmap, sparkline).
    A 20-year history then costs a store no more than a few years of it.
    """
    paused_so_far = sum(1 for day in paused if day <= today)
    horizon = dt.timedelta(days=strength_horizon(habit) + paused_so_far)
    return min(at_least, today - horizon)


def _counted_days(
    start: dt.date, today: dt.date, paused: Collection[dt.date], most: int
) -> list[dt.date]:
    """The last `most` non-paused days from `start` to `today`, oldest first."""
    days: list[dt.date] = []
    day = today
    while day >= start and len(days) < most:
        if day not in paused:
            days.append(day)
        day -= ONE_DAY
    days.reverse()
    return days


def _window_days(habit: HabitSpec) -> int:
    return 7 if habit.direction == "at_most" else 14


def first_day(totals: Mapping[dt.date, float], since: dt.date | None) -> dt.date | None:
    """The day a habit's history starts: when it began, or its first entry if that is earlier."""
    first = min(totals, default=None)
    if first is None:
        return since
    if since is None:
        return first
    return min(first, since)
