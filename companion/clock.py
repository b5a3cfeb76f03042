"""The one place that asks the system what time it is and which time zone it is in."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FALLBACK_ZONE = "Europe/London"  # the programme runs in the NHS


def now() -> dt.datetime:
    """The current time, aware, in UTC (convert to the programme's zone to read it)."""
    return dt.datetime.now(dt.UTC)


def local_zone_name() -> str:
    """The IANA name of this machine's time zone, or Europe/London if it cannot be told."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidates.append(target.split("zoneinfo/", 1)[1])
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if name and is_zone(name):
            return name
    return FALLBACK_ZONE


def is_zone(name: str) -> bool:
    """True when `name` is an IANA time zone this machine knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
