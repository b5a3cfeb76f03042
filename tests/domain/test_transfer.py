"""The export format without a database: what a file is, its checksum, and CSV cells."""

from __future__ import annotations

import csv
import io
import re

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.domain import transfer
from companion.domain.errors import Invalid, Refused
from companion.domain.transfer import (
    FORMULA_STARTS,
    SEALED,
    TABLES,
    Habit,
    HabitEntry,
    Letter,
    PlanItem,
    Tables,
    csv_tables,
    read_export,
    safe_cell,
)

EMPTY = Tables(**{name: [] for name in TABLES})
WALKING = Habit(
    1,
    "walking",
    "Walking",
    "minutes",
    "minutes",
    30.0,
    "day",
    "at_least",
    0,
    None,
    "2026-02-20T12:00:00Z",
)


def export_bytes(tables: Tables = EMPTY, *, wording: bool = False) -> bytes:
    made = transfer.make_export(
        tables, exported_utc="2026-03-18T09:00:00Z", app_version="0.1.0", includes_wording=wording
    )
    return transfer.encode(made)


def test_an_export_reads_back_as_written() -> None:
    tables = msgspec.structs.replace(EMPTY, habit=[WALKING])
    export = read_export(export_bytes(tables))
    assert export.tables == tables and export.version == transfer.VERSION


@pytest.mark.parametrize(
    ("data", "words", "kind"),
    [
        (b"", "is empty", Invalid),
        (b"SQLite format 3\x00" + bytes(100), "is a database (a backup?)", Invalid),
        (b"PK\x03\x04rest", "is a zip", Invalid),
        (b"hello\n", "is not a Companion export (it is not JSON)", Invalid),
        (b"[1, 2]", "is JSON but not a Companion export", Invalid),
        (
            b'{"format": "something-else", "version": 1}',
            "JSON but not a Companion export",
            Invalid,
        ),
        (b'{"format": "companion-export", "version": 0}', "that no Companion wrote", Invalid),
        (b'{"format": "companion-export", "version": 2, "new": []}', "newer Companion", Refused),
    ],
    ids=["empty", "database", "zip", "text", "array", "other-json", "version-0", "newer"],
)
def test_what_is_not_an_export_says_what_it_is(data: bytes, words: str, kind: type) -> None:
    with pytest.raises(kind, match=re.escape(words)):
        read_export(data)


def test_a_file_cut_short_anywhere_is_refused() -> None:
    data = export_bytes(msgspec.structs.replace(EMPTY, habit=[WALKING]))
    for end in range(1, len(data) - 2, 7):
        with pytest.raises(Invalid):
            read_export(data[:end])


def test_a_value_changed_in_place_fails_the_checksum() -> None:
    data = export_bytes(msgspec.structs.replace(EMPTY, habit=[WALKING]))
    assert b'"target": 30.0' in data
    with pytest.raises(Invalid, match="checksum does not match"):
        read_export(data.replace(b'"target": 30.0', b'"target": 31.0'))
    # Spacing is not content: the same export, compact, still reads.
    assert read_export(msgspec.json.encode(msgspec.json.decode(data))).tables.habit == [WALKING]


def test_a_missing_table_an_unknown_field_or_a_wrong_type_names_the_place() -> None:
    document = msgspec.json.decode(export_bytes())
    del document["tables"]["letter"]
    with pytest.raises(Invalid, match=r"missing required field `letter`"):
        read_export(msgspec.json.encode(document))
    document = msgspec.json.decode(export_bytes(msgspec.structs.replace(EMPTY, habit=[WALKING])))
    document["tables"]["habit"][0]["position"] = "first"
    with pytest.raises(Invalid, match=r"tables\.habit\[0\]\.position"):
        read_export(msgspec.json.encode(document))


def test_a_nul_in_text_is_refused() -> None:
    entry = HabitEntry(1, 1, "2026-03-03", 25.0, "a\x00b", "2026-03-03T09:00:00Z", "UTC")
    data = export_bytes(msgspec.structs.replace(EMPTY, habit=[WALKING], habit_entry=[entry]))
    with pytest.raises(Invalid, match=r"habit_entry\[0\]\.note"):
        read_export(data)


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_a_spreadsheet_would_run_starts_with_a_quote(start: str) -> None:
    assert safe_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_numbers_and_ordinary_text_are_written_as_they_are() -> None:
    assert [safe_cell(v) for v in (-3, 2.5, None, "walk = good", "'quoted")] == [
        "-3",
        "2.5",
        "",
        "walk = good",
        "'quoted",
    ]


@given(st.text())
def test_no_text_cell_starts_a_formula_and_the_text_is_all_there(value: str) -> None:
    cell = safe_cell(value)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (value, "'" + value)


def test_the_csv_files_hold_safe_cells_and_keep_a_sealed_letter_sealed() -> None:
    tables = msgspec.structs.replace(
        EMPTY,
        habit=[WALKING],
        habit_entry=[HabitEntry(1, 1, "2026-03-03", 25.0, '=cmd|"/c calc"!A1', "x", "UTC")],
        plan_item=[PlanItem(1, "@SUM(A1)\nline two", None, "open", None, None, "x", "x")],
        letter=[Letter(1, "Dear me", "2026-03-20T09:00:00Z", None, "x", "x")],
    )
    files = csv_tables(tables)
    assert "scale_wording.csv" not in files  # not asked for
    assert set(files) == {f"{name}.csv" for name in TABLES} - {"scale_wording.csv"}
    rows = {name: list(csv.reader(io.StringIO(text))) for name, text in files.items()}
    assert rows["habit_entry.csv"][0] == list(HabitEntry.__struct_fields__)
    assert rows["habit_entry.csv"][1][4] == '\'=cmd|"/c calc"!A1'
    assert rows["plan_item.csv"][1][1] == "'@SUM(A1)\nline two"
    assert rows["letter.csv"][1][1] == SEALED
    opened = msgspec.structs.replace(tables.letter[0], opened_utc="2026-04-20T09:00:00Z")
    files = csv_tables(msgspec.structs.replace(tables, letter=[opened]))
    assert list(csv.reader(io.StringIO(files["letter.csv"])))[1][1] == "Dear me"


def test_the_documentation_names_every_table_and_column() -> None:
    """docs/export-format.md is the schema people read: it must say what the declaration says."""
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "export-format.md").read_text(encoding="utf-8")
    sections = re.split(r"^### ", doc, flags=re.MULTILINE)
    for name, row_type in TABLES.items():
        (section,) = [s for s in sections if s.startswith(f"`{name}`")]
        for column in row_type.__struct_fields__:
            assert f"`{column}`" in section, (name, column)
    assert f"| {transfer.VERSION} |" in doc
