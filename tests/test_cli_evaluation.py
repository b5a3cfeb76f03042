"""`companion pack` and `companion cohort`: what a pack holds, the consent prompt, and the
refusals by file name.

The consent prompt is driven in a real pseudo-terminal (a child process), so
what the participant is shown is compared, byte for byte, with what is written.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import os
import pty
import select
import stat
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

LONDON = ZoneInfo("Europe/London")
SETUP = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=LONDON)  # after the end, before the follow-up
NAME = "Samira"
SECRETS = ("river walk note", "Call my sister", "a hard Monday", "Green tea")


def run(cli, *argv: str | Path) -> None:
    result = cli(*argv)
    assert result.code == 0, (argv, result.err)


@pytest.fixture
def db(tmp_path: Path, cli, london_tz) -> Path:
    """A programme run to its end: named, scales at baseline and end, practice, writing."""
    path = tmp_path / "companion.db"
    with time_machine.travel(SETUP, tick=False):
        run(cli, "setup", "--start", "2026-03-02", "--name", NAME, "--db", path)
    with time_machine.travel(NOW, tick=False):
        for argv in (
            ["scales", "record", "wemwbs", "--occasion", "pre", "--date", "2026-03-01"]
            + ["3"] * 14,
            ["scales", "record", "wemwbs", "--occasion", "post", "--date", "2026-04-26"]
            + ["4"] * 14,
            ["scales", "record", "swemwbs", "--occasion", "pre", "--date", "2026-03-01"]
            + ["3"] * 7,
            ["log", "walking", "25", "--date", "2026-03-03", "--note", SECRETS[0]],
            ["log", "meditation", "10", "--date", "2026-03-10"],
            ["log", "meditation", "5", "--date", "2026-03-10"],
            ["habits", "add", "tea", SECRETS[3], "--kind", "minutes", "--unit", "minutes"],
            ["log", "tea", "15", "--date", "2026-03-04"],
            ["log", "walking", "99", "--date", "2026-05-01"],  # after week 8: not counted
            ["log", "walking", "98", "--date", "2026-03-01"],  # before week 1: not counted
            ["plan", "add", SECRETS[1]],
            ["schedule", "mark", "webinar-1", "attended"],
            ["schedule", "mark", "webinar-2", "missed"],
        ):
            run(cli, *argv, "--db", path)
        from companion.store import open_store

        store = open_store(path)
        try:
            store.worksheets.save_answer("mindfulness", "notice-moment", SECRETS[2], NOW)
        finally:
            store.close()
    return path


@pytest.fixture
def at_now(time_machine) -> None:
    time_machine.move_to(NOW, tick=False)


def make_pack(cli, db: Path, out: Path, *extra: str) -> dict:
    run(cli, "pack", "--cohort", "Spring 2026", "--out", out, "--yes", *extra, "--db", db)
    return json.loads(out.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- what a pack holds


def test_a_pack_holds_the_programme_in_numbers_and_no_names_or_writing(
    cli, db: Path, tmp_path: Path, at_now
) -> None:
    out = tmp_path / "pack.json"
    pack = make_pack(cli, db, out)
    text = out.read_text(encoding="utf-8")
    assert NAME not in text
    for secret in SECRETS:
        assert secret not in text
    assert "tea" not in text  # the participant's own habit is "other", not named
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert pack["format"] == "companion-evaluation-pack"
    assert pack["version"] == 1
    assert pack["cohort"] == "Spring 2026"
    assert pack["made"] == "2026-05-04"
    assert pack["attendance"] == {"attended": 1, "missed": 1, "sessions": 8}
    assert pack["completion"] == {"done": 0, "activities": 6}
    results = {(r["instrument"], r["occasion"]): r for r in pack["scales"]}
    assert set(results) == {("wemwbs", "pre"), ("wemwbs", "post"), ("swemwbs", "pre")}
    assert results[("wemwbs", "pre")]["total"] == 42
    assert results[("wemwbs", "post")]["total"] == 56
    assert results[("wemwbs", "post")]["date"] == "2026-04-26"
    assert (results[("swemwbs", "pre")]["raw"], results[("swemwbs", "pre")]["total"]) == (
        21,
        19.25,
    )
    weeks = {w["week"]: w for w in pack["practice"]}
    assert sorted(weeks) == list(range(1, 9))
    assert weeks[1]["by_practice"] == {"meditation": 0.0, "walking": 25.0, "other": 15.0}
    assert weeks[1]["minutes"] == 40
    assert weeks[2]["by_practice"]["meditation"] == 15
    assert sum(w["minutes"] for w in pack["practice"]) == 55  # not the walks outside
    assert pack["writing"] is None


def test_writing_is_included_only_when_asked(cli, db: Path, tmp_path: Path, at_now) -> None:
    pack = make_pack(cli, db, tmp_path / "pack.json", "--include-writing")
    assert pack["writing"] == {"sheets": {"mindfulness": {"notice-moment": SECRETS[2]}}}
    text = (tmp_path / "pack.json").read_text(encoding="utf-8")
    assert NAME not in text
    for secret in (SECRETS[0], SECRETS[1], SECRETS[3]):  # notes, plan, habit names: never
        assert secret not in text


def test_the_id_is_random_stable_per_database_and_not_from_the_name(
    cli, db: Path, tmp_path: Path, at_now
) -> None:
    first = make_pack(cli, db, tmp_path / "one.json")["id"]
    again = make_pack(cli, db, tmp_path / "two.json")["id"]
    assert first == again
    assert len(first) == 32 and int(first, 16) >= 0
    other = tmp_path / "other.db"
    with time_machine.travel(SETUP, tick=False):
        run(cli, "setup", "--start", "2026-03-02", "--name", NAME, "--db", other)
    assert make_pack(cli, other, tmp_path / "three.json")["id"] != first  # same name


def test_without_a_terminal_or_yes_nothing_is_written(
    cli, db: Path, tmp_path: Path, at_now, digest
) -> None:
    out = tmp_path / "pack.json"
    before = digest(db)
    line = cli("pack", "--cohort", "Spring", "--out", out, "--db", db).assert_user_error()
    assert "add --yes" in line
    assert not out.exists()
    assert digest(db) == before  # not even the id is kept


def test_an_existing_file_is_replaced_only_with_force(
    cli, db: Path, tmp_path: Path, at_now
) -> None:
    out = tmp_path / "pack.json"
    out.write_text("keep me\n", encoding="utf-8")
    line = cli("pack", "--cohort", "Spring", "--out", out, "--yes", "--db", db).assert_user_error()
    assert "exists already; add --force" in line
    assert out.read_text(encoding="utf-8") == "keep me\n"
    make_pack(cli, db, out, "--force")
    assert json.loads(out.read_text(encoding="utf-8"))["cohort"] == "Spring 2026"


@pytest.mark.parametrize("target", ["missing-folder/pack.json", "."])
def test_an_unusable_target_is_refused_in_one_line(
    cli, db: Path, tmp_path: Path, at_now, target: str
) -> None:
    line = cli(
        "pack", "--cohort", "S", "--out", tmp_path / target, "--yes", "--db", db
    ).assert_user_error()
    assert "does not exist" in line or "is a folder" in line


# ---------------------------------------------------------------- the consent prompt


def in_terminal(argv: list[str], answer: str, env: dict[str, str]) -> str:
    """Run `argv` with a pseudo-terminal as stdin, stdout and stderr; answer the question."""
    main, child = pty.openpty()
    process = subprocess.Popen(argv, stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    seen = b""
    answered = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child has gone and the terminal closed
                break
            if not chunk:
                break
            seen += chunk
        if not answered and b"[y/N] " in seen:
            os.write(main, answer.encode() + b"\n")
            answered = True
        if process.poll() is not None and not ready:
            break
    process.wait(timeout=30)
    os.close(main)
    return seen.decode("utf-8").replace("\r\n", "\n")


@pytest.fixture
def child_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "COMPANION_DB"}
    env["TZ"] = "Europe/London"
    return env


@pytest.mark.parametrize("include", [False, True])
def test_what_is_shown_before_asking_is_exactly_what_is_written(
    cli, db: Path, tmp_path: Path, child_env, include: bool
) -> None:
    out = tmp_path / "pack.json"
    argv = [sys.executable, "-m", "companion", "pack", "--cohort", "Spring 2026"]
    argv += ["--out", str(out), "--db", str(db)]
    argv += ["--include-writing"] if include else []
    screen = in_terminal(argv, "y", child_env)
    assert out.exists(), screen
    written = out.read_text(encoding="utf-8")
    shown, _, rest = screen.partition("\nAbove is everything the pack holds")
    assert shown == written
    assert "No names." in rest
    assert ("none of your writing" in rest) != include
    assert "Wrote your evaluation pack" in rest
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_saying_no_writes_nothing_and_keeps_no_id(
    db: Path, tmp_path: Path, child_env, digest
) -> None:
    out = tmp_path / "pack.json"
    before = digest(db)
    argv = [sys.executable, "-m", "companion", "pack", "--cohort", "Spring", "--out", str(out)]
    screen = in_terminal([*argv, "--db", str(db)], "n", child_env)
    assert "Nothing was written." in screen
    assert not out.exists()
    assert digest(db) == before


def test_an_existing_file_asks_before_it_is_replaced(
    cli, db: Path, tmp_path: Path, child_env
) -> None:
    out = tmp_path / "pack.json"
    out.write_text("keep me\n", encoding="utf-8")
    argv = [sys.executable, "-m", "companion", "pack", "--cohort", "Spring", "--out", str(out)]
    screen = in_terminal([*argv, "--yes", "--db", str(db)], "n", child_env)
    assert "exists already. Replace it? [y/N]" in screen
    assert out.read_text(encoding="utf-8") == "keep me\n"
    in_terminal([*argv, "--yes", "--db", str(db)], "y", child_env)
    assert json.loads(out.read_text(encoding="utf-8"))["cohort"] == "Spring"


# ---------------------------------------------------------------- the cohort


@pytest.fixture
def packs(cli, db: Path, tmp_path: Path, at_now) -> list[Path]:
    """Two people's packs: the fixture's participant and a second database."""
    other = tmp_path / "other.db"
    with time_machine.travel(SETUP, tick=False):
        run(cli, "setup", "--start", "2026-03-02", "--db", other)
    for argv in (
        ["scales", "record", "wemwbs", "--occasion", "pre", "--date", "2026-03-01"] + ["2"] * 14,
        ["scales", "record", "wemwbs", "--occasion", "post", "--date", "2026-04-26"] + ["3"] * 14,
    ):
        run(cli, *argv, "--db", other)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    make_pack(cli, db, first)
    make_pack(cli, other, second)
    return [first, second]


def test_a_cohort_of_two_is_summarised_with_a_caution(cli, packs: list[Path]) -> None:
    result = cli("cohort", *packs)
    assert result.code == 0, result.err
    # WEMWBS 42 -> 56 and 28 -> 42: both +14; means 35 and 49.
    assert "WEMWBS: Baseline to End of programme (2 people with both)" in result.out
    assert "Baseline                35.0 (SD 9.9)" in result.out
    assert "Mean change             +14.0 (95% CI 14.0 to 14.0" in result.out
    assert "Reliable improvement    2 of 2 (100%)" in result.out
    assert "fewer than 30" in result.out
    data = json.loads(cli("cohort", *packs, "--format", "json").out)
    assert data["n"] == 2
    assert data["pairs"][0]["change_mean"] == 14


def test_duplicates_are_reported_by_file_name(cli, packs: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "a-again.json"
    copy.write_bytes(packs[0].read_bytes())
    line = cli("cohort", *packs, copy).assert_user_error()
    assert f"{packs[0]} and {copy} have the same pseudonymous id" in line
    assert "nothing was summarised" in line


def test_malformed_and_newer_packs_are_reported_by_file_name(
    cli, packs: list[Path], tmp_path: Path
) -> None:
    pack = json.loads(packs[1].read_text(encoding="utf-8"))
    bad = {
        "truncated.json": packs[0].read_text(encoding="utf-8")[:200],
        "edited.json": json.dumps({**pack, "id": "f" * 32, "attendance": {"attended": "all"}}),
        "newer.json": json.dumps({**pack, "id": "e" * 32, "version": 2}),
        "other.json": json.dumps({"hello": "world"}),
        "range.json": json.dumps(
            {**pack, "id": "d" * 32, "scales": [{**pack["scales"][0], "total": 99}]}
        ),
    }
    for name, text in bad.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        line = cli("cohort", *packs, tmp_path / name).assert_user_error()
        assert f"{tmp_path / name}: " in line, line
        assert str(packs[0]) + ":" not in line
    line = cli("cohort", *packs, tmp_path / "newer.json").assert_user_error()
    assert "version 2 pack, made by a newer Companion" in line
    assert f"{packs[0]} is version 1" in line and "newer.json is version 2" in line
    line = cli("cohort", tmp_path / "range.json").assert_user_error()
    assert "WEMWBS total 99 is outside 14 to 70" in line
    line = cli("cohort", tmp_path / "missing.json", tmp_path).assert_user_error()
    assert f"{tmp_path / 'missing.json'}: there is no such file" in line
    assert f"{tmp_path}: it is a folder" in line


def test_the_html_summary_escapes_a_label_and_is_well_formed(
    cli, db: Path, tmp_path: Path, at_now
) -> None:
    label = '<script>alert("x")</script> & co'
    out = tmp_path / "pack.json"
    run(cli, "pack", "--cohort", label, "--out", out, "--yes", "--db", db)
    page = cli("cohort", out, "--format", "html").out
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page

    class Checker(html.parser.HTMLParser):
        VOID = frozenset({"meta", "br"})

        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in self.VOID:
                self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open.pop() == tag

    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.open == []
    markdown = cli("cohort", out, "--format", "md").out
    assert "\\<script\\>" in markdown
