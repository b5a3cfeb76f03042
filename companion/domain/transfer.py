"""The export format: every table the participant owns, as typed rows, versioned and checksummed.

One declaration is the format, its reader and its documentation's source
(docs/export-format.md): a Struct per table whose fields are the table's
columns, in the order the tables are written (a row's parents first). msgspec
checks a file against it strictly: an unknown or missing field, a wrong type
or a table left out is refused with the place it was found.

Strict checking catches a file that is cut short or is not an export at all,
but not a value changed in place (a digit flipped on a bad disk, an edit that
lost a line of a reflection): the checksum does. It is SHA-256 over the
canonical encoding of everything but itself, so it is the same whatever the
file's spacing, and it guards against accidents, not against someone who
means to forge one (they could recompute it; the file is the participant's own).

Pure: no I/O, no SQL. `companion.store.transfer` reads and writes the tables;
`companion.commands.transfer` is the shell.
"""

from __future__ import annotations

import csv
import hashlib
import io
from typing import Annotated, ClassVar, Literal

import msgspec

from companion.domain.errors import Invalid, Refused

FORMAT: Literal["companion-export"] = "companion-export"
# Bump when a table or column is added, removed or changes meaning, and say
# what changed in docs/export-format.md. An older version is then read with
# its own declaration and converted; a newer one is refused (see read_export).
VERSION = 1

# Text as Companion stores it: anything but NUL (which SQLite would keep but
# nothing that writes text lets in). JSON's own rules already refuse a lone surrogate.
Text = Annotated[str, msgspec.Meta(pattern=r"^[^\x00]*\Z")]


