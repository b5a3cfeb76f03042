"""A text editor for one answer: literal display, and a limit that never drops text silently."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rich.text import Text
from textual.app import App
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Location

from companion.domain.worksheets.answers import ANSWER_LIMIT, fit
from companion.tui._textual_compat import with_typing_check


def visible(char: str) -> str:
    """A one-cell stand-in for a character a terminal would act on instead of showing.

    Control characters become their Unicode "control picture" (ESC shows as
    \u241b, NUL as \u2400) and broken characters (lone surrogates) as \ufffd, so
    an escape sequence in an answer is seen, never obeyed by the terminal.
    """
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0xD800 <= code <= 0xDFFF or unicodedata.category(char) == "Cc":
        return "\ufffd"
    return char


def _needs_stand_in(char: str) -> bool:
    return char != "\t" and (unicodedata.category(char) in ("Cc", "Cs"))


@with_typing_check
class AnswerArea(TextArea):
    """A soft-wrapped editor for one prompt's answer.

    Tab moves to the next field (as everywhere else in Companion). An edit
    that would make the answer longer than ANSWER_LIMIT is not made: a paste
    posts `TooLong` so the screen can ask whether to keep what fits; a single
    keystroke at the limit just rings the bell.
    """

    @dataclass
    class TooLong(Message):
        """A paste would not fit; `room` characters of `text` would."""

        area: AnswerArea
        text: str
        room: int

    def __init__(self, text: str, key: str, *, id: str | None = None) -> None:
        super().__init__(
            text, id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False
        )
        self.key = key  # the prompt id this editor answers

    def get_line(self, line_index: int) -> Text:
        line = self.document.get_line(line_index)
        if not any(_needs_stand_in(c) for c in line):
            return Text(line, end="", no_wrap=True)
        text = Text(end="", no_wrap=True)
        for char in line:
            if _needs_stand_in(char):
                text.append(visible(char), style="reverse")
            else:
                text.append(char)
        return text

    def accept_typed(self, text: str, start: Location, end: Location) -> bool:
        removed = len(self.get_text_range(*sorted((start, end))))
        room = ANSWER_LIMIT - (len(self.text) - removed)
        if len(text) > room:
            if len(text) > 1:
                self.post_message(self.TooLong(self, text, max(room, 0)))
            else:
                self.app.bell()
            return False
        return True

    def insert_fitting(self, text: str) -> None:
        """Insert `text` at the cursor (replacing any selection), as typed."""
        if self.read_only:
            return
        result = self.replace(text, *self.selection, maintain_selection_offset=False)
        self.move_cursor(result.end_location)


def offer_to_fit(app: App[object], message: AnswerArea.TooLong) -> None:
    """Ask whether to keep the part of a too-long paste that fits; paste nothing otherwise."""
    from companion.tui.dialogs.confirm import AskDialog

    area, text = message.area, message.text
    kept = fit(text, message.room)
    question = (
        f"The text you pasted is {len(text):,} characters. An answer holds up to "
        f"{ANSWER_LIMIT:,}, and there is room for {len(kept):,} more here.\n\n"
        f"Keep the first {len(kept):,} characters and leave out the last "
        f"{len(text) - len(kept):,}? Otherwise nothing is pasted; the whole text is "
        "still on your clipboard."
    )

    def answer(keep: bool | None) -> None:
        if keep:
            area.insert_fitting(kept)
            app.notify(f"Kept the first {len(kept):,} characters of the paste.", markup=False)
        else:
            app.notify("Nothing was pasted.", markup=False)
        area.focus()

    app.push_screen(
        AskDialog("Too long to paste whole", question, "Keep what fits", "Don't paste"), answer
    )
