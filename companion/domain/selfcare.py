"""The daily self-care log: entries, values, pauses, habit strength, summaries and lapses.

Pure Python: no I/O and no clock; callers pass `today` (a local date) in.
The store hands over each habit's daily totals, already summed in SQL, as a
`Mapping[date, float]`; everything here is one pass over those days.

Kind by design: a day without practice is neutral. Strength forgives it (an
exponential moving average, as Loop Habit Tracker uses), paused days change
nothing, and a habit that has gone quiet for a while gets a short
self-compassion pause rather than a warning.

Decisions, so the TUI, CLI and docs can state them:
- A day is the local calendar date the user meant, stored as given; only
  "now" is turned into a day (`local_day`), and old entries are never moved.
- Values: yes/no habits are logged as 1 (yes); a day with no entry is simply
  a day with no entry, so 0 is refused for "at least" habits (there is nothing
  to log) but allowed for "at most" ones ("no coffee today" is worth noting).
  Counts are whole numbers; minutes may be fractional. A day holds at most
  1,440 minutes, 100,000 of a count and one yes.
- Credit for a day (0..1): with a daily "at least" target, the share of the
  target reached, capped at 1 (20 of 30 minutes earns 2/3: effort counts);
  with no target, 1 for any practice; with an "at most" limit, 1 at or under
  it, sliding down to 0 at twice the limit (or at anything over a limit of 0).
- Weekly targets ("N a week") are judged, for each day, over a rolling window
  of recent days, as Loop does: "at least" habits look at the last 14
  non-paused days against twice the target, which smooths out practice that
  falls on different weekdays; "at most" habits look at the last 7.
- Strength: s = s * m + credit * (1 - m) for each counted day, starting at 0
  on the day the habit began (`since`, or its first entry if earlier), with
  m = 0.5 ** (sqrt(f) / 13): a half-life of 13 days for daily habits, where f
  is the share of days the habit asks for (N/7 for "N times a week" yes/no
  and count habits, 1/7 for a weekly number of minutes or a weekly limit), so
  habits that ask less often change more slowly, as in Loop.
  Paused days are skipped, so they freeze strength. Today is still going on:
  it counts only once it lifts strength, never to lower it.
- A habit has lapsed after 3 non-paused days in a row without practice (7 for
  weekly habits), not counting today, once it has been practised at least
  once. Limits ("at most" habits) do not lapse.
- Heatmap levels (0..4): for a daily target or limit, the day's credit (1 under
  a third, 2 under two thirds, 3 under the whole, 4 met or within the limit);
  for a weekly limit, the week's running total against it; otherwise (no
  target, or N a week) the day's amount against the biggest day shown, and 4
  for a yes. Paused, future and before-the-start days are marked apart.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import deque
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from companion.domain.daywords import MAX_DAYS_AGO
from companion.domain.habits import DAY_LIMITS, Habit, HabitSpec
from companion.domain.text import check_text

NOTE_LIMIT = 500
HALF_LIFE_DAYS = 13.0
HORIZON_HALF_LIVES = 40
LAPSE_DAYS = 3
LAPSE_DAYS_WEEKLY = 7
PAUSE_LIMIT_DAYS = 366
HEATMAP_WEEKS = 12
LEVELS = 4  # heatmap levels 1..4 for days with practice; 0 for none

# Totals are sums of floats: compare with a little slack so 0.1 + 0.2 meets 0.3.
_EPSILON = 1e-9
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_ONE_DAY = dt.timedelta(days=1)


# ---------------------------------------------------------------- entries and days


@dataclass(frozen=True)
class Entry:
    """One logged amount of a habit on the local day the user meant."""

    habit_id: int
    day: dt.date
    value: float
    note: str | None = None


@dataclass(frozen=True)
class LoggedEntry(Entry):
    """An entry as stored: its id, when it was written (UTC) and the zone that chose its day."""

    id: int = 0
    created_utc: str = ""
    tz: str = ""


@dataclass(frozen=True)
class Logged:
    """What logging did: the new entry and the day's total with it."""

    entry: LoggedEntry
    day_total: float
    before: float  # the day's total before this entry


def local_day(moment_utc: dt.datetime, zone: ZoneInfo) -> dt.date:
    """The calendar day that the aware moment `moment_utc` falls on in `zone`.

    23:59:59 local time is still that day and 00:00:00 is the next, on the
    days the clocks change as on any other. Only "now" goes through here:
    stored entries keep the day they were logged for.
    """
    if moment_utc.tzinfo is None or moment_utc.utcoffset() is None:
        raise ValueError("local_day needs an aware time (with a time zone), e.g. clock.now()")
    return moment_utc.astimezone(zone).date()


