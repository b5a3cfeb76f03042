"""The app driven as a participant would: keys, dialogs, and what ends up stored."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3

from rich.console import Console
from textual.widgets import DataTable, Input

from companion.tui.app import CompanionApp
from companion.tui.dialogs.help import HelpScreen
from companion.tui.dialogs.move_session import MoveDialog
from companion.tui.screens.onboarding import OnboardingScreen
from companion.tui.screens.programme import ProgrammeScreen
from companion.tui.screens.today import TodayScreen


def _row_of(app: CompanionApp, event_id: str) -> int:
    table = app.screen.query_one(DataTable)
    return table.get_row_index(event_id)


def _cell(app: CompanionApp, event_id: str, column: str) -> str:
    table = app.screen.query_one(DataTable)
    return str(table.get_cell(event_id, column))


async def _select(pilot, app: CompanionApp, event_id: str) -> None:
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=_row_of(app, event_id))
    await pilot.pause()


async def test_today_shows_where_you_are(demo_store, make_app, shown):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert shown(app, "#greeting") == "Good morning, Sam."
        assert shown(app, "#headline") == "Week 5 of 8 \u00b7 Self-kindness"
        assert "Nothing scheduled today." in shown(app, "#today-card")
        next_up = shown(app, "#next-card")
        assert "Group coaching 3" in next_up
        assert "Mon 30 Nov 12:00\u201313:00 \u00b7 in 4 days" in next_up
        assert "Webinar 3: Self-kindness  attended" in shown(app, "#this-week")
        assert "4 of 8 sessions attended" in shown(app, "#so-far")
        assert "3 of 6 activities completed" in shown(app, "#so-far")  # baseline, 2 worksheets


async def test_today_on_a_session_day_shows_it_and_the_one_after(demo_store, make_app, shown):
    monday_webinar = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
    app = make_app(demo_store, monday_webinar)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Webinar 3: Self-kindness" in shown(app, "#today-card")
        assert "Mon 23 Nov 10:00\u201311:30" in shown(app, "#today-card")
        assert "Group coaching 3" in shown(app, "#next-card")


async def test_number_keys_switch_sections(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.press("2")
        assert isinstance(app.screen, ProgrammeScreen)
        assert app.screen.query_one(DataTable).row_count == 11
        await pilot.press("1")
        assert isinstance(app.screen, TodayScreen)


async def test_section_bar_is_clickable(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.click("#section-bar", offset=(15, 0))
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)


async def test_mark_attended_then_undo(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.press("2")
        await _select(pilot, app, "webinar-2")
        assert _cell(app, "webinar-2", "state") == "missed"

        await pilot.press("a")
        assert demo_store.programme.setup().attendance["webinar-2"] is True
        assert _cell(app, "webinar-2", "state") == "attended"
        assert "5 of 8 sessions attended" in str(app.screen.query_one("#completion").render())
        so_far = str(app.screen.query_one("#completion").render())
        assert "You have made time for 5 sessions and" in so_far
        # The programme's evaluation figure is for the facilitator, never a yardstick here.
        assert "in 10" not in so_far and "evaluation" not in so_far

        await pilot.press("u")
        assert demo_store.programme.setup().attendance["webinar-2"] is False
        assert _cell(app, "webinar-2", "state") == "missed"

        await pilot.press("c")
        assert "webinar-2" not in demo_store.programme.setup().attendance
        assert _cell(app, "webinar-2", "state") == ""


async def test_a_session_still_to_come_cannot_be_marked(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("2")
        await _select(pilot, app, "coaching-4")
        await pilot.press("a")
        assert "coaching-4" not in demo_store.programme.setup().attendance
        messages = [n.message for n in app._notifications]
        assert any("can be marked once it has started" in m for m in messages)


async def test_move_a_session_and_move_it_back(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.press("2")
        await _select(pilot, app, "coaching-3")
        await pilot.press("v")
        assert isinstance(app.screen, MoveDialog)
        field = app.screen.query_one(Input)
        assert field.value == "2026-11-30 12:00"
        field.value = ""
        await pilot.press(*"2026-12-01 14:15", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        assert demo_store.programme.setup().moves["coaching-3"] == dt.datetime(2026, 12, 1, 14, 15)
        assert _cell(app, "coaching-3", "when") == "Tue 1 Dec 14:15"
        assert "moved by you from Mon 30 Nov" in _cell(app, "coaching-3", "title")

        await pilot.press("v")
        await pilot.click("#planned")
        await pilot.pause()
        assert "coaching-3" not in demo_store.programme.setup().moves
        assert _cell(app, "coaching-3", "when") == "Mon 30 Nov 12:00"


async def test_an_impossible_time_keeps_the_dialog_and_the_typing(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("2")
        await _select(pilot, app, "coaching-3")
        await pilot.press("v")
        field = app.screen.query_one(Input)
        field.value = ""
        await pilot.press(*"2026-11-31 12:00", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MoveDialog)
        assert app.screen.query_one(Input).value == "2026-11-31 12:00"
        assert "November 2026 has 30 days" in str(app.screen.query_one("#when-help").render())
        assert any("November 2026 has 30 days" in n.message for n in app._notifications)
        assert "coaching-3" not in demo_store.programme.setup().moves


async def test_the_move_dialog_reads_words_and_its_own_prefilled_text(demo_store, make_app):
    app = make_app(demo_store)  # Thursday 26 November 2026
    async with app.run_test() as pilot:
        await pilot.press("2")
        await _select(pilot, app, "coaching-3")
        await pilot.press("v")
        help_line = app.screen.query_one("#when-help")
        # What the dialog offers, it takes.
        assert str(help_line.render()) == "Monday 30 November 2026 at 12:00"
        field = app.screen.query_one(Input)
        field.value = ""
        await pilot.press(*"friday")
        assert str(help_line.render()) == "Friday 27 November 2026 at 12:00"
        field.value = ""
        await pilot.press(*"next tuesday 14:00", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        assert demo_store.programme.setup().moves["coaching-3"] == dt.datetime(2026, 12, 1, 14, 0)


async def test_the_move_dialog_keeps_sessions_inside_the_programme(demo_store, make_app):
    app = make_app(demo_store)  # the programme starts on Monday 26 October 2026
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("2")
        await _select(pilot, app, "coaching-3")
        await pilot.press("v")
        field = app.screen.query_one(Input)
        field.value = ""
        await pilot.press(*"2026-10-23 12:00", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MoveDialog)
        assert "before the programme begins on Monday 26 October 2026" in str(
            app.screen.query_one("#when-help").render()
        )
        assert "coaching-3" not in demo_store.programme.setup().moves
        # Earlier in the programme is allowed, with a note before and after saving.
        field.value = ""
        await pilot.press(*"2026-11-03 12:00")
        note = "Group coaching 3 now comes before Webinar 2: Common humanity"
        assert note in str(app.screen.query_one("#when-help").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        assert demo_store.programme.setup().moves["coaching-3"] == dt.datetime(2026, 11, 3, 12)
        assert any(note in n.message for n in app._notifications)


async def test_undo_puts_a_move_back(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.press("2")
        await _select(pilot, app, "coaching-2")  # the demo moved it to Tuesday 13:00
        await pilot.press("v")
        await pilot.click("#planned")
        await pilot.pause()
        assert "coaching-2" not in demo_store.programme.setup().moves
        await pilot.press("u")
        assert demo_store.programme.setup().moves["coaching-2"] == dt.datetime(2026, 11, 17, 13, 0)


async def test_onboarding_keeps_typing_after_a_mistake_then_sets_up(empty_store, make_app, shown):
    app = make_app(empty_store)
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        start = app.screen.query_one("#start", Input)
        assert start.value == "2026-11-30"  # next Monday
        start.value = ""
        await pilot.press(*"2026-02-30", "enter")  # moves on to the name
        await pilot.press(*"Ana", "enter")
        assert isinstance(app.screen, OnboardingScreen)
        assert empty_store.programme.setup() is None
        assert app.screen.query_one("#name", Input).value == "Ana"
        assert any("February 2026 has 28 days" in n.message for n in app._notifications)

        start = app.screen.query_one("#start", Input)
        start.value = "2026-12-07"
        await pilot.click("#begin")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        setup = empty_store.programme.setup()
        assert setup is not None
        assert setup.start == dt.date(2026, 12, 7) and setup.name == "Ana"
        assert [h.key for h in empty_store.selfcare.habits()] == [
            "meditation",
            "walking",
            "hydration",
        ]
        assert shown(app, "#greeting") == "Good morning, Ana."
        assert shown(app, "#headline") == "The programme starts in 11 days"


async def test_sections_wait_for_onboarding(empty_store, make_app):
    app = make_app(empty_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.action_section("programme")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)


def help_text(app, width: int = 56) -> str:
    """The help page's text as drawn `width` cells wide (its box at 80 columns)."""
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(app.screen.query_one("#help Static").content)
    return console.export_text()


