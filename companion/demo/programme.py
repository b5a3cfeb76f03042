"""The demo's programme: Sam, five weeks in, most sessions attended, one rearranged."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from companion.domain.selfcare.habits import DEFAULT_HABITS

if TYPE_CHECKING:
    from companion.store import Store

DEMO_NAME = "Sam"
DEMO_ZONE = "Europe/London"


def demo_start(today: dt.date) -> dt.date:
    """The Monday four weeks before this week's Monday: today falls in week 5."""
    this_monday = today - dt.timedelta(days=today.weekday())
    return this_monday - dt.timedelta(weeks=4)


def fill(store: Store, start: dt.date, today: dt.date, now: dt.datetime) -> None:
    store.programme.save_setup(start, DEMO_NAME, DEMO_ZONE, DEFAULT_HABITS, now)
    # Real life: most sessions attended, one missed, one rearranged.
    for event_id, attended in (
        ("baseline", True),
        ("webinar-1", True),
        ("coaching-1", True),
        ("webinar-2", False),
        ("coaching-2", True),
    ):
        store.programme.mark(event_id, attended, now)
    coaching_2 = start + dt.timedelta(weeks=3, days=1)
    store.programme.move("coaching-2", dt.datetime.combine(coaching_2, dt.time(13, 0)), now)
    if today.weekday() > 0:  # this week's webinar has already happened
        store.programme.mark("webinar-3", True, now)
