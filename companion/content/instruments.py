"""Instrument scoring keys (`instruments/*.toml`): read and checked on first use, then kept.

Always the packaged keys: they are scoring facts, which a content folder
cannot override. See `companion.content.loader`.
"""

from __future__ import annotations

from companion.content.loader import INSTRUMENT_IDS, instrument, instruments

__all__ = ["INSTRUMENT_IDS", "instrument", "instruments"]
