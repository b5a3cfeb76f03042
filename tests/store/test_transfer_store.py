"""Export and import in the store: every table covered, lossless, and all or nothing.

The round trip runs over generated content (hypothesis): any database the
schema accepts is written by export and read back by import exactly, so
export, import, export gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.domain import transfer
from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.domain.transfer import (
    NOT_EXPORTED,
    TABLES,
    Answer,
    AnswerVersion,
    Habit,
    HabitEntry,
    HabitPause,
    HabitTarget,
    Letter,
    PlanItem,
    Programme,
    ScaleAdministration,
    ScaleAnswer,
    ScaleWording,
    SessionMark,
    SessionMove,
    Setting,
    SheetMark,
    Tables,
)
from companion.store import Store, StoreError, open_store

NOW = dt.datetime(2026, 3, 18, 9, 0, tzinfo=dt.UTC)
FTS = ("answer_fts", "plan_item_fts", "habit_note_fts")


@contextmanager
def fresh_store() -> Iterator[Store]:
    """A new, empty database in its own folder (hypothesis runs many examples per test)."""
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "companion.db")
        try:
            yield store
        finally:
            store.close()


def exported(store: Store, *, wording: bool = True) -> bytes:
    tables = store.transfer.tables(include_wording=wording)
    return transfer.encode(
        transfer.make_export(
            tables, exported_utc="2026-03-18T09:00:00Z", app_version="t", includes_wording=wording
        )
    )


def every_row(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, the search index included, straight from SQLite."""
    names = [*TABLES, *FTS]
    return {
        name: sorted(
            store.conn.execute(f"SELECT {'rowid, ' if name in FTS else ''}* FROM {name}"),
            key=repr,
        )
        for name in names
    }


# ---------------------------------------------------------------- every table


def test_every_table_and_column_of_the_schema_is_exported_or_named_as_not_data() -> None:
    """A table or column added by a later migration fails here until the format has it."""
    with fresh_store() as store:
        names = {
            row[0]
            for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        shadow = {n for n in names if any(n.startswith(f"{fts}_") for fts in FTS)}
        assert names - shadow - set(NOT_EXPORTED) == set(TABLES)
        for name, row_type in TABLES.items():
            columns = [row[1] for row in store.conn.execute(f"PRAGMA table_info({name})")]
            assert tuple(columns) == row_type.__struct_fields__, name
            key = [
                row[1]
                for row in sorted(
                    store.conn.execute(f"PRAGMA table_info({name})"), key=lambda r: r[5]
                )
                if row[5]
            ]
            assert tuple(key) == row_type.KEY, name


# ---------------------------------------------------------------- generated content

SAFE_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


def text(low: int, high: int) -> st.SearchStrategy[str]:
    return st.text(SAFE_TEXT, min_size=low, max_size=high)


DAYS = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
STAMPS = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31)).map(
    lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")
)
MINUTES = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31)).map(
    lambda moment: moment.strftime("%Y-%m-%dT%H:%M")
)
AMOUNTS = st.floats(0, 100_000, allow_nan=False)
IDS = st.integers(1, 2**53)


def sort(rows: list, row_type: type[transfer.Row]) -> list:
    return sorted(rows, key=lambda row: tuple(getattr(row, k) for k in row_type.KEY))


