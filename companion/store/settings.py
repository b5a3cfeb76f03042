"""Settings: a few small named values (the theme, the calendar's UID)."""

from __future__ import annotations

from companion.store.database import Part


class Settings(Part):
    def get(self, key: str) -> str | None:
        """The value stored under `key`, or None."""
        row = self.conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        """Store `value` under `key` (one transaction)."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
