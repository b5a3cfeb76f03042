"""Privacy: private file modes under a loose umask, no network, crash reports without
the participant's words."""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

import companion
from companion import crash
from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.store import open_store

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 2, 20, 12, 0, tzinfo=dt.UTC)
SECRET = "I felt worthless in the 9am meeting (probe 7f3a)"
PROBE = "probe 7f3a"


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def child_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COMPANION_"))}
    env.update(
        TZ="Europe/London",
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_STATE_HOME=str(tmp_path / "xdg-state"),
    )
    return env


def companion_process(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """`python -m companion ...` in a child process started with umask 022."""
    return subprocess.run(
        [sys.executable, "-m", "companion", *argv],
        env=child_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.umask(0o022),
    )


# ---------------------------------------------------------------- file modes


def test_the_child_really_starts_with_umask_022(tmp_path):
    """The check below means something: a file made by the child before Companion runs
    is 0644."""
    completed = subprocess.run(
        [sys.executable, "-c", "open('probe.txt', 'w').close()"],
        cwd=tmp_path,
        timeout=60,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert completed.returncode == 0
    assert mode(tmp_path / "probe.txt") == 0o644


def test_setup_in_the_default_folder_is_private_under_umask_022(tmp_path):
    completed = companion_process(tmp_path, "setup", "--start", "2026-03-02")
    assert completed.returncode == 0, completed.stderr
    folder = tmp_path / "xdg-data" / "companion"
    assert mode(folder) == 0o700
    assert mode(folder / "companion.db") == 0o600
    for sidecar in ("companion.db-wal", "companion.db-shm"):
        if (folder / sidecar).exists():
            assert mode(folder / sidecar) == 0o600
    for path in folder.iterdir():
        assert mode(path) & 0o077 == 0, path


def test_setup_with_db_and_ics_export_are_private_under_umask_022(tmp_path):
    db = tmp_path / "mine.db"
    ics = tmp_path / "programme.ics"
    assert (
        companion_process(tmp_path, "setup", "--start", "2026-03-02", "--db", str(db)).returncode
        == 0
    )
    completed = companion_process(tmp_path, "schedule", "--ics", str(ics), "--db", str(db))
    assert completed.returncode == 0, completed.stderr
    assert mode(db) == 0o600
    assert mode(ics) == 0o600


def test_wal_files_of_an_open_store_are_private_under_umask_022(tmp_path):
    path = tmp_path / "companion.db"
    old = os.umask(0o022)
    try:
        store = open_store(path)
        try:
            store.programme.save_setup(
                dt.date(2026, 3, 2), None, "Europe/London", DEFAULT_HABITS, NOW
            )
            store.programme.mark("webinar-1", True, NOW)
            wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
            assert wal.exists() and shm.exists()  # still open: the sidecars are there
            assert mode(path) == 0o600
            assert mode(wal) == 0o600
            assert mode(shm) == 0o600
        finally:
            store.close()
    finally:
        os.umask(old)


def test_opening_repairs_a_loose_database_mode(tmp_path):
    path = tmp_path / "companion.db"
    open_store(path).close()
    path.chmod(0o644)
    open_store(path).close()
    assert mode(path) == 0o600


def test_opening_does_not_make_a_read_only_database_writable(tmp_path):
    """A participant who made their file read-only (0400) must not find it writable again."""
    path = tmp_path / "companion.db"
    open_store(path).close()
    path.chmod(0o400)
    try:
        open_store(path).close()
        assert mode(path) == 0o400
    finally:
        path.chmod(0o600)


def test_crash_report_is_private_under_umask_022(tmp_path):
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        old = os.umask(0o022)
        try:
            report = crash.write_report(error, tmp_path / "logs")
        finally:
            os.umask(old)
    assert report is not None
    assert mode(report) == 0o600
    assert mode(report.parent) == 0o700


# ---------------------------------------------------------------- no network


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("Companion tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_no_network_guard_is_in_force(no_network):
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("example.org", 80))


def test_quick_commands_work_without_the_network(
    no_network, cli, tmp_path, time_machine, london_tz
):
    time_machine.move_to(dt.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON), tick=False)
    db = tmp_path / "companion.db"
    ics = tmp_path / "programme.ics"
    assert cli("setup", "--start", "2026-03-02", "--db", db).code == 0
    assert cli("schedule", "mark", "webinar-1", "attended", "--db", db).code == 0
    assert cli("schedule", "move", "coaching-2", "2026-03-24T12:00", "--db", db).code == 0
    today = cli("today", "--json", "--db", db)
    assert today.code == 0
    assert json.loads(today.out)["headline"] == "Week 3 of 8"
    assert cli("schedule", "--ics", ics, "--db", db).code == 0
    assert len(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == 11
    assert cli("doctor", "--db", db).code == 0


NETWORK_MODULES = (
    "socket",
    "ssl",
    "http",
    "urllib",
    "urllib3",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "websockets",
)


def imported_names(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


# `companion serve` (issue 13) is the one exception: a server for a browser on this
# computer, behind a per-start secret (tests/test_serve_access.py). Nothing else may.
SERVE = {"web.py": ["aiohttp", "socket", "urllib.parse"], "commands/serve.py": ["socket"]}


def test_companion_has_no_network_code():
    package = Path(companion.__file__).parent
    offenders = {}
    for source in package.rglob("*.py"):
        bad = {name for name in imported_names(source) if name.split(".")[0] in NETWORK_MODULES}
        if bad:
            offenders[str(source.relative_to(package))] = sorted(bad)
    assert offenders == SERVE


def test_quick_commands_load_no_http_client(tmp_path):
    db = tmp_path / "companion.db"
    script = (
        "import sys, json\n"
        "from companion.cli import main\n"
        "codes = [main(a) for a in json.loads(sys.argv[1])]\n"
        "print(json.dumps({'codes': codes, 'modules': sorted(sys.modules)}))\n"
    )
    runs = [
        ["setup", "--start", "2026-03-02", "--db", str(db)],
        ["today", "--db", str(db)],
        ["schedule", "--ics", str(tmp_path / "p.ics"), "--db", str(db)],
        ["doctor", "--db", str(db)],
    ]
    completed = subprocess.run(
        [sys.executable, "-c", script, json.dumps(runs)],
        env=child_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout.splitlines()[-1])
    assert report["codes"] == [0, 0, 0, 0]
    loaded = {m.split(".")[0] for m in report["modules"]}
    assert loaded.isdisjoint({"requests", "urllib3", "httpx", "aiohttp"})


# ---------------------------------------------------------------- crash output privacy


def save_reflection(text: str) -> None:
    secret_reflection = text  # noqa: F841 - a local, as Textual's crash dump would show
    raise RuntimeError(f"could not save {text!r}")


def crashed() -> RuntimeError:
    try:
        save_reflection(SECRET)
    except RuntimeError as error:
        return error
    raise AssertionError("save_reflection did not raise")


def test_describe_holds_no_user_text():
    error = crashed()
    assert PROBE in str(error)  # the message itself carries the secret ...
    report = crash.describe(error)
    assert PROBE not in report  # ... the report does not
    assert "worthless" not in report
    assert "builtins.RuntimeError" in report
    assert "in save_reflection" in report  # still useful: where it happened
    assert f"Companion {companion.__version__}" in report


def test_one_line_and_the_report_file_hold_no_user_text(tmp_path):
    error = crashed()
    line = crash.one_line(error, tmp_path / "logs")
    assert "\n" not in line
    assert line.startswith("companion: ")
    assert PROBE not in line
    (report,) = (tmp_path / "logs").iterdir()
    assert str(report) in line
    text = report.read_text(encoding="utf-8")
    assert PROBE not in text
    assert "in save_reflection" in text


def test_an_unexpected_error_in_a_command_keeps_user_text_private(
    cli, tmp_path, monkeypatch, state_home, time_machine, london_tz
):
    time_machine.move_to(dt.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON), tick=False)
    db = tmp_path / "companion.db"
    assert cli("setup", "--start", "2026-03-02", "--db", db).code == 0

    import companion.domain.programme as programme

    def broken_status(*args, **kwargs):
        save_reflection(SECRET)

    monkeypatch.setattr(programme, "status", broken_status)
    result = cli("today", "--db", db)
    assert result.code == 1
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith("companion: something unexpected went wrong (RuntimeError)")
    assert "Traceback" not in result.err
    assert PROBE not in result.err + result.out
    reports = list((state_home / "companion" / "log").iterdir())
    assert len(reports) == 1
    assert mode(reports[0]) == 0o600
    assert PROBE not in reports[0].read_text(encoding="utf-8")
