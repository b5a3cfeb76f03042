"""The Self-Compassion Break: a guided practice, from the self-kindness sheet and Today.

The demo at NOW is in week 5, so `w` on Today opens the self-kindness
worksheet; walking has been quiet for three days, so Today shows the
self-compassion pause. The practice clock is moved on by hand (`clock`).
"""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input

from companion.domain.selfcare.practice import ENDING
from companion.tui.dialogs.practice_timer import PracticeScreen
from companion.tui.screens.sheet import SheetScreen
from companion.tui.screens.today import TodayScreen

TODAY = dt.date(2026, 11, 26)
MEDITATION_ID = 1


async def open_self_kindness(pilot) -> SheetScreen:
    await pilot.pause()
    await pilot.press("w")  # this week's worksheet
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SheetScreen)
    assert screen.sheet.id == "self-kindness"
    return screen


async def test_the_break_runs_from_the_self_kindness_sheet_step_by_step_and_logs_meditation(
    demo_store, make_app, clock, shown
):
    app = make_app(demo_store)
    before = len(demo_store.selfcare.entries_on(TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_self_kindness(pilot)
        await pilot.press("ctrl+b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        assert screen.habit.key == "meditation"
        assert [h.key for h in screen.habits] == ["meditation"]  # no other habit offered
        assert screen.query_one("#minutes", Input).value == "3"
        assert shown(app, "#practice-heading").startswith("A self-compassion break")
        await pilot.press("enter")
        await pilot.pause()
        step = shown(app, "#practice-step")
        assert step.startswith("Step 1 of 3 \u00b7 This is hard\n")
        assert "rest a hand on your chest" in step  # the optional touch note
        clock.now += 59
        screen.tick()
        assert shown(app, "#practice-step").startswith("Step 1 of 3")
        clock.now += 1
        screen.tick()
        assert shown(app, "#practice-step").startswith("Step 2 of 3 \u00b7 Others feel this too")
        clock.now += 60
        screen.tick()
        assert shown(app, "#practice-step").startswith(
            "Step 3 of 3 \u00b7 A kind word to yourself"
        )
        assert len(demo_store.selfcare.entries_on(TODAY)) == before  # nothing logged yet
        clock.now += 60
        screen.tick()
        await pilot.pause()
        assert shown(app, "#practice-clock") == f"{ENDING}\n3 minutes of meditation logged."
        entries = demo_store.selfcare.entries_on(TODAY)
        assert len(entries) == before + 1
        assert (entries[-1].habit_id, entries[-1].value) == (MEDITATION_ID, 3.0)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SheetScreen)  # back where the break was offered


async def test_the_sheet_offers_the_break_as_a_button_too(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_self_kindness(pilot)
        screen.query_one("#open-guide").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#open-guide")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.guide is not None
        assert app.screen.guide.key == "self-compassion-break"


async def test_a_sheet_without_a_practice_has_no_break_key(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.press("3")
        await pilot.pause()
        from textual.widgets import DataTable

        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("mindfulness"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SheetScreen)
        assert not app.screen.query("#open-guide")
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, SheetScreen)


async def test_the_pause_on_today_offers_the_break_on_b(demo_store, make_app, clock, shown):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        strip = shown(app, "#selfcare-strip")
        assert "A self-compassion pause" in strip
        assert "b starts a self-compassion break" in strip
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.guide is not None
        assert app.screen.habit.key == "meditation"


def test_the_guided_break_snapshot(snap_compare, demo_store, make_app, clock, wait_until):
    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_until(pilot, lambda: app.screen.query_one("#selfcare-strip").display)
        await pilot.press("b", "enter")
        clock.now += 75  # into the second step
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(make_app(demo_store), run_before=run_before, terminal_size=(80, 24))
