"""Pauses: days set aside (illness, leave) that neither count against a habit nor change it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from companion.domain.dates import MAX_DAYS_AGO, ONE_DAY, short_date
from companion.domain.errors import Invalid
from companion.domain.user_text import check_line

PAUSE_LIMIT_DAYS = 366

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

    def span(self, today: dt.date) -> str:
        """`Sat 14 Nov`, or `Sat 14 Nov to Sun 15 Nov` (years as `short_date` gives them)."""
        if self.first == self.last:
            return short_date(self.first, today)
        return f"{short_date(self.first, today)} to {short_date(self.last, today)}"


def check_pause_reason(text: str | None) -> str | None:
    """A pause's optional reason ("illness", "annual leave"): one line, up to 60 characters."""
    if text is None:
        return None
    return check_line(text, what="The reason", limit=PAUSE_REASON_LIMIT) or None


def paused_days(ranges: Iterable[tuple[dt.date, dt.date]]) -> frozenset[dt.date]:
    """Every day inside the given (first, last) ranges, both ends included."""
    days: set[dt.date] = set()
    for first, last in ranges:
        day = first
        while day <= last:
            days.add(day)
            day += ONE_DAY
    return frozenset(days)


def check_pause(first: dt.date, last: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """A pause from `first` to `last` (a planned one may lie ahead); Invalid if not."""
    if last < first:
        raise Invalid("The pause ends before it starts; give the first day, then the last")
    if (last - first).days + 1 > PAUSE_LIMIT_DAYS:
        raise Invalid(
            f"A pause can last up to {PAUSE_LIMIT_DAYS} days; add another for a longer break"
        )
    if (first - today).days > PAUSE_LIMIT_DAYS:
        raise Invalid("That pause starts more than a year from now; check the year")
    if (today - first).days > MAX_DAYS_AGO:
        raise Invalid("That pause starts more than ten years ago; check the year")
    return first, last
