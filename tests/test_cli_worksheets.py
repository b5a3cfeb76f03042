"""`companion worksheets`, `companion plan` and `companion search`, run in-process.

The programme starts Monday 2 March 2026 (Europe/London); time is frozen on
Thursday 12 March, in week 2. Expected lines are worked out from the content
files and the rules in companion/domain/worksheets/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.store import open_store

LONDON = ZoneInfo("Europe/London")
SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
WEEK_2 = dt.datetime(2026, 3, 12, 18, 0, tzinfo=LONDON)
IDS = [
    "questionnaire-baseline",
    "mindfulness",
    "letter",
    "coaching-1",
    "common-humanity",
    "coaching-2",
    "self-kindness",
    "coaching-3",
    "barriers-and-keeping-going",
    "coaching-4",
    "questionnaire-end",
]


@pytest.fixture
def db(cli, tmp_path, london_tz, time_machine) -> Path:
    path = tmp_path / "companion.db"
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02", "--db", path).code == 0
    time_machine.move_to(WEEK_2, tick=False)
    return path


def write(path: Path, sheet: str, answers: dict[str, str]) -> None:
    store = open_store(path)
    try:
        store.worksheets.save_answers(sheet, answers, WEEK_2)
    finally:
        store.close()


# ---------------------------------------------------------------- worksheets


def test_worksheets_json_lists_every_sheet_with_its_status(cli, db):
    write(db, "mindfulness", {"notice-moment": "A corridor conversation"})
    store = open_store(db)
    store.worksheets.mark_complete("questionnaire-baseline", True, WEEK_2)
    store.close()
    result = cli("worksheets", "--json", "--db", db)
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert [r["id"] for r in rows] == IDS
    assert all(set(r) == {"id", "title", "component", "week", "status"} for r in rows)
    status = {r["id"]: r["status"] for r in rows}
    assert status["questionnaire-baseline"] == "complete"
    assert status["mindfulness"] == "in progress"
    assert status["letter"] == "not started"
    assert status["self-kindness"] == "not started"
    assert rows[1] == {
        "id": "mindfulness",
        "title": "Mindfulness: noticing without being swept away",
        "component": "mindfulness",
        "week": 1,
        "status": "in progress",
    }
    assert rows[3]["component"] is None and rows[3]["week"] == 2


def test_worksheets_as_text_one_line_per_sheet(cli, db):
    result = cli("worksheets", "--db", db)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[1] == (
        " 1  mindfulness                 not started  "
        "Mindfulness: noticing without being swept away"
    )
    assert len(lines) == 11 + 2
    assert lines[-1] == "Show one with `companion worksheets show ID`."


def test_show_prints_answers_literally(cli, db):
    write(
        db,
        "mindfulness",
        {"notice-moment": "Bad news \x1b[31min red\x1b[0m and [bold]markup[/bold]"},
    )
    result = cli("worksheets", "show", "mindfulness", "--db", db)
    assert result.code == 0, result.err
    assert "\x1b" not in result.out
    lines = result.out.splitlines()
    assert lines[0] == "MINDFULNESS: NOTICING WITHOUT BEING SWEPT AWAY"
    assert lines[2] == "Week 1 \u00b7 Worksheet \u00b7 Mindfulness \u00b7 in progress"
    at = lines.index("What happened, in a sentence or two?")
    assert lines[at + 2] == "Bad news \\x1b[31min red\\x1b[0m and [bold]markup[/bold]"
    at = lines.index("Where did the moment carry you afterwards?")
    assert lines[at + 2] == "Not answered yet."
    assert "A recent difficult moment" in lines  # activity headings
    assert "What will you try this week?" in lines  # the closing prompt


def test_show_markdown(cli, db):
    write(db, "coaching-1", {"bring": "The bed meeting"})
    result = cli("worksheets", "show", "coaching-1", "--markdown", "--db", db)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "# Group coaching 1: noticing at work"
    assert lines[2] == "*Week 2 \u00b7 Coaching notes \u00b7 in progress*"
    assert "## Before the session" in lines
    at = lines.index("### What I want to bring")
    assert lines[at + 2] == "The bed meeting"
    at = lines.index("### What I'm taking away")
    assert lines[at + 2] == "_Not answered yet._"


def test_show_markdown_keeps_line_breaks_and_paragraphs_and_no_typed_markup(cli, db):
    """Rendered by a CommonMark parser, an answer reads as it was typed: each line its
    own line, each blank-line gap a new paragraph, and nothing typed becomes a heading,
    list, quote, code block, emphasis, link or HTML."""
    from markdown_it import MarkdownIt

    written = (
        "First line\nsecond line\n\n\nA new paragraph\n"
        "# not a heading\n- not a list\n3. not a list\n> not a quote\n"
        "    not code\n*not emphasis* and _nor this_ and `nor this`\n"
        "[not a link](http://example.com) <b>not bold</b> &amp; a|b ~~c~~ ends with \\\n---"
    )
    write(db, "coaching-1", {"bring": written})
    result = cli("worksheets", "show", "coaching-1", "--markdown", "--db", db)
    assert result.code == 0, result.err
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(result.out)
    start = html.index("<h3>What I want to bring</h3>") + len("<h3>What I want to bring</h3>")
    answer = html[start : html.index("<h", start)].strip()
    nbsp = "\u00a0"  # typed as &nbsp;, so the indent stays and makes no code block
    assert answer == (
        "<p>First line<br />\nsecond line</p>\n"
        "<p>A new paragraph<br />\n# not a heading<br />\n- not a list<br />\n"
        "3. not a list<br />\n&gt; not a quote<br />\n"
        f"{nbsp * 4}not code<br />\n*not emphasis* and _nor this_ and `nor this`<br />\n"
        "[not a link](http://example.com) &lt;b&gt;not bold&lt;/b&gt; &amp;amp; a|b ~~c~~ "
        "ends with \\<br />\n---</p>"
    )


def test_an_unknown_sheet_is_one_line_naming_the_sheets(cli, db, digest):
    before = digest(db)
    line = cli("worksheets", "show", "mindfull", "--db", db).assert_user_error()
    assert line == (
        "companion: No sheet called 'mindfull'; did you mean mindfulness? the sheets are "
        + ", ".join(IDS)
    )
    assert digest(db) == before


def test_a_unique_start_of_a_sheet_id_is_enough(cli, db):
    whole = cli("worksheets", "show", "mindfulness", "--db", db)
    assert whole.code == 0, whole.err
    assert cli("worksheets", "show", "mind", "--db", db).out == whole.out
    assert cli("worksheets", "show", "MINDF", "--db", db).out == whole.out
    line = cli("worksheets", "show", "coaching", "--db", db).assert_user_error()
    assert line == (
        "companion: 'coaching' could be coaching-1, coaching-2, coaching-3 or coaching-4; "
        "type a few more letters"
    )


def test_the_sealed_letter_is_not_printed(cli, db, time_machine):
    from companion.content import programme
    from companion.content.worksheets import letter
    from companion.domain.programme import build_schedule
    from companion.domain.worksheets.letter import letter_dates

    store = open_store(db)
    setup = store.programme.setup()
    dates = letter_dates(letter(), setup.start, build_schedule(programme(), setup))
    store.worksheets.save_letter("Dear me, a private letter", dates, WEEK_2, WEEK_2.date())
    shown = cli("worksheets", "show", "letter", "--db", db)
    assert "a private letter" in shown.out  # a draft, still being written
    store.worksheets.seal_letter(WEEK_2)
    store.close()
    sealed = cli("worksheets", "show", "letter", "--db", db)
    assert sealed.code == 0
    assert "a private letter" not in sealed.out
    assert "Sealed. It opens on Tuesday 26 May 2026, at the follow-up workshop." in sealed.out
    time_machine.move_to(dt.datetime(2026, 5, 26, 9, 0, tzinfo=LONDON), tick=False)
    opened = cli("worksheets", "show", "letter", "--db", db)
    assert "Dear me, a private letter" in opened.out
    assert "Your letter, opened at the follow-up." not in opened.out  # it says it is ready
    again = cli("worksheets", "show", "letter", "--db", db)
    assert "Your letter, opened at the follow-up." in again.out


def test_worksheets_need_a_programme(cli, tmp_path, london_tz):
    path = tmp_path / "empty.db"
    open_store(path).close()
    line = cli("worksheets", "--db", path).assert_user_error()
    assert "no programme is set up yet" in line


# ---------------------------------------------------------------- the action plan


def test_plan_add_list_done_let_go_and_reopen(cli, db):
    added = cli(
        "plan", "add", "Three breaths", "before", "the huddle", "--by", "2026-03-20", "--db", db
    )
    assert added.code == 0, added.err
    assert added.out.splitlines() == [
        "Added to your action plan:",
        "  1  open    Three breaths before the huddle  (by Fri 20 Mar)",
    ]
    assert cli("plan", "add", "Walk at lunch", "--db", db).code == 0
    done = cli("plan", "done", "1", "--db", db)
    assert done.out.splitlines()[0] == "Done. Well done for following it through:"
    let_go = cli("plan", "let-go", "2", "--db", db)
    assert let_go.out.splitlines()[0] == (
        "Let go. Plans change, and noticing that is part of the practice:"
    )
    assert cli("plan", "--db", db).out.splitlines() == [
        "  1  done    Three breaths before the huddle  (by Fri 20 Mar)",
        "  2  let go  Walk at lunch",
    ]
    assert cli("plan", "reopen", "2", "--db", db).code == 0
    items = json.loads(cli("plan", "list", "--json", "--db", db).out)
    assert items == [
        {"id": 2, "text": "Walk at lunch", "due": None, "state": "open", "source": None},
        {
            "id": 1,
            "text": "Three breaths before the huddle",
            "due": "2026-03-20",
            "state": "done",
            "source": None,
        },
    ]


def test_an_empty_plan_says_how_to_add(cli, db):
    result = cli("plan", "--db", db)
    assert result.code == 0
    assert result.out.startswith("Your action plan is empty.")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["plan", "done", "9"], "there is no action-plan item 9; the plan is empty"),
        (["plan", "done", "one"], "'one' is not an item number; give the item's number from"),
        (["plan", "done", "1" + "0" * 30], "1" + "0" * 30 + " is larger than any number"),
        (["plan", "reopen", "\u00b2"], "U+00B2 SUPERSCRIPT TWO is not a digit"),
        (["plan", "add", "x", "--by", "2026-02-30"], "February 2026 has 28 days"),
        (["plan", "add", "x", "--by", "2029-01-01"], "more than two years away"),
        (["plan", "add", " "], "The commitment is empty"),
        (["plan", "add", "x" * 301], "keep it to 300"),
        (["plan", "add", "a\x1bb\x00"], "NUL character"),
    ],
)
def test_plan_mistakes_are_one_line_and_write_nothing(cli, db, digest, argv, words):
    before = digest(db)
    line = cli(*argv, "--db", db).assert_user_error()
    assert words in line
    assert digest(db) == before


# ---------------------------------------------------------------- search


def test_search_finds_answers_and_plan_items(cli, db):
    write(db, "mindfulness", {"notice-moment": "A hard ward round on Tuesday"})
    write(db, "coaching-1", {"bring": "How the ward handover went"})
    assert cli("plan", "add", "Visit each ward once a week", "--db", db).code == 0
    result = cli("search", "ward", "--db", db)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[-1] == "3 matches for 'ward'."
    assert (
        "Mindfulness: noticing without being swept away \u00b7 "
        "What happened, in a sentence or two?"
    ) in lines
    assert "Action plan" in lines
    assert "  Visit each ward once a week" in lines
    hits = json.loads(cli("search", "ward", "tues", "--json", "--db", db).out)
    assert hits == [
        {
            "kind": "answer",
            "sheet": "mindfulness",
            "prompt": "notice-moment",
            "item": None,
            "entry": None,
            "habit": None,
            "day": None,
            "where": "Mindfulness: noticing without being swept away \u00b7 "
            "What happened, in a sentence or two?",
            "excerpt": "A hard ward round on Tuesday",
        }
    ]


def test_search_finds_self_care_notes_with_their_day_and_habit(cli, db):
    logged = cli("log", "walk", "30", "--date", "2026-03-10", "--note", "A heron by the pond",
                 "--db", db)  # fmt: skip
    assert logged.code == 0, logged.err
    write(db, "mindfulness", {"notice-moment": "Thinking of the heron again"})
    result = cli("search", "heron", "--db", db)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    at = lines.index("Self-care \u00b7 Walking \u00b7 Tuesday 10 March 2026")
    assert lines[at + 1] == "  A heron by the pond"
    assert lines[-1] == "2 matches for 'heron'."
    hits = json.loads(cli("search", "pond*", "--json", "--db", db).out)  # * is a word's end
    assert hits == [
        {
            "kind": "note",
            "sheet": None,
            "prompt": None,
            "item": None,
            "entry": 1,
            "habit": "Walking",
            "day": "2026-03-10",
            "where": "Self-care \u00b7 Walking \u00b7 Tuesday 10 March 2026",
            "excerpt": "A heron by the pond",
        }
    ]
    assert cli("search", 'heron" OR "x', "--db", db).out.startswith("Nothing you wrote")


def test_search_with_nothing_found_or_only_punctuation(cli, db):
    assert cli("search", "nothing", "--db", db).out == "Nothing you wrote matches 'nothing'.\n"
    assert cli("search", 'a" OR "b', "--db", db).code == 0  # never query syntax
    line = cli("search", "?!", "--db", db).assert_user_error()
    assert line == "companion: Type a word or two to search for"


# ---------------------------------------------------------------- staying quick

HEAVY = ("textual", "sqlite_utils", "dateutil.parser", "icalendar")
HEAVY_PACKAGES = tuple(f"{name}." for name in HEAVY)
CHILD = """
import json, sys
from companion.cli import main
try:
    code = main(json.loads(sys.argv[1]))
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["today"],  # counts worksheets toward completion
        ["worksheets", "--json"],
        ["worksheets", "show", "mindfulness"],
        ["plan"],
        ["search", "ward"],
    ],
)
def test_reflection_commands_do_not_import_heavy_modules(cli, db, tmp_path, argv):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env["TZ"] = "Europe/London"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps([*argv, "--db", str(db)])],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=True,
    )
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["code"] == 0, done.stderr
    assert [m for m in report["modules"] if m in HEAVY or m.startswith(HEAVY_PACKAGES)] == []
