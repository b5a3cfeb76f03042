"""`companion report`: the Progress story as a self-contained, printable report.

The HTML is parsed as XML (well-formed), searched for anything it would fetch,
and read back as text to show the participant's words arrive literally; the
Markdown is checked for the escapes that keep their words from becoming
structure. The figures are compared with the Progress story itself.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from markdown_it import MarkdownIt

from companion.domain.user_text import printable

LONDON = ZoneInfo("Europe/London")
SETUP = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=LONDON)  # after the end, before the follow-up

# What a participant might type in one-line fields (the policy refuses controls there).
NAME = "<b>Sam</b>{{ 7*7 }}]]>"
HABIT = "tea </style><script>x()</script>"  # lower case: the practice line lowers it
OPEN_ITEM = "Ask *for* help | # [bold] {{ 7*7 }} ]]>"
DONE_ITEM = "Walk <i>home</i> & rest"
LET_GO_ITEM = "<img src=https://example.org/x.png>"
# Writing may hold anything but NUL: controls and direction overrides too.
WRITING = "Tender line\x1b[31m red \u202eevil\n# not a heading\n<script>alert(1)</script> `x` |a|"
PLACEHOLDER_ITEM = "Placeholder statement 7 about noticing"
COACHING = "Notes kept for the coaching session only"
LETTER = "Words of a letter to myself, still sealed"


def run(cli, *argv: str | Path) -> None:
    result = cli(*argv)
    assert result.code == 0, (argv, result.err)


@pytest.fixture
def db(tmp_path: Path, cli, london_tz) -> Path:
    """A programme run to its end, with hostile text in every field the participant writes."""
    path = tmp_path / "companion.db"
    wording = tmp_path / "wording.txt"
    wording.write_text(
        "\n".join(
            PLACEHOLDER_ITEM if n == 7 else f"{n}. Placeholder statement {n}" for n in range(1, 15)
        ).replace(PLACEHOLDER_ITEM, f"7. {PLACEHOLDER_ITEM}"),
        encoding="utf-8",
    )
    with time_machine.travel(SETUP, tick=False):
        run(cli, "setup", "--start", "2026-03-02", "--name", NAME, "--db", path)
    with time_machine.travel(NOW, tick=False):
        for argv in (
            ["scales", "import", "wemwbs", wording],
            ["scales", "record", "wemwbs", "--occasion", "pre", "--date", "2026-03-01"]
            + ["3"] * 14,
            ["scales", "record", "wemwbs", "--occasion", "post", "--date", "2026-04-26"]
            + ["4"] * 14,
            ["habits", "add", "tea", HABIT, "--kind", "minutes", "--unit", "minutes"],
            ["log", "tea", "15", "--date", "2026-03-04"],
            ["log", "walking", "25", "--date", "2026-03-03"],
            ["log", "meditation", "10", "--date", "2026-03-10"],
            ["plan", "add", OPEN_ITEM],
            ["plan", "add", DONE_ITEM],
            ["plan", "add", LET_GO_ITEM],
            ["plan", "done", "2"],
            ["plan", "let-go", "3"],
            ["schedule", "mark", "webinar-1", "attended"],
            ["schedule", "mark", "webinar-2", "missed"],
        ):
            run(cli, *argv, "--db", path)
        from companion.content.worksheets import sheet_content
        from companion.store import open_store

        content = sheet_content()
        store = open_store(path)
        try:
            store.worksheets.save_answer("mindfulness", "notice-moment", WRITING, NOW)
            # Writing that stays out of every report and pack, even with --include-writing.
            for sheet, words in ((content.coaching[0], COACHING), (content.letter, LETTER)):
                store.worksheets.save_answer(sheet.id, sheet.prompts[0].id, words, NOW)
        finally:
            store.close()
    return path


@pytest.fixture
def at_now(time_machine) -> None:
    time_machine.move_to(NOW, tick=False)


def report(cli, db: Path, *extra: str) -> str:
    """The report as written to a file (stdout would pass through the output guard's escapes)."""
    out = db.parent / "report.out"
    result = cli("report", "--db", db, "--out", out, "--force", *extra)
    assert result.code == 0, result.err
    return out.read_text(encoding="utf-8")


def parsed(page: str) -> ET.Element:
    """The page as XML: well-formed, or ParseError."""
    assert page.startswith("<!DOCTYPE html>\n")
    return ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))


def text_of(root: ET.Element) -> str:
    return "".join(root.itertext())


# ---------------------------------------------------------------- HTML


