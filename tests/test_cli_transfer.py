"""`companion export` and `companion import`, run in-process as a person would.

Moving data must lose nothing and risk nothing: an export is complete and
private, an existing file is replaced only when asked, an import goes in
whole or not at all, and a file that is not a good export changes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.domain.transfer import SEALED, TABLES

LONDON = ZoneInfo("Europe/London")
SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
NOW = dt.datetime(2026, 3, 18, 9, 0, tzinfo=LONDON)


@pytest.fixture
def db(tmp_path: Path, cli, london_tz, time_machine) -> Path:
    """A programme three weeks in, with an entry whose note a spreadsheet would run."""
    path = tmp_path / "companion.db"
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02", "--name", "Sam", "--db", path).code == 0
    time_machine.move_to(NOW, tick=False)
    for argv in (
        ["log", "walking", "25", "--note", '=HYPERLINK("http://x")'],
        ["plan", "add", "-1 call mum"],
        ["scales", "record", "swemwbs", "--occasion", "pre", "--date", "2026-03-01", *["3"] * 7],
    ):
        assert cli(*argv, "--db", path).code == 0, argv
    return path


class Terminal(io.StringIO):
    """A keyboard: stdin that is a terminal and holds what the person types."""

    def isatty(self) -> bool:
        return True


def rows(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES
        }
    finally:
        conn.close()


def fingerprint(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# ---------------------------------------------------------------- the round trip


def test_export_import_export_through_the_shell_gives_the_same_file(
    cli, tmp_path, london_tz, time_machine
):
    """The demo's realistic programme moves to a new database and comes out the same."""
    time_machine.move_to(NOW, tick=False)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    result = cli("export", "--demo", "--out", first)
    assert result.code == 0, result.err
    assert first.stat().st_mode & 0o777 == 0o600
    moved = tmp_path / "new-computer" / "companion.db"
    moved.parent.mkdir()
    result = cli("import", first, "--db", moved)
    assert result.code == 0, result.err
    assert "self-care entries" in result.out and f"into {moved}" in result.out
    assert cli("export", "--out", second, "--db", moved).code == 0
    assert second.read_bytes() == first.read_bytes()
    document = json.loads(first.read_bytes())
    assert len(document["tables"]["habit_entry"]) > 100  # a real programme, not an empty one
    assert document["includes_wording"] is False and document["tables"]["scale_wording"] == []


def test_wording_travels_only_when_asked(cli, db, tmp_path):
    wording = tmp_path / "wording.txt"
    wording.write_text("".join(f"{n}. Placeholder {n}\n" for n in range(1, 8)), encoding="utf-8")
    assert cli("scales", "import", "swemwbs", wording, "--db", db).code == 0
    without, with_ = tmp_path / "without.json", tmp_path / "with.json"
    result = cli("export", "--out", without, "--db", db)
    assert "not in it (add --include-wording" in result.out
    assert b"Placeholder" not in without.read_bytes()
    assert cli("export", "--out", with_, "--include-wording", "--db", db).code == 0
    assert json.loads(with_.read_bytes())["tables"]["scale_wording"][6]["text"] == "Placeholder 7"


# ---------------------------------------------------------------- an existing target


def test_an_existing_file_is_refused_without_a_terminal_or_force(cli, db, tmp_path, digest):
    target = tmp_path / "export.json"
    target.write_text("mine\n", encoding="utf-8")
    line = cli("export", "--out", target, "--db", db).assert_user_error()
    assert "already exists" in line and "--force" in line
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert cli("export", "--out", target, "--force", "--db", db).code == 0
    assert json.loads(target.read_bytes())["format"] == "companion-export"
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(("typed", "code", "replaced"), [("y\n", 0, True), ("\n", 1, False)])
def test_a_person_is_asked_before_a_file_is_replaced(
    cli, db, tmp_path, monkeypatch, typed, code, replaced
):
    target = tmp_path / "export.json"
    target.write_text("mine\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", Terminal(typed))
    result = cli("export", "--out", target, "--db", db)
    assert result.code == code, result.err
    assert f"{target} already exists. Replace it? [y/N]" in result.err
    assert (target.read_text(encoding="utf-8") != "mine\n") is replaced


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_target_that_is_not_a_file_is_refused(cli, db, tmp_path, kind, no_hang):
    target = tmp_path / "target"
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    line = cli("export", "--out", target, "--force", "--db", db).assert_user_error()
    assert ("a folder" if kind == "folder" else "a named pipe") in line


