"""Logged entries: what one entry is, checking an amount or note, and a day's totals.

A day is the local calendar date the user meant, stored as given; only "now"
is turned into a day (`local_day`), and old entries are never moved. Values:
yes/no habits are logged as 1 (yes); 0 is refused for "at least" habits (a
quiet day needs no entry) but allowed for "at most" ones. Counts are whole
numbers; minutes may be fractional. A day holds at most 1,440 minutes,
100,000 of a count and one yes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from companion.domain.errors import Invalid, Refused
from companion.domain.numbers import read_decimal
from companion.domain.selfcare.habits import DAY_LIMITS, EPSILON, HabitSpec
from companion.domain.user_text import check_line

NOTE_LIMIT = 500


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


class AlreadyLoggedError(Refused):
    """A yes/no habit already has its yes for that day (the caller may treat this gently)."""


def check_value(habit: HabitSpec, value: str | float | None) -> float:
    """The amount to log for `habit`, from what was typed or passed; Invalid if not.

    Nothing typed (None or blank) means 1 (one yes, one glass), except for a
    minutes habit, which needs its number. Accepts a plain decimal (`25`,
    `2.5`, in any script's digits: `numbers.read_decimal`) or, for yes/no
    habits, `yes`/`y`.
    Refuses negatives, non-numbers, NaN and infinity, fractions of a count or
    a yes, 0 for "at least" habits, and more than one day can hold.
    """
    unit = _unit(habit)
    example = "2" if habit.kind == "count" else "25"
    hint = "type 1 (or yes)" if habit.kind == "yesno" else f"type how many {unit}, e.g. {example}"
    if value is None or (isinstance(value, str) and not value.strip()):
        if habit.kind == "minutes":
            raise Invalid(f"{habit.name} is measured in minutes; say how many, e.g. 25")
        return 1.0
    if isinstance(value, bool):
        raise Invalid(f"Give the amount as a number; {hint}")
    if isinstance(value, str):
        text = value.strip().lower()
        if habit.kind == "yesno" and text in ("y", "yes"):
            return 1.0
        number = read_decimal(value, hint=hint)
    elif isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
    else:
        raise Invalid(f"Give the amount as a number; {hint}")
    if not math.isfinite(number):
        raise Invalid(f"That is not an amount; {hint}")
    if number < 0:
        raise Invalid("An amount cannot be below 0; to take an entry back, edit or delete it")
    if number == 0 and habit.direction == "at_least":
        raise Invalid("There is nothing to log for 0; a quiet day needs no entry")
    if habit.kind == "yesno" and number != 1:
        raise Invalid("A yes/no habit is logged as 1 (yes); type 1 or leave the value out")
    if habit.kind == "count" and number != int(number):
        raise Invalid(f"{habit.name} counts whole {unit}; type a whole number, e.g. 2")
    _check_fits_in_a_day(habit, number)
    return number


def check_day_total(habit: HabitSpec, existing_total: float, new_value: float) -> float:
    """The day's new total once `new_value` is added; Invalid if a day cannot hold it.

    `existing_total` is what the day holds already (for an edit: without the
    entry being edited). A second yes on a yes/no day raises AlreadyLoggedError.
    """
    if habit.kind == "yesno" and existing_total >= 1 - EPSILON:
        raise AlreadyLoggedError(f"{habit.name} is already logged for that day")
    total = existing_total + new_value
    _check_fits_in_a_day(habit, total, on_top=existing_total > 0)
    return total


def _check_fits_in_a_day(habit: HabitSpec, amount: float, *, on_top: bool = False) -> None:
    limit = DAY_LIMITS[habit.kind]
    if amount <= limit + EPSILON:
        return
    lead, joint = ("That would make ", ", ") if on_top else ("", " is ")
    if habit.kind == "minutes":
        raise Invalid(
            f"{lead}{amount:,g} minutes in one day{joint}more than the 1,440 a day has; "
            "check the number"
        )
    raise Invalid(
        f"{lead}{amount:,g} {_unit(habit)} in one day{joint}more than {limit:,g}; check the number"
    )


def check_note(text: str | None) -> str | None:
    """A note for an entry: one line, up to 500 characters, in NFC; blank becomes None.

    The one-line policy of `user_text.check_line` (no control or direction
    characters). Markup-like text such as `[b]` is kept as typed: it is shown
    literally, never interpreted.
    """
    if text is None:
        return None
    return check_line(text, what="The note", limit=NOTE_LIMIT) or None


def _unit(habit: HabitSpec) -> str:
    return habit.unit or ("times" if habit.kind != "minutes" else "minutes")
