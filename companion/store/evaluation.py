"""Reading the database for an evaluation pack, and the pack's pseudonymous id.

The id is random (`secrets`), made once and kept in the settings part, so
every pack from one database carries the same id and a facilitator can tell
two packs from one person apart from two people's, without any name.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING

from companion.store.database import Part

if TYPE_CHECKING:
    from companion.domain.evaluation.pack import PracticeDay

PSEUDONYM_SETTING = "evaluation_pack_id"


def new_pseudonym() -> str:
    """A fresh id: 128 random bits as 32 hex digits, from nothing about the person."""
    return secrets.token_hex(16)


class EvaluationStore(Part):
    """What a pack needs that no other part gives: the id, and practice minutes per day."""

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

    def practice_days(self, first: dt.date, last: dt.date) -> list[PracticeDay]:
        """Minutes per day and timed habit (by key) from `first` to `last`, archived habits too."""
        from companion.domain.evaluation.pack import PracticeDay

        rows: Sequence[tuple[str, str, float]] = self.conn.execute(
            "SELECT e.day, h.key, sum(e.value) FROM habit_entry AS e "
            "JOIN habit AS h ON h.id = e.habit_id "
            "WHERE h.kind = 'minutes' AND e.day BETWEEN ? AND ? GROUP BY e.day, h.key",
            (first.isoformat(), last.isoformat()),
        ).fetchall()
        return [PracticeDay(dt.date.fromisoformat(day), key, total) for day, key, total in rows]
