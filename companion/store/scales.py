"""Scales: administrations and their answers, and wording imported from a licensed copy.

Answers are saved one at a time as they are given (one transaction each), so
closing the terminal part-way through a form loses nothing; an unfinished
administration is resumed later. Every value is checked in Python first
(`type(v) is int and 1 <= v <= 5`: True is not an answer); the STRICT tables
and their CHECKs are the second net.

Imported wording stays in the participant's own database; Companion never
ships any.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from companion.domain.errors import Invalid, NotFound, Refused
from companion.store.database import Part, utc_stamp

if TYPE_CHECKING:
    from companion.domain.scales.administration import Administration, Occasion, Status
    from companion.domain.scales.instruments import Instrument
    from companion.domain.scales.scoring import Score

# The tables (scale_administration, scale_answer, scale_wording) are the
# "scales" step in companion/store/schema.py.


class ScalesStore(Part):
    """Administrations and their answers, and wording imported from a licensed copy."""

    # ------------------------------------------------------------ reading

    def administrations(self, instrument: str | None = None) -> list[Administration]:
        """Every administration (of one instrument, if given), oldest first."""
        sql = "SELECT id, instrument, occasion, day, status FROM scale_administration"
        params: tuple[str, ...] = ()
        if instrument is not None:
            sql += " WHERE instrument = ?"
            params = (instrument,)
        rows = self.conn.execute(sql + " ORDER BY day, id", params).fetchall()
        answers: dict[int, dict[int, int]] = {row[0]: {} for row in rows}
        for admin_id, item, value in self.conn.execute(
            "SELECT administration_id, item, value FROM scale_answer ORDER BY item"
        ):
            if admin_id in answers:
                answers[admin_id][item] = value
        return [_administration(row, answers[row[0]]) for row in rows]

    def administration(self, administration_id: int) -> Administration | None:
        """One administration by id, with its answers so far."""
        row = self.conn.execute(
            "SELECT id, instrument, occasion, day, status FROM scale_administration WHERE id = ?",
            (administration_id,),
        ).fetchone()
        if row is None:
            return None
        answers = dict(
            self.conn.execute(
                "SELECT item, value FROM scale_answer WHERE administration_id = ? ORDER BY item",
                (administration_id,),
            ).fetchall()
        )
        return _administration(row, answers)

    def unfinished(self, instrument: str) -> Administration | None:
        """The instrument's unfinished administration, to carry on with, if there is one."""
        row = self.conn.execute(
            "SELECT id FROM scale_administration WHERE instrument = ? AND status = 'in-progress'",
            (instrument,),
        ).fetchone()
        return None if row is None else self.administration(row[0])

    # ------------------------------------------------------------ answering

    def begin(
        self, instrument: Instrument, occasion: str, day: dt.date, now: dt.datetime
    ) -> Administration:
        """Start a new administration; Refused if one is unfinished (carry on with that)."""
        from companion.domain.dates import long_date
        from companion.domain.scales.administration import check_occasion

        chosen = check_occasion(occasion)
        stamp = utc_stamp(now)
        with self.db.transaction() as conn:
            existing = conn.execute(
                "SELECT day FROM scale_administration "
                "WHERE instrument = ? AND status = 'in-progress'",
                (instrument.id,),
            ).fetchone()
            if existing is not None:
                started = long_date(dt.date.fromisoformat(existing[0]))
                raise Refused(
                    f"there is an unfinished {instrument.short_name} from {started}; "
                    "carry on with it or discard it first"
                )
            cursor = conn.execute(
                "INSERT INTO scale_administration "
                "(instrument, occasion, day, status, started_utc, updated_utc) "
                "VALUES (?, ?, ?, 'in-progress', ?, ?)",
                (instrument.id, chosen, day.isoformat(), stamp, stamp),
            )
            new_id = cursor.lastrowid
        assert new_id is not None
        found = self.administration(new_id)
        assert found is not None
        return found

    def save_answer(
        self,
        instrument: Instrument,
        administration_id: int,
        item: int,
        value: object,
        now: dt.datetime,
    ) -> None:
        """Save (or change) one answer of an unfinished administration, in one transaction."""
        from companion.domain.scales.administration import check_item, check_item_answer

        check_item(instrument, item)
        answer = check_item_answer(instrument, item, value)
        with self.db.transaction() as conn:
            self._check_unfinished(conn, instrument, administration_id)
            stamp = utc_stamp(now)
            conn.execute(
                "INSERT INTO scale_answer (administration_id, item, value, updated_utc) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (administration_id, item) DO UPDATE SET "
                "value = excluded.value, updated_utc = excluded.updated_utc",
                (administration_id, item, answer, stamp),
            )
            conn.execute(
                "UPDATE scale_administration SET updated_utc = ? WHERE id = ?",
                (stamp, administration_id),
            )

    def finish(self, instrument: Instrument, administration_id: int, now: dt.datetime) -> Score:
        """Finish an administration whose every item is answered; return its score.

        ItemAnswerError (naming the first item without an answer) if any is missing.
        """
        from companion.domain.scales.scoring import score

        with self.db.transaction() as conn:
            self._check_unfinished(conn, instrument, administration_id)
            answers = dict(
                conn.execute(
                    "SELECT item, value FROM scale_answer WHERE administration_id = ?",
                    (administration_id,),
                ).fetchall()
            )
            result = score(
                instrument, [answers.get(i) for i in range(1, instrument.item_count + 1)]
            )
            stamp = utc_stamp(now)
            conn.execute(
                "UPDATE scale_administration SET status = 'complete', completed_utc = ?, "
                "updated_utc = ? WHERE id = ?",
                (stamp, stamp, administration_id),
            )
        return result

    def discard(self, instrument: Instrument, administration_id: int) -> None:
        """Delete an unfinished administration and its answers (complete ones are kept)."""
        with self.db.transaction() as conn:
            self._check_unfinished(conn, instrument, administration_id)
            conn.execute("DELETE FROM scale_administration WHERE id = ?", (administration_id,))

    def save_result(
        self,
        instrument: Instrument,
        occasion: str,
        day: dt.date,
        answers: Sequence[object],
        now: dt.datetime,
    ) -> tuple[Administration, Score]:
        """Save a complete set of answers at once (from the command line), in one transaction."""
        from companion.domain.scales.administration import check_occasion
        from companion.domain.scales.scoring import check_item_answers, score

        chosen = check_occasion(occasion)
        values = check_item_answers(instrument, answers)
        result = score(instrument, values)
        stamp = utc_stamp(now)
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO scale_administration "
                "(instrument, occasion, day, status, started_utc, updated_utc, completed_utc) "
                "VALUES (?, ?, ?, 'complete', ?, ?, ?)",
                (instrument.id, chosen, day.isoformat(), stamp, stamp, stamp),
            )
            new_id = cursor.lastrowid
            conn.executemany(
                "INSERT INTO scale_answer (administration_id, item, value, updated_utc) "
                "VALUES (?, ?, ?, ?)",
                [(new_id, item, value, stamp) for item, value in enumerate(values, start=1)],
            )
        assert new_id is not None
        found = self.administration(new_id)
        assert found is not None
        return found, result

    def delete(self, administration_id: int) -> DeletedAdministration:
        """Delete one administration (complete or not) and its answers, in one transaction.

        Returns what was deleted, exactly as stored, so `put_back` can undo it.
        NotFound if there is no administration with that id.
        """
        with self.db.transaction() as conn:
            row = conn.execute(
                f"SELECT {_ADMINISTRATION_COLUMNS} FROM scale_administration WHERE id = ?",
                (administration_id,),
            ).fetchone()
            if row is None:
                raise NotFound(
                    f"there is no scale result {administration_id}; "
                    "`companion scales results --json` lists each one's id"
                )
            answers = conn.execute(
                f"SELECT {_ANSWER_COLUMNS} FROM scale_answer WHERE administration_id = ?",
                (administration_id,),
            ).fetchall()
            found = self.administration(administration_id)
            conn.execute("DELETE FROM scale_administration WHERE id = ?", (administration_id,))
        assert found is not None
        return DeletedAdministration(found, tuple(row), tuple(map(tuple, answers)))

    def put_back(self, deleted: DeletedAdministration) -> None:
        """Restore a deleted administration exactly as it was, under its old id (undo).

        Under a new id if a newer result has taken its id; Refused if `deleted`
        was unfinished and the scale has been started again meanwhile.
        """
        with self.db.transaction() as conn:
            row = list(deleted.row)
            if conn.execute("SELECT 1 FROM scale_administration WHERE id = ?", row[:1]).fetchone():
                row[0] = None  # its id was taken by a newer result: the answers follow the new one
            try:
                cursor = conn.execute(
                    f"INSERT INTO scale_administration ({_ADMINISTRATION_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
            except sqlite3.IntegrityError:  # the one-unfinished-per-scale index
                raise Refused(
                    "that unfinished scale cannot be put back: it has been started again since"
                ) from None
            conn.executemany(
                f"INSERT INTO scale_answer ({_ANSWER_COLUMNS}) VALUES (?, ?, ?, ?)",
                [(cursor.lastrowid, *answer[1:]) for answer in deleted.answer_rows],
            )

    def _check_unfinished(
        self, conn: sqlite3.Connection, instrument: Instrument, administration_id: int
    ) -> None:
        row = conn.execute(
            "SELECT instrument, status FROM scale_administration WHERE id = ?",
            (administration_id,),
        ).fetchone()
        if row is None or row[0] != instrument.id:
            raise NotFound(
                f"there is no {instrument.short_name} administration {administration_id}"
            )
        if row[1] != "in-progress":
            raise Refused(
                f"that {instrument.short_name} is already saved as complete; "
                "take it again to record a new result"
            )

    # ------------------------------------------------------------ imported wording

    def wording(self, instrument: Instrument) -> tuple[str, ...] | None:
        """The wording imported for `instrument`, in item order, or None (paper form only)."""
        rows = self.conn.execute(
            "SELECT item, text FROM scale_wording WHERE instrument = ? ORDER BY item",
            (instrument.id,),
        ).fetchall()
        if [item for item, _ in rows] != list(range(1, instrument.item_count + 1)):
            return None  # none, or not a whole set: the paper form is the safe fallback
        return tuple(text for _, text in rows)

    def wording_imported(self) -> frozenset[str]:
        """The ids of the instruments that have wording in this database."""
        rows = self.conn.execute("SELECT DISTINCT instrument FROM scale_wording").fetchall()
        return frozenset(row[0] for row in rows)

    def import_wording(
        self, instrument: Instrument, items: Sequence[str], now: dt.datetime
    ) -> bool:
        """Store the wording (already checked by `parse_wording`); True if it replaced some."""
        from companion.domain.scales.item_wording import ITEM_LIMIT

        if len(items) != instrument.item_count or not all(
            isinstance(text, str) and 1 <= len(text) <= ITEM_LIMIT for text in items
        ):
            raise Invalid(f"{instrument.short_name} needs {instrument.item_count} items of text")
        stamp = utc_stamp(now)
        with self.db.transaction() as conn:
            replaced = conn.execute(
                "DELETE FROM scale_wording WHERE instrument = ?", (instrument.id,)
            ).rowcount
            conn.executemany(
                "INSERT INTO scale_wording (instrument, item, text, imported_utc) "
                "VALUES (?, ?, ?, ?)",
                [(instrument.id, n, text, stamp) for n, text in enumerate(items, start=1)],
            )
        return replaced > 0

    def forget_wording(self, instrument: Instrument) -> bool:
        """Remove the imported wording of `instrument`; True if there was some."""
        with self.db.transaction() as conn:
            removed = conn.execute(
                "DELETE FROM scale_wording WHERE instrument = ?", (instrument.id,)
            ).rowcount
        return removed > 0


_ADMINISTRATION_COLUMNS = (
    "id, instrument, occasion, day, status, started_utc, updated_utc, completed_utc"
)
_ANSWER_COLUMNS = "administration_id, item, value, updated_utc"


@dataclass(frozen=True)
class DeletedAdministration:
    """What `ScalesStore.delete` removed, as stored, for `put_back` (undo)."""

    administration: Administration
    row: tuple[object, ...]
    answer_rows: tuple[tuple[object, ...], ...]


def _administration(row: tuple[object, ...], answers: Mapping[int, int]) -> Administration:
    from companion.domain.scales.administration import Administration, check_occasion

    admin_id, instrument, occasion, day, status = row
    assert isinstance(admin_id, int) and isinstance(instrument, str) and isinstance(day, str)
    statuses: dict[object, Status] = {"in-progress": "in-progress", "complete": "complete"}
    occasion_value: Occasion = check_occasion(str(occasion))
    return Administration(
        id=admin_id,
        instrument=instrument,
        occasion=occasion_value,
        day=dt.date.fromisoformat(day),
        status=statuses[status],
        answers=MappingProxyType(dict(answers)),
    )