def daily_totals(entries: Iterable[Entry]) -> dict[int, dict[dt.date, float]]:
    """Each habit's entries summed per day: {habit_id: {day: total}} (three walks add up)."""
    totals: dict[int, dict[dt.date, float]] = {}
    for entry in entries:
        days = totals.setdefault(entry.habit_id, {})
        days[entry.day] = days.get(entry.day, 0.0) + entry.value
    return totals


# ---------------------------------------------------------------- checking what is typed


class AlreadyLoggedError(ValueError):
    """A yes/no habit already has its yes for that day (the caller may treat this gently)."""


def check_value(habit: HabitSpec, value: str | float) -> float:
    """The amount to log for `habit`, from what was typed or passed; ValueError if it will not do.

    Accepts a plain decimal (`25`, `2.5`) or, for yes/no habits, `yes`/`y`.
    Refuses negatives, non-numbers, NaN and infinity, fractions of a count or
    a yes, 0 for "at least" habits, and more than one day can hold.
    """
    unit = _unit(habit)
    example = "2" if habit.kind == "count" else "25"
    hint = "type 1 (or yes)" if habit.kind == "yesno" else f"type how many {unit}, e.g. {example}"
    if isinstance(value, bool):
        raise ValueError(f"Give the amount as a number; {hint}")
    if isinstance(value, str):
        text = value.strip().lower()
        if habit.kind == "yesno" and text in ("y", "yes"):
            return 1.0
        if _NUMBER.fullmatch(text) is None:
            raise ValueError(f"{value.strip()[:40]!r} is not a number; {hint}")
        number = float(text)
    elif isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
    else:
        raise ValueError(f"Give the amount as a number; {hint}")
    if not math.isfinite(number):
        raise ValueError(f"That is not an amount; {hint}")
    if number < 0:
        raise ValueError("An amount cannot be below 0; to take an entry back, edit or delete it")
    if number == 0 and habit.direction == "at_least":
        raise ValueError("There is nothing to log for 0; a quiet day needs no entry")
    if habit.kind == "yesno" and number != 1:
        raise ValueError("A yes/no habit is logged as 1 (yes); type 1 or leave the value out")
    if habit.kind == "count" and number != int(number):
        raise ValueError(f"{habit.name} counts whole {unit}; type a whole number, e.g. 2")
    _check_fits_in_a_day(habit, number)
    return number


def check_day_total(habit: HabitSpec, existing_total: float, new_value: float) -> float:
    """The day's new total once `new_value` is added; ValueError if a day cannot hold it.

    `existing_total` is what the day holds already (for an edit: without the
    entry being edited). A second yes on a yes/no day raises AlreadyLoggedError.
    """
    if habit.kind == "yesno" and existing_total >= 1 - _EPSILON:
        raise AlreadyLoggedError(f"{habit.name} is already logged for that day")
    total = existing_total + new_value
    _check_fits_in_a_day(habit, total, on_top=existing_total > 0)
    return total


def _check_fits_in_a_day(habit: HabitSpec, amount: float, *, on_top: bool = False) -> None:
    limit = DAY_LIMITS[habit.kind]
    if amount <= limit + _EPSILON:
        return
    lead, joint = ("That would make ", ", ") if on_top else ("", " is ")
    if habit.kind == "minutes":
        raise ValueError(
            f"{lead}{amount:,g} minutes in one day{joint}more than the 1,440 a day has; "
            "check the number"
        )
    raise ValueError(
        f"{lead}{amount:,g} {_unit(habit)} in one day{joint}more than {limit:,g}; check the number"
    )


def check_note(text: str | None) -> str | None:
    """A note for an entry: one line, up to 500 characters, in NFC; blank becomes None.

    Control characters (NUL, escape sequences) are refused. Markup-like text
    such as `[b]` is kept as typed: it is shown literally, never interpreted.
    """
    if text is None:
        return None
    note = check_text(text, what="The note", limit=NOTE_LIMIT).strip()
    return note or None


def _unit(habit: HabitSpec) -> str:
    return habit.unit or ("times" if habit.kind != "minutes" else "minutes")


# ---------------------------------------------------------------- pauses


PAUSE_REASON_LIMIT = 60