class Row(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One row of a table; the fields are its columns, `KEY` the ones it is ordered by."""

    KEY: ClassVar[tuple[str, ...]] = ("id",)


class Programme(Row, frozen=True):
    id: int
    start_day: Text
    name: Text | None
    tz: Text
    created_utc: Text
    updated_utc: Text


class SessionMove(Row, frozen=True):
    KEY = ("event_id",)
    event_id: Text
    start_local: Text
    updated_utc: Text


class SessionMark(Row, frozen=True):
    KEY = ("event_id",)
    event_id: Text
    attended: int
    updated_utc: Text


class Setting(Row, frozen=True):
    KEY = ("key",)
    key: Text
    value: Text


class Habit(Row, frozen=True):
    id: int
    key: Text
    name: Text
    kind: Text
    unit: Text
    target: float | None
    per: Text
    direction: Text
    position: int
    archived_utc: Text | None
    created_utc: Text


class HabitTarget(Row, frozen=True):
    KEY = ("habit_id", "until_day")

    habit_id: int
    until_day: Text
    unit: Text
    target: float | None
    per: Text
    direction: Text
    changed_utc: Text


class HabitEntry(Row, frozen=True):
    id: int
    habit_id: int
    day: Text
    value: float
    note: Text | None
    created_utc: Text
    tz: Text


class HabitPause(Row, frozen=True):
    id: int
    first_day: Text
    last_day: Text
    reason: Text | None
    created_utc: Text


class Answer(Row, frozen=True):
    id: int
    sheet_id: Text
    prompt_id: Text
    body: Text
    created_utc: Text
    updated_utc: Text


class AnswerVersion(Row, frozen=True):
    id: int
    answer_id: int
    body: Text
    saved_utc: Text


class SheetMark(Row, frozen=True):
    KEY = ("sheet_id",)
    sheet_id: Text
    completed_utc: Text


class PlanItem(Row, frozen=True):
    id: int
    body: Text
    due_day: Text | None
    state: Text
    source_sheet: Text | None
    source_prompt: Text | None
    created_utc: Text
    updated_utc: Text


class Letter(Row, frozen=True):
    id: int
    body: Text
    sealed_utc: Text | None
    opened_utc: Text | None
    created_utc: Text
    updated_utc: Text


class ScaleAdministration(Row, frozen=True):
    id: int
    instrument: Text
    occasion: Text
    day: Text
    status: Text
    started_utc: Text
    updated_utc: Text
    completed_utc: Text | None


class ScaleAnswer(Row, frozen=True):
    KEY = ("administration_id", "item")
    administration_id: int
    item: int
    value: int
    updated_utc: Text


class ScaleWording(Row, frozen=True):
    KEY = ("instrument", "item")
    instrument: Text
    item: int
    text: Text
    imported_utc: Text


class Tables(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Every table the participant owns, a row's parents before it (the order of writing)."""

    programme: list[Programme]
    session_move: list[SessionMove]
    session_mark: list[SessionMark]
    setting: list[Setting]
    habit: list[Habit]
    habit_target: list[HabitTarget]
    habit_entry: list[HabitEntry]
    habit_pause: list[HabitPause]
    answer: list[Answer]
    answer_version: list[AnswerVersion]
    sheet_mark: list[SheetMark]
    plan_item: list[PlanItem]
    letter: list[Letter]
    scale_administration: list[ScaleAdministration]
    scale_answer: list[ScaleAnswer]
    scale_wording: list[ScaleWording]


def _row_types() -> dict[str, type[Row]]:
    import typing

    hints = typing.get_type_hints(Tables)
    return {name: typing.get_args(hints[name])[0] for name in Tables.__struct_fields__}


# Table name -> its row type, in the order of writing (parents first).
TABLES: dict[str, type[Row]] = _row_types()

# The imported wording of scale items: the participant's licensed copy, exported
# only when asked (`--include-wording`), so an export can be shared without it.
WORDING_TABLE = "scale_wording"

# Tables in the database that are not the participant's data, and why.
NOT_EXPORTED = {
    "answer_fts": "the search index, rebuilt from `answer` on import",
    "plan_item_fts": "the search index, rebuilt from `plan_item` on import",
    "habit_note_fts": "the search index, rebuilt from `habit_entry` notes on import",
    "_sqlite_migrations": "which schema steps ran; the database's own bookkeeping",
    "sqlite_sequence": "SQLite's counter of ids already given; bookkeeping",
}

# What each table holds, in words (for the preview of an import and the docs).
WHAT = {
    "programme": "programme",
    "session_move": "moved sessions",
    "session_mark": "session marks",
    "setting": "settings",
    "habit": "habits",
    "habit_target": "earlier habit targets",
    "habit_entry": "self-care entries",
    "habit_pause": "paused days",
    "answer": "worksheet answers",
    "answer_version": "earlier versions of answers",
    "sheet_mark": "completed worksheets",
    "plan_item": "action plan items",
    "letter": "letter to self",
    "scale_administration": "scale administrations",
    "scale_answer": "scale answers",
    "scale_wording": "imported scale wording",
}


class Export(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A whole export file. `checksum` covers every other field (see `checksum_of`)."""

    format: Literal["companion-export"]
    version: int
    exported_utc: Text
    app_version: Text
    includes_wording: bool
    checksum: Text
    tables: Tables


class _Head(msgspec.Struct):
    """Just enough of a file to tell what it is before reading it all (other fields ignored)."""

    format: str = ""
    version: int = 0


def checksum_of(export: Export) -> str:
    """`sha256:` and the hex digest of the canonical encoding of `export` without its checksum."""
    canonical = msgspec.json.encode(msgspec.structs.replace(export, checksum=""))
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


def make_export(
    tables: Tables, *, exported_utc: str, app_version: str, includes_wording: bool
) -> Export:
    """An export of `tables`, with its checksum.

    `includes_wording`: whether the wording was asked for; an import then
    replaces the database's wording with the file's (even with none).
    """
    if tables.scale_wording and not includes_wording:
        raise ValueError("wording in an export that was not asked to include it")
    unsigned = Export(
        format=FORMAT,
        version=VERSION,
        exported_utc=exported_utc,
        app_version=app_version,
        includes_wording=includes_wording,
        checksum="",
        tables=tables,
    )
    return msgspec.structs.replace(unsigned, checksum=checksum_of(unsigned))


def encode(export: Export) -> bytes:
    """The file's bytes: UTF-8 JSON, indented for a person to read, ending in a line break."""
    return msgspec.json.format(msgspec.json.encode(export), indent=2) + b"\n"


# What a file that is not an export starts with, and what it is then.
_OTHER_KINDS = (
    (
        b"SQLite format 3\x00",
        "a database (a backup?), not an export; `companion restore` puts a backup back",
    ),
    (
        b"PK\x03\x04",
        "a zip (a CSV export is for reading in a spreadsheet and cannot be "
        "imported), not a JSON export; import the file `companion export --format json` writes",
    ),
)


def read_export(data: bytes) -> Export:
    """The export in `data`, checked in full; Invalid or Refused says in words what is wrong.

    The message completes "FILE ...": the command puts the file's name first.
    """
    for magic, kind in _OTHER_KINDS:
        if data.startswith(magic):
            raise Invalid(f"is {kind}")
    data = data.removeprefix(b"\xef\xbb\xbf")  # an editor's byte-order mark
    if not data.strip():
        raise Invalid("is empty, not a Companion export")
    try:
        head = msgspec.json.decode(data, type=_Head)
    except msgspec.ValidationError:  # a subclass of DecodeError: JSON, but not an object
        raise Invalid("is JSON but not a Companion export") from None
    except msgspec.DecodeError as error:
        if "truncated" in str(error):
            raise Invalid(
                "ends part-way (it looks cut short, or holds a broken character); "
                "export it again from the original"
            ) from None
        raise Invalid("is not a Companion export (it is not JSON)") from None
    if head.format != FORMAT:
        raise Invalid("is JSON but not a Companion export")
    if head.version > VERSION:
        raise Refused(
            f"was exported by a newer Companion (export format {head.version}; this one reads "
            f"up to {VERSION}); update Companion, then import it"
        )
    if head.version < 1:
        raise Invalid(f"has an export format ({head.version}) that no Companion wrote")
    try:
        export = msgspec.json.decode(data, type=Export)
    except msgspec.ValidationError as error:
        from companion.domain.user_text import quoted

        raise Invalid(
            f"does not match export format {VERSION} ({quoted(str(error), 120)}); "
            "export it again from the original"
        ) from None
    if export.checksum != checksum_of(export):
        raise Invalid(
            "was changed after it was exported (its checksum does not match), so it cannot "
            "be trusted; export it again from the original"
        )
    if export.tables.scale_wording and not export.includes_wording:
        raise Invalid("holds scale wording but says it does not; export it again")
    return export


def counts(tables: Tables) -> dict[str, int]:
    """Rows per table, in the order of writing."""
    return {name: len(getattr(tables, name)) for name in TABLES}


# ---------------------------------------------------------------- CSV

# A spreadsheet runs a cell that starts with one of these as a formula
# (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`); a tab or carriage return
# first can hide one after it. OWASP's advice: start such a cell with `'`.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEALED = "(sealed: it opens in Companion on its day)"


def safe_cell(value: object) -> str:
    """`value` as a CSV cell a spreadsheet shows as text: `'` before a formula's first character.

    Numbers are written as numbers (a negative number is data, not a
    formula); an empty cell is a missing value (NULL).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return repr(value) if isinstance(value, float) else str(value)


def csv_tables(tables: Tables) -> dict[str, str]:
    """Each table as CSV text (a header of column names, then a row per row), by file name.

    The letter's words stay in Companion while it is sealed and unopened: a
    CSV is for reading, and the JSON export carries them for moving.
    """
    files: dict[str, str] = {}
    for name, row_type in TABLES.items():
        rows = getattr(tables, name)
        if name == WORDING_TABLE and not rows:
            continue  # not asked for, or none imported
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(row_type.__struct_fields__)
        for row in rows:
            values = list(msgspec.structs.astuple(row))
            if isinstance(row, Letter) and row.sealed_utc is not None and row.opened_utc is None:
                values[row_type.__struct_fields__.index("body")] = SEALED
            writer.writerow([safe_cell(value) for value in values])
        files[f"{name}.csv"] = text.getvalue()
    return files
