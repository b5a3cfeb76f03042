"""The rules between the fields of an instrument key, checked when a key file is read.

`check_key` runs as the key is built (`Instrument.__post_init__`): each
ValueError becomes a one-line ContentError naming the file, the entry and the
field. `check_derived` checks a short form against its parent (the loader
calls it, since it needs both files).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from companion.domain.declared import ContentError, quoted, repeated
from companion.domain.scales.instruments import RELIABILITY_KINDS

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from companion.domain.scales.instruments import Instrument


def check_key(key: Instrument) -> None:
    """Raise ValueError, its message starting with the field, unless the key hangs together."""
    _check_responses_and_items(key)
    if key.subscales:
        _check_subscales(key)
    _check_conversion(key)
    twice = repeated([f.id for f in key.figures])
    if twice:
        raise ValueError(f"figure: ids used twice: {quoted(twice)}")
    for figure in key.figures:
        _known_source(key, f'figure "{figure.id}"', figure.source)
    if key.bands is not None:
        _known_source(key, "bands", key.bands.source)
        low, high = key.total_range
        if not all(low < cut < high for cut in key.bands.cuts):
            raise ValueError(f"bands: cuts: expected numbers between {low:g} and {high:g}")
    _check_change(key)
    if key.very_low_keys is not None:
        if key.very_low_unavailable is not None:
            raise ValueError(
                "very_low_unavailable: give very_low or very_low_unavailable, not both"
            )
        _cited(key, "very_low: mean", key.very_low_keys.mean, {"mean"})
        _cited(key, "very_low: sd", key.very_low_keys.sd, {"sd"})
        _known_source(key, "very_low", key.very_low_keys.source)


def check_derived(child: Instrument, parent: Instrument, source: str) -> None:
    """Check that a short form's items exist in its parent and share its answers.

    Raises ContentError naming `source`, the child's file.
    """
    derived = child.derived_from
    if derived is None:
        return
    if derived.instrument != parent.id:
        raise ContentError(
            f'{source}: derived_from: instrument: expected "{parent.id}", '
            f'got "{derived.instrument}"'
        )
    outside = [i for i in derived.items if i > parent.item_count]
    if outside:
        raise ContentError(
            f"{source}: derived_from: items: expected items 1 to {parent.item_count} of "
            f"{parent.id}, got {_list(outside)}"
        )
    if child.responses != parent.responses:
        raise ContentError(f"{source}: response: expected the same options as {parent.id}")


def _check_responses_and_items(key: Instrument) -> None:
    # Every instrument here answers 1..5; other ranges would need new reversal rules.
    if [o.value for o in key.responses] != [1, 2, 3, 4, 5]:
        raise ValueError("response: expected values 1, 2, 3, 4, 5 in order")
    if key.responses[0].label is None or key.responses[-1].label is None:
        raise ValueError("response: the lowest and highest responses need labels")
    n = key.item_count
    own = [(f'subscale "{s.id}": items', s.items) for s in key.subscales]
    for field, items in [*own, ("reversed", key.reversed_items)]:
        if any(item > n for item in items):
            raise ValueError(f"{field}: expected items 1 to {n}, got {_list(items)}")
    derived = [("derived_from: items", key.derived_from.items)] if key.derived_from else []
    for field, items in [*own, ("reversed", key.reversed_items), *derived]:
        twice = repeated([str(i) for i in items])
        if twice:
            raise ValueError(f"{field}: {', '.join(twice)} listed twice")
    if key.derived_from is not None and len(key.derived_from.items) != n:
        raise ValueError(
            f"derived_from: items: expected {n} (the instrument's items), "
            f"got {len(key.derived_from.items)}"
        )


def _check_subscales(key: Instrument) -> None:
    """Subscales partition items 1..n, and the reversed items are the negative subscales'."""
    twice = repeated([s.id for s in key.subscales])
    if twice:
        raise ValueError(f"subscale: ids used twice: {quoted(twice)}")
    seen: dict[int, str] = {}
    for subscale in key.subscales:
        for item in subscale.items:
            if item in seen:
                raise ValueError(
                    f'subscale "{subscale.id}": items: {item} is in "{seen[item]}" too'
                )
            seen[item] = subscale.id
    missing = sorted(set(range(1, key.item_count + 1)) - seen.keys())
    if missing:
        raise ValueError(
            f"subscale: no subscale holds {_list(missing)} "
            f"(together they cover items 1 to {key.item_count})"
        )
    # A reversed item outside a negative subscale (or the reverse) would make
    # the total and the subscale means disagree about what an item means.
    negative = tuple(sorted(i for s in key.subscales if s.negative for i in s.items))
    if key.reversed_items != negative:
        raise ValueError(
            f"reversed: expected the negative subscales' items {_list(negative)}, "
            f"got {_list(key.reversed_items)}"
        )
    if key.scoring == "mean_of_subscale_means" and len({s.negative for s in key.subscales}) < 2:
        raise ValueError("subscale: mean_of_subscale_means needs positive and negative subscales")
    negatives = {s.id for s in key.subscales if s.negative}
    paired: list[str] = []
    for subscale in key.subscales:
        if subscale.component is not None and subscale.opposite is None:
            raise ValueError(
                f'subscale "{subscale.id}": component: only a subscale that names its opposite '
                "names a component (the pair measures it)"
            )
        if subscale.opposite is None:
            continue
        where = f'subscale "{subscale.id}": opposite'
        if subscale.negative:
            raise ValueError(f"{where}: only a positive subscale names its opposite")
        if subscale.opposite not in negatives:
            raise ValueError(
                f"{where}: expected one of the negative subscales {quoted(sorted(negatives))}, "
                f'got "{subscale.opposite}"'
            )
        paired.append(subscale.opposite)
    twice = repeated(paired)
    if twice:
        raise ValueError(f"subscale: opposite: named twice: {quoted(twice)}")


