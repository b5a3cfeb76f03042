"""Instrument keys: what an instrument is, and checking a key file before it is used.

Pure: dataclasses and functions, no I/O. The keys are data files
(`companion/content/instruments/*.toml`, read by `companion.content.instruments`)
validated here by `parse_instrument`. Only scoring facts live in the package:
item numbers, subscales, reversed items, response labels and published figures
with their sources. Item wording never does (it is the authors' copyright).

Scoring, answers and change live in `companion.domain.scales`, which also
re-exports every public name here.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal, get_args

from companion.domain.errors import NotFound

ScoringRule = Literal["mean_of_subscale_means", "mean_of_items", "sum", "sum_then_metric"]
SCORING_RULES: tuple[str, ...] = get_args(ScoringRule)

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
FIGURE_KINDS: tuple[str, ...] = get_args(FigureKind)
RELIABILITY_KINDS = frozenset({"alpha", "retest"})

# Evidence marks as in shared/instruments.md: V seen in the cited source, V2 seen
# in two or more agreeing sources, C computed from verified inputs, U not verified.
Evidence = Literal["V", "V2", "C", "U"]
EVIDENCE: tuple[str, ...] = get_args(Evidence)

# The Jacobson-Truax criterion: two-tailed p < .05.
Z_RELIABLE = 1.96

# The keys each table of a key file may hold: anything else is a typo, or a key
# that TOML filed under the wrong table, and is refused rather than ignored.
_TOP_KEYS = frozenset(
    {
        "id",
        "name",
        "short_name",
        "items",
        "recall",
        "citation",
        "licence",
        "copyright",
        "reversed",
        "scoring",
        "scoring_note",
        "very_low_unavailable",
        "derived_from",
        "response",
        "subscale",
        "conversion",
        "bands",
        "change",
        "very_low",
        "sources",
        "figure",
    }
)
_RESPONSE_KEYS = frozenset({"value", "label"})
_SUBSCALE_KEYS = frozenset({"id", "name", "direction", "items"})
_SOURCE_KEYS = frozenset({"short", "full"})
_FIGURE_KEYS = frozenset({"id", "kind", "value", "source", "text", "evidence", "sample", "n"})
_BANDS_KEYS = frozenset({"cuts", "labels", "source", "text"})
_CHANGE_KEYS = frozenset(
    {
        "sd",
        "reliability",
        "reliable_unavailable",
        "meaningful_lower",
        "meaningful_upper",
        "meaningful_unavailable",
    }
)
_VERY_LOW_KEYS = frozenset({"mean", "sd", "sds_below", "source", "text"})
_DERIVED_KEYS = frozenset({"instrument", "items"})

_ID = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")
_SOURCE_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


class InstrumentError(ValueError):
    """An instrument key file is not valid; the message names the file's id and the problem."""


class UnknownInstrumentError(NotFound):
    """No instrument has the id that was asked for."""


# ---------------------------------------------------------------- the key


@dataclass(frozen=True)
class Source:
    """Where figures come from: a key (as in instruments.md), a short name and a full reference."""

    key: str
    short: str
    full: str


@dataclass(frozen=True)
class Figure:
    """One published (or computed) number with its source."""

    id: str
    kind: FigureKind
    value: float
    source: str  # a key of Instrument.sources
    text: str  # what the figure is, in a sentence
    evidence: Evidence
    sample: str | None = None
    n: int | None = None


@dataclass(frozen=True)
class ResponseOption:
    """One answer point on the form; `label` is None where the form leaves it unlabelled."""

    value: int
    label: str | None

    @property
    def display(self) -> str:
        """`1 = Almost never`, or just `2` for an unlabelled point."""
        return f"{self.value} = {self.label}" if self.label else str(self.value)


@dataclass(frozen=True)
class Subscale:
    """A group of items; `negative` subscales are reversed when forming the total."""

    id: str
    name: str
    items: tuple[int, ...]
    negative: bool


