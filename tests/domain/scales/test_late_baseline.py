"""A late joiner's baseline: due from the day they join until the end measures begin."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from zoneinfo import ZoneInfo

from companion import content
from companion.domain.programme import build_schedule
from companion.domain.programme_setup import ProgrammeSetup
from companion.domain.scales.administration import Administration, due

START = dt.date(2026, 11, 2)  # a Monday; the final week starts on 21 December
JOINED = dt.date(2026, 11, 26)  # week 4


def due_on(today: dt.date, joined: dt.date | None, done: tuple[str, ...] = ()):
    template = content.programme()
    setup = ProgrammeSetup(START, ZoneInfo("Europe/London"), joined=joined)
    events = build_schedule(template, setup)
    taken = [
        Administration(n, instrument, "pre", today, "complete", MappingProxyType({}))
        for n, instrument in enumerate(done, start=1)
    ]
    return due(START, template.weeks, events, today, taken, joined)


def test_the_baseline_stays_due_for_a_late_joiner_until_the_end_window() -> None:
    found = due_on(JOINED, JOINED)
    assert found is not None
    assert (found.occasion, found.instruments, found.late) == ("pre", ("scs", "wemwbs"), True)
    assert found.last_day == dt.date(2026, 12, 20)  # the day before the final week
    assert due_on(dt.date(2026, 12, 20), JOINED).occasion == "pre"
    assert due_on(dt.date(2026, 12, 21), JOINED).occasion == "post"


def test_not_once_the_baseline_is_taken_nor_for_someone_who_joined_in_time() -> None:
    assert due_on(JOINED, JOINED, done=("scs", "wemwbs")) is None
    assert due_on(JOINED, JOINED, done=("scs",)).instruments == ("wemwbs",)
    assert due_on(JOINED, dt.date(2026, 10, 20)) is None
    assert due_on(JOINED, None) is None
