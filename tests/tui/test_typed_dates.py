"""Every date field of the app reads what people type through the one parser (`dates.py`).

The app's "now" is Thursday 26 November 2026. Fields that look ahead (a date
to aim for, the programme's start) read `friday` as the next Friday and take
`next monday`; a pause reads a bare weekday back and takes `next friday` too.
"""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input

from companion.tui.dialogs.action_plan_item import PlanItemDialog
from companion.tui.dialogs.pause_days import PauseDialog
from companion.tui.screens.onboarding import OnboardingScreen
from companion.tui.screens.today import TodayScreen


async def test_a_plan_item_can_be_due_friday(demo_store, make_app, shown):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.press("3", "p", "a")
        assert isinstance(app.screen, PlanItemDialog)
        app.screen.query_one("#plan-text", Input).value = "Walk at lunch"
        app.screen.query_one("#plan-due", Input).value = "friday"
        await pilot.pause()
        assert shown(app, "#plan-due-help") == "Friday 27 November 2026"
        app.screen.query_one("#plan-due", Input).value = "next monday"
        await pilot.pause()
        assert shown(app, "#plan-due-help") == "Monday 30 November 2026"
        await pilot.click("#save")
        await pilot.pause()
        items = [(i.text, i.due) for i in demo_store.worksheets.actions()]
        assert ("Walk at lunch", dt.date(2026, 11, 30)) in items


async def test_a_pause_reads_weekdays_back_and_next_friday_ahead(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.press("4", "b")
        assert isinstance(app.screen, PauseDialog)
        app.screen.query_one("#first", Input).value = "tuesday"
        app.screen.query_one("#last", Input).value = "next friday"
        await pilot.pause()
        help_line = str(app.screen.query_one("#pause-help").render())
        assert help_line == "11 days: Tuesday 24 November 2026 to Friday 4 December 2026"
        await pilot.click("#pause")
        await pilot.pause()
        pauses = demo_store.selfcare.pauses(dt.date(2026, 11, 24), dt.date(2026, 12, 4))
        assert [(p.first, p.last) for p in pauses] == [
            (dt.date(2026, 11, 24), dt.date(2026, 12, 4))
        ]


async def test_onboarding_takes_next_monday(empty_store, make_app, shown):
    app = make_app(empty_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        app.screen.query_one("#start", Input).value = "next monday"
        await pilot.pause()
        assert shown(app, "#start-help") == "Monday 30 November 2026"
        await pilot.click("#begin")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        setup = empty_store.programme.setup()
        assert setup is not None and setup.start == dt.date(2026, 11, 30)
