"""A text editor for one answer: literal display, and a limit that never drops text silently.

An escape sequence or a direction override in an answer is seen (as a
reversed stand-in, `companion.tui.literal.stand_in`), never obeyed by the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import App
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import Location

from companion.domain.worksheets.answers import ANSWER_LIMIT, fit
from companion.tui._textual_compat import with_typing_check
from companion.tui.literal import NEEDS_STAND_IN, stand_in


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
        if NEEDS_STAND_IN.search(line) is None:
            return Text(line, end="", no_wrap=True)
        shown = [stand_in(char) for char in line]
        # Char by char: Text() would drop some controls (BEL, CR...) unseen.
        text = Text(end="", no_wrap=True)
        for char, replaced in zip(line, shown, strict=True):
            if replaced:
                text.append(replaced, style="reverse")
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
