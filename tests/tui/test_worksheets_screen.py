"""The Worksheets section driven as a participant would: keys, clicks, and what is stored.

The demo is Sam, Thursday 26 November 2026 09:30 London, week 5: the baseline,
mindfulness and common-humanity sheets and two sets of coaching notes are
done, self-kindness has three answers, the letter is sealed.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

import pytest
from textual import events
from textual.widgets import DataTable, OptionList, Static

from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.domain.worksheets import answers
from companion.domain.worksheets.answers import ANSWER_LIMIT
from companion.store import StoreError
from companion.tui.dialogs.answer_versions import VersionsDialog
from companion.tui.dialogs.confirm import AskDialog
from companion.tui.screens.action_plan import ActionPlanScreen
from companion.tui.screens.letter import LetterScreen
from companion.tui.screens.search import HINT as SEARCH_HINT
from companion.tui.screens.search import SearchScreen
from companion.tui.screens.sheet import SheetScreen
from companion.tui.screens.side_by_side import SideBySideScreen
from companion.tui.screens.today import TodayScreen
from companion.tui.screens.worksheets import WorksheetsScreen
from companion.tui.widgets.answer_area import AnswerArea

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)  # as tests/tui/conftest.py


def cell(app, sheet_id: str, column: str) -> str:
    return str(app.screen.query_one(DataTable).get_cell(sheet_id, column))


def stored(store, sheet_id: str, prompt_id: str) -> str | None:
    """What another connection reads from the file: what was committed."""
    conn = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT body FROM answer WHERE sheet_id = ? AND prompt_id = ?", (sheet_id, prompt_id)
        ).fetchone()
    finally:
        conn.close()
    return None if row is None else row[0]


def status_line(app) -> str:
    return str(app.screen.query_one("#sheet-status", Static).render())


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def searched(app) -> bool:
    """The search has run: the summary says what it found instead of the hint."""
    return str(app.screen.query_one("#search-summary", Static).render()) != SEARCH_HINT


async def open_sheet(pilot, app, sheet_id: str) -> SheetScreen:
    await pilot.press("3")
    await pilot.pause()
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(sheet_id))
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, SheetScreen)
    return app.screen


def focused_area(app) -> AnswerArea:
    focused = app.screen.focused
    assert isinstance(focused, AnswerArea), focused
    return focused


# ---------------------------------------------------------------- the list


async def test_key_3_lists_every_sheet_with_week_component_and_status(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, WorksheetsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 11
        assert cell(app, "questionnaire-baseline", "week") == "before"
        assert cell(app, "mindfulness", "component") == "Mindfulness"
        assert cell(app, "mindfulness", "status") == "complete"
        assert cell(app, "self-kindness", "status") == "in progress"
        assert cell(app, "coaching-3", "component") == "Coaching notes"
        assert cell(app, "coaching-3", "status") == "not started"
        assert cell(app, "barriers-and-keeping-going", "component") == "Barriers"
        assert cell(app, "letter", "status") == "sealed"
        # This week's sheet is where the cursor starts.
        assert table.cursor_row == table.get_row_index("self-kindness")
        more = str(app.screen.query_one("#worksheets-more", Static).render())
        assert "Action plan: 2 open of 5" in more
        assert "Sealed. It opens on Monday 18 January 2027" in more


# ---------------------------------------------------------------- writing and autosave


async def test_typing_is_saved_a_second_after_the_last_key(
    demo_store, make_app, monkeypatch, save_clock
):
    monkeypatch.setattr(answers, "SAVE_MAX_WAIT_S", 600.0)  # quiet rule only
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sheet(pilot, app, "self-kindness")
        area = focused_area(app)
        assert area.key == "the-difference"  # the first prompt without an answer
        await pilot.press(*"Gentler, and no less honest")
        save_clock.now += 0.9
        await save_clock.next_tick(pilot)
        assert stored(demo_store, "self-kindness", "the-difference") is None  # not yet
        save_clock.now += 0.1
        await save_clock.next_tick(pilot)
        assert stored(demo_store, "self-kindness", "the-difference") == (
            "Gentler, and no less honest"
        )
        line = status_line(app)
        assert line.startswith("Saved at 09:30")
        assert "5 words here" in line
        assert "4 of 12 answered" in line


async def test_typing_without_a_pause_is_still_saved_every_one_and_a_quarter_seconds(
    demo_store, make_app, monkeypatch, save_clock
):
    monkeypatch.setattr(answers, "SAVE_QUIET_S", 600.0)  # max-wait rule only
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sheet(pilot, app, "self-kindness")
        await pilot.press("a")
        for typed in range(6):  # 1.8 s of typing, never a second's pause
            save_clock.now += 0.3
            await pilot.press("b")
            if typed == 3:  # 1.2 s in: not yet
                await save_clock.next_tick(pilot)
                assert stored(demo_store, "self-kindness", "the-difference") is None
        await save_clock.next_tick(pilot)
        saved = stored(demo_store, "self-kindness", "the-difference")
        assert saved is not None and saved.startswith("ab")
        assert focused_area(app).text.startswith(saved)


async def test_leaving_the_app_straight_after_typing_keeps_it(demo_store, make_app, monkeypatch):
    # No autosave at all: only the save on the way out can keep the words.
    monkeypatch.setattr("companion.domain.worksheets.answers.SAVE_QUIET_S", 600.0)
    monkeypatch.setattr("companion.domain.worksheets.answers.SAVE_MAX_WAIT_S", 600.0)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sheet(pilot, app, "self-kindness")
        await pilot.press(*"last words")
        await pilot.press("ctrl+q")
    assert stored(demo_store, "self-kindness", "the-difference") == "last words"


async def test_prompts_are_reachable_by_keyboard_and_mouse(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_sheet(pilot, app, "self-kindness")
        keys = [a.key for a in screen.query(AnswerArea)]
        assert focused_area(app).key == "the-difference"
        await pilot.press("ctrl+down")
        assert focused_area(app).key == keys[keys.index("the-difference") + 1]
        await pilot.press("ctrl+up", "ctrl+up")
        assert focused_area(app).key == "colleague-words"
        await pilot.press("tab")
        assert focused_area(app).key == "the-difference"
        target = screen.query_one("#answer-kinder-words", AnswerArea)
        screen.query_one("#sheet-body").scroll_to_widget(target, animate=False)
        await pilot.pause()
        await pilot.click("#answer-kinder-words")
        assert focused_area(app).key == "kinder-words"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorksheetsScreen)


# ---------------------------------------------------------------- versions and completion


async def test_an_earlier_version_can_be_seen_and_restored(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_sheet(pilot, app, "mindfulness")
        await pilot.press("ctrl+up")  # from the first prompt round to the last
        area = focused_area(app)
        assert area.key == "try-this-week"
        current = area.text
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, VersionsDialog)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        assert "Breathe before meetings." in str(options.get_option_at_index(0).prompt)
        assert "Breathe before meetings." in str(app.screen.query_one("#versions-text").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SheetScreen)
        assert area.text == "Breathe before meetings."
        assert stored(demo_store, "mindfulness", "try-this-week") == "Breathe before meetings."
        kept = [v.text for v in demo_store.worksheets.versions("mindfulness", "try-this-week")]
        assert kept[0] == current  # the text it replaced can be restored in turn
        assert any("Restored" in n for n in notes(app))


async def test_marking_complete_counts_toward_the_programme(demo_store, make_app, shown):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = re.search(r"(\d+) of (\d+) activities", shown(app, "#so-far"))
        assert before is not None
        await open_sheet(pilot, app, "self-kindness")
        await pilot.press("ctrl+t")
        assert "self-kindness" in demo_store.worksheets.completed()
        assert "complete" in str(app.screen.query_one("#sheet-title", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert cell(app, "self-kindness", "status") == "complete"
        await pilot.press("1")
        await pilot.pause()
        after = re.search(r"(\d+) of (\d+) activities", shown(app, "#so-far"))
        assert after is not None
        assert int(after[1]) == int(before[1]) + 1
        assert after[2] == before[2]


# ---------------------------------------------------------------- the questionnaire side by side


async def test_baseline_and_end_side_by_side(demo_store, make_app):
    demo_store.worksheets.save_answer(
        "questionnaire-end", "changed-work", "Huddles start kindly", NOW
    )
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "b")
        await pilot.pause()
        assert isinstance(app.screen, SideBySideScreen)
        assert "At the start \u00b7 Fri 23 Oct" in str(
            app.screen.query_one("#pairs-start").render()
        )
        assert "At the end \u00b7 Thu 17 Dec" in str(app.screen.query_one("#pairs-end").render())
        pairs = list(app.screen.query(".pair"))
        assert len(pairs) == 8  # 6 baseline prompts + 2 end prompts without a pair
        left, right = (str(c.render()) for c in pairs[0].query(Static))
        assert left.startswith("My role and context\nAssociate director of nursing")
        assert right == "What has changed at work\nHuddles start kindly"
        left, right = (str(c.render()) for c in pairs[1].query(Static))
        assert (left, right) == ("", "What has changed in my leadership\nNot answered yet.")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SheetScreen)
        assert app.screen.sheet.id == "questionnaire-end"


# ---------------------------------------------------------------- the action plan


async def test_the_action_plan_add_done_let_go(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("3", "p")
        await pilot.pause()
        assert isinstance(app.screen, ActionPlanScreen)
        assert app.screen.query_one(DataTable).row_count == 5
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Swim on Saturdays", "tab", *"2026-12-05", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionPlanScreen)
        item = next(i for i in demo_store.worksheets.actions() if i.text == "Swim on Saturdays")
        assert (item.due, item.state) == (dt.date(2026, 12, 5), "open")
        assert app.screen._selected() == item  # the cursor is on the new item
        await pilot.press("d")
        assert demo_store.worksheets.action(item.id).state == "done"
        await pilot.press("g")
        assert demo_store.worksheets.action(item.id).state == "let-go"
        assert any(n.startswith("Let go. Plans change") for n in notes(app))
        await pilot.press("o")
        assert demo_store.worksheets.action(item.id).state == "open"


async def test_a_bad_plan_date_keeps_the_dialog_and_the_typing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("3", "p", "a")
        await pilot.pause()
        await pilot.press(*"Rest", "tab", *"2026-11-31", "enter")
        await pilot.pause()
        assert app.screen.query_one("#plan-text").value == "Rest"
        assert any("November 2026 has 30 days" in n for n in notes(app))
        assert len(demo_store.worksheets.actions()) == 5


async def test_a_commitment_goes_to_the_plan_from_the_sheet(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sheet(pilot, app, "self-kindness")
        # From the fourth prompt back round to the closing "what will you try this week?"
        await pilot.press("ctrl+up", "ctrl+up", "ctrl+up", "ctrl+up")
        assert focused_area(app).key == "try-this-week"
        await pilot.press(*"One kind word a day", "ctrl+n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        added = demo_store.worksheets.actions()[-1]
        assert (added.text, added.source_sheet, added.source_prompt) == (
            "One kind word a day",
            "self-kindness",
            "try-this-week",
        )


# ---------------------------------------------------------------- the letter


@pytest.fixture
def week_2_store(empty_store):
    """A programme that started Monday 16 November 2026: NOW is in week 2."""
    empty_store.programme.save_setup(
        dt.date(2026, 11, 16), "Ana", "Europe/London", DEFAULT_HABITS, NOW
    )
    return empty_store


async def test_the_letter_is_written_sealed_and_opened_on_its_day(
    week_2_store, make_app, save_clock
):
    app = make_app(week_2_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "l")
        await pilot.pause()
        assert isinstance(app.screen, LetterScreen)
        await pilot.press(*"Dear Ana, go gently.")
        save_clock.now += answers.SAVE_QUIET_S
        await save_clock.next_tick(pilot)
        assert week_2_store.conn.execute("SELECT body FROM letter").fetchone() == (
            "Dear Ana, go gently.",
        )
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        await pilot.click("#yes")
        await pilot.pause()
        # Start 16 Nov 2026: week 8 from 4 Jan, the end Thu 7 Jan, one month on is
        # Sun 7 Feb, so the follow-up (and the letter) is Monday 8 February 2027.
        sentence = str(app.screen.query_one("#letter-sentence").render())
        assert sentence == "Sealed. It opens on Monday 8 February 2027, at the follow-up workshop."
        assert not app.screen.query(AnswerArea)
        shown_text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "go gently" not in shown_text

    followup = dt.datetime(2027, 2, 8, 9, 0, tzinfo=dt.UTC)
    later = make_app(week_2_store, followup)
    async with later.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        assert "Your letter to yourself is ready to open" in str(
            later.screen.query_one("#worksheets-card").render()
        )
        await pilot.press("3", "l")
        await pilot.pause()
        assert "go gently" not in str(later.screen.query_one("#letter-body").render())
        await pilot.press("enter")  # "Open my letter" has the focus
        await pilot.pause()
        assert str(later.screen.query_one("#letter-read").render()) == "Dear Ana, go gently."
        assert week_2_store.conn.execute("SELECT opened_utc FROM letter").fetchone() == (
            "2027-02-08T09:00:00Z",
        )


# ---------------------------------------------------------------- search


async def test_search_from_today_finds_and_opens_an_answer(demo_store, make_app, wait_until):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"matrons")
        await wait_until(pilot, lambda: searched(app))
        hits = app.screen.hits
        assert len(hits) == 8  # seven answers and one plan item mention the matrons
        assert sum(h.match.kind == "plan" for h in hits) == 1
        assert "8 matches" in str(app.screen.query_one("#search-summary").render())
        index = next(i for i, h in enumerate(hits) if h.match.prompt_id == "settle-meeting")
        await pilot.press("down")
        app.screen.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SheetScreen)
        assert focused_area(app).key == "settle-meeting"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_search_finds_a_self_care_note_and_opens_its_day(demo_store, make_app, wait_until):
    """A note is shown with its habit and day; enter goes to that day in Self-care, with
    the note's habit highlighted and the note among the day's entries."""
    from companion.tui.screens.selfcare import SelfCareScreen

    walking = next(h for h in demo_store.selfcare.habits() if h.key == "walking")
    noted = dt.date(2026, 11, 17)
    when = dt.datetime(2026, 11, 17, 13, 0, tzinfo=dt.UTC)
    demo_store.selfcare.log(walking, noted, 10, "A heron by the pond", when, "Europe/London")
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"heron")
        await wait_until(pilot, lambda: searched(app))
        (hit,) = app.screen.hits
        assert hit.where == "Self-care \u00b7 Walking \u00b7 Tuesday 17 November 2026"
        shown = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert (
            shown
            == "Self-care \u00b7 Walking \u00b7 Tuesday 17 November 2026\nA heron by the pond"
        )
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SelfCareScreen))
        await pilot.pause()
        title = str(app.screen.query_one("#selfcare-title", Static).render())
        assert title.startswith("Tuesday 17 November 2026")
        table = app.screen.query_one("#habit-table", DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == str(
            walking.id
        )
        entries = app.screen.query_one("#day-entries", OptionList)
        prompts = [str(entries.get_option_at_index(i).prompt) for i in range(entries.option_count)]
        assert any("A heron by the pond" in prompt for prompt in prompts)


async def test_ctrl_f_searches_from_a_sheet_and_the_list(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sheet(pilot, app, "self-kindness")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape", "escape", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


# ---------------------------------------------------------------- shown literally


async def test_markup_and_control_characters_are_shown_literally(demo_store, make_app, wait_until):
    typed = "[bold]big[/] \x1b[31mred [link=x]y"
    demo_store.worksheets.save_answer("questionnaire-baseline", "role-context", typed, NOW)
    item = demo_store.worksheets.add_action("[b]plan[/b]", None, NOW)
    # A control character can no longer be typed into a commitment; one stored
    # before that rule (or written by another program) is still shown safely.
    demo_store.conn.execute(
        "UPDATE plan_item SET body = ? WHERE id = ?", ("[b]plan[/b] \x07", item.id)
    )
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "b")
        await pilot.pause()
        left = str(app.screen.query(".pair").first().query(Static).first().render())
        assert left == "My role and context\n[bold]big[/] \\x1b[31mred [link=x]y"
        await pilot.press("escape", "p")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        texts = [str(table.get_row_at(r)[1]) for r in range(table.row_count)]
        assert "[b]plan[/b] \\x07" in texts
        await pilot.press("escape", "up")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("questionnaire-baseline"))
        await pilot.press("enter")
        await pilot.pause()
        area = app.screen.query_one("#answer-role-context", AnswerArea)
        assert area.text == typed
        line = area.get_line(0).plain
        assert line == "[bold]big[/] \u241b[31mred [link=x]y"  # ESC shown, never sent
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"big")
        await wait_until(pilot, lambda: searched(app))
        assert len(app.screen.hits) == 1
        hit = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "[bold]big[/] \\x1b[31mred" in hit


# ---------------------------------------------------------------- bad input keeps the text


async def test_a_nul_is_not_saved_and_the_text_stays_until_it_is_removed(
    demo_store, make_app, save_clock
):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_sheet(pilot, app, "self-kindness")
        area = focused_area(app)
        app.post_message(events.Paste("hello\x00world"))
        save_clock.now += answers.SAVE_QUIET_S
        await save_clock.next_tick(pilot)
        save_clock.now += answers.SAVE_QUIET_S
        await save_clock.next_tick(pilot)  # and a tick after the refusal
        assert stored(demo_store, "self-kindness", "the-difference") is None
        assert area.text == "hello\x00world"
        expected = "This answer has a NUL character (shown as \u2400) on line 1, column 6"
        assert expected in status_line(app)
        assert sum(expected in n for n in notes(app)) == 1  # told once, not on every tick
        await pilot.press("ctrl+r")  # restoring a version would replace the unsaved text
        await pilot.pause()
        assert isinstance(app.screen, SheetScreen)
        assert area.text == "hello\x00world"
        assert any("can be restored once it is saved" in n for n in notes(app))
        await pilot.press(*["left"] * 5, "backspace")
        save_clock.now += answers.SAVE_QUIET_S
        await save_clock.next_tick(pilot)
        assert stored(demo_store, "self-kindness", "the-difference") == "helloworld"
        assert status_line(app).startswith("Saved at")


async def test_a_paste_too_long_asks_and_keeps_what_fits(demo_store, make_app, save_clock):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sheet(pilot, app, "self-kindness")
        area = focused_area(app)
        app.post_message(events.Paste("y" * (ANSWER_LIMIT + 5)))
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        question = str(app.screen.query_one("#ask-question").render())
        assert "100,005 characters" in question and "leave out the last 5" in question
        await pilot.click("#no")
        await pilot.pause()
        assert area.text == ""  # nothing pasted, nothing lost: it is still on the clipboard
        app.post_message(events.Paste("y" * (ANSWER_LIMIT + 5)))
        await pilot.pause()
        await pilot.click("#yes")
        save_clock.now += answers.SAVE_QUIET_S
        await save_clock.next_tick(pilot)
        assert area.text == "y" * ANSWER_LIMIT
        assert stored(demo_store, "self-kindness", "the-difference") == "y" * ANSWER_LIMIT
        await pilot.press("z")  # at the limit a keystroke is refused, not half-saved
        assert area.text == "y" * ANSWER_LIMIT


async def test_a_busy_database_keeps_the_text_and_says_so(demo_store, make_app, save_clock):
    demo_store.conn.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(demo_store.path, isolation_level=None)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_sheet(pilot, app, "self-kindness")
        other.execute("BEGIN IMMEDIATE")
        await pilot.press(*"still here")
        save_clock.now += answers.SAVE_QUIET_S
        await save_clock.next_tick(pilot)
        assert stored(demo_store, "self-kindness", "the-difference") is None
        assert focused_area(app).text == "still here"
        assert "the database is busy" in status_line(app)
        assert any("Your text is still here" in n for n in notes(app))
        await pilot.press("escape")  # leaving asks first
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        await pilot.click("#no")  # stay
        await pilot.pause()
        assert focused_area(app).text == "still here"
        other.execute("ROLLBACK")
        await pilot.press("ctrl+s")
        assert stored(demo_store, "self-kindness", "the-difference") == "still here"
        assert status_line(app).startswith("Saved at")
    other.close()


async def test_a_full_disk_keeps_the_text_and_says_so(
    demo_store, make_app, monkeypatch, save_clock
):
    def full(*args, **kwargs):
        raise StoreError("the disk is full, so nothing was saved; free some space and try again")

    monkeypatch.setattr(demo_store.worksheets, "save_answers", full)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_sheet(pilot, app, "self-kindness")
        await pilot.press(*"kept safe")
        save_clock.now += answers.SAVE_QUIET_S
        await save_clock.next_tick(pilot)
        assert focused_area(app).text == "kept safe"
        assert status_line(app).startswith("Not saved yet: the disk is full")
        assert sum("the disk is full" in n for n in notes(app)) == 1


async def test_answers_saved_elsewhere_show_when_you_come_back(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_sheet(pilot, app, "self-kindness")
        await pilot.press("ctrl+f")
        await pilot.pause()
        demo_store.worksheets.save_answer("self-kindness", "kinder-words", "From elsewhere", NOW)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#answer-kinder-words", AnswerArea).text == "From elsewhere"


# ---------------------------------------------------------------- Today


async def test_today_offers_this_weeks_sheet_and_open_plan_items(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        card = str(app.screen.query_one("#worksheets-card").render())
        assert "w Self-kindness: speaking to yourself as to a valued colleague" in card
        assert "in progress, 3 of 12 answered" in card
        assert "Hand the weekly rota sign-off to Priya for a month  by Fri 4 Dec" in card
        assert "Leave on time on Fridays" not in card  # let go: not on Today
        assert "ready to open" not in card
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, SheetScreen)
        assert app.screen.sheet.id == "self-kindness"


# ---------------------------------------------------------------- snapshots


async def _open_still(pilot) -> None:
    """Open this week's sheet; no blinking cursor in a snapshot."""
    await pilot.press("3", "enter")
    await pilot.pause()
    for area in pilot.app.screen.query(AnswerArea):
        area.cursor_blink = False
    await pilot.pause()


def test_snapshot_worksheets_list(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["3"], terminal_size=(80, 24))


def test_snapshot_a_worksheet(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24), run_before=_open_still)


def test_snapshot_side_by_side(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["3", "b"], terminal_size=(80, 24))
