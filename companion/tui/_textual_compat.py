"""Every private Textual name Companion relies on, in one place.

Textual's public API covers almost everything the app does. The few things
below it does not offer publicly (checked against Textual 8.2). Each says why
it is needed and what public API would replace it, and
tests/tui/test_textual_compat.py checks that every name still exists with the
shape used here and still does its job, so a Textual upgrade that changes one
fails there, by name, instead of somewhere surprising. No other module touches
a private Textual name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widgets import TextArea
    from textual.widgets.text_area import EditResult, Location

ReturnType = TypeVar("ReturnType")
AreaT = TypeVar("AreaT", bound="TextArea")


def share_stylesheet_state(screen: Screen[Any], app: App[Any]) -> None:
    """Tell a screen built just now that the app's stylesheet is already current for it.

    A new screen's style counter starts unset, so when it first opens Textual
    re-parses and re-applies the whole stylesheet (about 130 ms for a section);
    its widgets get their styles as they mount anyway. Replaced by: a public
    way to open a new screen without a full stylesheet refresh (none in 8.2).
    """
    screen._css_update_count = app._css_update_count


def build_mode_screen(app: App[Any], mode: str) -> None:
    """Build `mode`'s screen now, out of sight, without switching to it.

    Lets the app prepare the other sections in quiet moments, so that the first
    press of a number key shows its section at once. `App.switch_mode` would
    build it too, but also shows it. Replaced by: a public "install mode"
    or "prepare mode" (none in 8.2; `App.get_screen_stack(mode)` tells
    publicly whether a mode is built).
    """
    app._init_mode(mode)


def render_out_of_sight(screen: Screen[Any]) -> None:
    """Lay out and render a screen that is not on show, so that showing it is quick.

    Textual lays out and renders a screen only while it is the current one, so
    a section built out of sight still paid for its first full render (15-20
    ms on the twenty-year database) when it was first opened. Rendering it
    once out of sight fills its widgets' caches of rendered lines, which
    survive until a widget changes. Nothing is written to the terminal. Does
    nothing once the screen is on show (Textual renders it anyway). Replaced
    by: a public way to render a screen that is not shown (none in 8.2).
    """
    if screen.is_current or not screen.is_attached:
        return
    screen._compositor.reflow(screen, screen.app.size)
    screen._compositor.render_full_update()


class AppWithOwnCrashReport(App[ReturnType]):
    """An App whose unhandled exceptions go to `report_crash` instead of Textual's report.

    Textual's report is a traceback with local variables, which can hold what
    someone typed. This replaces the private hook every unhandled exception
    reaches, then ends the app with return code 1 through the public `exit`
    (and nothing is added to what Textual prints when it closes).
    Replaced by: a public crash hook, or a setting to leave locals out of the
    report (neither in 8.2).
    """

    def report_crash(self, error: Exception) -> None:
        """Called with the first unhandled exception, just before the app ends."""

    def _handle_exception(self, error: Exception) -> None:
        if self._exception is not None:
            return  # already ending: later errors are echoes of the first
        # `run_test` re-raises this exception when the test's block ends, and
        # its Pilot stops waiting once the event is set, as with Textual's own
        # handler, so tests see a crash as a crash.
        self._exception = error
        self._exception_event.set()
        try:
            self.report_crash(error)
        finally:
            self.bell()
            self.exit(return_code=1)


def with_typing_check(area_class: type[AreaT]) -> type[AreaT]:
    """Make every edit typed or pasted into `area_class` ask its `accept_typed` first.

    `accept_typed(text, start, end) -> bool` says whether `text` may replace
    that range. Typing, bracketed paste and the paste key all reach one private
    TextArea method, so checking there catches every way text comes in from
    the keyboard (edits through the public API, such as `replace`, are not
    checked). A decorator rather than a base class, so that importing this
    module (which the app does at start) does not import TextArea. Replaced
    by: a public hook or cancellable message before a keyboard edit (none in 8.2).
    """
    if not callable(getattr(area_class, "accept_typed", None)):
        raise TypeError(f"{area_class.__name__} has no accept_typed method to ask")
    keyboard_edit = area_class._replace_via_keyboard

    def replace_via_keyboard(
        self: Any, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        if self.read_only or not self.accept_typed(insert, start, end):
            return None
        return keyboard_edit(self, insert, start, end)

    area_class._replace_via_keyboard = replace_via_keyboard  # type: ignore[method-assign]
    return area_class
