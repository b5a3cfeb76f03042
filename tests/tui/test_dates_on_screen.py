"""Dates as the app shows them: with their year outside the current one, and a live
session on a bank holiday flagged gently wherever it is listed (issue 11, points 8 and 10)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable

from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.tui.screens.programme import ProgrammeScreen

HOLIDAY_NOTE = "bank holiday: check with your coach"


def _cell(app, event_id: str, column: str) -> str:
    return str(app.screen.query_one(DataTable).get_cell(event_id, column))


async def test_the_follow_up_in_january_shows_its_year(demo_store, make_app, shown):
    # The demo runs from late October 2026; its follow-up falls in January 2027.
    after_the_end = dt.datetime(2026, 12, 21, 9, 0, tzinfo=dt.UTC)
    app = make_app(demo_store, after_the_end)
    async with app.run_test() as pilot:
        await pilot.pause()
        next_up = shown(app, "#next-card")
        assert "Follow-up workshop" in next_up
        assert "Mon 18 Jan 2027 10:00\u201312:00 \u00b7 in 28 days" in next_up
        await pilot.press("2")
        assert isinstance(app.screen, ProgrammeScreen)
        assert _cell(app, "followup", "when") == "Mon 18 Jan 2027 10:00"
        assert _cell(app, "end", "when").startswith("Thu 17 Dec ")  # this year: no year


async def test_a_session_on_a_bank_holiday_is_flagged_on_today_and_in_the_programme(
    empty_store, make_app, shown
):
    # From Monday 2 March 2026, Group coaching 3 falls on Easter Monday, 6 April.
    setup_day = dt.datetime(2026, 2, 20, 12, 0, tzinfo=dt.UTC)
    empty_store.programme.save_setup(
        dt.date(2026, 3, 2), "Alex", "Europe/London", DEFAULT_HABITS, setup_day
    )
    easter_week = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)
    app = make_app(empty_store, easter_week)
    async with app.run_test() as pilot:
        await pilot.pause()
        next_up = shown(app, "#next-card")
        assert "Group coaching 3" in next_up
        assert "Mon 6 Apr 12:00\u201313:00 \u00b7 in 4 days" in next_up
        assert HOLIDAY_NOTE in next_up
        assert HOLIDAY_NOTE not in shown(app, "#today-card")
        await pilot.press("2")
        assert isinstance(app.screen, ProgrammeScreen)
        assert _cell(app, "coaching-3", "title") == f"Group coaching 3\n{HOLIDAY_NOTE}"
        flagged = [
            key.value
            for key in app.screen.query_one(DataTable).rows
            if HOLIDAY_NOTE in _cell(app, key.value or "", "title")
        ]
        assert flagged == ["coaching-3"]
