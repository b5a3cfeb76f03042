"""`companion log walking 1` costs Python plus the standard `sqlite3` module: in a fresh
process the self-care commands never import Textual, sqlite-utils, dateutil.parser or
icalendar (the pattern of tests/test_import_hygiene.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HEAVY = ("textual", "sqlite_utils", "dateutil.parser", "icalendar")

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


def run_child(folder: Path, script: str, arg: list[str]) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COMPANION_"))}
    env.update(
        TZ="Europe/London",
        HOME=str(folder / "home"),
        XDG_DATA_HOME=str(folder / "home" / "data"),
        XDG_STATE_HOME=str(folder / "home" / "state"),
        XDG_CONFIG_HOME=str(folder / "home" / "config"),
        XDG_CACHE_HOME=str(folder / "home" / "cache"),
    )
    report = folder / "report.json"
    report.unlink(missing_ok=True)
    completed = subprocess.run(
        [sys.executable, "-c", script, json.dumps(arg), str(report)],
        env=env,
        cwd=folder,
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
    """A set-up database with one walk, made in a child so this process stays clean."""
    folder = tmp_path_factory.mktemp("hygiene-selfcare")
    path = folder / "companion.db"
    assert (
        run_child(folder, RUN_CLI, ["setup", "--start", "2026-03-02", "--db", str(path)])["code"]
        == 0
    )
    assert run_child(folder, RUN_CLI, ["log", "walking", "20", "--db", str(path)])["code"] == 0
    return path


def test_the_check_sees_heavy_modules(tmp_path):
    """The check itself works: importing the app's TUI does import Textual."""
    result = run_child(tmp_path, IMPORT_ONLY, ["companion.tui.screens.selfcare"])
    assert "textual" in heavy_in(result["modules"])


def test_the_self_care_domain_and_commands_import_light(tmp_path):
    result = run_child(
        tmp_path,
        IMPORT_ONLY,
        [
            "companion.commands.selfcare",
            "companion.domain.selfcare",
            "companion.domain.selfcare_text",
            "companion.domain.practice",
            "companion.domain.daywords",
            "companion.store.selfcare",
            "companion.demo.selfcare",
        ],
    )
    assert heavy_in(result["modules"]) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "walking", "1"],
        ["log", "walk", "5", "--date", "yesterday", "--note", "by the river"],
        ["log"],
        ["log", "--json"],
        ["log", "--week"],
        ["habits"],
        ["habits", "list", "--json"],
    ],
)
def test_self_care_commands_do_not_import_heavy_modules(database, tmp_path, argv):
    result = run_child(tmp_path, RUN_CLI, [*argv, "--db", str(database)])
    assert result["code"] == 0
    assert heavy_in(result["modules"]) == []


def test_a_refused_log_does_not_import_heavy_modules_either(database, tmp_path):
    result = run_child(tmp_path, RUN_CLI, ["log", "walkign", "5", "--db", str(database)])
    assert result["code"] == 2
    assert heavy_in(result["modules"]) == []
