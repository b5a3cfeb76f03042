"""The letter to yourself: written in the first weeks, sealed, opened at the follow-up workshop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from companion.domain.dates import long_date
from companion.domain.errors import Refused
from companion.domain.programme import Event, week_start
from companion.domain.worksheets.sheets import Letter
from companion.domain.worksheets.status import SheetStatus

LetterStage = Literal["not-yet", "writing", "sealed", "ready", "opened", "closed"]


@dataclass(frozen=True)
class LetterDates:
    """When the letter may be written (first..last day) and when it opens."""

    first_day: dt.date
    last_day: dt.date
    opens_on: dt.date


def letter_dates(letter: Letter, start: dt.date, events: Sequence[Event]) -> LetterDates:
    """The writing window (weeks `week`..`until_week`) and the opening day.

    It opens on the day of the session named by `opens_at` (the follow-up
    workshop), as scheduled, so moving that session moves the opening too.
    """
    opening = next((e for e in events if e.id == letter.opens_at), None)
    last = week_start(start, letter.until_week) + dt.timedelta(days=6)
    return LetterDates(
        first_day=week_start(start, letter.week),
        last_day=last,
        opens_on=opening.day if opening is not None else last + dt.timedelta(weeks=8),
    )


def letter_sealed(sealed: bool, has_text: bool, dates: LetterDates, today: dt.date) -> bool:
    """Sealed by the writer, or by the end of the writing window.

    A draft left unsealed after the last day is sealed all the same, so the
    letter still arrives at the follow-up workshop.
    """
    return sealed or (has_text and today > dates.last_day)


def letter_readable(sealed: bool, has_text: bool, dates: LetterDates, today: dt.date) -> bool:
    """Whether the letter's text may be shown: while it is an unsealed draft, or once it opens."""
    return not letter_sealed(sealed, has_text, dates, today) or today >= dates.opens_on


@dataclass(frozen=True)
class LetterRecord:
    """The stored letter as the store hands it out: `text` is None while it is sealed."""

    has_text: bool
    text: str | None
    sealed: dt.datetime | None
    opened: dt.datetime | None
    updated: dt.datetime | None


@dataclass(frozen=True)
class LetterStatus:
    """Where the letter is, what can be done with it, and one sentence saying so."""

    stage: LetterStage
    sentence: str
    has_text: bool = False

    @property
    def can_write(self) -> bool:
        return self.stage == "writing"

    @property
    def can_open(self) -> bool:
        return self.stage in ("ready", "opened")

    @property
    def sheet_status(self) -> SheetStatus:
        """The letter in the list of sheets: sealed counts as complete."""
        if self.stage in ("sealed", "ready", "opened"):
            return "complete"
        return "in progress" if self.has_text else "not started"

    @property
    def shown(self) -> str:
        """The letter's word in a list of sheets: where it is once written and sealed."""
        return self.stage if self.stage in ("sealed", "ready", "opened") else self.sheet_status

    @property
    def complete_words(self) -> str:
        """What marking the letter complete says: it is complete by being sealed."""
        return {
            "writing": "The letter is complete once you seal it: press l to open it, then "
            "seal it.",
            "sealed": "Your letter is sealed, so it already counts as complete; it stays closed "
            "until the follow-up workshop.",
            "ready": "Your letter is complete, and ready to open: press l.",
            "opened": "Your letter is complete; you opened it at the follow-up.",
        }.get(self.stage, self.sentence)


def letter_status(record: LetterRecord, dates: LetterDates, today: dt.date) -> LetterStatus:
    """The letter's stage on `today`, in kind words."""
    has_text = record.has_text
    if letter_sealed(record.sealed is not None, has_text, dates, today):
        if today < dates.opens_on:
            opens = long_date(dates.opens_on)
            return LetterStatus(
                "sealed", f"Sealed. It opens on {opens}, at the follow-up workshop.", has_text
            )
        if record.opened is None:
            return LetterStatus("ready", "Your letter is ready to open.", has_text)
        return LetterStatus("opened", "Your letter, opened at the follow-up.", has_text)
    if today < dates.first_day:
        first = long_date(dates.first_day)
        return LetterStatus("not-yet", f"You can write your letter from {first}.", has_text)
    if today > dates.last_day:
        return LetterStatus(
            "closed",
            "The letter is written in the first four weeks; there is no letter this time, "
            "and that is fine.",
            has_text,
        )
    until = long_date(dates.last_day)
    if has_text:
        return LetterStatus(
            "writing", f"A draft, not sealed yet. Seal it when it feels right, by {until}.", True
        )
    return LetterStatus("writing", f"Write it any time until {until}, then seal it.", False)


def check_letter_write(status: LetterStatus) -> None:
    """Refused unless the letter can be written now (its stage says why not)."""
    if not status.can_write:
        raise Refused(f"The letter cannot be changed now. {status.sentence}")
