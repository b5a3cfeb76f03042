"""Instrument scoring keys (`instruments/*.toml`), read and validated on first use.

Nothing happens at import time: each file is read the first time it is asked
for, then cached for the life of the process.
"""

from __future__ import annotations

import functools
import tomllib
from importlib.resources import files

from companion.domain.scales.instruments import (
    Instrument,
    InstrumentError,
    UnknownInstrumentError,
    check_derived,
    parse_instrument,
)

# The order in which lists, menus and `companion scales list` show them.
INSTRUMENT_IDS: tuple[str, ...] = ("scs", "scs-sf", "wemwbs", "swemwbs")


@functools.cache
def instrument(instrument_id: str) -> Instrument:
    """The validated key of one instrument, by id (`scs`, `scs-sf`, `wemwbs`, `swemwbs`).

    Raises UnknownInstrumentError for any other id, and InstrumentError if the
    shipped file is broken (a packaging or editing mistake, not user input).
    """
    if instrument_id not in INSTRUMENT_IDS:
        raise UnknownInstrumentError(
            f"unknown instrument {instrument_id!r}; choose one of {', '.join(INSTRUMENT_IDS)}"
        )
    resource = files("companion.content").joinpath("instruments", f"{instrument_id}.toml")
    try:
        raw = tomllib.loads(resource.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InstrumentError(f"{instrument_id}.toml is not valid TOML: {error}") from None
    key = parse_instrument(raw)
    if key.id != instrument_id:
        raise InstrumentError(f"{instrument_id}.toml: its id is {key.id!r}, not {instrument_id!r}")
    if key.derived_from is not None:
        # SWEMWBS is read off WEMWBS items: the two keys must agree.
        check_derived(key, instrument(key.derived_from.instrument))
    return key


@functools.cache
def instruments() -> tuple[Instrument, ...]:
    """Every instrument, validated, in display order."""
    return tuple(instrument(instrument_id) for instrument_id in INSTRUMENT_IDS)