@st.composite
def contents(draw: st.DrawFn) -> Tables:
    """Any content the schema accepts: parents before children, keys unique, CHECKs met."""
    programme = draw(
        st.lists(
            st.builds(
                Programme,
                st.just(1),
                DAYS,
                st.none() | text(1, 40),
                text(1, 64),
                text(0, 30),
                text(0, 30),
            ),
            max_size=1,
        )
    )
    moves = draw(
        st.lists(
            st.builds(SessionMove, text(1, 40), MINUTES, text(0, 20)),
            max_size=3,
            unique_by=lambda r: r.event_id,
        )
    )
    marks = draw(
        st.lists(
            st.builds(SessionMark, text(1, 40), st.sampled_from([0, 1]), text(0, 20)),
            max_size=3,
            unique_by=lambda r: r.event_id,
        )
    )
    setting = draw(
        st.lists(
            st.builds(Setting, text(1, 40), text(0, 200)), max_size=3, unique_by=lambda r: r.key
        )
    )

    habit_ids = draw(st.lists(IDS, max_size=4, unique=True))
    habits = []
    for habit_id in habit_ids:
        direction = draw(st.sampled_from(["at_least", "at_most"]))
        target = draw(
            st.none()
            | st.floats(0.001, 1e6)
            | (st.just(0.0) if direction == "at_most" else st.none())
        )
        habits.append(
            Habit(
                habit_id,
                draw(text(1, 24)),
                draw(text(1, 40)),
                draw(st.sampled_from(["yesno", "count", "minutes"])),
                draw(text(1, 20)),
                target,
                draw(st.sampled_from(["day", "week"])),
                direction,
                draw(st.integers(-5, 50)),
                draw(st.none() | STAMPS),
                draw(text(0, 20)),
            )
        )
    keys = [h.key for h in habits]
    habits = [h for i, h in enumerate(habits) if h.key not in keys[:i]]  # keys are unique
    entries = (
        draw(
            st.lists(
                st.builds(
                    HabitEntry,
                    IDS,
                    st.sampled_from([h.id for h in habits]),
                    DAYS,
                    AMOUNTS,
                    st.none() | text(1, 500),
                    STAMPS,
                    text(1, 64),
                ),
                max_size=6,
                unique_by=lambda r: r.id,
            )
        )
        if habits
        else []
    )
    # A habit's earlier target: its own unit, target, per and direction (valid by the
    # habit's checks), until a drawn day.
    targets = [
        HabitTarget(h.id, day, h.unit, h.target, h.per, h.direction, stamp)
        for h in habits
        for day, stamp in draw(
            st.lists(st.tuples(DAYS, STAMPS), max_size=2, unique_by=lambda r: r[0])
        )
    ]
    pauses = [
        HabitPause(i, min(a, b), max(a, b), reason, stamp)
        for i, a, b, reason, stamp in draw(
            st.lists(
                st.tuples(IDS, DAYS, DAYS, st.none() | text(1, 60), text(0, 20)),
                max_size=2,
                unique_by=lambda r: r[0],
            )
        )
    ]

    answers = draw(
        st.lists(
            st.builds(Answer, IDS, text(1, 40), text(1, 40), text(0, 300), STAMPS, STAMPS),
            max_size=4,
            unique_by=(lambda r: r.id, lambda r: (r.sheet_id, r.prompt_id)),
        )
    )
    versions = (
        draw(
            st.lists(
                st.builds(
                    AnswerVersion,
                    IDS,
                    st.sampled_from([a.id for a in answers]),
                    text(0, 100),
                    STAMPS,
                ),
                max_size=4,
                unique_by=lambda r: r.id,
            )
        )
        if answers
        else []
    )
    sheet_marks = draw(
        st.lists(
            st.builds(SheetMark, text(1, 40), STAMPS), max_size=2, unique_by=lambda r: r.sheet_id
        )
    )
    plan = draw(
        st.lists(
            st.builds(
                PlanItem,
                IDS,
                text(1, 300),
                st.none() | DAYS,
                st.sampled_from(["open", "done", "let-go"]),
                st.none() | text(1, 40),
                st.none() | text(1, 40),
                STAMPS,
                STAMPS,
            ),
            max_size=4,
            unique_by=lambda r: r.id,
        )
    )
    letter = draw(
        st.lists(
            st.builds(
                Letter,
                st.just(1),
                text(0, 300),
                st.none() | STAMPS,
                st.none() | STAMPS,
                STAMPS,
                STAMPS,
            ),
            max_size=1,
        )
    )

    administrations = []
    for adm_id, instrument in draw(
        st.lists(
            st.tuples(IDS, st.from_regex(r"[a-z][a-z-]{0,19}", fullmatch=True)),
            max_size=3,
            unique_by=lambda r: r[0],
        )
    ):
        done = draw(st.booleans()) or any(
            a.instrument == instrument and a.status == "in-progress" for a in administrations
        )
        administrations.append(
            ScaleAdministration(
                adm_id,
                instrument,
                draw(st.sampled_from(["pre", "post", "followup", "adhoc"])),
                draw(DAYS),
                "complete" if done else "in-progress",
                draw(text(0, 20)),
                draw(text(0, 20)),
                draw(STAMPS) if done else None,
            )
        )
    scale_answers = [
        ScaleAnswer(a.id, item, value, stamp)
        for a in administrations
        for item, value, stamp in draw(
            st.lists(
                st.tuples(st.integers(1, 200), st.integers(1, 5), text(0, 20)),
                max_size=4,
                unique_by=lambda r: r[0],
            )
        )
    ]
    wording = draw(
        st.lists(
            st.builds(
                ScaleWording,
                st.from_regex(r"[a-z]{1,20}", fullmatch=True),
                st.integers(1, 200),
                text(1, 300),
                text(0, 20),
            ),
            max_size=3,
            unique_by=lambda r: (r.instrument, r.item),
        )
    )
    found = {
        "programme": programme,
        "session_move": moves,
        "session_mark": marks,
        "setting": setting,
        "habit": habits,
        "habit_target": targets,
        "habit_entry": entries,
        "habit_pause": pauses,
        "answer": answers,
        "answer_version": versions,
        "sheet_mark": sheet_marks,
        "plan_item": plan,
        "letter": letter,
        "scale_administration": administrations,
        "scale_answer": scale_answers,
        "scale_wording": wording,
    }
    return Tables(**{name: sort(found[name], TABLES[name]) for name in TABLES})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents())
