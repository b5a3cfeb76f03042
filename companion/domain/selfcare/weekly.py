"""Timed practice added up per programme week: one rule for Progress, the report and the pack.

Every minute logged counts, whichever habit it was logged under and whether
or not that habit was archived later: practice done stays done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PracticeDay:
    """Minutes logged on one day for one timed habit, by its key."""

    day: dt.date
    habit: str
    minutes: float


def minutes_per_week(
    practice: Iterable[PracticeDay], start: dt.date, weeks: int
) -> dict[int, dict[str, float]]:
    """Minutes per habit key in each programme week 1..`weeks` (every week present).

    Week 1 begins on `start`; days outside the weeks are left out.
    """
    totals: dict[int, dict[str, float]] = {week: {} for week in range(1, max(weeks, 0) + 1)}
    for entry in practice:
        week = (entry.day - start).days // 7 + 1
        if week in totals:
            totals[week][entry.habit] = totals[week].get(entry.habit, 0.0) + entry.minutes
    return totals
