"""The demo's scales: every scale at the baseline, and one extra wellbeing check-in.

Invented answers, plausible for a busy leader starting the programme: a
moderate self-compassion score with a harsher inner critic than kindness, and
wellbeing a little below the population average. All four scales are taken on
the baseline day so a newcomer can see each one's results (the short forms
agree with the long forms' answers where they share items). The demo is in
week 5, so the end measures are not due yet; an extra WEMWBS in week 4 shows
what a change looks like: five points up, past the published meaningful change
but within what the scale's own error could produce. Paper-form mode: no
wording is imported.
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
# SCS-SF: 2.50 (moderate). SWEMWBS: WEMWBS items 1, 2, 3, 6, 7, 9 and 11 above.
BASELINE_SCS_SF = (4, 3, 3, 3, 3, 3, 2, 4, 4, 3, 4, 4)
BASELINE_SWEMWBS = (3, 3, 3, 3, 4, 3, 4)
# An extra WEMWBS on the Thursday of week 4: 49, five up on the baseline.
WEEK_4_WEMWBS = (4, 3, 4, 4, 3, 4, 4, 3, 4, 3, 4, 3, 3, 3)
WEEK_4_DAY = 24  # days after the start


def fill(store: Store, start: dt.date, today: dt.date, now: dt.datetime) -> None:
    setup = store.programme.setup()
    if setup is None:
        return
    events = build_schedule(content.programme(), setup)
    baseline = next((e.day for e in events if e.kind == "baseline"), start)
    if baseline > today:
        return  # a demo built before its own baseline day has nothing to show yet
    for instrument_id, answers in (
        ("scs", BASELINE_SCS),
        ("scs-sf", BASELINE_SCS_SF),
        ("wemwbs", BASELINE_WEMWBS),
        ("swemwbs", BASELINE_SWEMWBS),
    ):
        store.scales.save_result(instrument(instrument_id), "pre", baseline, answers, now)
    check_in = start + dt.timedelta(days=WEEK_4_DAY)
    if check_in <= today:
        store.scales.save_result(instrument("wemwbs"), "adhoc", check_in, WEEK_4_WEMWBS, now)
