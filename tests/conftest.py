"""Shared fixtures for the non-TUI tests.

Every test runs with its own empty XDG folders and without COMPANION_DB, so
nothing can touch a real participant's data, and the process umask is put
back afterwards (`companion.cli.main` sets 0o077 for the whole process).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from ten_weeks import write_ten_week_content

LONDON = ZoneInfo("Europe/London")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (in addopts): one worker per core, and one more.

    Much of a test here is spent waiting rather than computing (the Pilot's
    idle checks, an fsync on every commit), and a spare worker fills those
    gaps: on two cores the suite took about 70 s with three workers and 90 s
    with two. PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set.
    """
    if "PYTEST_XDIST_AUTO_NUM_WORKERS" in os.environ:
        return None  # pytest-xdist's own reading of it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


# ---------------------------------------------------------------- root and non-root

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# Set by .ci/run for its run of the `nonroot` tests as an unprivileged user.
NONROOT_RUN = "COMPANION_NONROOT_RUN"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """As root, skip the `nonroot` tests: root ignores permission bits, so they prove nothing."""
    if not RUNNING_AS_ROOT:
        return
    skip = pytest.mark.skip(
        reason="running as root, which ignores permission bits; .ci/run runs these tests "
        "as an unprivileged user"
    )
    for item in items:
        if "nonroot" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In .ci/run's non-root run, a skipped test or no passing test fails the run."""
    if not os.environ.get(NONROOT_RUN) or hasattr(session.config, "workerinput"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    stats = reporter.stats if reporter is not None else {}
    if RUNNING_AS_ROOT or stats.get("skipped") or not stats.get("passed"):
        print(
            f"\n{NONROOT_RUN}: every test must run and pass as a non-root user "
            f"(root: {RUNNING_AS_ROOT}, skipped: {len(stats.get('skipped', []))}, "
            f"passed: {len(stats.get('passed', []))})"
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail the test instead of hanging the suite (a named pipe blocks whoever opens it)."""
    import signal

    class Blocked(Exception):  # not TimeoutError: code under test catches OSError
        pass

    def stop(signum: int, frame: object) -> None:
        raise Blocked("blocked for 10 s: something opened a named pipe and waited")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 10)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Private XDG folders and no COMPANION_DB or COMPANION_CONTENT: nothing real is used."""
    home = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        folder = home / name.lower()
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv("COMPANION_DB", raising=False)
    monkeypatch.delenv("COMPANION_CONTENT", raising=False)


@pytest.fixture(autouse=True)
def _restore_umask() -> Iterator[None]:
    """`companion.cli.main` calls os.umask(0o077); do not let that leak into other tests."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def london_tz(monkeypatch) -> str:
    """Make this machine's time zone Europe/London (what `clock.local_zone_name` reports).

    Note: time-machine also sets TZ to the zone of an aware destination, so a
    test that wants another zone must set TZ after `time_machine.move_to`.
    """
    monkeypatch.setenv("TZ", "Europe/London")
    return "Europe/London"


@pytest.fixture
def data_home() -> Path:
    """The XDG_DATA_HOME this test runs with (the default database lives under it)."""
    return Path(os.environ["XDG_DATA_HOME"])


@pytest.fixture
def state_home() -> Path:
    """The XDG_STATE_HOME this test runs with (crash logs live under it)."""
    return Path(os.environ["XDG_STATE_HOME"])


@dataclass
class Result:
    code: int
    out: str
    err: str

    def assert_user_error(self) -> str:
        """Exit code 2, exactly one line on stderr starting `companion: `, no traceback."""
        assert self.code == 2, (self.code, self.out, self.err)
        assert self.err.endswith("\n"), repr(self.err)
        lines = self.err.splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("companion: "), self.err
        assert "Traceback" not in self.err + self.out
        assert "\x1b" not in self.err
        return lines[0]


@pytest.fixture
def cli(capsys) -> Callable[..., Result]:
    """Run `companion.cli.main(argv)` in-process; return its exit code and output."""
    from companion.cli import main

    def run(*argv: str | os.PathLike[str]) -> Result:
        capsys.readouterr()  # drop anything printed before
        try:
            code = main([os.fspath(a) for a in argv])
        except SystemExit as stop:  # argparse: --version, --help and usage errors
            code = stop.code if isinstance(stop.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def digest() -> Callable[[Path], str]:
    """sha256 of a file's bytes, to show a refusal left it untouched."""
    return file_digest


@pytest.fixture
def at_london() -> Callable[..., dt.datetime]:
    """`at_london(2026, 3, 2, 10, 30)`: an aware Europe/London datetime."""

    def make(*parts: int) -> dt.datetime:
        return dt.datetime(*parts, tzinfo=LONDON)

    return make


@pytest.fixture
def template():
    """The programme as shipped in companion/content/programme.toml."""
    from companion import content

    return content.programme()


@pytest.fixture
def raw_rows() -> Callable[[Path, str], list[tuple]]:
    """Read rows with a separate plain sqlite3 connection (read-only)."""

    def query(path: Path, sql: str) -> list[tuple]:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    return query


# ---------------------------------------------------------------- content folders


@pytest.fixture
def fresh_content() -> Iterator[None]:
    """The loader forgets what it read before and after the test (it keeps files per process)."""
    from companion.content import loader

    loader.forget()
    yield
    loader.forget()


@pytest.fixture
def content_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_content: None) -> Path:
    """An empty content folder that COMPANION_CONTENT points at."""
    folder = tmp_path / "content"
    folder.mkdir()
    monkeypatch.setenv("COMPANION_CONTENT", str(folder))
    return folder


@pytest.fixture
def ten_week_content(content_dir: Path) -> Path:
    """The ten-week programme in use (see tests/ten_weeks.py), through COMPANION_CONTENT."""
    return write_ten_week_content(content_dir)