def test_an_export_never_replaces_the_database(cli, db, digest):
    before = digest(db)
    for target in (db, db.parent / "companion.db-wal"):
        line = cli("export", "--out", target, "--force", "--db", db).assert_user_error()
        assert "is your database" in line
    assert digest(db) == before


def test_a_failed_write_leaves_nothing_at_the_final_name(cli, db, tmp_path, monkeypatch):
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    before = sorted(tmp_path.iterdir())
    monkeypatch.setattr(os, "fsync", full)
    for argv in (["--out", tmp_path / "e.json"], ["--format", "csv", "--out", tmp_path / "csv"]):
        line = cli("export", *argv, "--db", db).assert_user_error()
        assert "No space left on device" in line and "nothing was written" in line
    assert sorted(tmp_path.iterdir()) == before  # no temporary file left either


# ---------------------------------------------------------------- CSV


def test_a_csv_zip_is_private_and_formula_safe(cli, db, tmp_path):
    target = tmp_path / "mine.zip"
    result = cli("export", "--format", "csv", "--out", target, "--db", db)
    assert result.code == 0, result.err
    assert target.stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        entries = archive.read("habit_entry.csv").decode("utf-8-sig")
        plan = archive.read("plan_item.csv").decode("utf-8-sig")
        modes = {info.external_attr >> 16 & 0o777 for info in archive.infolist()}
    assert names == {f"{n}.csv" for n in TABLES if n != "scale_wording"} | {"README.txt"}
    assert '\'=HYPERLINK(""http://x"")' in entries
    assert "'-1 call mum" in plan
    assert modes == {0o600}


def test_a_csv_folder_replaces_an_earlier_export_but_never_other_files(cli, db, tmp_path):
    target = tmp_path / "csv"
    assert cli("export", "--format", "csv", "--out", target, "--db", db).code == 0
    assert target.stat().st_mode & 0o777 == 0o700
    assert {p.stat().st_mode & 0o777 for p in target.iterdir()} == {0o600}
    assert cli("log", "walking", "5", "--db", db).code == 0
    assert cli("export", "--format", "csv", "--out", target, "--force", "--db", db).code == 0
    assert (target / "habit_entry.csv").read_text(encoding="utf-8-sig").count("\n") == 3
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    line = cli("export", "--format", "csv", "--out", target, "--force", "--db", db)
    assert "holds other files" in line.assert_user_error()
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_sealed_letter_stays_out_of_the_csv(cli, db, tmp_path):
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO letter VALUES (1, 'Dear me', '2026-03-18T09:00:00Z', NULL, "
        "'2026-03-18T09:00:00Z', '2026-03-18T09:00:00Z')"
    )
    conn.commit()
    conn.close()
    assert cli("export", "--format", "csv", "--out", tmp_path / "csv", "--db", db).code == 0
    assert SEALED in (tmp_path / "csv" / "letter.csv").read_text(encoding="utf-8-sig")
    assert cli("export", "--out", tmp_path / "e.json", "--db", db).code == 0
    assert "Dear me" in (tmp_path / "e.json").read_text(encoding="utf-8")  # it moves with you


# ---------------------------------------------------------------- import


@pytest.fixture
def export(cli, db, tmp_path) -> Path:
    path = tmp_path / "export.json"
    assert cli("export", "--out", path, "--db", db).code == 0
    return path


