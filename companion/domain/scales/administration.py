"""Taking a scale: occasions, which one is due, and administrations.

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
from companion.domain.errors import Invalid
from companion.domain.programme import Event
from companion.domain.scales.instruments import Instrument
from companion.domain.scales.scoring import ItemAnswerError

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
    raise Invalid(
        f"there is no occasion {text!r}; choose pre (baseline), post (end of programme), "
        "followup or adhoc"
    )


def check_day(day: dt.date, today: dt.date) -> dt.date:
    """The day a scale was answered: not in the future, not more than two years ago."""
    if day > today:
        raise Invalid(f"{long_date(day)} is in the future; give the day the form was answered")
    if (today - day).days > OLDEST_DAYS:
        raise Invalid(f"{long_date(day)} is more than two years ago; check the year")
    return day


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
    """An item number of `instrument` (1..n); Invalid otherwise."""
    if type(item) is not int or not 1 <= item <= instrument.item_count:
        raise Invalid(
            f"{instrument.short_name} has items 1 to {instrument.item_count}; {item!r} is not one"
        )
    return item


def check_item_answer(instrument: Instrument, item: int, value: object) -> int:
    """One answer, a whole number 1..5 (bool is not one here); ItemAnswerError names the item."""
    low, high = instrument.lowest_answer, instrument.highest_answer
    if type(value) is not int:
        raise ItemAnswerError(
            f"{instrument.short_name} item {item}: {value!r} is not a whole number "
            f"from {low} to {high}",
            item=item,
        )
    if not low <= value <= high:
        raise ItemAnswerError(
            f"{instrument.short_name} item {item}: {value} is outside {low} to {high}", item=item
        )
    return value


@dataclass(frozen=True)
class Window:
    """The days an occasion is suggested on (both ends included)."""

    occasion: Occasion
    first: dt.date
    last: dt.date


def windows(
    start: dt.date, weeks: int, events: Sequence[Event], joined: dt.date | None = None
) -> tuple[Window, ...]:
    """The pre, post and follow-up windows of a participant's schedule.

    Someone who `joined` (set the programme up) after its baseline day could
    not take the baseline then: their baseline window stays open until the
    end window opens, so the measures they take first are their baseline.
    """
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
    if joined_late(events, joined):
        pre_last = max(pre_last, post_first - dt.timedelta(days=1))
    return (
        Window("pre", dt.date.min, pre_last),
        Window("post", post_first, max(post_first, post_last)),
        *found,
    )


def joined_late(events: Sequence[Event], joined: dt.date | None) -> bool:
    """Whether the programme was set up after its baseline day (see `windows`)."""
    baseline = next((e.day for e in events if e.kind == "baseline"), None)
    return joined is not None and baseline is not None and joined > baseline


def early_end(start: dt.date, weeks: int, events: Sequence[Event], day: dt.date) -> dt.date | None:
    """The planned day of the end measures, when `day` comes before the end window opens.

    An "End of programme" result taken weeks early is more likely a slip
    (baseline or extra was meant) than a choice, and it would stand in every
    change from the baseline: the TUI and CLI ask before recording it. None
    when `day` is in or after the window (nothing to ask).
    """
    post = next(w for w in windows(start, weeks, events) if w.occasion == "post")
    if day >= post.first:
        return None
    return next((e.day for e in events if e.kind == "end"), post.first)


def early_end_question(planned: dt.date) -> str:
    """What to ask before recording an end result early (see `early_end`)."""
    return f"The end measures are planned for {long_date(planned)}; record as end anyway?"


def window_occasion(
    start: dt.date,
    weeks: int,
    events: Sequence[Event],
    today: dt.date,
    joined: dt.date | None = None,
) -> Window | None:
    """The planned occasion whose window `today` falls in, or None (an ad hoc day)."""
    for window in windows(start, weeks, events, joined):
        if window.first <= today <= window.last:
            return window
    return None


def suggest_occasion(
    start: dt.date,
    weeks: int,
    events: Sequence[Event],
    today: dt.date,
    done: Iterable[str] = (),
    joined: dt.date | None = None,
) -> Occasion:
    """The occasion to offer first for a new administration of one instrument.

    `done` holds the occasions that instrument already has a complete result for.
    """
    window = window_occasion(start, weeks, events, today, joined)
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
    late: bool = False  # a baseline taken late, by someone who joined after its day

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
    joined: dt.date | None = None,
) -> Due | None:
    """What is due today, or None when nothing is (the Today card then stays hidden)."""
    window = window_occasion(start, weeks, events, today, joined)
    if window is None:
        return None
    complete = {(a.instrument, a.occasion) for a in administrations if a.complete}
    wanted = tuple(i for i in battery(administrations) if (i, window.occasion) not in complete)
    if not wanted:
        return None
    baseline_days = [e.day for e in events if e.kind == "baseline"]
    late = window.occasion == "pre" and joined_late(events, joined)
    late = late and all(today > day for day in baseline_days)
    return Due(window.occasion, wanted, window.last, late)
