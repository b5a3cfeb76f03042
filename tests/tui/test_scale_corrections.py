"""Correcting scale results in the app: remove one (and undo), date a paper form, an early end.

"Now" is Thursday 26 November 2026, week 5 of the demo (start Monday 26
October; the end measures are planned for Thursday 17 December). The demo
holds baseline results for all four scales (Friday 23 October) and an extra
WEMWBS (49) from Thursday 19 November.
"""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, OptionList, Select

from companion.tui.dialogs.confirm import AskDialog
from companion.tui.dialogs.remove_result import RemoveResultDialog
from companion.tui.dialogs.start_scale import StartDialog
from companion.tui.screens.administer import AdministerScreen
from companion.tui.screens.scales import ScalesScreen

WEMWBS_ROW, SF_ROW = 2, 1


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def highlight(pilot, app, row: int) -> None:
    await pilot.press("5")
    assert isinstance(app.screen, ScalesScreen)
    app.screen.query_one("#scales-table", DataTable).move_cursor(row=row)
    await pilot.pause()


def extra_wemwbs(app) -> str:
    return str(app.screen.query_one("#scales-table", DataTable).get_row("wemwbs")[4])


async def test_x_removes_the_chosen_result_and_u_puts_it_back(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await highlight(pilot, app, WEMWBS_ROW)
        assert extra_wemwbs(app) == "49"
        await pilot.press("x")
        assert isinstance(app.screen, RemoveResultDialog)
        options = app.screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert lines == ["Extra     Thu 19 Nov 49", "Baseline  Fri 23 Oct 44"]  # newest first
        await pilot.press("enter")  # the highlighted one: the extra
        await pilot.pause()
        assert isinstance(app.screen, ScalesScreen)
        assert extra_wemwbs(app) == "\u2013"
        wemwbs = [(a.occasion, a.day) for a in demo_store.scales.administrations("wemwbs")]
        assert wemwbs == [("pre", dt.date(2026, 10, 23))]
        assert (
            "Removed your WEMWBS result (Extra, Thursday 19 November 2026). Press u to undo."
            in messages(app)
        )
        await pilot.press("u")
        await pilot.pause()
        assert extra_wemwbs(app) == "49"
        back = [(a.occasion, a.day) for a in demo_store.scales.administrations("wemwbs")]
        assert back == [("pre", dt.date(2026, 10, 23)), ("adhoc", dt.date(2026, 11, 19))]


async def test_escape_in_the_remove_dialog_removes_nothing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await highlight(pilot, app, WEMWBS_ROW)
        await pilot.press("x", "escape")
        assert isinstance(app.screen, ScalesScreen)
        assert len(demo_store.scales.administrations("wemwbs")) == 2


async def open_start(pilot, app, row: int) -> StartDialog:
    await highlight(pilot, app, row)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, StartDialog)
    return app.screen


async def test_a_paper_form_can_be_dated_the_day_it_was_filled_in(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        dialog = await open_start(pilot, app, SF_ROW)
        dialog.query_one("#start-day").focus()
        await pilot.press(*"tomorrow", "enter")
        await pilot.pause()
        assert app.screen is dialog  # refused, and the typing kept to correct
        assert any("has not happened yet" in m for m in messages(app))
        assert dialog.query_one("#start-day").value == "tomorrow"
        dialog.query_one("#start-day").value = ""
        await pilot.press(*"monday", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AdministerScreen)
        unfinished = demo_store.scales.unfinished("scs-sf")
        assert unfinished is not None
        assert unfinished.day == dt.date(2026, 11, 23)  # the Monday before Thursday 26th


async def test_an_end_result_weeks_early_asks_first(demo_store, make_app, shown):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        dialog = await open_start(pilot, app, SF_ROW)
        dialog.query_one("#start-occasion", Select).value = "post"
        await pilot.click("#begin")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        assert shown(app, "#ask-question") == (
            "The end measures are planned for Thursday 17 December 2026; record as end anyway?"
        )
        await pilot.press("enter")  # the focus is on Cancel
        await pilot.pause()
        assert isinstance(app.screen, ScalesScreen)
        assert demo_store.scales.unfinished("scs-sf") is None

        dialog = await open_start(pilot, app, SF_ROW)
        dialog.query_one("#start-occasion", Select).value = "post"
        await pilot.click("#begin")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert isinstance(app.screen, AdministerScreen)
        started = demo_store.scales.unfinished("scs-sf")
        assert started is not None and started.occasion == "post"


async def test_an_extra_result_today_does_not_ask(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await open_start(pilot, app, SF_ROW)
        await pilot.press("enter")  # Begin, with the suggested occasion (extra)
        await pilot.pause()
        assert isinstance(app.screen, AdministerScreen)
