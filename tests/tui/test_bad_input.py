"""Every text field of the app, given hostile input: a kind word, the typing kept, nothing written.

Each field is opened as a participant would open it, the other fields left
valid, and given one entry of the corpus (as if typed or pasted), then
submitted with Enter. What is refused shows a warning on one line, leaves the
typing in the field and the database exactly as it was (every row, compared
with a full dump) and the app running. What a field rightly takes (brackets
in a name are ordinary text) is stored exactly as typed.

Digits from other scripts (Arabic-Indic, fullwidth) in a number or a date
follow one rule for the whole app, decided in the domain: either refused like
any bad number, or read as the digits they are. These rows accept both, and
check that the value is never misread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, TextArea

from companion.store import Store
from companion.store.files import exports_dir
from companion.tui.dialogs.action_plan_item import PlanItemDialog
from companion.tui.dialogs.add_habit import HabitDialog
from companion.tui.dialogs.edit_entry import EntryDialog
from companion.tui.dialogs.habit_target import TargetDialog
from companion.tui.dialogs.move_session import MoveDialog
from companion.tui.dialogs.pack import PackDialog
from companion.tui.dialogs.pause_days import PauseDialog
from companion.tui.dialogs.practice_timer import PracticeScreen
from companion.tui.dialogs.rename_habit import RenameDialog
from companion.tui.dialogs.start_scale import StartDialog
from companion.tui.screens.administer import AdministerScreen
from companion.tui.screens.onboarding import OnboardingScreen
from companion.tui.screens.search import SearchScreen
from companion.tui.screens.selfcare import SelfCareScreen
from companion.tui.screens.sheet import SheetScreen

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)  # as tests/tui/conftest.py
TODAY = dt.date(2026, 11, 26)

# The corpus. Every entry is something a line of text must not be, but the
# markup (brackets are ordinary text: each fits the shortest field, a unit).
MARKUP = ("tags", "actions")
CORPUS = {
    "tags": "[/][bold red]x[/]",
    "actions": "[link=x][@click=q]y",
    "escape": "a\x1b[2Jb",
    "title": "\x1b]0;owned\x07",
    "nul": "a\x00b",
    "bidi": "abc\u202edef",
    "separator": "a\u2028b",
    "invisible": "\u200b\u200d\ufeff",
    "hangul-filler": "\u3164",
    "huge": "x" * 5000,
}


def arabic_indic(text: str) -> str:
    return "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in text)


def fullwidth(text: str) -> str:
    return "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in text)


@dataclass(frozen=True)
class Field:
    """One text field: how to reach it, and what it writes."""

    name: str
    kind: str  # "text" (any line of words), "number", "date" or "key"
    reach: Callable[[Pilot[object]], Awaitable[Input]]
    saved: Callable[[Store], object]  # what this field writes, read back from the store
    expect: Callable[[str], object]  # what `saved` gives once the field took `text`
    example: str  # a valid entry with digits in it, to write in other scripts' digits
    prefix: str = ""  # typed before the entry (the log box: an amount, then a note)
    joins_lines: bool = False  # a pasted paragraph becomes one line (a commitment)
    demo: bool = True  # the demo programme, or a new database (onboarding)


# ---------------------------------------------------------------- reaching each field


async def _press(pilot: Pilot[object], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def _onboarding(pilot: Pilot[object], field: str) -> Input:
    await pilot.pause()
    assert isinstance(pilot.app.screen, OnboardingScreen)
    pilot.app.screen.query_one("#name", Input).focus()  # Enter in the name field starts
    return pilot.app.screen.query_one(f"#{field}", Input)


async def _log_box(pilot: Pilot[object]) -> Input:
    await _press(pilot, "4", "down", "l")  # walking, in minutes
    assert isinstance(pilot.app.screen, SelfCareScreen)
    return pilot.app.screen.query_one("#log-input", Input)


async def _entry(pilot: Pilot[object], field: str) -> Input:
    await _press(pilot, "4", "e")  # this morning's meditation, 10 minutes with a note
    assert isinstance(pilot.app.screen, EntryDialog)
    return _focused(pilot, field)


async def _habit_dialog(pilot: Pilot[object], field: str) -> Input:
    await _press(pilot, "4", "n")
    assert isinstance(pilot.app.screen, HabitDialog)
    pilot.app.screen.query_one("#name", Input).value = "Kind moment"
    await pilot.pause()
    return _focused(pilot, field)


async def _rename(pilot: Pilot[object]) -> Input:
    await _press(pilot, "4", "r")  # meditation
    assert isinstance(pilot.app.screen, RenameDialog)
    return _focused(pilot, "name")


async def _target(pilot: Pilot[object], field: str) -> Input:
    await _press(pilot, "4", "down", "down", "c")  # hydration: 8 glasses a day
    assert isinstance(pilot.app.screen, TargetDialog)
    return _focused(pilot, field)


async def _pause(pilot: Pilot[object], field: str) -> Input:
    await _press(pilot, "4", "b")  # today, not paused
    assert isinstance(pilot.app.screen, PauseDialog)
    return _focused(pilot, field)


async def _move(pilot: Pilot[object]) -> Input:
    await _press(pilot, "2", "down", "down", "v")
    assert isinstance(pilot.app.screen, MoveDialog)
    return _focused(pilot, "when")


async def _plan_item(pilot: Pilot[object], field: str) -> Input:
    await _press(pilot, "3", "p", "a")
    assert isinstance(pilot.app.screen, PlanItemDialog)
    pilot.app.screen.query_one("#plan-text", Input).value = "Walk at lunch"
    return _focused(pilot, field)


async def _practice(pilot: Pilot[object]) -> Input:
    await _press(pilot, "4", "p")
    assert isinstance(pilot.app.screen, PracticeScreen)
    return _focused(pilot, "minutes")


async def _scale_day(pilot: Pilot[object]) -> Input:
    await _press(pilot, "5")
    pilot.app.screen.query_one(DataTable).move_cursor(row=1)  # SCS-SF
    await _press(pilot, "enter")
    assert isinstance(pilot.app.screen, StartDialog)
    return _focused(pilot, "start-day")


async def _pack(pilot: Pilot[object]) -> Input:
    await _press(pilot, "6", "p")
    assert isinstance(pilot.app.screen, PackDialog)
    return _focused(pilot, "pack-cohort")


def _given_pack(store: Store) -> object:
    """The cohort label of the evaluation pack the app gave, or None before one."""
    import json

    given = exports_dir(store.path) / "evaluation-pack.json"
    return json.loads(given.read_text(encoding="utf-8"))["cohort"] if given.exists() else None


def _focused(pilot: Pilot[object], field: str) -> Input:
    found = pilot.app.screen.query_one(f"#{field}", Input)
    found.focus()
    return found


# ---------------------------------------------------------------- what each field saves


def _setup(store: Store, what: str) -> object:
    setup = store.programme.setup()
    return None if setup is None else getattr(setup, what)


def _walks_today(store: Store) -> list[tuple[float, str | None]]:
    return [(e.value, e.note) for e in store.selfcare.entries_on(TODAY) if e.habit_id == 2]


def _meditation_entry(store: Store) -> tuple[float, str | None]:
    entry = next(e for e in store.selfcare.entries_on(TODAY) if e.habit_id == 1)
    return entry.value, entry.note


def _new_habit(store: Store, what: str) -> object:
    return [getattr(h, what) for h in store.selfcare.habits() if h.id > 3]  # the demo has 3


def _pauses(store: Store) -> list[object]:
    return [(p.first, p.last, p.reason) for p in store.selfcare.pauses(TODAY, TODAY)]


def _new_plan_items(store: Store) -> list[tuple[str, dt.date | None]]:
    return [(i.text, i.due) for i in store.worksheets.actions() if i.created == NOW]


def _scale_started_on(store: Store) -> dt.date | None:
    unfinished = store.scales.unfinished("scs-sf")
    return None if unfinished is None else unfinished.day


def _moves_to_december(store: Store) -> list[dt.datetime]:
    setup = store.programme.setup()
    assert setup is not None
    return [when for when in setup.moves.values() if when.month == 12]


NOTE = "Ten minutes before anyone else was up"  # this morning's meditation

FIELDS = [
    Field(
        "onboarding name",
        "text",
        lambda p: _onboarding(p, "name"),
        lambda s: _setup(s, "name"),
        lambda text: text,
        "Sam 2",
        demo=False,
    ),
    Field(
        "onboarding start date",
        "date",
        lambda p: _onboarding(p, "start"),
        lambda s: _setup(s, "start"),
        lambda _: dt.date(2026, 11, 30),
        "2026-11-30",
        demo=False,
    ),
    Field("log amount", "number", _log_box, _walks_today, lambda _: [(25.0, None)], "25"),
    Field(
        "log note",
        "text",
        _log_box,
        _walks_today,
        lambda text: [(25.0, text)],
        "after 2 calls",
        prefix="25 ",
    ),
    Field(
        "entry amount",
        "number",
        lambda p: _entry(p, "amount"),
        _meditation_entry,
        lambda _: (12.0, NOTE),
        "12",
    ),
    Field(
        "entry note",
        "text",
        lambda p: _entry(p, "note"),
        _meditation_entry,
        lambda text: (10.0, text),
        "2 breaths",
    ),
    Field("pack cohort label", "text", _pack, _given_pack, lambda text: text, "Spring 2026"),
    Field(
        "habit name",
        "text",
        lambda p: _habit_dialog(p, "name"),
        lambda s: _new_habit(s, "name"),
        lambda text: [text],
        "Kind moment 2",
    ),
    Field(
        "habit key",
        "key",
        lambda p: _habit_dialog(p, "key"),
        lambda s: _new_habit(s, "key"),
        lambda _: ["kind-2"],
        "kind-2",
    ),
    Field(
        "habit unit",
        "text",
        lambda p: _habit_dialog(p, "unit"),
        lambda s: _new_habit(s, "unit"),
        lambda text: [text],
        "2 times",
    ),
    Field(
        "habit target",
        "number",
        lambda p: _habit_dialog(p, "target"),
        lambda s: _new_habit(s, "target"),
        lambda _: [3.0],
        "3",
    ),
    Field(
        "rename",
        "text",
        _rename,
        lambda s: s.selfcare.habits()[0].name,
        lambda text: text,
        "Meditation 2",
    ),
    Field(
        "habit target change",
        "number",
        lambda p: _target(p, "target"),
        lambda s: (s.selfcare.habits()[2].target, s.selfcare.habits()[2].unit),
        lambda _: (12.0, "glasses"),
        "12",
    ),
    Field(
        "habit unit change",
        "text",
        lambda p: _target(p, "unit"),
        lambda s: (s.selfcare.habits()[2].target, s.selfcare.habits()[2].unit),
        lambda text: (8.0, text),
        "2 cups",
    ),
    Field(
        "pause first day",
        "date",
        lambda p: _pause(p, "first"),
        _pauses,
        lambda _: [(TODAY, TODAY, None)],
        "2026-11-26",
    ),
    Field(
        "pause last day",
        "date",
        lambda p: _pause(p, "last"),
        _pauses,
        lambda _: [(TODAY, TODAY, None)],
        "2026-11-26",
    ),
    Field(
        "pause reason",
        "text",
        lambda p: _pause(p, "reason"),
        _pauses,
        lambda text: [(TODAY, TODAY, text)],
        "flu, 2 days",
    ),
    Field(
        "move session",
        "date",
        _move,
        _moves_to_december,
        lambda _: [dt.datetime(2026, 12, 3, 10, 30)],
        "2026-12-03 10:30",
    ),
    Field(
        "plan item text",
        "text",
        lambda p: _plan_item(p, "plan-text"),
        _new_plan_items,
        lambda text: [(text, None)],
        "Walk 2 times",
        joins_lines=True,
    ),
    Field(
        "plan item date",
        "date",
        lambda p: _plan_item(p, "plan-due"),
        _new_plan_items,
        lambda _: [("Walk at lunch", dt.date(2026, 12, 3))],
        "2026-12-03",
    ),
    Field(
        "scale day answered",
        "date",
        _scale_day,
        _scale_started_on,
        lambda _: dt.date(2026, 11, 20),
        "2026-11-20",
    ),
]


def _refused(field: Field) -> list[tuple[str, str]]:
    """The corpus entries `field` must refuse, as (kind, text)."""
    return [
        (kind, text)
        for kind, text in CORPUS.items()
        if not (field.kind == "text" and kind in MARKUP)  # brackets are ordinary text
        and not (field.joins_lines and kind == "separator")
    ]


def _taken() -> list[object]:
    """Entries a field takes (or, for other scripts' digits in a number, may take)."""
    cases = []
    for field in FIELDS:
        taken = [(kind, CORPUS[kind]) for kind in MARKUP if field.kind == "text"]
        if field.joins_lines:
            taken.append(("separator", CORPUS["separator"]))
        scripts = (("arabic-indic", arabic_indic), ("fullwidth", fullwidth))
        for script, digits in scripts[:1] if field.kind == "text" else scripts:
            taken.append((script, digits(field.example)))
        cases += [pytest.param(field, k, t, id=f"{field.name}-{k}") for k, t in taken]
    return cases


def _warnings_are_kind(notifications: list[object], typed: str) -> None:
    assert notifications, f"a refusal says what is wrong ({typed[:40]!r})"
    for note in notifications:
        message: str = note.message  # type: ignore[attr-defined]
        assert note.severity == "warning", message  # type: ignore[attr-defined]
        assert message and "\n" not in message and len(message) < 300, message
        assert "Traceback" not in message and "Error" not in message, message
        assert not any(c in message for c in "\x00\x07\x1b\u202e\u2028"), message


async def _submit(pilot: Pilot[object], box: Input, text: str) -> list[object]:
    """Put `text` in `box` (as typed or pasted), press Enter; the notifications it brought."""
    app = pilot.app
    app._notifications.clear()  # type: ignore[attr-defined]
    box.value = text
    await pilot.pause()
    await _press(pilot, "enter")
    assert app.return_code is None, app.crash_line  # type: ignore[attr-defined]
    return list(app._notifications)  # type: ignore[attr-defined]


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
async def test_a_field_refuses_bad_input_kindly_and_keeps_the_typing(
    field: Field, demo_store, empty_store, make_app
):
    store = demo_store if field.demo else empty_store
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        box = await field.reach(pilot)
        await app.workers.wait_for_complete()  # the daily backup, before the "before"
        before = list(store.conn.iterdump())
        saved_before = field.saved(store)
        screen = app.screen
        for kind, text in _refused(field):
            typed = field.prefix + text
            _warnings_are_kind(await _submit(pilot, box, typed), typed)
            assert app.screen is screen, kind  # the dialog stays open
            assert box.value == typed, kind  # with the typing in it
            assert list(store.conn.iterdump()) == before, kind  # nothing written
        assert field.saved(store) == saved_before


@pytest.mark.parametrize(("field", "kind", "typed"), _taken())
async def test_a_field_takes_brackets_and_never_misreads_digits(
    field: Field, kind: str, typed: str, demo_store, empty_store, make_app
):
    store = demo_store if field.demo else empty_store
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        box = await field.reach(pilot)
        await app.workers.wait_for_complete()
        before = list(store.conn.iterdump())
        notes = await _submit(pilot, box, field.prefix + typed)
        refused = [n for n in notes if n.severity == "warning"]
        if field.kind != "text" and refused:  # another script's digits, refused: kindly
            _warnings_are_kind(notes, typed)
            assert box.value == field.prefix + typed
            assert list(store.conn.iterdump()) == before
        elif field.kind != "text":  # or read as the digits they are: never misread
            assert field.saved(store) == field.expect(field.example)
        else:  # a line of words takes them exactly as typed
            assert not refused, notes
            written = typed.replace("\u2028", " ") if field.joins_lines else typed
            assert field.saved(store) == field.expect(written)


# ---------------------------------------------------------------- the practice minutes

BAD_MINUTES = [*CORPUS.values(), "0", "-5", "181", "1e400", "1" + "0" * 30, "nan"]


async def test_practice_minutes_refuse_bad_input_kindly(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        box = await _practice(pilot)
        before = list(demo_store.conn.iterdump())
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        for typed in BAD_MINUTES:
            _warnings_are_kind(await _submit(pilot, box, typed), typed)
            assert app.screen is screen and screen.countdown is None, typed  # not begun
            assert box.value == typed
        assert list(demo_store.conn.iterdump()) == before


@pytest.mark.parametrize("digits", [arabic_indic, fullwidth], ids=["arabic-indic", "fullwidth"])
async def test_practice_minutes_never_misread_digits(digits, demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        box = await _practice(pilot)
        notes = await _submit(pilot, box, digits("10"))
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        if screen.countdown is None:  # refused, kindly
            _warnings_are_kind(notes, digits("10"))
            assert box.value == digits("10")
        else:  # or read as the digits they are
            assert screen.countdown.minutes == 10


# ---------------------------------------------------------------- search


async def test_the_search_box_takes_anything_and_writes_nothing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _press(pilot, "3", "slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await app.workers.wait_for_complete()
        before = list(demo_store.conn.iterdump())
        box = screen.query_one(Input)
        for typed in [*CORPUS.values(), "x" * 201, arabic_indic("2026")]:
            box.focus()  # a search with hits moves the focus to them
            await _submit(pilot, box, typed)
            summary = str(screen.query_one("#search-summary").render())
            assert app.screen is screen and box.value == typed
            # What it says (no match, or what to change) is one line, shown safely.
            assert "\n" not in summary.strip(), summary
            assert not any(c in summary for c in "\x00\x07\x1b\u202e\u2028"), summary
        assert list(demo_store.conn.iterdump()) == before  # a search writes nothing
        assert not [n for n in app._notifications if n.severity == "error"]


# ---------------------------------------------------------------- answers and scales


async def test_an_answer_keeps_any_writing_but_nul(demo_store, make_app, save_clock):
    from companion.domain.worksheets import answers

    app = make_app(demo_store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _press(pilot, "3")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("self-kindness"))
        await _press(pilot, "enter")
        assert isinstance(app.screen, SheetScreen)
        area = app.screen.query_one("#answer-the-difference", TextArea)
        area.focus()
        saved = None
        for kind, typed in CORPUS.items():
            app._notifications.clear()
            area.select_all()
            app.post_message(events.Paste(typed))  # replaces the answer so far
            await pilot.pause()
            save_clock.now += answers.SAVE_QUIET_S
            await save_clock.next_tick(pilot)
            stored = demo_store.worksheets.answers("self-kindness").get("the-difference")
            # A line separator is a line break in the editor, as in most.
            written = typed.replace("\u2028", "\n")
            assert area.text == written, kind  # always kept
            if kind == "nul":  # the one thing an answer cannot hold
                _warnings_are_kind(list(app._notifications), typed)
                assert stored is not None and stored.text == saved  # the answer before
            else:  # writing is the writer's: markup, controls and all, stored as typed
                assert stored is not None and stored.text == written, kind
                saved = written


async def test_a_scale_answer_is_only_ever_1_to_5(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _press(pilot, "5", "enter", "enter")  # the SCS: begin
        screen = app.screen
        assert isinstance(screen, AdministerScreen)
        before = list(demo_store.conn.iterdump())
        for key in ["0", "6", "9", "x", "\u0663", "\uff13", "\u00b2"]:  # \u00b2: superscript 2
            await _press(pilot, key)
            assert app.return_code is None and app.screen is screen and screen.item == 1, key
            assert screen.query_one("#admin-options", OptionList).highlighted is None, key
        assert list(demo_store.conn.iterdump()) == before
