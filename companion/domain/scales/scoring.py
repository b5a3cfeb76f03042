"""Self-report scales: scoring a set of answers, and change between two occasions.

Pure: dataclasses and functions, no I/O. The instrument keys themselves (what
an instrument is, and validating its key file) are in
`companion.domain.scales.instruments`; every public name there is importable from
here too. Item wording never lives in the package (it is the authors' copyright).

Scoring follows DESIGN.md ("Scales"):

- SCS-26: subscale = mean of its items, reported unreversed; total = mean of the
  six subscale means after reversing the three negative ones; the older
  all-item mean is kept as `item_mean`; compassionate and reduced
  uncompassionate self-responding are secondary, descriptive scores.
- SCS-SF-12: total = mean of the 12 items after reversing; no subscale scores.
- WEMWBS-14: sum. SWEMWBS-7: raw sum converted to the metric score by table.

Arithmetic is exact (`fractions.Fraction`) and each reported number is the
correctly rounded float of the exact value, so results do not depend on the
order in which items are added.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

from companion.domain.errors import Invalid
from companion.domain.scales.instruments import Z_RELIABLE, Figure, Instrument

Direction = Literal["up", "down", "same"]
ReliableStatus = Literal["reliable", "not_reliable", "unavailable"]
# "reached": the published figure (or, for a range, its upper end) is reached;
# "reached_lower_end": only the lower end of a published range is reached.
MeaningfulStatus = Literal["reached", "reached_lower_end", "not_reached", "unavailable"]

# Differences of two totals carry float noise (23.21 - 20.73 = 2.4800000000000004);
# totals have at most a few significant decimals, so ten places keep all meaning.
_DIFFERENCE_PLACES = 10
# Compare a difference with a published figure without float noise deciding it.
_TOLERANCE = 1e-9


class ItemAnswerError(Invalid):
    """A set of answers cannot be scored; the message says which item and why."""

    def __init__(self, message: str, item: int | None = None) -> None:
        super().__init__(message)
        self.item = item


# ---------------------------------------------------------------- answers and scores


def check_item_answers(instrument: Instrument, answers: Sequence[object]) -> tuple[int, ...]:
    """The answers as a tuple of ints, or ItemAnswerError naming the first item that is wrong.

    Exactly one whole number per item, within the response range: no score
    from an incomplete set. Refuses bool, float (including NaN), str and None.
    """
    name = instrument.short_name
    low, high = instrument.lowest_answer, instrument.highest_answer
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise ItemAnswerError(f"{name}: answers must be a list with one number per item")
    count = len(answers)
    if count < instrument.item_count:
        raise ItemAnswerError(
            f"{name} needs {instrument.item_count} answers, got {count}: "
            f"item {count + 1} has no answer (no score from an incomplete set)",
            item=count + 1,
        )
    if count > instrument.item_count:
        raise ItemAnswerError(
            f"{name} has {instrument.item_count} items but got {count} answers: there is "
            f"no item {instrument.item_count + 1}; check for an extra answer",
            item=instrument.item_count + 1,
        )
    values = []
    for number, answer in enumerate(answers, start=1):
        if answer is None:
            raise ItemAnswerError(
                f"{name} item {number} has no answer; every item needs one from {low} to {high}",
                item=number,
            )
        if type(answer) is not int:  # bool (True is 1) and int subclasses are refused too
            raise ItemAnswerError(
                f"{name} item {number}: {answer!r} is not a whole number from {low} to {high}",
                item=number,
            )
        if not low <= answer <= high:
            raise ItemAnswerError(
                f"{name} item {number}: {answer} is outside {low} to {high}", item=number
            )
        values.append(int(answer))
    return tuple(values)


def derived_answers(
    instrument: Instrument, parent_answers: Sequence[object]
) -> tuple[object, ...]:
    """Pick a short form's answers out of its parent's (SWEMWBS from a WEMWBS form).

    The result still goes through `score`, which checks each value.
    """
    derived = instrument.derived_from
    if derived is None:
        raise ValueError(f"{instrument.short_name} is not derived from another instrument")
    if len(parent_answers) < max(derived.items):
        raise ItemAnswerError(
            f"{instrument.short_name} needs items {_list(derived.items)} of {derived.instrument}; "
            f"got {len(parent_answers)} answers",
            item=len(parent_answers) + 1,
        )
    return tuple(parent_answers[item - 1] for item in derived.items)


@dataclass(frozen=True)
class Score:
    """The result of scoring one complete set of answers.

    `total` is the headline score (the SWEMWBS metric score; the WEMWBS sum).
    SCS only: `item_mean`, `subscales` (unreversed means, keyed by subscale id),
    `compassionate`, `uncompassionate_reversed`. SWEMWBS only: `raw` (7-35).
    """

    instrument: str
    total: float
    band: str | None = None
    raw: int | None = None
    item_mean: float | None = None
    subscales: Mapping[str, float] | None = None
    compassionate: float | None = None
    uncompassionate_reversed: float | None = None

    def as_json(self) -> dict[str, Any]:
        """The score as `companion scales score --json` prints it (full precision)."""
        out: dict[str, Any] = {
            "instrument": self.instrument,
            "total": self.total,
            "band": self.band,
        }
        if self.item_mean is not None:
            out["item_mean"] = self.item_mean
        if self.subscales is not None:
            out["subscales"] = dict(self.subscales)
        if self.compassionate is not None:
            out["compassionate"] = self.compassionate
        if self.uncompassionate_reversed is not None:
            out["uncompassionate_reversed"] = self.uncompassionate_reversed
        if self.raw is not None:
            out["raw"] = self.raw
        return out


def score(instrument: Instrument, answers: Sequence[object]) -> Score:
    """Score a complete set of answers (item order) by the instrument's rule.

    Raises ItemAnswerError when the answers are incomplete or not whole numbers 1..5.
    """
    values = check_item_answers(instrument, answers)
    # Reversal maps 1<->5, 2<->4, 3 stays: x -> (lowest + highest) - x, i.e. 6 - x.
    top = instrument.lowest_answer + instrument.highest_answer
    reversed_items = set(instrument.reversed_items)
    oriented = [top - v if n in reversed_items else v for n, v in enumerate(values, start=1)]
    if instrument.scoring == "mean_of_subscale_means":
        return _score_subscales(instrument, values, oriented, top)
    if instrument.scoring == "mean_of_items":
        total = _mean(oriented)
        return Score(instrument.id, float(total), _band(instrument, float(total)))
    raw_total = sum(oriented)
    if instrument.scoring == "sum":
        return Score(instrument.id, raw_total, _band(instrument, raw_total))
    assert instrument.conversion is not None  # checked when the key was built
    metric = instrument.conversion[raw_total]
    return Score(instrument.id, metric, _band(instrument, metric), raw=raw_total)


def _score_subscales(
    instrument: Instrument, values: Sequence[int], oriented: Sequence[int], top: int
) -> Score:
    means = {s.id: _mean(values[i - 1] for i in s.items) for s in instrument.subscales}
    positive = [means[s.id] for s in instrument.subscales if not s.negative]
    negative_reversed = [top - means[s.id] for s in instrument.subscales if s.negative]
    total = float(_mean(positive + negative_reversed))
    return Score(
        instrument=instrument.id,
        total=total,
        band=_band(instrument, total),
        item_mean=float(_mean(oriented)),
        subscales=MappingProxyType({key: float(value) for key, value in means.items()}),
        compassionate=float(_mean(positive)),
        uncompassionate_reversed=float(_mean(negative_reversed)),
    )


def _mean(values: Iterable[int | Fraction]) -> Fraction:
    items = [Fraction(v) for v in values]
    return sum(items, Fraction(0)) / len(items)


def _band(instrument: Instrument, total: float) -> str | None:
    return instrument.bands.band(total) if instrument.bands is not None else None


def is_very_low(instrument: Instrument, total: float | Score) -> bool | None:
    """Whether a total is below the instrument's gentle very-low marker; None if it has none.

    Non-diagnostic: a True answer means "offer a pointer to support", nothing more.
    """
    if instrument.very_low is None:
        return None
    value = total.total if isinstance(total, Score) else total
    return value < instrument.very_low.threshold


# ---------------------------------------------------------------- change


@dataclass(frozen=True)
class ReliableChange:
    """Whether a change is larger than measurement error alone would explain."""

    status: ReliableStatus
    threshold: float | None  # in score points; None when unavailable
    index: float | None  # the RCI: change / S_diff
    sd: Figure | None
    reliability: Figure | None
    words: str

    def as_json(self) -> dict[str, Any]:
        """Plain data for `--json` output."""
        return {
            "status": self.status,
            "threshold": self.threshold,
            "index": self.index,
            "sd": _figure_json(self.sd),
            "reliability": _figure_json(self.reliability),
            "words": self.words,
        }


@dataclass(frozen=True)
class MeaningfulChange:
    """Whether a change reaches the published meaningful change."""

    status: MeaningfulStatus
    lower: Figure | None
    upper: Figure | None  # only for a published range (SWEMWBS 1 to 3 points)
    words: str

    def as_json(self) -> dict[str, Any]:
        """Plain data for `--json` output."""
        return {
            "status": self.status,
            "lower": _figure_json(self.lower),
            "upper": _figure_json(self.upper),
            "words": self.words,
        }


@dataclass(frozen=True)
class Change:
    """The change in total between two occasions of the same instrument."""

    instrument: str
    before: float
    after: float
    difference: float  # after - before
    direction: Direction
    reliable: ReliableChange
    meaningful: MeaningfulChange
    summary: str

    @property
    def words(self) -> tuple[str, ...]:
        """Sentences to show, in order: what changed, reliable change, meaningful change."""
        return (self.summary, self.reliable.words, self.meaningful.words)

    def as_json(self) -> dict[str, Any]:
        """Plain data for `--json` output (full precision)."""
        return {
            "instrument": self.instrument,
            "before": self.before,
            "after": self.after,
            "difference": self.difference,
            "direction": self.direction,
            "reliable": self.reliable.as_json(),
            "meaningful": self.meaningful.as_json(),
            "summary": self.summary,
        }


def change(instrument: Instrument, before: Score | float, after: Score | float) -> Change:
    """Compare two totals of `instrument`: difference, reliable and meaningful change, in words.

    Reliable change is |difference| > the Jacobson-Truax threshold (strictly).
    Meaningful change is |difference| >= the published figure: WEMWBS "about 3
    or more points"; for the SWEMWBS range of 1 to 3 points, reaching 3 is
    "reached" (the stricter standard) and reaching 1 but not 3 is
    "reached_lower_end". Either direction counts: a fall is described as
    plainly as a rise.
    """
    first = _total_of(instrument, before)
    second = _total_of(instrument, after)
    difference = round(second - first, _DIFFERENCE_PLACES)
    if difference == 0:
        difference = 0.0  # never "-0.0" in JSON
    direction: Direction = "up" if difference > 0 else "down" if difference < 0 else "same"
    return Change(
        instrument=instrument.id,
        before=first,
        after=second,
        difference=difference,
        direction=direction,
        reliable=_reliable(instrument, difference),
        meaningful=_meaningful(instrument, difference),
        summary=_summary(instrument, first, second, difference),
    )


def _total_of(instrument: Instrument, value: Score | float) -> float:
    if isinstance(value, Score):
        if value.instrument != instrument.id:
            raise ValueError(f"a {value.instrument} score cannot be compared on {instrument.id}")
        return value.total
    if not _is_number(value):
        raise ValueError(f"{value!r} is not a total")
    return float(value)


def _reliable(instrument: Instrument, difference: float) -> ReliableChange:
    figures = instrument.change
    threshold = figures.reliable_threshold
    if threshold is None:
        reason = figures.reliable_unavailable or "A reliable-change figure is not available."
        return ReliableChange("unavailable", None, None, figures.sd, figures.reliability, reason)
    index = difference / (threshold / Z_RELIABLE)
    size = abs(difference)
    limit = _points(threshold)
    if size > threshold:
        words = (
            f"It is larger than {limit}, the most that measurement error alone "
            "would usually explain, so it is a reliable change."
        )
        status: ReliableStatus = "reliable"
    elif size == 0:
        words = f"Reliable change needs a difference of more than {limit}."
        status = "not_reliable"
    else:
        words = (
            f"It is within {limit}, the range that measurement error alone can explain, "
            "so it is not yet a reliable change."
        )
        status = "not_reliable"
    return ReliableChange(status, threshold, index, figures.sd, figures.reliability, words)


def _meaningful(instrument: Instrument, difference: float) -> MeaningfulChange:
    figures = instrument.change
    lower, upper = figures.meaningful_lower, figures.meaningful_upper
    if lower is None:
        reason = figures.meaningful_unavailable or "No published meaningful change is available."
        return MeaningfulChange("unavailable", None, None, reason)
    size = abs(difference)
    source = instrument.source(lower.source).short
    if upper is None:
        figure = _points(lower.value)
        if size == 0:
            words = f"A change of {figure} or more is published as meaningful ({source})."
            return MeaningfulChange("not_reached", lower, None, words)
        if size >= lower.value - _TOLERANCE:
            words = f"It reaches the {figure} published as a meaningful change ({source})."
            return MeaningfulChange("reached", lower, None, words)
        words = f"It is smaller than the {figure} published as a meaningful change ({source})."
        return MeaningfulChange("not_reached", lower, None, words)
    span = f"{_number_words(lower.value)} to {_points(upper.value)}"
    if size == 0:
        words = f"A change of {span} is published as meaningful ({source})."
        return MeaningfulChange("not_reached", lower, upper, words)
    if size >= upper.value - _TOLERANCE:
        words = (
            f"It reaches the stricter upper end of the {span} published as a meaningful "
            f"change ({source})."
        )
        return MeaningfulChange("reached", lower, upper, words)
    if size >= lower.value - _TOLERANCE:
        words = (
            f"It reaches the lower end of the {span} published as a meaningful change "
            f"({source}), though not the stricter upper end."
        )
        return MeaningfulChange("reached_lower_end", lower, upper, words)
    words = f"It is smaller than the {span} published as a meaningful change ({source})."
    return MeaningfulChange("not_reached", lower, upper, words)


def format_number(value: float, places: int) -> str:
    """`value` to `places` decimals, rounding halves up as people do (3.925 -> 3.93).

    Rounds the shortest decimal form of the float, so a total that is exactly
    3.925 is not shown as 3.92 because its binary form is a hair below.
    """
    quantum = Decimal(1).scaleb(-places)
    return str(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def _summary(instrument: Instrument, before: float, after: float, difference: float) -> str:
    name, places = instrument.short_name, instrument.decimals
    start, end = format_number(before, places), format_number(after, places)
    if difference == 0:
        return f"Your {name} score is the same on both occasions ({start})."
    # The size said is the difference of the numbers shown, so the sentence adds up.
    shown = abs(Decimal(end) - Decimal(start))
    size = _points(float(shown), places) if shown else f"less than {_points(10**-places)}"
    if difference > 0:
        return f"Your {name} score went from {start} to {end}, a rise of {size}."
    # A lower score is information, not a verdict: say so, gently.
    return (
        f"Your {name} score went from {start} to {end}, a fall of {size}. "
        "Scores move with what is going on in life; your coach is glad to talk it through."
    )


def _number_words(value: float) -> str:
    """A published figure as people write it: 3, 0.5, 7.45 (at most two decimals)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _points(value: float, places: int | None = None) -> str:
    text = _number_words(value) if places is None else f"{value:.{places}f}"
    return f"{text} point" if text == "1" else f"{text} points"


def _figure_json(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "id": figure.id,
        "value": figure.value,
        "source": figure.source,
        "text": figure.text,
        "evidence": figure.evidence,
    }


def _list(items: Sequence[int]) -> str:
    return ", ".join(str(i) for i in items)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
