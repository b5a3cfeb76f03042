"""The Self-care section, the practice timer and Today's self-care strip, driven with the Pilot.

The demo at NOW (Thursday 26 November 2026, 09:30 in London, week 5): this
morning Sam meditated for 10 minutes (with a note) and drank 2 glasses; the
last walk was on Sunday, so walking has been quiet for three days; Wednesday
11 and Thursday 12 November are paused (a heavy cold). Habit ids: meditation
1, walking 2, hydration 3.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from textual.widgets import DataTable, Input, OptionList
from textual.widgets.data_table import ColumnKey

from companion.domain.selfcare.practice import ENDING
from companion.store import open_store
from companion.tui.dialogs.add_habit import HabitDialog
from companion.tui.dialogs.edit_entry import EntryDialog
from companion.tui.dialogs.habit_target import TargetDialog
from companion.tui.dialogs.pause_days import PauseDialog
from companion.tui.dialogs.practice_timer import PracticeScreen
from companion.tui.screens.selfcare import SelfCareScreen
from companion.tui.screens.today import TodayScreen

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)  # as tests/tui/conftest.py

TODAY = dt.date(2026, 11, 26)
MEDITATION, WALKING, HYDRATION = "1", "2", "3"


def cell(app, habit: str, column: str) -> str:
    table = app.screen.query_one("#habit-table", DataTable)
    return str(table.get_cell(habit, column))


def percent_of(strength_cell: str) -> int:
    """`███▊░░░░░  41%` -> 41."""
    return int(strength_cell.split()[-1].rstrip("%"))


def entries_shown(app) -> list[str]:
    options = app.screen.query_one("#day-entries", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def stored(store, day: dt.date) -> list[tuple[int, float, str | None]]:
    return [(e.habit_id, e.value, e.note) for e in store.selfcare.entries_on(day)]


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_selfcare(pilot) -> None:
    await pilot.press("4")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SelfCareScreen)


# ---------------------------------------------------------------- at a glance


async def test_the_section_reads_at_a_glance(demo_store, make_app, shown):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_selfcare(pilot)
        assert shown(app, "#selfcare-title").startswith("Thursday 26 November 2026  today")
        assert cell(app, MEDITATION, "habit") == "Meditation"
        assert cell(app, MEDITATION, "day") == "10/10 min"
        assert cell(app, WALKING, "day") == "0/30 min"
        assert cell(app, HYDRATION, "day") == "2/8 glasses"
        assert cell(app, MEDITATION, "strength").endswith("%")
        assert len(cell(app, WALKING, "spark")) == 14
        # The last three days of walking are quiet: a neutral dot, nothing red or scolding.
        assert cell(app, WALKING, "spark").endswith("\u00b7\u00b7\u00b7\u00b7")
        assert entries_shown(app) == [
            "Meditation  10 minutes\nTen minutes before anyone else was up",
            "Hydration  2 glasses",
        ]
        assert shown(app, "#heatmap").startswith("Meditation\n")  # the name, then the weeks
        assert "~" in shown(app, "#heatmap")  # the cold, 11 and 12 November
        assert "Programme weeks" in shown(app, "#heatmap")
        assert shown(app, "#log-label") == "Log Meditation for today: "


async def test_the_heatmap_follows_the_highlighted_habit(demo_store, make_app, shown):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await open_selfcare(pilot)
        await pilot.press("down", "down")
        assert shown(app, "#heatmap").startswith("Hydration\n")
        assert shown(app, "#log-label") == "Log Hydration for today: "


# ---------------------------------------------------------------- logging


async def test_log_with_enter_a_number_and_a_note(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await open_selfcare(pilot)
        before = cell(app, WALKING, "strength")
        await pilot.press("down", "enter")
        assert app.focused is app.screen.query_one("#log-input", Input)
        await pilot.press(*"25 by the [b]river", "enter")
        await pilot.pause()
        assert stored(demo_store, TODAY)[-1] == (2, 25.0, "by the [b]river")
        assert cell(app, WALKING, "day") == "25/30 min"
        assert percent_of(cell(app, WALKING, "strength")) > percent_of(before)
        assert entries_shown(app)[-1] == "Walking  25 minutes\nby the [b]river"
        assert "Walking: 25 minutes logged for today (25 of 30 minutes)." in messages(app)
        assert app.screen.query_one("#log-input", Input).value == ""
        assert app.focused is app.screen.query_one("#habit-table")


async def test_l_then_a_count_defaults_to_one(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await open_selfcare(pilot)
        await pilot.press("down", "down", "l", "enter")
        await pilot.pause()
        assert stored(demo_store, TODAY)[-1] == (3, 1.0, None)
        assert cell(app, HYDRATION, "day") == "3/8 glasses"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("2000", "more than the 1,440 a day has"),
        ("-5", "cannot be below 0"),
        ("nan", "is not a number"),
        ("", "Walking is measured in minutes; say how many"),
        ("25 \x1b[31m", "must be on one line"),
    ],
)
async def test_a_bad_amount_warns_and_keeps_the_typing(demo_store, make_app, typed, words):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await open_selfcare(pilot)
        await pilot.press("down", "l")
        field = app.screen.query_one("#log-input", Input)
        field.value = typed
        await pilot.press("enter")
        await pilot.pause()
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert any(words in n.message for n in warnings), messages(app)
        assert field.value == typed
        assert app.focused is field
        assert stored(demo_store, TODAY) == [
            (1, 10.0, "Ten minutes before anyone else was up"),
            (3, 2.0, None),
        ]


async def test_back_fill_yesterday_and_move_by_weeks(demo_store, make_app, shown):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await open_selfcare(pilot)
        await pilot.press("down", "left")
        assert shown(app, "#selfcare-title").startswith("Wednesday 25 November 2026  yesterday")
        table = app.screen.query_one("#habit-table", DataTable)
        assert str(table.columns[ColumnKey("day")].label) == "Wed 25 Nov"
        assert shown(app, "#log-label") == "Log Walking for yesterday: "
        await pilot.press("l", *"30", "enter")
        await pilot.pause()
        assert stored(demo_store, dt.date(2026, 11, 25))[-1] == (2, 30.0, None)
        assert cell(app, WALKING, "day") == "30/30 min"
        assert "Walking: 30 minutes logged for yesterday (30 of 30 minutes: target reached)." in (
            messages(app)
        )
        await pilot.press("left_square_bracket")
        assert shown(app, "#selfcare-title").startswith("Wednesday 18 November 2026  8 days ago")
        await pilot.press("full_stop")
        assert shown(app, "#selfcare-title").startswith("Thursday 26 November 2026  today")
        await pilot.press("right")
        assert "That day is still to come; this is today." in messages(app)


# ---------------------------------------------------------------- edit, delete, undo


async def test_edit_delete_and_undo_an_entry(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await open_selfcare(pilot)
        app.screen.query_one("#day-entries", OptionList).focus()
        await pilot.press("e")
        assert isinstance(app.screen, EntryDialog)
        amount = app.screen.query_one("#amount", Input)
        assert amount.value == "10"
        amount.value = "15"
        app.screen.query_one("#note", Input).value = "Fifteen, and calmer"
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, SelfCareScreen)
        assert stored(demo_store, TODAY)[0] == (1, 15.0, "Fifteen, and calmer")
        assert cell(app, MEDITATION, "day") == "15/10 min"

        await pilot.press("x")
        assert stored(demo_store, TODAY) == [(3, 2.0, None)]
        assert "Deleted Meditation 15 minutes. Press u to undo." in messages(app)
        assert cell(app, MEDITATION, "day") == "0/10 min"

        await pilot.press("u")
        assert stored(demo_store, TODAY)[0] == (1, 15.0, "Fifteen, and calmer")
        await pilot.press("u")
        assert stored(demo_store, TODAY)[0] == (1, 10.0, "Ten minutes before anyone else was up")
        await pilot.press("u")
        assert "Nothing to undo." in messages(app)


async def test_an_edit_that_a_day_cannot_hold_keeps_the_dialog(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await open_selfcare(pilot)
        await pilot.press("e")
        app.screen.query_one("#amount", Input).value = "1441"
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        assert app.screen.query_one("#amount", Input).value == "1441"
        assert any("1,440" in m for m in messages(app))
        assert stored(demo_store, TODAY)[0][1] == 10.0


async def test_logging_then_undo_takes_the_entry_back(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await open_selfcare(pilot)
        await pilot.press("down", "l", *"20", "enter")
        await pilot.pause()
        assert cell(app, WALKING, "day") == "20/30 min"
        await pilot.press("u")
        assert cell(app, WALKING, "day") == "0/30 min"
        assert [e.habit_id for e in demo_store.selfcare.entries_on(TODAY)] == [1, 3]


# ---------------------------------------------------------------- pauses


async def test_pause_days_then_resume_them_with_undo(demo_store, make_app, shown):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await open_selfcare(pilot)
        week_before = cell(app, WALKING, "week")
        await pilot.press("b")
        assert isinstance(app.screen, PauseDialog)
        app.screen.query_one("#first", Input).value = "monday"
        app.screen.query_one("#last", Input).value = "yesterday"
        app.screen.query_one("#reason", Input).value = "Annual leave"
        await pilot.pause()
        await pilot.click("#pause")
        await pilot.pause()
        assert [
            (p.first, p.last, p.reason)
            for p in demo_store.selfcare.pauses(TODAY - dt.timedelta(3))
        ] == [(dt.date(2026, 11, 23), dt.date(2026, 11, 25), "Annual leave")]
        # Thursday is the week's fourth day; with three of them paused, one day is asked for.
        assert week_before == "0/120 min"
        assert cell(app, WALKING, "week") == "0/30 min"

        await pilot.press("left")
        assert "paused" in shown(app, "#selfcare-title")
        assert "Paused: Mon 23 Nov to Wed 25 Nov (Annual leave)" in shown(app, "#day-pause")
        await pilot.press("b")
        await pilot.click("#resume")
        await pilot.pause()
        assert demo_store.selfcare.pauses(TODAY - dt.timedelta(3)) == []
        assert "Resumed: Mon 23 Nov to Wed 25 Nov counts again." in messages(app)
        await pilot.press("u")
        assert len(demo_store.selfcare.pauses(TODAY - dt.timedelta(3))) == 1
        await pilot.press("u")
        assert demo_store.selfcare.pauses(TODAY - dt.timedelta(3)) == []


async def test_a_pause_over_another_keeps_the_dialog(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await open_selfcare(pilot)
        await pilot.press("b")
        app.screen.query_one("#first", Input).value = "2026-11-10"
        app.screen.query_one("#last", Input).value = "2026-11-11"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PauseDialog)
        assert app.screen.query_one("#first", Input).value == "2026-11-10"
        assert any("is already a pause" in m for m in messages(app))
        assert len(demo_store.selfcare.pauses()) == 1


# ---------------------------------------------------------------- live updates


async def test_a_walk_logged_in_the_shell_shows_within_a_second(
    demo_store, make_app, shown, wait_until
):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await open_selfcare(pilot)
        other = open_store(demo_store.path)
        try:
            walking = next(h for h in other.selfcare.habits() if h.key == "walking")
            other.selfcare.log(walking, TODAY, 20, "from the shell", NOW, "Europe/London")
        finally:
            other.close()
        await wait_until(pilot, lambda: cell(app, WALKING, "day") != "0/30 min", timeout=1.3)
        assert cell(app, WALKING, "day") == "20/30 min"
        assert entries_shown(app)[-1] == "Walking  20 minutes\nfrom the shell"


async def test_left_open_past_midnight_it_moves_to_the_new_day(
    demo_store, make_app, shown, wait_until
):
    moments = [NOW]
    app = make_app(demo_store)
    app.now = lambda: moments[0]
    async with app.run_test() as pilot:
        await open_selfcare(pilot)
        assert cell(app, MEDITATION, "day") == "10/10 min"
        moments[0] = dt.datetime(2026, 11, 27, 0, 0, 30, tzinfo=dt.UTC)
        await wait_until(pilot, lambda: "Friday" in shown(app, "#selfcare-title"), timeout=1.3)
        assert shown(app, "#selfcare-title").startswith("Friday 27 November 2026  today")
        assert cell(app, MEDITATION, "day") == "0/10 min"


# ---------------------------------------------------------------- practice timer


async def test_the_timer_counts_down_pauses_and_logs_at_the_end(
    demo_store, make_app, clock, shown
):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await open_selfcare(pilot)
        await pilot.press("down", "p")
        assert isinstance(app.screen, PracticeScreen)
        minutes = app.screen.query_one("#minutes", Input)
        assert minutes.value == "30"  # walking's daily target
        minutes.value = "2"
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app, "#practice-clock") == "2:00 left"
        clock.now += 60
        app.screen.tick()
        assert shown(app, "#practice-clock") == "1:00 left"
        assert app.screen.query_one("#practice-bar").percentage == pytest.approx(0.5)
        await pilot.press("space")
        clock.now += 600  # paused: the time does not count
        app.screen.tick()
        assert shown(app, "#practice-clock") == "1:00 left  \u00b7 paused"
        await pilot.press("space")
        clock.now += 60
        app.screen.tick()
        await pilot.pause()
        assert shown(app, "#practice-clock") == f"{ENDING}\n2 minutes of walking logged."
        assert stored(demo_store, TODAY)[-1] == (2, 2.0, None)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SelfCareScreen)
        assert cell(app, WALKING, "day") == "2/30 min"
        await pilot.press("u")
        assert cell(app, WALKING, "day") == "0/30 min"


async def test_stopping_early_asks_before_logging(demo_store, make_app, clock, shown):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await open_selfcare(pilot)
        await pilot.press("p", "enter")  # meditation, 10 minutes
        await pilot.pause()
        clock.now += 185
        await pilot.press("escape")
        assert shown(app, "#practice-clock") == "Stopped after 3 minutes. Log them?"
        await pilot.click("#log-done")
        await pilot.pause()
        assert "3 minutes of meditation logged." in shown(app, "#practice-clock")
        assert stored(demo_store, TODAY)[-1] == (1, 3.0, None)


async def test_stopping_early_without_logging(demo_store, make_app, clock, shown):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await open_selfcare(pilot)
        await pilot.press("p", "enter")
        await pilot.pause()
        clock.now += 125
        await pilot.press("escape")
        await pilot.click("#no-log")
        await pilot.pause()
        assert shown(app, "#practice-clock") == "Thank you for the time you took."
        assert len(demo_store.selfcare.entries_on(TODAY)) == 2


# ---------------------------------------------------------------- habits


async def test_add_a_habit_of_your_own(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 30)) as pilot:
        await open_selfcare(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, HabitDialog)
        await pilot.press(*"Kind moment")
        assert app.screen.query_one("#key", Input).value == "kind-moment"
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, SelfCareScreen)
        kind = demo_store.selfcare.habits()[-1]
        assert (kind.key, kind.name, kind.kind, kind.target) == (
            "kind-moment",
            "Kind moment",
            "yesno",
            None,
        )
        assert cell(app, str(kind.id), "day") == "\u00b7"
        await pilot.press("u")  # undo puts it away
        assert [h.key for h in demo_store.selfcare.habits()] == [
            "meditation",
            "walking",
            "hydration",
        ]


async def test_change_a_target_from_today_and_past_days_keep_theirs(demo_store, make_app):
    """c on Meditation (10 minutes a day, 10 done today): 20 from today, yesterday still 10."""
    app = make_app(demo_store)
    async with app.run_test(size=(80, 30)) as pilot:
        await open_selfcare(pilot)
        assert cell(app, MEDITATION, "day") == "10/10 min"
        await pilot.press("c")
        assert isinstance(app.screen, TargetDialog)
        await pilot.press("backspace", "backspace", "2", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SelfCareScreen)
        meditation = demo_store.selfcare.habits()[0]
        assert meditation.target == 20
        assert meditation.on(TODAY - dt.timedelta(days=1)).target == 10
        assert cell(app, MEDITATION, "day") == "10/20 min"
        await pilot.press("left")  # yesterday, judged by the target it had
        await pilot.pause()
        assert cell(app, MEDITATION, "day").endswith("/10 min")
        await pilot.press("u")  # undo: back to 10 a day
        assert demo_store.selfcare.habits()[0].target == 10


async def test_a_target_that_will_not_do_keeps_the_dialog(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 30)) as pilot:
        await open_selfcare(pilot)
        await pilot.press("c", "backspace", "backspace", "5", "0", "0", "0", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TargetDialog)
        assert app.screen.query_one("#target", Input).value == "5000"
        assert "more than a day can hold" in messages(app)[-1]
        assert demo_store.selfcare.habits()[0].target == 10


async def test_archive_then_undo_puts_each_habit_back_in_its_place(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await open_selfcare(pilot)
        await pilot.press("down", "a")
        assert [h.key for h in demo_store.selfcare.habits()] == ["meditation", "hydration"]
        assert cell(app, HYDRATION, "habit") == "Hydration"
        await pilot.press("a", "a")
        assert demo_store.selfcare.habits() == []
        assert "Add a habit with n" in str(app.screen.query_one("#heatmap").render())
        await pilot.press("u", "u", "u")
        assert [h.key for h in demo_store.selfcare.habits()] == [
            "meditation",
            "walking",
            "hydration",
        ]


# ---------------------------------------------------------------- Today


async def test_today_shows_the_strip_and_a_kind_pause_for_walking(
    demo_store, make_app, shown, wait_until
):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        strip = shown(app, "#selfcare-strip")
        assert strip.startswith(
            "Meditation 10/10 min  \u00b7  Walking 0/30 min  \u00b7  Hydration 2/8 glasses"
        )
        assert "A self-compassion pause" in strip
        assert "Walking has had a few quiet days. Just notice that, gently." in strip
        for unkind in ("fail", "broken", "streak", "missed"):
            assert unkind not in strip.lower()
        other = sqlite3.connect(demo_store.path, isolation_level=None)
        other.execute(
            "INSERT INTO habit_entry (habit_id, day, value, created_utc, tz) "
            "VALUES (2, '2026-11-26', 20, '2026-11-26T09:31:00Z', 'Europe/London')"
        )
        other.close()
        await wait_until(
            pilot, lambda: "Walking 0/30" not in shown(app, "#selfcare-strip"), timeout=1.3
        )
        strip = shown(app, "#selfcare-strip")
        assert "Walking 20/30 min" in strip
        assert "self-compassion pause" not in strip


async def test_p_on_today_starts_a_practice(demo_store, make_app, clock):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("p")
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.habit.key == "meditation"
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


# ---------------------------------------------------------------- snapshots


def test_selfcare_snapshot(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["4"], terminal_size=(80, 24))


def test_practice_timer_snapshot(snap_compare, demo_store, make_app, clock):
    async def run_before(pilot) -> None:
        await pilot.press("4", "p", "enter")
        clock.now += 150
        pilot.app.screen.tick()
        await pilot.press("space")

    assert snap_compare(make_app(demo_store), run_before=run_before, terminal_size=(80, 24))


def test_today_with_the_strip_snapshot(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), terminal_size=(80, 24))


async def test_habit_strength_agrees_with_the_shell_on_every_day_of_the_demo(
    demo_store, make_app, cli, monkeypatch
):
    """One domain function for strength on any day: the app and `log --date` say the same.

    From today back to the day before the programme began, the Self-care
    table's strength for every habit is what `companion log --date DAY` prints.
    """
    monkeypatch.setattr("companion.clock.now", lambda: NOW)
    setup = demo_store.programme.setup()
    assert setup is not None
    habits = demo_store.selfcare.habits()
    days = [TODAY - dt.timedelta(days=back) for back in range((TODAY - setup.start).days + 2)]
    said: dict[dt.date, dict[str, str]] = {}
    for day in days:  # the shell first: the running app captures what is printed
        result = cli("log", "--date", day.isoformat(), "--db", demo_store.path)
        assert result.code == 0, result.err
        said[day] = {
            line.split()[0]: line.rsplit(" ", 1)[-1]
            for line in result.out.splitlines()
            if "habit strength" in line
        }
    assert len(days) >= 30 and all(len(said[day]) == len(habits) for day in days)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_selfcare(pilot)
        for day in days:
            for habit in habits:
                shown = cell(app, str(habit.id), "strength").split()[-1]
                assert shown == said[day][habit.name], (day, habit.name)
            await pilot.press("left")


async def test_the_last_two_weeks_strip_ends_on_the_day_being_viewed(demo_store, make_app):
    """Moving back a day moves the strip with it: its last mark is the viewed day's.

    Each step back, the strip is yesterday's strip shifted by one (no day after the
    viewed one in it), and its last mark is blank exactly when the Day column is 0.
    """
    from companion.domain.charts import NOTHING

    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_selfcare(pilot)
        for habit in (MEDITATION, WALKING, HYDRATION):
            assert cell(app, habit, "spark") != NOTHING * 14  # the check below has teeth
        habits = (MEDITATION, WALKING, HYDRATION)
        before = {habit: cell(app, habit, "spark") for habit in habits}
        for back in range(1, 21):
            await pilot.press("left")
            for habit in habits:
                spark = cell(app, habit, "spark")
                assert spark[1:] == before[habit][:-1], (back, habit)
                nothing = cell(app, habit, "day").startswith("0/")
                assert (spark[-1] == NOTHING) == nothing, (back, habit)
                before[habit] = spark


async def test_a_habit_added_today_counts_its_week_from_today(demo_store, make_app, shown):
    """The week's days are counted from the day a habit began, in Self-care and on Today:
    added this Thursday, a daily yes/no habit done today is 1 of 1 day, not 1 of 4, and
    three days a week asks for 2 of the 4 days left (3 x 4/7), not 3."""
    from companion.domain.selfcare.habits import HabitSpec

    added = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)
    kind = demo_store.selfcare.add_habit(
        HabitSpec("kind-moment", "Kind moment", "yesno", "times", 1), added
    )
    demo_store.selfcare.add_habit(HabitSpec("swim", "Swim", "yesno", "days", 3, per="week"), added)
    demo_store.selfcare.log(kind, TODAY, 1, None, added, "Europe/London")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Swim 0/2 days this week" in shown(app, "#selfcare-strip")
        await open_selfcare(pilot)
        assert cell(app, str(kind.id), "week") == "1/1 day"
