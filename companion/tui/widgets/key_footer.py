"""The key hints along the bottom of a screen, rebuilt only when they change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyFooter(Footer):
    """Textual's Footer, rebuilt only when the keys it would show are different.

    Textual's Footer mounts all its key widgets afresh whenever the screen's
    bindings may have changed: on every switch of section and every move of
    the focus, nearly always to show the same keys again. Mounting and
    styling them was about half of a section switch (some 25 ms of 50;
    benchmarks/run.py).
    """

    _keys: tuple[object, ...] | None = None  # what the last rebuild showed

    async def recompose(self) -> None:
        if not self.is_attached:  # its screen closed meanwhile: nothing to show
            return
        keys = shown_keys(self.screen, self.show_command_palette)
        if keys == self._keys:
            return
        self._keys = keys
        await super().recompose()


def shown_keys(screen: Screen[object], command_palette: bool) -> tuple[object, ...]:
    """Everything a footer on `screen` draws its keys from (as Footer.compose reads it)."""
    palette = screen.app.COMMAND_PALETTE_BINDING if command_palette else None
    return tuple(
        (key, active.binding, active.enabled, active.tooltip)
        for key, active in screen.active_bindings.items()
        if active.binding.show or key == palette
    )
