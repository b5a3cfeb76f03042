"""A habit's summary for one day: strength, the week, a sparkline, the heatmap and any lapse.

The store hands over each habit's daily totals, already summed in SQL; a
summary is one pass over those days. Everything reads as of the day
summarised (today, or a past day someone is looking at): its strength, the
week so far, the last days up to it, so the app and the shell say the same
thing about any day. Heatmap levels (0..4): for a daily
target or limit, the day's credit (1 under a third, 2 under two thirds, 3
under the whole, 4 met or within the limit); for a weekly limit, the week's
running total against it; otherwise the day's amount against the biggest day
shown, and 4 for a yes. Paused, future and before-the-start days are marked
apart.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from companion.domain.programme import week_start
from companion.domain.selfcare.habits import EPSILON, Habit, HabitSpec
from companion.domain.selfcare.lapses import Lapse, lapse
from companion.domain.selfcare.strength import first_day, history_start, strength, target_share

HEATMAP_WEEKS = 12

LEVELS = 4  # heatmap levels 1..4 for days with practice; 0 for none

CellState = Literal["day", "paused", "future", "before"]


@dataclass(frozen=True)
class HeatCell:
    """One day of the calendar heatmap."""

    day: dt.date
    total: float
    level: int  # 0..4; always 0 unless state is "day"
    state: CellState  # "paused" and "future" are drawn apart; "before" the habit began


@dataclass(frozen=True)
class WeekSummary:
    """One week of a habit, up to and including the day summarised."""

    days: tuple[dt.date, ...]  # all seven, first to last
    daily: tuple[float, ...]  # each day's total, first to last; 0 after the day summarised
    total: float  # logged on the days so far
    target: float | None  # what the target asks of the week so far (see `week_summary`)
    days_on_target: int  # days so far that met the target or stayed within the limit
    days_so_far: int  # days so far that count: not paused, not before the habit began
    paused_days: int  # paused days in the whole week
    counts: tuple[bool, ...] = (True,) * 7  # each day: not paused, not before the habit began


@dataclass(frozen=True)
class HabitSummary:
    """Everything the Self-care section and Today show for one habit."""

    habit_id: int
    day: dt.date  # the day summarised
    day_total: float
    day_target: float | None  # the daily target or limit; None for weekly habits
    day_paused: bool
    strength: float  # 0..1, as of the end of `day` (or so far, if `day` is today)
    week: WeekSummary
    programme_weeks: tuple[float, ...]  # totals of programme weeks 1..N; () with no start
    recent: tuple[float, ...]  # daily totals for a sparkline, oldest first, ending on `day`
    heatmap: tuple[tuple[HeatCell, ...], ...]  # one row per week, oldest first, 7 cells each
    lapse: Lapse | None


def week_days(day: dt.date, first_weekday: int = 0) -> tuple[dt.date, ...]:
    """The seven days of the week holding `day`, weeks starting on `first_weekday` (0 = Monday)."""
    first = day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)
    return tuple(first + dt.timedelta(days=offset) for offset in range(7))


def summarise(
    habit: Habit,
    totals: Mapping[dt.date, float],
    *,
    day: dt.date,
    today: dt.date,
    since: dt.date | None = None,
    paused: Collection[dt.date] = frozenset(),
    programme_start: dt.date | None = None,
    programme_weeks: int = 0,
    recent_days: int = 28,
    heatmap_weeks: int = HEATMAP_WEEKS,
) -> HabitSummary:
    """A habit's summary as of `day` from its daily totals, in one pass over the days.

    `today` is the real today: when `day` is today it is still going on, so
    it may lift strength but not lower it (`strength`'s `ongoing`). Weeks
    start on the programme's weekday when `programme_start` is given (so
    "this week" is the programme week), otherwise on Monday. The programme's
    weeks (1..`programme_weeks`, the template's length) are summed up to
    `day`; with no programme start or no weeks there are none.
    """
    first_weekday = programme_start.weekday() if programme_start is not None else 0
    start = first_day(totals, since)
    ongoing = day >= today
    then = habit.on(day)  # the target that applied on the day summarised
    return HabitSummary(
        habit_id=habit.id,
        day=day,
        day_total=totals.get(day, 0.0),
        day_target=then.target if then.per == "day" else None,
        day_paused=day in paused,
        strength=strength(habit, totals, today=day, since=since, paused=paused, ongoing=ongoing),
        week=week_summary(
            then, totals, day=day, since=since, paused=paused, first_weekday=first_weekday
        ),
        programme_weeks=_programme_weeks(totals, day, programme_start, programme_weeks),
        recent=tuple(
            totals.get(day - dt.timedelta(days=back), 0.0)
            for back in range(recent_days - 1, -1, -1)
        ),
        heatmap=_heatmap(habit, totals, day, start, paused, first_weekday, heatmap_weeks),
        lapse=lapse(then, totals, today=day, paused=paused),
    )


def summary_start(
    habit: HabitSpec,
    today: dt.date,
    paused: Collection[dt.date] = frozenset(),
    *,
    programme_start: dt.date | None = None,
    recent_days: int = 28,
    heatmap_weeks: int = HEATMAP_WEEKS,
) -> dt.date:
    """The earliest day `summarise` needs totals from (programme weeks aside; see below).

    Totals before this day cannot change the summary, so a store loads only
    from here to `today`, plus the programme's own weeks when they lie earlier
    (`programme_range`).
    """
    first_weekday = programme_start.weekday() if programme_start is not None else 0
    shown = min(
        today - dt.timedelta(days=recent_days - 1),
        week_days(today, first_weekday)[0] - dt.timedelta(days=7 * (heatmap_weeks - 1)),
    )
    return history_start(habit, today, paused, at_least=shown)


def programme_range(start: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a programme of `weeks` weeks starting on `start`."""
    return start, start + dt.timedelta(days=7 * weeks - 1)


def summarise_all(
    habits: Iterable[Habit],
    totals: Mapping[int, Mapping[dt.date, float]],
    *,
    day: dt.date,
    today: dt.date,
    since: Mapping[int, dt.date] | None = None,
    paused: Collection[dt.date] = frozenset(),
    programme_start: dt.date | None = None,
    programme_weeks: int = 0,
) -> list[HabitSummary]:
    """`summarise` for each habit, in the order given; `totals` and `since` keyed by habit id."""
    return [
        summarise(
            habit,
            totals.get(habit.id, {}),
            day=day,
            today=today,
            since=(since or {}).get(habit.id),
            paused=paused,
            programme_start=programme_start,
            programme_weeks=programme_weeks,
        )
        for habit in habits
    ]


def on_target(habit: HabitSpec, total: float, week_so_far: float) -> bool:
    """Whether a day counts in "N of M days": it met the target, or stayed within the limit.

    At least: the day's total reached the daily target; with no daily target
    (none at all, or a weekly one, which no single day meets) any practice
    counts. At most: the day's total (for a weekly limit, the week's running
    total `week_so_far`, this day included) is within the limit.
    """
    if habit.direction == "at_most" and habit.target is not None:
        amount = total if habit.per == "day" else week_so_far
        return amount <= habit.target + EPSILON
    if habit.target is not None and habit.per == "day":
        return total >= habit.target - EPSILON
    return total > EPSILON


def on_target_heading(habits: Iterable[HabitSpec]) -> str:
    """What "N of M days" counts, for a table of `habits`: met, within the limit, or both."""
    kinds = {habit.direction for habit in habits}
    if kinds == {"at_most"}:
        return "days within the limit"
    if "at_most" in kinds:
        return "days target met or within the limit"
    return "days target met"


def week_summary(
    habit: HabitSpec,
    totals: Mapping[dt.date, float],
    *,
    day: dt.date,
    since: dt.date | None = None,
    paused: Collection[dt.date] = frozenset(),
    first_weekday: int = 0,
) -> WeekSummary:
    """The week holding `day` (starting on `first_weekday`), from its first day to `day`.

    Days before the habit began (`since`, or its first entry if earlier) and
    paused days ask nothing and are not counted. The week's target is the
    daily target times the days so far that count, or, for a weekly target,
    that target scaled by the days of the week that count (whole numbers for
    yes/no and count habits; a weekly limit is not scaled). `days_on_target`
    counts the days so far that are `on_target`.
    """
    days = week_days(day, first_weekday)
    begun = _history_start(totals, since)
    counted = [each for each in days if each not in paused and (begun is None or each >= begun)]
    counted_so_far = [each for each in counted if each <= day]
    paused_in_week = sum(each in paused for each in days)
    running = 0.0  # the week's total up to each day
    kept = 0
    for each in days:
        if each > day:
            break
        amount = totals.get(each, 0.0)
        running += amount
        kept += each in counted and on_target(habit, amount, running)
    return WeekSummary(
        days=days,
        daily=tuple(totals.get(each, 0.0) if each <= day else 0.0 for each in days),
        total=running,
        target=_week_target(habit, len(counted_so_far), len(counted)),
        days_on_target=kept,
        days_so_far=len(counted_so_far),
        paused_days=paused_in_week,
        counts=tuple(each in counted for each in days),
    )


def _history_start(totals: Mapping[dt.date, float], since: dt.date | None) -> dt.date | None:
    """The day the habit began (or its first entry, if logged earlier); None if unknown.

    With no `since` nothing is left out: `totals` may hold only the last few
    weeks, and its first entry then says nothing about when the habit began.
    """
    return None if since is None else first_day(totals, since)


def _week_target(habit: HabitSpec, active_so_far: int, active_in_week: int) -> float | None:
    if habit.target is None:
        return None
    if habit.per == "day":
        return habit.target * active_so_far
    if habit.direction == "at_most":
        return habit.target
    scaled = habit.target * active_in_week / 7
    if habit.kind != "minutes":
        scaled = float(math.floor(scaled + 0.5))
        if active_in_week > 0:
            scaled = max(1.0, scaled)
    return scaled


def week_total(totals: Mapping[dt.date, float], day: dt.date, first_weekday: int = 0) -> float:
    """What the week holding `day` adds up to, from its first day to `day` itself."""
    return sum(
        (totals.get(each, 0.0) for each in week_days(day, first_weekday) if each <= day), 0.0
    )


def _programme_weeks(
    totals: Mapping[dt.date, float], day: dt.date, start: dt.date | None, weeks: int
) -> tuple[float, ...]:
    if start is None:
        return ()
    sums = []
    for week in range(1, weeks + 1):
        first = week_start(start, week)
        days = (first + dt.timedelta(days=offset) for offset in range(7))
        sums.append(sum((totals.get(each, 0.0) for each in days if each <= day), 0.0))
    return tuple(sums)


def _heatmap(
    habit: HabitSpec,
    totals: Mapping[dt.date, float],
    today: dt.date,
    start: dt.date | None,
    paused: Collection[dt.date],
    first_weekday: int,
    weeks: int,
) -> tuple[tuple[HeatCell, ...], ...]:
    first = week_days(today, first_weekday)[0] - dt.timedelta(days=7 * (weeks - 1))
    rows = [[first + dt.timedelta(days=7 * row + col) for col in range(7)] for row in range(weeks)]
    shown = [totals.get(day, 0.0) for row in rows for day in row if day <= today]
    biggest = max(shown, default=0.0)
    grid = []
    for row in rows:
        cells = []
        running = 0.0  # for a weekly limit: the week's total so far
        for day in row:
            total = totals.get(day, 0.0) if day <= today else 0.0
            running += total
            if day > today:
                cells.append(HeatCell(day, 0.0, 0, "future"))
            elif day in paused:
                cells.append(HeatCell(day, total, 0, "paused"))
            elif start is None or day < start:
                cells.append(HeatCell(day, total, 0, "before"))
            else:
                level = _level(habit.on(day), total, running, biggest)
                cells.append(HeatCell(day, total, level, "day"))
        grid.append(tuple(cells))
    return tuple(grid)


def _level(habit: HabitSpec, total: float, week_so_far: float, biggest: float) -> int:
    """0..4: the credit for daily targets and limits, else the size against the biggest day."""
    target = habit.target
    if target is not None and habit.direction == "at_most":
        amount = total if habit.per == "day" else week_so_far
        return _credit_level(target_share(amount, target, at_most=True))
    if target is not None and habit.per == "day":
        return _credit_level(target_share(total, target, at_most=False))
    if total <= EPSILON:
        return 0
    if habit.kind == "yesno" or biggest <= 0:
        return LEVELS
    return max(1, min(LEVELS, math.ceil(LEVELS * total / biggest - EPSILON)))


def _credit_level(credit: float) -> int:
    if credit <= 0:
        return 0
    if credit >= 1 - EPSILON:
        return LEVELS
    return 1 + int(credit * (LEVELS - 1))
