"""Instrument keys: what an instrument is, declared once as the key file's format and the model.

The keys are data files (`companion/content/instruments/*.toml`, read by
`companion.content.instruments`), checked on load against the declarations
here (see `companion.domain.declared`). Only scoring facts live in the
package: item numbers, subscales, reversed items, response labels and
published figures with their sources. Item wording never does (it is the
authors' copyright). The keys are scoring facts, so a facilitator's content
folder cannot override them.

Scoring, answers and change live in `companion.domain.scales`, which also
re-exports every public name here.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Annotated, Literal

import msgspec

from companion.domain.declared import Declared, Id, Line, Text
from companion.domain.errors import NotFound

ScoringRule = Literal["mean_of_subscale_means", "mean_of_items", "sum", "sum_then_metric"]
FigureKind = Literal[
    "mean",
    "median",
    "sd",
    "alpha",
    "retest",
    "sem",
    "correlation",
    "meaningful_change",
    "threshold",
]
RELIABILITY_KINDS = frozenset({"alpha", "retest"})
POSITIVE_KINDS = frozenset({"sd", "sem", "meaningful_change", "threshold"})

# Evidence marks as in shared/instruments.md: V seen in the cited source, V2 seen
# in two or more agreeing sources, C computed from verified inputs, U not verified.
Evidence = Literal["V", "V2", "C", "U"]
# The marks in words, for people: the letters are the research notes' shorthand.
EVIDENCE_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "V": "checked in the source",
        "V2": "checked in two or more agreeing sources",
        "C": "computed from checked figures",
        "U": "not checked, so never used for a result",
    }
)

# The Jacobson-Truax criterion: two-tailed p < .05.
Z_RELIABLE = 1.96

Key = Annotated[
    str,
    msgspec.Meta(
        pattern=r"\A[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*\Z",
        description="lower-case letters and digits joined by hyphens or underscores",
    ),
]
SourceKey = Annotated[
    str, msgspec.Meta(pattern=r"\A[A-Za-z][A-Za-z0-9_-]*\Z", description="a key such as S27")
]
Item = Annotated[int, msgspec.Meta(ge=1, le=200)]
Number = Annotated[float, msgspec.Meta(ge=-1e6, le=1e6, description="a number")]  # no inf, nan
RawTotal = Annotated[str, msgspec.Meta(pattern=r"\A[0-9]+\Z", description="a raw total")]


class UnknownInstrumentError(NotFound):
    """No instrument has the id that was asked for."""


class Source(Declared, frozen=True):
    """Where figures come from (`[sources.S27]`): a short name and a full reference."""

    short: Text
    full: Text


class Figure(Declared, frozen=True):
    """One published (or computed) number with its source."""

    id: Key
    kind: FigureKind
    value: Number
    source: SourceKey  # a key of Instrument.sources
    text: Text  # what the figure is, in a sentence
    evidence: Evidence
    sample: Text | None = None
    n: Annotated[int, msgspec.Meta(ge=1)] | None = None
    interval: Line | None = None  # a retest's interval, as in "the one-week retest"

    def __post_init__(self) -> None:
        if self.kind in RELIABILITY_KINDS and not 0 < self.value < 1:
            raise ValueError(f"value: expected a reliability between 0 and 1, got {self.value}")
        if self.kind in POSITIVE_KINDS and self.value <= 0:
            raise ValueError(f"value: expected a number above 0 for a {self.kind}")


class ResponseOption(Declared, frozen=True):
    """One answer point on the form; `label` is None where the form leaves it unlabelled."""

    value: int
    label: Line | None = None

    @property
    def display(self) -> str:
        """`1 = Almost never`, or just `2` for an unlabelled point."""
        return f"{self.value} = {self.label}" if self.label else str(self.value)


class Subscale(Declared, frozen=True):
    """A group of items; `negative` subscales are reversed when forming the total.

    A positive subscale may name its `opposite` (self-kindness and
    self-judgment): the profile shows each beside the other. A pair may name
    the programme `component` it measures (the `[components]` of
    programme.toml): Progress shows the pair beside that component's worksheet.
    """

    id: Key
    name: Line
    direction: Literal["positive", "negative"]
    items: Annotated[tuple[Item, ...], msgspec.Meta(min_length=1)]
    opposite: Key | None = None
    component: Id | None = None

    @property
    def negative(self) -> bool:
        return self.direction == "negative"


class Bands(Declared, frozen=True):
    """Interpretation bands: `labels[i]` applies below `cuts[i]`.

    Each cut belongs to the band above it.
    """

    cuts: Annotated[tuple[Number, ...], msgspec.Meta(min_length=1)]
    labels: tuple[Line, ...]
    source: SourceKey
    text: Text

    def __post_init__(self) -> None:
        if any(b <= a for a, b in itertools.pairwise(self.cuts)):
            raise ValueError("cuts: expected numbers that rise")
        if len(self.labels) != len(self.cuts) + 1:
            raise ValueError(
                f"labels: expected {len(self.cuts) + 1} (one more than the cuts), "
                f"got {len(self.labels)}"
            )

    def band(self, total: float) -> str:
        """The band a total falls in (low < 2.5 <= moderate < 3.5 <= high for the SCS)."""
        for cut, label in zip(self.cuts, self.labels, strict=False):
            if total < cut:
                return label
        return self.labels[-1]


class ChangeKeys(Declared, frozen=True):
    """`[change]` as written: the ids of the figures behind change, or why there are none."""

    sd: Key | None = None
    reliability: Key | None = None
    # Another published reliability, named so the text can say what the
    # threshold would be with it (WEMWBS: the one-week retest beside alpha).
    other_reliability: Key | None = None
    reliable_unavailable: Text | None = None
    meaningful_lower: Key | None = None
    meaningful_upper: Key | None = None
    meaningful_unavailable: Text | None = None


class VeryLowKeys(Declared, frozen=True):
    """`[very_low]` as written: the ids of the mean and SD figures, and how far below."""

    mean: Key
    sd: Key
    sds_below: Annotated[float, msgspec.Meta(gt=0, le=10)]
    source: SourceKey
    text: Text


class DerivedFrom(Declared, frozen=True):
    """A short form made of some items of a longer one (SWEMWBS from WEMWBS)."""

    instrument: Key
    items: Annotated[tuple[Item, ...], msgspec.Meta(min_length=1)]


class ChangeFigures(msgspec.Struct, frozen=True):
    """The cited figures behind reliable and meaningful change, or why there are none."""

    sd: Figure | None
    reliability: Figure | None
    reliable_unavailable: str | None
    meaningful_lower: Figure | None
    meaningful_upper: Figure | None
    meaningful_unavailable: str | None
    other_reliability: Figure | None = None

    @property
    def reliable_threshold(self) -> float | None:
        """The Jacobson-Truax threshold in score points, when an SD and reliability are cited."""
        if self.sd is None or self.reliability is None:
            return None
        return reliable_change_threshold(self.sd.value, self.reliability.value)

    @property
    def other_threshold(self) -> float | None:
        """The threshold the same SD would give with `other_reliability`, for comparison."""
        if self.sd is None or self.other_reliability is None:
            return None
        return reliable_change_threshold(self.sd.value, self.other_reliability.value)


class VeryLow(msgspec.Struct, frozen=True):
    """A gentle, non-diagnostic marker for very low wellbeing: `sds_below` SDs under the mean.

    Used only to offer a pointer to support, never to label anyone.
    """

    mean: Figure
    sd: Figure
    sds_below: float
    source: str
    text: str

    @property
    def threshold(self) -> float:
        """Totals strictly below this are "very low"."""
        return self.mean.value - self.sds_below * self.sd.value


class Instrument(Declared, frozen=True, kw_only=True, dict=True):
    """A validated instrument key: everything needed to administer by number and to score."""

    id: Key
    name: Line
    short_name: Line
    higher_means: Line  # said above the results: "more self-compassion"
    citation: Text
    licence: Text
    copyright: Text | None = None  # the notice that must accompany the form, where required
    recall: Text
    item_count: Annotated[int, msgspec.Meta(ge=1, le=200)] = msgspec.field(name="items")
    responses: tuple[ResponseOption, ...] = msgspec.field(name="response")
    subscales: tuple[Subscale, ...] = msgspec.field(name="subscale", default=())
    reversed_items: tuple[Item, ...] = msgspec.field(name="reversed")
    scoring: ScoringRule
    scoring_note: Text
    conversion_table: dict[RawTotal, Number] | None = msgspec.field(
        name="conversion", default=None
    )
    bands: Bands | None = None
    sources: Annotated[dict[SourceKey, Source], msgspec.Meta(min_length=1)]
    figures: tuple[Figure, ...] = msgspec.field(name="figure", default=())
    change_keys: ChangeKeys = msgspec.field(name="change")
    very_low_keys: VeryLowKeys | None = msgspec.field(name="very_low", default=None)
    very_low_unavailable: Text | None = None
    derived_from: DerivedFrom | None = None

    def __post_init__(self) -> None:
        from companion.domain.scales.key_rules import check_key

        msgspec.structs.force_setattr(self, "reversed_items", tuple(sorted(self.reversed_items)))
        check_key(self)

    @functools.cached_property
    def change(self) -> ChangeFigures:
        """The figures behind reliable and meaningful change, or why there are none."""
        keys = self.change_keys
        return ChangeFigures(
            self._cited(keys.sd),
            self._cited(keys.reliability),
            keys.reliable_unavailable,
            self._cited(keys.meaningful_lower),
            self._cited(keys.meaningful_upper),
            keys.meaningful_unavailable,
            self._cited(keys.other_reliability),
        )

    @functools.cached_property
    def very_low(self) -> VeryLow | None:
        """The very-low marker, if the key gives one."""
        keys = self.very_low_keys
        if keys is None:
            return None
        return VeryLow(
            self.figure(keys.mean), self.figure(keys.sd), keys.sds_below, keys.source, keys.text
        )

    @functools.cached_property
    def conversion(self) -> Mapping[int, float] | None:
        """Raw total to metric score (SWEMWBS), or None for other scoring rules."""
        if self.conversion_table is None:
            return None
        table = {int(raw): metric for raw, metric in self.conversion_table.items()}
        return MappingProxyType(dict(sorted(table.items())))

    @property
    def profile_pairs(self) -> tuple[tuple[Subscale, Subscale], ...]:
        """Each positive subscale beside its declared opposite, in the key's order."""
        by_id = {s.id: s for s in self.subscales}
        return tuple((s, by_id[s.opposite]) for s in self.subscales if s.opposite is not None)

    def short_form(self, others: Iterable[Instrument]) -> Instrument | None:
        """The instrument among `others` scored from a subset of this one's items, if any."""
        return next(
            (i for i in others if i.derived_from and i.derived_from.instrument == self.id), None
        )

    @property
    def lowest_answer(self) -> int:
        return self.responses[0].value

    @property
    def highest_answer(self) -> int:
        return self.responses[-1].value

    @property
    def reports_subscales(self) -> bool:
        """True only for the full SCS: the SCS-SF authors advise against subscale scores."""
        return self.scoring == "mean_of_subscale_means"

    @property
    def decimals(self) -> int:
        """Decimal places to show totals with: none for a plain sum, two otherwise."""
        return 0 if self.scoring == "sum" else 2

    @property
    def total_range(self) -> tuple[float, float]:
        """The lowest and highest possible total."""
        low, high = self.lowest_answer, self.highest_answer
        if self.scoring in ("mean_of_subscale_means", "mean_of_items"):
            return float(low), float(high)
        if self.scoring == "sum":
            return float(low * self.item_count), float(high * self.item_count)
        assert self.conversion is not None  # checked when the key is built
        return min(self.conversion.values()), max(self.conversion.values())

    def figure(self, figure_id: str) -> Figure:
        """The figure with this id (KeyError if there is none)."""
        for figure in self.figures:
            if figure.id == figure_id:
                return figure
        raise KeyError(figure_id)

    def source(self, key: str) -> Source:
        """The source with this key (KeyError if there is none)."""
        return self.sources[key]

    def label(self, value: int) -> str | None:
        """The response label for an answer value (None for an unlabelled point)."""
        for option in self.responses:
            if option.value == value:
                return option.label
        raise KeyError(value)

    def _cited(self, figure_id: str | None) -> Figure | None:
        return None if figure_id is None else self.figure(figure_id)


def reliability_name(figure: Figure) -> str:
    """Which reliability a figure is, in words: `internal consistency (Cronbach's alpha .91)`."""
    value = f"{figure.value:g}".removeprefix("0")
    if figure.kind == "alpha":
        return f"internal consistency (Cronbach's alpha {value})"
    interval = f"{figure.interval} " if figure.interval else ""
    return f"{interval}test-retest reliability ({value})"


def reliable_change_threshold(sd: float, reliability: float) -> float:
    """Jacobson-Truax: 1.96 x S_diff, with S_diff = sqrt(2) x SD x sqrt(1 - reliability).

    SD 10.5 and reliability 0.961 give 5.747681 (the suddengains test vector).
    """
    if not sd > 0 or not 0 <= reliability < 1:
        raise ValueError("the SD must be above 0 and the reliability from 0 to below 1")
    standard_error = sd * math.sqrt(1 - reliability)
    return Z_RELIABLE * math.sqrt(2 * standard_error**2)
