"""Damaged pages: every way in refuses with the one documented line, and writes nothing.

A realistic database (the demo's, vacuumed so every page is in use) has one
page scrambled: page 1 past the file header (the schema), page 2 (the first
b-tree page after it), a page in the middle and the last page. Each is tried
through a quick command that reads (`today`), one that writes (`log`),
`doctor`, and the app's own start (`companion` on a real terminal, in a
subprocess). Each must exit 2 with exactly one line on stderr starting
`companion: `, naming the damage, the newest backup and `companion restore`,
with no traceback, and leave the file's bytes as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pty
import random
import select
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion import demo
from companion.store import Store, StoreError, open_store
from companion.store.database import DETAIL_LIMIT, Part, check_result

NOW = dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """The demo database, vacuumed (no free pages), closed, with one backup beside it."""
    folder = tmp_path_factory.mktemp("pristine")
    path = folder / "companion.db"
    demo.build(path, NOW)
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    conn.close()
    store = open_store(path)
    store.backups.take("manual", NOW)
    store.close()
    assert sorted(p.name for p in folder.iterdir()) == ["companion-backups", "companion.db"]
    return path


def page_count(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    return pages, size


def scramble(path: Path, page: int, seed: int = 1, size: int = 4096) -> None:
    """Overwrite page `page` (1-based) with random bytes; page 1 keeps the 100-byte header."""
    data = bytearray(path.read_bytes())
    start = (page - 1) * size + (100 if page == 1 else 0)
    noise = random.Random(seed)
    data[start : page * size] = bytes(noise.randrange(256) for _ in range(page * size - start))
    path.write_bytes(bytes(data))


PAGES = {
    "schema-page": lambda pages: 1,
    "first-b-tree-page": lambda pages: 2,
    "middle-page": lambda pages: pages // 2,
    "last-page": lambda pages: pages,
}


@pytest.fixture(params=list(PAGES), ids=list(PAGES))
def damaged(request, pristine, tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(pristine.parent, folder)
    path = folder / pristine.name
    pages, size = page_count(path)
    scramble(path, PAGES[request.param](pages), size=size)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def assert_damage_refusal(line: str, path: Path) -> None:
    assert line.startswith(f"companion: {path} looks damaged (")
    newest = sorted((path.parent / "companion-backups").iterdir())[-1]
    assert f"The newest backup is {newest}." in line
    assert "`companion restore newest` puts it back" in line


@pytest.mark.parametrize(
    "argv",
    [["today"], ["log", "walking", "1"], ["schedule", "mark", "webinar-2", "attended"]],
    ids=["today", "log", "schedule-mark"],
)
def test_quick_commands_refuse_a_damaged_page_and_write_nothing(damaged, cli, london_tz, argv):
    before = digest(damaged)
    line = cli(*argv, "--db", damaged).assert_user_error()
    assert_damage_refusal(line, damaged)
    assert digest(damaged) == before
    assert listing(damaged.parent) == ["companion-backups", "companion.db"]


def test_doctor_reports_a_damaged_page_instead_of_crashing(damaged, cli, london_tz):
    before = digest(damaged)
    result = cli("doctor", "--db", damaged)
    assert_damage_refusal(result.assert_user_error(), damaged)
    assert "database      not usable: see the message below" in result.out.splitlines()
    assert digest(damaged) == before


def test_the_app_refuses_a_damaged_page_before_it_starts(damaged, london_tz):
    """`companion` itself, on a real terminal (so only the damage can stop it), in a subprocess."""
    before = digest(damaged)
    code, err = run_app_on_a_terminal(damaged)
    assert code == 2, err
    assert err.endswith("\n") and len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert_damage_refusal(err.rstrip("\n"), damaged)
    assert digest(damaged) == before


def run_app_on_a_terminal(path: Path) -> tuple[int, str]:
    """Start `python -m companion --db PATH` on a pseudo-terminal (all three streams, as
    Textual draws on stderr) and return its exit code and everything it wrote there."""
    controller, terminal = pty.openpty()
    written = bytearray()
    try:
        app = subprocess.Popen(
            [sys.executable, "-m", "companion", "--db", str(path)],
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"},
        )
        os.close(terminal)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 1)
            if not ready:
                continue
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: every copy of the terminal is closed
                break
            if not chunk:
                break
            written += chunk
        else:
            app.kill()
            app.wait()
            pytest.fail("the app started on a damaged database instead of refusing it")
        app.wait(timeout=60)
    finally:
        os.close(controller)
    return app.returncode, written.decode("utf-8", "replace").replace("\r\n", "\n")


# ---------------------------------------------------------------- damage inside a record


def varint(data: bytes | bytearray, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at `at`: its value and where the next field starts."""
    value = 0
    for index in range(9):
        byte = data[at + index]
        if index == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + index + 1
    raise AssertionError("unreachable")


def break_a_record(path: Path, table: str) -> None:
    """Make the first row of `table` claim a record header longer than the row itself.

    Every page header stays valid, so only reading that row finds the damage
    (the structure walk on opening does not; quick_check and integrity_check do).
    """
    conn = sqlite3.connect(path)
    page = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[
        0
    ]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    while data[(page - 1) * size] == 0x05:  # an interior page: down its leftmost child
        start = (page - 1) * size
        cell = start + int.from_bytes(data[start + 12 : start + 14], "big")
        page = int.from_bytes(data[cell : cell + 4], "big")
    start = (page - 1) * size
    assert data[start] == 0x0D  # a table leaf
    cell = start + int.from_bytes(data[start + 8 : start + 10], "big")
    payload, at = varint(data, cell)
    _, record = varint(data, at)
    assert data[record] < payload < 0x7F
    data[record] = 0x7F  # the record's header size, now beyond the payload
    path.write_bytes(bytes(data))


