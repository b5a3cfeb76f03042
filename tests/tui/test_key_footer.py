"""The key footer shows the keys that apply now, and keeps its key widgets while they do."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from companion.tui.widgets.key_footer import KeyFooter


class Focusable(Static, can_focus=True):
    """A widget that takes the focus and offers no keys of its own."""


class WithKey(Focusable):
    """A widget that offers one key while it has the focus."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "noop", "Only here")]

    def action_noop(self) -> None:
        """Nothing: the key only needs to be offered."""


class Keys(App[None]):
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Focusable(id="first")
        yield Focusable(id="second")
        yield WithKey(id="keyed")
        yield KeyFooter()


def shown(app: App[None]) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def test_the_footer_follows_the_keys_of_the_focused_widget() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        app.query_one("#first").focus()
        await pilot.pause()
        assert shown(app) == ["Quit"]
        app.query_one("#keyed").focus()
        await pilot.pause()
        assert shown(app) == ["Only here", "Quit"]
        app.query_one("#second").focus()
        await pilot.pause()
        assert shown(app) == ["Quit"]


async def test_the_footer_keeps_its_key_widgets_while_the_keys_stay_the_same() -> None:
    """Moving the focus between widgets that offer the same keys rebuilds nothing."""
    app = Keys()
    async with app.run_test() as pilot:
        app.query_one("#first").focus()
        await pilot.pause()
        before = list(app.screen.query(FooterKey))
        app.query_one("#second").focus()
        await pilot.pause()
        assert list(app.screen.query(FooterKey)) == before
        assert all(key.is_attached for key in before)