@dataclass(frozen=True)
class Pause:
    """Days set aside (illness, leave): they neither count against a habit nor change it."""

    id: int
    first: dt.date
    last: dt.date
    reason: str | None = None

    def covers(self, day: dt.date) -> bool:
        """True when `day` is one of the pause's days."""
        return self.first <= day <= self.last

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def check_pause_reason(text: str | None) -> str | None:
    """A pause's optional reason ("illness", "annual leave"): one line, up to 60 characters."""
    if text is None:
        return None
    reason = check_text(text, what="The reason", limit=PAUSE_REASON_LIMIT).strip()
    return reason or None


def paused_days(ranges: Iterable[tuple[dt.date, dt.date]]) -> frozenset[dt.date]:
    """Every day inside the given (first, last) ranges, both ends included."""
    days: set[dt.date] = set()
    for first, last in ranges:
        day = first
        while day <= last:
            days.add(day)
            day += _ONE_DAY
    return frozenset(days)


def check_pause(first: dt.date, last: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """A pause from `first` to `last` (a planned one may lie ahead); ValueError if not."""
    if last < first:
        raise ValueError("The pause ends before it starts; give the first day, then the last")
    if (last - first).days + 1 > PAUSE_LIMIT_DAYS:
        raise ValueError(
            f"A pause can last up to {PAUSE_LIMIT_DAYS} days; add another for a longer break"
        )
    if (first - today).days > PAUSE_LIMIT_DAYS:
        raise ValueError("That pause starts more than a year from now; check the year")
    if (today - first).days > MAX_DAYS_AGO:
        raise ValueError("That pause starts more than ten years ago; check the year")
    return first, last


# ---------------------------------------------------------------- credit and strength


def day_credit(habit: HabitSpec, total: float) -> float:
    """How far one day's `total` goes towards a daily target, from 0 to 1.

    Weekly habits are judged over a window of days instead; for them this
    gives 1 for any practice (or, for a weekly limit, for staying at 0).
    """
    if habit.target is None:
        return 1.0 if total > _EPSILON else 0.0
    if habit.per == "week":
        if habit.direction == "at_most":
            return 1.0 if total <= _EPSILON else 0.0
        return 1.0 if total > _EPSILON else 0.0
    return _share(total, habit.target, at_most=habit.direction == "at_most")


def _share(total: float, target: float, *, at_most: bool) -> float:
    if at_most:
        if total <= target + _EPSILON:
            return 1.0
        if target <= 0:
            return 0.0
        return max(0.0, 1.0 - (total - target) / target)
    if target <= 0:
        return 1.0 if total > _EPSILON else 0.0
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
) -> float:
    """Habit strength on `today`, from 0 to 1, in one pass over the days (see the module notes).

    `totals` maps days to that day's summed amount; `since` is the day the
    habit began (strength starts at 0 then; days before it do not count), or
    None to start from the first entry. Paused days are skipped.

    Only the last `HORIZON_HALF_LIVES` half-lives of counted days are visited:
    anything older weighs less than 2 ** -40 (about 1e-12), so a 20-year
    history costs no more than a two-year one.
    """
    start = _start_day(totals, since)
    if start is None or start > today:
        return 0.0
    m = strength_multiplier(habit)
    gain = 1.0 - m
    weekly = habit.per == "week" and habit.target is not None
    at_most = habit.direction == "at_most"
    target = habit.target or 0.0
    need = target if at_most else 2 * target
    window: deque[float] = deque(maxlen=_window_days(habit))
    in_window = 0.0
    horizon = strength_horizon(habit)
    score = 0.0
    get = totals.get
    for day in _counted_days(start, today, paused, horizon):
        total = get(day, 0.0)
        if weekly:
            # A running sum of the window: re-adding 14 days each day made weekly
            # habits the slowest part of a summary. (Float drift stays far below the
            # 1e-9 slack `_share` allows: at most ~1,400 steps of 14-day sums.)
            if len(window) == window.maxlen:
                in_window -= window[0]
            window.append(total)
            in_window += total
            credit = _share(in_window, need, at_most=at_most)
        else:
            credit = day_credit(habit, total)
        if day == today and credit < score:
            break  # today is not over: it may lift strength but never lowers it
        score = score * m + credit * gain
    return min(1.0, max(0.0, score))


def strength_horizon(habit: HabitSpec) -> int:
    """How many counted (non-paused) days, up to today, `strength` looks at for `habit`."""
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
        day -= _ONE_DAY
    days.reverse()
    return days


def _window_days(habit: HabitSpec) -> int:
    return 7 if habit.direction == "at_most" else 14


