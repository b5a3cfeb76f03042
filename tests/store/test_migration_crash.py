"""A migration killed with SIGKILL half-way leaves the database as it was (reliability F2).

Each step runs in one transaction together with the bump of user_version, so
a kill between the step's DDL and its COMMIT must leave neither the new table
nor the new version behind; the next start applies the step again.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from companion.store import open_store
from companion.store.schema import SCHEMA_VERSION

# A child that opens the database with one extra step; the step creates a
# table, tells the parent, then waits to be killed before it can commit.
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import companion.store.schema as schema

    schema.STEPS = (*schema.STEPS, ("zz_extra", "CREATE TABLE zz_extra (x INTEGER) STRICT"))
    schema.SCHEMA_VERSION = len(schema.STEPS)
    import companion.store.opening as opening
    opening.SCHEMA_VERSION = schema.SCHEMA_VERSION

    real_migrations = schema.migrations

    def slow_migrations():
        migration_set = real_migrations()
        step = migration_set._migrations[-1]
        inner = step.fn

        def fn(db):
            inner(db)
            print("created", flush=True)
            time.sleep(30)

        step.fn = fn
        return migration_set

    schema.migrations = slow_migrations
    from companion.store import open_store
    open_store(Path(sys.argv[1]))
    """
)


def test_a_migration_killed_half_way_changes_nothing_and_runs_again(tmp_path: Path) -> None:
    path = tmp_path / "companion.db"
    open_store(path).close()

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "created"  # inside the step's transaction
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "zz_extra" not in tables
        names = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")]
        assert "zz_extra" not in names
    finally:
        conn.close()

    # The next start (without the pause) applies the step for real.
    finish = CHILD.replace("time.sleep(30)", "pass")
    done = subprocess.run(
        [sys.executable, "-c", finish, str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert conn.execute("SELECT count(*) FROM zz_extra").fetchone()[0] == 0
    finally:
        conn.close()
