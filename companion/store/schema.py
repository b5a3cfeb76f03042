"""The database schema as ordered migrations.

Each step runs in its own `BEGIN IMMEDIATE` transaction together with the
bump of `PRAGMA user_version`, through sqlite-utils' `Migrations` (which also
records it in `_sqlite_migrations`). sqlite-utils is imported only when a
migration is due, so quick commands on an up-to-date database never pay for it.

Append new steps; never edit or reorder a step that has shipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

# "Cmp1": marks the file as Companion's (shown by `file(1)`).
APPLICATION_ID = 0x436D7031

# Tables are STRICT with CHECKs as the second net behind validation in Python.
# CHECK lets NULL through, so columns that must have a value are NOT NULL too;
# `date(x) IS x` rejects '2026-2-3' (date() returns NULL for it).
STEPS: tuple[tuple[str, str], ...] = (
    (
        "programme_sessions_habits",
        """
        CREATE TABLE programme (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            start_day TEXT NOT NULL CHECK (date(start_day) IS start_day),
            name TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 40),
            tz TEXT NOT NULL CHECK (length(tz) BETWEEN 1 AND 64),
            created_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        ) STRICT;

        -- A session the participant moved: its new local wall-clock start.
        CREATE TABLE session_move (
            event_id TEXT PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 40),
            start_local TEXT NOT NULL CHECK (length(start_local) = 16
                AND datetime(start_local || ':00') IS replace(start_local, 'T', ' ') || ':00'),
            updated_utc TEXT NOT NULL
        ) STRICT;

        -- Attended (or, for an activity, done) = 1; missed = 0; no row = not marked.
        CREATE TABLE session_mark (
            event_id TEXT PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 40),
            attended INTEGER NOT NULL CHECK (attended IN (0, 1)),
            updated_utc TEXT NOT NULL
        ) STRICT;

        CREATE TABLE habit (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 20),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
            kind TEXT NOT NULL CHECK (kind IN ('yesno', 'count', 'minutes')),
            unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
            target REAL CHECK (target IS NULL OR target > 0),
            per TEXT NOT NULL DEFAULT 'day' CHECK (per IN ('day', 'week')),
            direction TEXT NOT NULL DEFAULT 'at_least'
                CHECK (direction IN ('at_least', 'at_most')),
            position INTEGER NOT NULL,
            archived_utc TEXT,
            created_utc TEXT NOT NULL
        ) STRICT;

        CREATE TABLE setting (
            key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 40),
            value TEXT NOT NULL CHECK (length(value) <= 200)
        ) STRICT;
        """,
    ),
    (
        # The self-care log (companion/store/selfcare.py). First the habit table
        # is rebuilt to match the domain's rules: keys up to 24 characters, and a
        # limit of 0 for "at most" habits ("none at all"). Nothing refers to it yet.
        "selfcare_log",
        """
        CREATE TABLE habit_new (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 24),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
            kind TEXT NOT NULL CHECK (kind IN ('yesno', 'count', 'minutes')),
            unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
            target REAL CHECK (target IS NULL OR target > 0
                OR (target = 0 AND direction = 'at_most')),
            per TEXT NOT NULL DEFAULT 'day' CHECK (per IN ('day', 'week')),
            direction TEXT NOT NULL DEFAULT 'at_least'
                CHECK (direction IN ('at_least', 'at_most')),
            position INTEGER NOT NULL,
            archived_utc TEXT,
            created_utc TEXT NOT NULL
        ) STRICT;

        INSERT INTO habit_new (id, key, name, kind, unit, target, per, direction, position,
                               archived_utc, created_utc)
            SELECT id, key, name, kind, unit, target, per, direction, position,
                   archived_utc, created_utc
            FROM habit;

        DROP TABLE habit;

        ALTER TABLE habit_new RENAME TO habit;

        -- One logged amount; several a day add up. `day` is the local date the
        -- participant meant, never re-bucketed; `tz` is the zone that chose it.
        -- AUTOINCREMENT: an id is never reused, so undo can put an entry back under its own.
        CREATE TABLE habit_entry (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            habit_id INTEGER NOT NULL REFERENCES habit (id),
            day TEXT NOT NULL CHECK (date(day) IS day),
            value REAL NOT NULL CHECK (value >= 0 AND value <= 100000),
            note TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 500),
            created_utc TEXT NOT NULL CHECK (length(created_utc) = 20),
            tz TEXT NOT NULL CHECK (length(tz) BETWEEN 1 AND 64)
        ) STRICT;

        -- Daily totals per habit over a range (covering: the sum needs no table lookups).
        CREATE INDEX habit_entry_by_habit_day ON habit_entry (habit_id, day, value);

        -- A day's entries across habits (the day detail).
        CREATE INDEX habit_entry_by_day ON habit_entry (day);

        -- Days set aside (illness, leave): every habit is paused on them.
        CREATE TABLE habit_pause (
            id INTEGER PRIMARY KEY,
            first_day TEXT NOT NULL CHECK (date(first_day) IS first_day),
            last_day TEXT NOT NULL CHECK (date(last_day) IS last_day AND last_day >= first_day),
            reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 60),
            created_utc TEXT NOT NULL
        ) STRICT;

        CREATE INDEX habit_pause_by_days ON habit_pause (last_day, first_day);
        """,
    ),
    (
        # Worksheets (companion/store/worksheets.py): answers to every sheet,
        # their earlier versions, completion marks, the action plan, the letter,
        # and the full-text index. Limits match companion/domain/worksheets/. The step
        # keeps the name it shipped with, and its SQL is never edited.
        "reflections",
        """
        -- One row per (sheet, prompt); an emptied answer keeps its row, with ''.
        CREATE TABLE answer (
            id INTEGER PRIMARY KEY,
            sheet_id TEXT NOT NULL CHECK (length(sheet_id) BETWEEN 1 AND 40),
            prompt_id TEXT NOT NULL CHECK (length(prompt_id) BETWEEN 1 AND 40),
            body TEXT NOT NULL CHECK (length(body) <= 100000),
            created_utc TEXT NOT NULL CHECK (length(created_utc) = 20),
            updated_utc TEXT NOT NULL CHECK (length(updated_utc) = 20),
            UNIQUE (sheet_id, prompt_id)
        ) STRICT;

        -- Earlier texts of an answer: one a minute while writing, one before a large
        -- cut, the newest 50 per answer (companion/domain/reflections.py keep_version).
        CREATE TABLE answer_version (
            id INTEGER PRIMARY KEY,
            answer_id INTEGER NOT NULL REFERENCES answer (id) ON DELETE CASCADE,
            body TEXT NOT NULL CHECK (length(body) <= 100000),
            saved_utc TEXT NOT NULL CHECK (length(saved_utc) = 20)
        ) STRICT;

        CREATE INDEX answer_version_by_answer ON answer_version (answer_id, id);

        CREATE TABLE sheet_mark (
            sheet_id TEXT PRIMARY KEY CHECK (length(sheet_id) BETWEEN 1 AND 40),
            completed_utc TEXT NOT NULL CHECK (length(completed_utc) = 20)
        ) STRICT;

        CREATE TABLE plan_item (
            id INTEGER PRIMARY KEY,
            body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 300),
            due_day TEXT CHECK (due_day IS NULL OR date(due_day) IS due_day),
            state TEXT NOT NULL CHECK (state IN ('open', 'done', 'let-go')),
            source_sheet TEXT
                CHECK (source_sheet IS NULL OR length(source_sheet) BETWEEN 1 AND 40),
            source_prompt TEXT
                CHECK (source_prompt IS NULL OR length(source_prompt) BETWEEN 1 AND 40),
            created_utc TEXT NOT NULL CHECK (length(created_utc) = 20),
            updated_utc TEXT NOT NULL CHECK (length(updated_utc) = 20)
        ) STRICT;

        -- The letter to self: one, sealed by the writer (or by the end of week 4).
        CREATE TABLE letter (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            body TEXT NOT NULL CHECK (length(body) <= 100000),
            sealed_utc TEXT CHECK (sealed_utc IS NULL OR length(sealed_utc) = 20),
            opened_utc TEXT CHECK (opened_utc IS NULL OR length(opened_utc) = 20),
            created_utc TEXT NOT NULL CHECK (length(created_utc) = 20),
            updated_utc TEXT NOT NULL CHECK (length(updated_utc) = 20)
        ) STRICT;

        -- Full-text search; rowid = the source row's id. The store updates these in
        -- the same transaction as each write (trigger bodies cannot pass through the
        -- statement splitter below). Not the letter, not earlier versions.
        CREATE VIRTUAL TABLE answer_fts
            USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');

        CREATE VIRTUAL TABLE plan_item_fts
            USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');
        """,
    ),
    (
        # Scales (companion/store/scales.py). At most one unfinished
        # administration per instrument; wording is the participant's own import.
        "scales",
        """
        CREATE TABLE scale_administration (
            id INTEGER PRIMARY KEY,
            instrument TEXT NOT NULL
                CHECK (length(instrument) BETWEEN 1 AND 20 AND instrument GLOB '[a-z]*'),
            occasion TEXT NOT NULL CHECK (occasion IN ('pre', 'post', 'followup', 'adhoc')),
            day TEXT NOT NULL CHECK (date(day) IS day),
            status TEXT NOT NULL CHECK (status IN ('in-progress', 'complete')),
            started_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL,
            completed_utc TEXT,
            CHECK ((status = 'complete') = (completed_utc IS NOT NULL))
        ) STRICT;

        CREATE UNIQUE INDEX scale_administration_one_unfinished
            ON scale_administration (instrument) WHERE status = 'in-progress';

        CREATE INDEX scale_administration_by_instrument ON scale_administration (instrument, day);

        CREATE TABLE scale_answer (
            administration_id INTEGER NOT NULL
                REFERENCES scale_administration (id) ON DELETE CASCADE,
            item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 200),
            value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
            updated_utc TEXT NOT NULL,
            PRIMARY KEY (administration_id, item)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE scale_wording (
            instrument TEXT NOT NULL
                CHECK (length(instrument) BETWEEN 1 AND 20 AND instrument GLOB '[a-z]*'),
            item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 200),
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
            imported_utc TEXT NOT NULL,
            PRIMARY KEY (instrument, item)
        ) STRICT, WITHOUT ROWID;
        """,
    ),
    (
        # A habit's earlier targets (companion/domain/selfcare/habits.py `Habit.earlier`):
        # the habit row holds the one in force; each row here one that applied up to
        # and including `until_day`, so a past day is judged by the target it had.
        "habit_target_history",
        """
        CREATE TABLE habit_target (
            habit_id INTEGER NOT NULL REFERENCES habit (id) ON DELETE CASCADE,
            until_day TEXT NOT NULL CHECK (date(until_day) IS until_day),
            unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
            target REAL CHECK (target IS NULL OR target > 0
                OR (target = 0 AND direction = 'at_most')),
            per TEXT NOT NULL CHECK (per IN ('day', 'week')),
            direction TEXT NOT NULL CHECK (direction IN ('at_least', 'at_most')),
            changed_utc TEXT NOT NULL,
            PRIMARY KEY (habit_id, until_day)
        ) STRICT, WITHOUT ROWID;
        """,
    ),
    (
        # Self-care notes in the full-text search, beside answers and plan items
        # (issue 11). rowid = habit_entry.id; companion/store/selfcare.py keeps it
        # in step in the same transaction as each write. Notes already written are
        # indexed here, in the step's own transaction.
        "habit_note_search",
        """
        CREATE VIRTUAL TABLE habit_note_fts
            USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');

        INSERT INTO habit_note_fts (rowid, body)
            SELECT id, note FROM habit_entry WHERE note IS NOT NULL;
        """,
    ),
    # Each feature appends its steps here, in the order they shipped.
)

SCHEMA_VERSION = len(STEPS)


def migrations() -> sqlite_utils.Migrations:
    """The steps as a sqlite-utils migration set (imports sqlite-utils)."""
    from sqlite_utils import Migrations

    migration_set = Migrations("companion")
    for name, sql in STEPS:

        def step(db: sqlite_utils.Database, sql: str = sql) -> None:
            for statement in _statements(sql):
                db.execute(statement)

        migration_set(name=name)(step)
    return migration_set


def _statements(script: str) -> list[str]:
    """Split a script of DDL into statements, dropping `--` comment lines.

    `executescript` would COMMIT the surrounding transaction, so each
    statement runs with `execute` instead. (No semicolons inside strings.)
    """
    code = "\n".join(line for line in script.splitlines() if not line.strip().startswith("--"))
    return [part.strip() for part in code.split(";") if part.strip()]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending steps one transaction at a time; return the resulting version."""
    import sqlite_utils

    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    migration_set = migrations()
    names = [name for name, _ in STEPS]
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            pending = migration_set.pending(db)  # inside the lock: another process may have won
            if not pending:
                conn.execute("COMMIT")
                break
            following = pending[1].name if len(pending) > 1 else None
            migration_set.apply(db, stop_before=following)
            conn.execute(f"PRAGMA user_version = {names.index(pending[0].name) + 1}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version
