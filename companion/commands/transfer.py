"""Moving your data: `companion export` (JSON or CSV) and `companion import` (JSON).

The JSON export is complete and re-importable (docs/export-format.md); the
CSV export is for reading in a spreadsheet. Files are written privately and
atomically: a temporary name in the same folder, fsync, rename, mode 0600.
An existing file is replaced only after asking (or with --force).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.commands.asking import agreed, can_ask, may_replace
from companion.commands.common import Parser, UsageError, current_time, mark_saved, opened

if TYPE_CHECKING:
    import datetime as dt

    from companion.domain.transfer import Export

# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("export", "import")

# Far larger than twenty years of entries (a few MB); a bigger file is not an export.
IMPORT_LIMIT = 256 * 1024 * 1024
DECLINED = 1  # the exit code when the person answers "no": nothing was done


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    export = commands.add_parser(
        "export",
        parents=[common],
        help="write all your data to a file: JSON to move it, CSV for a spreadsheet",
    )
    export.add_argument(
        "--format",
        choices=("json", "csv"),
        default="json",
        help="json (complete, for `companion import`) or csv (a file per table; default json)",
    )
    export.add_argument(
        "--out",
        metavar="PATH",
        required=True,
        help="the file to write; for csv a folder, or a .zip file",
    )
    export.add_argument(
        "--include-wording",
        action="store_true",
        help="include the scale item wording you imported from your licensed copy",
    )
    export.add_argument(
        "--force", action="store_true", help="replace PATH if it exists, without asking"
    )
    export.set_defaults(handler=cmd_export)

    load = commands.add_parser(
        "import", parents=[common], help="bring in a JSON export (from another computer)"
    )
    load.add_argument("file", metavar="FILE", help="a file written by `companion export`")
    load.add_argument(
        "--dry-run", action="store_true", help="show what is in FILE and write nothing"
    )
    load.add_argument(
        "--replace",
        action="store_true",
        help="replace the data already in the database (a backup is taken first)",
    )
    load.add_argument("--yes", action="store_true", help="replace without asking (for scripts)")
    load.set_defaults(handler=cmd_import)


# ---------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace) -> int:
    from companion.domain import transfer
    from companion.store.files import shown, write_private
    from companion.store.transfer import json_export

    target = Path(args.out).expanduser().absolute()
    where = shown(target)
    if not target.parent.is_dir():
        raise UsageError(f"the folder {shown(target.parent)} does not exist; choose another PATH")
    folder = args.format == "csv" and target.suffix.lower() != ".zip"
    _not_the_database(args, target)
    _check_target(target, folder)
    if not may_replace(target, args.force, "that folder's CSV files" if folder else "it"):
        print("Nothing was written.")
        return DECLINED
    now = current_time()
    with opened(args, create=False) as store:
        tables = store.transfer.tables(include_wording=args.include_wording)
        wording_held = not args.include_wording and bool(
            store.transfer.counts()[transfer.WORDING_TABLE]
        )
    rows = sum(transfer.counts(tables).values())
    if args.format == "json":
        write_private(target, json_export(tables, now, include_wording=args.include_wording))
    else:
        files = {
            name: text.encode("utf-8-sig")  # the mark tells a spreadsheet it is UTF-8
            for name, text in transfer.csv_tables(tables).items()
        }
        files["README.txt"] = CSV_README.encode("utf-8")
        if folder:
            _write_folder(target, files)
        else:
            write_private(target, _zipped(files, now))
    mark_saved(args)
    kind = "JSON" if args.format == "json" else "CSV"
    print(f"Exported {rows:,} rows from {len(transfer.TABLES)} tables as {kind} to {where}.")
    if wording_held:
        print("The scale wording you imported is not in it (add --include-wording for it).")
    if args.format == "csv":
        print("CSV is for reading in a spreadsheet; to move your data, export JSON.")
    return 0


CSV_README = """\
Companion: your data as CSV, one file per table (columns as in docs/export-format.md).

- A cell that a spreadsheet would run as a formula (starting with = + - @, a tab
  or a carriage return) starts with ' here, so it shows as text.
- An empty cell is a value that was not given.
- A sealed letter's words stay in Companion until it is opened.
- CSV is for reading. To move your data to another computer, use
  `companion export --format json` and `companion import`.
