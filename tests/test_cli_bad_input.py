"""Every command, every argument, every kind of bad input: one line, exit 2, nothing written.

The corpus is a table: for each command (found by walking the real argparse
parser, so a command or option added later fails `test_the_corpus_covers_
every_command_and_argument` until it is listed here), a working invocation,
and the kind of each argument that takes a value (text, number, date, word,
path). Each kind has its hostile values: markup, control characters, ESC and
OSC sequences, a right-to-left override, a line separator, invisible-only
text, huge strings, huge integers, look-alike digits. Every hostile value is
tried in every argument of its kind, and every single-valued option is given
twice. Each run must end with exit code 2, exactly one line on stderr
starting `companion: `, no traceback, no raw control or direction character
in anything printed, and the database's bytes unchanged.

Two promises are checked the other way round: markup in text is ordinary
text (saved as typed), and digits of any script mean what ASCII digits mean
(the same output as the ASCII invocation).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hostile import (
    ARABIC_INDIC,
    ESC_CLEAR,
    FULLWIDTH,
    HANGUL_FILLER,
    HUGE,
    HUGE_INTEGER,
    LINE_SEPARATOR,
    OSC_TITLE,
    RLO,
    ZERO_WIDTH_ONLY,
    digits_in,
    raw_unsafe,
)

from companion.cli import build_parser, main

LONDON = ZoneInfo("Europe/London")
SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
NOW = dt.datetime(2026, 3, 18, 9, 0, tzinfo=LONDON)  # Wednesday of programme week 3

TEXT, NUMBER, DATE, WORD, PATH = "text", "number", "date", "word", "path"

# Inside a value, so that trimming the ends cannot make it valid.
HOSTILE_EVERYWHERE = {
    "escape": f"a{ESC_CLEAR}b",
    "osc": f"a{OSC_TITLE}b",
    "bell": "a\x07b",
    "newline": "a\nb",
    "c1": "a\x9bb",
    "rlo": f"a{RLO}b",
    "line-separator": f"a{LINE_SEPARATOR}b",
    "zero-width-only": ZERO_WIDTH_ONLY,
    "hangul-filler": HANGUL_FILLER,
    "huge": HUGE,
}
# Where a text is not wanted, markup is as wrong as any other word.
HOSTILE = {
    TEXT: HOSTILE_EVERYWHERE,
    WORD: {**HOSTILE_EVERYWHERE, "markup": "[/]", "style": "[bold red]x"},
    NUMBER: {
        **HOSTILE_EVERYWHERE,
        "markup": "[/]",
        "style": "[bold red]1",
        "huge-integer": HUGE_INTEGER,
        "huge-digits": "9" * 100_000,
        "superscript": "\u00b2",
        "fraction": "\u00bd",
        "nan": "nan",
        "exponent": "1e400",
    },
    DATE: {
        **HOSTILE_EVERYWHERE,
        "markup": "[/]",
        "style": "[bold red]2026-03-02",
        "huge-year": f"{HUGE_INTEGER}-03-02",
        "superscript": "2026-03-0\u00b2",
        "no-such-day": "2026-02-30",
    },
}


@dataclass(frozen=True)
class Command:
    """A working invocation of one command, and what kind each of its arguments is.

    `values` maps each argument (its option string, or a positional's dest)
    to a working value; a list for an argument that takes several words.
    `stored` names the text arguments that are saved as typed; `joined` those
    where a line break becomes a space by design (several words make one
    commitment or one search, so a pasted line break is a space too).
    `flags` are given every time (`--yes`: no terminal here to confirm in).
    """

    values: dict[str, str | list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    stored: frozenset[str] = frozenset()
    joined: frozenset[str] = frozenset()
    flags: tuple[str, ...] = ()  # given with every run (`--yes`: there is no terminal to ask)


ANSWERS = ["3", "3", "3", "3", "3", "3", "3"]  # the seven SWEMWBS items

CORPUS: dict[tuple[str, ...], Command] = {
    (): Command(),  # the app: needs a terminal
    ("setup",): Command(
        {"--start": "2026-03-02", "--name": "Sam"},
        {"--start": DATE, "--name": TEXT},
        frozenset({"--name"}),
    ),
    ("today",): Command(),
    ("schedule",): Command({"--ics": "{tmp}/programme.ics"}, {"--ics": PATH}),
    ("schedule", "mark"): Command(
        {"event": "webinar-1", "state": "attended"}, {"event": WORD, "state": WORD}
    ),
    ("schedule", "move"): Command(
        {"event": "coaching-3", "when": "2026-04-07T12:30"}, {"event": WORD, "when": DATE}
    ),
    ("holidays",): Command({"--region": "GB-SCT"}, {"--region": WORD}),
    ("log",): Command(
        {"habit": "walking", "value": "20", "--date": "yesterday", "--note": "by the river"},
        {"habit": WORD, "value": NUMBER, "--date": DATE, "--note": TEXT},
        frozenset({"--note"}),
    ),
    ("habits",): Command(),
    ("habits", "list"): Command(),
    ("habits", "add"): Command(
        {
            "key": "tea",
            "name": "Green tea",
            "--kind": "count",
            "--unit": "cups",
            "--target": "3",
            "--per": "day",
            "--direction": "at_least",
        },
        {
            "key": WORD,
            "name": TEXT,
            "--kind": WORD,
            "--unit": TEXT,
            "--target": NUMBER,
            "--per": WORD,
            "--direction": WORD,
        },
        frozenset({"name", "--unit"}),
    ),
    ("habits", "edit"): Command(
        {
            "key": "walking",
            "--name": "Walk",
            "--target": "20",
            "--per": "day",
            "--direction": "at_least",
            "--unit": "minutes",
        },
        {
            "key": WORD,
            "--name": TEXT,
            "--target": NUMBER,
            "--per": WORD,
            "--direction": WORD,
            "--unit": TEXT,
        },
        frozenset({"--name"}),
    ),
    ("habits", "archive"): Command({"key": "walking"}, {"key": WORD}),
    ("habits", "restore"): Command({"key": "stretch"}, {"key": WORD}),
    ("habits", "rename"): Command(
        {"key": "walking", "name": "Walk"}, {"key": WORD, "name": TEXT}, frozenset({"name"})
    ),
    ("habits", "move"): Command(
        {"key": "hydration", "position": "1"}, {"key": WORD, "position": NUMBER}
    ),
    ("practice",): Command(
        {"habit": "meditation", "minutes": "2"}, {"habit": WORD, "minutes": NUMBER}
    ),
    ("worksheets",): Command(),
    ("worksheets", "show"): Command({"sheet": "mindfulness"}, {"sheet": WORD}),
    ("plan",): Command(),
    ("plan", "list"): Command(),
    ("plan", "add"): Command(
        {"text": ["Call", "mum"], "--by": "2026-03-20"},
        {"text": TEXT, "--by": DATE},
        stored=frozenset({"text"}),
        joined=frozenset({"text"}),
    ),
    ("plan", "done"): Command({"item": "1"}, {"item": NUMBER}),
    ("plan", "let-go"): Command({"item": "1"}, {"item": NUMBER}),
    ("plan", "reopen"): Command({"item": "1"}, {"item": NUMBER}),
    ("search",): Command({"text": ["river"]}, {"text": TEXT}, joined=frozenset({"text"})),
    ("scales",): Command(),
    ("scales", "list"): Command(),
    ("scales", "score"): Command(
        {"instrument": "swemwbs", "answers": ANSWERS}, {"instrument": WORD, "answers": NUMBER}
    ),
    ("scales", "record"): Command(
        {"instrument": "swemwbs", "--occasion": "pre", "--date": "2026-03-01", "answers": ANSWERS},
        {"instrument": WORD, "--occasion": WORD, "--date": DATE, "answers": NUMBER},
    ),
    ("scales", "results"): Command(),
    ("scales", "delete"): Command({"id": "1"}, {"id": NUMBER}, flags=("--yes",)),
    ("scales", "import"): Command(
        {"instrument": "swemwbs", "file": "{tmp}/wording.txt"}, {"instrument": WORD, "file": PATH}
    ),
    ("scales", "forget-wording"): Command({"instrument": "swemwbs"}, {"instrument": WORD}),
    ("backup",): Command(),
    ("restore",): Command({"backup": "newest"}, {"backup": PATH}),
    ("export",): Command(
        {"--format": "json", "--out": "{tmp}/export.json"}, {"--format": WORD, "--out": PATH}
    ),
    ("import",): Command(
        {"file": "{tmp}/companion-export.json"}, {"file": PATH}, flags=("--replace", "--yes")
    ),
    ("content",): Command(),
    ("content", "export"): Command({"folder": "{tmp}/my-content"}, {"folder": PATH}),
    ("pack",): Command(
        {"--cohort": "Spring 2026", "--out": "{tmp}/new-pack.json"},
        {"--cohort": TEXT, "--out": PATH},
        flags=("--yes",),
    ),
    ("cohort",): Command(
        {"packs": "{tmp}/pack.json", "--format": "md"}, {"packs": PATH, "--format": WORD}
    ),
    ("report",): Command(
        {"--format": "md", "--out": "{tmp}/report.md"}, {"--format": WORD, "--out": PATH}
    ),
    ("forget-everything",): Command(flags=("--yes",)),
    ("locate",): Command(),
    ("doctor",): Command(),
    ("support",): Command(),
    ("serve",): Command(
        {"--port": "0", "--host": "127.0.0.1"}, {"--port": NUMBER, "--host": WORD}
    ),
}
# Commands that run until stopped: the corpus checks their refusals only.
# `serve` is run for real in tests/test_serve_cli.py and tests/test_serve_browser.py.
RUN_UNTIL_STOPPED = {("serve",)}


# ---------------------------------------------------------------- the parser, walked


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command path and its parser (an alias such as `letgo` is the same parser)."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for name, sub in action.choices.items():
                if id(sub) not in seen:
                    seen.add(id(sub))
                    yield from walk(sub, (*path, name))


def value_arguments(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    """The arguments that take a value (not flags, help or subcommands), by name."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.nargs == 0:
            continue
        found[action.option_strings[0] if action.option_strings else action.dest] = action
    return found


PARSERS = dict(walk(build_parser([])))


def test_the_corpus_covers_every_command_and_argument() -> None:
    assert set(PARSERS) == set(CORPUS), "add the new command to CORPUS"
    for path, parser in PARSERS.items():
        arguments = set(value_arguments(parser)) - {"--db"}
        command = CORPUS[path]
        assert set(command.kinds) == arguments, f"classify every argument of {path}"
        assert set(command.values) == arguments, f"give a working value for each of {path}"


def test_every_argument_that_takes_text_a_number_or_a_date_has_hostile_values() -> None:
    kinds = {kind for command in CORPUS.values() for kind in command.kinds.values()}
    assert kinds <= {*HOSTILE, PATH}


# ---------------------------------------------------------------- running a command


@dataclass
class World:
    """A database set up for the corpus, and its folder."""

    template: Path
    tmp: Path
    db: Path

    def reset(self) -> None:
        """Back to the template: its files only, as they were."""
        shutil.rmtree(self.tmp)
        shutil.copytree(self.template, self.tmp)

    def argv(self, path: tuple[str, ...], values: dict[str, str | list[str]]) -> list[str]:
        """The words for `path` with these argument values, positionals in order."""
        parser = PARSERS[path]
        words = list(path)
        for name, action in value_arguments(parser).items():
            if name not in values:
                continue
            value = values[name]
            given = value if isinstance(value, list) else [value]
            given = [v.replace("{tmp}", str(self.tmp)) for v in given]
            words += [name, *given] if action.option_strings else given
        return [*words, *CORPUS[path].flags, "--db", str(self.db)]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus's database: a programme three weeks in, with an entry, a plan item,
    an archived habit, a saved scale (id 1), a backup, an evaluation pack and an export.
    Built once, copied for each test."""
    folder = tmp_path_factory.mktemp("corpus-template")
    db = folder / "companion.db"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TZ", "Europe/London")
        env.setenv("XDG_DATA_HOME", str(folder / "data"))
        env.setenv("XDG_STATE_HOME", str(folder / "state"))
        env.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        env.delenv("COMPANION_DB", raising=False)
        env.delenv("COMPANION_CONTENT", raising=False)
        with time_machine.travel(SETUP_TIME, tick=False):
            assert main(["setup", "--start", "2026-03-02", "--db", str(db)]) == 0
        with time_machine.travel(NOW, tick=False):
            for argv in (
                ["log", "walking", "25", "--note", "by the river"],
                ["plan", "add", "Walk by the river"],
                ["habits", "add", "stretch", "Stretch"],
                ["habits", "archive", "stretch"],
                ["scales", "record", "swemwbs", "--occasion", "pre", *ANSWERS],
                ["backup"],
                ["pack", "--cohort", "Corpus", "--out", str(folder / "pack.json"), "--yes"],
                ["export", "--out", str(folder / "companion-export.json")],
            ):
                assert main([*argv, "--db", str(db)]) == 0, argv
    wording = "".join(f"{n}. Placeholder statement {n}\n" for n in range(1, 8))
    (folder / "wording.txt").write_text(wording, encoding="utf-8")
    return folder


@pytest.fixture
def world(template: Path, tmp_path: Path, london_tz, time_machine, monkeypatch) -> World:
    """A fresh copy of the template, at NOW, with a practice clock that needs no waiting."""
    from companion.commands import practice

    time_machine.move_to(NOW, tick=False)
    clock = [1000.0]
    monkeypatch.setattr(practice, "monotonic", lambda: clock[0])
    monkeypatch.setattr(practice, "sleep", lambda s: clock.__setitem__(0, clock[0] + s))
    world = World(template, tmp_path / "corpus", tmp_path / "corpus" / "companion.db")
    shutil.copytree(template, world.tmp)
    return world


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` and the hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_refused(cli, world: World, argv: list[str]) -> str:
    """Run `argv`: exit 2, one short line on stderr, nothing raw printed, nothing changed."""
    before = fingerprint(world.tmp)
    result = cli(*argv)
    line = result.assert_user_error()
    assert len(line) < 400, line
    assert raw_unsafe(result.out + result.err) == []
    assert fingerprint(world.tmp) == before
    return line


# ---------------------------------------------------------------- the corpus


def test_every_working_invocation_works(cli, world: World) -> None:
    """The corpus is only as good as its working values: each must succeed on its own."""
    for path, command in CORPUS.items():
        if path == ():
            continue  # the app needs a terminal; see test_cli_output.py
        if path in RUN_UNTIL_STOPPED:
            continue
        world.reset()
        result = cli(*world.argv(path, command.values))
        assert result.code == 0, (path, result.err)
        assert result.err == ""


LINE_BREAKS = ("newline", "line-separator")


def cases() -> Iterator[object]:
    for path, command in CORPUS.items():
        for name, kind in command.kinds.items():
            for label, value in HOSTILE.get(kind, {}).items():
                if name in command.joined and label in LINE_BREAKS:
                    continue  # see test_a_line_break_in_a_commitment_or_a_search_is_a_space
                yield pytest.param(path, name, value, id=f"{' '.join(path)} {name} {label}")


@pytest.mark.parametrize(("path", "name", "value"), list(cases()))
def test_hostile_values_are_refused_in_one_line(cli, world: World, path, name, value) -> None:
    values = dict(CORPUS[path].values)
    given = values[name]
    if isinstance(given, list):  # the whole text, or one answer among good ones
        values[name] = [value] if CORPUS[path].kinds[name] == TEXT else [value, *given[1:]]
    else:
        values[name] = value
    assert_refused(cli, world, world.argv(path, values))


def word_cases() -> Iterator[object]:
    for path, command in CORPUS.items():
        arguments = value_arguments(PARSERS[path])
        for name, kind in command.kinds.items():
            if kind == WORD and not arguments[name].choices:  # argparse checks its choices
                yield pytest.param(path, name, id=f"{' '.join(path)} {name}")


@pytest.mark.parametrize(("path", "name"), list(word_cases()))
def test_keys_ids_and_choices_go_through_the_text_policy(cli, world: World, path, name) -> None:
    """Not "no habit called ...": the policy's own words say what is wrong with it."""
    for value, words in (
        (f"walk{RLO}ing", "contains a direction control (U+202E)"),
        (ZERO_WIDTH_ONLY, "shows nothing: it holds only invisible characters"),
        ("a" * 65, "is 65 characters; the limit is 64"),
    ):
        values = {**CORPUS[path].values, name: value}
        assert words in assert_refused(cli, world, world.argv(path, values))


def test_a_line_break_in_a_commitment_or_a_search_is_a_space(cli, world: World, raw_rows):
    for text in ("Call\nmum", f"Call{LINE_SEPARATOR}mum"):
        assert cli("plan", "add", text, "--db", str(world.db)).code == 0
        assert cli("search", text, "--db", str(world.db)).out.startswith("Action plan")
    bodies = raw_rows(world.db, "SELECT body FROM plan_item ORDER BY id")
    assert bodies[-2:] == [("Call mum",), ("Call mum",)]


def path_cases() -> Iterator[object]:
    for path, command in CORPUS.items():
        names = ["--db", *(n for n, kind in command.kinds.items() if kind == PATH)]
        for name in names:
            yield pytest.param(path, name, id=f"{' '.join(path) or 'app'} {name}")


@pytest.mark.parametrize(("path", "name"), list(path_cases()))
def test_a_path_that_cannot_be_used_never_splits_a_line_or_reaches_the_terminal(
    cli, world: World, path, name
) -> None:
    """A path under a regular file (nothing can be made there), its folder holding every trick.

    A command that does not need the path (`locate`, `content`) may succeed;
    one that needs it refuses in one line. Either way the database and its
    backups are untouched and nothing printed acts on the terminal; `doctor`
    reports on stdout.
    """
    (world.tmp / "a-file").write_text("not a folder\n", encoding="utf-8")
    bad = str(world.tmp / "a-file" / f"new\nline{OSC_TITLE}{RLO}txt" / "companion.db")
    argv = world.argv(path, CORPUS[path].values)
    if name == "--db":
        argv[-1] = bad
    else:
        argv[argv.index(str(CORPUS[path].values[name]).replace("{tmp}", str(world.tmp)))] = bad
    before = fingerprint(world.tmp)
    result = cli(*argv)
    assert result.code in (0, 2), result.err
    if result.code == 2 and path != ("doctor",):
        line = result.assert_user_error()
        assert len(line) < 400, line
    assert raw_unsafe(result.out + result.err) == []
    after = fingerprint(world.tmp)
    if result.code == 0:  # what it did with its other arguments (`content export DIR`) is fine
        after, before = (
            {k: v for k, v in files.items() if k.startswith("companion")}
            for files in (after, before)
        )
    assert after == before


def duplicate_cases() -> Iterator[object]:
    for path, parser in PARSERS.items():
        for name, action in value_arguments(parser).items():
            if action.option_strings and action.nargs is None:
                yield pytest.param(path, name, id=f"{' '.join(path) or 'app'} {name}")


@pytest.mark.parametrize(("path", "name"), list(duplicate_cases()))
def test_a_single_valued_option_given_twice_is_refused(cli, world: World, path, name) -> None:
    argv = world.argv(path, CORPUS[path].values)
    at = argv.index(name)
    argv[at + 2 : at + 2] = argv[at : at + 2]  # the same option and value again
    line = assert_refused(cli, world, argv)
    assert line.startswith(f"companion: {name} was given twice; give it once")


def test_db_given_before_and_after_the_command_is_given_twice(cli, world: World) -> None:
    other = str(world.tmp / "other.db")
    line = assert_refused(cli, world, ["--db", other, "today", "--db", str(world.db)])
    assert line.startswith("companion: --db was given twice")


# ---------------------------------------------------------------- what is not hostile


def stored_cases() -> Iterator[object]:
    for path, command in CORPUS.items():
        for name in sorted(command.stored):
            yield pytest.param(path, name, id=f"{' '.join(path)} {name}")


@pytest.mark.parametrize(("path", "name"), list(stored_cases()))
def test_markup_in_text_is_saved_as_typed(cli, world: World, path, name) -> None:
    markup = "[bold red]x[/]"
    values = dict(CORPUS[path].values)
    values[name] = [markup] if isinstance(values[name], list) else markup
    result = cli(*world.argv(path, values))
    assert result.code == 0, result.err
    assert markup.encode() in world.db.read_bytes()


def digit_cases() -> Iterator[object]:
    for path, command in CORPUS.items():
        for name, kind in command.kinds.items():
            if path in RUN_UNTIL_STOPPED:
                continue
            if kind in (NUMBER, DATE) and any(c.isdigit() for c in str(command.values[name])):
                for zero, script in ((ARABIC_INDIC, "arabic-indic"), (FULLWIDTH, "fullwidth")):
                    yield pytest.param(path, name, zero, id=f"{' '.join(path)} {name} {script}")


@pytest.mark.parametrize(("path", "name", "zero"), list(digit_cases()))
def test_digits_of_any_script_mean_what_ascii_digits_mean(
    cli, world: World, path, name, zero
) -> None:
    values = dict(CORPUS[path].values)
    given = values[name]
    values[name] = (
        [digits_in(zero, word) for word in given]
        if isinstance(given, list)
        else digits_in(zero, given)
    )
    other = cli(*world.argv(path, values))
    world.reset()
    ascii = cli(*world.argv(path, CORPUS[path].values))
    assert (other.code, other.err) == (0, "")
    assert other.out == ascii.out
