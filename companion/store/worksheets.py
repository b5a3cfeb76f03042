"""Worksheets: answers to every sheet (and their earlier versions), completion marks,
the action plan, the letter to self, and full-text search over what the participant wrote.

Every write is one transaction. The search index (FTS5 tables `answer_fts` and
`plan_item_fts`, rowid = the source row's id) is kept in step inside the same
transaction as the write it follows. Search also reads the self-care notes'
index (`habit_note_fts`, kept by store/selfcare.py), so one search finds
everything written. The sealed letter's text never leaves this module before
its opening day.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from companion.domain.errors import Invalid, NotFound, Refused
from companion.store.database import Part, utc_stamp
from companion.store.files import StoreError

if TYPE_CHECKING:
    from companion.domain.worksheets.action_plan import ActionItem, ActionState
    from companion.domain.worksheets.answers import AnswerVersion, WrittenAnswer
    from companion.domain.worksheets.letter import LetterDates, LetterRecord
    from companion.domain.worksheets.search import SearchMatch

ID_LIMIT = 40


def _moment(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _check_id(value: str, what: str) -> str:
    if not value or len(value) > ID_LIMIT:
        raise Invalid(f"{what} {value!r} is not a valid id")
    return value


class WorksheetsStore(Part):
    """Answers to every sheet and their versions, completion marks, the action plan,
    the letter, and search over what the participant wrote."""

    # ------------------------------------------------------------ answers

    def answers(self, sheet_id: str) -> dict[str, WrittenAnswer]:
        """This sheet's answers by prompt id (prompts never written to are absent)."""
        from companion.domain.worksheets.answers import WrittenAnswer

        rows = self.conn.execute(
            "SELECT prompt_id, body, updated_utc FROM answer WHERE sheet_id = ?", (sheet_id,)
        )
        return {p: WrittenAnswer(sheet_id, p, body, _moment(at)) for p, body, at in rows}

    def all_answers(self) -> dict[str, dict[str, str]]:
        """Every answer's text, by sheet id then prompt id (for statuses and exports)."""
        result: dict[str, dict[str, str]] = {}
        for sheet_id, prompt_id, body in self.conn.execute(
            "SELECT sheet_id, prompt_id, body FROM answer"
        ):
            result.setdefault(sheet_id, {})[prompt_id] = body
        return result

    def save_answers(
        self, sheet_id: str, texts: Mapping[str, str], now: dt.datetime
    ) -> list[WrittenAnswer]:
        """Save several answers of one sheet in one transaction; return those that changed.

        Every text is checked first (ValueError names the problem; nothing is
        written). Unchanged texts are skipped. Before an answer is replaced,
        its previous text may be kept as a version (see `keep_version`).
        """
        from companion.domain.worksheets.answers import WrittenAnswer, check_written_answer

        _check_id(sheet_id, "sheet")
        checked = {
            _check_id(prompt_id, "prompt"): check_written_answer(text)
            for prompt_id, text in texts.items()
        }
        changed: list[WrittenAnswer] = []
        with self.db.transaction() as conn:
            for prompt_id, text in checked.items():
                if self._save_answer(conn, sheet_id, prompt_id, text, now):
                    changed.append(
                        WrittenAnswer(sheet_id, prompt_id, text, _moment(utc_stamp(now)))
                    )
        return changed

    def save_answer(
        self, sheet_id: str, prompt_id: str, text: str, now: dt.datetime
    ) -> WrittenAnswer | None:
        """Save one answer (one transaction); None if it was unchanged."""
        changed = self.save_answers(sheet_id, {prompt_id: text}, now)
        return changed[0] if changed else None

    def _save_answer(
        self,
        conn: sqlite3.Connection,
        sheet_id: str,
        prompt_id: str,
        text: str,
        now: dt.datetime,
        *,
        keep_current: bool = False,
    ) -> bool:
        """Write one answer inside `conn`'s transaction; False if it was unchanged.

        `keep_current` keeps the replaced text as a version whatever the rule says.
        """
        from companion.domain.worksheets.answers import VERSIONS_KEPT, keep_version

        stamp = utc_stamp(now)
        row = conn.execute(
            "SELECT id, body, updated_utc FROM answer WHERE sheet_id = ? AND prompt_id = ?",
            (sheet_id, prompt_id),
        ).fetchone()
        if row is None:
            if not text:
                return False
            cursor = conn.execute(
                "INSERT INTO answer (sheet_id, prompt_id, body, created_utc, updated_utc) "
                "VALUES (?, ?, ?, ?, ?)",
                (sheet_id, prompt_id, text, stamp, stamp),
            )
            answer_id = cursor.lastrowid
        else:
            answer_id, current, current_at = row
            if current == text:
                return False
            newest = conn.execute(
                "SELECT max(saved_utc) FROM answer_version WHERE answer_id = ?", (answer_id,)
            ).fetchone()[0]
            last = None if newest is None else _moment(newest)
            if (keep_current and current.strip()) or keep_version(current, text, last, now):
                conn.execute(
                    "INSERT INTO answer_version (answer_id, body, saved_utc) VALUES (?, ?, ?)",
                    (answer_id, current, current_at),
                )
                conn.execute(
                    "DELETE FROM answer_version WHERE answer_id = ? AND id NOT IN ("
                    "SELECT id FROM answer_version WHERE answer_id = ? ORDER BY id DESC LIMIT ?)",
                    (answer_id, answer_id, VERSIONS_KEPT),
                )
            conn.execute(
                "UPDATE answer SET body = ?, updated_utc = ? WHERE id = ?",
                (text, stamp, answer_id),
            )
            conn.execute("DELETE FROM answer_fts WHERE rowid = ?", (answer_id,))
        if text.strip():
            conn.execute("INSERT INTO answer_fts (rowid, body) VALUES (?, ?)", (answer_id, text))
        return True

    def versions(self, sheet_id: str, prompt_id: str) -> list[AnswerVersion]:
        """The earlier texts kept for one answer, newest first."""
        from companion.domain.worksheets.answers import AnswerVersion

        rows = self.conn.execute(
            """
            SELECT v.id, v.body, v.saved_utc FROM answer_version v
            JOIN answer a ON a.id = v.answer_id
            WHERE a.sheet_id = ? AND a.prompt_id = ?
            ORDER BY v.id DESC
            """,
            (sheet_id, prompt_id),
        )
        return [
            AnswerVersion(vid, sheet_id, prompt_id, body, _moment(at)) for vid, body, at in rows
        ]

    def restore_version(self, version_id: int, now: dt.datetime) -> WrittenAnswer:
        """Put an earlier text back as the answer (the text it replaces is kept as a version)."""
        from companion.domain.worksheets.answers import WrittenAnswer

        with self.db.transaction() as conn:
            row = conn.execute(
                """
                SELECT a.sheet_id, a.prompt_id, v.body FROM answer_version v
                JOIN answer a ON a.id = v.answer_id WHERE v.id = ?
                """,
                (version_id,),
            ).fetchone()
            if row is None:
                raise NotFound("That earlier version is no longer kept")
            sheet_id, prompt_id, text = row
            # A restore always keeps what it replaces, so it can itself be undone.
            self._save_answer(conn, sheet_id, prompt_id, text, now, keep_current=True)
        return WrittenAnswer(sheet_id, prompt_id, text, _moment(utc_stamp(now)))

    # ------------------------------------------------------------ sheets marked complete

    def completed(self) -> dict[str, dt.datetime]:
        """Sheets the participant marked complete, with when."""
        return {
            sheet_id: _moment(at)
            for sheet_id, at in self.conn.execute("SELECT sheet_id, completed_utc FROM sheet_mark")
        }

    def mark_complete(self, sheet_id: str, complete: bool, now: dt.datetime) -> None:
        """Mark a sheet complete, or back to in progress (complete=False)."""
        _check_id(sheet_id, "sheet")
        with self.db.transaction() as conn:
            if complete:
                conn.execute(
                    "INSERT INTO sheet_mark (sheet_id, completed_utc) VALUES (?, ?) "
                    "ON CONFLICT (sheet_id) DO NOTHING",
                    (sheet_id, utc_stamp(now)),
                )
            else:
                conn.execute("DELETE FROM sheet_mark WHERE sheet_id = ?", (sheet_id,))

    # ------------------------------------------------------------ the action plan

    def actions(self) -> list[ActionItem]:
        """Every item of the action plan, oldest first (see `action_plan_order` for display)."""
        rows = self.conn.execute(
            "SELECT id, body, due_day, state, source_sheet, source_prompt, created_utc, "
            "updated_utc FROM plan_item ORDER BY id"
        )
        return [_plan_item(row) for row in rows]

    def action(self, item_id: int) -> ActionItem:
        """One item; ValueError naming the valid numbers if there is none."""
        row = self.conn.execute(
            "SELECT id, body, due_day, state, source_sheet, source_prompt, created_utc, "
            "updated_utc FROM plan_item WHERE id = ?",
            (item_id,),
        ).fetchone()
        if row is None:
            numbers = [str(i.id) for i in self.actions()]
            valid = f"the items are {', '.join(numbers)}" if numbers else "the plan is empty"
            raise NotFound(f"there is no action-plan item {item_id}; {valid}")
        return _plan_item(row)

    def add_action(
        self,
        text: str,
        due: dt.date | None,
        now: dt.datetime,
        *,
        source: tuple[str, str] | None = None,
    ) -> ActionItem:
        """Add a commitment (checked with `check_action_text`; `due` checked by the caller)."""
        from companion.domain.worksheets.action_plan import check_action_text

        line = check_action_text(text)
        stamp = utc_stamp(now)
        sheet_id, prompt_id = source if source is not None else (None, None)
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO plan_item (body, due_day, state, source_sheet, source_prompt, "
                "created_utc, updated_utc) VALUES (?, ?, 'open', ?, ?, ?, ?)",
                (line, due.isoformat() if due else None, sheet_id, prompt_id, stamp, stamp),
            )
            item_id = int(cursor.lastrowid or 0)
            conn.execute("INSERT INTO plan_item_fts (rowid, body) VALUES (?, ?)", (item_id, line))
        return self.action(item_id)

    def set_action_state(self, item_id: int, state: ActionState, now: dt.datetime) -> ActionItem:
        """Mark an item open, done or let go."""
        self.action(item_id)
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE plan_item SET state = ?, updated_utc = ? WHERE id = ?",
                (state, utc_stamp(now), item_id),
            )
        return self.action(item_id)

    def edit_action(
        self, item_id: int, text: str, due: dt.date | None, now: dt.datetime
    ) -> ActionItem:
        """Change an item's words and date."""
        from companion.domain.worksheets.action_plan import check_action_text

        line = check_action_text(text)
        self.action(item_id)
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE plan_item SET body = ?, due_day = ?, updated_utc = ? WHERE id = ?",
                (line, due.isoformat() if due else None, utc_stamp(now), item_id),
            )
            conn.execute("DELETE FROM plan_item_fts WHERE rowid = ?", (item_id,))
            conn.execute("INSERT INTO plan_item_fts (rowid, body) VALUES (?, ?)", (item_id, line))
        return self.action(item_id)

    # ------------------------------------------------------------ the letter to self

    def letter(self, dates: LetterDates, today: dt.date) -> LetterRecord:
        """The letter; its `text` is None while it is sealed and its day has not come."""
        from companion.domain.worksheets.letter import LetterRecord, letter_readable

        row = self.conn.execute(
            "SELECT body, sealed_utc, opened_utc, updated_utc FROM letter"
        ).fetchone()
        if row is None:
            return LetterRecord(False, "", None, None, None)
        body, sealed, opened, updated = row
        has_text = bool(body.strip())
        readable = letter_readable(sealed is not None, has_text, dates, today)
        text: str | None = body if readable else None
        del body  # the sealed text goes no further than this line
        return LetterRecord(
            has_text=has_text,
            text=text,
            sealed=None if sealed is None else _moment(sealed),
            opened=None if opened is None else _moment(opened),
            updated=_moment(updated),
        )

    def save_letter(self, text: str, dates: LetterDates, now: dt.datetime, today: dt.date) -> bool:
        """Save the draft; refused (ValueError) once it is sealed. True if it changed."""
        from companion.domain.worksheets.answers import check_written_answer
        from companion.domain.worksheets.letter import letter_sealed

        body = check_written_answer(text, what="The letter")
        stamp = utc_stamp(now)
        with self.db.transaction() as conn:
            row = conn.execute("SELECT body, sealed_utc FROM letter").fetchone()
            if row is not None and letter_sealed(
                row[1] is not None, bool(row[0].strip()), dates, today
            ):
                raise Refused("The letter is sealed, so it cannot be changed")
            if row is not None and row[0] == body:
                return False
            conn.execute(
                "INSERT INTO letter (id, body, created_utc, updated_utc) VALUES (1, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET body = excluded.body, "
                "updated_utc = excluded.updated_utc",
                (body, stamp, stamp),
            )
        return True

    def seal_letter(self, now: dt.datetime) -> None:
        """Seal the letter (it must have some words in it)."""
        with self.db.transaction() as conn:
            row = conn.execute("SELECT body, sealed_utc FROM letter").fetchone()
            if row is None or not row[0].strip():
                raise Refused("The letter is empty; write a few lines before sealing it")
            if row[1] is None:
                conn.execute("UPDATE letter SET sealed_utc = ? WHERE id = 1", (utc_stamp(now),))

    def open_letter(self, dates: LetterDates, today: dt.date, now: dt.datetime) -> str:
        """The letter's text on or after its opening day, noting when it was first opened."""
        record = self.letter(dates, today)
        if record.text is None or today < dates.opens_on or not record.has_text:
            raise Refused("The letter is not ready to open yet")
        if record.opened is None:
            stamp = utc_stamp(now)
            with self.db.transaction() as conn:
                conn.execute(
                    "UPDATE letter SET opened_utc = ?, sealed_utc = coalesce(sealed_utc, ?) "
                    "WHERE id = 1",
                    (stamp, stamp),
                )
        return record.text

    # ------------------------------------------------------------ search

    def search(self, text: str, limit: int | None = None) -> list[SearchMatch]:
        """Answers (including coaching notes), plan items and self-care notes matching every
        word, best first.

        At most `limit` results (SEARCH_RESULTS by default). The sealed letter
        and earlier versions are not searched.
        """
        from companion.domain.worksheets.search import SEARCH_RESULTS, SearchMatch, fts_query

        limit = SEARCH_RESULTS if limit is None else limit

        query = fts_query(text)
        if query is None:
            return []
        try:
            answers = self.conn.execute(
                """
                SELECT bm25(answer_fts), a.sheet_id, a.prompt_id, a.body
                FROM answer_fts JOIN answer a ON a.id = answer_fts.rowid
                WHERE answer_fts MATCH ? ORDER BY bm25(answer_fts) LIMIT ?
                """,
                (query, limit),
            ).fetchall()
            items = self.conn.execute(
                """
                SELECT bm25(plan_item_fts), p.id, p.body
                FROM plan_item_fts JOIN plan_item p ON p.id = plan_item_fts.rowid
                WHERE plan_item_fts MATCH ? ORDER BY bm25(plan_item_fts) LIMIT ?
                """,
                (query, limit),
            ).fetchall()
            notes = self.conn.execute(
                """
                SELECT bm25(habit_note_fts), e.id, e.habit_id, h.name, e.day, e.note
                FROM habit_note_fts
                    JOIN habit_entry e ON e.id = habit_note_fts.rowid
                    JOIN habit h ON h.id = e.habit_id
                WHERE habit_note_fts MATCH ? ORDER BY bm25(habit_note_fts) LIMIT ?
                """,
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise StoreError(f"the search could not run ({error}); try other words") from None
        scored = [
            (score, SearchMatch("answer", body, sheet_id=sheet, prompt_id=prompt))
            for score, sheet, prompt, body in answers
        ]
        scored += [(score, SearchMatch("plan", body, item_id=item)) for score, item, body in items]
        scored += [
            (
                score,
                SearchMatch(
                    "note",
                    note,
                    item_id=entry,
                    habit_id=habit_id,
                    habit=name,
                    day=dt.date.fromisoformat(day),
                ),
            )
            for score, entry, habit_id, name, day, note in notes
        ]
        scored.sort(key=lambda pair: pair[0])  # bm25: lower is a better match
        return [match for _, match in scored[:limit]]


def _plan_item(row: tuple[Any, ...]) -> ActionItem:
    from companion.domain.worksheets.action_plan import ActionItem

    item_id, body, due, state, sheet, prompt, created, updated = row
    return ActionItem(
        id=item_id,
        text=body,
        due=None if due is None else dt.date.fromisoformat(due),
        state=state,  # the table's CHECK allows only the three states
        source_sheet=sheet,
        source_prompt=prompt,
        created=_moment(created),
        updated=_moment(updated),
    )
