"""Checking an imported wording file against the key (companion.domain.scales.item_wording).

Only invented placeholder wording is used here: Companion never holds the
items of any scale.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.content.instruments import instrument
from companion.domain.errors import Invalid
from companion.domain.scales.item_wording import (
    FILE_LIMIT,
    ITEM_LIMIT,
    WordingError,
    parse_wording,
)

SF = instrument("scs-sf")  # 12 items
SHORT = instrument("swemwbs")  # 7 items


def placeholders(count: int) -> list[str]:
    return [f"Placeholder statement {n}" for n in range(1, count + 1)]


def as_file(lines: list[str], newline: str = "\n") -> bytes:
    return (newline.join(lines) + newline).encode("utf-8")


def test_plain_lines_one_item_each() -> None:
    assert parse_wording(SHORT, as_file(placeholders(7))) == tuple(placeholders(7))


@pytest.mark.parametrize("style", ["{n}. {text}", "{n}) {text}", "{n}.{text}", " {n} )  {text}"])
def test_numbered_lines(style: str) -> None:
    lines = [style.format(n=n, text=t) for n, t in enumerate(placeholders(12), start=1)]
    assert parse_wording(SF, as_file(lines)) == tuple(placeholders(12))


def test_bom_crlf_blank_lines_and_spaces_are_tolerated() -> None:
    lines = ["", *[f"{n}. {t}  " for n, t in enumerate(placeholders(7), start=1)], "", ""]
    lines.insert(4, "   ")
    data = b"\xef\xbb\xbf" + as_file(lines, "\r\n")
    assert parse_wording(SHORT, data) == tuple(placeholders(7))


def test_old_mac_line_endings_and_tabs() -> None:
    lines = [f"{n}.\t{t}" for n, t in enumerate(placeholders(7), start=1)]
    assert parse_wording(SHORT, as_file(lines, "\r")) == tuple(placeholders(7))


def test_text_is_stored_in_nfc() -> None:
    lines = placeholders(7)
    lines[2] = "Placeholder statement 3 with cafe\u0301"
    assert parse_wording(SHORT, as_file(lines))[2] == "Placeholder statement 3 with caf\u00e9"


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (6, "SWEMWBS has 7 items but the file has 6; check for a missing, split or merged line"),
        (8, "SWEMWBS has 7 items but the file has 8"),
    ],
)
def test_the_count_must_match_the_key(count: int, message: str) -> None:
    with pytest.raises(WordingError, match=message):
        parse_wording(SHORT, as_file(placeholders(count)))


def test_an_empty_file() -> None:
    with pytest.raises(WordingError, match="the file has no items"):
        parse_wording(SHORT, b"\n\r\n  \n")


def test_numbers_must_run_in_order() -> None:
    lines = [f"{n}. {t}" for n, t in enumerate(placeholders(7), start=1)]
    lines[3], lines[4] = lines[4], lines[3]
    with pytest.raises(WordingError, match="line 4 is numbered 5 where item 4 was expected"):
        parse_wording(SHORT, as_file(lines))


def test_numbering_must_start_at_one() -> None:
    lines = [f"{n}. {t}" for n, t in enumerate(placeholders(7), start=0)]
    with pytest.raises(WordingError, match="line 1 is numbered 0 where item 1 was expected"):
        parse_wording(SHORT, as_file(lines))


def test_number_every_line_or_none() -> None:
    lines = [f"{n}. {t}" for n, t in enumerate(placeholders(7), start=1)]
    lines[5] = "Placeholder statement 6"
    with pytest.raises(WordingError, match="line 6 has no item number but other lines do"):
        parse_wording(SHORT, as_file(lines))


def test_an_empty_item() -> None:
    lines = [f"{n}. {t}" for n, t in enumerate(placeholders(7), start=1)]
    lines[2] = "3."
    with pytest.raises(WordingError, match="item 3 is empty"):
        parse_wording(SHORT, as_file(lines))


def test_an_item_that_is_too_long() -> None:
    lines = placeholders(7)
    lines[6] = "Placeholder " * 30
    with pytest.raises(
        WordingError, match=f"item 7 is 359 characters \\(the limit is {ITEM_LIMIT}"
    ):
        parse_wording(SHORT, as_file(lines))


def test_a_file_that_is_too_big() -> None:
    with pytest.raises(WordingError, match="is it the right file"):
        parse_wording(SHORT, b"x" * (FILE_LIMIT + 1))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("\n".join(placeholders(7)).encode("utf-16"), "UTF-16 text; save it as UTF-8"),
        ("\n".join(placeholders(7)).encode("utf-16-be").join([b"\xfe\xff", b""]), "UTF-16"),
        ("\u201cPlaceholder\u201d\n".encode("cp1252") * 7, "not UTF-8 text \\(byte 1 cannot"),
    ],
)
def test_other_encodings_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(WordingError, match=message):
        parse_wording(SHORT, data)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("Placeholder\x00statement", "line 4 contains a NUL character"),
        ("Placeholder \x1b[31mstatement", "line 4 contains a control character"),
        ("Placeholder \u202estatement", "line 4 contains a control character"),
        ("Placeholder\x0bstatement", "line 4 contains a control character"),
        ("<b>Placeholder statement</b>", "line 4 looks like markup"),
        ("Placeholder [bold]statement[/bold]", "line 4 looks like markup"),
        ("Placeholder [/] statement", "line 4 looks like markup"),
        ("{\\rtf1 Placeholder statement", "line 4 looks like markup"),
    ],
)
def test_control_characters_and_markup_are_refused(bad: str, message: str) -> None:
    lines = placeholders(7)
    lines[3] = bad
    with pytest.raises(WordingError, match=message):
        parse_wording(SHORT, as_file(lines))


def test_wording_error_is_a_value_error_on_one_line() -> None:
    with pytest.raises(Invalid) as caught:
        parse_wording(SHORT, as_file(placeholders(3)))
    assert "\n" not in str(caught.value)


@given(
    texts=st.lists(
        st.text(
            alphabet=st.characters(
                categories=["L", "N", "Zs"], exclude_characters="\u2028\u2029\x85"
            ),
            min_size=1,
            max_size=80,
        ).filter(lambda s: s.strip() and not s.strip()[0].isdigit()),
        min_size=7,
        max_size=7,
    ),
    numbered=st.booleans(),
)
def test_any_plain_items_round_trip(texts: list[str], numbered: bool) -> None:
    lines = [f"{n}) {t}" if numbered else t for n, t in enumerate(texts, start=1)]
    import unicodedata

    expected = tuple(unicodedata.normalize("NFC", t.strip()) for t in texts)
    assert parse_wording(SHORT, as_file(lines)) == expected
