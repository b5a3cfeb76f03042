"""A timed practice (meditation, a mindful walk, a self-compassion break): the countdown.

Pure: the caller passes in readings of a monotonic clock (seconds), so the
same countdown drives the app's timer and `companion practice` in the shell,
and tests can step through it without waiting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from companion.domain.errors import Invalid
from companion.domain.numbers import read_whole
from companion.domain.plurals import agree, counted

PRACTICE_MINUTES_LIMIT = 180  # three hours: longer than any guided practice


def check_minutes(value: str | int) -> int:
    """How long to practise, in whole minutes (1 to 180); Invalid says what to type."""
    if isinstance(value, bool):
        raise Invalid("Give the minutes as a whole number, e.g. 10")
    if isinstance(value, str):
        value = read_whole(value, what="a number of minutes", hint="type e.g. 10")
    if value < 1:
        raise Invalid("A practice lasts at least 1 minute; type e.g. 10")
    if value > PRACTICE_MINUTES_LIMIT:
        raise Invalid(
            f"{value} minutes is more than {PRACTICE_MINUTES_LIMIT}; choose a shorter practice"
        )
    return value


@dataclass
class Countdown:
    """A countdown of `minutes`, started at the clock reading `started`; it can pause."""

    minutes: int
    started: float
    paused_at: float | None = None
    paused_for: float = 0.0

    @property
    def seconds(self) -> float:
        return self.minutes * 60.0

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def elapsed(self, now: float) -> float:
        """Seconds practised so far (time spent paused does not count), at most the length."""
        until = self.paused_at if self.paused_at is not None else now
        return max(0.0, min(self.seconds, until - self.started - self.paused_for))

    def remaining(self, now: float) -> float:
        return self.seconds - self.elapsed(now)

    def share(self, now: float) -> float:
        """How much of the practice is done, 0..1 (for a progress bar)."""
        return self.elapsed(now) / self.seconds

    def finished(self, now: float) -> bool:
        return self.remaining(now) <= 0

    def pause(self, now: float) -> None:
        if self.paused_at is None:
            self.paused_at = now

    def resume(self, now: float) -> None:
        if self.paused_at is not None:
            self.paused_for += now - self.paused_at
            self.paused_at = None

    def toggle(self, now: float) -> None:
        """Pause when running, resume when paused."""
        if self.paused:
            self.resume(now)
        else:
            self.pause(now)

    def minutes_done(self, now: float) -> int:
        """Whole minutes practised, to the nearest minute (2:30 counts as 3)."""
        return math.floor(self.elapsed(now) / 60 + 0.5)


def clock_text(seconds: float) -> str:
    """`9:05` (or `1:02:03` past an hour), rounding up so 0:00 shows only at the very end."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


ENDING = "Time. Thank you for making space for this."


def stopped_after(minutes: int) -> str:
    """What a practice stopped early asks: `Stopped after 1 minute. Log it?`."""
    return f"Stopped after {counted(minutes, 'minute')}. Log {agree(minutes, 'it', 'them')}?"
