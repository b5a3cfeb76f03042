"""Self-care: habits (and, with the self-care log, their entries and pauses)."""

from __future__ import annotations

from companion.domain.habits import Habit
from companion.store.base import StoreBase


class SelfCareStore(StoreBase):
    # ------------------------------------------------------------ habits

    def habits(self, *, include_archived: bool = False) -> list[Habit]:
        sql = """
            SELECT id, key, name, kind, unit, target, per, direction, position,
                   archived_utc IS NOT NULL
            FROM habit
        """
        if not include_archived:
            sql += " WHERE archived_utc IS NULL"
        return [
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
            )
            for row in self.conn.execute(sql + " ORDER BY position, id")
        ]
