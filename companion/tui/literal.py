"""What people typed, or gave Companion in a file, made ready for Textual: shown, never obeyed.

Textual reads a plain `str` as content markup almost everywhere (a border
title, a Static, a Label, a DataTable cell, a notification, a command's help):
a habit named `[/]` ends the app, and `[bold red]x` turns red instead of
showing its brackets. A Rich `Text` is never read as markup, so user text
reaches a widget as one, made here. Escaping markup is not enough (an escaped
`[/` can still fail to parse) and would not help with the second danger:
Rich and Textual pass escape sequences and direction overrides through to the
terminal as they are. So the text first goes through the domain's policy
(`printable`, `one_line`): ESC shows as `\\x1b` and U+202E as `\\u202e`, and a
name stored before today's input rules, or written by another program, can
neither clear the screen, retitle the terminal nor reverse the line.

Editors cannot show escapes (the text must stay as typed), so they show a
one-cell stand-in instead (`stand_in`): Input through the `ShowControls`
highlighter (see `companion.tui.widgets.literal_input`), answers in
`AnswerArea`.
"""

from __future__ import annotations

import re
import unicodedata

from rich.console import OverflowMethod
from rich.highlighter import Highlighter
from rich.style import StyleType
from rich.text import Text

from companion.domain.user_text import BIDI_CONTROLS, LINE_SEPARATORS, one_line, printable

# Drawn (reversed) in place of a bidirectional control or a line separator.
# These have no "control picture" of their own.
DIRECTION_STAND_IN = "\u21c4"  # ⇄
SEPARATOR_STAND_IN = "\u2424"  # ␤


def literal(
    text: str,
    style: StyleType = "",
    *,
    multiline: bool = False,
    no_wrap: bool | None = None,
    overflow: OverflowMethod | None = None,
) -> Text:
    """`text` shown exactly as it is: never markup, controls and direction overrides escaped.

    One line unless `multiline` (a line break in a name shows as `\\n`): names,
    units, notes, reasons, commitments, messages and paths are one line;
    answers and the letter keep their line breaks. `no_wrap` and `overflow`
    are Rich's.
    """
    shown = printable(text) if multiline else one_line(text)
    return Text(shown, style=style, no_wrap=no_wrap, overflow=overflow)


# Every character `stand_in` replaces: the C0 and C1 controls but tab, DEL,
# the direction controls, the line separators and lone surrogates. A search
# with this first keeps a long answer's lines cheap to draw.
NEEDS_STAND_IN = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def stand_in(char: str) -> str | None:
    """The one-cell character an editor shows instead of `char`, or None to show it as is.

    Control characters become their Unicode "control picture" (ESC shows as
    \u241b, NUL as \u2400), direction controls \u21c4, line separators \u2424
    and broken characters (lone surrogates) \ufffd. A tab is left to the editor.
    """
    if char == "\t":
        return None
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if char in BIDI_CONTROLS:
        return DIRECTION_STAND_IN
    if char in LINE_SEPARATORS:
        return SEPARATOR_STAND_IN
    if unicodedata.category(char) in ("Cc", "Cs"):
        return "\ufffd"
    return None


class ShowControls(Highlighter):
    """An Input highlighter that shows control and direction characters as stand-ins.

    The value itself is not changed: what was typed or pasted stays in the
    field, is seen, and is refused with a message on submit.
    """

    def highlight(self, text: Text) -> None:
        plain = text.plain
        if NEEDS_STAND_IN.search(plain) is None:
            return
        shown = [stand_in(char) for char in plain]
        # The same length as before, so the cursor and selection stay where they were.
        text.plain = "".join(s or c for s, c in zip(shown, plain, strict=True))
        for index, replaced in enumerate(shown):
            if replaced:
                text.stylize("reverse", index, index + 1)
