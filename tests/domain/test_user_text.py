"""Checking typed text before it is stored, and printing stored text safely."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.errors import Invalid
from companion.domain.user_text import NAME_LIMIT, check_name, check_text, printable


def test_check_text_rejects_nul():
    with pytest.raises(Invalid, match="The note contains a NUL character"):
        check_text("a\x00b", what="The note", limit=100)
    with pytest.raises(Invalid, match="NUL"):
        check_text("a\x00b", what="The note", limit=100, multiline=True)


@pytest.mark.parametrize("surrogate", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_check_text_rejects_lone_surrogates(surrogate):
    with pytest.raises(Invalid, match="lone surrogate"):
        check_text(f"ok{surrogate}ok", what="The note", limit=100, multiline=True)


def test_check_text_normalises_to_nfc():
    decomposed = "Rene\u0301e"  # e + combining acute
    result = check_text(decomposed, what="The note", limit=100)
    assert result == "Ren\u00e9e"
    assert unicodedata.is_normalized("NFC", result)


def test_check_text_keeps_emoji_cjk_and_rtl_text_as_typed():
    for text in ("\U0001f469\u200d\U0001f4bb", "\u6f22\u5b57", "\u05e9\u05dc\u05d5\u05dd"):
        assert check_text(text, what="The note", limit=100) == text


def test_check_text_enforces_the_limit_after_normalising():
    assert check_text("a" * 40, what="The name", limit=40) == "a" * 40
    with pytest.raises(Invalid, match="The name is 41 characters; the limit is 40"):
        check_text("a" * 41, what="The name", limit=40)
    # 40 visible letters typed as 80 code points (e + combining acute) fit in 40.
    assert check_text("e\u0301" * 40, what="The name", limit=40) == "\u00e9" * 40
    with pytest.raises(Invalid, match="100,001 characters; the limit is 100,000"):
        check_text("x" * 100_001, what="The answer", limit=100_000, multiline=True)


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\x1b", "\x07", "\x7f", "\x9b"])
def test_single_line_text_refuses_control_characters(char):
    with pytest.raises(Invalid, match="must be on one line, without control characters"):
        check_text(f"Al{char}ex", what="The name", limit=40)


def test_multiline_text_keeps_newlines_and_tabs():
    text = "first line\n\tsecond line"
    assert check_text(text, what="The answer", limit=100, multiline=True) == text


def test_check_name():
    assert check_name(None) is None
    assert check_name("") is None
    assert check_name("   ") is None
    assert check_name("  Alex  ") == "Alex"
    assert check_name("Zoe\u0308") == "Zo\u00eb"
    assert check_name("x" * NAME_LIMIT) == "x" * NAME_LIMIT
    with pytest.raises(Invalid, match="limit is 40"):
        check_name("x" * (NAME_LIMIT + 1))
    with pytest.raises(Invalid, match="The name must be on one line"):
        check_name("Al\x1b[31mex")


def test_printable_neutralises_escape_sequences():
    shown = printable("\x1b[2J\x1b]0;title\x07red\r")
    assert "\x1b" not in shown
    assert "\x07" not in shown
    assert "\r" not in shown
    assert shown == "\\x1b[2J\\x1b]0;title\\x07red\\r"


def test_printable_keeps_newlines_tabs_and_ordinary_unicode():
    text = "line one\n\tRen\u00e9e \U0001f469\u200d\U0001f4bb \u6f22\u5b57"
    assert printable(text) == text


def test_printable_escapes_c1_controls():
    assert printable("a\x9bb") == "a\\x9bb"


@given(st.text())
def test_printable_output_never_holds_a_control_character(text):
    shown = printable(text)
    assert "\x1b" not in shown
    assert all(c in "\n\t" or unicodedata.category(c) != "Cc" for c in shown)


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"])))
def test_printable_leaves_text_without_controls_unchanged(text):
    assert printable(text) == text
