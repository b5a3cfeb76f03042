"""Self-report scales: scoring a complete set of answers.

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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from companion.domain.errors import Invalid
from companion.domain.scales.instruments import Instrument
from companion.domain.user_text import quoted


class ItemAnswerError(Invalid):
    """A set of answers cannot be scored; the message says which item and why."""

    def __init__(self, message: str, item: int | None = None) -> None:
        super().__init__(message)
        self.item = item


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
                f"{name} item {number}: {_shown(answer)} is not a whole number "
                f"from {low} to {high}",
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


def _list(items: Sequence[int]) -> str:
    return ", ".join(str(i) for i in items)


def _shown(answer: object) -> str:
    """A wrong answer as a message shows it: text quoted and cut short, anything else as is."""
    return quoted(answer) if isinstance(answer, str) else repr(answer)
