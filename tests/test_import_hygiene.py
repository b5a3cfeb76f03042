"""Quick commands stay quick: in a fresh process they never import Textual, sqlite-utils,
dateutil.parser, icalendar, tzlocal or holidays (bank holidays are kept with the programme),
and importing Companion does no I/O."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# jinja2 (and its markupsafe): only `companion report` and the app's report need them;
# aiohttp and textual_serve only `companion serve`.
HEAVY = (
    "textual",
    "sqlite_utils",
    "dateutil.parser",
    "icalendar",
    "tzlocal",
    "holidays",
    "jinja2",
    "markupsafe",
    "aiohttp",
    "textual_serve",
)

RUN_CLI = textwrap.dedent(
    """
    import json, sys
    from companion.cli import main
    argv, report = json.loads(sys.argv[1]), sys.argv[2]
    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code
    with open(report, "w", encoding="utf-8") as handle:
        json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
    """
)

IMPORT_ONLY = textwrap.dedent(
    """
    import json, sys
    for name in json.loads(sys.argv[1]):
        __import__(name)
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump({"code": 0, "modules": sorted(sys.modules)}, handle)
    """
)


def child_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COMPANION_"))}
    env.update(
        TZ="Europe/London",
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / "data"),
        XDG_STATE_HOME=str(tmp_path / "home" / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / "config"),
        XDG_CACHE_HOME=str(tmp_path / "home" / "cache"),
    )
    return env


def run_child(tmp_path: Path, script: str, arg: list[str]) -> dict:
    report = tmp_path / "report.json"
    report.unlink(missing_ok=True)
    completed = subprocess.run(
        [sys.executable, "-c", script, json.dumps(arg), str(report)],
        env=child_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def heavy_in(modules: list[str]) -> list[str]:
    return [m for m in modules if m in HEAVY or m.startswith(tuple(f"{h}." for h in HEAVY))]


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    """A set-up database, made in a child process so this test process stays clean."""
    folder = tmp_path_factory.mktemp("hygiene")
    path = folder / "companion.db"
    result = run_child(folder, RUN_CLI, ["setup", "--start", "2026-03-02", "--db", str(path)])
    assert result["code"] == 0
    assert run_child(folder, RUN_CLI, ["log", "walking", "20", "--db", str(path)])["code"] == 0
    return path


def test_the_child_sees_heavy_modules_when_they_are_imported(tmp_path):
    """The check itself works: a command that needs sqlite-utils does import it."""
    result = run_child(tmp_path, IMPORT_ONLY, ["sqlite_utils", "icalendar"])
    assert "sqlite_utils" in heavy_in(result["modules"])
    assert "icalendar" in heavy_in(result["modules"])
    result = run_child(tmp_path, IMPORT_ONLY, ["companion.tui.screens.selfcare"])
    assert "textual" in heavy_in(result["modules"])


def test_a_report_imports_jinja2_when_it_is_made(database, tmp_path):
    """The check sees jinja2 where it belongs: the report's templates, as the report runs."""
    out = tmp_path / "report.md"
    result = run_child(
        tmp_path, RUN_CLI, ["report", "--out", str(out), "--force", "--db", str(database)]
    )
    assert result["code"] == 0
    assert "jinja2" in heavy_in(result["modules"])


def test_importing_domain_and_store_is_light(tmp_path):
    result = run_child(
        tmp_path,
        IMPORT_ONLY,
        [
            "companion",
            "companion.domain",
            "companion.domain.programme",
            "companion.domain.dates",
            "companion.domain.user_text",
            "companion.domain.ics",
            "companion.domain.selfcare.habits",
            "companion.store",
            "companion.store.database",
            "companion.store.schema",
            "companion.store.backup",
            "companion.content",
            "companion.content.loader",
            "companion.commands.content",
            "companion.cli",
            "companion.clock",
            "companion.crash",
            "companion.commands.selfcare",
            "companion.commands.habits",
            "companion.commands.practice",
            "companion.domain.selfcare.entries",
            "companion.domain.selfcare.summary",
            "companion.domain.selfcare.describe",
            "companion.domain.charts",
            "companion.domain.selfcare.practice",
            "companion.domain.name_lookup",
            "companion.store.selfcare",
            "companion.demo.selfcare",
            "companion.commands.report",
            "companion.report.gather",
            "companion.report.render",
        ],
    )
    assert heavy_in(result["modules"]) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["today"],
        ["today", "--json"],
        ["schedule", "--json"],
        ["schedule"],
        ["locate"],
        # `companion log walking 1` costs Python plus the standard sqlite3 module.
        ["log", "walking", "1"],
        ["log", "walk", "5", "--date", "yesterday", "--note", "by the river"],
        ["log"],
        ["log", "--json"],
        ["log", "--week"],
        ["habits"],
        ["habits", "list", "--json"],
        ["backup"],
        ["restore"],
        ["support"],
    ],
)
def test_quick_commands_do_not_import_heavy_modules(database, tmp_path, argv):
    result = run_child(tmp_path, RUN_CLI, [*argv, "--db", str(database)])
    assert result["code"] == 0
    assert heavy_in(result["modules"]) == []


@pytest.mark.parametrize("argv", [["log", "walking", "1"], ["log"], ["habits"]])
def test_self_care_commands_do_not_read_the_programme_outline(database, tmp_path, argv):
    """They never need the outline, so they do not pay for msgspec (about 10 ms) either.

    (`log --week` does: it names the programme week, up to the programme's length.)
    """
    result = run_child(tmp_path, RUN_CLI, [*argv, "--db", str(database)])
    assert result["code"] == 0
    assert "msgspec" not in result["modules"]
    assert "companion.domain.programme_template" not in result["modules"]


def test_logging_a_daily_habit_imports_only_what_it_uses(database, tmp_path):
    """`companion log walking 1` needs the start day and time zone, not the dated schedule
    (its classes and dateutil), no week summaries (walking counts by the day) and no
    fuzzy matching of names (`walking` is a habit's key)."""
    result = run_child(tmp_path, RUN_CLI, ["log", "walking", "1", "--db", str(database)])
    assert result["code"] == 0
    for unused in ("companion.domain.programme", "companion.domain.selfcare.summary", "difflib"):
        assert unused not in result["modules"]


def test_a_refused_log_does_not_import_heavy_modules_either(database, tmp_path):
    result = run_child(tmp_path, RUN_CLI, ["log", "walkign", "5", "--db", str(database)])
    assert result["code"] == 2
    assert heavy_in(result["modules"]) == []


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["today", "--help"]])
def test_help_and_version_do_not_import_heavy_modules(tmp_path, argv):
    result = run_child(tmp_path, RUN_CLI, argv)
    assert result["code"] == 0
    assert heavy_in(result["modules"]) == []


def test_importing_companion_does_no_io(tmp_path):
    """Nothing is created in the data, state, config or cache folders or the cwd on import."""
    run_child(
        tmp_path,
        IMPORT_ONLY,
        [
            "companion.cli",
            "companion.store",
            "companion.domain.programme",
            "companion.content",
            "companion.crash",
            "companion.demo",
        ],
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
