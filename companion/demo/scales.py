"""The demo's scales: baseline SCS and WEMWBS, answered on the baseline day before week 1.

Invented answers, plausible for a busy leader starting the programme: a
moderate self-compassion score with a harsher inner critic than kindness, and
wellbeing a little below the population average. The demo is in week 5, so
nothing else is due or recorded yet. Paper-form mode: no wording is imported.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from companion import content
from companion.content.instruments import instrument
from companion.domain.programme import build_schedule

if TYPE_CHECKING:
    from companion.store import Store

# Item order of the official forms. SCS: total 2.56 (moderate); self-kindness
# 2.20, self-judgment 3.60. WEMWBS: 44 (its short form, SWEMWBS: 20.73).
BASELINE_SCS = (4, 4, 3, 3, 2, 3, 3, 4, 3, 2, 3, 2, 4, 3, 3, 4, 2, 3, 3, 4, 3, 3, 2, 3, 3, 2)
BASELINE_WEMWBS = (3, 3, 3, 4, 3, 3, 4, 3, 3, 3, 4, 3, 3, 2)


def fill(store: Store, start: dt.date, today: dt.date, now: dt.datetime) -> None:
    plan = store.plan()
    if plan is None:
        return
    events = build_schedule(content.programme(), plan)
    baseline = next((e.day for e in events if e.kind == "baseline"), start)
    if baseline > today:
        return  # a demo built before its own baseline day has nothing to show yet
    for instrument_id, answers in (("scs", BASELINE_SCS), ("wemwbs", BASELINE_WEMWBS)):
        store.record(instrument(instrument_id), "pre", baseline, answers, now)
