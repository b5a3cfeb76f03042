"""The rules for what participants write: limits, versions, statuses, plan, letter, search.

Expected values are worked out by hand in the comments beside them.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.content import programme
from companion.content.worksheets import sheet_content, worksheet_ids
from companion.domain.errors import Invalid, Refused
from companion.domain.programme import build_schedule
from companion.domain.programme_setup import ProgrammeSetup
from companion.domain.worksheets.action_plan import (
    ActionItem,
    action_plan_order,
    check_action_text,
    check_due,
    due_words,
    parse_action_state,
)
from companion.domain.worksheets.agreement import check_against_programme
from companion.domain.worksheets.answers import (
    ANSWER_LIMIT,
    SaveTimer,
    check_written_answer,
    fit,
    keep_version,
    replaced_chars,
    word_count,
    words,
    writing_problem,
)
from companion.domain.worksheets.letter import (
    LetterDates,
    LetterRecord,
    check_letter_write,
    letter_dates,
    letter_readable,
    letter_status,
)
from companion.domain.worksheets.search import (
    SearchMatch,
    check_search,
    excerpt,
    fts_query,
    search_hits,
    search_terms,
)
from companion.domain.worksheets.status import (
    answered,
    counts_toward_completion,
    current_sheet,
    sheet_rows,
    sheet_status,
)

LONDON = ZoneInfo("Europe/London")
T0 = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def content():
    return sheet_content()


def test_the_shipped_content_agrees_with_the_shipped_programme(content):
    check_against_programme(content, programme())  # raises ContentError if not
    assert {w.component for w in content.worksheets} == set(programme().components)


# ---------------------------------------------------------------- checking answers


def test_an_answer_at_the_limit_is_fine_and_one_more_character_is_not():
    assert writing_problem("x" * ANSWER_LIMIT) is None
    assert writing_problem("x" * (ANSWER_LIMIT + 1)) == (
        "This answer is 100,001 characters; the limit is 100,000. Shorten it by 1 to save"
    )


def test_the_limit_counts_characters_after_nfc():
    # 60,000 "e" + combining acute = 120,000 code points, but 60,000 once composed.
    decomposed = "e\u0301" * 60_000
    assert writing_problem(decomposed) is None
    assert check_written_answer(decomposed) == "\u00e9" * 60_000


def test_nul_is_refused_with_where_it_is():
    # "a" on line 1; line 2 is "bc" then NUL: column 3.
    assert writing_problem("a\nbc\x00d") == (
        "This answer has a NUL character (shown as \u2400) on line 2, column 3; remove it to save"
    )
    with pytest.raises(Invalid, match="NUL character"):
        check_written_answer("\x00")


def test_a_lone_surrogate_is_refused_with_where_it_is():
    assert writing_problem("ok \ud800", what="The letter") == (
        "The letter has a broken character (shown as \ufffd) on line 1, column 4; "
        "remove it to save"
    )


def test_escape_sequences_and_markup_are_kept_exactly_as_typed():
    text = "\x1b[31mred\x1b[0m [bold]not bold[/] [link=x]y[/link] \u202eevil"
    assert check_written_answer(text) == text


def test_fit_keeps_the_start_and_never_splits_an_accent():
    assert fit("abc", 5) == "abc"
    assert fit("abcdef", 3) == "abc"
    assert fit("ae\u0301b", 2) == "a"  # cutting after "e" would orphan its accent
    assert fit("abc", 0) == ""


@given(st.text(max_size=50), st.integers(min_value=0, max_value=60))
def test_fit_is_a_prefix_within_room(text, room):
    kept = fit(text, room)
    assert text.startswith(kept)
    assert len(kept) <= room


def test_words_are_counted_as_a_person_would():
    assert word_count("  one two\nthree\t ") == 3
    assert word_count("") == 0
    assert words(1) == "1 word"
    assert words(0) == "0 words"
    assert words(1204) == "1,204 words"


# ---------------------------------------------------------------- versions


def test_replaced_chars_ignores_what_stays_at_both_ends():
    assert replaced_chars("hello world", "hello there world") == 0  # only added
    assert replaced_chars("abcdef", "") == 6
    assert replaced_chars("abcdef", "abXf") == 3  # "cde" replaced
    assert replaced_chars("same", "same") == 0


def test_a_version_is_kept_once_a_minute_while_writing():
    assert keep_version("draft", "draft more", None, T0)  # none kept yet
    thirty = T0 - dt.timedelta(seconds=30)
    assert not keep_version("draft", "draft more", thirty, T0)
    minute = T0 - dt.timedelta(seconds=60)
    assert keep_version("draft", "draft more", minute, T0)


def test_a_version_is_kept_before_a_large_cut():
    recent = T0 - dt.timedelta(seconds=5)
    long = "x" * 300
    assert keep_version(long, long[:200], recent, T0)  # 100 gone
    assert not keep_version(long, long[:201], recent, T0)  # 99 gone, under half
    assert keep_version("old words " * 10, "x", recent, T0)  # select-all and type


def test_the_half_rule_needs_at_least_twenty_characters_gone():
    recent = T0 - dt.timedelta(seconds=5)
    forty = "z" * 40
    assert keep_version(forty, forty[:20], recent, T0)  # 20 gone = half of 40
    assert not keep_version(forty, forty[:21], recent, T0)  # 19 gone
    ten = "w" * 10
    assert not keep_version(ten, "", recent, T0)  # all gone, but only 10 characters


def test_nothing_is_kept_for_an_empty_or_unchanged_answer():
    assert not keep_version("", "new", None, T0)
    assert not keep_version("   \n", "new", None, T0)
    assert not keep_version("same", "same", None, T0)


# ---------------------------------------------------------------- autosave timing


def test_autosave_waits_a_quiet_second():
    timer = SaveTimer()
    assert not timer.pending and not timer.due(0.0)
    timer.changed(10.0)
    assert timer.pending
    assert not timer.due(10.9)
    assert timer.due(11.0)


def test_autosave_saves_every_one_and_a_quarter_seconds_while_typing_goes_on():
    timer = SaveTimer()
    for moment in (10.0, 10.3, 10.6, 10.9, 11.2):
        timer.changed(moment)
    assert not timer.due(11.2)  # no quiet, 1.2 s since the first change
    assert timer.due(11.25)  # 1.25 s since the first unsaved change
    timer.saved()
    assert not timer.pending and not timer.due(20.0)


def test_after_a_failed_save_the_next_try_waits():
    timer = SaveTimer()
    timer.changed(0.0)
    timer.failed(2.0)
    assert not timer.due(6.9)
    assert timer.due(7.0)


def test_hold_waits_for_the_next_change():
    timer = SaveTimer()
    timer.changed(0.0)
    timer.hold()
    assert not timer.due(100.0)
    timer.changed(101.0)
    assert timer.due(102.0)


# ---------------------------------------------------------------- sheets


def test_sheet_status_follows_what_is_written_and_marked(content):
    sheet = content.sheet("mindfulness")
    assert sheet_status(sheet, {}, complete=False) == "not started"
    assert sheet_status(sheet, {"notice-moment": "  \n "}, complete=False) == "not started"
    assert sheet_status(sheet, {"notice-moment": "A ward round"}, complete=False) == (
        "in progress"
    )
    assert sheet_status(sheet, {}, complete=True) == "complete"
    assert answered(sheet, {"notice-moment": "x", "not-a-prompt": "y", "swept-away": " "}) == 1


def test_the_sheet_of_the_week(content):
    ids = {week: current_sheet(content, week, 8).id for week in range(10)}
    assert ids == {
        0: "questionnaire-baseline",
        1: "mindfulness",
        2: "mindfulness",
        3: "common-humanity",
        4: "common-humanity",
        5: "self-kindness",
        6: "self-kindness",
        7: "barriers-and-keeping-going",
        8: "barriers-and-keeping-going",
        9: "questionnaire-end",
    }


def test_only_webinar_worksheets_count_toward_completion(content):
    counted = [s.id for s in content.sheets if counts_toward_completion(s)]
    assert counted == [
        "mindfulness",
        "common-humanity",
        "self-kindness",
        "barriers-and-keeping-going",
    ]
    # The store counts them by file name, without parsing the files.
    assert list(worksheet_ids()) == counted


def test_sheet_rows_give_every_sheet_its_status(content):
    letter = letter_status(
        LetterRecord(False, "", None, None, None), _dates(), dt.date(2026, 3, 4)
    )
    rows = sheet_rows(
        content,
        {"mindfulness": {"notice-moment": "x"}, "coaching-1": {"bring": "y"}},
        {"coaching-1", "questionnaire-baseline"},
        letter,
    )
    assert len(rows) == 11
    by_id = {row.sheet.id: row for row in rows}
    assert by_id["mindfulness"].status == "in progress"
    assert by_id["mindfulness"].detail == "1 of 12 answered"
    assert by_id["coaching-1"].status == "complete"
    assert by_id["questionnaire-baseline"].status == "complete"
    assert by_id["self-kindness"].status == "not started"
    assert by_id["letter"].status == "not started"
    assert by_id["mindfulness"].as_json() == {
        "id": "mindfulness",
        "title": "Mindfulness: noticing without being swept away",
        "component": "mindfulness",
        "week": 1,
        "status": "in progress",
    }
    assert by_id["coaching-2"].as_json()["component"] is None


# ---------------------------------------------------------------- the action plan


def _item(item_id: int, state="open", due=None, day=1) -> ActionItem:
    created = dt.datetime(2026, 11, day, 9, 0, tzinfo=dt.UTC)
    return ActionItem(item_id, f"item {item_id}", due, state, None, None, created, created)


def test_plan_text_is_one_line_of_up_to_300_characters():
    assert check_action_text("  Three breaths\nbefore the   huddle ") == (
        "Three breaths before the huddle"
    )
    assert check_action_text("x" * 300) == "x" * 300
    with pytest.raises(Invalid, match="301 characters; keep it to 300"):
        check_action_text("x" * 301)
    with pytest.raises(Invalid, match="empty"):
        check_action_text(" \n ")
    with pytest.raises(Invalid, match="NUL"):
        check_action_text("a\x00b")


def test_a_date_far_away_is_probably_a_typo():
    today = dt.date(2026, 11, 26)
    assert check_due(None, today) is None
    assert check_due(dt.date(2025, 11, 25), today) == dt.date(2025, 11, 25)  # 366 days back
    with pytest.raises(Invalid, match="more than a year ago"):
        check_due(dt.date(2025, 11, 24), today)  # 367 days back
    # 26 Nov 2026 to 26 Nov 2028 is 731 days (29 February 2028 between).
    assert check_due(dt.date(2028, 11, 27), today) == dt.date(2028, 11, 27)  # 732 days on
    with pytest.raises(Invalid, match="more than two years away"):
        check_due(dt.date(2028, 11, 28), today)  # 733 days on


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("open", "open"),
        ("Done", "done"),
        ("let go", "let-go"),
        ("LET_GO", "let-go"),
        ("letgo", "let-go"),
        ("let-go", "let-go"),
        ("reopen", "open"),
    ],
)
def test_plan_states_in_words(word, state):
    assert parse_action_state(word) == state


def test_an_unknown_state_names_the_choices():
    with pytest.raises(Invalid, match="use open, done or let go"):
        parse_action_state("failed")


def test_plan_order_puts_open_items_first_soonest_first():
    items = [
        _item(1, "done"),
        _item(2, "open"),
        _item(3, "let-go"),
        _item(4, "open", dt.date(2026, 12, 4)),
        _item(5, "open", dt.date(2026, 11, 30)),
    ]
    assert [i.id for i in action_plan_order(items)] == [5, 4, 2, 1, 3]


def test_dates_are_said_plainly_never_overdue():
    today = dt.date(2026, 11, 26)
    assert due_words(_item(1, due=dt.date(2026, 12, 4)), today) == "by Fri 4 Dec"
    assert due_words(_item(1, due=today), today) == "by today"
    assert due_words(_item(1, due=dt.date(2026, 11, 23)), today) == "planned for Mon 23 Nov"
    assert due_words(_item(1, "done", dt.date(2026, 11, 23)), today) == "by Mon 23 Nov"
    assert due_words(_item(1), today) == ""
    assert "overdue" not in due_words(_item(1, due=dt.date(2026, 1, 1)), today)


# ---------------------------------------------------------------- the letter


def _dates() -> LetterDates:
    """The letter of a programme starting Monday 2 March 2026."""
    template = programme()
    setup = ProgrammeSetup(start=dt.date(2026, 3, 2), zone=LONDON)
    return letter_dates(sheet_content().letter, setup.start, build_schedule(template, setup))


def test_the_letter_is_written_in_weeks_1_to_4_and_opens_at_the_followup():
    dates = _dates()
    assert dates.first_day == dt.date(2026, 3, 2)  # week 1, day 0
    assert dates.last_day == dt.date(2026, 3, 29)  # week 4 starts 23 March; its Sunday
    # End of programme: week 8 (from 20 April) day 3 = Thu 23 April; one month on is
    # Sat 23 May, a weekend, so the workshop is Monday 25 May.
    assert dates.opens_on == dt.date(2026, 5, 25)


def test_moving_the_followup_moves_the_opening():
    template = programme()
    moved = {"followup": dt.datetime(2026, 6, 3, 10, 0)}
    setup = ProgrammeSetup(start=dt.date(2026, 3, 2), zone=LONDON, moves=moved)
    dates = letter_dates(sheet_content().letter, setup.start, build_schedule(template, setup))
    assert dates.opens_on == dt.date(2026, 6, 3)


def _record(text="", sealed=False, opened=False) -> LetterRecord:
    stamp = dt.datetime(2026, 3, 10, 20, 0, tzinfo=dt.UTC)
    return LetterRecord(
        bool(text.strip()), text, stamp if sealed else None, stamp if opened else None, stamp
    )


@pytest.mark.parametrize(
    ("record", "day", "stage", "status"),
    [
        (_record(), dt.date(2026, 2, 27), "not-yet", "not started"),
        (_record(), dt.date(2026, 3, 2), "writing", "not started"),
        (_record("Dear me"), dt.date(2026, 3, 29), "writing", "in progress"),
        (_record("Dear me", sealed=True), dt.date(2026, 3, 12), "sealed", "complete"),
        (_record("Dear me"), dt.date(2026, 3, 30), "sealed", "complete"),  # sealed by the date
        (_record("Dear me", sealed=True), dt.date(2026, 5, 24), "sealed", "complete"),
        (_record("Dear me", sealed=True), dt.date(2026, 5, 25), "ready", "complete"),
        (_record("Dear me", sealed=True, opened=True), dt.date(2026, 5, 26), "opened", "complete"),
        (_record(), dt.date(2026, 3, 30), "closed", "not started"),
    ],
)
def test_letter_stages_by_date(record, day, stage, status):
    result = letter_status(record, _dates(), day)
    assert result.stage == stage
    assert result.sheet_status == status
    assert result.can_write == (stage == "writing")


def test_the_sealed_letter_says_when_it_opens():
    result = letter_status(_record("x", sealed=True), _dates(), dt.date(2026, 3, 12))
    assert result.sentence == "Sealed. It opens on Monday 25 May 2026, at the follow-up workshop."
    with pytest.raises(Refused, match="cannot be changed now"):
        check_letter_write(result)


def test_the_letter_is_readable_as_a_draft_and_from_its_opening_day():
    dates = _dates()
    assert letter_readable(False, True, dates, dt.date(2026, 3, 10))  # a draft
    assert not letter_readable(True, True, dates, dt.date(2026, 3, 10))
    assert not letter_readable(False, True, dates, dt.date(2026, 3, 30))  # sealed by date
    assert not letter_readable(True, True, dates, dt.date(2026, 5, 24))
    assert letter_readable(True, True, dates, dt.date(2026, 5, 25))


# ---------------------------------------------------------------- search


def test_every_word_is_quoted_so_nothing_is_query_syntax():
    assert fts_query('say "hi" AND near* body:x') == '"say"* "hi"* "AND"* "near"* "body"* "x"*'
    assert fts_query("ward_round") == '"ward"* "round"*'
    assert fts_query(' " * ( ) - ') is None
    assert fts_query("") is None
    assert search_terms("Café, kindness!") == ["Café", "kindness"]


def test_a_search_needs_a_word_and_has_a_limit():
    assert check_search("kind") == "kind"
    with pytest.raises(Invalid, match="Type a word or two"):
        check_search("?!")
    with pytest.raises(Invalid, match="201 characters; keep it to 200"):
        check_search("a" * 201)


def test_the_excerpt_marks_words_starting_with_a_term():
    assert excerpt("I was kind to myself, kindly.", ["kind"]) == (
        ("I was ", False),
        ("kind", True),
        (" to myself, ", False),
        ("kindly", True),
        (".", False),
    )


def test_the_excerpt_ignores_case_and_accents_and_joins_lines():
    assert excerpt("At the CAFÉ\nagain", ["cafe"]) == (
        ("At the ", False),
        ("CAFÉ", True),
        (" again", False),
    )


def test_a_long_text_is_cut_around_the_first_match():
    text = ("one " * 40) + "target " + ("two " * 40)
    parts = excerpt(text, ["target"], width=40)
    shown = "".join(p for p, _ in parts)
    assert shown.startswith("\u2026") and shown.endswith("\u2026")
    assert ("target", True) in parts
    assert len(shown) <= 40 + 2
    # Words are never cut in half at either end.
    assert shown[1:4] == "one" and shown[-4:-1] == "two"


def test_hits_say_where_they_were_found(content):
    matches = [
        SearchMatch(
            "answer", "A hard ward round", sheet_id="mindfulness", prompt_id="notice-moment"
        ),
        SearchMatch("plan", "Walk on the ward", item_id=3),
        SearchMatch("answer", "Ward notes", sheet_id="gone", prompt_id="old"),
    ]
    hits = search_hits(matches, content, "ward")
    assert [h.where for h in hits] == [
        "Mindfulness: noticing without being swept away \u00b7 "
        "What happened, in a sentence or two?",
        "Action plan",
        "gone \u00b7 old",
    ]
    assert hits[0].excerpt == "A hard ward round"
    assert ("ward", True) in hits[0].parts
