"""Support, one key away: from every section, help, the palette, Today, and the sheets
that may stir up difficult feelings; the letter's framing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from rich.console import Console
from textual.widgets import Button, DataTable, Static

from companion import content
from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.tui.dialogs.help import HelpScreen
from companion.tui.dialogs.support import SupportScreen
from companion.tui.screens.letter import LetterScreen
from companion.tui.screens.sheet import SheetScreen
from companion.tui.sections import SECTIONS
from companion.tui.widgets.answer_area import AnswerArea

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)  # as tests/tui/conftest.py

CONTACTS = [
    "If life is at risk \u00b7 Call 999 or go to A&E",
    "NHS 111 \u00b7 Call 111; in England choose option 2 for mental health",
    "Samaritans \u00b7 Call 116 123, free, day or night",
    "Shout \u00b7 Text SHOUT to 85258, free, any time",
    "Your GP \u00b7 Contact your GP practice",
    "Your programme coach \u00b7 Contact them as agreed when the programme began",
]


def contacts_shown(app) -> list[str]:
    return [str(s.render()) for s in app.screen.query(".support-how").results(Static)]


@pytest.fixture
def week_2_store(empty_store):
    """A programme that started Monday 16 November 2026: NOW is in week 2 (the letter is open)."""
    empty_store.programme.save_setup(
        dt.date(2026, 11, 16), "Ana", "Europe/London", DEFAULT_HABITS, NOW
    )
    return empty_store


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.mode)
async def test_support_is_one_key_from_every_section(demo_store, make_app, section) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(section.key)
        await pilot.pause()
        assert app.current_mode == section.mode
        await pilot.press("h")
        assert isinstance(app.screen, SupportScreen)
        assert contacts_shown(app) == CONTACTS  # most urgent first
        whens = [str(s.render()) for s in app.screen.query(".support-when").results(Static)]
        assert whens[2] == "When you want someone to listen, about anything, without judging."
        sources = str(app.screen.query_one("#support-sources", Static).render())
        assert "https://www.samaritans.org/how-we-can-help/contact-samaritan/" in sources
        await pilot.press("escape")
        assert not isinstance(app.screen, SupportScreen)
        assert app.current_mode == section.mode


async def test_support_from_help_and_from_the_palette(demo_store, make_app) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=56, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#help Static", Static).content)
        assert console.export_text().startswith("Finding things hard? Press h (or F1) for Support")
        await pilot.press("h")
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, (HelpScreen, SupportScreen))
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert commands["Support"].help == "Who to contact when things are hard (key h or F1)"
        commands["Support"].callback()
        await pilot.pause()
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("h")  # h closes it again, as ? closes help
        assert not isinstance(app.screen, SupportScreen)


async def test_today_offers_support_when_the_latest_wellbeing_is_very_low(
    demo_store, make_app, shown
) -> None:
    from companion.content.instruments import instrument

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = app.screen.query_one("#support-card", Static)
        # The demo's SWEMWBS baseline, 20.73, is below 21.06.
        assert card.display
        assert shown(app, "#support-card").endswith(
            "Press h for Support: who to contact, and when."
        )
    # A later result that is not very low: the card goes.
    demo_store.scales.save_result(instrument("swemwbs"), "adhoc", NOW.date(), [4] * 7, NOW)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#support-card", Static).display


@pytest.mark.parametrize(
    ("sheet_id", "linked"),
    [("self-kindness", True), ("barriers-and-keeping-going", True), ("mindfulness", False)],
)
async def test_sheets_that_may_stir_difficult_feelings_link_to_support(
    demo_store, make_app, sheet_id: str, linked: bool
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(sheet_id))
        await pilot.press("enter")
        await pilot.pause()
        sheet = app.screen
        assert isinstance(sheet, SheetScreen)
        assert bool(sheet.query("#sheet-support")) is linked
        # F1 opens Support even while typing, and the typing is kept.
        area = sheet.focused
        assert isinstance(area, AnswerArea)
        await pilot.press("h", "i")
        before = area.text
        assert app.screen is sheet and "hi" in before  # h is typed, not taken
        await pilot.press("f1")
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape")
        assert app.screen is sheet and area.text == before
        if linked:
            sheet.query_one("#open-support", Button).press()
            await pilot.pause()
            assert isinstance(app.screen, SupportScreen)


async def test_the_letter_is_framed_as_from_a_kind_wise_friend(week_2_store, make_app) -> None:
    app = make_app(week_2_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "l")
        await pilot.pause()
        assert isinstance(app.screen, LetterScreen)
        intro = str(app.screen.query_one(".sheet-intro", Static).render())
        assert "Write it as a kind, wise friend would write to you" in intro
        assert "it stays closed until then" in intro  # still sealed until the follow-up
        app.screen.query_one("#open-support", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, SupportScreen)


def test_the_packaged_support_page_is_what_the_app_shows() -> None:
    support = content.support()
    assert [f"{c.name} \u00b7 {c.how}" for c in support.contacts] == CONTACTS


def test_support_snapshot(snap_compare, demo_store, make_app) -> None:
    assert snap_compare(make_app(demo_store), press=["h"], terminal_size=(80, 24))


async def test_f1_opens_support_over_a_dialog_too(demo_store, make_app) -> None:
    from companion.tui.dialogs.practice_timer import PracticeScreen

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)  # a dialog, with a text box focused
        await pilot.press("f1")
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PracticeScreen)