def test_damage_found_while_a_store_verb_reads_is_the_same_refusal(pristine, tmp_path, cli):
    folder = tmp_path / "data"
    shutil.copytree(pristine.parent, folder)
    path = folder / pristine.name
    break_a_record(path, "programme")
    before = digest(path)
    store = open_store(path, create=False)  # the walk does not read records
    try:
        with pytest.raises(StoreError) as error:
            store.programme.setup()
    finally:
        store.close()
    assert str(error.value).startswith(f"{path} looks damaged (")
    line = cli("today", "--db", path).assert_user_error()
    assert_damage_refusal(line, path)
    assert digest(path) == before


def test_doctor_finds_damage_in_a_row_nothing_else_reads(pristine, tmp_path, cli):
    folder = tmp_path / "data"
    shutil.copytree(pristine.parent, folder)
    path = folder / pristine.name
    break_a_record(path, "habit_entry")
    before = digest(path)
    assert cli("schedule", "--db", path).code == 0  # it reads no self-care rows
    result = cli("doctor", "--db", path)
    assert_damage_refusal(result.assert_user_error(), path)
    integrity = [line for line in result.out.splitlines() if line.startswith("integrity")]
    assert integrity and integrity[0] != "integrity     ok"
    assert digest(path) == before


def test_every_public_verb_of_every_part_translates_damage():
    """The translation is automatic (Part.__init_subclass__), so a new verb cannot miss it."""
    store_parts = [Part, *Part.__subclasses__()]
    assert len(store_parts) >= 7
    for part in store_parts[1:]:
        for name, value in vars(part).items():
            if not name.startswith("_") and callable(value) and not isinstance(value, type):
                assert getattr(value, "__wrapped__", None) is not None, f"{part.__name__}.{name}"
    for name in ("integrity", "schema_version", "data_version", "change_stamp"):
        assert getattr(Store, name).__wrapped__ is not None, name


# ---------------------------------------------------------------- one line, however long


def test_a_long_check_report_stays_one_short_line(pristine, tmp_path, cli):
    folder = tmp_path / "data"
    shutil.copytree(pristine.parent, folder)
    path = folder / pristine.name
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        # The indexes' pages: quick_check lists each damaged one (a damaged table page
        # stops it with an error instead), several lines to a problem.
        data_pages = [
            page
            for (page,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name IN "
                "(SELECT name FROM sqlite_schema WHERE type = 'index') ORDER BY pageno"
            )
        ]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite was built without the dbstat table")
    finally:
        conn.close()
    for page in data_pages:
        scramble(path, page, seed=page)
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    found = conn.execute("PRAGMA quick_check").fetchall()
    conn.close()
    assert sum(row[0].count("\n") for row in found) > 5, found  # a long, many-line report
    before = digest(path)

    for argv in (["doctor"], ["today"]):
        line = cli(*argv, "--db", path).assert_user_error()
        assert_damage_refusal(line, path)
        assert len(line) < 400 + DETAIL_LIMIT + 2 * len(str(path))
    with pytest.raises(StoreError) as error:
        open_store(path, check=True)
    assert "\n" not in str(error.value)
    assert "looks damaged (*** in database main *** Page " in str(error.value)
    assert digest(path) == before


def test_check_result_is_one_line_with_a_count():
    rows = [("*** in database main ***\nPage 5: btreeInitPage() returns error code 11",)] * 3
    result = check_result(rows)
    assert "\n" not in result
    assert result.startswith("*** in database main *** Page 5: btreeInitPage()")
    assert result.endswith("(and 2 more problems)")
    assert check_result([("ok",)]) == "ok"
    long = check_result([("x" * 10_000 + "\x1b]0;title\x07",)])
    assert len(long) == DETAIL_LIMIT and long.endswith("...")
    assert "\x1b" not in check_result([("row \x1b]0;title\x07",)])


def test_a_damaged_file_in_rollback_mode_is_not_switched_to_wal(
    pristine, tmp_path, cli, london_tz
):
    """Switching to WAL writes the header, so it waits until the file has passed its check.

    A database just restored (VACUUM INTO makes rollback-mode files) is in this mode.
    """
    folder = tmp_path / "data"
    shutil.copytree(pristine.parent, folder)
    path = folder / pristine.name
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    conn.close()
    pages, size = page_count(path)
    scramble(path, pages // 2, size=size)
    before = digest(path)
    for argv in (["today"], ["log", "walking", "1"], ["doctor"]):
        assert_damage_refusal(cli(*argv, "--db", path).assert_user_error(), path)
        assert digest(path) == before, argv


def test_a_damaged_file_with_unflushed_writes_keeps_its_wal(pristine, tmp_path, cli, london_tz):
    """The checks read through a read-only connection, whose close moves nothing.

    A read-write connection closing last would checkpoint the -wal into the
    damaged file and delete it; the refusal promises the file is untouched.
    """
    folder = tmp_path / "data"
    shutil.copytree(pristine.parent, folder)
    path = folder / pristine.name
    script = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute(\"INSERT INTO setting (key, value) VALUES ('kept', 'yes')\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    pages, size = page_count(path)
    scramble(path, pages // 2, size=size)
    wal = Path(f"{path}-wal")
    before = (digest(path), digest(wal))
    for argv in (["today"], ["log", "walking", "1"], ["doctor"]):
        assert_damage_refusal(cli(*argv, "--db", path).assert_user_error(), path)
        assert wal.exists(), argv
        assert (digest(path), digest(wal)) == before, argv
