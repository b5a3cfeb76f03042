"""One rule for the numbers people type: any script's decimal digits, never look-alikes."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.dates import parse_clock, parse_day, parse_day_phrase, parse_minute
from companion.domain.errors import Invalid
from companion.domain.numbers import MAX_WHOLE, ascii_digits, read_decimal, read_whole
from companion.domain.selfcare.habits import read_target
from companion.domain.selfcare.practice import check_minutes

# The zero of every run of decimal digits Unicode has (Arabic-Indic, Devanagari,
# fullwidth, mathematical bold...): each run is ten characters, zero to nine.
ZEROS = [
    chr(code)
    for code in range(sys.maxunicode + 1)
    if unicodedata.category(chr(code)) == "Nd" and unicodedata.decimal(chr(code)) == 0
]

ARABIC_INDIC = "\u0660"
FULLWIDTH = "\uff10"


def written_in(zero: str, number: str) -> str:
    """`number`'s ASCII digits written with the digits that start at `zero`."""
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in number)


def test_the_scripts_people_type_are_among_the_digit_runs() -> None:
    assert {ARABIC_INDIC, "\u06f0", "\u0966", FULLWIDTH} <= set(ZEROS)
    assert len(ZEROS) > 50


@given(st.sampled_from(ZEROS), st.integers(min_value=0, max_value=MAX_WHOLE))
def test_any_scripts_digits_read_as_the_same_whole_number(zero: str, number: int) -> None:
    text = written_in(zero, str(number))
    assert ascii_digits(text) == str(number)
    assert read_whole(text, what="a number", hint="h") == number


@given(st.sampled_from(ZEROS), st.decimals(min_value=0, max_value=10**6, places=2))
def test_any_scripts_digits_read_as_the_same_decimal(zero: str, number: object) -> None:
    text = written_in(zero, str(number))
    assert read_decimal(text, hint="h") == float(str(number))


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("\u00b2", "U+00B2 SUPERSCRIPT TWO is not a digit"),
        ("\u00bd", "U+00BD VULGAR FRACTION ONE HALF is not a digit"),
        ("\u2462", "U+2462 CIRCLED DIGIT THREE is not a digit"),
        ("\uff13\uff0e\uff15", "U+FF0E FULLWIDTH FULL STOP is not a digit"),
        ("\u0663\u066b\u0665", "U+066B ARABIC DECIMAL SEPARATOR is not a digit"),
        ("\u202e5", "U+202E RIGHT-TO-LEFT OVERRIDE is not a digit"),
    ],
)
def test_what_only_looks_like_a_digit_is_refused_by_name(text: str, named: str) -> None:
    with pytest.raises(Invalid) as refused:
        read_decimal(text, hint="type e.g. 25")
    assert named in str(refused.value)
    assert str(refused.value).endswith("; type e.g. 25")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1" + "0" * 30, "1" + "0" * 30 + " is larger than any number Companion keeps; h"),
        ("9" * 100_000, "99999999999999999999\u2026 (100,000 digits) is larger than any number"),
        (str(MAX_WHOLE + 1), f"{MAX_WHOLE + 1} is larger than any number Companion keeps"),
        ("0", "0 is not between 1 and 1,000; h"),
        ("1001", "1001 is not between 1 and 1,000; h"),
        ("-3", "'-3' is not a place; h"),
        ("2.0", "'2.0' is not a place; h"),
        ("", "'' is not a place; h"),
    ],
)
def test_whole_numbers_out_of_range_say_so_without_overflowing(text: str, message: str) -> None:
    high = MAX_WHOLE if len(text) > 10 else 1000
    with pytest.raises(Invalid) as refused:
        read_whole(text, what="a place", hint="h", low=1, high=high)
    assert message in str(refused.value)
    assert len(str(refused.value)) < 200


def test_the_largest_whole_number_is_read() -> None:
    assert read_whole(str(MAX_WHOLE), what="n", hint="h") == MAX_WHOLE
    assert read_whole("007", what="n", hint="h", low=1, high=10) == 7


def test_a_huge_message_never_echoes_the_whole_typing() -> None:
    with pytest.raises(Invalid) as refused:
        read_decimal("x" * 100_000, hint="h")
    assert len(str(refused.value)) < 100


@pytest.mark.parametrize("zero", [ARABIC_INDIC, FULLWIDTH, "\u0966"])
def test_every_reader_of_numbers_and_dates_follows_the_rule(zero: str) -> None:
    """The readers the shell and the app share, each given non-ASCII digits."""
    today = dt.date(2026, 3, 10)
    assert check_minutes(written_in(zero, "12")) == 12
    assert read_target(written_in(zero, "2.5")) == 2.5
    assert parse_day(written_in(zero, "2026-03-02")) == dt.date(2026, 3, 2)
    assert parse_minute(written_in(zero, "2026-03-02T09:30")) == dt.datetime(2026, 3, 2, 9, 30)
    assert parse_clock(written_in(zero, "09:30")) == dt.time(9, 30)
    assert parse_day_phrase(written_in(zero, "2026-03-02"), today) == dt.date(2026, 3, 2)
    assert parse_day_phrase(written_in(zero, "3 days ago"), today) == dt.date(2026, 3, 7)


def test_minutes_beyond_any_number_are_refused_kindly() -> None:
    with pytest.raises(Invalid, match=r"larger than any number Companion keeps; type e\.g\. 10"):
        check_minutes("1" + "0" * 30)
