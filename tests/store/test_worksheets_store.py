"""The worksheets part of the store: answers and versions, marks, the plan, the letter, search."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from companion.content.worksheets import worksheet_ids
from companion.domain.errors import Invalid, NotFound, Refused
from companion.domain.worksheets.answers import VERSIONS_KEPT
from companion.domain.worksheets.letter import LetterDates
from companion.domain.worksheets.status import worksheet_activities
from companion.store import Store, StoreError, open_store
from companion.store.schema import STEPS

T0 = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
SHEET, PROMPT = "mindfulness", "notice-moment"
# A programme starting Monday 2 March 2026: letter weeks 1-4, follow-up Monday 25 May.
DATES = LetterDates(dt.date(2026, 3, 2), dt.date(2026, 3, 29), dt.date(2026, 5, 25))


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "companion.db")
    yield opened
    opened.close()


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def raw(store: Store, sql: str, *args: object) -> list[tuple]:
    """Read with a separate connection: what is committed, not what one connection sees."""
    conn = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


# ---------------------------------------------------------------- schema


def test_the_migration_step_is_named_and_its_tables_are_strict(store):
    assert "reflections" in [name for name, _ in STEPS]
    tables = dict(raw(store, "SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    for name in ("answer", "answer_version", "sheet_mark", "plan_item", "letter"):
        assert "STRICT" in tables[name], name
    assert "fts5" in tables["answer_fts"] and "fts5" in tables["plan_item_fts"]


@pytest.mark.parametrize(
    ("sql", "values"),
    [
        (
            "INSERT INTO answer (sheet_id, prompt_id, body, created_utc, updated_utc) "
            "VALUES ('s', 'p', ?, '2026-11-26T09:30:00Z', '2026-11-26T09:30:00Z')",
            ("x" * 100_001,),
        ),
        (
            "INSERT INTO plan_item (body, due_day, state, created_utc, updated_utc) "
            "VALUES ('x', NULL, 'failed', '2026-11-26T09:30:00Z', '2026-11-26T09:30:00Z')",
            (),
        ),
        (
            "INSERT INTO plan_item (body, due_day, state, created_utc, updated_utc) "
            "VALUES ('x', '2026-2-3', 'open', '2026-11-26T09:30:00Z', '2026-11-26T09:30:00Z')",
            (),
        ),
        (
            "INSERT INTO plan_item (body, due_day, state, created_utc, updated_utc) "
            "VALUES (?, NULL, 'open', '2026-11-26T09:30:00Z', '2026-11-26T09:30:00Z')",
            ("x" * 301,),
        ),
        (
            "INSERT INTO letter (id, body, created_utc, updated_utc) "
            "VALUES (2, 'x', '2026-11-26T09:30:00Z', '2026-11-26T09:30:00Z')",
            (),
        ),
    ],
    ids=["answer-too-long", "unknown-state", "bad-date", "plan-too-long", "second-letter"],
)
def test_the_tables_refuse_what_python_would_have_refused(store, sql, values):
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(sql, values)


# ---------------------------------------------------------------- answers


def test_answers_round_trip_as_typed_in_nfc(store):
    typed = "\x1b[31mred\x1b[0m [bold]x[/] e\u0301 \U0001f469\u200d\u2695\ufe0f \u202eevil"
    changed = store.worksheets.save_answers(SHEET, {PROMPT: typed, "swept-away": "Replaying"}, T0)
    assert [a.prompt_id for a in changed] == [PROMPT, "swept-away"]
    stored = store.worksheets.answers(SHEET)
    assert stored[PROMPT].text == typed.replace("e\u0301", "\u00e9")
    assert stored[PROMPT].updated == T0
    assert raw(store, "SELECT body FROM answer WHERE prompt_id = 'swept-away'") == [("Replaying",)]
    assert store.worksheets.all_answers() == {
        SHEET: {PROMPT: stored[PROMPT].text, "swept-away": "Replaying"}
    }


def test_an_unchanged_answer_is_not_written_again(store):
    store.worksheets.save_answer(SHEET, PROMPT, "same", T0)
    assert store.worksheets.save_answer(SHEET, PROMPT, "same", at(90)) is None
    assert store.worksheets.answers(SHEET)[PROMPT].updated == T0
    assert store.worksheets.versions(SHEET, PROMPT) == []


def test_one_bad_text_means_nothing_of_the_save_is_written(store):
    with pytest.raises(Invalid, match="NUL character"):
        store.worksheets.save_answers(SHEET, {"swept-away": "fine", PROMPT: "bad\x00"}, T0)
    with pytest.raises(Invalid, match="100,001 characters"):
        store.worksheets.save_answers(SHEET, {PROMPT: "x" * 100_001}, T0)
    assert raw(store, "SELECT count(*) FROM answer") == [(0,)]


def test_a_busy_database_is_a_sentence_and_nothing_is_written(store, monkeypatch):
    store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="the database is busy"):
            store.worksheets.save_answer(SHEET, PROMPT, "my words", T0)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert raw(store, "SELECT count(*) FROM answer") == [(0,)]
    store.worksheets.save_answer(SHEET, PROMPT, "my words", T0)  # and it works afterwards
    assert raw(store, "SELECT body FROM answer") == [("my words",)]


# ---------------------------------------------------------------- versions


def test_versions_are_kept_a_minute_apart_and_before_a_large_cut(store):
    store.worksheets.save_answer(SHEET, PROMPT, "First", at(0))
    store.worksheets.save_answer(
        SHEET, PROMPT, "First words", at(2)
    )  # no version yet: keep "First"
    store.worksheets.save_answer(SHEET, PROMPT, "First words here", at(4))  # 4 s since "First"
    # A minute after "First" was kept: keep "First words here" (saved at 4 s).
    store.worksheets.save_answer(SHEET, PROMPT, "First words here, more", at(61))
    # 59 s after the newest version's text and only added to: nothing kept.
    longer = "First words here, more and more"
    store.worksheets.save_answer(SHEET, PROMPT, longer, at(63))
    # All 31 characters replaced a second later: a large cut, so `longer` is kept.
    store.worksheets.save_answer(SHEET, PROMPT, "oops", at(64))
    versions = store.worksheets.versions(SHEET, PROMPT)
    assert [v.text for v in versions] == [longer, "First words here", "First"]
    assert [v.saved for v in versions] == [at(63), at(4), at(0)]
    assert store.worksheets.answers(SHEET)[PROMPT].text == "oops"


def test_versions_are_bounded_to_the_newest_fifty(store):
    for n in range(VERSIONS_KEPT + 10):
        store.worksheets.save_answer(SHEET, PROMPT, f"text {n}", at(61 * n))
    versions = store.worksheets.versions(SHEET, PROMPT)
    assert len(versions) == VERSIONS_KEPT
    # Texts 0..58 were replaced (59 versions); the newest 50 are 58 down to 9.
    assert versions[0].text == f"text {VERSIONS_KEPT + 8}"
    assert versions[-1].text == "text 9"


def test_restoring_keeps_what_it_replaces(store):
    store.worksheets.save_answer(SHEET, PROMPT, "the good first draft", at(0))
    store.worksheets.save_answer(SHEET, PROMPT, "x", at(5))
    (version,) = store.worksheets.versions(SHEET, PROMPT)
    restored = store.worksheets.restore_version(version.id, at(10))
    assert restored.text == "the good first draft"
    assert store.worksheets.answers(SHEET)[PROMPT].text == "the good first draft"
    assert [v.text for v in store.worksheets.versions(SHEET, PROMPT)] == [
        "x",
        "the good first draft",
    ]
    with pytest.raises(NotFound, match="no longer kept"):
        store.worksheets.restore_version(999, at(20))


# ---------------------------------------------------------------- marks and completion


def test_completion_counts_one_flag_per_webinar_worksheet(store):
    def flags() -> list[bool]:
        return worksheet_activities(worksheet_ids(), store.worksheets.completed())

    assert flags() == [False, False, False, False]
    store.worksheets.mark_complete("mindfulness", True, T0)
    store.worksheets.mark_complete("coaching-1", True, T0)  # notes do not count
    assert flags() == [True, False, False, False]
    assert set(store.worksheets.completed()) == {"mindfulness", "coaching-1"}
    store.worksheets.mark_complete("mindfulness", False, at(5))
    assert flags() == [False, False, False, False]
    assert set(store.worksheets.completed()) == {"coaching-1"}


# ---------------------------------------------------------------- the action plan


def test_plan_items_are_added_marked_and_edited(store):
    first = store.worksheets.add_action(
        "Three breaths\nbefore the huddle", None, T0, source=("mindfulness", "try-this-week")
    )
    second = store.worksheets.add_action("Walk at lunch", dt.date(2026, 12, 4), at(1))
    assert first.text == "Three breaths before the huddle"
    assert (first.state, first.source_sheet, first.source_prompt) == (
        "open",
        "mindfulness",
        "try-this-week",
    )
    assert store.worksheets.set_action_state(first.id, "done", at(2)).state == "done"
    assert store.worksheets.set_action_state(second.id, "let-go", at(3)).state == "let-go"
    assert store.worksheets.set_action_state(second.id, "open", at(4)).state == "open"
    edited = store.worksheets.edit_action(second.id, "Walk at lunch twice a week", None, at(5))
    assert (edited.text, edited.due) == ("Walk at lunch twice a week", None)
    assert raw(store, "SELECT id, state, due_day FROM plan_item ORDER BY id") == [
        (first.id, "done", None),
        (second.id, "open", None),
    ]


def test_an_unknown_item_names_the_items_there_are(store):
    with pytest.raises(NotFound, match="there is no action-plan item 7; the plan is empty"):
        store.worksheets.set_action_state(7, "done", T0)
    store.worksheets.add_action("One", None, T0)
    store.worksheets.add_action("Two", None, T0)
    with pytest.raises(NotFound, match="there is no action-plan item 7; the items are 1, 2"):
        store.worksheets.set_action_state(7, "done", T0)


# ---------------------------------------------------------------- the letter


def test_the_draft_is_readable_and_the_sealed_letter_is_not_until_its_day(store):
    writing_day = dt.date(2026, 3, 10)
    assert store.worksheets.letter(DATES, writing_day).has_text is False
    assert store.worksheets.save_letter("Dear Sam,\nbe kind.", DATES, T0, writing_day)
    assert store.worksheets.letter(DATES, writing_day).text == "Dear Sam,\nbe kind."
    store.worksheets.seal_letter(at(10))
    for day in (writing_day, dt.date(2026, 4, 1), dt.date(2026, 5, 24)):
        record = store.worksheets.letter(DATES, day)
        assert record.text is None and record.has_text and record.sealed == at(10)
    with pytest.raises(Refused, match="not ready to open"):
        store.worksheets.open_letter(DATES, dt.date(2026, 5, 24), at(20))
    with pytest.raises(Refused, match="sealed"):
        store.worksheets.save_letter("Changed", DATES, at(20), writing_day)
    opening_day = dt.date(2026, 5, 25)
    assert store.worksheets.letter(DATES, opening_day).text == "Dear Sam,\nbe kind."
    assert store.worksheets.letter(DATES, opening_day).opened is None
    assert store.worksheets.open_letter(DATES, opening_day, at(30)) == "Dear Sam,\nbe kind."
    assert store.worksheets.letter(DATES, opening_day).opened == at(30)
    # The text on disk is the one written.
    assert raw(store, "SELECT body FROM letter") == [("Dear Sam,\nbe kind.",)]


def test_a_draft_left_unsealed_is_sealed_when_the_weeks_end(store):
    store.worksheets.save_letter("An unsealed draft", DATES, T0, dt.date(2026, 3, 28))
    assert store.worksheets.letter(DATES, dt.date(2026, 3, 29)).text == "An unsealed draft"
    assert store.worksheets.letter(DATES, dt.date(2026, 3, 30)).text is None
    with pytest.raises(Refused, match="sealed"):
        store.worksheets.save_letter("Later", DATES, T0, dt.date(2026, 3, 30))
    assert store.worksheets.open_letter(DATES, dt.date(2026, 5, 25), T0) == "An unsealed draft"


def test_an_empty_letter_cannot_be_sealed(store):
    with pytest.raises(Refused, match="empty"):
        store.worksheets.seal_letter(T0)
    store.worksheets.save_letter("   ", DATES, T0, dt.date(2026, 3, 10))
    with pytest.raises(Refused, match="empty"):
        store.worksheets.seal_letter(T0)


# ---------------------------------------------------------------- search


def test_search_finds_answers_and_plan_items_by_prefix_and_without_accents(store):
    store.worksheets.save_answer(SHEET, PROMPT, "Coffee at the café with my kindest colleague", T0)
    store.worksheets.save_answer("coaching-1", "bring", "Kindness in the bed meeting", T0)
    store.worksheets.add_action("Be kind at the Monday huddle", None, T0)
    found = store.worksheets.search("kind")
    assert {(m.kind, m.sheet_id, m.prompt_id, m.item_id) for m in found} == {
        ("answer", SHEET, PROMPT, None),
        ("answer", "coaching-1", "bring", None),
        ("plan", None, None, 1),
    }
    assert [m.prompt_id for m in store.worksheets.search("cafe")] == [PROMPT]
    assert [m.item_id for m in store.worksheets.search("KIND huddle")] == [1]


@pytest.mark.parametrize(
    "text", ['"', "AND", "OR NOT", "NEAR(a b)", "body:x", "*", "a*b", "-x", "^start", "(", "'"]
)
def test_search_text_is_never_query_syntax(store, text):
    store.worksheets.save_answer(SHEET, PROMPT, "plain words", T0)
    assert store.worksheets.search(text) == []


def test_search_follows_edits_and_skips_versions_and_the_letter(store):
    store.worksheets.save_answer(SHEET, PROMPT, "an old phrase", at(0))
    store.worksheets.save_answer(SHEET, PROMPT, "a new phrase", at(70))  # "old" kept as a version
    assert store.worksheets.search("old") == []
    assert [m.text for m in store.worksheets.search("new")] == ["a new phrase"]
    store.worksheets.save_answer(SHEET, PROMPT, "", at(80))  # emptied
    assert store.worksheets.search("phrase") == []
    item = store.worksheets.add_action("swim weekly", None, T0)
    store.worksheets.edit_action(item.id, "walk weekly", None, at(1))
    assert store.worksheets.search("swim") == []
    assert [m.item_id for m in store.worksheets.search("walk")] == [item.id]
    store.worksheets.save_letter("a secret letter", DATES, T0, dt.date(2026, 3, 10))
    assert store.worksheets.search("secret") == []
