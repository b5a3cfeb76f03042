"""The key hints along the bottom of a screen, rebuilt only when they change, and fitted
to the width there is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

KEY_GAP = 3  # cells around a key and its word, as Footer draws them: " l Log "
PALETTE_ROOM = 12  # "▏^p palette" and its padding


class KeyFooter(Footer):
    """Textual's Footer, rebuilt only when the keys it would show are different.

    Textual's Footer mounts all its key widgets afresh whenever the screen's
    bindings may have changed: on every switch of section and every move of
    the focus, nearly always to show the same keys again. Mounting and
    styling them was about half of a section switch (some 25 ms of 50;
    benchmarks/run.py).

    Where the keys would not fit on one line, it draws them closer together,
    then leaves out the palette's hint (`?` lists ctrl+p too), rather than
    letting the line run off the screen ("? Hel▏^p palette").
    """

    _keys: tuple[object, ...] | None = None  # what the last rebuild showed

    async def recompose(self) -> None:
        if not self.is_attached:  # its screen closed meanwhile: nothing to show
            return
        width = self.size.width or self.app.size.width
        compact, palette = fit(self.screen, width)
        keys = (shown_keys(self.screen, palette), compact, palette)
        if keys == self._keys:
            return
        self._keys = keys
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact")
        self.set_reactive(Footer.show_command_palette, palette)
        await super().recompose()

    def on_resize(self) -> None:
        if self._keys is not None and fit(self.screen, self.size.width) != self._keys[1:]:
            self.call_later(self.recompose)


def fit(screen: Screen[object], width: int) -> tuple[bool, bool]:
    """(compact, palette hint shown): the roomiest way the keys fit in `width`."""
    seen: set[str] = set()
    needed = 0
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.show and binding.action not in seen:  # one hint an action, as Footer
            seen.add(binding.action)
            needed += cell_len(screen.app.get_key_display(binding))
            needed += cell_len(binding.description) + KEY_GAP
    if needed + PALETTE_ROOM <= width:
        return False, True
    compact = needed - len(seen)  # a cell less around each key
    return True, compact + PALETTE_ROOM <= width


def shown_keys(screen: Screen[object], command_palette: bool) -> tuple[object, ...]:
    """Everything a footer on `screen` draws its keys from (as Footer.compose reads it)."""
    palette = screen.app.COMMAND_PALETTE_BINDING if command_palette else None
    return tuple(
        (key, active.binding, active.enabled, active.tooltip)
        for key, active in screen.active_bindings.items()
        if active.binding.show or key == palette
    )
