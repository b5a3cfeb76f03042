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
