"""The one place that asks the system what time it is and which time zone it is in."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FALLBACK_ZONE = "Europe/London"  # the programme runs in the NHS


def now() -> dt.datetime:
    """The current time, aware, in UTC (convert to the programme's zone to read it)."""
    return dt.datetime.now(dt.UTC)


def local_zone_name() -> str:
    """The IANA name of this machine's time zone, or Europe/London if it cannot be told.

    A TZ environment variable that names a zone wins. Otherwise tzlocal asks
    the system in the way each one needs (the /etc/localtime link on Linux and
    macOS, the registry on Windows). Asked only before there is a programme
    (setting one up): a programme stores its zone, so quick commands never
    import tzlocal.
    """
    # Read on every call: tzlocal reads TZ too, but keeps its first answer for
    # the life of the process, and knows only the names in its Windows table.
    override = os.environ.get("TZ", "").lstrip(":")
    if override and is_zone(override):
        return override
    import tzlocal

    try:
        name = tzlocal.get_localzone_name()
    except (LookupError, OSError):  # conflicting settings, or none that can be read
        name = None
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
