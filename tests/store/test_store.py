"""The store: a new file's identity and pragmas, round-trips, the second net, migrations,
and two connections writing at once."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import companion.store.opening as opening
import companion.store.schema as schema
from companion.domain.programme_setup import ProgrammeSetup
from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.domain.working_days import DEFAULT_REGION, bank_holidays, programme_years
from companion.store import StoreError, open_store
from companion.store.backup import backups_dir, list_backups
from companion.store.schema import APPLICATION_ID, SCHEMA_VERSION, STEPS

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 2, 20, 12, 0, tzinfo=dt.UTC)
START = dt.date(2026, 3, 2)
TABLES = {"programme", "session_move", "session_mark", "habit", "setting"}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "companion.db"


@pytest.fixture
def store(db_path: Path):
    opened = open_store(db_path)
    yield opened
    opened.close()


def set_up(store, start: dt.date = START, name: str | None = "Alex") -> None:
    store.programme.save_setup(start, name, "Europe/London", DEFAULT_HABITS, NOW)


def pragma(conn: sqlite3.Connection, name: str):
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


# ---------------------------------------------------------------- a new database


def test_a_new_database_is_marked_as_companions(store, db_path):
    store.close()
    conn = sqlite3.connect(db_path)
    try:
        assert pragma(conn, "application_id") == APPLICATION_ID == 0x436D7031
        assert pragma(conn, "user_version") == SCHEMA_VERSION == len(STEPS)
        assert pragma(conn, "journal_mode") == "wal"  # persistent in the file
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'companion' ORDER BY id"
            )
        ]
        assert names == [name for name, _ in STEPS]
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        }
        assert tables >= TABLES
        assert pragma(conn, "integrity_check") == "ok"
    finally:
        conn.close()
    # The header says the same (offset 68: application id, offset 60: user_version).
    header = db_path.read_bytes()[:100]
    assert header[68:72] == (0x436D7031).to_bytes(4, "big") == b"Cmp1"
    assert int.from_bytes(header[60:64], "big") == SCHEMA_VERSION


def test_tables_are_strict(store):
    strict = {
        row[1]: row[5]
        for row in store.conn.execute("PRAGMA table_list")
        if row[0] == "main" and row[1] in TABLES
    }
    assert strict == dict.fromkeys(TABLES, 1)


def test_connection_pragmas(store):
    conn = store.conn
    assert pragma(conn, "journal_mode") == "wal"
    assert pragma(conn, "synchronous") == 2  # FULL
    assert pragma(conn, "foreign_keys") == 1
    assert pragma(conn, "busy_timeout") == 5000
    assert pragma(conn, "secure_delete") == 1
    assert conn.isolation_level is None  # explicit BEGIN IMMEDIATE ... COMMIT
    assert store.schema_version() == SCHEMA_VERSION


def test_create_leaves_no_temporary_files(store, db_path):
    store.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["companion.db"]


def test_open_refuses_a_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="does not exist") as error:
        open_store(tmp_path / "nowhere" / "companion.db")
    assert "\n" not in str(error.value)
    assert not (tmp_path / "nowhere").exists()


def test_open_without_create_refuses_a_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no Companion database"):
        open_store(tmp_path / "companion.db", create=False)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- round-trips


def test_no_plan_before_setup(store):
    assert store.programme.setup() is None
    assert store.selfcare.habits() == []


def test_setup_round_trips_and_survives_reopening(store, db_path):
    set_up(store)
    # England and Wales's bank holidays, kept with the programme when it was set up.
    days_off = frozenset(bank_holidays(DEFAULT_REGION, programme_years(START)))
    assert dt.date(2026, 12, 25) in days_off
    expected = ProgrammeSetup(
        start=START,
        zone=LONDON,
        name="Alex",
        moves={},
        attendance={},
        days_off=days_off,
        joined=NOW.date(),
    )
    assert store.programme.setup() == expected
    store.close()
    again = open_store(db_path)
    try:
        assert again.programme.setup() == expected
    finally:
        again.close()


def test_setup_stores_the_time_zone_it_was_given(store):
    store.programme.save_setup(START, None, "America/New_York", DEFAULT_HABITS, NOW)
    setup = store.programme.setup()
    assert setup is not None
    assert setup.zone == ZoneInfo("America/New_York")
    assert setup.name is None


def test_mark_round_trips_attended_missed_and_clear(store):
    set_up(store)
    store.programme.mark("webinar-1", True, NOW)
    store.programme.mark("coaching-1", False, NOW)
    assert store.programme.setup().attendance == {"webinar-1": True, "coaching-1": False}
    store.programme.mark("webinar-1", False, NOW)  # change of mind
    store.programme.mark("coaching-1", None, NOW)  # undo
    assert store.programme.setup().attendance == {"webinar-1": False}
    store.programme.mark("coaching-1", None, NOW)  # clearing twice is harmless
    assert store.programme.setup().attendance == {"webinar-1": False}


def test_move_round_trips_and_moves_back(store):
    set_up(store)
    when = dt.datetime(2026, 3, 10, 15, 30)
    store.programme.move("coaching-1", when, NOW)
    assert store.programme.setup().moves == {"coaching-1": when}
    later = dt.datetime(2026, 3, 11, 9, 0)
    store.programme.move("coaching-1", later, NOW)
    assert store.programme.setup().moves == {"coaching-1": later}
    store.programme.move("coaching-1", None, NOW)
    assert store.programme.setup().moves == {}


def test_setup_again_keeps_marks_moves_habits_and_calendar_uid(store):
    set_up(store)
    store.programme.mark("webinar-1", True, NOW)
    when = dt.datetime(2026, 3, 10, 15, 0)
    store.programme.move("coaching-1", when, NOW)
    uid = store.settings.get("calendar_uid")
    assert uid  # made at setup, so exported UIDs are stable
    set_up(store, start=dt.date(2026, 3, 9), name="Sam")
    setup = store.programme.setup()
    assert setup.start == dt.date(2026, 3, 9)
    assert setup.name == "Sam"
    assert setup.attendance == {"webinar-1": True}
    assert setup.moves == {"coaching-1": when}
    assert store.settings.get("calendar_uid") == uid
    assert [h.key for h in store.selfcare.habits()] == ["meditation", "walking", "hydration"]


def test_default_habits_are_created_once_in_order(store):
    set_up(store)
    set_up(store)
    habits = store.selfcare.habits()
    assert [(h.key, h.name, h.kind, h.unit, h.target) for h in habits] == [
        ("meditation", "Meditation", "minutes", "minutes", 10),
        ("walking", "Walking", "minutes", "minutes", 30),
        ("hydration", "Hydration", "count", "glasses", 8),
    ]
    assert [h.position for h in habits] == [0, 1, 2]
    assert len({h.id for h in habits}) == 3
    assert store.conn.execute("SELECT count(*) FROM habit").fetchone()[0] == 3


def test_settings_round_trip(store):
    assert store.settings.get("theme") is None
    store.settings.set("theme", "dark")
    assert store.settings.get("theme") == "dark"
    store.settings.set("theme", "light")
    assert store.settings.get("theme") == "light"


# ---------------------------------------------------------------- the second net


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO programme (id, start_day, tz, created_utc, updated_utc) "
        "VALUES (1, '2026-2-3', 'Europe/London', 'x', 'x')",
        "INSERT INTO programme (id, start_day, tz, created_utc, updated_utc) "
        "VALUES (1, 'soon', 'Europe/London', 'x', 'x')",
        "INSERT INTO programme (id, start_day, tz, created_utc, updated_utc) "
        "VALUES (1, NULL, 'Europe/London', 'x', 'x')",
        "INSERT INTO programme (id, start_day, tz, created_utc, updated_utc) "
        "VALUES (2, '2026-03-02', 'Europe/London', 'x', 'x')",
        "INSERT INTO programme (id, start_day, name, tz, created_utc, updated_utc) "
        "VALUES (1, '2026-03-02', '', 'Europe/London', 'x', 'x')",
        "INSERT INTO session_mark (event_id, attended, updated_utc) VALUES ('webinar-1', 2, 'x')",
        "INSERT INTO session_mark (event_id, attended, updated_utc) "
        "VALUES ('webinar-1', 0.5, 'x')",
        "INSERT INTO session_mark (event_id, attended, updated_utc) VALUES ('', 1, 'x')",
        "INSERT INTO session_move (event_id, start_local, updated_utc) "
        "VALUES ('coaching-1', '2026-13-01T10:00', 'x')",
        "INSERT INTO session_move (event_id, start_local, updated_utc) "
        "VALUES ('coaching-1', '2026-03-02T25:00', 'x')",
        "INSERT INTO habit (key, name, kind, unit, position, created_utc) "
        "VALUES ('k', 'K', 'sometimes', 'u', 0, 'x')",
        "INSERT INTO habit (key, name, kind, unit, target, position, created_utc) "
        "VALUES ('k', 'K', 'count', 'u', 0, 0, 'x')",
    ],
    ids=[
        "start-day-2026-2-3",
        "start-day-word",
        "start-day-null",
        "second-programme",
        "empty-name",
        "attended-2",
        "attended-real",
        "empty-event-id",
        "move-month-13",
        "move-hour-25",
        "habit-kind",
        "habit-target-zero",
    ],
)
def test_constraints_refuse_bad_rows_that_slip_past_python(store, sql):
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(sql)


def test_good_rows_pass_the_constraints(store):
    """The constraints above fail for the right reason: the good form is accepted."""
    store.conn.execute(
        "INSERT INTO session_move (event_id, start_local, updated_utc) "
        "VALUES ('coaching-1', '2026-03-02T10:00', 'x')"
    )
    store.conn.execute(
        "INSERT INTO programme (id, start_day, tz, created_utc, updated_utc) "
        "VALUES (1, '2026-03-02', 'Europe/London', 'x', 'x')"
    )
    assert store.programme.setup().moves == {"coaching-1": dt.datetime(2026, 3, 2, 10, 0)}


# ---------------------------------------------------------------- migrations


def test_an_unmigrated_file_of_ours_is_migrated_after_a_backup(tmp_path):
    """A version-0 file that already carries our application id (an interrupted first run)."""
    path = tmp_path / "companion.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()

    store = open_store(path)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        set_up(store)
        assert store.programme.setup() is not None
    finally:
        store.close()
    backups = list_backups(path)
    assert len(backups) == 1
    assert backups[0].name.endswith(f"-before-v{SCHEMA_VERSION}.db")
    check = sqlite3.connect(backups[0])
    try:
        assert pragma(check, "integrity_check") == "ok"
        assert pragma(check, "user_version") == 0  # the state before migrating
    finally:
        check.close()


@pytest.fixture
def next_version(monkeypatch):
    """Pretend this Companion ships one more migration step (as the next issue will)."""

    def add(name: str, sql: str) -> int:
        steps = (*STEPS, (name, sql))
        monkeypatch.setattr(schema, "STEPS", steps)
        monkeypatch.setattr(schema, "SCHEMA_VERSION", len(steps))
        monkeypatch.setattr(opening, "SCHEMA_VERSION", len(steps))
        return len(steps)

    return add


def test_an_older_database_is_backed_up_then_migrated(db_path, next_version):
    store = open_store(db_path)
    set_up(store)
    store.programme.mark("webinar-1", True, NOW)
    store.close()
    old_version = SCHEMA_VERSION

    new_version = next_version(
        "habit_notes", "ALTER TABLE habit ADD COLUMN note TEXT CHECK (length(note) <= 200)"
    )
    store = open_store(db_path)
    try:
        assert store.schema_version() == new_version
        columns = [row[1] for row in store.conn.execute("PRAGMA table_info(habit)")]
        assert "note" in columns
        names = [
            r[0] for r in store.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")
        ]
        assert names == [*(name for name, _ in STEPS), "habit_notes"]
        # Everything the participant had is still there.
        assert store.programme.setup().attendance == {"webinar-1": True}
        assert len(store.selfcare.habits()) == 3
    finally:
        store.close()

    backups = list_backups(db_path)
    assert [b.name.rsplit("-", 1)[1] for b in backups] == [f"v{new_version}.db"]
    check = sqlite3.connect(backups[0])
    try:
        assert pragma(check, "integrity_check") == "ok"
        assert pragma(check, "user_version") == old_version
        assert check.execute("SELECT attended FROM session_mark").fetchall() == [(1,)]
    finally:
        check.close()
    assert backups[0].stat().st_mode & 0o777 == 0o600

    # Opening again does not migrate or back up a second time.
    open_store(db_path).close()
    assert len(list_backups(db_path)) == 1


def test_a_failing_migration_step_changes_nothing(db_path, next_version):
    store = open_store(db_path)
    set_up(store)
    store.close()

    next_version(
        "half_done",
        "CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT; "
        "ALTER TABLE no_such_table ADD COLUMN x TEXT",
    )
    with pytest.raises(StoreError) as error:
        open_store(db_path)
    assert "\n" not in str(error.value)

    conn = sqlite3.connect(db_path)
    try:
        assert pragma(conn, "user_version") == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(STEPS)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
        assert "extra" not in tables  # the first half of the step was rolled back
        assert conn.execute("SELECT start_day FROM programme").fetchall() == [("2026-03-02",)]
        assert pragma(conn, "integrity_check") == "ok"
    finally:
        conn.close()
    assert len(list_backups(db_path)) == 1  # the backup was made before trying


# ---------------------------------------------------------------- two connections


def test_a_write_waits_then_reports_busy_without_writing(db_path, monkeypatch):
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_S", 0.3)
    store = open_store(db_path)
    set_up(store)
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(StoreError) as error:
            store.programme.mark("webinar-1", True, NOW)
        waited = time.monotonic() - started
        message = str(error.value)
        assert "busy" in message
        assert "nothing was saved" in message
        assert "\n" not in message
        assert "Traceback" not in message
        assert waited >= 0.25  # it waited for the busy timeout before giving up
        other.execute("ROLLBACK")
        assert store.programme.setup().attendance == {}
        assert not store.conn.in_transaction
        store.programme.mark("webinar-1", True, NOW)  # and works once the other writer is done
        assert store.programme.setup().attendance == {"webinar-1": True}
    finally:
        other.close()
        store.close()


def test_a_write_waits_for_a_short_transaction_and_succeeds(db_path, monkeypatch):
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_S", 5.0)
    store = open_store(db_path)
    set_up(store)
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO setting (key, value) VALUES ('from', 'other')")
    release = threading.Timer(0.2, lambda: other.execute("COMMIT"))
    release.start()
    try:
        store.programme.mark("webinar-1", True, NOW)
    finally:
        release.join()
        other.close()
    assert store.programme.setup().attendance == {"webinar-1": True}
    assert store.settings.get("from") == "other"
    store.close()


def test_data_version_changes_when_another_connection_commits(store, db_path):
    set_up(store)
    before = store.data_version()
    assert store.data_version() == before  # reading again changes nothing
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("INSERT INTO setting (key, value) VALUES ('theme', 'dark')")
    finally:
        other.close()
    assert store.data_version() != before
    assert store.settings.get("theme") == "dark"


def test_open_keeps_a_database_that_is_already_open_elsewhere(db_path):
    """Two stores (the TUI and a quick command) on one file both work."""
    first = open_store(db_path)
    set_up(first)
    second = open_store(db_path)
    try:
        second.programme.mark("webinar-1", True, NOW)
        first.programme.mark("coaching-1", False, NOW)
        assert first.programme.setup().attendance == second.programme.setup().attendance
        assert first.programme.setup().attendance == {"webinar-1": True, "coaching-1": False}
    finally:
        second.close()
        first.close()
    assert not backups_dir(db_path).exists()
