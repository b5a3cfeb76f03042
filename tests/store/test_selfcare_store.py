"""The self-care store: habits, entries, pauses, totals from SQL, bounded summaries, migration.

Expected totals are added up by hand from the entries each test writes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

import companion.store.opening as opening
import companion.store.schema as schema
from companion.domain.errors import Invalid, NotFound, Refused
from companion.domain.selfcare.entries import AlreadyLoggedError
from companion.domain.selfcare.habits import DEFAULT_HABITS, Habit, HabitSpec
from companion.domain.selfcare.pauses import paused_days
from companion.domain.selfcare.summary import summarise
from companion.store import Store, StoreError, open_store

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 26)
START = dt.date(2026, 10, 26)
ZONE = "Europe/London"


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "companion.db")
    opened.programme.save_setup(START, "Sam", ZONE, DEFAULT_HABITS, NOW)
    yield opened
    opened.close()


def habit(store: Store, key: str) -> Habit:
    return next(h for h in store.selfcare.habits(include_archived=True) if h.key == key)


def count(store: Store, table: str = "habit_entry") -> int:
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def day(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


# ---------------------------------------------------------------- schema


def test_the_step_adds_entries_pauses_and_the_indexes(store):
    tables = {
        r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {"habit", "habit_entry", "habit_pause"} <= tables
    indexes = {
        r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")
    }
    assert {"habit_entry_by_habit_day", "habit_entry_by_day", "habit_pause_by_days"} <= indexes
    names = [r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations")]
    assert "selfcare_log" in names


def test_totals_over_a_range_use_the_covering_index(store):
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT day, sum(value) FROM habit_entry "
        "WHERE habit_id = 1 AND day BETWEEN '2020-01-01' AND '2026-01-01' GROUP BY day"
    ).fetchall()
    assert "COVERING INDEX habit_entry_by_habit_day" in " ".join(str(r[-1]) for r in plan)
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM habit_entry WHERE day = '2026-11-26'"
    ).fetchall()
    assert "habit_entry_by_day" in " ".join(str(r[-1]) for r in plan)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("day", "2026-2-3"),
        # (2026-02-30 is caught in Python only: SQLite 3.40's date() lets it through.)
        ("day", None),
        ("value", -1.0),
        ("value", float("nan")),  # SQLite stores NaN as NULL: NOT NULL refuses it
        ("value", 100_001.0),
        ("note", ""),
        ("note", "x" * 501),
        ("habit_id", 999),  # no such habit: the foreign key refuses it
    ],
)
def test_the_second_net_refuses_what_slips_past_python(store, column, value):
    row = {
        "habit_id": 1,
        "day": "2026-11-26",
        "value": 10.0,
        "note": None,
        "created_utc": "2026-11-26T09:30:00Z",
        "tz": ZONE,
    }
    row[column] = value
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO habit_entry (habit_id, day, value, note, created_utc, tz) "
            "VALUES (:habit_id, :day, :value, :note, :created_utc, :tz)",
            row,
        )
    assert count(store) == 0


def test_a_limit_of_zero_and_a_long_key_are_allowed_by_the_rebuilt_habit_table(store):
    spec = HabitSpec("no-alcohol-on-weeknights", "Alcohol", "count", "drinks", 0, "day", "at_most")
    added = store.selfcare.add_habit(spec, NOW)
    assert (added.key, added.target, added.direction) == ("no-alcohol-on-weeknights", 0, "at_most")
    with pytest.raises(sqlite3.IntegrityError):  # 0 is still refused for "at least"
        store.conn.execute("UPDATE habit SET target = 0 WHERE key = 'walking'")


def test_an_older_database_keeps_its_habits_through_the_rebuild(tmp_path, monkeypatch):
    """A database from before this step: the habit table is rebuilt with the same ids."""
    path = tmp_path / "old.db"
    foundation = schema.STEPS[:1]
    monkeypatch.setattr(schema, "STEPS", foundation)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    monkeypatch.setattr(opening, "SCHEMA_VERSION", 1)
    old = open_store(path)
    old.programme.save_setup(START, "Sam", ZONE, DEFAULT_HABITS, NOW)
    # Read as that version's table holds them (the store's reading needs the later steps).
    before = old.conn.execute(
        "SELECT id, key, name, target, position FROM habit ORDER BY position, id"
    ).fetchall()
    old.close()
    monkeypatch.undo()

    new = open_store(path)
    try:
        assert new.schema_version() == schema.SCHEMA_VERSION
        after = [(h.id, h.key, h.name, h.target, h.position) for h in new.selfcare.habits()]
        assert after == before
        walking = habit(new, "walking")
        new.selfcare.log(walking, TODAY, 25, None, NOW, ZONE)
        assert new.selfcare.daily_totals(TODAY, TODAY) == {walking.id: {TODAY: 25.0}}
        assert new.integrity() == "ok"
        fks = new.conn.execute("PRAGMA foreign_key_check").fetchall()
        assert fks == []
    finally:
        new.close()


# ---------------------------------------------------------------- habits


def test_habits_start_on_the_local_day_they_were_added(store):
    # 00:30 in London on 1 August is still 31 July in UTC: the habit began on 1 August.
    late = dt.datetime(2026, 7, 31, 23, 30, tzinfo=dt.UTC)
    added = store.selfcare.add_habit(
        HabitSpec("kind", "Kind moment", "yesno", "times", None), late
    )
    assert added.since == dt.date(2026, 8, 1)


def test_add_rename_move_archive_restore(store):
    kind = store.selfcare.add_habit(
        HabitSpec(" Kind ", "Kind moment", "yesno", "times", None), NOW
    )
    assert (kind.key, kind.position) == ("kind", 3)
    assert (
        store.selfcare.rename_habit(kind.id, "  A kind moment ").name == "Kind moment"
    )  # the old one
    assert habit(store, "kind").name == "A kind moment"

    store.selfcare.move_habit(kind.id, 0)
    assert [h.key for h in store.selfcare.habits()] == [
        "kind",
        "meditation",
        "walking",
        "hydration",
    ]

    store.selfcare.archive_habit(habit(store, "meditation").id, NOW)
    assert [h.key for h in store.selfcare.habits()] == ["kind", "walking", "hydration"]
    assert habit(store, "meditation").archived
    store.selfcare.restore_habit(habit(store, "meditation").id)
    assert [h.key for h in store.selfcare.habits()] == [
        "kind",
        "walking",
        "hydration",
        "meditation",
    ]


def test_a_key_in_use_is_refused_and_an_archived_one_says_how_to_restore(store):
    with pytest.raises(Refused, match="already a habit with the key walking; choose another"):
        store.selfcare.add_habit(HabitSpec("walking", "Walk", "minutes", "minutes", 20), NOW)
    store.selfcare.archive_habit(habit(store, "walking").id, NOW)
    with pytest.raises(Refused, match="companion habits restore walking"):
        store.selfcare.add_habit(HabitSpec("walking", "Walk", "minutes", "minutes", 20), NOW)
    assert count(store, "habit") == 3


def test_a_bad_habit_is_refused_before_sql(store):
    with pytest.raises(Invalid, match="more than 0"):
        store.selfcare.add_habit(HabitSpec("tea", "Tea", "count", "cups", 0), NOW)
    with pytest.raises(Invalid, match="limit is 40"):
        store.selfcare.rename_habit(habit(store, "walking").id, "W" * 41)
    assert habit(store, "walking").name == "Walking"


# ---------------------------------------------------------------- entries


def test_several_entries_a_day_add_up(store):
    walking = habit(store, "walking")
    first = store.selfcare.log(walking, TODAY, 20, None, NOW, ZONE)
    second = store.selfcare.log(walking, TODAY, 15, "by the river", NOW, ZONE)
    third = store.selfcare.log(walking, TODAY, 10, None, NOW, ZONE)
    assert (first.before, first.day_total) == (0, 20)
    assert (second.before, second.day_total) == (20, 35)
    assert (third.before, third.day_total) == (35, 45)
    assert third.entry.created_utc == "2026-11-26T09:30:00Z"
    assert third.entry.tz == ZONE
    assert store.selfcare.daily_totals(TODAY, TODAY) == {walking.id: {TODAY: 45.0}}
    assert [e.value for e in store.selfcare.entries_on(TODAY)] == [20, 15, 10]
    assert store.selfcare.entries_on(TODAY)[1].note == "by the river"


def test_notes_are_kept_literally_in_nfc(store):
    walking = habit(store, "walking")
    store.selfcare.log(walking, TODAY, 20, "cafe\u0301 [b]bold[/b] \U0001f6b6", NOW, ZONE)
    assert store.selfcare.entries_on(TODAY)[0].note == "caf\u00e9 [b]bold[/b] \U0001f6b6"


@pytest.mark.parametrize(
    ("value", "note", "message"),
    [
        (-5, None, "below 0"),
        (float("nan"), None, "not an amount"),
        (1441, None, "more than the 1,440"),
        (25, "a\x00b", "NUL"),
        (25, "\x1b[31mred", "one line"),
        (25, "x" * 501, "limit is 500"),
    ],
)
def test_bad_values_and_notes_write_nothing(store, value, note, message):
    with pytest.raises(Invalid, match=message):
        store.selfcare.log(habit(store, "walking"), TODAY, value, note, NOW, ZONE)
    assert count(store) == 0


def test_a_day_cannot_hold_more_than_a_day(store):
    walking = habit(store, "walking")
    store.selfcare.log(walking, TODAY, 1000, None, NOW, ZONE)
    with pytest.raises(Invalid, match="That would make 1,441 minutes"):
        store.selfcare.log(walking, TODAY, 441, None, NOW, ZONE)
    assert store.selfcare.daily_totals(TODAY, TODAY)[walking.id][TODAY] == 1000


def test_a_second_yes_on_the_same_day_is_already_logged(store):
    kind = store.selfcare.add_habit(HabitSpec("kind", "Kind moment", "yesno", "times", None), NOW)
    store.selfcare.log(kind, TODAY, 1, None, NOW, ZONE)
    with pytest.raises(AlreadyLoggedError):
        store.selfcare.log(kind, TODAY, 1, None, NOW, ZONE)
    store.selfcare.log(kind, day(1), 1, None, NOW, ZONE)
    assert count(store) == 2


def test_an_archived_habit_cannot_be_logged(store):
    walking = habit(store, "walking")
    store.selfcare.archive_habit(walking.id, NOW)
    with pytest.raises(Refused, match="archived"):
        store.selfcare.log(walking, TODAY, 20, None, NOW, ZONE)
    assert count(store) == 0


def test_edit_checks_the_day_without_the_entry_and_undo_puts_it_back(store):
    walking = habit(store, "walking")
    keep = store.selfcare.log(walking, TODAY, 400, None, NOW, ZONE).entry
    edited = store.selfcare.log(walking, TODAY, 1000, "long day", NOW, ZONE).entry
    # 1000 -> 1040 is fine (400 + 1040 = 1440), 1041 is not.
    before = store.selfcare.edit_entry(walking, edited.id, 1040, "longer")
    assert before == edited
    with pytest.raises(Invalid, match="1,441 minutes"):
        store.selfcare.edit_entry(walking, edited.id, 1041, None)
    assert store.selfcare.entry(edited.id).value == 1040
    store.selfcare.put_back_entry(before)
    assert store.selfcare.entry(edited.id) == edited
    assert store.selfcare.entry(keep.id) == keep


def test_delete_then_undo_restores_the_same_entry_and_ids_are_never_reused(store):
    walking = habit(store, "walking")
    entry = store.selfcare.log(walking, day(2), 30, "a note", NOW, ZONE).entry
    deleted = store.selfcare.delete_entry(entry.id)
    assert deleted == entry
    assert store.selfcare.entry(entry.id) is None
    newer = store.selfcare.log(walking, TODAY, 5, None, NOW, ZONE).entry
    assert newer.id > entry.id  # AUTOINCREMENT: the deleted id stays free for undo
    store.selfcare.put_back_entry(deleted)
    assert store.selfcare.entry(entry.id) == entry
    assert store.selfcare.entry(newer.id) == newer
    with pytest.raises(NotFound, match="no longer there"):
        store.selfcare.delete_entry(9999)


def test_entries_keep_the_day_they_were_logged_for(store):
    """A new time zone never re-buckets old entries."""
    walking = habit(store, "walking")
    store.selfcare.log(walking, day(1), 30, None, NOW, ZONE)
    store.programme.save_setup(START, "Sam", "America/New_York", DEFAULT_HABITS, NOW)
    store.selfcare.log(walking, TODAY, 20, None, NOW, "America/New_York")
    entries = store.selfcare.entries_on(day(1)) + store.selfcare.entries_on(TODAY)
    assert [(e.day, e.tz) for e in entries] == [(day(1), ZONE), (TODAY, "America/New_York")]


def test_daily_totals_are_grouped_per_habit_and_day_over_a_range(store):
    walking, hydration = habit(store, "walking"), habit(store, "hydration")
    for n, value in ((0, 10), (0, 5), (3, 20), (9, 40)):
        store.selfcare.log(walking, day(n), value, None, NOW, ZONE)
    for n, value in ((0, 2), (0, 3), (5, 8)):
        store.selfcare.log(hydration, day(n), value, None, NOW, ZONE)
    assert store.selfcare.daily_totals(day(6), TODAY) == {
        walking.id: {TODAY: 15.0, day(3): 20.0},
        hydration.id: {TODAY: 5.0, day(5): 8.0},
    }
    assert store.selfcare.daily_totals(day(9), TODAY, [hydration.id]) == {
        hydration.id: {TODAY: 5.0, day(5): 8.0}
    }
    assert store.selfcare.habit_totals(walking.id, day(9), day(3)) == {day(3): 20.0, day(9): 40.0}


# ---------------------------------------------------------------- pauses


def test_pauses_add_overlap_and_remove(store):
    cold = store.selfcare.add_pause(day(12), day(11), "  Heavy cold ", TODAY, NOW)
    assert (cold.first, cold.last, cold.reason) == (day(12), day(11), "Heavy cold")
    with pytest.raises(Refused, match="already a pause; remove it first"):
        store.selfcare.add_pause(day(11), day(8), None, TODAY, NOW)
    with pytest.raises(Invalid, match="ends before it starts"):
        store.selfcare.add_pause(day(3), day(5), None, TODAY, NOW)
    leave = store.selfcare.add_pause(day(-3), day(-7), "leave", TODAY, NOW)  # planned, ahead
    assert [p.id for p in store.selfcare.pauses()] == [cold.id, leave.id]
    assert [p.id for p in store.selfcare.pauses(day(11), day(11))] == [cold.id]
    assert store.selfcare.pauses(day(10), day(0)) == []
    assert store.selfcare.remove_pause(cold.id) == cold
    assert store.selfcare.pauses() == [leave]


# ---------------------------------------------------------------- summaries


def test_summaries_from_a_bounded_window_match_the_whole_history(store):
    """Twelve years of walks: the store loads a window, the domain gets the same answer."""
    walking = habit(store, "walking")
    rows = []
    for n in range(0, 12 * 365):
        if n % 3 != 1:
            rows.append((walking.id, day(n).isoformat(), float(10 + n % 40), NOW))
    with store.db.transaction() as conn:
        conn.executemany(
            "INSERT INTO habit_entry (habit_id, day, value, created_utc, tz) "
            "VALUES (?, ?, ?, '2026-11-26T09:30:00Z', 'Europe/London')",
            [row[:3] for row in rows],
        )
    store.selfcare.add_pause(day(30), day(25), "illness", TODAY, NOW)
    summary = store.selfcare.summaries(TODAY, today=TODAY, programme_start=START)[1]
    everything = store.selfcare.habit_totals(walking.id, day(12 * 365), TODAY)
    paused = paused_days((p.first, p.last) for p in store.selfcare.pauses())
    expected = summarise(
        walking,
        everything,
        day=TODAY,
        today=TODAY,
        since=walking.since,
        paused=paused,
        programme_start=START,
    )
    assert summary.strength == pytest.approx(expected.strength, abs=1e-9)
    assert summary.strength > 0  # (the value itself is the domain's, tested there)
    assert summary.week == expected.week
    assert summary.heatmap == expected.heatmap
    assert summary.recent == expected.recent
    assert summary.programme_weeks == expected.programme_weeks


def test_programme_weeks_long_ago_are_loaded_too(store):
    """A programme that began years back still gets its eight weekly totals."""
    walking = habit(store, "walking")
    long_ago = dt.date(2022, 3, 7)
    store.selfcare.log(walking, long_ago, 30, None, NOW, ZONE)
    store.selfcare.log(walking, long_ago + dt.timedelta(days=8), 20, None, NOW, ZONE)
    summary = store.selfcare.summaries(
        TODAY, today=TODAY, programme_start=long_ago, programme_weeks=8
    )[1]
    assert summary.programme_weeks == (30.0, 20.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_a_busy_database_is_one_line_and_nothing_is_written(store, tmp_path):
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    store.conn.execute("PRAGMA busy_timeout = 100")
    try:
        with pytest.raises(StoreError, match="busy"):
            store.selfcare.log(habit(store, "walking"), TODAY, 20, None, NOW, ZONE)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert count(store) == 0


def test_the_change_stamp_moves_with_our_writes_and_other_processes(store):
    first = store.change_stamp()
    store.selfcare.habits()
    store.selfcare.summaries(TODAY, today=TODAY, programme_start=START)
    assert store.change_stamp() == first  # reading changes nothing
    store.selfcare.log(habit(store, "walking"), TODAY, 20, None, NOW, ZONE)
    ours = store.change_stamp()
    assert ours != first  # PRAGMA data_version alone would miss our own commit
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("DELETE FROM habit_entry")
    finally:
        other.close()
    assert store.change_stamp() != ours


def test_practice_minutes_are_the_timed_habits_from_the_first_day_to_each_last(store):
    """What the Scales section shows beside each change: timed habits only, both ends in."""
    for day, key, minutes in [
        (dt.date(2026, 10, 22), "meditation", 10),  # before the first day: not counted
        (dt.date(2026, 10, 23), "meditation", 15),
        (dt.date(2026, 11, 2), "walking", 30),
        (dt.date(2026, 11, 3), "walking", 25),
        (dt.date(2026, 11, 3), "hydration", 8),  # a count, not minutes
        (dt.date(2026, 11, 26), "meditation", 5),
        (dt.date(2026, 11, 27), "meditation", 20),  # after every last day
    ]:
        store.selfcare.log(habit(store, key), day, minutes, None, NOW, ZONE)
    first = dt.date(2026, 10, 23)
    lasts = [dt.date(2026, 11, 26), dt.date(2026, 11, 2), dt.date(2026, 10, 1)]
    assert store.selfcare.practice_minutes(first, lasts) == {
        dt.date(2026, 10, 1): {"Meditation": 0.0, "Walking": 0.0},  # before the first day
        dt.date(2026, 11, 2): {"Meditation": 15.0, "Walking": 30.0},
        dt.date(2026, 11, 26): {"Meditation": 20.0, "Walking": 55.0},
    }


# ---------------------------------------------------------------- notes in the search


def found_notes(store: Store, text: str) -> list[tuple[int | None, str | None, dt.date | None]]:
    return [(m.item_id, m.habit, m.day) for m in store.worksheets.search(text) if m.kind == "note"]


def test_self_care_notes_are_searched_and_follow_every_change(store):
    """The index follows logging, editing, deleting and undoing, in the same transaction."""
    walking = habit(store, "walking")
    logged = store.selfcare.log(walking, TODAY, 25, "A heron by the pond", NOW, ZONE)
    store.selfcare.log(walking, day(-1), 20, None, NOW, ZONE)  # no note: nothing indexed
    entry = logged.entry.id
    assert found_notes(store, "heron pond") == [(entry, "Walking", TODAY)]
    assert found_notes(store, "HÉRON") == [(entry, "Walking", TODAY)]  # case and accents
    assert count(store, "habit_note_fts") == 1
    before = store.selfcare.edit_entry(walking, entry, 25, "Two swans instead")
    assert found_notes(store, "heron") == [] and found_notes(store, "swans") == [
        (entry, "Walking", TODAY)
    ]
    store.selfcare.put_back_entry(before)  # undo the edit
    assert (
        found_notes(store, "heron") == [(entry, "Walking", TODAY)]
        and found_notes(store, "swans") == []
    )
    store.selfcare.edit_entry(walking, entry, 25, None)  # the note cleared
    assert found_notes(store, "heron") == []
    store.selfcare.put_back_entry(before)
    deleted = store.selfcare.delete_entry(entry)
    assert found_notes(store, "heron") == [] and count(store, "habit_note_fts") == 0
    store.selfcare.put_back_entry(deleted)  # undo the delete
    assert found_notes(store, "heron") == [(entry, "Walking", TODAY)]
    store.selfcare.rename_habit(walking.id, "Slow walk")  # shown under its name as it is now
    assert found_notes(store, "heron") == [(entry, "Slow walk", TODAY)]


@pytest.mark.parametrize(
    "text", ['"', "AND", "OR NOT", "NEAR(a b)", "body:x", "*", "a*b", "-x", "^start", "(", "'"]
)
def test_note_search_text_is_never_query_syntax(store, text):
    store.selfcare.log(habit(store, "walking"), TODAY, 25, "plain words", NOW, ZONE)
    assert store.worksheets.search(text) == []


def test_notes_written_before_the_search_step_are_found_after_it(tmp_path, monkeypatch):
    """A database from before notes were searched: the step indexes the notes it holds."""
    path = tmp_path / "old.db"
    earlier = tuple(step for step in schema.STEPS if step[0] != "habit_note_search")
    monkeypatch.setattr(schema, "STEPS", earlier)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(earlier))
    monkeypatch.setattr(opening, "SCHEMA_VERSION", len(earlier))
    old = open_store(path)
    old.programme.save_setup(START, "Sam", ZONE, DEFAULT_HABITS, NOW)
    with old.db.transaction() as conn:  # as the older version wrote it: no index to keep
        conn.execute(
            "INSERT INTO habit_entry (habit_id, day, value, note, created_utc, tz) "
            "VALUES (2, '2026-11-20', 30, 'A heron by the pond', '2026-11-20T12:00:00Z', ?)",
            (ZONE,),
        )
    old.close()
    monkeypatch.undo()

    new = open_store(path)
    try:
        assert new.schema_version() == schema.SCHEMA_VERSION
        assert found_notes(new, "heron") == [(1, "Walking", dt.date(2026, 11, 20))]
    finally:
        new.close()