def _start_day(totals: Mapping[dt.date, float], since: dt.date | None) -> dt.date | None:
    first = min(totals, default=None)
    if first is None:
        return since
    if since is None:
        return first
    return min(first, since)


# ---------------------------------------------------------------- lapses


@dataclass(frozen=True)
class Lapse:
    """A habit that has gone quiet for a while: Today offers a self-compassion pause."""

    habit_id: int
    quiet_days: int  # non-paused days since it was last practised, today not counted
    last_practised: dt.date


def lapse(
    habit: Habit,
    totals: Mapping[dt.date, float],
    *,
    today: dt.date,
    paused: Collection[dt.date] = frozenset(),
) -> Lapse | None:
    """A Lapse when `habit` has gone `LAPSE_DAYS` non-paused days without practice, else None.

    Weekly habits need `LAPSE_DAYS_WEEKLY` such days. Today does not count
    (it is still going on), nothing is offered on a paused day, and limits
    ("at most" habits) and habits never practised do not lapse.
    """
    if habit.direction == "at_most" or today in paused:
        return None
    if totals.get(today, 0.0) > _EPSILON or not totals:
        return None
    needed = LAPSE_DAYS_WEEKLY if habit.per == "week" else LAPSE_DAYS
    earliest = min(totals)
    quiet = 0
    day = today - _ONE_DAY
    # Walk back to the last day with practice (a practice on a paused day counts too).
    while day >= earliest:
        if totals.get(day, 0.0) > _EPSILON:
            if quiet < needed:
                return None
            return Lapse(habit_id=habit.id, quiet_days=quiet, last_practised=day)
        if day not in paused:
            quiet += 1
        day -= _ONE_DAY
    return None  # never practised: nothing has lapsed


def lapsed_habits(
    habits: Iterable[Habit],
    totals: Mapping[int, Mapping[dt.date, float]],
    *,
    today: dt.date,
    paused: Collection[dt.date] = frozenset(),
) -> list[Lapse]:
    """The lapses among `habits` (archived ones left out), in the order given."""
    found = []
    for habit in habits:
        if habit.archived:
            continue
        result = lapse(habit, totals.get(habit.id, {}), today=today, paused=paused)
        if result is not None:
            found.append(result)
    return found


PAUSE_TITLE = "A self-compassion pause"


def pause_lines(habit_name: str) -> tuple[str, ...]:
    """The few lines Today shows for a habit that has gone quiet (show the name literally)."""
    return (
        f"{habit_name} has had a few quiet days. Just notice that, gently.",
        "Life gets full, and everyone finds a new habit hard to keep up at times; "
        "you are in good company.",
        "There is nothing to make up. When you are ready, one small step is plenty.",
        "For now, perhaps one slow breath, and the kind word you would offer a friend.",
    )


# ---------------------------------------------------------------- summaries


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
    """One week of a habit, up to and including today."""

    days: tuple[dt.date, ...]  # all seven, first to last
    total: float  # logged on the days up to today
    target: float | None  # what the target asks of the week so far (see `summarise`)
    days_practised: int  # days up to today with practice (for a limit: kept within it)
    days_so_far: int  # non-paused days from the first day of the week to today
    paused_days: int  # paused days in the whole week


