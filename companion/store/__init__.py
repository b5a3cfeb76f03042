"""Persistence: the only package that speaks SQL. Returns domain objects.

`open_store(path)` gives a `Store`: one database shared by a part per
feature, each with a few specific verbs (`store.selfcare.log(...)`,
`store.worksheets.save_answer(...)`, `store.backups.take(...)`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from companion.store.backup import Backups
from companion.store.database import Database, check_result, translating_damage
from companion.store.evaluation import EvaluationStore
from companion.store.files import StoreError, resolve_db_path
from companion.store.opening import open_store
from companion.store.programme import ProgrammeStore
from companion.store.scales import ScalesStore
from companion.store.selfcare import SelfCareStore
from companion.store.settings import Settings
from companion.store.transfer import Transfer
from companion.store.worksheets import WorksheetsStore

__all__ = ["Store", "StoreError", "open_store", "resolve_db_path"]


class Store:
    """The whole store: one open database, and a part per feature sharing it."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: str = "") -> None:
        self.db = Database(path, conn, read_only)
        self.programme = ProgrammeStore(self.db)
        self.selfcare = SelfCareStore(self.db)
        self.worksheets = WorksheetsStore(self.db)
        self.scales = ScalesStore(self.db)
        self.backups = Backups(self.db)
        self.settings = Settings(self.db)
        self.evaluation = EvaluationStore(self.db)
        self.transfer = Transfer(self.db)

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @property
    def read_only(self) -> str:
        """Why the database could only be opened for reading here, or "" when it can be written."""
        return self.db.read_only

    def close(self) -> None:
        self.db.conn.close()

    @translating_damage
    def schema_version(self) -> int:
        version: int = self.conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    @translating_damage
    def data_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version)."""
        version: int = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return version

    @translating_damage
    def change_stamp(self) -> tuple[int, int]:
        """Changes whenever the database may have: another process's commit, or one of ours.

        (`PRAGMA data_version` ignores this connection's own commits, which
        `total_changes` counts.) A screen that drew at one stamp need not redraw
        at the same one.
        """
        return self.data_version(), self.conn.total_changes

    @translating_damage
    def integrity(self) -> str:
        """`ok`, or (on one line) what SQLite's integrity check found."""
        return check_result(self.conn.execute("PRAGMA integrity_check").fetchall())
