"""The programme: start date, name, time zone, moved sessions and attendance marks."""

from __future__ import annotations

import datetime as dt
import sqlite3
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
        start = dt.date.fromisoformat(start_day)
        return ProgrammeSetup(
            start=start,
            zone=zone,
            name=name,
            moves=moves,
            attendance=marks,
            joined=_local_day(created, zone),
            days_off=self._days_off(start),
        )

    # ------------------------------------------------------------ bank holidays

    def holidays_region(self) -> str:
        """The region whose bank holidays the schedule avoids (`GB-ENG` unless chosen)."""
        from companion.domain.working_days import DEFAULT_REGION

        row = self.conn.execute(
            "SELECT value FROM setting WHERE key = 'holidays_region'"
        ).fetchone()
        return DEFAULT_REGION if row is None else str(row[0])

    def set_holidays_region(self, region: str) -> None:
        """Choose the region (as `working_days.check_region` spells it); keep its holidays."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES ('holidays_region', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (region,),
            )
            start = conn.execute("SELECT start_day FROM programme").fetchone()
            if start is not None:
                self._keep_days_off(conn, dt.date.fromisoformat(start[0]), region)

    def _keep_days_off(self, conn: sqlite3.Connection, start: dt.date, region: str) -> None:
        """Store the bank holidays around `start`, so reading the schedule never computes them.

        One setting per year, `GB-ENG:0101,0403,...` (a setting holds 200
        characters): the region says whether they are still the ones chosen.
        """
        from companion.domain.working_days import bank_holidays, programme_years

        days = bank_holidays(region, programme_years(start))
        for year in programme_years(start):
            dates = ",".join(f"{d:%m%d}" for d in sorted(days) if d.year == year)
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (f"bank_holidays_{year}", f"{region}:{dates}"[:200]),
            )

    def _days_off(self, start: dt.date) -> frozenset[dt.date]:
        """The stored bank holidays; worked out afresh when some year's are not stored.

        A programme set up before Companion knew bank holidays has none stored:
        they are worked out on each read (slower, importing `holidays`) until
        the next `companion setup` or change of region stores them.
        """
        from companion.domain.working_days import bank_holidays, programme_years

        region = self.holidays_region()
        years = programme_years(start)
        keys = [f"bank_holidays_{year}" for year in years]
        rows = dict(
            self.conn.execute(
                f"SELECT key, value FROM setting WHERE key IN ({','.join('?' * len(keys))})",
                keys,
            ).fetchall()
        )
        days: set[dt.date] = set()
        for year, key in zip(years, keys, strict=True):
            kept_region, _, dates = str(rows.get(key, "")).partition(":")
            if kept_region != region:
                return frozenset(bank_holidays(region, years))
            days.update(dt.date(year, int(d[:2]), int(d[2:])) for d in dates.split(",") if d)
        return frozenset(days)

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
            self._keep_days_off(conn, start, self.holidays_region())
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

    def calendar_uid(self) -> str:
        """The start of every calendar event's UID, made at setup: a re-import updates them."""
        row = self.conn.execute("SELECT value FROM setting WHERE key = 'calendar_uid'").fetchone()
        return str(row[0]) if row else "programme"

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