@dataclass(frozen=True)
class HabitSummary:
    """Everything the Self-care section and Today show for one habit."""

    habit_id: int
    today: dt.date
    today_total: float
    today_target: float | None  # the daily target or limit; None for weekly habits
    today_paused: bool
    strength: float  # 0..1
    week: WeekSummary
    programme_weeks: tuple[float, ...]  # totals of programme weeks 1..N; () with no start
    recent: tuple[float, ...]  # daily totals for a sparkline, oldest first, ending today
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
    today: dt.date,
    since: dt.date | None = None,
    paused: Collection[dt.date] = frozenset(),
    programme_start: dt.date | None = None,
    programme_weeks: int = 8,
    recent_days: int = 28,
    heatmap_weeks: int = HEATMAP_WEEKS,
) -> HabitSummary:
    """A habit's summary for `today` from its daily totals, in one pass over the days.

    Weeks start on the programme's weekday when `programme_start` is given
    (so "this week" is the programme week), otherwise on Monday; a week is
    always seven calendar days, clock changes or not. The week's target is
    the daily target times the non-paused days so far, or, for a weekly
    target, that target scaled by the week's non-paused days (whole numbers
    for yes/no and count habits; a weekly limit is not scaled).
    """
    first_weekday = programme_start.weekday() if programme_start is not None else 0
    start = _start_day(totals, since)
    return HabitSummary(
        habit_id=habit.id,
        today=today,
        today_total=totals.get(today, 0.0),
        today_target=habit.target if habit.per == "day" else None,
        today_paused=today in paused,
        strength=strength(habit, totals, today=today, since=since, paused=paused),
        week=_week(habit, totals, today, paused, week_days(today, first_weekday)),
        programme_weeks=_programme_weeks(totals, today, programme_start, programme_weeks),
        recent=tuple(
            totals.get(today - dt.timedelta(days=back), 0.0)
            for back in range(recent_days - 1, -1, -1)
        ),
        heatmap=_heatmap(habit, totals, today, start, paused, first_weekday, heatmap_weeks),
        lapse=lapse(habit, totals, today=today, paused=paused),
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


def programme_range(start: dt.date, weeks: int = 8) -> tuple[dt.date, dt.date]:
    """The first and last day of a programme of `weeks` weeks starting on `start`."""
    return start, start + dt.timedelta(days=7 * weeks - 1)


def summarise_all(
    habits: Iterable[Habit],
    totals: Mapping[int, Mapping[dt.date, float]],
    *,
    today: dt.date,
    since: Mapping[int, dt.date] | None = None,
    paused: Collection[dt.date] = frozenset(),
    programme_start: dt.date | None = None,
    programme_weeks: int = 8,
) -> list[HabitSummary]:
    """`summarise` for each habit, in the order given; `totals` and `since` keyed by habit id."""
    return [
        summarise(
            habit,
            totals.get(habit.id, {}),
            today=today,
            since=(since or {}).get(habit.id),
            paused=paused,
            programme_start=programme_start,
            programme_weeks=programme_weeks,
        )
        for habit in habits
    ]


def _practised(habit: HabitSpec, total: float) -> bool:
    """A day with practice; for a daily limit, a day kept within it."""
    if habit.direction == "at_most" and habit.target is not None and habit.per == "day":
        return total <= habit.target + _EPSILON
    return total > _EPSILON


def _week(
    habit: HabitSpec,
    totals: Mapping[dt.date, float],
    today: dt.date,
    paused: Collection[dt.date],
    days: tuple[dt.date, ...],
) -> WeekSummary:
    so_far = [day for day in days if day <= today]
    active_so_far = [day for day in so_far if day not in paused]
    paused_in_week = sum(day in paused for day in days)
    total = sum(totals.get(day, 0.0) for day in so_far)
    if habit.per == "week" and habit.direction == "at_most":
        running = 0.0
        practised = 0
        for day in so_far:
            running += totals.get(day, 0.0)
            practised += day not in paused and running <= (habit.target or 0.0) + _EPSILON
    else:
        practised = sum(_practised(habit, totals.get(day, 0.0)) for day in active_so_far)
    return WeekSummary(
        days=days,
        total=total,
        target=_week_target(habit, len(active_so_far), 7 - paused_in_week),
        days_practised=practised,
        days_so_far=len(active_so_far),
        paused_days=paused_in_week,
    )


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


def _programme_weeks(
    totals: Mapping[dt.date, float], today: dt.date, start: dt.date | None, weeks: int
) -> tuple[float, ...]:
    if start is None:
        return ()
    sums = []
    for week in range(1, weeks + 1):
        first = start + dt.timedelta(days=7 * (week - 1))  # as programme.week_start
        days = (first + dt.timedelta(days=offset) for offset in range(7))
        sums.append(sum((totals.get(day, 0.0) for day in days if day <= today), 0.0))
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
                cells.append(HeatCell(day, total, _level(habit, total, running, biggest), "day"))
        grid.append(tuple(cells))
    return tuple(grid)


def _level(habit: HabitSpec, total: float, week_so_far: float, biggest: float) -> int:
    """0..4: the credit for daily targets and limits, else the size against the biggest day."""
    target = habit.target
    if target is not None and habit.direction == "at_most":
        amount = total if habit.per == "day" else week_so_far
        return _credit_level(_share(amount, target, at_most=True))
    if target is not None and habit.per == "day":
        return _credit_level(_share(total, target, at_most=False))
    if total <= _EPSILON:
        return 0
    if habit.kind == "yesno" or biggest <= 0:
        return LEVELS
    return max(1, min(LEVELS, math.ceil(LEVELS * total / biggest - _EPSILON)))


def _credit_level(credit: float) -> int:
    if credit <= 0:
        return 0
    if credit >= 1 - _EPSILON:
        return LEVELS
    return 1 + int(credit * (LEVELS - 1))
