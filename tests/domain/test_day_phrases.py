"""Day phrases people type: `yesterday`, `mon`, `3 days ago`."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain.dates import check_not_future, parse_day_phrase, parse_moment
from companion.domain.errors import Invalid

# Wednesday 4 March 2026 (Monday 2 March 2026 starts the week).
WED = dt.date(2026, 3, 4)
KEYS = ["meditation", "walking", "hydration", "water-plants"]


# ---------------------------------------------------------------- day phrases


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", WED),
        ("  TODAY ", WED),
        ("yesterday", dt.date(2026, 3, 3)),
        ("Yesterday", dt.date(2026, 3, 3)),
        ("2026-03-01", dt.date(2026, 3, 1)),
        (" 2026-03-04 ", WED),
        ("2016-03-06", dt.date(2016, 3, 6)),  # 3,650 days back (two leap days between)
    ],
)
def test_words_and_iso_dates(text: str, expected: dt.date) -> None:
    assert parse_day_phrase(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monday", dt.date(2026, 3, 2)),
        ("Mon", dt.date(2026, 3, 2)),
        ("tuesday", dt.date(2026, 3, 3)),
        ("tue", dt.date(2026, 3, 3)),
        ("tues", dt.date(2026, 3, 3)),
        # Today is a Wednesday: "wednesday" means today, not a week ago.
        ("wednesday", WED),
        ("WED", WED),
        # Later weekdays are last week's.
        ("thursday", dt.date(2026, 2, 26)),
        ("thurs", dt.date(2026, 2, 26)),
        ("fri", dt.date(2026, 2, 27)),
        ("saturday", dt.date(2026, 2, 28)),
        ("sun", dt.date(2026, 3, 1)),
    ],
)
def test_weekdays_mean_the_most_recent_one(text: str, expected: dt.date) -> None:
    assert parse_day_phrase(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0 days ago", WED),
        ("1 day ago", dt.date(2026, 3, 3)),
        ("1 days ago", dt.date(2026, 3, 3)),
        ("3 days ago", dt.date(2026, 3, 1)),
        ("  4   Days   AGO ", dt.date(2026, 2, 28)),
        ("31 days ago", dt.date(2026, 2, 1)),
        ("3650 days ago", WED - dt.timedelta(days=3650)),
        # The one rule for numbers: any script's decimal digits read as the digits they are.
        ("\u0663 days ago", dt.date(2026, 3, 1)),  # Arabic-Indic three
        ("\uff13 days ago", dt.date(2026, 3, 1)),  # fullwidth three
    ],
)
def test_days_ago(text: str, expected: dt.date) -> None:
    assert parse_day_phrase(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-03-05", "has not happened yet"),
        ("2027-01-01", "has not happened yet"),
        ("tomorrow", "not happened yet"),
        ("3651 days ago", "more than ten years"),
        ("999999999 days ago", "more than ten years"),
        ("2016-03-05", "more than ten years"),  # 3,651 days back
        ("0206-03-01", "check the year"),
        ("0000-01-01", "check the year"),
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-13-01", "no month 13"),
        ("2026-2-3", "YYYY-MM-DD"),
        ("", "No day given"),
        ("   ", "No day given"),
        ("blah", "not a day"),
        ("next monday", "has not happened yet"),
        ("last week", "not a day"),
        ("-1 days ago", "not a day"),
        ("3 days", "not a day"),
        ("in 3 days", "has not happened yet"),
        ("3 weeks ago", "not a day"),
        ("mondays", "not a day"),
        ("\x00", "not a day"),
        ("\u00b3 days ago", "not a day"),  # a superscript three is not a digit
    ],
)
def test_refused_with_a_message_that_says_what_to_do(text: str, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        parse_day_phrase(text, WED)


def test_unknown_phrase_lists_what_is_accepted() -> None:
    with pytest.raises(Invalid) as caught:
        parse_day_phrase("someday", WED)
    text = str(caught.value)
    for accepted in ("YYYY-MM-DD", "today", "yesterday", "monday", "N days ago"):
        assert accepted in text
    assert "\n" not in text


def test_future_message_names_the_day_and_today() -> None:
    with pytest.raises(Invalid) as caught:
        parse_day_phrase("2026-03-05", WED)
    assert "Thursday 5 March 2026" in str(caught.value)
    assert "Wednesday 4 March 2026" in str(caught.value)


def test_check_not_future() -> None:
    assert check_not_future(WED, WED) == WED
    assert check_not_future(dt.date(2026, 1, 1), WED) == dt.date(2026, 1, 1)
    with pytest.raises(Invalid, match="not happened yet"):
        check_not_future(WED + dt.timedelta(days=1), WED)


def test_weekday_phrase_on_each_day_of_a_week() -> None:
    # For every "today" in a week and every weekday name: 0-6 days back, right weekday.
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for offset in range(7):
        today = dt.date(2026, 3, 2) + dt.timedelta(days=offset)
        for number, name in enumerate(names):
            day = parse_day_phrase(name, today)
            assert day.weekday() == number
            assert 0 <= (today - day).days <= 6


_PHRASES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["today", "yesterday", "tomorrow", "mon", "Sunday", "thurs", "2026-03-05", "9999-12-31"]
    ),
    st.integers(min_value=-10, max_value=10**6).map(lambda n: f"{n} days ago"),
    st.dates().map(dt.date.isoformat),
)


@given(text=_PHRASES, today=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_never_returns_a_future_day(text: str, today: dt.date) -> None:
    try:
        day = parse_day_phrase(text, today)
    except Invalid:
        return
    assert day <= today
    assert (today - day).days <= 3650


# ---------------------------------------------------------------- fields that face ahead


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", WED),
        ("tomorrow", dt.date(2026, 3, 5)),
        # A bare weekday in a field that looks ahead is the next one, today included.
        ("wednesday", WED),
        ("friday", dt.date(2026, 3, 6)),
        ("mon", dt.date(2026, 3, 9)),
        # "next" is that weekday in next week (weeks start on Monday).
        ("next monday", dt.date(2026, 3, 9)),
        ("next friday", dt.date(2026, 3, 13)),
        ("Next  Wednesday", dt.date(2026, 3, 11)),
        ("in 3 days", dt.date(2026, 3, 7)),
        ("in 1 day", dt.date(2026, 3, 5)),
        ("2027-01-04", dt.date(2027, 1, 4)),
        # Past days are read too; the field's own check decides whether they are fine.
        ("yesterday", dt.date(2026, 3, 3)),
        ("last friday", dt.date(2026, 2, 27)),
        # Dates as Companion prints them, read back; without a year, the next such day.
        ("6 Mar", dt.date(2026, 3, 6)),
        ("Fri 6 Mar", dt.date(2026, 3, 6)),
        ("Friday 6 March 2026", dt.date(2026, 3, 6)),
        ("friday, 6 march, 2026", dt.date(2026, 3, 6)),
        ("2 Mar", dt.date(2027, 3, 2)),
        ("1 Jan", dt.date(2027, 1, 1)),
    ],
)
def test_future_facing_fields(text: str, expected: dt.date) -> None:
    assert parse_day_phrase(text, WED, facing="future") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", dt.date(2026, 2, 27)),  # a pause reads a bare weekday back...
        ("next friday", dt.date(2026, 3, 13)),  # ...and "next" ahead
        ("tomorrow", dt.date(2026, 3, 5)),
        ("2026-04-01", dt.date(2026, 4, 1)),
        ("2 Mar", dt.date(2026, 3, 2)),  # without a year: the nearest such day
        ("1 Jan", dt.date(2026, 1, 1)),
    ],
)
def test_either_facing_fields(text: str, expected: dt.date) -> None:
    assert parse_day_phrase(text, WED, facing="either") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 Mar", dt.date(2026, 3, 2)),
        ("Mon 2 Mar", dt.date(2026, 3, 2)),
        ("5 Mar", dt.date(2025, 3, 5)),  # the most recent 5 March
        ("last monday", dt.date(2026, 3, 2)),
        ("last wednesday", dt.date(2026, 2, 25)),  # before today, so a week back
        ("Monday 24 November 2025", dt.date(2025, 11, 24)),
    ],
)
def test_past_fields_read_printed_dates_and_last_weekday(text: str, expected: dt.date) -> None:
    assert parse_day_phrase(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "facing", "message"),
    [
        ("Tue 2 Mar", "past", "2 March 2026 is a Monday, not a Tuesday"),
        ("30 Feb", "future", "February has no day 30"),
        ("2 Marchish", "future", "not a day"),
        ("next someday", "future", "not a day"),
        ("in 3651 days", "future", "more than ten years"),
        ("2037-01-01", "future", "more than ten years"),
        ("blah", "future", "next monday"),  # the help for a forward field names its words
    ],
)
def test_refusals_in_any_field(text: str, facing: str, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        parse_day_phrase(text, WED, facing=facing)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-06 12:00", dt.datetime(2026, 3, 6, 12, 0)),
        ("2026-03-06T12:00", dt.datetime(2026, 3, 6, 12, 0)),
        ("friday 12:00", dt.datetime(2026, 3, 6, 12, 0)),
        ("sat 9:30", dt.datetime(2026, 3, 7, 9, 30)),
        ("next monday at 10:00", dt.datetime(2026, 3, 9, 10, 0)),
        ("Fri 6 Mar 2026 12:00", dt.datetime(2026, 3, 6, 12, 0)),
        ("friday", dt.datetime(2026, 3, 6, 11, 15)),  # no time: the session keeps its own
    ],
)
def test_moments(text: str, expected: dt.datetime) -> None:
    assert parse_moment(text, WED, default_time=dt.time(11, 15)) == expected


def test_a_moment_without_a_time_or_default_asks_for_one() -> None:
    with pytest.raises(Invalid, match="needs a time"):
        parse_moment("friday", WED)
    with pytest.raises(Invalid, match="not a time of day"):
        parse_moment("friday 25:00", WED)
