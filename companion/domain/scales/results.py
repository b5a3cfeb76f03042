"""Results over time: each instrument's scores by occasion, the change from the baseline,
the practice logged in between, and the lines that describe a score."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from companion.domain.plurals import listed
from companion.domain.scales.administration import (
    OCCASION_SHORT,
    PLANNED,
    Administration,
    Occasion,
)
from companion.domain.scales.change import Change, change, format_number
from companion.domain.scales.instruments import Instrument
from companion.domain.scales.scoring import Score, derived_answers, is_very_low, score


@dataclass(frozen=True)
class Point:
    """One complete result: when, on which occasion, and its score."""

    administration: int
    occasion: Occasion
    day: dt.date
    score: Score

    @property
    def label(self) -> str:
        return OCCASION_SHORT[self.occasion]


@dataclass(frozen=True)
class InstrumentResults:
    """An instrument's results in time order, and each later one compared with the first.

    `changes[i]` compares `points[i + 1]` with `reference` (the baseline, or
    without one the earliest result).
    """

    instrument: Instrument
    points: tuple[Point, ...]
    reference: Point | None
    changes: tuple[tuple[Point, Change], ...]
    unfinished: Administration | None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    def point(self, occasion: Occasion) -> Point | None:
        """The result for a planned occasion (the latest one for ad hoc)."""
        found = [p for p in self.points if p.occasion == occasion]
        return found[-1] if found else None


def comparison_words(reference: Point, point: Point) -> str:
    """`From baseline (2 March) to end of programme (27 April 2026)`: what a change compares.

    The year is said once at the end when both days share it, and for each day
    when they do not.
    """
    first, last = reference.day, point.day
    same_year = first.year == last.year
    start = f"{first.day} {first:%B}" + ("" if same_year else f" {first.year}")
    end = f"{last.day} {last:%B %Y}"
    return f"From {_COMPARED[reference.occasion]} ({start}) to {_COMPARED[point.occasion]} ({end})"


# The occasions as a change names them ("from baseline to an extra result").
_COMPARED: Mapping[str, str] = {
    "pre": "baseline",
    "post": "end of programme",
    "followup": "follow-up",
    "adhoc": "an extra result",
}


def results(
    instrument: Instrument, administrations: Iterable[Administration]
) -> InstrumentResults:
    """The complete results of `instrument`, their changes, and any unfinished administration."""
    mine = sorted(
        (a for a in administrations if a.instrument == instrument.id), key=lambda a: (a.day, a.id)
    )
    unfinished = next((a for a in mine if not a.complete), None)
    complete = [a for a in mine if a.complete]
    # For each planned occasion the latest result counts (a retake replaces a slip).
    latest = {a.occasion: a for a in complete if a.occasion in PLANNED}
    kept = [a for a in complete if a.occasion == "adhoc" or latest.get(a.occasion) is a]
    points = tuple(
        Point(a.id, a.occasion, a.day, score(instrument, a.answer_list(instrument.item_count)))
        for a in kept
    )
    reference = next((p for p in points if p.occasion == "pre"), points[0] if points else None)
    changes = tuple(
        (p, change(instrument, reference.score, p.score))
        for p in points
        if reference is not None and p is not reference
    )
    return InstrumentResults(instrument, points, reference, changes, unfinished)


def derived_score(
    short_form: Instrument, parent: Instrument, administration: Administration
) -> Score | None:
    """A short form's score read off a complete parent form (SWEMWBS from WEMWBS), or None."""
    derived = short_form.derived_from
    if derived is None or derived.instrument != parent.id or not administration.complete:
        return None
    if administration.instrument != parent.id:
        return None
    answers = derived_answers(short_form, administration.answer_list(parent.item_count))
    return score(short_form, answers)


@dataclass(frozen=True)
class Practice:
    """Minutes of practice logged between two days (both included), per habit name."""

    first: dt.date
    last: dt.date
    minutes: Mapping[str, float]

    @property
    def line(self) -> str:
        """`120 minutes of meditation and 310 of walking`, or '' when nothing was logged."""
        parts = [(name, total) for name, total in self.minutes.items() if total > 0]
        if not parts:
            return ""
        words = [f"{_minutes(total)} minutes of {name.lower()}" for name, total in parts[:1]]
        words += [f"{_minutes(total)} of {name.lower()}" for name, total in parts[1:]]
        return listed(words)


def _minutes(total: float) -> str:
    return f"{total:,.0f}" if total >= 1 or total == 0 else f"{total:.1f}"


# A gentle pointer at very low wellbeing: not a diagnosis and never a label.
SUPPORT_POINTER = (
    "If things feel hard at the moment, you don't have to manage on your own. "
    "Your GP, NHS 111, Samaritans (116 123, free, day or night) and your programme "
    "coach are all there to help."
)
# How each shell links the pointer to the full Support page.
SUPPORT_KEY = "Press h for Support: who to contact, and when."
SUPPORT_COMMAND = "`companion support` lists who to contact, and when."


def needs_support_pointer(outcomes: Iterable[InstrumentResults]) -> bool:
    """Whether any instrument's latest result is below its gentle very-low marker.

    Non-diagnostic: True only means "offer the pointer to support".
    """
    return any(
        outcome.latest is not None and bool(is_very_low(outcome.instrument, outcome.latest.score))
        for outcome in outcomes
    )


def format_total(instrument: Instrument, value: float) -> str:
    """A total as shown on screen: two decimals, whole numbers for a plain sum (WEMWBS)."""
    return format_number(value, instrument.decimals)


def score_lines(instrument: Instrument, result: Score) -> list[str]:
    """The score in lines of plain text (the CLI prints them; the TUI lays them out itself)."""
    total = format_total(instrument, result.total)
    head = f"{instrument.short_name} total {total}"
    low, high = instrument.total_range
    span = f"{format_total(instrument, low)} to {format_total(instrument, high)}"
    if result.band is not None:
        head += f" ({result.band}, as a rough guide; {span})"
    elif result.raw is not None:
        raw_low = instrument.lowest_answer * instrument.item_count
        raw_high = instrument.highest_answer * instrument.item_count
        head += f" (metric score, {span}; raw score {result.raw} of {raw_low} to {raw_high})"
    else:
        head += f" ({span})"
    lines = [head]
    if result.subscales is not None:
        for subscale in instrument.subscales:
            value = format_total(instrument, result.subscales[subscale.id])
            lines.append(f"  {subscale.name:<40}{value}")
        lines.append("  Subscales are the mean of their items (1 to 5), shown unreversed:")
        lines.append("  higher self-judgment, isolation or over-identification means more of it.")
    if result.item_mean is not None:
        lines.append(f"  {'Older all-item mean':<40}{format_total(instrument, result.item_mean)}")
    if result.compassionate is not None:
        value = format_total(instrument, result.compassionate)
        lines.append(f"  {'Compassionate self-responding':<40}{value}")
    if result.uncompassionate_reversed is not None:
        value = format_total(instrument, result.uncompassionate_reversed)
        lines.append(f"  {'Reduced uncompassionate self-responding':<40}{value}")
    return lines