def test_export_import_export_gives_the_same_json(content: Tables) -> None:
    with fresh_store() as first, fresh_store() as second:
        first.transfer.load(content, replace=False, wording=True)
        assert first.transfer.tables(include_wording=True) == content  # nothing lost on the way in
        once = exported(first)
        read = transfer.read_export(once)
        second.transfer.load(read.tables, replace=False, wording=True)
        assert exported(second) == once
        assert every_row(second) == every_row(first)  # the search index too


# ---------------------------------------------------------------- all or nothing


def populated(store: Store) -> None:
    store.programme.save_setup(dt.date(2026, 3, 2), "Sam", "Europe/London", DEFAULT_HABITS, NOW)
    walking = next(h for h in store.selfcare.habits() if h.key == "walking")
    store.selfcare.log(walking, dt.date(2026, 3, 3), 25, "by the river", NOW, "Europe/London")
    store.worksheets.add_action("Call mum", None, NOW)
    store.worksheets.save_answer("mindfulness", "notice", "a quiet walk", NOW)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def broken(tables: Tables, how: str) -> Tables:
    """`tables` with one bad row, written last or nearly: the rows before it go in first."""
    answers = tables.scale_answer
    if how == "check":  # a value the CHECK refuses (answers are 1 to 5)
        bad = ScaleAnswer(answers[0].administration_id, 199, 6, "x")
        return msgspec.structs.replace(tables, scale_answer=[*answers, bad])
    if how == "duplicate":
        return msgspec.structs.replace(tables, scale_answer=[*answers, answers[0]])
    if how == "orphan":  # an entry for a habit that is not there
        entry = msgspec.structs.replace(tables.habit_entry[0], id=999, habit_id=999)
        return msgspec.structs.replace(tables, habit_entry=[*tables.habit_entry, entry])
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["check", "duplicate", "orphan"])
@pytest.mark.parametrize("replace", [False, True])
def test_a_failing_row_leaves_the_database_unchanged(tmp_path: Path, how: str, replace) -> None:
    source = open_store(tmp_path / "source.db")
    populated(source)
    source.conn.execute("BEGIN")
    source.conn.execute(
        "INSERT INTO scale_administration VALUES "
        "(1, 'swemwbs', 'pre', '2026-03-01', 'complete', 'x', 'x', '2026-03-01T09:00:00Z')"
    )
    source.conn.execute("INSERT INTO scale_answer VALUES (1, 1, 3, 'x')")
    source.conn.execute("COMMIT")
    tables = broken(source.transfer.tables(include_wording=True), how)
    source.close()

    target_path = tmp_path / "target.db"
    target = open_store(target_path)
    if replace:
        target.programme.save_setup(dt.date(2027, 1, 4), "Alex", "UTC", DEFAULT_HABITS, NOW)
        meditation = next(h for h in target.selfcare.habits() if h.key == "meditation")
        target.selfcare.log(meditation, dt.date(2027, 1, 4), 10, None, NOW, "UTC")
    target.db.forget_deleted_text()  # the WAL into the file, so its bytes tell
    before, rows = digest(target_path), every_row(target)
    with pytest.raises(StoreError, match="nothing was imported and the database is as it was"):
        target.transfer.load(tables, replace=replace, wording=True)
    assert every_row(target) == rows
    target.db.forget_deleted_text()
    assert digest(target_path) == before
    target.close()


