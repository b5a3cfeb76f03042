"""The demo's self-care log: about five weeks of real, imperfect practice.

Sam meditates most mornings (shorter on busy days, not every weekend), walks
on about two days in three (sometimes twice), and drinks water unevenly. A
heavy cold in week 3 is a two-day pause. Walking has gone quiet this week, so
Today shows the self-compassion pause. A few entries carry notes.

Deterministic: the same `now` always gives the same log (a seeded random).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from companion.domain.selfcare.habits import Habit
    from companion.store import Store

ZONE = "Europe/London"
SEED = 20260316

MEDITATION_NOTES = (
    "Body scan before bed",
    "Mind very busy; stayed with it anyway",
    "Loving-kindness practice from the webinar",
    "Three breaths before the board meeting",
)
WALKING_NOTES = (
    "Lunchtime loop round the park",
    "Walked to the station instead of driving",
    "Phone left at home; noticed the trees",
)


def fill(store: Store, start: dt.date, today: dt.date, now: dt.datetime) -> None:
    """Log from the programme's first day up to this morning."""
    zone = ZoneInfo(ZONE)
    rng = random.Random(SEED)  # noqa: S311 (a repeatable example, not a secret)
    habits = {h.key: h for h in store.selfcare.habits()}
    meditation, walking, hydration = habits["meditation"], habits["walking"], habits["hydration"]
    cold = (start + dt.timedelta(days=16), start + dt.timedelta(days=17))  # Wed-Thu, week 3
    quiet_walks = {today - dt.timedelta(days=back) for back in (1, 2, 3)}

    def log(habit: Habit, day: dt.date, value: float, hour: int, note: str | None = None) -> None:
        moment = dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), zone)
        store.selfcare.log(habit, day, value, note, min(moment, now), ZONE)

    day = start
    while day < today:
        weekend = day.weekday() >= 5
        if cold[0] <= day <= cold[1]:
            log(hydration, day, rng.choice((3, 4)), 12)  # water, and not much else
            day += dt.timedelta(days=1)
            continue
        if rng.random() < (0.55 if weekend else 0.85):
            minutes = rng.choice((5, 10, 10, 10, 12, 15))
            note = rng.choice(MEDITATION_NOTES) if rng.random() < 0.15 else None
            log(meditation, day, minutes, 7, note)
        if day not in quiet_walks and rng.random() < 0.7:
            note = rng.choice(WALKING_NOTES) if rng.random() < 0.2 else None
            log(walking, day, rng.choice((15, 20, 25, 30, 35, 40)), 13, note)
            if rng.random() < 0.3:
                log(walking, day, rng.choice((10, 15, 20)), 18)
        glasses = rng.choice((3, 4, 5, 6, 6, 7, 8, 8))
        for part, hour in zip(_split(glasses, rng), (9, 13, 17), strict=False):
            if part:
                log(hydration, day, part, hour)
        day += dt.timedelta(days=1)
    store.selfcare.add_pause(cold[0], cold[1], "Heavy cold", today, now)
    # This morning, before opening the app at half past nine.
    log(meditation, today, 10, 7, "Ten minutes before anyone else was up")
    log(hydration, today, 2, 8)


def _split(glasses: int, rng: random.Random) -> tuple[int, int, int]:
    """A day's glasses as morning, lunchtime and afternoon entries."""
    first = rng.randint(1, max(1, glasses - 2))
    second = rng.randint(0, glasses - first)
    return first, second, glasses - first - second