def _check_conversion(key: Instrument) -> None:
    table = key.conversion
    if table is None:
        if key.scoring == "sum_then_metric":
            raise ValueError(
                "conversion: missing; scoring sum_then_metric needs a conversion table"
            )
        return
    if key.scoring != "sum_then_metric":
        raise ValueError(
            f"conversion: only scoring sum_then_metric uses a conversion table, not {key.scoring}"
        )
    low, high = key.lowest_answer * key.item_count, key.highest_answer * key.item_count
    missing = sorted(set(range(low, high + 1)) - table.keys())
    extra = sorted(table.keys() - set(range(low, high + 1)))
    if missing or extra:
        raise ValueError(
            f"conversion: expected every raw total {low} to {high} exactly"
            + (f"; missing {_list(missing)}" if missing else "")
            + (f"; unexpected {_list(extra)}" if extra else "")
        )
    if any(b <= a for a, b in itertools.pairwise(table.values())):
        raise ValueError("conversion: expected metric scores that rise with every raw total")


def _check_change(key: Instrument) -> None:
    keys = key.change_keys
    sd = _cited(key, "change: sd", keys.sd, {"sd"})
    reliability = _cited(key, "change: reliability", keys.reliability, RELIABILITY_KINDS)
    other = _cited(key, "change: other_reliability", keys.other_reliability, RELIABILITY_KINDS)
    if other[0] is not None and (keys.sd is None or other[0] == keys.reliability):
        raise ValueError("change: other_reliability needs sd and a reliability it differs from")
    for figure_id, evidence in (sd, reliability):
        if evidence == "U":
            # Never base a participant's result on a figure nobody could check.
            raise ValueError(f'change: "{figure_id}" is unverified (U) and cannot be used')
    if (keys.sd is None or keys.reliability is None) != (keys.reliable_unavailable is not None):
        raise ValueError("change: give sd and reliability, or reliable_unavailable to say why not")
    # A published meaningful change, or figures computed from the scale's
    # measurement error (SWEMWBS: 1 SEM and 2.77 SEM, Shah et al. 2018).
    kinds = {"meaningful_change", "sem", "threshold"}
    _cited(key, "change: meaningful_lower", keys.meaningful_lower, kinds)
    _cited(key, "change: meaningful_upper", keys.meaningful_upper, kinds)
    lower, upper = key.change.meaningful_lower, key.change.meaningful_upper
    if upper is not None and (lower is None or upper.value <= lower.value):
        raise ValueError("change: meaningful_upper needs a smaller meaningful_lower")
    if (lower is None) == (keys.meaningful_unavailable is None):
        raise ValueError(
            "change: give either meaningful_lower or meaningful_unavailable (one of them)"
        )


def _cited(
    key: Instrument, field: str, figure_id: str | None, kinds: Collection[str]
) -> tuple[str | None, str | None]:
    """Check that `figure_id`, if given, names a figure of one of `kinds`; its id and evidence."""
    if figure_id is None:
        return None, None
    try:
        figure = key.figure(figure_id)
    except KeyError:
        raise ValueError(f'{field}: no figure is called "{figure_id}"') from None
    if figure.kind not in kinds:
        allowed = " or ".join(sorted(kinds))
        raise ValueError(
            f'{field}: expected a figure of kind {allowed}, got "{figure_id}" (a {figure.kind})'
        )
    return figure.id, figure.evidence


def _known_source(key: Instrument, where: str, source: str) -> None:
    if source not in key.sources:
        raise ValueError(
            f'{where}: source: "{source}" is not in the sources ({quoted(list(key.sources))})'
        )


def _list(items: Sequence[int]) -> str:
    return ", ".join(str(i) for i in items)
