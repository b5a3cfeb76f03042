"""The scales part of the store: answers saved one at a time, resume, the second net,
and wording kept in the participant's own database."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from companion.content.instruments import instrument
from companion.domain.errors import Invalid, NotFound, Refused
from companion.domain.scales.scoring import ItemAnswerError
from companion.store import open_store

NOW = dt.datetime(2026, 10, 23, 9, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(minutes=5)
DAY = dt.date(2026, 10, 23)
SF = instrument("scs-sf")
WEMWBS = instrument("wemwbs")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "companion.db"


@pytest.fixture
def store(db_path: Path):
    opened = open_store(db_path)
    yield opened
    opened.close()


def counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("scale_administration", "scale_answer", "scale_wording")
        )
    finally:
        conn.close()


# ---------------------------------------------------------------- answering and resuming


def test_answers_are_saved_one_at_a_time_and_survive_closing(db_path: Path) -> None:
    first = open_store(db_path)
    started = first.scales.begin(SF, "pre", DAY, NOW)
    assert (started.instrument, started.occasion, started.day, started.status) == (
        "scs-sf",
        "pre",
        DAY,
        "in-progress",
    )
    for item, value in enumerate([3, 4, 2, 5, 1], start=1):
        first.scales.save_answer(SF, started.id, item, value, NOW)
    first.scales.save_answer(SF, started.id, 2, 1, LATER)  # change an answer
    first.close()  # the terminal is closed part-way

    again = open_store(db_path)
    try:
        unfinished = again.scales.unfinished("scs-sf")
        assert unfinished is not None and unfinished.id == started.id
        assert dict(unfinished.answers) == {1: 3, 2: 1, 3: 2, 4: 5, 5: 1}
        assert unfinished.first_unanswered(12) == 6
        assert counts(db_path) == (1, 5, 0)
    finally:
        again.close()


def test_completing_scores_and_marks_it_complete(store, db_path: Path) -> None:
    started = store.scales.begin(SF, "post", DAY, NOW)
    for item in range(1, 13):
        store.scales.save_answer(SF, started.id, item, 5, NOW)
    result = store.scales.finish(SF, started.id, LATER)
    assert result.total == 3.0  # all 5: six reversed items score 1, six score 5
    done = store.scales.administration(started.id)
    assert done is not None and done.complete
    assert store.scales.unfinished("scs-sf") is None
    rows = sqlite3.connect(db_path).execute(
        "SELECT status, completed_utc FROM scale_administration"
    )
    assert rows.fetchall() == [("complete", "2026-10-23T09:05:00Z")]


def test_no_score_from_an_incomplete_set(store) -> None:
    started = store.scales.begin(SF, "pre", DAY, NOW)
    for item in (1, 2, 3, 5):
        store.scales.save_answer(SF, started.id, item, 3, NOW)
    with pytest.raises(ItemAnswerError, match="item 4 has no answer") as caught:
        store.scales.finish(SF, started.id, NOW)
    assert caught.value.item == 4
    assert store.scales.unfinished("scs-sf") is not None  # still there to carry on with


def test_a_saved_administration_is_not_changed_afterwards(store) -> None:
    done, _ = store.scales.save_result(SF, "pre", DAY, [3] * 12, NOW)
    with pytest.raises(Refused, match="already saved as complete"):
        store.scales.save_answer(SF, done.id, 1, 4, NOW)
    with pytest.raises(Refused, match="already saved as complete"):
        store.scales.finish(SF, done.id, NOW)
    with pytest.raises(Refused, match="already saved as complete"):
        store.scales.discard(SF, done.id)
    assert store.scales.administration(done.id).answers[1] == 3


def test_one_unfinished_administration_per_instrument(store) -> None:
    store.scales.begin(SF, "pre", DAY, NOW)
    with pytest.raises(Refused, match="unfinished SCS-SF from Friday 23 October 2026"):
        store.scales.begin(SF, "adhoc", DAY, NOW)
    store.scales.begin(WEMWBS, "pre", DAY, NOW)  # another instrument is fine
    assert [a.instrument for a in store.scales.administrations()] == ["scs-sf", "wemwbs"]


def test_discard_removes_an_unfinished_one_and_its_answers(store, db_path: Path) -> None:
    started = store.scales.begin(SF, "pre", DAY, NOW)
    store.scales.save_answer(SF, started.id, 1, 3, NOW)
    store.scales.discard(SF, started.id)
    assert store.scales.unfinished("scs-sf") is None
    assert counts(db_path) == (0, 0, 0)


def test_answers_belong_to_their_own_instrument(store) -> None:
    started = store.scales.begin(SF, "pre", DAY, NOW)
    with pytest.raises(NotFound, match="there is no WEMWBS administration"):
        store.scales.save_answer(WEMWBS, started.id, 1, 3, NOW)
    with pytest.raises(NotFound, match="there is no SCS-SF administration 99"):
        store.scales.save_answer(SF, 99, 1, 3, NOW)


@pytest.mark.parametrize("value", [True, False, 3.0, 3.5, "3", None, 0, 6, float("nan")])
def test_bad_answers_are_refused_before_sql(store, db_path: Path, value: object) -> None:
    started = store.scales.begin(SF, "pre", DAY, NOW)
    with pytest.raises(ItemAnswerError, match="SCS-SF item 2"):
        store.scales.save_answer(SF, started.id, 2, value, NOW)
    assert counts(db_path) == (1, 0, 0)


@pytest.mark.parametrize("item", [0, 13, -1, True, 2.0])
def test_items_outside_the_form_are_refused(store, db_path: Path, item: object) -> None:
    started = store.scales.begin(SF, "pre", DAY, NOW)
    with pytest.raises(Invalid, match="SCS-SF has items 1 to 12"):
        store.scales.save_answer(SF, started.id, item, 3, NOW)  # type: ignore[arg-type]
    assert counts(db_path) == (1, 0, 0)


def test_an_unknown_occasion_is_refused(store, db_path: Path) -> None:
    with pytest.raises(Invalid, match="no occasion 'midway'"):
        store.scales.begin(SF, "midway", DAY, NOW)
    with pytest.raises(Invalid, match="no occasion 'midway'"):
        store.scales.save_result(SF, "midway", DAY, [3] * 12, NOW)
    assert counts(db_path) == (0, 0, 0)


# ---------------------------------------------------------------- recording at once


def test_record_saves_a_whole_form_in_one_go(store, db_path: Path) -> None:
    done, result = store.scales.save_result(WEMWBS, "pre", DAY, [3] * 13 + [5], NOW)
    assert result.total == 44
    assert done.complete and done.answer_list(14) == [3] * 13 + [5]
    assert counts(db_path) == (1, 14, 0)


@pytest.mark.parametrize(
    "answers",
    [[3] * 13, [3] * 15, [3] * 13 + [6], [3] * 13 + [True], [3] * 13 + [3.0], [3] * 13 + ["3"]],
)
def test_record_writes_nothing_for_bad_answers(store, db_path: Path, answers) -> None:
    with pytest.raises(ItemAnswerError):
        store.scales.save_result(WEMWBS, "pre", DAY, answers, NOW)
    assert counts(db_path) == (0, 0, 0)


# ---------------------------------------------------------------- the second net


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO scale_answer VALUES (1, 1, 6, 'x')",
        "INSERT INTO scale_answer VALUES (1, 1, 0, 'x')",
        "INSERT INTO scale_answer VALUES (1, 1, 3.5, 'x')",
        "INSERT INTO scale_answer VALUES (1, 0, 3, 'x')",
        "INSERT INTO scale_answer VALUES (1, 1, NULL, 'x')",
        "INSERT INTO scale_answer VALUES (2, 1, 3, 'x')",  # no such administration
        "INSERT INTO scale_administration (instrument, occasion, day, status, started_utc, "
        "updated_utc) VALUES ('scs', 'midway', '2026-10-23', 'in-progress', 'x', 'x')",
        "INSERT INTO scale_administration (instrument, occasion, day, status, started_utc, "
        "updated_utc) VALUES ('scs', 'pre', '2026-2-3', 'in-progress', 'x', 'x')",
        "INSERT INTO scale_administration (instrument, occasion, day, status, started_utc, "
        "updated_utc) VALUES ('scs', 'pre', '2026-10-23', 'done', 'x', 'x')",
        # complete without a completion time
        "INSERT INTO scale_administration (instrument, occasion, day, status, started_utc, "
        "updated_utc) VALUES ('scs', 'pre', '2026-10-23', 'complete', 'x', 'x')",
        # a second unfinished SCS-SF
        "INSERT INTO scale_administration (instrument, occasion, day, status, started_utc, "
        "updated_utc) VALUES ('scs-sf', 'pre', '2026-10-23', 'in-progress', 'x', 'x')",
        "INSERT INTO scale_wording VALUES ('scs', 1, '', 'x')",
        "INSERT INTO scale_wording VALUES ('SCS', 1, 'Placeholder statement 1', 'x')",
    ],
)
def test_strict_tables_and_checks_are_the_second_net(store, db_path: Path, sql: str) -> None:
    store.scales.begin(SF, "pre", DAY, NOW)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
    finally:
        conn.close()


# ---------------------------------------------------------------- imported wording


def placeholders(count: int) -> list[str]:
    return [f"Placeholder statement {n}" for n in range(1, count + 1)]


def test_wording_is_kept_replaced_and_forgotten(store, db_path: Path) -> None:
    assert store.scales.wording(SF) is None
    assert store.scales.import_wording(SF, placeholders(12), NOW) is False
    assert store.scales.wording(SF) == tuple(placeholders(12))
    assert store.scales.wording_imported() == {"scs-sf"}
    assert store.scales.import_wording(SF, [f"New {t}" for t in placeholders(12)], NOW) is True
    assert store.scales.wording(SF)[0] == "New Placeholder statement 1"
    assert counts(db_path) == (0, 0, 12)
    assert store.scales.forget_wording(SF) is True
    assert store.scales.forget_wording(SF) is False
    assert store.scales.wording(SF) is None
    assert counts(db_path) == (0, 0, 0)


def test_wording_of_the_wrong_size_is_refused(store, db_path: Path) -> None:
    with pytest.raises(Invalid, match="SCS-SF needs 12 items of text"):
        store.scales.import_wording(SF, placeholders(11), NOW)
    with pytest.raises(Invalid, match="SCS-SF needs 12 items of text"):
        store.scales.import_wording(SF, [*placeholders(11), "x" * 301], NOW)
    assert counts(db_path) == (0, 0, 0)


def test_a_partial_set_of_wording_falls_back_to_the_paper_form(store, db_path: Path) -> None:
    store.scales.import_wording(SF, placeholders(12), NOW)
    conn = sqlite3.connect(db_path)
    conn.execute("DELETE FROM scale_wording WHERE item = 7")
    conn.commit()
    conn.close()
    assert store.scales.wording(SF) is None
