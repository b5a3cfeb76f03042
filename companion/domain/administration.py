"""Taking a scale: occasions, which one is due, administrations and results over time.

Pure: no I/O and no clock; callers pass `today` (a local date) in. The store
returns `Administration` objects; the TUI and CLI turn them into results here.

Decisions, so the TUI, CLI and docs can state them:
- Occasions: `pre` (baseline), `post` (end of programme), `followup` (the
  follow-up workshop) and `adhoc` (any other time).
- Which occasion a day suggests, from the participant's own schedule:
  `pre` until the end of week 1 (a baseline taken late is still the best
  baseline there is), `post` from the start of the final week (or the end
  session, if it was moved earlier) until the follow-up window opens,
  `followup` from a week before the follow-up workshop until four weeks after
  it, and `adhoc` at any other time. Once an instrument has a complete result
  for that occasion, a retake is suggested as `adhoc`.
- The measures the programme asks for are one self-compassion scale and one
  wellbeing scale: the SCS and WEMWBS, or the short forms if that is what the
  participant took first (so the end is compared like with like).
- Results: for pre, post and follow-up the latest complete administration
  counts; every ad hoc one is kept. Each later result is compared with the
  baseline (or, without one, with the earliest result).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from companion.domain.dates import long_date
from companion.domain.programme import Event
from companion.domain.scales import (
    AnswerError,
    Change,
    Instrument,
    Score,
    change,
    derived_answers,
    format_number,
    score,
)

Occasion = Literal["pre", "post", "followup", "adhoc"]
OCCASIONS: tuple[Occasion, ...] = get_args(Occasion)
# The occasions that hold one result each (ad hoc results are all kept).
PLANNED: tuple[Occasion, ...] = ("pre", "post", "followup")

OCCASION_NAMES: Mapping[str, str] = {
    "pre": "Baseline",
    "post": "End of programme",
    "followup": "Follow-up",
    "adhoc": "Extra",
}
# Short forms for tables and charts at 80 columns.
OCCASION_SHORT: Mapping[str, str] = {
    "pre": "Baseline",
    "post": "End",
    "followup": "Follow-up",
    "adhoc": "Extra",
}

Status = Literal["in-progress", "complete"]
STATUSES: tuple[Status, ...] = get_args(Status)

# Which instruments measure the same thing: the programme asks for one of each.
FAMILIES: tuple[tuple[str, ...], ...] = (("scs", "scs-sf"), ("wemwbs", "swemwbs"))

# How far back a completed paper form may be dated (a typing slip in the year
# is more likely than a form from years ago).
OLDEST_DAYS = 2 * 366

FOLLOWUP_BEFORE_DAYS = 7
FOLLOWUP_AFTER_DAYS = 28


def check_occasion(text: str) -> Occasion:
    """`pre`, `post`, `followup` or `adhoc` (also `baseline`, `end`, `follow-up`)."""
    word = text.strip().lower()
    aliases = {"baseline": "pre", "end": "post", "follow-up": "followup", "extra": "adhoc"}
    word = aliases.get(word, word)
    for occasion in OCCASIONS:
        if occasion == word:
            return occasion
    raise ValueError(
        f"there is no occasion {text!r}; choose pre (baseline), post (end of programme), "
        "followup or adhoc"
    )


def check_day(day: dt.date, today: dt.date) -> dt.date:
    """The day a scale was answered: not in the future, not more than two years ago."""
    if day > today:
        raise ValueError(f"{long_date(day)} is in the future; give the day the form was answered")
    if (today - day).days > OLDEST_DAYS:
        raise ValueError(f"{long_date(day)} is more than two years ago; check the year")
    return day


# ---------------------------------------------------------------- administrations


@dataclass(frozen=True)
class Administration:
    """One time a participant took (or is taking) a scale.

    `answers` maps item number to the answer (1..5); an unfinished
    administration holds the answers given so far.
    """

    id: int
    instrument: str
    occasion: Occasion
    day: dt.date
    status: Status
    answers: Mapping[int, int]

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    def answer_list(self, item_count: int) -> list[int | None]:
        """Answers in item order, None where an item has no answer yet."""
        return [self.answers.get(item) for item in range(1, item_count + 1)]

    def first_unanswered(self, item_count: int) -> int | None:
        """The lowest item number without an answer, or None when all are answered."""
        for item in range(1, item_count + 1):
            if item not in self.answers:
                return item
        return None

    @property
    def where(self) -> str:
        """`Baseline, Thursday 26 November 2026`."""
        return f"{OCCASION_NAMES[self.occasion]}, {long_date(self.day)}"


def check_item(instrument: Instrument, item: object) -> int:
    """An item number of `instrument` (1..n); ValueError otherwise."""
    if type(item) is not int or not 1 <= item <= instrument.item_count:
        raise ValueError(
            f"{instrument.short_name} has items 1 to {instrument.item_count}; {item!r} is not one"
        )
    return item


def check_answer(instrument: Instrument, item: int, value: object) -> int:
    """One answer: a whole number 1..5 (bool is not a number here); AnswerError names the item."""
    low, high = instrument.lowest_answer, instrument.highest_answer
    if type(value) is not int:
        raise AnswerError(
            f"{instrument.short_name} item {item}: {value!r} is not a whole number "
            f"from {low} to {high}",
            item=item,
        )
    if not low <= value <= high:
        raise AnswerError(
            f"{instrument.short_name} item {item}: {value} is outside {low} to {high}", item=item
        )
    return value


# ---------------------------------------------------------------- which occasion is due


@dataclass(frozen=True)
class Window:
    """The days an occasion is suggested on (both ends included)."""

    occasion: Occasion
    first: dt.date
    last: dt.date


def windows(start: dt.date, weeks: int, events: Sequence[Event]) -> tuple[Window, ...]:
    """The pre, post and follow-up windows of a participant's schedule."""
    final_week = start + dt.timedelta(weeks=weeks - 1)
    end_days = [e.day for e in events if e.kind == "end"]
    post_first = min([final_week, *end_days])
    followup = next((e.day for e in events if e.kind == "followup"), None)
    if followup is None:
        post_last = final_week + dt.timedelta(days=6 + FOLLOWUP_AFTER_DAYS)
        found: list[Window] = []
    else:
        followup_first = followup - dt.timedelta(days=FOLLOWUP_BEFORE_DAYS)
        post_last = followup_first - dt.timedelta(days=1)
        found = [
            Window("followup", followup_first, followup + dt.timedelta(days=FOLLOWUP_AFTER_DAYS))
        ]
    baseline_days = [e.day for e in events if e.kind == "baseline"]
    pre_last = max([start + dt.timedelta(days=6), *baseline_days])
    return (
        Window("pre", dt.date.min, pre_last),
        Window("post", post_first, max(post_first, post_last)),
        *found,
    )