"""


def _not_the_database(args: argparse.Namespace, target: Path) -> None:
    """Refuse to write an export over the database itself (or its journal) by a slip of --out."""
    from companion.store import resolve_db_path
    from companion.store.files import shown

    if args.demo:
        return  # the demo's database is a temporary file of its own
    db_path, _ = resolve_db_path(args.db)
    ours = {Path(f"{db_path}{suffix}").resolve() for suffix in ("", "-wal", "-shm", "-journal")}
    if target.resolve() in ours:
        raise UsageError(f"{shown(target)} is your database; choose another PATH for the export")


def _check_target(target: Path, folder: bool) -> None:
    """Refuse a target of the wrong kind before anything is read or asked."""
    from companion.domain.transfer import TABLES
    from companion.files import not_a_file
    from companion.store.files import shown

    where = shown(target)
    if not target.exists():
        return
    kind = not_a_file(target)
    if not folder:
        if kind:
            raise UsageError(f"{where} is {kind}; give the name of a file to write")
        return
    if kind != "a folder":
        raise UsageError(f"{where} is not a folder; a CSV export without .zip is a folder")
    ours = {f"{name}.csv" for name in TABLES} | {"README.txt"}
    try:
        others = [entry.name for entry in target.iterdir() if entry.name not in ours]
    except OSError as error:
        raise UsageError(f"cannot read the folder {where} ({error.strerror or error})") from None
    if others:
        raise UsageError(
            f"the folder {where} holds other files than a CSV export; choose a new folder name"
        )


def _zipped(files: dict[str, bytes], now: dt.datetime) -> bytes:
    """`files` as one zip, each entry private (mode 0600 when unpacked)."""
    import io
    import stat
    import zipfile

    stamp = now.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = (stat.S_IFREG | 0o600) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _write_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write `files` into a new private folder beside `target`, then rename it into place.

    A folder already at `target` (checked to hold only a CSV export) is
    renamed aside first and removed once the new one is in place, so
    `target` never holds a mix of old and new files.
    """
    import os
    import shutil
    import tempfile

    from companion.store.files import StoreError, fsync_dir, shown

    temp: Path | None = None
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        for name, data in files.items():
            fd = os.open(temp / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        fsync_dir(temp)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            target.replace(old)  # over the empty folder mkdtemp made
            temp.replace(target)
            temp = None
            shutil.rmtree(old, ignore_errors=True)
        else:
            temp.replace(target)
            temp = None
        fsync_dir(target.parent)
    except OSError as error:
        raise StoreError(
            f"cannot write {shown(target)} ({error.strerror or error}); nothing was written"
        ) from None
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


# ---------------------------------------------------------------- import


def cmd_import(args: argparse.Namespace) -> int:
    from companion.store import resolve_db_path
    from companion.store.files import shown

    if args.demo:
        raise UsageError(
            "the demo's database is thrown away on quit; `companion import` works on "
            "your own database, so leave out --demo"
        )
    path = Path(args.file).expanduser()
    export = _read(path)
    db_path, _ = resolve_db_path(args.db)
    where = shown(db_path)
    if args.dry_run:
        held = _held_in(args, db_path, export.includes_wording)
        _preview(export, shown(path))
        if not db_path.exists():
            print(f"It would go into a new database at {where}.")
        elif not held:
            print(f"It would go into {where}, which holds no data yet.")
        elif args.replace:
            print(f"It would replace the {held:,} rows in {where}, after a backup.")
        else:
            print(
                f"{where} holds {held:,} rows: importing needs --replace (a backup comes first)."
            )
        print("Dry run: nothing was written.")
        return 0
    # Every refusal comes before the database is created or anything is printed.
    held = _held_in(args, db_path, export.includes_wording)
    if held and not args.replace:
        raise UsageError(
            f"{where} already holds {held:,} rows; importing replaces all of them, so add "
            "--replace (a backup is taken first)"
        )
    if held and not args.yes and not can_ask():
        raise UsageError(
            f"importing replaces the {held:,} rows in {where}; add --yes to go ahead "
            "(a backup is taken first)"
        )
    _preview(export, shown(path))
    if (
        held
        and not args.yes
        and not agreed(f"Replace the {held:,} rows in {where}?", to=sys.stderr)
    ):
        print("Nothing was changed.")
        return DECLINED
    with opened(args, create=True) as store:
        backup = store.backups.take("before-import", current_time()) if held else None
        store.transfer.load(export.tables, replace=args.replace, wording=export.includes_wording)
    rows = sum(_imported_counts(export).values())
    print(f"Imported {rows:,} rows into {where}.")
    if backup is not None:
        print(f"What was there before is kept as a backup: {shown(backup)}")
        print(f"To put it back: companion restore {shown(backup)}")
    return 0


def _held_in(args: argparse.Namespace, db_path: Path, wording: bool) -> int:
    """Rows in the database an import would replace (the wording only if the file has it)."""
    from companion.domain.transfer import WORDING_TABLE

    if not db_path.exists():
        return 0
    with opened(args, create=False) as store:
        counts = store.transfer.counts()
    return sum(n for name, n in counts.items() if wording or name != WORDING_TABLE)


def _imported_counts(export: Export) -> dict[str, int]:
    """Rows per table that an import writes (not the wording when the file has none)."""
    from companion.domain.transfer import WORDING_TABLE, counts

    found = counts(export.tables)
    if not export.includes_wording:
        del found[WORDING_TABLE]
    return found


def _read(path: Path) -> Export:
    """The export in the file at `path`, checked in full, or a one-line refusal."""
    from companion.domain.errors import Invalid, Problem
    from companion.domain.transfer import read_export
    from companion.files import NotARegularFile, read_regular
    from companion.store.files import shown

    where = shown(path)
    try:
        data = read_regular(path, IMPORT_LIMIT + 1)  # a named pipe would block a plain read
    except FileNotFoundError:
        raise UsageError(f"there is no file {where}; give the path of your export") from None
    except NotARegularFile as error:
        raise UsageError(f"{where} is {error.kind}, not an export file") from None
    except OSError as error:
        raise UsageError(f"cannot read {where} ({error.strerror or error})") from None
    if len(data) > IMPORT_LIMIT:
        raise Invalid(f"{where} is larger than any Companion export; is it the right file?")
    try:
        return read_export(data)
    except Problem as problem:
        raise type(problem)(f"{where} {problem}") from None


def _preview(export: Export, where: str) -> None:
    """What the file holds: when it was written, and its rows per table."""
    from companion.domain.transfer import WHAT, WORDING_TABLE, counts

    print(f"{where}: a Companion export (format {export.version}) made {export.exported_utc}.")
    for name, count in counts(export.tables).items():
        if name == WORDING_TABLE and not export.includes_wording:
            print(f"  {'-':>8}  {WHAT[name]} (not in this file; yours is left as it is)")
        else:
            print(f"  {count:>8,}  {WHAT[name]}")
