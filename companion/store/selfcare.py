"""Self-care: habits, their logged entries and pauses, and the totals summaries need.

Habits are referred to by id, never by name. Daily totals are summed in SQL
(`GROUP BY ... day` over a date range, on the covering index
`habit_entry (habit_id, day, value)`); summaries are then one pass in the
domain. `summaries` loads only the days a summary can depend on, so a
twenty-year history opens as quickly as a two-year one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from companion.domain.errors import Invalid, NotFound, Refused
from companion.store.database import Part, utc_stamp

if TYPE_CHECKING:
    from companion.domain.selfcare.entries import Logged, LoggedEntry
    from companion.domain.selfcare.habits import Habit, HabitEdit, HabitSpec
    from companion.domain.selfcare.pauses import Pause
    from companion.domain.selfcare.summary import HabitSummary
    from companion.domain.selfcare.weekly import PracticeDay

Totals = dict[int, dict[dt.date, float]]

_ENTRY_COLUMNS = "id, habit_id, day, value, note, created_utc, tz"


def _entry(row: tuple[Any, ...]) -> LoggedEntry:
    from companion.domain.selfcare.entries import LoggedEntry

    return LoggedEntry(
        id=row[0],
        habit_id=row[1],
        day=dt.date.fromisoformat(row[2]),
        value=row[3],
        note=row[4],
        created_utc=row[5],
        tz=row[6],
    )


def _pause(row: tuple[Any, ...]) -> Pause:
    from companion.domain.selfcare.pauses import Pause

    return Pause(
        id=row[0],
        first=dt.date.fromisoformat(row[1]),
        last=dt.date.fromisoformat(row[2]),
        reason=row[3],
    )


class SelfCareStore(Part):
    """Habits, their logged entries and pauses, and the totals summaries need."""

    # ------------------------------------------------------------ habits

    def habits(self, *, include_archived: bool = False) -> list[Habit]:
        """The habits in the participant's order (archived ones only when asked)."""
        from companion.domain.selfcare.habits import Habit

        sql = """
            SELECT id, key, name, kind, unit, target, per, direction, position,
                   archived_utc IS NOT NULL, created_utc
            FROM habit
        """
        if not include_archived:
            sql += " WHERE archived_utc IS NULL"
        zone = self._zone()
        earlier = self._earlier_targets()
        habits = [
            Habit(
                id=row[0],
                key=row[1],
                name=row[2],
                kind=row[3],
                unit=row[4],
                target=row[5],
                per=row[6],
                direction=row[7],
                position=row[8],
                archived=bool(row[9]),
                since=_local_day(row[10], zone),
            )
            for row in self.conn.execute(sql + " ORDER BY position, id")
        ]
        return [
            replace(
                habit,
                earlier=tuple(
                    (until, replace(habit, unit=unit, target=target, per=per, direction=direction))
                    for until, (unit, target, per, direction) in earlier[habit.id]
                ),
            )
            if habit.id in earlier
            else habit
            for habit in habits
        ]

    def _earlier_targets(self) -> dict[int, list[tuple[dt.date, tuple[Any, ...]]]]:
        """Each habit's earlier (unit, target, per, direction), oldest first, by habit id."""
        found: dict[int, list[tuple[dt.date, tuple[Any, ...]]]] = {}
        for habit_id, until, *target in self.conn.execute(
            "SELECT habit_id, until_day, unit, target, per, direction FROM habit_target "
            "ORDER BY habit_id, until_day"
        ):
            found.setdefault(habit_id, []).append((dt.date.fromisoformat(until), tuple(target)))
        return found

    def edit_habit(self, habit_id: int, edit: HabitEdit, now: dt.datetime) -> Habit:
        """Save an edit the domain planned (`plan_edit`): the new definition, and the
        target that ended, kept with its last day; returns the habit as it was."""
        before = self.habit(habit_id)
        spec = edit.spec
        with self.db.transaction() as conn:
            if edit.ended is not None:
                until, old = edit.ended
                conn.execute(
                    """
                    INSERT OR IGNORE INTO habit_target
                        (habit_id, until_day, unit, target, per, direction, changed_utc)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    (
                        habit_id,
                        until.isoformat(),
                        old.unit,
                        old.target,
                        old.per,
                        old.direction,
                        utc_stamp(now),
                    ),
                )
            conn.execute(
                """
                UPDATE habit SET name = ?, unit = ?, target = ?, per = ?, direction = ?
                WHERE id = ?
                """,
                (spec.name, spec.unit, spec.target, spec.per, spec.direction, habit_id),
            )
        return before

    def _zone(self) -> ZoneInfo:
        row = self.conn.execute("SELECT tz FROM programme").fetchone()
        try:
            return ZoneInfo(row[0]) if row else ZoneInfo("UTC")
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")

    def add_habit(self, spec: HabitSpec, now: dt.datetime) -> Habit:
        """Add a habit at the end of the list (Invalid spec, or Refused when its key is taken)."""
        from companion.domain.selfcare.habits import check_spec

        spec = check_spec(spec)
        with self.db.transaction() as conn:
            taken = conn.execute(
                "SELECT archived_utc IS NOT NULL FROM habit WHERE key = ?", (spec.key,)
            ).fetchone()
            if taken is not None:
                hint = (
                    f"it is archived: `companion habits restore {spec.key}` brings it back"
                    if taken[0]
                    else "choose another key"
                )
                raise Refused(f"There is already a habit with the key {spec.key}; {hint}")
            position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM habit").fetchone()
            cursor = conn.execute(
                """
                INSERT INTO habit
                    (key, name, kind, unit, target, per, direction, position, created_utc)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (
                    spec.key,
                    spec.name,
                    spec.kind,
                    spec.unit,
                    spec.target,
                    spec.per,
                    spec.direction,
                    position[0],
                    utc_stamp(now),
                ),
            )
            habit_id = cursor.lastrowid
        return self.habit(habit_id)

    def habit(self, habit_id: int | None) -> Habit:
        """One habit by id, archived or not; NotFound if it has gone."""
        for habit in self.habits(include_archived=True):
            if habit.id == habit_id:
                return habit
        raise NotFound("That habit is no longer there; it may have been changed elsewhere")

    def rename_habit(self, habit_id: int, name: str) -> Habit:
        """Give a habit a new name (its key, entries and id stay); returns it as it was."""
        from companion.domain.selfcare.habits import check_spec

        before = self.habit(habit_id)
        spec = check_spec(replace(before, name=name))
        with self.db.transaction() as conn:
            conn.execute("UPDATE habit SET name = ? WHERE id = ?", (spec.name, habit_id))
        return before

    def move_habit(self, habit_id: int, index: int) -> None:
        """Put a habit at `index` (0 = first) among the active ones; the rest keep their order."""
        with self.db.transaction() as conn:
            ids = [
                row[0]
                for row in conn.execute(
                    "SELECT id FROM habit WHERE archived_utc IS NULL ORDER BY position, id"
                )
            ]
            if habit_id not in ids:
                raise Refused("Only an active habit can be moved; restore it first")
            ids.remove(habit_id)
            ids.insert(max(0, min(index, len(ids))), habit_id)
            conn.executemany(
                "UPDATE habit SET position = ? WHERE id = ?",
                [(position, each) for position, each in enumerate(ids)],
            )

    def archive_habit(self, habit_id: int, now: dt.datetime) -> None:
        """Put a habit away: it leaves lists and Today; its entries are kept."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE habit SET archived_utc = ? WHERE id = ? AND archived_utc IS NULL",
                (utc_stamp(now), habit_id),
            )

    def restore_habit(self, habit_id: int) -> None:
        """Bring an archived habit back, at the end of the list, with all its entries."""
        with self.db.transaction() as conn:
            conn.execute(
                """
                UPDATE habit SET archived_utc = NULL,
                    position = (SELECT coalesce(max(position), -1) + 1 FROM habit)
                WHERE id = ? AND archived_utc IS NOT NULL
                """,
                (habit_id,),
            )

    # ------------------------------------------------------------ entries

    def log(
        self,
        habit: Habit,
        day: dt.date,
        value: float,
        note: str | None,
        now: dt.datetime,
        zone_name: str,
    ) -> Logged:
        """Add one entry for `habit` on the local day `day`; one transaction.

        Invalid (nothing written) when the value or note will not do, or the
        day cannot hold it (AlreadyLoggedError for a second yes).
        """
        from companion.domain.selfcare.entries import (
            Logged,
            LoggedEntry,
            check_day_total,
            check_note,
            check_value,
        )

        value = check_value(habit, value)
        note = check_note(note)
        stamp = utc_stamp(now)
        with self.db.transaction() as conn:
            self._check_active(conn, habit.id)
            before = self._day_total(conn, habit.id, day)
            total = check_day_total(habit, before, value)
            cursor = conn.execute(
                "INSERT INTO habit_entry (habit_id, day, value, note, created_utc, tz) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (habit.id, day.isoformat(), value, note, stamp, zone_name),
            )
            entry_id = cursor.lastrowid or 0
            if note is not None:
                _index_note(conn, entry_id, note)
        entry = LoggedEntry(habit.id, day, value, note, entry_id, stamp, zone_name)
        return Logged(entry=entry, day_total=total, before=before)

    @staticmethod
    def _check_active(conn: sqlite3.Connection, habit_id: int) -> None:
        row = conn.execute("SELECT archived_utc FROM habit WHERE id = ?", (habit_id,)).fetchone()
        if row is None:
            raise NotFound("That habit is no longer there; it may have been changed elsewhere")
        if row[0] is not None:
            raise Refused("That habit is archived; restore it to log it again")

    @staticmethod
    def _day_total(
        conn: sqlite3.Connection, habit_id: int, day: dt.date, *, leaving_out: int = 0
    ) -> float:
        row = conn.execute(
            "SELECT coalesce(sum(value), 0) FROM habit_entry "
            "WHERE habit_id = ? AND day = ? AND id != ?",
            (habit_id, day.isoformat(), leaving_out),
        ).fetchone()
        return float(row[0])

    def entry(self, entry_id: int) -> LoggedEntry | None:
        row = self.conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM habit_entry WHERE id = ?", (entry_id,)
        ).fetchone()
        return None if row is None else _entry(row)

    def entries_on(self, day: dt.date) -> list[LoggedEntry]:
        """Every entry on the local day `day`, in the order they were logged."""
        return [
            _entry(row)
            for row in self.conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM habit_entry WHERE day = ? ORDER BY id",
                (day.isoformat(),),
            )
        ]

    def edit_entry(
        self, habit: Habit, entry_id: int, value: float, note: str | None
    ) -> LoggedEntry:
        """Change an entry's amount and note; returns the entry as it was (for undo)."""
        from companion.domain.selfcare.entries import check_day_total, check_note, check_value

        value = check_value(habit, value)
        note = check_note(note)
        with self.db.transaction() as conn:
            row = conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM habit_entry WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is None:
                raise NotFound("That entry is no longer there; it may have been deleted")
            before = _entry(row)
            if before.habit_id != habit.id:
                raise Invalid("That entry belongs to another habit")
            others = self._day_total(conn, habit.id, before.day, leaving_out=entry_id)
            check_day_total(habit, others, value)
            conn.execute(
                "UPDATE habit_entry SET value = ?, note = ? WHERE id = ?", (value, note, entry_id)
            )
            _index_note(conn, entry_id, note)
        if before.note is not None and before.note != note:
            self.db.forget_deleted_text()
        return before

    def delete_entry(self, entry_id: int) -> LoggedEntry:
        """Delete one entry; returns it so it can be put back (undo)."""
        with self.db.transaction() as conn:
            row = conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM habit_entry WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is None:
                raise NotFound("That entry is no longer there; it may have been deleted")
            conn.execute("DELETE FROM habit_entry WHERE id = ?", (entry_id,))
            _index_note(conn, entry_id, None)
        deleted = _entry(row)
        if deleted.note is not None:
            self.db.forget_deleted_text()
        return deleted

    def put_back_entry(self, entry: LoggedEntry) -> None:
        """Restore a deleted or edited entry exactly as it was (undo), under its old id."""
        with self.db.transaction() as conn:
            conn.execute(
                f"INSERT OR REPLACE INTO habit_entry ({_ENTRY_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.id,
                    entry.habit_id,
                    entry.day.isoformat(),
                    entry.value,
                    entry.note,
                    entry.created_utc,
                    entry.tz,
                ),
            )
            _index_note(conn, entry.id, entry.note)

    # ------------------------------------------------------------ totals

    def daily_totals(
        self, first: dt.date, last: dt.date, habit_ids: Iterable[int] | None = None
    ) -> Totals:
        """Each habit's total per day from `first` to `last`: {habit_id: {day: total}}."""
        sql = "SELECT habit_id, day, sum(value) FROM habit_entry WHERE day BETWEEN ? AND ?"
        params: list[object] = [first.isoformat(), last.isoformat()]
        if habit_ids is not None:
            ids = list(habit_ids)
            sql += f" AND habit_id IN ({', '.join('?' * len(ids))})"
            params.extend(ids)
        totals: Totals = {}
        for habit_id, day, total in self.conn.execute(sql + " GROUP BY habit_id, day", params):
            totals.setdefault(habit_id, {})[dt.date.fromisoformat(day)] = total
        return totals

    def practice_days(self, first: dt.date, last: dt.date) -> list[PracticeDay]:
        """Minutes per day and timed habit (by key) from `first` to `last`, archived habits too."""
        from companion.domain.selfcare.weekly import PracticeDay

        rows: Sequence[tuple[str, str, float]] = self.conn.execute(
            "SELECT e.day, h.key, sum(e.value) FROM habit_entry AS e "
            "JOIN habit AS h ON h.id = e.habit_id "
            "WHERE h.kind = 'minutes' AND e.day BETWEEN ? AND ? GROUP BY e.day, h.key",
            (first.isoformat(), last.isoformat()),
        ).fetchall()
        return [PracticeDay(dt.date.fromisoformat(day), key, total) for day, key, total in rows]

    def practice_minutes(
        self, first: dt.date, lasts: Iterable[dt.date]
    ) -> dict[dt.date, dict[str, float]]:
        """Minutes logged from `first` to each of `lasts` (both included), per timed habit's name.

        The practice the Scales section shows beside each change since a
        baseline (meditation and walking to begin with, and any habit of the
        participant's own counted in minutes). Summed in SQL a stretch at a
        time, from `first` to the earliest of `lasts`, then on to the next, so
        twenty years of yearly results read each entry once. A day before
        `first` has nothing logged.
        """
        timed = [h for h in self.habits(include_archived=True) if h.kind == "minutes"]
        marks = ", ".join("?" * len(timed))
        sql = (
            "SELECT habit_id, sum(value) FROM habit_entry "
            f"WHERE habit_id IN ({marks}) AND day BETWEEN ? AND ? GROUP BY habit_id"
        )
        ids = [h.id for h in timed]
        running = dict.fromkeys(ids, 0.0)
        found: dict[dt.date, dict[str, float]] = {}
        start = first
        for last in sorted(set(lasts)):
            if last >= start:
                stretch = (*ids, start.isoformat(), last.isoformat())
                for habit_id, minutes in self.conn.execute(sql, stretch):
                    running[habit_id] += minutes
                start = last + dt.timedelta(days=1)
            found[last] = {h.name: running[h.id] for h in timed}
        return found

    def habit_totals(self, habit_id: int, first: dt.date, last: dt.date) -> dict[dt.date, float]:
        """One habit's total per day from `first` to `last` (a range scan of the index)."""
        return {
            dt.date.fromisoformat(day): total
            for day, total in self.conn.execute(
                "SELECT day, sum(value) FROM habit_entry "
                "WHERE habit_id = ? AND day BETWEEN ? AND ? GROUP BY day",
                (habit_id, first.isoformat(), last.isoformat()),
            )
        }

    def summaries(
        self,
        day: dt.date,
        *,
        today: dt.date,
        programme_start: dt.date | None = None,
        programme_weeks: int = 0,
        habits: Sequence[Habit] | None = None,
    ) -> list[HabitSummary]:
        """Each habit's summary as of `day` (strength, week, sparkline, heatmap, lapse).

        `today` is the real today (see `summarise`). Loads, per habit, only the
        days its summary can depend on (`summary_start`), plus the programme's
        `programme_weeks` weeks when they lie earlier.
        """
        from companion.domain.selfcare.pauses import paused_days
        from companion.domain.selfcare.summary import programme_range, summarise_all, summary_start

        chosen = self.habits() if habits is None else list(habits)
        paused = paused_days((p.first, p.last) for p in self.pauses(last=day))
        totals: Totals = {}
        earliest = day
        for habit in chosen:
            first = summary_start(habit, day, paused, programme_start=programme_start)
            earliest = min(earliest, first)
            totals[habit.id] = self.habit_totals(habit.id, first, day)
        if programme_start is not None and programme_weeks and chosen:
            first, last = programme_range(programme_start, programme_weeks)
            if first < earliest:
                earlier = self.daily_totals(
                    first, min(last, day, earliest), [h.id for h in chosen]
                )
                for habit_id, days in earlier.items():
                    for each, total in days.items():
                        totals[habit_id].setdefault(each, total)
        return summarise_all(
            chosen,
            totals,
            day=day,
            today=today,
            since={h.id: h.since for h in chosen if h.since is not None},
            paused=paused,
            programme_start=programme_start,
            programme_weeks=programme_weeks,
        )

    # ------------------------------------------------------------ pauses

    def pauses(self, first: dt.date | None = None, last: dt.date | None = None) -> list[Pause]:
        """Pauses that overlap `first`..`last` (either end open), earliest first."""
        sql = "SELECT id, first_day, last_day, reason FROM habit_pause WHERE 1"
        params: list[str] = []
        if first is not None:
            sql += " AND last_day >= ?"
            params.append(first.isoformat())
        if last is not None:
            sql += " AND first_day <= ?"
            params.append(last.isoformat())
        return [_pause(row) for row in self.conn.execute(sql + " ORDER BY first_day", params)]

    def add_pause(
        self,
        first: dt.date,
        last: dt.date,
        reason: str | None,
        today: dt.date,
        now: dt.datetime,
    ) -> Pause:
        """Pause every habit from `first` to `last`; Refused if the days overlap a pause."""
        from companion.domain.selfcare.pauses import Pause, check_pause, check_pause_reason

        first, last = check_pause(first, last, today)
        reason = check_pause_reason(reason)
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT id, first_day, last_day, reason FROM habit_pause "
                "WHERE last_day >= ? AND first_day <= ? ORDER BY first_day LIMIT 1",
                (first.isoformat(), last.isoformat()),
            ).fetchone()
            if row is not None:
                other = _pause(row)
                why = f" ({other.reason})" if other.reason else ""
                raise Refused(
                    f"{other.span(today)}{why} is already a pause;"
                    " remove it first, or choose other days"
                )
            cursor = conn.execute(
                "INSERT INTO habit_pause (first_day, last_day, reason, created_utc) "
                "VALUES (?, ?, ?, ?)",
                (first.isoformat(), last.isoformat(), reason, utc_stamp(now)),
            )
            pause_id = cursor.lastrowid or 0
        return Pause(pause_id, first, last, reason)

    def remove_pause(self, pause_id: int) -> Pause:
        """Remove a pause (its days count again); returns it so it can be put back."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT id, first_day, last_day, reason FROM habit_pause WHERE id = ?",
                (pause_id,),
            ).fetchone()
            if row is None:
                raise NotFound("That pause is no longer there")
            conn.execute("DELETE FROM habit_pause WHERE id = ?", (pause_id,))
        return _pause(row)


def _index_note(conn: sqlite3.Connection, entry_id: int, note: str | None) -> None:
    """Keep the search index of notes (`habit_note_fts`) in step with one entry's note."""
    conn.execute("DELETE FROM habit_note_fts WHERE rowid = ?", (entry_id,))
    if note is not None:
        conn.execute("INSERT INTO habit_note_fts (rowid, body) VALUES (?, ?)", (entry_id, note))


def _local_day(stamp: str, zone: ZoneInfo) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(stamp).astimezone(zone).date()
    except ValueError:
        return None
