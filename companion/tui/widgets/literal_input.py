"""The one-line field every form in Companion uses: Textual's Input, shown literally."""

from __future__ import annotations

from textual.widgets import Input

from companion.domain.user_text import one_line
from companion.tui.literal import ShowControls


class LiteralInput(Input):
    """Textual's Input, with any control or direction character shown as a reversed stand-in.

    A field opened on stored text (a habit's name to rename, a note to change)
    may hold an escape sequence saved before today's input rules, and a paste
    may bring one in: the terminal shows it and never obeys it. The value
    stays exactly as typed, so a refused character is seen, and the message
    about it makes sense. A placeholder made from stored text (a habit's unit)
    is escaped the same way (Textual shows it as Text, never as markup).
    """

    def __init__(
        self,
        value: str | None = None,
        placeholder: str = "",
        *,
        max_length: int = 0,
        id: str | None = None,
        compact: bool = False,
    ) -> None:
        super().__init__(
            value,
            placeholder,
            ShowControls(),
            max_length=max_length,
            id=id,
            compact=compact,
        )

    def validate_placeholder(self, placeholder: str) -> str:
        return one_line(placeholder)
