"""Lapses: a habit gone quiet for a while is offered a self-compassion pause, not a warning.

A habit has lapsed after 3 non-paused days in a row without practice (7 for
weekly habits), not counting today, once it has been practised at least
once. Limits ("at most" habits) do not lapse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from companion.domain.dates import ONE_DAY
from companion.domain.selfcare.habits import EPSILON, Habit

LAPSE_DAYS = 3

LAPSE_DAYS_WEEKLY = 7


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
    if totals.get(today, 0.0) > EPSILON or not totals:
        return None
    needed = LAPSE_DAYS_WEEKLY if habit.per == "week" else LAPSE_DAYS
    earliest = min(totals)
    quiet = 0
    day = today - ONE_DAY
    # Walk back to the last day with practice (a practice on a paused day counts too).
    while day >= earliest:
        if totals.get(day, 0.0) > EPSILON:
            if quiet < needed:
                return None
            return Lapse(habit_id=habit.id, quiet_days=quiet, last_practised=day)
        if day not in paused:
            quiet += 1
        day -= ONE_DAY
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

# The pause offers the guided Self-Compassion Break (key b on Today).
BREAK_OFFER = "If you'd like a few guided minutes, b starts a self-compassion break."


def pause_lines(habit_name: str) -> tuple[str, ...]:
    """The few lines Today shows for a habit that has gone quiet (show the name literally)."""
    return (
        f"{habit_name} has had a few quiet days. Just notice that, gently.",
        "Life gets full, and everyone finds a new habit hard to keep up at times; "
        "you are in good company.",
        "There is nothing to make up. When you are ready, one small step is plenty.",
        "For now, perhaps one slow breath, and the kind word you would offer a friend.",
    )
