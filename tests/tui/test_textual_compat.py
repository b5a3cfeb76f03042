"""The private Textual names in companion/tui/_textual_compat.py still exist and still work.

If a Textual upgrade fails here, read the docstring of the function or class
the failing test names in _textual_compat.py: it says what the private name
is for and what public API could replace it. Fix it there; no other module
touches a private Textual name.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
from collections.abc import Iterator

import pytest
from textual._compositor import Compositor
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import TextArea
from textual.widgets.text_area import Location

from companion import tui
from companion.tui._textual_compat import with_typing_check
from companion.tui.app import CompanionApp
from companion.tui.screens.programme import ProgrammeScreen
from companion.tui.screens.today import TodayScreen

COMPAT = "companion/tui/_textual_compat.py"
SECRET = "I felt I let my team down"


# ---------------------------------------------------------------- the names and their shapes


@pytest.mark.parametrize(
    ("owner", "name", "parameters", "used_by"),
    [
        (App, "_handle_exception", ["self", "error"], "AppWithOwnCrashReport"),
        (App, "_init_mode", ["self", "mode"], "build_mode_screen"),
        (
            TextArea,
            "_replace_via_keyboard",
            ["self", "insert", "start", "end"],
            "with_typing_check",
        ),
        (Compositor, "reflow", ["self", "parent", "size"], "render_out_of_sight"),
        (Compositor, "render_full_update", ["self", "simplify"], "render_out_of_sight"),
    ],
    ids=[
        "App._handle_exception",
        "App._init_mode",
        "TextArea._replace_via_keyboard",
        "Compositor.reflow",
        "Compositor.render_full_update",
    ],
)
def test_each_private_method_exists_with_the_shape_used(owner, name, parameters, used_by):
    method = getattr(owner, name, None)
    where = f"Textual's {owner.__name__}.{name}"
    assert callable(method), f"{where} is gone: see {used_by} in {COMPAT}"
    found = list(inspect.signature(method).parameters)
    assert found == parameters, (
        f"{where} now takes {found}, not {parameters}: see {used_by} in {COMPAT}"
    )


def test_each_private_attribute_exists_with_the_type_used():
    from textual._compositor import Compositor

    async def check() -> None:
        app = App[None]()
        screen = Screen[None]()
        for owner, name, kind, used_by in [
            (app, "_css_update_count", int, "share_stylesheet_state"),
            (screen, "_css_update_count", int, "share_stylesheet_state"),
            (app, "_exception_event", asyncio.Event, "AppWithOwnCrashReport"),
            (screen, "_compositor", Compositor, "render_out_of_sight"),
        ]:
            value = getattr(owner, name, None)
            assert isinstance(value, kind), (
                f"Textual's {type(owner).__name__}.{name} is {value!r}, not a {kind.__name__}: "
                f"see {used_by} in {COMPAT}"
            )
        assert hasattr(app, "_exception") and app._exception is None, (
            f"Textual's App._exception is gone or not None at start: see AppWithOwnCrashReport "
            f"in {COMPAT}"
        )

    asyncio.run(check())


# ---------------------------------------------------------------- the crash path


@pytest.fixture
def gc_restored() -> Iterator[None]:
    """`companion.tui.run` pauses collection until the first frame, which a crash can prevent."""
    yield
    gc.enable()
    gc.unfreeze()


def test_a_crash_ends_the_app_with_code_1_one_line_and_a_report_without_typed_text(
    demo_store, tmp_path, monkeypatch, capsys, gc_restored
):
    def show(self, view):
        secret_reflection = SECRET  # a local, as Textual's own report would print
        raise RuntimeError(secret_reflection)

    monkeypatch.setattr(TodayScreen, "show", show)
    monkeypatch.setattr(CompanionApp, "run", lambda app: App.run(app, headless=True))

    code = tui.run(demo_store)  # as `companion` runs it, only without a terminal

    out, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1, err  # one line, and nothing from Textual
    assert err.startswith("companion: something unexpected went wrong (RuntimeError)"), err
    assert SECRET not in out + err
    (report,) = (tmp_path / "state").rglob("crash-*.txt")
    assert str(report) in err
    text = report.read_text()
    assert "RuntimeError" in text and "in show" in text
    assert SECRET not in text
    assert report.stat().st_mode & 0o777 == 0o600


async def test_a_crash_under_run_test_is_raised_when_the_test_block_ends(
    demo_store, make_app, monkeypatch
):
    def show(self, view):
        raise RuntimeError("a bug")

    monkeypatch.setattr(ProgrammeScreen, "show", show)
    app = make_app(demo_store)
    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test() as pilot:
            await pilot.press("2")  # returns once the crash is noticed, not after a timeout
    assert app.return_code == 1
    assert app.crash_line.startswith("companion: something unexpected went wrong (RuntimeError)")


# ---------------------------------------------------------------- sections


async def test_a_section_opened_first_time_does_not_refresh_the_whole_stylesheet(
    demo_store, make_app, monkeypatch
):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        refreshes: list[bool] = []
        original = App.refresh_css

        def counted(self: App[object], animate: bool = True) -> None:
            refreshes.append(animate)
            original(self, animate)

        monkeypatch.setattr(App, "refresh_css", counted)
        await pilot.press("2")
        assert isinstance(app.screen, ProgrammeScreen)
        assert refreshes == []


async def test_a_section_can_be_built_out_of_sight(demo_store, make_app):
    from companion.tui._textual_compat import build_mode_screen

    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        with pytest.raises(KeyError):
            app.get_screen_stack("programme")  # the public way to ask: not built yet
        build_mode_screen(app, "programme")
        await pilot.pause()
        (built,) = app.get_screen_stack("programme")
        assert isinstance(built, ProgrammeScreen) and built.is_mounted
        assert app.current_mode == "today" and isinstance(app.screen, TodayScreen)
        await pilot.press("2")
        assert app.screen is built


async def test_a_section_built_out_of_sight_can_be_rendered_there(
    demo_store, make_app, monkeypatch
):
    """Its widgets render their lines while Today is on show; opened, it looks the same
    as a section opened without any of this."""
    from textual.widget import Widget

    from companion.tui._textual_compat import build_mode_screen, render_out_of_sight

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        expected = app.export_screenshot()
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        build_mode_screen(app, "programme")
        await pilot.pause()
        (built,) = app.get_screen_stack("programme")
        rendered: list[Widget] = []
        render_lines = Widget.render_lines

        def counted(self: Widget, crop: object) -> object:
            rendered.append(self)
            return render_lines(self, crop)

        monkeypatch.setattr(Widget, "render_lines", counted)
        render_out_of_sight(built)
        assert built.query_one("DataTable") in rendered
        assert app.screen is not built and isinstance(app.screen, TodayScreen)
        monkeypatch.undo()
        await pilot.press("2")
        assert app.screen is built
        assert app.export_screenshot() == expected


# ---------------------------------------------------------------- typing checks


@with_typing_check
class NoX(TextArea):
    """Refuses any typed or pasted text with an x in it, and notes what it was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, Location, Location]] = []

    def accept_typed(self, text: str, start: Location, end: Location) -> bool:
        self.asked.append((text, start, end))
        return "x" not in text


class OneArea(App[None]):
    def compose(self) -> ComposeResult:
        yield NoX()


async def test_typing_and_both_kinds_of_paste_are_checked_first():
    from textual import events

    app = OneArea()
    async with app.run_test() as pilot:
        area = app.query_one(NoX)
        area.focus()
        await pilot.press("a", "x", "b")
        app.post_message(events.Paste("box"))  # what a terminal sends on paste
        await pilot.pause()
        app.copy_to_clipboard("fox")
        area.action_paste()  # the paste key, from the app's own clipboard
        app.copy_to_clipboard("c")
        area.action_paste()
        await pilot.pause()
        assert area.text == "abc"
        assert [text for text, _, _ in area.asked] == ["a", "x", "b", "box", "fox", "c"]
        assert area.asked[1][1:] == ((0, 1), (0, 1))  # where it would go
        area.read_only = True
        await pilot.press("d")
        assert area.text == "abc" and len(area.asked) == 6  # read-only: not even asked


def test_a_typing_check_needs_something_to_ask():
    with pytest.raises(TypeError, match="accept_typed"):
        with_typing_check(type("Plain", (TextArea,), {}))