@dataclass(frozen=True)
class Bands:
    """Interpretation bands: `labels[i]` applies below `cuts[i]`.

    Each cut belongs to the band above it.
    """

    cuts: tuple[float, ...]
    labels: tuple[str, ...]
    source: str
    text: str

    def band(self, total: float) -> str:
        """The band a total falls in (low < 2.5 <= moderate < 3.5 <= high for the SCS)."""
        for cut, label in zip(self.cuts, self.labels, strict=False):
            if total < cut:
                return label
        return self.labels[-1]


@dataclass(frozen=True)
class VeryLow:
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


@dataclass(frozen=True)
class ChangeFigures:
    """The cited figures behind reliable and meaningful change, or why there are none."""

    sd: Figure | None
    reliability: Figure | None
    reliable_unavailable: str | None
    meaningful_lower: Figure | None
    meaningful_upper: Figure | None
    meaningful_unavailable: str | None

    @property
    def reliable_threshold(self) -> float | None:
        """The Jacobson-Truax threshold in score points, when an SD and reliability are cited."""
        if self.sd is None or self.reliability is None:
            return None
        return reliable_change_threshold(self.sd.value, self.reliability.value)


@dataclass(frozen=True)
class DerivedFrom:
    """A short form made of some items of a longer one (SWEMWBS from WEMWBS)."""

    instrument: str
    items: tuple[int, ...]


@dataclass(frozen=True)
class Instrument:
    """A validated instrument key: everything needed to administer by number and to score."""

    id: str
    name: str
    short_name: str
    citation: str
    licence: str
    copyright: str | None  # the notice that must accompany the form, where one is required
    recall: str
    item_count: int
    responses: tuple[ResponseOption, ...]
    subscales: tuple[Subscale, ...]
    reversed_items: tuple[int, ...]
    scoring: ScoringRule
    scoring_note: str
    conversion: Mapping[int, float] | None
    bands: Bands | None
    sources: Mapping[str, Source]
    figures: tuple[Figure, ...]
    change: ChangeFigures
    very_low: VeryLow | None
    very_low_unavailable: str | None
    derived_from: DerivedFrom | None

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
        assert self.conversion is not None  # guaranteed by parse_instrument
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


def reliable_change_threshold(sd: float, reliability: float) -> float:
    """Jacobson-Truax: 1.96 x S_diff, with S_diff = sqrt(2) x SD x sqrt(1 - reliability).

    SD 10.5 and reliability 0.961 give 5.747681 (the suddengains test vector).
    """
    if not sd > 0 or not 0 <= reliability < 1:
        raise ValueError("the SD must be above 0 and the reliability from 0 to below 1")
    standard_error = sd * math.sqrt(1 - reliability)
    return Z_RELIABLE * math.sqrt(2 * standard_error**2)


# ---------------------------------------------------------------- parsing