def test_the_html_is_well_formed_self_contained_and_prints_on_a4(cli, db: Path, at_now) -> None:
    page = report(cli, db, "--include-writing")
    root = parsed(page)
    assert root.tag == "html"
    assert not re.search(
        r"(?i)https?:|//[a-z]", page.replace(html.escape(LET_GO_ITEM, quote=False), "")
    )
    for element in root.iter():
        assert element.tag not in {"link", "script", "img", "iframe", "object", "embed"}
        assert not {"src", "href"} & set(element.attrib), element.tag
    assert "@import" not in page and "url(" not in page
    style = root.find("head/style")
    assert style is not None and style.text is not None
    print_rules = style.text.partition("@media print")[2]
    assert re.search(r"@page\s*\{\s*size:\s*A4;\s*margin:", print_rules)
    assert "break-inside: avoid" in print_rules
    assert root.findall(".//svg"), "the charts are inline SVG"


def test_what_the_participant_wrote_is_text_in_the_page_never_markup(
    cli, db: Path, at_now
) -> None:
    page = report(cli, db, "--include-writing")
    root = parsed(page)
    shown = text_of(root)
    for typed in (NAME, HABIT, OPEN_ITEM, DONE_ITEM, LET_GO_ITEM):
        assert typed in shown, typed
    assert printable(WRITING) in shown  # controls as visible escapes, the rest as typed
    assert "\x1b" not in page and "\u202e" not in page
    assert "<script" not in page and "<b>" not in page and "<img" not in page
    assert page.count("</style>") == 1
    assert "&lt;script&gt;x()&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in shown and "49" not in shown
    assert [e.tag for e in root.iter() if e.tag in {"b", "i", "img", "script"}] == []


# ---------------------------------------------------------------- Markdown


def test_markdown_escapes_what_the_participant_wrote(cli, db: Path, at_now) -> None:
    text = report(cli, db, "--format", "md", "--include-writing")
    assert text.startswith("# \\<b\\>Sam\\</b\\>{{ 7\\*7 }}\\]\\]\\>, your")
    assert "- Ask \\*for\\* help \\| # \\[bold\\] {{ 7\\*7 }} \\]\\]\\>\n" in text
    assert "Walk \\<i\\>home\\</i\\> \\&amp; rest" not in text  # escaped once, not twice
    assert "- Walk \\<i\\>home\\</i\\> \\& rest\n" in text
    assert "\\</style\\>\\<script\\>x()\\</script\\>" in text  # the habit, in the practice line
    # Controls as visible escapes, whose backslashes are then escaped for Markdown.
    assert "Tender line\\\\x1b\\[31m red \\\\u202eevil\\\n\\# not a heading\\\n" in text
    assert "\\<script\\>alert(1)\\</script\\> \\`x\\` \\|a\\|" in text
    assert "\x1b" not in text and "\u202e" not in text
    assert "<" not in text.replace("\\<", "")
    # A CommonMark reader shows each of them as typed, and makes no tag of them.
    page = MarkdownIt("commonmark").enable("table").render(text)
    assert not re.search(r"<(script|b|i|img)\b", page)
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    for typed in (NAME, HABIT, OPEN_ITEM, DONE_ITEM, LET_GO_ITEM):
        assert typed in shown, typed
    assert printable(WRITING).splitlines()[0] in shown


# ---------------------------------------------------------------- what is in it


@pytest.mark.parametrize("form", ["html", "md"])
def test_writing_is_in_it_only_when_asked(cli, db: Path, at_now, form: str) -> None:
    without = report(cli, db, "--format", form)
    assert "Tender line" not in without
    assert "What you wrote" not in without
    with_writing = report(cli, db, "--format", form, "--include-writing")
    assert "Tender line" in with_writing
    assert "What you wrote" in with_writing


def test_coaching_notes_and_the_letter_stay_out_even_with_writing(
    cli, db: Path, at_now, raw_rows
) -> None:
    """The report and the pack share one rule for what "writing" is (`shared_writing`)."""
    import json

    held = [text for (text,) in raw_rows(db, "SELECT body FROM answer")]
    assert COACHING in held and LETTER in held  # there to leak, and they do not
    for form in ("html", "md"):
        text = report(cli, db, "--format", form, "--include-writing")
        assert "Tender line" in text
        assert COACHING not in text and LETTER not in text
    pack = db.parent / "pack.json"
    run(cli, "pack", "--cohort", "C", "--out", pack, "--yes", "--include-writing", "--db", db)
    writing = json.loads(pack.read_text(encoding="utf-8"))["writing"]
    shared = json.dumps(writing)
    assert "Tender line" in shared
    assert COACHING not in shared and LETTER not in shared


