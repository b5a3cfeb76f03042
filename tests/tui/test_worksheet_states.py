"""Marking sheets complete: an empty one asks first, and states read the same everywhere.

The demo is Sam, Thursday 26 November 2026, week 5: mindfulness is complete,
self-kindness has three answers, coaching-3 has none, the letter is sealed.
"""

from __future__ import annotations

from textual.widgets import DataTable

from companion.tui.dialogs.confirm import AskDialog
from companion.tui.screens.sheet import SheetScreen
from companion.tui.screens.worksheets import WorksheetsScreen


def cell(app, sheet_id: str) -> str:
    return str(app.screen.query_one(DataTable).get_cell(sheet_id, "status"))


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def highlight(pilot, app, sheet_id: str) -> None:
    await pilot.press("3")
    await pilot.pause()
    assert isinstance(app.screen, WorksheetsScreen)
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(sheet_id))
    await pilot.pause()


async def test_c_on_an_empty_sheet_asks_first(demo_store, make_app, shown):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await highlight(pilot, app, "coaching-3")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        # Coaching notes are an extra, not a programme activity: no word about counting.
        assert shown(app, "#ask-question") == (
            "Nothing is written on this sheet yet. Mark it complete anyway?"
        )
        await pilot.press("enter")  # Cancel has the focus
        await pilot.pause()
        assert "coaching-3" not in demo_store.worksheets.completed()
        assert cell(app, "coaching-3") == "not started"

        await pilot.press("c")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert "coaching-3" in demo_store.worksheets.completed()
        assert cell(app, "coaching-3") == "complete"
        coaching = "Group coaching 3: kindness towards yourself and your team"
        assert notes(app)[-1] == f"{coaching} is now complete."

        await pilot.press("c")  # and back: it says what the table says
        await pilot.pause()
        assert cell(app, "coaching-3") == "not started"
        assert notes(app)[-1] == f"{coaching} is now not started."


async def test_c_on_a_sheet_with_answers_marks_it_at_once(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await highlight(pilot, app, "self-kindness")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, WorksheetsScreen)
        assert cell(app, "self-kindness") == "complete"
        title = "Self-kindness: speaking to yourself as to a valued colleague"
        assert notes(app)[-1] == f"{title} is now complete."
        await pilot.press("c")
        await pilot.pause()
        assert cell(app, "self-kindness") == "in progress"
        assert notes(app)[-1] == f"{title} is now in progress."


async def test_ctrl_t_in_an_empty_sheet_asks_too(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await highlight(pilot, app, "coaching-3")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SheetScreen)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert "coaching-3" not in demo_store.worksheets.completed()


async def test_c_on_the_sealed_letter_says_it_is_already_complete(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await highlight(pilot, app, "letter")
        await pilot.press("c")
        await pilot.pause()
        assert notes(app)[-1] == (
            "Your letter is sealed, so it already counts as complete; it stays closed until the "
            "follow-up workshop."
        )
        assert cell(app, "letter") == "sealed"
