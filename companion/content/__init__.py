"""Programme content as data files, read on first use (never at import time)."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from companion.domain.programme import ProgrammeTemplate, parse_template

# The files sit beside this module (not importlib.resources: its zip support
# costs quick commands ~15 ms of imports, and Companion is never run zipped).
HERE = Path(__file__).parent


@functools.cache
def programme() -> ProgrammeTemplate:
    """The programme outline from `programme.toml`, validated."""
    text = (HERE / "programme.toml").read_text(encoding="utf-8")
    return parse_template(tomllib.loads(text))