@pytest.mark.parametrize("form", ["html", "md"])
def test_no_scale_item_wording_ever(cli, db: Path, at_now, form: str, raw_rows) -> None:
    held = raw_rows(db, "SELECT text FROM scale_wording WHERE item = 7")
    assert held == [(PLACEHOLDER_ITEM,)]  # the wording is there to leak, and does not
    text = report(cli, db, "--format", form, "--include-writing")
    assert "Placeholder statement" not in text
    assert "WEMWBS" in text  # the scale is there, by name and totals only


def test_the_figures_are_the_progress_story(cli, db: Path, at_now) -> None:
    from companion.domain.scales.administration import PLANNED
    from companion.store import open_store
    from companion.story import programme_now, read_story

    store = open_store(db)
    try:
        view = programme_now(store, NOW)
        assert view is not None
        story = read_story(store, view)
    finally:
        store.close()
    assert story.weeks[:2] == (40.0, 10.0)  # the fixture's practice, so the test has teeth
    text = report(cli, db, "--format", "md")
    rows = dict(re.findall(r"^\| (\d+) \| (\S+) \|$", text, flags=re.M))
    assert rows == {
        str(week): (f"{minutes:,.0f}" if minutes else "·")
        for week, minutes in enumerate(story.weeks, start=1)
    }
    for scale in story.scales:
        cells = [scale.total(o) or "\u2013" for o in PLANNED]
        assert f"| {scale.results.instrument.short_name} | {' | '.join(cells)} |" in text
        for step in scale.steps:
            assert f"{step.change.summary} Change: {step.verdict}." in text
    done = story.completion
    assert f"{done.sessions_line} · {done.activities_line}" in text
    assert story.actions.line in text
    assert story.components  # the three components, as Progress shows them
    for component in story.components:
        assert f"### {component.title} ({component.weeks_words})" in text
        for line in (component.sheet_line, component.practice_line, *component.scale_lines):
            assert f"- {line}" in text
    page = text_of(parsed(report(cli, db)))
    assert story.practice_line in page
    assert all(scale.total("post") in page for scale in story.scales)
    assert all(component.practice_line in page for component in story.components)


def test_the_demo_makes_a_real_report(cli, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = cli("--demo", "report", "--out", out)
    assert result.code == 0, result.err
    shown = text_of(parsed(out.read_text(encoding="utf-8")))
    assert "sessions attended" in shown
    assert "minutes of practice so far" in shown
    assert "WEMWBS" in shown


# ---------------------------------------------------------------- where it goes


def test_html_is_not_poured_into_a_terminal(cli, db: Path, at_now, monkeypatch) -> None:
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    line = cli("report", "--db", db).assert_user_error()
    assert "--out" in line
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    result = cli("report", "--db", db)
    assert result.code == 0, result.err
    assert result.out == report(cli, db)
    assert cli("report", "--format", "md", "--db", db).out == report(cli, db, "--format", "md")


def test_out_writes_privately_and_takes_the_format_from_the_name(
    cli, db: Path, tmp_path: Path, at_now
) -> None:
    for name, first in (("r.html", "<!DOCTYPE html>"), ("r.md", "# ")):
        out = tmp_path / name
        result = cli("report", "--out", out, "--db", db)
        assert result.code == 0, result.err
        assert "Wrote your report to" in result.out
        assert out.read_text(encoding="utf-8").startswith(first)
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_an_existing_file_is_replaced_only_with_force(
    cli, db: Path, tmp_path: Path, at_now
) -> None:
    out = tmp_path / "r.html"
    out.write_text("keep me\n", encoding="utf-8")
    line = cli("report", "--out", out, "--db", db).assert_user_error()
    assert "already exists" in line and "--force" in line
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert cli("report", "--out", out, "--force", "--db", db).code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("target", ["missing-folder/r.html", "."])
def test_an_unusable_target_is_refused_in_one_line(
    cli, db: Path, tmp_path: Path, at_now, target: str
) -> None:
    line = cli("report", "--out", tmp_path / target, "--db", db).assert_user_error()
    assert "does not exist" in line or "is a folder" in line


@pytest.mark.nonroot
def test_a_folder_that_cannot_be_written_leaves_nothing(
    cli, db: Path, tmp_path: Path, at_now
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        line = cli("report", "--out", folder / "r.html", "--db", db).assert_user_error()
        assert "cannot write" in line
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