def test_a_database_with_data_is_not_replaced_without_being_asked_to(tmp_path: Path) -> None:
    store = open_store(tmp_path / "companion.db")
    populated(store)
    tables = store.transfer.tables(include_wording=False)
    rows = every_row(store)
    with pytest.raises(StoreError, match="add --replace"):
        store.transfer.load(tables, replace=False, wording=False)
    assert every_row(store) == rows
    store.close()


def test_wording_is_left_alone_when_the_export_does_not_carry_it(tmp_path: Path) -> None:
    with fresh_store() as source, fresh_store() as target:
        populated(source)
        tables = source.transfer.tables(include_wording=False)
        target.conn.execute(
            "INSERT INTO scale_wording VALUES ('swemwbs', 1, 'Placeholder one', 'x')"
        )
        target.transfer.load(tables, replace=False, wording=False)  # wording alone is not data
        assert target.conn.execute("SELECT text FROM scale_wording").fetchall() == [
            ("Placeholder one",)
        ]
        target.transfer.load(tables, replace=True, wording=True)  # the file says: none
        assert target.conn.execute("SELECT count(*) FROM scale_wording").fetchone()[0] == 0


def test_an_import_is_searchable_like_what_was_written_here(tmp_path: Path) -> None:
    with fresh_store() as source, fresh_store() as target:
        populated(source)
        target.transfer.load(
            source.transfer.tables(include_wording=False), replace=False, wording=False
        )
        assert [m.text for m in target.worksheets.search("quiet")] == ["a quiet walk"]
        assert [m.text for m in target.worksheets.search("mum")] == ["Call mum"]


def test_an_export_reads_one_snapshot(tmp_path: Path) -> None:
    """A write by another connection during the read is in all of it or none of it."""
    path = tmp_path / "companion.db"
    store = open_store(path)
    populated(store)
    other = sqlite3.connect(path, isolation_level=None)
    calls = []
    original = store.conn

    class Interleaved:
        def __getattr__(self, name):
            return getattr(original, name)

        def execute(self, sql, *args):
            result = original.execute(sql, *args)
            if sql.startswith("SELECT") and not calls:
                calls.append(sql)
                other.execute("DELETE FROM habit_entry")
            return result

    store.db.conn = Interleaved()  # type: ignore[assignment]
    tables = store.transfer.tables(include_wording=False)
    store.db.conn = original
    assert len(tables.habit_entry) == 1 and tables.habit  # read before the delete landed
    other.close()
    store.close()