def test_a_dry_run_shows_the_counts_and_writes_nothing(cli, db, export, tmp_path, digest):
    new = tmp_path / "new.db"
    result = cli("import", export, "--dry-run", "--db", new)
    assert result.code == 0, result.err
    assert "         1  self-care entries" in result.out
    assert "         7  scale answers" in result.out
    assert "Dry run: nothing was written." in result.out
    assert not new.exists()
    before = digest(db)
    result = cli("import", export, "--dry-run", "--replace", "--db", db)
    assert "It would replace the" in result.out
    assert digest(db) == before and not (tmp_path / "companion-backups").exists()


def test_a_database_with_data_is_replaced_only_when_asked_with_a_backup_first(
    cli, db, export, tmp_path, monkeypatch
):
    assert cli("log", "walking", "10", "--db", db).code == 0  # after the export
    before = rows(db)
    line = cli("import", export, "--db", db).assert_user_error()
    assert "add --replace" in line
    line = cli("import", export, "--replace", "--db", db).assert_user_error()
    assert "add --yes" in line
    monkeypatch.setattr("sys.stdin", Terminal("no\n"))
    assert cli("import", export, "--replace", "--db", db).code == 1
    assert rows(db) == before and not (tmp_path / "companion-backups").exists()

    result = cli("import", export, "--replace", "--yes", "--db", db)
    assert result.code == 0, result.err
    assert rows(db)["habit_entry"] == before["habit_entry"] - 1
    (backup,) = (tmp_path / "companion-backups").iterdir()
    assert "before-import" in backup.name and str(backup) in result.out
    assert cli("restore", backup, "--db", db).code == 0  # and back again
    assert rows(db) == before


def bad_files(export: Path, tmp: Path, db: Path) -> dict[str, tuple[Path, str]]:
    """Every kind of file that is not a good export, and words its refusal must hold."""
    data = export.read_bytes()
    made = {
        "newer": data.replace(b'"version": 1,', b'"version": 2,', 1),
        "truncated": data[: len(data) // 2],
        "tampered": data.replace(b'"Sam"', b'"Sal"'),
        "not-json": b"walking,25\n",
        "other-json": b'{"habits": []}',
        "empty": b"",
        "zip": b"PK\x03\x04" + bytes(40),
    }
    for name, content in made.items():
        (tmp / f"{name}.json").write_bytes(content)
    words = {
        "newer": "newer Companion (export format 2",
        "truncated": "ends part-way",
        "tampered": "checksum does not match",
        "not-json": "not JSON",
        "other-json": "JSON but not a Companion export",
        "empty": "is empty",
        "zip": "is a zip",
    }
    files = {name: (tmp / f"{name}.json", words[name]) for name in made}
    shutil.copy(db, tmp / "backup.db")
    files["database"] = (tmp / "backup.db", "is a database")
    files["folder"] = (tmp, "is a folder")
    files["missing"] = (tmp / "nothing-here.json", "there is no file")
    pipe = tmp / "pipe.json"
    os.mkfifo(pipe)
    files["pipe"] = (pipe, "is a named pipe")
    return files


@pytest.mark.parametrize("target", ["empty", "with-data"])
def test_a_bad_file_is_one_line_and_changes_nothing(cli, db, export, tmp_path, target, no_hang):
    bad = tmp_path / "bad"
    bad.mkdir()
    files = bad_files(export, bad, db)
    into = tmp_path / "fresh" / "companion.db" if target == "empty" else db
    into.parent.mkdir(exist_ok=True)
    for name, (path, words) in files.items():
        before = fingerprint(tmp_path / "fresh" if target == "empty" else tmp_path)
        for flags in ([], ["--replace", "--yes"], ["--dry-run"]):
            line = cli("import", path, *flags, "--db", into).assert_user_error()
            assert words in line, (name, line)
            assert fingerprint(tmp_path / "fresh" if target == "empty" else tmp_path) == before


def test_import_refuses_the_demo(cli, export):
    assert "leave out --demo" in cli("import", export, "--demo").assert_user_error()