def parse_instrument(raw: Mapping[str, Any]) -> Instrument:
    """Build and validate an instrument from its parsed key file.

    Checks, among others: response options are exactly 1..5; subscales
    partition items 1..n; the reversed items are exactly the negative
    subscales' items; a conversion table covers every raw total; every
    figure, band and threshold names a known source. Raises InstrumentError.
    """
    where = f"instrument {raw.get('id', '?')}"
    try:
        _only(raw, _TOP_KEYS, where)
        ident = _text(raw, "id", where)
        if not _ID.match(ident):
            raise InstrumentError(f"{where}: id must be lower-case letters, digits and hyphens")
        item_count = raw["items"]
        if type(item_count) is not int or not 1 <= item_count <= 200:
            raise InstrumentError(f"{where}: items must be a whole number from 1 to 200")
        scoring = raw["scoring"]
        if scoring not in SCORING_RULES:
            raise InstrumentError(f"{where}: scoring must be one of {', '.join(SCORING_RULES)}")
        sources = _parse_sources(raw["sources"], where)
        responses = _parse_responses(raw["response"], where)
        subscales = _parse_subscales(raw.get("subscale", []), item_count, where)
        reversed_items = _parse_reversed(raw["reversed"], item_count, subscales, where)
        figures = _parse_figures(raw.get("figure", []), sources, where)
        by_id = {f.id: f for f in figures}
        low, high = responses[0].value, responses[-1].value
        conversion = _parse_conversion(
            raw.get("conversion"), scoring, item_count, low, high, where
        )
        if scoring == "mean_of_subscale_means" and (
            not any(s.negative for s in subscales) or all(s.negative for s in subscales)
        ):
            raise InstrumentError(f"{where}: this scoring needs positive and negative subscales")
        bands = _parse_bands(raw.get("bands"), sources, scoring, where)
        change = _parse_change(raw["change"], by_id, where)
        very_low = _parse_very_low(raw.get("very_low"), by_id, sources, where)
        very_low_unavailable = _optional_text(raw, "very_low_unavailable", where)
        if very_low is not None and very_low_unavailable is not None:
            raise InstrumentError(f"{where}: give very_low or very_low_unavailable, not both")
        derived = _parse_derived(raw.get("derived_from"), item_count, where)
        copyright_line = _optional_text(raw, "copyright", where)
        instrument = Instrument(
            id=ident,
            name=_text(raw, "name", where),
            short_name=_text(raw, "short_name", where),
            citation=_text(raw, "citation", where),
            licence=_text(raw, "licence", where),
            copyright=copyright_line,
            recall=_text(raw, "recall", where),
            item_count=item_count,
            responses=responses,
            subscales=subscales,
            reversed_items=reversed_items,
            scoring=scoring,
            scoring_note=_text(raw, "scoring_note", where),
            conversion=conversion,
            bands=bands,
            sources=sources,
            figures=figures,
            change=change,
            very_low=very_low,
            very_low_unavailable=very_low_unavailable,
            derived_from=derived,
        )
    except KeyError as missing:
        raise InstrumentError(f"{where}: missing {missing}") from None
    except (TypeError, AttributeError):
        # A value of the wrong shape (a number where a table belongs, ...).
        raise InstrumentError(
            f"{where}: a value has the wrong type; compare with scs.toml"
        ) from None
    if bands is not None:
        low_total, high_total = instrument.total_range
        if not all(low_total < cut < high_total for cut in bands.cuts):
            raise InstrumentError(f"{where}: band cuts must lie inside the range of the total")
    return instrument


def check_derived(child: Instrument, parent: Instrument) -> None:
    """Check that a short form's items exist in its parent and share its answers.

    Raises InstrumentError.
    """
    derived = child.derived_from
    if derived is None:
        return
    where = f"instrument {child.id}"
    if derived.instrument != parent.id:
        raise InstrumentError(f"{where}: derived from {derived.instrument}, not {parent.id}")
    if any(not 1 <= item <= parent.item_count for item in derived.items):
        raise InstrumentError(f"{where}: derived items must be within 1..{parent.item_count}")
    if child.responses != parent.responses:
        raise InstrumentError(f"{where}: response options differ from {parent.id}")


def _parse_sources(raw: Mapping[str, Any], where: str) -> Mapping[str, Source]:
    if not raw:
        raise InstrumentError(f"{where}: needs at least one source")
    sources: dict[str, Source] = {}
    for key, entry in raw.items():
        if not _SOURCE_KEY.match(key):
            raise InstrumentError(f"{where}: source key {key!r} must be letters and digits")
        here = f"{where}, source {key}"
        _only(entry, _SOURCE_KEYS, here)
        sources[key] = Source(key, _text(entry, "short", here), _text(entry, "full", here))
    return MappingProxyType(sources)


