"""One policy for typed text (`check_line`), and printing stored text safely (`printable`)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.errors import Invalid
from companion.domain.user_text import (
    BIDI_CONTROLS,
    LINE_SEPARATORS,
    NAME_LIMIT,
    check_line,
    check_name,
    one_line,
    printable,
)


def test_nul_and_lone_surrogates_are_refused():
    with pytest.raises(Invalid, match="The note contains a NUL character"):
        check_line("a\x00b", what="The note", limit=100)
    for surrogate in ("\ud800", "\udbff", "\udc00", "\udfff"):
        with pytest.raises(Invalid, match="lone surrogate"):
            check_line(f"ok{surrogate}ok", what="The note", limit=100)


def test_a_line_is_normalised_to_nfc_and_trimmed():
    result = check_line("  Rene\u0301e ", what="The note", limit=100)
    assert result == "Ren\u00e9e"
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f469\u200d\U0001f4bb",  # an emoji joined with a zero-width joiner
        "\u6f22\u5b57",
        "\u05e9\u05dc\u05d5\u05dd",  # Hebrew, right to left without any control
        "\u0645\u0631\u062d\u0628\u0627",  # Arabic
        "Walk [30 min]",  # brackets are ordinary text
        "[bold red]x[/]",
        "caf\u00e9\u200e",  # a left-to-right mark is harmless
    ],
)
def test_a_line_keeps_what_people_really_write(text):
    assert check_line(text, what="The habit name", limit=100) == text


def test_the_limit_is_counted_after_normalising():
    assert check_line("a" * 40, what="The name", limit=40) == "a" * 40
    with pytest.raises(Invalid, match="The name is 41 characters; the limit is 40"):
        check_line("a" * 41, what="The name", limit=40)
    # 40 visible letters typed as 80 code points (e + combining acute) fit in 40.
    assert check_line("e\u0301" * 40, what="The name", limit=40) == "\u00e9" * 40


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\x1b", "\x07", "\x7f", "\x9b", "\x85"])
def test_control_characters_are_refused(char):
    with pytest.raises(Invalid, match="must be on one line, without control characters"):
        check_line(f"Al{char}ex", what="The name", limit=40)


@pytest.mark.parametrize("char", sorted(LINE_SEPARATORS))
def test_line_and_paragraph_separators_are_not_one_line(char):
    with pytest.raises(Invalid, match="must be on one line"):
        check_line(f"Kind{char}moment", what="The habit name", limit=40)


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_direction_controls_are_refused_and_named(char):
    with pytest.raises(Invalid) as caught:
        check_line(f"Walk{char}gnik", what="The habit name", limit=40)
    message = str(caught.value)
    assert f"U+{ord(char):04X}" in message
    assert char not in message  # the message itself never carries it


@pytest.mark.parametrize(
    "text",
    [
        "\u200b",  # zero-width space
        "\u200d\u200d",  # zero-width joiners
        "\ufeff",  # a byte-order mark
        "\u3164",  # Hangul filler
        "\u115f\u1160",  # Hangul choseong and jungseong fillers
        "\u2800",  # the blank braille pattern
        "\u2060\u00a0\u3000",  # word joiner, no-break and ideographic spaces
        "\u0301\u0301",  # combining marks with nothing to sit on
    ],
)
def test_a_line_made_only_of_invisible_characters_is_refused(text):
    with pytest.raises(Invalid, match="shows nothing: it holds only invisible characters"):
        check_line(text, what="The habit name", limit=40)


def test_blank_is_empty_and_the_caller_decides():
    assert check_line("", what="The note", limit=10) == ""
    assert check_line("   ", what="The note", limit=10) == ""


def test_check_name():
    assert check_name(None) is None
    assert check_name("") is None
    assert check_name("  Alex  ") == "Alex"
    assert check_name("Zoe\u0308") == "Zo\u00eb"
    assert check_name("x" * NAME_LIMIT) == "x" * NAME_LIMIT
    with pytest.raises(Invalid, match="limit is 40"):
        check_name("x" * (NAME_LIMIT + 1))
    with pytest.raises(Invalid, match="The name must be on one line"):
        check_name("Al\x1b[31mex")
    with pytest.raises(Invalid, match="direction control"):
        check_name("Alex\u202e")
    with pytest.raises(Invalid, match="shows nothing"):
        check_name("\u200b\u200b")


def test_printable_neutralises_escape_sequences():
    shown = printable("\x1b[2J\x1b]0;title\x07red\r")
    assert shown == "\\x1b[2J\\x1b]0;title\\x07red\\r"


def test_printable_shows_direction_controls_and_separators_as_escapes():
    assert printable("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert printable("a\u2066b\u2069c") == "a\\u2066b\\u2069c"
    assert printable("one\u2028two") == "one\\u2028two"


def test_printable_keeps_newlines_tabs_and_ordinary_unicode():
    text = (
        "line one\n\tRen\u00e9e \U0001f469\u200d\U0001f4bb \u6f22\u5b57 \u05e9\u05dc\u05d5\u05dd"
    )
    assert printable(text) == text


def test_one_line_keeps_a_message_on_one_line():
    assert one_line("/tmp/a\nb\tc\x1b]0;x\x07") == "/tmp/a\\nb\\tc\\x1b]0;x\\x07"


_UNSAFE = st.sampled_from([*sorted(BIDI_CONTROLS | LINE_SEPARATORS), "\x1b", "\x07", "\r"])


@given(st.lists(st.one_of(st.text(max_size=5), _UNSAFE)).map("".join))
def test_printable_output_never_holds_a_control_or_direction_character(text):
    shown = printable(text)
    assert all(c in "\n\t" or unicodedata.category(c) != "Cc" for c in shown)
    assert not (set(shown) & (BIDI_CONTROLS | LINE_SEPARATORS))
    assert "\n" not in one_line(text)


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"])))
def test_printable_leaves_ordinary_text_unchanged(text):
    if not set(text) & (BIDI_CONTROLS | LINE_SEPARATORS):
        assert printable(text) == text
