"""Joining late: someone who sets the programme up after its baseline day is offered the
baseline measures on Today, as their baseline, until the end measures begin.

"Now" is Thursday 26 November 2026; the programme started on Monday 2 November
(week 4), so its baseline day was the Friday before.
"""

from __future__ import annotations

import datetime as dt

from textual.widgets import Select

from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.tui.dialogs.start_scale import StartDialog

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
START = dt.date(2026, 11, 2)


def set_up(store, on: dt.datetime) -> None:
    store.programme.save_setup(START, "Ana", "Europe/London", DEFAULT_HABITS, on)


async def test_today_offers_the_baseline_to_someone_who_joined_after_it(
    empty_store, make_app, shown
):
    set_up(empty_store, NOW)  # today: three weeks after the start
    app = make_app(empty_store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        card = app.screen.query_one("#scales-card")
        assert card.display
        text = shown(app, "#scales-card")
        assert text.startswith("Baseline measures are due now\nYou joined after the baseline day")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, StartDialog)
        assert app.screen.query_one("#start-occasion", Select).value == "pre"


async def test_someone_who_set_up_in_time_is_not_asked_in_week_4(empty_store, make_app):
    set_up(empty_store, dt.datetime(2026, 10, 20, 9, 0, tzinfo=dt.UTC))
    app = make_app(empty_store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.query_one("#scales-card").display