def _parse_responses(raw: Sequence[Mapping[str, Any]], where: str) -> tuple[ResponseOption, ...]:
    options = []
    for entry in raw:
        _only(entry, _RESPONSE_KEYS, f"{where}, response")
        value = entry["value"]
        label = _optional_text(entry, "label", f"{where}, response {value}")
        options.append(ResponseOption(value, label))
    # Every instrument here answers 1..5; other ranges would need new reversal rules.
    if [o.value for o in options] != [1, 2, 3, 4, 5] or any(
        type(o.value) is not int for o in options
    ):
        raise InstrumentError(f"{where}: response values must be 1, 2, 3, 4, 5 in order")
    if options[0].label is None or options[-1].label is None:
        raise InstrumentError(f"{where}: the lowest and highest responses need labels")
    return tuple(options)


def _parse_subscales(
    raw: Sequence[Mapping[str, Any]], item_count: int, where: str
) -> tuple[Subscale, ...]:
    subscales = []
    for entry in raw:
        ident = _text(entry, "id", where)
        here = f"{where}, subscale {ident}"
        _only(entry, _SUBSCALE_KEYS, here)
        if not _ID.match(ident):
            raise InstrumentError(f"{here}: id must be lower-case letters, digits and underscores")
        direction = entry["direction"]
        if direction not in ("positive", "negative"):
            raise InstrumentError(f"{here}: direction must be positive or negative")
        items = _item_list(entry["items"], item_count, here)
        if not items:
            raise InstrumentError(f"{here}: needs at least one item")
        subscales.append(
            Subscale(ident, _text(entry, "name", here), items, direction == "negative")
        )
    if not subscales:
        return ()
    ids = [s.id for s in subscales]
    if len(set(ids)) != len(ids):
        raise InstrumentError(f"{where}: subscale ids used twice")
    seen: dict[int, str] = {}
    for subscale in subscales:
        for item in subscale.items:
            if item in seen:
                raise InstrumentError(
                    f"{where}: item {item} is in both {seen[item]} and {subscale.id}"
                )
            seen[item] = subscale.id
    missing = sorted(set(range(1, item_count + 1)) - seen.keys())
    if missing:
        raise InstrumentError(
            f"{where}: items {_list(missing)} are in no subscale; "
            f"subscales must cover 1..{item_count}"
        )
    return tuple(subscales)


def _parse_reversed(
    raw: Sequence[Any], item_count: int, subscales: Sequence[Subscale], where: str
) -> tuple[int, ...]:
    items = _item_list(raw, item_count, f"{where}, reversed")
    if subscales:
        # A reversed item outside a negative subscale (or the reverse) would make
        # the total and the subscale means disagree about what an item means.
        negative = sorted(i for s in subscales if s.negative for i in s.items)
        if sorted(items) != negative:
            raise InstrumentError(
                f"{where}: reversed items {_list(sorted(items))} must be exactly the "
                f"negative subscales' items {_list(negative)}"
            )
    return tuple(sorted(items))


def _parse_figures(
    raw: Sequence[Mapping[str, Any]], sources: Mapping[str, Source], where: str
) -> tuple[Figure, ...]:
    figures = []
    for entry in raw:
        ident = _text(entry, "id", where)
        here = f"{where}, figure {ident}"
        _only(entry, _FIGURE_KEYS, here)
        kind = entry["kind"]
        if kind not in FIGURE_KINDS:
            raise InstrumentError(f"{here}: kind must be one of {', '.join(FIGURE_KINDS)}")
        evidence = entry["evidence"]
        if evidence not in EVIDENCE:
            raise InstrumentError(f"{here}: evidence must be one of {', '.join(EVIDENCE)}")
        source = _source_key(entry, sources, here)
        value = _number(entry, "value", here)
        if kind in RELIABILITY_KINDS and not 0 < value < 1:
            raise InstrumentError(f"{here}: a reliability must be between 0 and 1")
        if kind in ("sd", "sem", "meaningful_change", "threshold") and value <= 0:
            raise InstrumentError(f"{here}: value must be above 0")
        n = entry.get("n")
        if n is not None and (type(n) is not int or n < 1):
            raise InstrumentError(f"{here}: n must be a whole number of at least 1")
        figures.append(
            Figure(
                id=ident,
                kind=kind,
                value=value,
                source=source,
                text=_text(entry, "text", here),
                evidence=evidence,
                sample=_optional_text(entry, "sample", here),
                n=n,
            )
        )
    ids = [f.id for f in figures]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InstrumentError(f"{where}: figure ids used twice: {', '.join(duplicates)}")
    return tuple(figures)


