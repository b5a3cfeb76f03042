"""Change between two occasions: its direction, whether it is reliable, whether it is meaningful.

Reliable change is Jacobson and Truax's criterion from the cited SD and
reliability (where none is cited, it is "unavailable", never invented);
meaningful change is the published figure (WEMWBS about 3 points, SWEMWBS
1.03 to 2.87). Sentences say what changed in plain words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from companion.domain.scales.instruments import Z_RELIABLE, Figure, Instrument, reliability_name
from companion.domain.scales.scoring import Score

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
    upper: Figure | None  # only for a published range (SWEMWBS 1.03 to 2.87 points)
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
        """Sentences to show, in order: what changed, reliable change, meaningful change.

        When nothing changed there is no change to call reliable or not, so
        reliability is not mentioned at all.
        """
        if self.direction == "same":
            return (self.summary, self.meaningful.words)
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
    or more points"; for the SWEMWBS range of 1.03 to 2.87 points (Shah et
    al.'s 1 and 2.77 SEM), reaching 2.87 is "reached" (the stricter standard)
    and reaching 1.03 but not 2.87 is "reached_lower_end". Either direction
    counts: a fall is described as plainly as a rise.
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
    assert figures.reliability is not None  # a threshold needs one
    # Say which reliability made the threshold: the retest would give another.
    words += f" That threshold uses the {reliability_name(figures.reliability)}."
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


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
