"""A screen that fits: at 80x24 and 120x40, and after a resize, every section shows its
essentials, and nothing a participant typed is cut short."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.widgets import DataTable

from companion.domain.selfcare.habits import HabitSpec
from companion.tui.widgets.fitting_table import FittingTable

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)  # as tests/tui/conftest.py
SMALL, LARGE = (80, 24), (120, 40)
LONG_NAMES = ("Delegated a task", "A kind word to myself before meetings")

_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)" textLength[^>]*>(.*?)</text>')
CHAR_WIDTH = 12.2  # Rich's SVG export: 20 px font, 0.61 em a cell


def screen_lines(app: App[object]) -> list[str]:
    """The whole screen as drawn (dialogs and toasts too), line by line, one cell a char."""
    rows: dict[float, list[str]] = {}
    for x, y, body in _TEXT.findall(app.export_screenshot()):
        row = rows.setdefault(float(y), [" "] * app.size.width)
        column = round(float(x) / CHAR_WIDTH)
        for char in html.unescape(body).replace("\xa0", " "):
            width = cell_len(char)
            if column + width <= len(row):
                row[column : column + width] = [char] + [""] * (width - 1)
            column += width
    return ["".join(row).rstrip() for _, row in sorted(rows.items())]


def _continues(lines: list[str], row: int, column: int, text: str) -> bool:
    """`text` starts at (row, column), whole or wrapped at spaces onto the rows below."""
    if row >= len(lines):
        return False
    line = lines[row]
    if line[column:].startswith(text):
        return True
    words = text.split(" ")
    for cut in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if line[column:].startswith(head) and _continues(lines, row + 1, column, tail):
            return True
    return False


def shows_whole(lines: list[str], text: str) -> bool:
    """`text` is on screen uncut: on one line, or wrapped at spaces in one column."""
    first = text.split(" ")[0]
    for row, line in enumerate(lines):
        column = line.find(first)
        while column >= 0:
            if _continues(lines, row, column, text):
                return True
            column = line.find(first, column + 1)
    return False


def test_shows_whole_reads_wrapped_names_and_refuses_cut_ones():
    assert shows_whole(["  Delegated a   ·", "  task"], "Delegated a task")
    assert not shows_whole(["  Delegated a…  ·"], "Delegated a task")
    assert not shows_whole(["  Delegated a   ·", "   task"], "Delegated a task")


@pytest.fixture
def habits_store(demo_store):
    """The demo with two habits a participant added, one name long enough to wrap twice."""
    for key, name in zip(("delegate", "kind"), LONG_NAMES, strict=True):
        demo_store.selfcare.add_habit(HabitSpec(key, name, "yesno", "times", None), NOW)
    return demo_store


async def _open(pilot, key: str) -> list[str]:
    await pilot.press(key)
    await pilot.pause()
    await pilot.pause()
    return screen_lines(pilot.app)


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_habit_names_are_never_cut(habits_store, make_app, size):
    app = make_app(habits_store)
    async with app.run_test(size=size) as pilot:
        lines = await _open(pilot, "4")
        for name in ("Meditation", "Walking", "Hydration", *LONG_NAMES):
            assert shows_whole(lines, name), "\n".join([name, *lines])


async def test_tables_fit_again_after_the_terminal_shrinks(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=LARGE) as pilot:
        wide = await _open(pilot, "3")
        title = "Self-kindness: speaking to yourself as to a valued colleague"
        assert any(title in line for line in wide)  # room enough: on one line
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        for key, last_column in (("3", "Status"), ("2", "Session"), ("4", "Last 2 weeks")):
            lines = await _open(pilot, key)
            # One mechanism: every table on every section is a FittingTable.
            assert all(isinstance(t, FittingTable) for t in app.screen.query(DataTable))
            heading = next(line for line in lines if "Week" in line)
            assert last_column in heading, "\n".join(lines)
        lines = await _open(pilot, "3")
        assert shows_whole(lines, title), "\n".join(lines)
        assert "\u2026" not in "\n".join(lines)
        await pilot.resize_terminal(*LARGE)
        await pilot.pause()
        lines = await _open(pilot, "3")
        assert any(title in line for line in lines)  # and one line again


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_the_footer_never_runs_off_the_screen(demo_store, make_app, size):
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        for key in "12345":
            footer = (await _open(pilot, key))[-1]
            # Every hint whole: the last ones are the first to be cut.
            assert footer.rstrip().endswith(("q Quit", "^p palette")), footer
            assert "? Help" in footer, footer


async def test_the_heatmap_names_each_month_whole(demo_store, make_app):
    # Wednesday 2 December: the heatmap's last week is the first of December.
    app = make_app(demo_store, NOW + dt.timedelta(days=6))
    async with app.run_test(size=SMALL) as pilot:
        lines = await _open(pilot, "4")
        months = next(line for line in lines if "Oct" in line)
        assert months.split("\u2502")[-2].split()[-2:] == ["Nov", "Dec"], months


async def test_focus_and_hints_follow_what_the_person_means(demo_store, make_app):
    from textual.widgets._footer import FooterKey

    from companion.tui.dialogs.pause_days import PauseDialog

    app = make_app(demo_store)
    async with app.run_test(size=SMALL) as pilot:
        await _open(pilot, "4")
        log_box = app.screen.query_one("#log-input")
        await pilot.press("tab")
        assert app.focused is not log_box  # so `e` next edits, not types
        await pilot.press("shift+tab")
        assert "press l" in log_box.placeholder
        await pilot.press("l")
        await pilot.pause()
        assert app.focused is log_box
        assert "Enter logs" in log_box.placeholder  # not "press l" while typing
        shown = {key.description for key in app.screen.query(FooterKey)}
        assert {"Log", "Back to the list"} <= shown  # the footer says how to finish
        await pilot.press("escape")
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, PauseDialog)
        assert app.focused is app.screen.query_one("#first")


@pytest.mark.parametrize("size", [SMALL, LARGE])
async def test_a_long_habit_name_is_whole_in_the_heatmap_and_on_today(
    habits_store, make_app, size
):
    long_name = LONG_NAMES[1]  # 37 characters
    app = make_app(habits_store)
    async with app.run_test(size=size) as pilot:
        lines = await _open(pilot, "1")
        strip = app.screen.query_one("#selfcare-strip")
        strip.scroll_visible(animate=False)
        lines = await _open(pilot, "1")
        top = next(row for row, line in enumerate(lines) if "\u2500 Self-care \u2500" in line)
        assert shows_whole(lines[top:], long_name), "\n".join(lines)
        await _open(pilot, "4")
        await pilot.press("down", "down", "down", "down")  # the habit with the long name
        lines = await _open(pilot, "4")
        heatmap = app.screen.query_one("#heatmap").region.x
        box = [line[heatmap:] for line in lines]
        assert shows_whole(box, long_name), "\n".join(box)


@pytest.mark.parametrize("kind", ["yesno", "minutes"])
async def test_the_log_box_hints_fit_beside_a_long_name(habits_store, make_app, kind):
    if kind == "minutes":
        habits_store.selfcare.add_habit(
            HabitSpec("long", "Mindful minutes with the whole team too", "minutes", "minutes", 10),
            NOW,
        )
    app = make_app(habits_store)
    async with app.run_test(size=SMALL) as pilot:
        await _open(pilot, "4")
        await pilot.press(*["down"] * (5 if kind == "minutes" else 4))
        log_box = app.screen.query_one("#log-input")
        for key in ("", "l"):  # before typing, and while typing
            if key:
                await pilot.press(key)
            lines = await _open(pilot, "4") if not key else screen_lines(app)
            row = next(line for line in lines if line.lstrip().startswith("Log "))
            assert ("Log Mindful min" if kind == "minutes" else "Log A kind word") in row
            assert log_box.placeholder in row, row
