"""Every screen and dialog, drawn over a database full of hostile text, shows it literally.

Old databases (and other programs) may hold what today's input rules refuse,
so the text is written with SQL: markup (`[/]` ends a naive app), escape
sequences (a terminal would clear itself or change its title), a direction
override (it reverses the rest of a printed line), a name of invisible
characters only, a very long and wide name. Each screen is then drawn for
real, and its picture (Textual's SVG export of the whole screen, dialogs over
their screen, notifications included) is checked: the app did not crash, the
text shows literally where it is visible, and no raw ESC, BEL or U+202E
reaches the terminal.

Demo at NOW (Thursday 26 November 2026, week 5): habits 1 meditation, 2
walking (minutes), 3 hydration (a count); this morning's meditation has a
note; 11 and 12 November are paused for a cold; the letter is sealed.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList, Static

from companion import demo
from companion.content.instruments import instrument
from companion.store import Store, open_store
from companion.tui.dialogs.action_plan_item import PlanItemDialog
from companion.tui.dialogs.add_habit import HabitDialog
from companion.tui.dialogs.answer_versions import VersionsDialog
from companion.tui.dialogs.confirm import AskDialog
from companion.tui.dialogs.edit_entry import EntryDialog
from companion.tui.dialogs.help import HelpScreen
from companion.tui.dialogs.move_session import MoveDialog
from companion.tui.dialogs.pause_days import PauseDialog
from companion.tui.dialogs.practice_timer import PracticeScreen
from companion.tui.dialogs.rename_habit import RenameDialog
from companion.tui.dialogs.scale_sources import SourcesScreen
from companion.tui.dialogs.start_scale import StartDialog
from companion.tui.literal import ShowControls
from companion.tui.screens.action_plan import ActionPlanScreen
from companion.tui.screens.administer import AdministerScreen
from companion.tui.screens.letter import LetterScreen
from companion.tui.screens.search import SearchScreen
from companion.tui.screens.selfcare import SelfCareScreen
from companion.tui.screens.sheet import SheetScreen
from companion.tui.screens.side_by_side import SideBySideScreen

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)  # as tests/tui/conftest.py
SF = instrument("scs-sf")

# What must never reach the terminal as it is.
RAW = ("\x1b", "\x07", "\u202e")

FIRST_NAME = "[/]\x1b]0;t\x07\u202eSam"
HABITS = {  # id: the name stored
    1: "[/]",
    2: "[bold red]x",
    3: "Walk [30 min]",
    4: "[link=https://x]y",
    5: "[@click=app.quit]q",
    6: "\x1b]0;title\x07T",
    7: "\x1b[2Jcleared",
    8: "\u202eevil name",
    9: "\u200b\u200d\ufeff",  # shows nothing at all
    10: "\u6f22" * 40,  # the longest name, twice as wide as it is long
}
UNIT = "[/]cups\x1b[2J"
NOTE = "[/] note \x1b[2J \u202erev"
REASON = "[b]cold\x1b]0;t\x07\u202e"
PLAN_ITEM = "[bold red]plan\x1b[2J\u202e kindness"
ANSWER = "[/] kindness [i]here\n\x1b]0;title\x07 \u202eback"
WORDING = "[/] Placeholder \x1b[2J\u202e item"
TIMED = "\x1b]0;t\x07\u202ewalk [b]"  # a timed habit: named where practice is counted


def escaped(text: str) -> str:
    """How a one-line `text` shows: ESC, BEL, U+202E and line breaks as escapes."""
    return "".join(
        c.encode("unicode_escape").decode("ascii") if c in "\x1b\x07\u202e\n" else c for c in text
    )


@pytest.fixture
def hostile(tmp_path) -> Iterator[Store]:
    path = tmp_path / "demo.db"
    demo.build(path, NOW)
    store = open_store(path)
    sql = store.conn.execute
    sql("UPDATE programme SET name = ?", (FIRST_NAME,))
    created = "2026-11-20T09:00:00Z"
    for habit_id, name in HABITS.items():
        if habit_id <= 3:
            sql("UPDATE habit SET name = ? WHERE id = ?", (name, habit_id))
        else:
            sql(
                "INSERT INTO habit (id, key, name, kind, unit, per, direction, position,"
                " created_utc) VALUES (?, ?, ?, 'yesno', 'times', 'day', 'at_least', ?, ?)",
                (habit_id, f"h{habit_id}", name, habit_id, created),
            )
    sql("UPDATE habit SET unit = ? WHERE id = 3", (UNIT,))
    sql("UPDATE habit_entry SET note = ? WHERE note IS NOT NULL", (NOTE,))
    sql("UPDATE habit_pause SET reason = ?", (REASON,))
    item = store.worksheets.add_action("kindness to replace", None, NOW)
    sql("UPDATE plan_item SET body = ? WHERE id = ?", (PLAN_ITEM, item.id))
    # Answers take any text but NUL (the writing rules): this goes through the store.
    store.worksheets.save_answer("questionnaire-baseline", "role-context", ANSWER, NOW)
    (answer_id,) = sql(
        "SELECT id FROM answer WHERE sheet_id = 'questionnaire-baseline'"
        " AND prompt_id = 'role-context'"
    ).fetchone()
    sql(
        "INSERT INTO answer_version (answer_id, body, saved_utc) VALUES (?, ?, ?)",
        (answer_id, ANSWER + " (earlier)", "2026-11-25T09:00:00Z"),
    )
    store.scales.import_wording(SF, [f"Placeholder {n}" for n in range(1, 13)], NOW)
    sql("UPDATE scale_wording SET text = ? WHERE instrument = ? AND item = 1", (WORDING, SF.id))
    yield store
    store.close()


# ---------------------------------------------------------------- reading the screen

_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)" textLength[^>]*>(.*?)</text>')
CHAR_WIDTH = 12.2  # Rich's SVG export: 20 px font, 0.61 em a cell


def screen_lines(app: App[object]) -> list[str]:
    """The whole screen as it is drawn (a dialog over its screen, toasts too), line by line.

    Also checks the picture on the way: nothing in `RAW` is in it.
    """
    svg = app.export_screenshot()
    for char in RAW:
        assert char not in svg, f"{char!r} reached the screen"
    rows: dict[float, list[str]] = {}
    for x, y, body in _TEXT.findall(svg):
        row = rows.setdefault(float(y), [" "] * (app.size.width * 2))
        column = round(float(x) / CHAR_WIDTH)
        for char in html.unescape(body).replace("\xa0", " "):
            width = cell_len(char)
            if width == 0 and column > 0:  # a joiner or a mark: with the cell before it
                row[column - 1] += char
            elif column + width <= len(row):
                row[column : column + width] = [char] + [""] * (width - 1)
            column += width
    return ["".join(row).rstrip() for _, row in sorted(rows.items())]


def on_screen(app: App[object], *texts: str) -> None:
    """Each of `texts` shows on one line of the screen exactly as given (and nothing raw)."""
    lines = screen_lines(app)
    for text in texts:
        assert any(text in line for line in lines), "\n".join([repr(text), *lines])


async def show(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    assert pilot.app.return_code is None, pilot.app.crash_line  # no crash
    screen_lines(pilot.app)


def fields_show_controls(app: App[object]) -> None:
    """Every one-line field on screen shows controls as stand-ins (LiteralInput)."""
    for field in app.screen.query(Input):
        assert isinstance(field.highlighter, ShowControls), field


# ---------------------------------------------------------------- the sections


async def test_today_programme_and_worksheets(hostile, make_app):
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await show(pilot)
        on_screen(app, f"Good morning, {escaped(FIRST_NAME)}.")
        on_screen(app, "[/] ", "Walk [30 min]")  # the self-care strip
        on_screen(app, escaped(PLAN_ITEM))  # the plan on the reflections card
        await show(pilot, "2")
        await show(pilot, "3")
        on_screen(app, "Worksheets, coaching notes and questionnaires")
    # And at 80x24, where everything is cut shorter.
    small = make_app(hostile)
    async with small.run_test(size=(80, 24), notifications=True) as pilot:
        await show(pilot)
        for key in ("2", "3", "4", "5"):
            await show(pilot, key)


async def test_a_sheet_its_versions_the_plan_and_side_by_side(hostile, make_app):
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await show(pilot, "3")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("questionnaire-baseline"))
        await show(pilot, "enter")
        assert isinstance(app.screen, SheetScreen)
        # The editor shows the answer with stand-ins (ESC \u241b, BEL \u2407, U+202E \u21c4).
        on_screen(app, "[/] kindness [i]here", "\u241b]0;title\u2407 \u21c4back")
        await show(pilot, "ctrl+r")
        assert isinstance(app.screen, VersionsDialog)
        on_screen(app, "[/] kindness [i]here")
        await show(pilot, "escape", "escape", "p")
        assert isinstance(app.screen, ActionPlanScreen)
        table = app.screen.query_one(DataTable)
        plan_row = next(r for r in range(table.row_count) if "plan" in str(table.get_row_at(r)[1]))
        table.move_cursor(row=plan_row)
        await show(pilot)
        on_screen(app, escaped(PLAN_ITEM))
        await show(pilot, "e")
        assert isinstance(app.screen, PlanItemDialog)
        fields_show_controls(app)
        on_screen(app, "[bold red]plan\u241b[2J\u21c4 kindness")
        await show(pilot, "escape", "escape", "b")
        assert isinstance(app.screen, SideBySideScreen)
        on_screen(app, "[/] kindness [i]here", "\\x1b]0;title\\x07 \\u202eback")


async def test_search_with_hits(hostile, make_app, wait_until):
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await show(pilot, "3", "slash")
        assert isinstance(app.screen, SearchScreen)
        fields_show_controls(app)
        await pilot.press(*"kindness")
        await wait_until(pilot, lambda: len(app.screen.hits) >= 2)
        on_screen(app, escaped(PLAN_ITEM), "[/] kindness [i]here \\x1b]0;title\\x07")
        # A search that finds nothing echoes the typing, escaped.
        app.screen.query_one(Input).value = "zzz [/]"
        await wait_until(pilot, lambda: not app.screen.hits)
        on_screen(app, "Nothing you wrote matches \u201czzz [/]\u201d.")
        # One with a control character in it says so, showing no raw control.
        app.screen.query_one(Input).value = "zzz \x1b[2J"
        summary = app.screen.query_one("#search-summary")
        await wait_until(pilot, lambda: "control" in str(summary.render()))
        on_screen(app, "The search must be on one line, without control characters")


async def test_selfcare_every_habit_its_heatmap_and_day_card(hostile, make_app):
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await show(pilot, "4")
        assert isinstance(app.screen, SelfCareScreen)
        for index, name in enumerate(HABITS.values()):
            if index:
                await show(pilot, "down")
            start = escaped(name)[:12]  # labels are cut short to fit
            on_screen(app, f"Log {start}")  # the label
            heatmap = str(app.screen.query_one("#heatmap", Static).render())
            assert heatmap.startswith(escaped(name) + "\n")  # the heatmap's first line
        on_screen(app, f"{escaped(NOTE)}")  # the day card: this morning's note
        await show(pilot, "up", "up", "up", "up", "up", "up", "up")  # back to hydration
        field = app.screen.query_one("#log-input", Input)
        assert field.placeholder == "press l, then [/]cups\\x1b[2J and a note"
        on_screen(app, "Walk [30 min]  2 [/]cups\\x1b[2J")  # on the day card
        # The paused days of 11 and 12 November, with their reason.
        await show(pilot, "left_square_bracket", "left_square_bracket", *["left"] * 1)
        on_screen(app, f"({escaped(REASON)})")


async def test_every_selfcare_dialog(hostile, make_app):
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await show(pilot, "4")
        await show(pilot, "e")  # this morning's meditation entry, with its note
        assert isinstance(app.screen, EntryDialog)
        fields_show_controls(app)
        on_screen(app, "[/] on Thursday 26 November 2026", "[/] note \u241b[2J \u21c4rev")
        await show(pilot, "escape", "r")  # rename the highlighted habit, `[/]`
        assert isinstance(app.screen, RenameDialog)
        on_screen(app, "A new name for [/]")
        await show(pilot, "escape", "n")
        assert isinstance(app.screen, HabitDialog)
        fields_show_controls(app)
        await show(pilot, "escape", "p")
        assert isinstance(app.screen, PracticeScreen)
        on_screen(app, "[/]")  # the chosen practice, in the Select
        await show(pilot, "escape", "b")
        assert isinstance(app.screen, PauseDialog)
        fields_show_controls(app)
        await show(pilot, "escape")
        app.screen.query_one("#day-entries", OptionList).highlighted = 1  # the glasses of water
        await show(pilot, "e")
        assert isinstance(app.screen, EntryDialog)
        on_screen(app, "How many [/]cups\\x1b[2J")
        await show(pilot, "escape")
        app.screen.query_one("#habit-table", DataTable).move_cursor(row=6)
        await show(pilot, "r")
        assert isinstance(app.screen, RenameDialog)
        on_screen(app, "A new name for \\x1b[2Jcleared")
        assert app.screen.query_one(Input).value == HABITS[7]  # as stored, shown safely
        on_screen(app, "\u241b[2Jcleared")
        await show(pilot, "escape")
        # A paused day offers to resume it, naming the reason.
        await show(pilot, "left_square_bracket", "left_square_bracket", "left", "b")
        assert isinstance(app.screen, PauseDialog)
        on_screen(app, f"({escaped(REASON)})")
        # A yes-or-no question over it all (it echoes messages that may quote typing).
        app.push_screen(AskDialog(NOTE, f"{NOTE}\n\n{REASON}", "Yes", "No"))
        await show(pilot)
        on_screen(app, escaped(NOTE), escaped(REASON))


async def test_scales_a_result_the_sources_and_imported_wording(hostile, make_app):
    hostile.conn.execute("UPDATE habit SET name = ? WHERE id = 2", (TIMED,))
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await show(pilot, "5")
        app.screen.query_one(DataTable).move_cursor(row=2)  # the WEMWBS, with a change
        await show(pilot)
        on_screen(app, f"of {escaped(TIMED)}.")
        app.screen.query_one(DataTable).move_cursor(row=0)
        app.screen.query_one(DataTable).move_cursor(row=1)  # the SCS-SF
        await show(pilot)
        on_screen(app, "wording imported")
        await show(pilot, "s")
        assert isinstance(app.screen, SourcesScreen)
        await show(pilot, "escape", "enter")
        assert isinstance(app.screen, StartDialog)
        await show(pilot, "enter")
        assert isinstance(app.screen, AdministerScreen)
        on_screen(app, "[/] Placeholder \\x1b[2J\\u202e item")
        await show(pilot, "r")  # the review
        await show(pilot, "escape")


async def test_progress_names_habits_and_plan_items_literally(hostile, make_app):
    # Tall enough for the whole story: the practice between two WEMWBS results
    # names the timed habits (1 and 2), and the open plan item is listed.
    hostile.conn.execute("UPDATE habit SET name = ? WHERE id = 2", (TIMED,))
    app = make_app(hostile)
    async with app.run_test(size=(120, 80), notifications=True) as pilot:
        await show(pilot, "6")
        on_screen(app, f"of {HABITS[1]} and ", f"of {escaped(TIMED)}.", escaped(PLAN_ITEM))
    small = make_app(hostile)
    async with small.run_test(size=(80, 24), notifications=True) as pilot:
        await show(pilot, "6")


async def test_help_the_palette_and_the_move_dialog(hostile, make_app):
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await show(pilot, "4")
        await show(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await show(pilot, "escape", "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"habit")
        await pilot.pause(0.3)
        await show(pilot)
        on_screen(app, "New habit")
        await show(pilot, "escape", "2", "v")
        assert isinstance(app.screen, MoveDialog)
        fields_show_controls(app)


async def test_notifications_echo_names_literally(hostile, make_app):
    app = make_app(hostile)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await show(pilot, "4", "down", "l", "2", "0", "enter")  # walking, `[bold red]x`
        on_screen(app, "[bold red]x: 20 minutes logged for today")
        await show(pilot, "down", "down", "down", "down", "a")  # archive `\x1b]0;title\x07T`
        on_screen(app, "\\x1b]0;title\\x07T is put away")


async def test_the_opened_letter(hostile, make_app):
    hostile.conn.execute(
        "UPDATE letter SET body = ?, opened_utc = ?", (ANSWER, "2027-01-31T09:00:00Z")
    )
    app = make_app(hostile, dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.UTC))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await show(pilot, "3", "l")
        assert isinstance(app.screen, LetterScreen)
        on_screen(app, "[/] kindness [i]here", "\\x1b]0;title\\x07 \\u202eback")


def test_the_hostile_texts_are_what_the_input_rules_now_refuse():
    """The point of writing them with SQL: typed today, each would be refused."""
    from companion.domain.errors import Invalid
    from companion.domain.user_text import check_line

    for text in (FIRST_NAME, HABITS[6], HABITS[7], HABITS[8], HABITS[9], NOTE, REASON):
        with pytest.raises(Invalid):
            check_line(text, what="It", limit=500)