def _parse_conversion(
    raw: Mapping[str, Any] | None, scoring: str, item_count: int, low: int, high: int, where: str
) -> Mapping[int, float] | None:
    if raw is None:
        if scoring == "sum_then_metric":
            raise InstrumentError(f"{where}: scoring sum_then_metric needs a conversion table")
        return None
    if scoring != "sum_then_metric":
        raise InstrumentError(f"{where}: a conversion table is only used by sum_then_metric")
    table: dict[int, float] = {}
    for key in raw:
        if not (isinstance(key, str) and key.isdigit()):
            raise InstrumentError(f"{where}: conversion keys must be raw totals, got {key!r}")
        table[int(key)] = _number(raw, key, f"{where}, conversion")
    expected = list(range(low * item_count, high * item_count + 1))
    if sorted(table) != expected:
        missing = sorted(set(expected) - table.keys())
        extra = sorted(table.keys() - set(expected))
        raise InstrumentError(
            f"{where}: conversion table must cover every raw total "
            f"{expected[0]}..{expected[-1]} exactly"
            + (f"; missing {_list(missing)}" if missing else "")
            + (f"; unexpected {_list(extra)}" if extra else "")
        )
    metrics = [table[r] for r in expected]
    if any(b <= a for a, b in itertools.pairwise(metrics)):
        raise InstrumentError(f"{where}: conversion table must rise with every raw total")
    return MappingProxyType(dict(sorted(table.items())))


def _parse_bands(
    raw: Mapping[str, Any] | None, sources: Mapping[str, Source], scoring: str, where: str
) -> Bands | None:
    if raw is None:
        return None
    here = f"{where}, bands"
    _only(raw, _BANDS_KEYS, here)
    cuts = tuple(float(c) for c in raw["cuts"] if _is_number(c))
    if len(cuts) != len(raw["cuts"]) or not cuts:
        raise InstrumentError(f"{here}: cuts must be a list of numbers")
    if any(b <= a for a, b in itertools.pairwise(cuts)):
        raise InstrumentError(f"{here}: cuts must rise")
    labels = tuple(raw["labels"])
    if len(labels) != len(cuts) + 1 or not all(isinstance(x, str) and x for x in labels):
        raise InstrumentError(f"{here}: needs one label more than there are cuts")
    return Bands(cuts, labels, _source_key(raw, sources, here), _text(raw, "text", here))


def _parse_change(
    raw: Mapping[str, Any], figures: Mapping[str, Figure], where: str
) -> ChangeFigures:
    here = f"{where}, change"
    _only(raw, _CHANGE_KEYS, here)
    sd = _figure_ref(raw, "sd", figures, {"sd"}, here)
    reliability = _figure_ref(raw, "reliability", figures, RELIABILITY_KINDS, here)
    for figure in (sd, reliability):
        if figure is not None and figure.evidence == "U":
            # Never base a participant's result on a figure nobody could check.
            raise InstrumentError(f"{here}: {figure.id} is unverified (U) and cannot be used")
    reliable_unavailable = _optional_text(raw, "reliable_unavailable", here)
    if (sd is None or reliability is None) and reliable_unavailable is None:
        raise InstrumentError(
            f"{here}: without sd and reliability, say why (reliable_unavailable)"
        )
    if sd is not None and reliability is not None and reliable_unavailable is not None:
        raise InstrumentError(
            f"{here}: reliable_unavailable given although sd and reliability are"
        )
    lower = _figure_ref(raw, "meaningful_lower", figures, {"meaningful_change"}, here)
    upper = _figure_ref(raw, "meaningful_upper", figures, {"meaningful_change"}, here)
    meaningful_unavailable = _optional_text(raw, "meaningful_unavailable", here)
    if upper is not None and (lower is None or upper.value <= lower.value):
        raise InstrumentError(f"{here}: meaningful_upper needs a smaller meaningful_lower")
    if (lower is None) == (meaningful_unavailable is None):
        raise InstrumentError(
            f"{here}: give either meaningful_lower or meaningful_unavailable (one of them)"
        )
    return ChangeFigures(
        sd, reliability, reliable_unavailable, lower, upper, meaningful_unavailable
    )


