"""The app's number and date fields follow the one rule for digits (companion/domain/numbers.py).

Every field reads through the domain's readers, as the shell does: digits of
any script mean what ASCII digits mean; look-alikes are refused and the typing
kept. Demo store at Thursday 26 November 2026 (tests/tui/conftest.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, Select

from companion.tui.dialogs.add_habit import HabitDialog
from companion.tui.screens.selfcare import SelfCareScreen

TODAY = dt.date(2026, 11, 26)
ARABIC_INDIC_3 = "\u0663"
FULLWIDTH_25 = "\uff12\uff15"


async def open_selfcare(pilot) -> None:
    await pilot.press("4")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SelfCareScreen)


async def test_a_target_in_arabic_indic_digits_is_that_target(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 30)) as pilot:
        await open_selfcare(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, HabitDialog)
        await pilot.press(*"Tea")
        app.screen.query_one("#kind", Select).value = "count"
        app.screen.query_one("#target", Input).value = ARABIC_INDIC_3
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, SelfCareScreen)
        tea = demo_store.selfcare.habits()[-1]
        assert (tea.key, tea.kind, tea.target) == ("tea", "count", 3.0)


@pytest.mark.parametrize(("typed", "saved"), [(FULLWIDTH_25, True), ("2\u00b2", False)])
async def test_an_amount_in_fullwidth_digits_is_logged_and_a_look_alike_is_not(
    demo_store, make_app, typed, saved
):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await open_selfcare(pilot)
        await pilot.press("down", "l")  # walking
        field = app.screen.query_one("#log-input", Input)
        field.value = typed
        await pilot.press("enter")
        await pilot.pause()
        walks = [e.value for e in demo_store.selfcare.entries_on(TODAY) if e.habit_id == 2]
        assert walks == ([25.0] if saved else [])
        if not saved:
            assert field.value == typed
            shown = [n.message for n in app._notifications]
            assert any("U+00B2 SUPERSCRIPT TWO is not a digit" in m for m in shown), shown
