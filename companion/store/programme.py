"""The programme: start date, name, time zone, moved sessions and attendance marks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from companion.domain.programme_setup import ProgrammeSetup
from companion.store.database import Part, utc_stamp

if TYPE_CHECKING:
    from companion.domain.selfcare.habits import HabitSpec


class ProgrammeStore(Part):
    """The programme set-up (start date, name, time zone), moved sessions and marks."""

    def setup(self) -> ProgrammeSetup | None:
        """The participant's programme set-up, or None before setup."""
        row = self.conn.execute(
            "SELECT start_day, name, tz, created_utc FROM programme"
        ).fetchone()
        if row is None:
            return None
        start_day, name, tz, created = row
        try:
            zone = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        moves = {
            event_id: dt.datetime.fromisoformat(start_local)
            for event_id, start_local in self.conn.execute(
                "SELECT event_id, start_local FROM session_move"
            )
        }
        marks = {
            event_id: bool(attended)
            for event_id, attended in self.conn.execute(
                "SELECT event_id, attended FROM session_mark"
            )
        }
        return ProgrammeSetup(
            start=dt.date.fromisoformat(start_day),
            zone=zone,
            name=name,
            moves=moves,
            attendance=marks,
            joined=_local_day(created, zone),
        )

    def save_setup(
        self,
        start: dt.date,
        name: str | None,
        zone_name: str,
        habits: Sequence[HabitSpec],
        now: dt.datetime,
        clear_marks: Collection[str] = (),
    ) -> None:
        """Create or update the programme; add the given habits if there are none yet.

        Moved sessions are kept when the start date changes; the marks named in
        `clear_marks` (sessions that would not have happened yet, see
        `domain.programme.start_change`) are removed in the same transaction.
        """
        stamp = utc_stamp(now)
        with self.db.transaction() as conn:
            conn.execute(
                """
                INSERT INTO programme (id, start_day, name, tz, created_utc, updated_utc)
                VALUES (1, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    start_day = excluded.start_day, name = excluded.name,
                    tz = excluded.tz, updated_utc = excluded.updated_utc
                """,
                (start.isoformat(), name, zone_name, stamp, stamp),
            )
            conn.executemany(
                "DELETE FROM session_mark WHERE event_id = ?", [(e,) for e in clear_marks]
            )
            import uuid

            conn.execute(
                "INSERT OR IGNORE INTO setting (key, value) VALUES ('calendar_uid', ?)",
                (uuid.uuid4().hex,),
            )
            if conn.execute("SELECT count(*) FROM habit").fetchone()[0] == 0:
                conn.executemany(
                    """
                    INSERT INTO habit
                        (key, name, kind, unit, target, per, direction, position, created_utc)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        (h.key, h.name, h.kind, h.unit, h.target, h.per, h.direction, i, stamp)
                        for i, h in enumerate(habits)
                    ],
                )

    def mark(self, event_id: str, attended: bool | None, now: dt.datetime) -> None:
        """Record attended (True), missed (False) or clear the mark (None)."""
        with self.db.transaction() as conn:
            if attended is None:
                conn.execute("DELETE FROM session_mark WHERE event_id = ?", (event_id,))
            else:
                conn.execute(
                    """
                    INSERT INTO session_mark (event_id, attended, updated_utc) VALUES (?, ?, ?)
                    ON CONFLICT (event_id) DO UPDATE SET
                        attended = excluded.attended, updated_utc = excluded.updated_utc
                    """,
                    (event_id, int(attended), utc_stamp(now)),
                )

    def move(self, event_id: str, when: dt.datetime | None, now: dt.datetime) -> None:
        """Move a session to the naive local time `when`, or back to its planned time (None)."""
        with self.db.transaction() as conn:
            if when is None:
                conn.execute("DELETE FROM session_move WHERE event_id = ?", (event_id,))
            else:
                conn.execute(
                    """
                    INSERT INTO session_move (event_id, start_local, updated_utc) VALUES (?, ?, ?)
                    ON CONFLICT (event_id) DO UPDATE SET
                        start_local = excluded.start_local, updated_utc = excluded.updated_utc
                    """,
                    (event_id, when.strftime("%Y-%m-%dT%H:%M"), utc_stamp(now)),
                )


def _local_day(stamp: object, zone: ZoneInfo) -> dt.date | None:
    """The local day of a UTC stamp Companion wrote, or None if it is not one."""
    try:
        return dt.datetime.fromisoformat(str(stamp)).astimezone(zone).date()
    except ValueError:  # not Companion's stamp: the day joined is unknown, and not needed
        return None