def _parse_very_low(
    raw: Mapping[str, Any] | None,
    figures: Mapping[str, Figure],
    sources: Mapping[str, Source],
    where: str,
) -> VeryLow | None:
    if raw is None:
        return None
    here = f"{where}, very_low"
    _only(raw, _VERY_LOW_KEYS, here)
    mean = _figure_ref(raw, "mean", figures, {"mean"}, here)
    sd = _figure_ref(raw, "sd", figures, {"sd"}, here)
    if mean is None or sd is None:
        raise InstrumentError(f"{here}: needs a mean and an sd figure")
    sds_below = _number(raw, "sds_below", here)
    if sds_below <= 0:
        raise InstrumentError(f"{here}: sds_below must be above 0")
    return VeryLow(mean, sd, sds_below, _source_key(raw, sources, here), _text(raw, "text", here))


def _parse_derived(
    raw: Mapping[str, Any] | None, item_count: int, where: str
) -> DerivedFrom | None:
    if raw is None:
        return None
    here = f"{where}, derived_from"
    _only(raw, _DERIVED_KEYS, here)
    parent = _text(raw, "instrument", here)
    items = _item_list(raw["items"], 1000, here)
    if len(items) != item_count:
        raise InstrumentError(f"{here}: lists {len(items)} items; the instrument has {item_count}")
    return DerivedFrom(parent, items)


def _figure_ref(
    raw: Mapping[str, Any],
    key: str,
    figures: Mapping[str, Figure],
    kinds: Iterable[str],
    where: str,
) -> Figure | None:
    ref = raw.get(key)
    if ref is None:
        return None
    if ref not in figures:
        raise InstrumentError(f"{where}: {key} names unknown figure {ref!r}")
    figure = figures[ref]
    allowed = sorted(kinds)
    if figure.kind not in allowed:
        raise InstrumentError(f"{where}: {key} must name a figure of kind {' or '.join(allowed)}")
    return figure


def _item_list(raw: Sequence[Any], item_count: int, where: str) -> tuple[int, ...]:
    items = tuple(raw)
    for item in items:
        if type(item) is not int or not 1 <= item <= item_count:
            raise InstrumentError(f"{where}: item {item!r} is not a number from 1 to {item_count}")
    if len(set(items)) != len(items):
        raise InstrumentError(f"{where}: an item is listed twice")
    return items


def _source_key(raw: Mapping[str, Any], sources: Mapping[str, Source], where: str) -> str:
    key = _text(raw, "source", where)
    if key not in sources:
        raise InstrumentError(f"{where}: source {key!r} is not in the sources table")
    return key


def _only(raw: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise InstrumentError(f"{where}: unknown key {', '.join(unknown)}")


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise InstrumentError(f"{where}: {key} must be some text")
    return value


def _optional_text(raw: Mapping[str, Any], key: str, where: str) -> str | None:
    if raw.get(key) is None:
        return None
    return _text(raw, key, where)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _number(raw: Mapping[str, Any], key: str, where: str) -> float:
    value = raw[key]
    if not _is_number(value):
        raise InstrumentError(f"{where}: {key} must be a number")
    return float(value)


def _list(items: Sequence[int]) -> str:
    return ", ".join(str(i) for i in items)