async def test_help_lists_every_key(demo_store, make_app, shown):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for binding in [*ProgrammeScreen.BINDINGS, *CompanionApp.BINDINGS]:
            assert (binding.key_display or binding.key.replace("question_mark", "?")) in text
            assert (binding.tooltip or binding.description) in text
        assert "ctrl+p" in text
        # Support comes first, in a sentence of its own; then the keys.
        intro, _, keys_text = text.partition("\n\n")
        assert intro.startswith("Finding things hard? Press h (or F1) for Support")
        # A meaning too long for its line wraps under itself, not under the keys.
        titles = {title for title, _ in app.key_help()} | {"Press ? or Escape to close."}
        lines = [line.rstrip() for line in keys_text.splitlines() if line.strip()]
        assert len(lines) > sum(len(keys) + 1 for _, keys in app.key_help()) + 1  # some wrap
        for line in lines:
            assert line in titles or line.startswith("  "), line
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_command_palette_reaches_sections_and_actions(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Go to Programme")
        await app.workers.wait_for_complete()  # the palette's search for matches
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgrammeScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for binding in ProgrammeScreen.BINDINGS:
            assert binding.description in titles


async def palette_hits(pilot, typed: str) -> list[str]:
    """What the command palette offers for `typed` (its results, as shown)."""
    from textual.command import CommandList, CommandPalette

    app = pilot.app
    if not isinstance(app.screen, CommandPalette):
        await pilot.press("ctrl+p")
    palette = app.screen
    palette.query_one(Input).value = typed
    await app.workers.wait_for_complete()  # the palette's search for matches
    await pilot.pause()
    results = palette.query_one(CommandList)
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


async def test_the_palette_keeps_only_commands_that_serve_a_participant(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Go to Today", "Help", "Light or dark", "Quit", "Keys"} <= titles
        # Screenshot writes the screen out of the data folder; Theme picks an unsaved theme.
        assert not titles & {"Screenshot", "Theme"}
        assert any(hit.startswith("Quit") for hit in await palette_hits(pilot, "quit"))
        for typed in ("screenshot", "shot", "theme"):
            hits = await palette_hits(pilot, typed)
            assert not [hit for hit in hits if "screenshot" in hit.lower()], hits
            assert not [hit for hit in hits if hit.startswith("Theme")], hits


async def test_no_screenshot_carries_the_screen_out_of_the_data_folder(
    demo_store, make_app, tmp_path, monkeypatch, wait_until
):
    # Textual saves a screenshot to the Downloads folder, or the working folder.
    home = tmp_path / "home"
    downloads = home / "Downloads"
    downloads.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(downloads))
    monkeypatch.chdir(home)
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        # Textual's screenshot action: no key or command here runs it, but a
        # binding or a link in markup could.
        await app.run_action("screenshot")
        await wait_until(pilot, lambda: app._notifications)
        messages = [n.message for n in app._notifications]
        assert messages == [
            "Companion takes no screenshots: what you wrote stays in its private folder."
        ]
    assert list(home.rglob("*")) == [downloads]
    assert not list(tmp_path.rglob("*.svg"))


async def test_ctrl_c_says_how_to_quit_in_plain_words(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Press q to quit Companion."]


async def test_a_change_from_another_process_shows_within_a_second(
    demo_store, make_app, shown, wait_until
):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "4 of 8 sessions attended" in shown(app, "#so-far")
        other = sqlite3.connect(demo_store.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE session_mark SET attended = 1 WHERE event_id = 'webinar-2'")
        other.execute("COMMIT")
        other.close()
        await wait_until(pilot, lambda: "5 of 8" in shown(app, "#so-far"), timeout=1.3)
        assert "5 of 8 sessions attended" in shown(app, "#so-far")


async def test_light_and_dark_is_remembered(demo_store, make_app):
    app = make_app(demo_store)
    async with app.run_test() as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("t")
        assert app.theme == "textual-light"
        assert demo_store.settings.get("theme") == "textual-light"
    again = make_app(demo_store)
    async with again.run_test():
        assert again.theme == "textual-light"


async def test_a_name_with_markup_is_shown_literally(empty_store, make_app, shown):
    now = dt.datetime.now(dt.UTC)
    empty_store.programme.save_setup(dt.date(2026, 11, 2), "[b]Sam[/", "Europe/London", (), now)
    app = make_app(empty_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert shown(app, "#greeting") == "Good morning, [b]Sam[/."


async def test_a_crash_report_holds_no_typed_text(
    demo_store, make_app, tmp_path, monkeypatch, capsys
):
    def show(self, view):
        secret_reflection = "I felt I let my team down"
        raise RuntimeError(secret_reflection)

    monkeypatch.setattr(TodayScreen, "show", show)
    app = make_app(demo_store)
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
    except RuntimeError:
        pass
    assert app.return_code == 1
    assert "\n" not in app.crash_line
    assert app.crash_line.startswith("companion: something unexpected went wrong (RuntimeError)")
    assert "let my team down" not in app.crash_line + capsys.readouterr().err
    reports = list((tmp_path / "state").rglob("crash-*.txt"))
    assert len(reports) == 1
    report = reports[0].read_text()
    assert "RuntimeError" in report and "show" in report
    assert "let my team down" not in report
    assert reports[0].stat().st_mode & 0o777 == 0o600


async def test_the_other_sections_are_prepared_while_today_is_read(
    demo_store, make_app, wait_until
):
    import gc

    from companion.tui.sections import SECTIONS

    def built_modes(app: CompanionApp) -> set[str]:
        built = set()
        for section in SECTIONS:
            try:
                if app.get_screen_stack(section.mode):
                    built.add(section.mode)
            except KeyError:  # no stack yet
                pass
        return built

    app = make_app(demo_store, prepare=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert built_modes(app) == {"today"}
        gc.unfreeze()
        await wait_until(pilot, lambda: built_modes(app) == {s.mode for s in SECTIONS})
        assert built_modes(app) == {s.mode for s in SECTIONS}
        # and the long-lived objects are kept out of the collector's full passes
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
        assert isinstance(app.screen, TodayScreen)  # nothing moved under the reader
        (prepared,) = app.get_screen_stack("programme")
        await pilot.press("2")
        assert app.screen is prepared
        assert app.screen.query_one(DataTable).row_count == 11


async def test_collection_paused_for_the_start_comes_back_with_the_first_frame(
    demo_store, make_app
):
    import gc

    gc.disable()  # as `companion.tui.run` does before importing the app
    try:
        app = make_app(demo_store)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # start-up's objects left out of collections
    finally:
        gc.enable()
        gc.unfreeze()


async def test_only_the_persons_problems_are_notified_a_bug_takes_the_crash_path(
    demo_store, make_app
):
    """`app.write` shows Invalid, NotFound and Refused as a warning and carries on; a plain
    ValueError is a bug and ends the app through the crash report, never dressed up as a
    mistake of the person's."""
    from companion.domain.errors import Invalid, NotFound, Refused

    def refuse(kind):
        def action() -> None:
            raise kind(f"{kind.__name__}: say what to do instead")

        return action

    app = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        for kind in (Invalid, NotFound, Refused):
            assert app.write(refuse(kind)) is False
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said[-3:] == [
            f"{k.__name__}: say what to do instead" for k in (Invalid, NotFound, Refused)
        ]
        assert app.return_code is None
    crashed = make_app(demo_store)
    try:
        async with crashed.run_test() as pilot:
            await pilot.pause()
            crashed.call_later(crashed.write, refuse(ValueError))
            await pilot.pause()
    except ValueError:
        pass
    assert crashed.return_code == 1
    assert crashed.crash_line.startswith("companion: something unexpected went wrong (ValueError)")


async def test_the_palette_offers_every_sections_actions_from_anywhere(demo_store, make_app):
    from companion.tui.screens.selfcare import SelfCareScreen

    app = make_app(demo_store)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, TodayScreen)
        titles = [hit.split("\n")[0] for hit in await palette_hits(pilot, "mark")]
        assert {"Attended (Programme)", "Missed (Programme)"} <= set(titles), titles
        titles = [hit.split("\n")[0] for hit in await palette_hits(pilot, "log")]
        assert "Log (Self-care)" in titles, titles
        # Chosen from Today, it opens Self-care with the log box ready for typing.
        await pilot.press("down")  # from the search box to the results
        while not str(app.screen.query_one("CommandList").highlighted_option.prompt).startswith(
            "Log (Self-care)"
        ):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SelfCareScreen)
        assert app.focused is app.screen.query_one("#log-input")
