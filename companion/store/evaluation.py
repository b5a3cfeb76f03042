"""The evaluation pack's pseudonymous id.

The id is random (`secrets`), made once and kept in the settings part, so
every pack from one database carries the same id and a facilitator can tell
two packs from one person apart from two people's, without any name.
"""

from __future__ import annotations

import secrets

from companion.store.database import Part

PSEUDONYM_SETTING = "evaluation_pack_id"


def new_pseudonym() -> str:
    """A fresh id: 128 random bits as 32 hex digits, from nothing about the person."""
    return secrets.token_hex(16)


class EvaluationStore(Part):
    """What a pack needs that no other part gives: its pseudonymous id."""

    def pseudonym(self) -> str | None:
        """The id packs from this database carry, or None before the first pack."""
        row = self.conn.execute(
            "SELECT value FROM setting WHERE key = ?", (PSEUDONYM_SETTING,)
        ).fetchone()
        return None if row is None else str(row[0])

    def keep_pseudonym(self, pseudonym: str) -> str:
        """Store `pseudonym` unless an id is there already; return the one kept.

        In one transaction, so two packs made at the same moment still agree.
        """
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                (PSEUDONYM_SETTING, pseudonym),
            )
            row = conn.execute(
                "SELECT value FROM setting WHERE key = ?", (PSEUDONYM_SETTING,)
            ).fetchone()
        return str(row[0])