def window_occasion(
    start: dt.date, weeks: int, events: Sequence[Event], today: dt.date
) -> Window | None:
    """The planned occasion whose window `today` falls in, or None (an ad hoc day)."""
    for window in windows(start, weeks, events):
        if window.first <= today <= window.last:
            return window
    return None


def suggest_occasion(
    start: dt.date,
    weeks: int,
    events: Sequence[Event],
    today: dt.date,
    done: Iterable[str] = (),
) -> Occasion:
    """The occasion to offer first for a new administration of one instrument.

    `done` holds the occasions that instrument already has a complete result for.
    """
    window = window_occasion(start, weeks, events, today)
    if window is None or window.occasion in set(done):
        return "adhoc"
    return window.occasion


def battery(administrations: Iterable[Administration]) -> tuple[str, ...]:
    """The instruments the programme asks for: one of each family, as first taken.

    The SCS and WEMWBS unless the participant's earliest complete result in a
    family is the short form.
    """
    ordered = sorted((a for a in administrations if a.complete), key=lambda a: (a.day, a.id))
    chosen = []
    for family in FAMILIES:
        first = next((a.instrument for a in ordered if a.instrument in family), family[0])
        chosen.append(first)
    return tuple(chosen)


@dataclass(frozen=True)
class Due:
    """Measures due now: the occasion, which instruments still need it, until when."""

    occasion: Occasion
    instruments: tuple[str, ...]
    last_day: dt.date

    @property
    def name(self) -> str:
        """`Baseline measures`, `End-of-programme measures`, `Follow-up measures`."""
        return {
            "pre": "Baseline measures",
            "post": "End-of-programme measures",
            "followup": "Follow-up measures",
        }.get(self.occasion, "Measures")


def due(
    start: dt.date,
    weeks: int,
    events: Sequence[Event],
    today: dt.date,
    administrations: Sequence[Administration],
) -> Due | None:
    """What is due today, or None when nothing is (the Today card then stays hidden)."""
    window = window_occasion(start, weeks, events, today)
    if window is None:
        return None
    complete = {(a.instrument, a.occasion) for a in administrations if a.complete}
    wanted = tuple(i for i in battery(administrations) if (i, window.occasion) not in complete)
    if not wanted:
        return None
    return Due(window.occasion, wanted, window.last)


# ---------------------------------------------------------------- results over time


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


# ---------------------------------------------------------------- practice between occasions


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
        if len(words) == 1:
            return words[0]
        return ", ".join(words[:-1]) + " and " + words[-1]


def practice_between(
    totals: Mapping[str, Mapping[dt.date, float]], first: dt.date, last: dt.date
) -> Practice:
    """Sum each habit's daily minutes from `first` to `last` (both included)."""
    return Practice(
        first,
        last,
        {
            name: sum(value for day, value in days.items() if first <= day <= last)
            for name, days in totals.items()
        },
    )


def _minutes(total: float) -> str:
    return f"{total:,.0f}" if total >= 1 or total == 0 else f"{total:.1f}"


# ---------------------------------------------------------------- words for a score

# A gentle pointer at very low wellbeing: not a diagnosis and never a label.
SUPPORT_POINTER = (
    "If things feel hard at the moment, you don't have to manage on your own. "
    "Your GP, NHS 111, Samaritans (116 123, free, day or night) and your programme "
    "coach are all there to help."
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
