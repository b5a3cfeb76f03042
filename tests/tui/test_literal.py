"""User text made ready for Textual (`companion.tui.literal`): never markup, never obeyed."""

from __future__ import annotations

import pytest
from rich.text import Text

from companion.tui.app import NOTIFICATION_LIMIT
from companion.tui.literal import (
    DIRECTION_STAND_IN,
    NEEDS_STAND_IN,
    SEPARATOR_STAND_IN,
    ShowControls,
    literal,
    stand_in,
)


@pytest.mark.parametrize(
    "text", ["[/]", "[bold red]x", "[link=https://x]y", "[@click=app.quit]q", "Walk [30 min]"]
)
def test_markup_is_ordinary_text(text):
    shown = literal(text, "bold")
    assert shown.plain == text
    assert shown.spans == []  # nothing was read from the brackets
    assert str(shown.style) == "bold"


def test_controls_and_direction_overrides_show_as_escapes():
    assert literal("a\x1b]0;t\x07b\u202ec").plain == "a\\x1b]0;t\\x07b\\u202ec"
    assert literal("\x1b[2J").plain == "\\x1b[2J"


def test_one_line_unless_multiline():
    assert literal("first\nsecond\tthird").plain == "first\\nsecond\\tthird"
    assert literal("first\nsecond", multiline=True).plain == "first\nsecond"
    assert literal("a\x1b\nb", multiline=True).plain == "a\\x1b\nb"


def test_rich_options_pass_through():
    shown = literal("x" * 50, no_wrap=True, overflow="ellipsis")
    assert shown.no_wrap is True
    assert shown.overflow == "ellipsis"


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\x1b", "\u241b"),
        ("\x00", "\u2400"),
        ("\x07", "\u2407"),
        ("\x7f", "\u2421"),
        ("\x85", "\ufffd"),  # a C1 control
        ("\ud800", "\ufffd"),  # a lone surrogate
        ("\u202e", DIRECTION_STAND_IN),
        ("\u2066", DIRECTION_STAND_IN),
        ("\u2028", SEPARATOR_STAND_IN),
        ("\t", None),
        ("a", None),
        ("\u200f", None),  # a right-to-left mark is harmless
        ("\u6f22", None),
    ],
)
def test_stand_ins(char, shown):
    assert stand_in(char) == shown


def test_the_quick_search_finds_exactly_what_has_a_stand_in():
    # Editors look for NEEDS_STAND_IN first, then call stand_in per character.
    for code in range(0x10000):
        char = chr(code)
        assert (NEEDS_STAND_IN.search(char) is None) == (stand_in(char) is None), hex(code)


def test_an_input_shows_stand_ins_reversed_in_place():
    text = Text("ab\x1bc\u202ed")
    highlighted = ShowControls()(text)
    assert highlighted.plain == f"ab\u241bc{DIRECTION_STAND_IN}d"
    assert [(s.start, s.end, str(s.style)) for s in highlighted.spans] == [
        (2, 3, "reverse"),
        (4, 5, "reverse"),
    ]
    assert text.plain == "ab\x1bc\u202ed"  # Rich highlights a copy


async def test_notifications_are_literal_and_one_line(empty_store, make_app):
    app = make_app(empty_store)
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        app.notify("[b]Sam[/] \x1b[2J\nnext", markup=True, title="[i]t\x07")
        app.screen.notify("[/]", severity="warning")  # a screen's notify comes here too
        await pilot.pause()
        app.notify(f"'{'x' * 5000}' is not a date")  # a message quoting a huge paste
        await pilot.pause()
        shown = [(n.message, n.title, n.markup) for n in app._notifications]
        assert shown[:2] == [
            ("[b]Sam[/] \\x1b[2J\\nnext", "[i]t\\x07", False),
            ("[/]", "", False),
        ]
        assert shown[2][0] == "'" + "x" * (NOTIFICATION_LIMIT - 2) + "\u2026"
