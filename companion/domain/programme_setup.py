"""What a participant has stored about their programme: the inputs of their schedule.

Kept apart from `companion.domain.programme`, which dates the schedule, so
that commands that need only the start day and time zone (`companion log`)
do not import the schedule's classes and dateutil.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class ProgrammeSetup:
    """What a participant has stored: the inputs of their schedule."""

    start: dt.date
    zone: ZoneInfo
    name: str | None = None
    moves: Mapping[str, dt.datetime] = field(default_factory=dict)  # naive local times
    attendance: Mapping[str, bool] = field(default_factory=dict)
    joined: dt.date | None = None  # the local day the programme was set up in Companion
    # The bank holidays of the participant's region around the programme
    # (see domain/working_days.py): no measure or workshop is planned on one.
    days_off: frozenset[dt.date] = frozenset()
