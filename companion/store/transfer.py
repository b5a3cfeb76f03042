"""Export and import: every table the participant owns, read as one snapshot, written as one step.

The tables and their columns come from the export format's declaration
(`companion.domain.transfer.TABLES`); `tests/store/test_transfer_store.py`
checks that every table in the schema is either in it or in `NOT_EXPORTED`,
so a table added later cannot silently be left out of exports.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

from companion.store.database import Part, quoted
from companion.store.files import StoreError

if TYPE_CHECKING:
    from companion.domain.transfer import Row, Tables

# Imported by `companion.store` for every command: the format (and msgspec) load
# only when an export or import runs, so `companion log` never pays for them.


class Transfer(Part):
    """Every table at once: a snapshot for an export, and an import in one transaction."""

    def tables(self, *, include_wording: bool) -> Tables:
        """Every row of every table, ordered by key, read in one transaction (one snapshot).

        The imported scale wording only with `include_wording`.
        """
        from companion.domain.transfer import TABLES, WORDING_TABLE, Tables

        found: dict[str, list[Row]] = {}
        own = not self.conn.in_transaction  # inside a caller's transaction, that is the snapshot
        if own:
            self.conn.execute("BEGIN")  # a deferred read: other writers wait for nothing
        try:
            for name, row_type in TABLES.items():
                if name == WORDING_TABLE and not include_wording:
                    found[name] = []
                    continue
                columns = ", ".join(row_type.__struct_fields__)
                order = ", ".join(row_type.KEY)
                rows = self.conn.execute(f"SELECT {columns} FROM {name} ORDER BY {order}")
                found[name] = [row_type(*row) for row in rows]
        finally:
            if own:
                self.conn.execute("COMMIT")
        return Tables(**found)  # type: ignore[arg-type]

    def counts(self) -> dict[str, int]:
        """Rows per table, in the order of writing."""
        from companion.domain.transfer import TABLES

        return {name: self._count(self.conn, name) for name in TABLES}

    def load(self, tables: Tables, *, replace: bool, wording: bool) -> None:
        """Write `tables` into the database in one transaction: all of it, or nothing.

        Into an empty database; with `replace`, whatever is there is deleted
        first (the caller has taken a backup). `wording`: replace the imported
        scale wording too (otherwise it is left as it is). A row the
        database's rules refuse (a duplicate key, a missing parent, a value a
        CHECK refuses) rolls everything back and raises StoreError.
        """
        from companion.domain.transfer import TABLES, WORDING_TABLE

        names = [name for name in TABLES if wording or name != WORDING_TABLE]
        with self.db.transaction() as conn:
            held = sum(self._count(conn, name) for name in names)
            if held and not replace:
                raise StoreError(
                    "this database already holds your data; importing would replace all "
                    "of it, so add --replace (a backup is taken first)"
                )
            try:
                for name in reversed(names):  # children first
                    conn.execute(f"DELETE FROM {name}")
                conn.execute("DELETE FROM answer_fts")
                conn.execute("DELETE FROM plan_item_fts")
                conn.execute("DELETE FROM habit_note_fts")
                for name in names:
                    self._insert(conn, name, getattr(tables, name))
                # The search index, as the worksheets store keeps it (no blank answers).
                conn.executemany(
                    "INSERT INTO answer_fts (rowid, body) VALUES (?, ?)",
                    ((a.id, a.body) for a in tables.answer if a.body.strip()),
                )
                conn.executemany(
                    "INSERT INTO plan_item_fts (rowid, body) VALUES (?, ?)",
                    ((p.id, p.body) for p in tables.plan_item),
                )
                conn.executemany(
                    "INSERT INTO habit_note_fts (rowid, body) VALUES (?, ?)",
                    ((e.id, e.note) for e in tables.habit_entry if e.note is not None),
                )
            except sqlite3.IntegrityError as error:
                raise StoreError(
                    f"a row breaks the database's rules ({quoted(str(error))}), so nothing "
                    "was imported and the database is as it was"
                ) from None

    @staticmethod
    def _count(conn: sqlite3.Connection, name: str) -> int:
        count: int = conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        return count

    @staticmethod
    def _insert(conn: sqlite3.Connection, name: str, rows: list[Row]) -> None:
        import msgspec

        from companion.domain.transfer import TABLES

        fields = TABLES[name].__struct_fields__
        conn.executemany(
            f"INSERT INTO {name} ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
            (msgspec.structs.astuple(row) for row in rows),
        )


def json_export(tables: Tables, now: dt.datetime, *, include_wording: bool) -> bytes:
    """`tables` (from `Transfer.tables`, asked the same `include_wording`) as the JSON export.

    Complete and versioned (docs/export-format.md), stamped with `now`.
    """
    from companion import __version__
    from companion.domain import transfer
    from companion.store.database import utc_stamp

    export = transfer.make_export(
        tables,
        exported_utc=utc_stamp(now),
        app_version=__version__,
        includes_wording=include_wording,
    )
    return transfer.encode(export)
