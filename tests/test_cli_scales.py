"""`companion scales ...`, run in-process: scores, saved results, wording, one-line errors.

Expected scores are worked out by hand from the keys (instruments.md sections
1.4, 2.2, 4.2, 5.2 and 7); the wording used is invented placeholder text.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 12, 17, 10, 0, tzinfo=LONDON)  # the end session's day
SK_ITEMS = (5, 12, 19, 23, 26)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "companion.db"


@pytest.fixture
def frozen(london_tz, time_machine) -> None:
    time_machine.move_to(NOW, tick=False)


def words(values: list[int]) -> list[str]:
    return [str(v) for v in values]


def rows(raw_rows, db: Path) -> list[tuple]:
    return raw_rows(db, "SELECT instrument, occasion, day, status FROM scale_administration")


# ---------------------------------------------------------------- score (nothing saved)


def test_score_scs_json_is_the_worked_example(cli) -> None:
    answers = [5 if n in SK_ITEMS else 3 for n in range(1, 27)]
    result = cli("scales", "score", "scs", *words(answers), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "instrument": "scs",
        "total": 20 / 6,  # mean of subscale means: (5 + 3 + 3 + 3 + 3 + 3) / 6
        "band": "moderate",
        "item_mean": 88 / 26,  # the older all-item mean
        "subscales": {
            "self_kindness": 5.0,
            "self_judgment": 3.0,
            "common_humanity": 3.0,
            "isolation": 3.0,
            "mindfulness": 3.0,
            "over_identification": 3.0,
        },
        "compassionate": 11 / 3,
        "uncompassionate_reversed": 3.0,
    }


@pytest.mark.parametrize(
    ("instrument", "answers", "expected"),
    [
        ("scs-sf", [1] * 12, {"instrument": "scs-sf", "total": 3.0, "band": None}),
        ("wemwbs", [5] * 14, {"instrument": "wemwbs", "total": 70, "band": None}),
        (
            "swemwbs",
            [3, 3, 3, 3, 3, 3, 4],
            {"instrument": "swemwbs", "total": 19.98, "band": None, "raw": 22},
        ),
    ],
)
def test_score_json_shapes(cli, instrument: str, answers: list[int], expected: dict) -> None:
    result = cli("scales", "score", instrument, "--json", ",".join(words(answers)))
    assert result.code == 0, result.err
    assert json.loads(result.out) == expected


def test_score_on_screen_uses_two_decimals_and_saves_nothing(cli, data_home: Path) -> None:
    # Reversed items 1, 4, 8, 9, 11, 12 become 5, 2, 3, 2, 5, 4: sum 39, mean 3.25.
    result = cli("scales", "score", "scs-sf", "1,2,3,4,5,1,2,3,4,5,1,2")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "SCS-SF total 3.25 (1.00 to 5.00)",
        "(Not saved. To keep it: companion scales record ... --occasion OCC)",
    ]
    assert not any(data_home.rglob("*.db"))


def test_score_wemwbs_shows_a_whole_number(cli) -> None:
    result = cli("scales", "score", "wemwbs", *(["3"] * 14))
    assert result.out.splitlines()[0] == "WEMWBS total 42 (14 to 70)"


def test_answers_may_mix_commas_and_spaces(cli) -> None:
    result = cli("scales", "score", "swemwbs", "3,3", "3", "3, 3,3", "3", "--json")
    assert json.loads(result.out)["raw"] == 21


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["scs-sf", *["3"] * 11], "SCS-SF needs 12 answers, got 11: item 12 has no answer"),
        (["scs-sf", *["3"] * 13], "SCS-SF has 12 items but got 13 answers: there is no item 13"),
        (["wemwbs", *["3"] * 6, "0", *["3"] * 7], "WEMWBS item 7: 0 is outside 1 to 5"),
        (["wemwbs", *["3"] * 8, "6", *["3"] * 5], "WEMWBS item 9: 6 is outside 1 to 5"),
        (["swemwbs", "3", "3.5", *["3"] * 5], "SWEMWBS item 2: '3.5' is not a whole number"),
        (["swemwbs", *["3"] * 6, "x"], "SWEMWBS item 7: 'x' is not a whole number"),
        (["swemwbs", "3,3,,3,3,3,3"], "SWEMWBS item 3 has no answer"),
        (["swemwbs", "-1", *["3"] * 6], "SWEMWBS item 1: -1 is outside 1 to 5"),
        (["swemwbs", "\x1b[2J", *["3"] * 6], "SWEMWBS item 1: '\\x1b[2J' is not a whole"),
        (["gad7", "3"], "unknown instrument 'gad7'; choose one of scs, scs-sf, wemwbs, swemwbs"),
    ],
)
def test_bad_answers_get_one_line_naming_the_item(cli, argv: list[str], message: str) -> None:
    line = cli("scales", "score", *argv).assert_user_error()
    assert line == f"companion: {message}" or line.startswith(f"companion: {message}"), line


# ---------------------------------------------------------------- very low wellbeing


@pytest.mark.parametrize(("total", "pointer"), [(40, True), (41, False)])
def test_a_gentle_pointer_to_support_at_very_low_wellbeing(cli, total: int, pointer: bool) -> None:
    # Very low: more than one SD below the 2018 Scottish mean, 49.4 - 8.96 = 40.44.
    answers = [3] * (total - 28) + [2] * (42 - total)
    assert sum(answers) == total and len(answers) == 14
    result = cli("scales", "score", "wemwbs", *words(answers))
    assert result.code == 0
    assert ("Samaritans (116 123, free, day or night)" in result.out) is pointer
    for label in ("depress", "illness", "disorder", "low wellbeing", "clinical"):
        assert label not in result.out.lower()


@pytest.mark.parametrize(
    ("answers", "pointer"),
    [([1] * 7, True), ([4, 4, 3, 3, 3, 3, 3], True), ([4, 4, 4, 3, 3, 3, 3], False)],
)
def test_swemwbs_gets_the_same_care(cli, answers: list[int], pointer: bool) -> None:
    # More than one SD below the German population mean: 24.79 - 3.73 = 21.06.
    # All lowest is 7.00; raw 23 is 20.73 (below); raw 24 is 21.54 (not).
    result = cli("scales", "score", "swemwbs", *words(answers))
    assert result.code == 0, result.err
    assert ("Samaritans (116 123, free, day or night)" in result.out) is pointer
    assert ("`companion support` lists who to contact, and when." in result.out) is pointer


# ---------------------------------------------------------------- record and results


def test_record_then_results(cli, db: Path, frozen, raw_rows) -> None:
    base = cli(
        "scales",
        "record",
        "wemwbs",
        "--occasion",
        "pre",
        "--date",
        "2026-10-23",
        "--db",
        db,
        *(["3"] * 14),
    )
    assert base.code == 0, base.err
    assert base.out.splitlines() == [
        "Saved your WEMWBS: Baseline, Friday 23 October 2026.",
        "WEMWBS total 42 (14 to 70)",
    ]
    # Answers may come before and after the options.
    end = cli(
        "scales",
        "record",
        "wemwbs",
        "4",
        "4",
        "--occasion",
        "end",
        "--db",
        db,
        *(["4"] * 6),
        *(["3"] * 6),
    )
    assert end.code == 0, end.err
    assert (
        end.out.splitlines()[0]
        == "Saved your WEMWBS: End of programme, Thursday 17 December 2026."
    )
    assert rows(raw_rows, db) == [
        ("wemwbs", "pre", "2026-10-23", "complete"),
        ("wemwbs", "post", "2026-12-17", "complete"),
    ]
    text = cli("scales", "results", "--db", db)
    assert text.code == 0
    assert text.out.splitlines() == [
        "WEMWBS (Warwick-Edinburgh Mental Wellbeing Scale)",
        "  Baseline          Friday 23 October 2026           42  (id 1)",
        "  End of programme  Thursday 17 December 2026        50  (id 2)",
        "  From baseline (23 October) to end of programme (17 December 2026):",
        "    Your WEMWBS score went from 42 to 50, a rise of 8 points.",
        "    It is larger than 7.45 points, the most that measurement error alone would usually "
        "explain, so it is a reliable change. That threshold uses the internal consistency "
        "(Cronbach's alpha .91).",
        "    It reaches the 3 points published as a meaningful change (Warwick WEMWBS FAQ).",
    ]
    data = json.loads(cli("scales", "results", "--json", "--db", db).out)
    assert [entry["instrument"] for entry in data["instruments"]] == [
        "scs",
        "scs-sf",
        "wemwbs",
        "swemwbs",
    ]
    wemwbs = data["instruments"][2]
    assert [(r["occasion"], r["day"], r["score"]["total"]) for r in wemwbs["results"]] == [
        ("pre", "2026-10-23", 42),
        ("post", "2026-12-17", 50),
    ]
    (moved,) = wemwbs["changes"]
    assert (moved["difference"], moved["reliable"]["status"]) == (8, "reliable")
    assert moved["reliable"]["threshold"] == pytest.approx(7.4508, abs=1e-4)  # instruments.md 5.2
    assert moved["meaningful"]["status"] == "reached"
    assert wemwbs["unfinished"] is None


def test_results_of_a_self_compassion_scale_say_why_reliable_change_is_unavailable(
    cli, db: Path, frozen
) -> None:
    cli(
        "scales",
        "record",
        "scs-sf",
        "--occasion",
        "pre",
        "--date",
        "2026-10-23",
        "--db",
        db,
        *(["3"] * 12),
    )
    cli(
        "scales",
        "record",
        "scs-sf",
        "--occasion",
        "post",
        "--db",
        db,
        "2",
        "4",
        "4",
        "2",
        "4",
        "4",
        "4",
        "2",
        "2",
        "4",
        "2",
        "2",
    )
    out = cli("scales", "results", "--db", db).out
    assert "Your SCS-SF score went from 3.00 to 4.00, a rise of 1.00 points." in out
    assert "cannot yet say whether this change is reliable" in out
    assert "will not invent one" in out


def test_results_when_nothing_changed_name_the_occasions_and_leave_reliability_out(
    cli, db: Path, frozen
) -> None:
    """The same score twice: the occasions and days compared are named, and with no change
    there is nothing to call reliable or not, so neither a threshold nor "cannot yet say"."""
    for occasion, day in (("pre", "2025-12-30"), ("adhoc", "2026-03-02")):
        saved = cli(
            "scales", "record", "scs-sf", "--occasion", occasion, "--date", day, "--db", db,
            *(["3"] * 12),
        )  # fmt: skip
        assert saved.code == 0, saved.err
    lines = cli("scales", "results", "--db", db).out.splitlines()
    at = lines.index("  From baseline (30 December 2025) to an extra result (2 March 2026):")
    assert lines[at + 1] == "    Your SCS-SF score is the same on both occasions (3.00)."
    assert not any("reliable" in line for line in lines)
    wemwbs = [
        cli("scales", "record", "wemwbs", "--occasion", o, "--date", d, "--db", db, *["3"] * 14)
        for o, d in (("pre", "2026-10-23"), ("post", "2026-12-17"))
    ]
    assert all(r.code == 0 for r in wemwbs)
    out = cli("scales", "results", "--db", db).out
    assert "  From baseline (23 October) to end of programme (17 December 2026):" in out
    assert "Your WEMWBS score is the same on both occasions (42)." in out
    assert "reliable" not in out  # WEMWBS has a threshold, and it is not said either


def test_results_before_anything_is_recorded(cli, db: Path, frozen) -> None:
    cli("scales", "forget-wording", "scs", "--db", db)  # no database yet: an error
    cli("setup", "--start", "2026-10-26", "--db", db)
    result = cli("scales", "results", "--db", db)
    assert result.out.startswith("No scales recorded yet.")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--occasion", "later"], "there is no occasion 'later'; choose pre"),
        (
            ["--occasion", "pre", "--date", "2026-12-18"],
            "Friday 18 December 2026 has not happened yet",
        ),
        (["--occasion", "pre", "--date", "2026-2-30"], "'2026-2-30' is not a date"),
        (["--occasion", "pre", "--date", "2026-02-30"], "February 2026 has 28 days"),
        (["--occasion", "pre", "7"], "WEMWBS item 1: 7 is outside 1 to 5"),
    ],
)
def test_record_refuses_and_writes_nothing(
    cli, db: Path, frozen, raw_rows, digest, extra: list[str], message: str
) -> None:
    cli("scales", "record", "wemwbs", "--occasion", "pre", "--db", db, *(["3"] * 14))
    before = digest(db)
    answers = ["3"] * 13 if extra[-1] == "7" else ["3"] * 14
    line = cli("scales", "record", "wemwbs", *extra, "--db", db, *answers).assert_user_error()
    assert message in line
    assert digest(db) == before
    assert len(rows(raw_rows, db)) == 1


def test_record_with_bad_answers_creates_no_database(cli, db: Path, frozen) -> None:
    cli("scales", "record", "scs", "--occasion", "pre", "--db", db, "3").assert_user_error()
    assert not db.exists()


# ---------------------------------------------------------------- wording


def wording_file(tmp_path: Path, count: int, *, numbered: bool = True) -> Path:
    lines = [
        (f"{n}. " if numbered else "") + f"Placeholder statement {n}" for n in range(1, count + 1)
    ]
    path = tmp_path / "wording.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(["", *lines, ""]).encode("utf-8"))
    return path


def test_import_list_and_forget_wording(cli, db: Path, tmp_path: Path, raw_rows) -> None:
    result = cli("scales", "import", "scs-sf", wording_file(tmp_path, 12), "--db", db)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        "Imported the wording of the 12 SCS-SF items into your database."
    )
    assert raw_rows(db, "SELECT item, text FROM scale_wording WHERE item IN (1, 12)") == [
        (1, "Placeholder statement 1"),
        (12, "Placeholder statement 12"),
    ]
    again = cli(
        "scales", "import", "scs-sf", wording_file(tmp_path, 12, numbered=False), "--db", db
    )
    assert again.out.startswith("Replaced the wording of the 12 SCS-SF items")
    listed = {i["id"]: i for i in json.loads(cli("scales", "list", "--json", "--db", db).out)}
    assert listed["scs-sf"]["wording_imported"] is True
    assert listed["scs"]["wording_imported"] is False
    assert listed["wemwbs"]["copyright"].startswith("Warwick-Edinburgh Mental Wellbeing Scale")
    assert [r["label"] for r in listed["scs"]["responses"]] == [
        "Almost never",
        None,
        None,
        None,
        "Almost always",
    ]
    plain = cli("scales", "--db", db).out  # `companion scales` alone lists them
    assert "scs-sf   12 items  Self-Compassion Scale - Short Form  (wording imported)" in plain
    forget = cli("scales", "forget-wording", "scs-sf", "--db", db)
    assert forget.out.startswith("Removed the SCS-SF wording from your database")
    assert raw_rows(db, "SELECT count(*) FROM scale_wording") == [(0,)]
    nothing = cli("scales", "forget-wording", "scs-sf", "--db", db)
    assert nothing.out.strip() == "There was no imported SCS-SF wording; nothing to remove."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "SCS-SF has 12 items but the file has 11"),
        ("Placeholder statement 1\n".encode("utf-16"), "the file is UTF-16 text"),
        (b"Placeholder \x1b]0;title\x07statement\n" * 12, "line 1 contains a control character"),
        (b"<p>Placeholder statement</p>\n" * 12, "line 1 looks like markup"),
    ],
)
def test_import_refuses_bad_files_and_stores_nothing(
    cli, db: Path, tmp_path: Path, raw_rows, content: bytes | None, message: str
) -> None:
    cli("setup", "--start", "2026-10-26", "--db", db)
    path = wording_file(tmp_path, 11)
    if content is not None:
        path.write_bytes(content)
    line = cli("scales", "import", "scs-sf", path, "--db", db).assert_user_error()
    assert message in line
    assert raw_rows(db, "SELECT count(*) FROM scale_wording") == [(0,)]


def test_import_needs_a_readable_file(cli, db: Path, tmp_path: Path) -> None:
    missing = cli("scales", "import", "scs", tmp_path / "nope.txt", "--db", db)
    assert "there is no file" in missing.assert_user_error()
    folder = cli("scales", "import", "scs", tmp_path, "--db", db)
    assert "is a folder" in folder.assert_user_error()
    assert not db.exists()


# ---------------------------------------------------------------- staying quick

CHILD = textwrap.dedent(
    """
    import json, sys
    from companion.cli import main
    argv, report = json.loads(sys.argv[1]), sys.argv[2]
    code = main(argv)
    heavy = ("textual", "sqlite_utils", "dateutil.parser", "icalendar")
    found = [m for m in sys.modules if m in heavy or m.startswith(tuple(h + "." for h in heavy))]
    with open(report, "w", encoding="utf-8") as handle:
        json.dump({"code": code, "heavy": found}, handle)
    """
)


def run_child(tmp_path: Path, argv: list[str]) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COMPANION_"))}
    env.update(TZ="Europe/London", HOME=str(tmp_path), XDG_STATE_HOME=str(tmp_path / "state"))
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(argv), str(report)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def test_scale_commands_stay_quick(cli, db: Path, tmp_path: Path) -> None:
    cli(
        "scales",
        "record",
        "scs-sf",
        "--occasion",
        "pre",
        "--date",
        "2026-01-05",
        "--db",
        db,
        *(["3"] * 12),
    )  # made here: the first migration imports sqlite-utils
    for argv in (
        ["scales", "score", "wemwbs", *(["3"] * 14)],
        ["scales", "results", "--db", str(db)],
        ["scales", "list", "--db", str(db)],
    ):
        report = run_child(tmp_path, argv)
        assert report == {"code": 0, "heavy": []}, argv
