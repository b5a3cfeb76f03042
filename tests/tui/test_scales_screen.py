"""The Scales section, driven as a participant would: take a scale from the paper form,
carry on after closing the app, answer on screen from imported (placeholder) wording,
and read the results.

"Now" is Thursday 26 November 2026 (week 5 of the demo, whose programme starts on
Monday 26 October): the demo holds baseline results for all four scales from Friday
23 October (SCS 2.56, SCS-SF 2.50, WEMWBS 44, SWEMWBS 20.73) and an extra WEMWBS (49)
from Thursday 19 November; any scale taken today is suggested as an extra occasion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Checkbox, DataTable, OptionList, Static

from companion import demo
from companion.content.instruments import instrument
from companion.domain.scales.results import SUPPORT_KEY, SUPPORT_POINTER
from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.store import Store, open_store
from companion.tui.dialogs.scale_sources import SourcesScreen
from companion.tui.dialogs.start_scale import StartDialog
from companion.tui.dialogs.support import SupportScreen
from companion.tui.screens.administer import AdministerScreen
from companion.tui.screens.scales import ScalesScreen
from companion.tui.screens.today import TodayScreen

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)  # as tests/tui/conftest.py

SF = instrument("scs-sf")
TODAY = dt.date(2026, 11, 26)
DIAGNOSTIC = ("depress", "disorder", "illness", "diagnos", "low wellbeing", "clinical")


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    demo.build(path, NOW)
    return path


@pytest.fixture
def store(demo_path: Path) -> Iterator[Store]:
    opened = open_store(demo_path)
    yield opened
    opened.close()


def screen_text(app) -> str:
    """Everything the current screen shows in its Statics, option lists and tables."""
    parts = [str(w.render()) for w in app.screen.query(Static) if w.display]
    for options in app.screen.query(OptionList):
        parts += [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    for table in app.screen.query(DataTable):
        parts += [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
    return "\n".join(parts)


async def open_scale(pilot, app, row: int) -> None:
    """Scales, the row'th scale, enter (the dialog), enter (Begin or Carry on)."""
    await pilot.press("5")
    table = app.screen.query_one("#scales-table", DataTable)
    table.move_cursor(row=row)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, StartDialog)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, AdministerScreen)


# ---------------------------------------------------------------- results


async def test_results_show_the_demo_baseline(store, make_app, shown):
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("5")
        assert isinstance(app.screen, ScalesScreen)
        table = app.screen.query_one(DataTable)
        assert [str(c) for c in table.get_row("scs")[:4]] == ["SCS", "2.56", "\u2013", "\u2013"]
        assert [str(c) for c in table.get_row("scs-sf")[:2]] == ["SCS-SF", "2.50"]
        # Baseline, end, follow-up, and the latest extra check-in.
        assert [str(c) for c in table.get_row("wemwbs")[:5]] == [
            "WEMWBS",
            "44",
            "\u2013",
            "\u2013",
            "49",
        ]
        # Items 1, 2, 3, 6, 7, 9 and 11 of the demo's WEMWBS: 3+3+3+3+4+3+4 = 23 -> 20.73.
        assert [str(c) for c in table.get_row("swemwbs")[:2]] == ["SWEMWBS", "20.73"]
        heading = "SCS \u00b7 Self-Compassion Scale\n26 items \u00b7 paper form"
        assert shown(app, "#scales-heading") == heading
        totals = shown(app, "#scales-totals")
        assert "Total (1.00 to 5.00; higher means more self-compassion)" in totals
        assert "Baseline  Fri 23 Oct" in totals and "2.56  moderate" in totals
        profile = shown(app, "#scales-profile")
        assert "Self-kindness" in profile and " 2.20" in profile
        assert "Self-judgment" in profile and " 3.60" in profile
        assert "Over-identification" in profile and " 3.50" in profile
        # WEMWBS 44 is not very low (40.44), but SWEMWBS 20.73 is (below 21.06).
        assert app.screen.query_one("#scales-support").display
        table.move_cursor(row=2)
        await pilot.pause()
        totals = shown(app, "#scales-totals")
        assert "Baseline  Fri 23 Oct" in totals and "Extra     Thu 19 Nov" in totals
        # The week-4 check-in's items 1, 2, 3, 6, 7, 9 and 11: 4+3+4+4+4+4+4 = 27 -> 24.11.
        assert "The short form (SWEMWBS) from the same answers: 24.11" in totals
        change = shown(app, "#scales-change")
        assert "Your WEMWBS score went from 44 to 49, a rise of 5 points." in change
        assert "not yet a reliable change" in change
        assert "It reaches the 3 points published as a meaningful change" in change
        assert "In between you logged" in change  # the demo's self-care log


async def test_a_change_is_described_in_plain_words_with_practice_beside_it(
    tmp_path, make_app, shown
):
    store = open_store(tmp_path / "fresh.db")
    store.programme.save_setup(dt.date(2026, 10, 26), "Alex", "Europe/London", DEFAULT_HABITS, NOW)
    wemwbs = instrument("wemwbs")
    store.scales.save_result(wemwbs, "pre", dt.date(2026, 10, 23), [3] * 13 + [5], NOW)  # 44
    store.scales.save_result(wemwbs, "adhoc", TODAY, [4] * 6 + [3] * 8, NOW)  # 48
    habits = {h.key: h for h in store.selfcare.habits()}
    for key, day, minutes in [
        ("meditation", dt.date(2026, 10, 22), 10),  # before the baseline: not counted
        ("meditation", dt.date(2026, 11, 2), 20),
        ("walking", dt.date(2026, 11, 3), 45),
    ]:
        store.selfcare.log(habits[key], day, minutes, None, NOW, "Europe/London")
    app = make_app(store)
    try:
        async with app.run_test() as pilot:
            await pilot.press("5")
            app.screen.query_one(DataTable).move_cursor(row=2)
            await pilot.pause()
            change = shown(app, "#scales-change")
            assert "Baseline to extra (Thu 26 Nov)" in change
            assert "Your WEMWBS score went from 44 to 48, a rise of 4 points." in change
            assert "It is within 7.45 points" in change and "not yet a reliable change" in change
            assert "It reaches the 3 points published as a meaningful change" in change
            assert "In between you logged 20 minutes of meditation and 45 of walking." in change
    finally:
        store.close()


async def test_a_result_saved_elsewhere_shows_when_the_section_is_opened_again(
    demo_path, store, make_app
):
    """The section skips redrawing what has not changed, never what has."""
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("5")
        table = app.screen.query_one(DataTable)
        assert str(table.get_row("scs-sf")[4]) == "\u2013"  # no extra check-in yet
        await pilot.press("1")
        elsewhere = open_store(demo_path)  # `companion scales take` in another terminal
        try:
            elsewhere.scales.save_result(SF, "adhoc", TODAY, [3] * 12, NOW)
        finally:
            elsewhere.close()
        await pilot.press("5")
        assert str(table.get_row("scs-sf")[4]) == "3.00"


async def test_sources_on_request(store, make_app):
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("5")
        app.screen.query_one(DataTable).move_cursor(row=2)
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, SourcesScreen)
        text = screen_text(app)
        assert "larger than 7.45 points" in text
        assert "Scottish Health Survey 2018" in text
        assert "Warwick WEMWBS FAQ" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ScalesScreen)


async def test_a_gentle_pointer_to_support_at_very_low_wellbeing(store, make_app, shown):
    store.scales.save_result(
        instrument("wemwbs"), "adhoc", TODAY, [2] * 14, NOW
    )  # 28: below 40.44
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("5")
        support = app.screen.query_one("#scales-support", Static)
        assert support.display
        assert shown(app, "#scales-support") == f"{SUPPORT_POINTER} {SUPPORT_KEY}"
        assert "Samaritans (116 123" in SUPPORT_POINTER and "NHS 111" in SUPPORT_POINTER
        text = screen_text(app).lower()
        assert not [label for label in DIAGNOSTIC if label in text]
        await pilot.press("h")  # the pointer's key opens the whole Support page
        assert isinstance(app.screen, SupportScreen)


@pytest.mark.parametrize(("answers", "pointer"), [([1] * 7, True), ([4, 4, 4, 3, 3, 3, 3], False)])
async def test_swemwbs_alone_gets_the_same_care(store, make_app, answers, pointer) -> None:
    # The latest SWEMWBS result decides, as WEMWBS: all lowest (7.00) is well below 21.06;
    # raw 24 (21.54) is not.
    store.scales.save_result(instrument("swemwbs"), "adhoc", TODAY, answers, NOW)
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("5")
        assert app.screen.query_one("#scales-support", Static).display is pointer


# ---------------------------------------------------------------- the paper form


async def test_paper_form_end_to_end_with_digits(store, make_app, shown):
    app = make_app(store)
    async with app.run_test(notifications=True) as pilot:
        await open_scale(pilot, app, row=1)
        screen = app.screen
        title = "SCS-SF \u00b7 Extra \u00b7 Thu 26 Nov \u00b7 paper form"
        assert shown(app, "#admin-title") == title
        assert shown(app, "#admin-item") == "Item 1 of 12"
        assert shown(app, "#admin-wording") == "Read item 1 on your form, then choose your answer."
        await pilot.press("3", "4")
        assert shown(app, "#admin-item") == "Item 3 of 12"
        await pilot.press("left")  # back: item 2 shows the answer given
        assert shown(app, "#admin-item") == "Item 2 of 12"
        assert app.screen.query_one(OptionList).highlighted == 3
        assert "\u25cf 4" in screen_text(app)
        await pilot.press("2")  # change it
        await pilot.press("right")  # forward past item 3 without answering it
        assert shown(app, "#admin-item") == "Item 4 of 12"
        await pilot.press("left")
        await pilot.press("4", "1", "5", "3", "3", "2", "4", "1", "5")  # items 3 to 11
        assert shown(app, "#admin-item") == "Item 12 of 12"
        assert "11 of 12 answered" in shown(app, "#admin-progress")
        await pilot.press("3")  # the last item: the review follows
        assert "All 12 answered. Press s to save" in shown(app, "#review-help")
        # Change item 10 from 1 to 4 in the review.
        review = app.screen.query_one("#review-table", DataTable)
        review.move_cursor(row=9)
        await pilot.pause()
        await pilot.press("4")
        assert str(review.get_row("10")[1]) == "4"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ScalesScreen)
        assert "Saved your SCS-SF. Thank you." in [n.message for n in app._notifications]
        # Oriented (items 1, 4, 8, 9, 11, 12 reversed): 3 2 4 5 5 3 3 4 2 4 1 3 = 39; 39/12.
        assert "Extra     Thu 26 Nov" in shown(app, "#scales-totals")
        assert " 3.25" in shown(app, "#scales-totals")
        assert screen.answers == dict(enumerate([3, 2, 4, 1, 5, 3, 3, 2, 4, 4, 5, 3], start=1))
    baseline, saved = store.scales.administrations("scs-sf")
    assert baseline.occasion == "pre"
    assert saved.complete and saved.occasion == "adhoc" and saved.day == TODAY
    assert saved.answer_list(12) == [3, 2, 4, 1, 5, 3, 3, 2, 4, 4, 5, 3]


async def test_saving_waits_for_every_answer(store, make_app, shown):
    app = make_app(store)
    async with app.run_test(notifications=True) as pilot:
        await open_scale(pilot, app, row=1)
        await pilot.press("3", "right", "3", "r")
        assert "10 to answer: item 2, 4, 5" in shown(app, "#review-help")
        await pilot.press("s")
        assert isinstance(app.screen, AdministerScreen)
        assert any("Item 2 has no answer yet" in n.message for n in app._notifications)
        review = app.screen.query_one("#review-table", DataTable)
        review.move_cursor(row=1)
        await pilot.press("enter")  # back to the form at that item
        assert shown(app, "#admin-item") == "Item 2 of 12"
    assert not store.scales.administrations("scs-sf")[-1].complete


async def test_nothing_while_answering_names_a_subscale_or_a_reversed_item(store, make_app):
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("5")
        app.screen.query_one(DataTable).move_cursor(row=0)  # the SCS: six subscales
        await pilot.pause()
        await pilot.press("enter")
        dialog_text = screen_text(app).lower()
        await pilot.press("enter")
        texts = [dialog_text]
        for value in "3412":
            texts.append(screen_text(app).lower())
            await pilot.press(value)
        await pilot.press("r")
        texts.append(screen_text(app).lower())
    words = [s.name.lower() for s in instrument("scs").subscales]
    words += ["kindness", "judg", "humanity", "isolat", "mindful", "identif", "revers"]
    for text in texts:
        assert not [w for w in words if w in text], text


async def test_wemwbs_shows_its_copyright_line_with_the_form(store, make_app):
    copyright_line = instrument("wemwbs").copyright
    assert copyright_line is not None
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("5")
        app.screen.query_one(DataTable).move_cursor(row=2)
        await pilot.pause()
        await pilot.press("enter")
        assert copyright_line in screen_text(app)
        assert "protected by copyright" in screen_text(app)  # the licence note
        await pilot.press("enter")
        assert copyright_line in screen_text(app)


async def test_carry_on_after_closing_the_app(demo_path: Path, make_app, shown):
    first = open_store(demo_path)
    app = make_app(first)
    async with app.run_test() as pilot:
        await open_scale(pilot, app, row=1)
        await pilot.press("3", "4", "2", "5", "1")
        assert shown(app, "#admin-item") == "Item 6 of 12"
    first.close()  # the terminal was closed part-way through

    again = open_store(demo_path)
    app = make_app(again)
    try:
        async with app.run_test() as pilot:
            await pilot.press("5")
            table = app.screen.query_one(DataTable)
            assert str(table.get_cell("scs-sf", "state")) == "unfinished, 5 of 12"
            table.move_cursor(row=1)
            await pilot.pause()
            await pilot.press("enter")
            assert isinstance(app.screen, StartDialog)
            assert "answered 5 of 12. Your answers are saved." in screen_text(app)
            await pilot.press("enter")  # Carry on
            assert isinstance(app.screen, AdministerScreen)
            assert shown(app, "#admin-item") == "Item 6 of 12"
            assert "5 of 12 answered" in shown(app, "#admin-progress")
            await pilot.press("escape")  # close again: still kept
            assert isinstance(app.screen, ScalesScreen)
        unfinished = again.scales.unfinished("scs-sf")
        assert unfinished is not None
        assert dict(unfinished.answers) == {1: 3, 2: 4, 3: 2, 4: 5, 5: 1}
    finally:
        again.close()


async def test_start_again_clears_the_unfinished_answers(store, make_app, shown):
    started = store.scales.begin(SF, "adhoc", TODAY, NOW)
    store.scales.save_answer(SF, started.id, 1, 5, NOW)
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("5")
        app.screen.query_one(DataTable).move_cursor(row=1)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.click("#start-again")
        await pilot.pause()
        assert isinstance(app.screen, AdministerScreen)
        assert shown(app, "#admin-item") == "Item 1 of 12"
    unfinished = store.scales.unfinished("scs-sf")
    assert unfinished is not None and not unfinished.answers  # the 5 for item 1 is gone


# ---------------------------------------------------------------- on screen, from imported wording


async def test_answering_on_screen_from_imported_wording(store, make_app, shown):
    store.scales.import_wording(SF, [f"Placeholder statement {n}" for n in range(1, 13)], NOW)
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("5")
        app.screen.query_one(DataTable).move_cursor(row=1)
        await pilot.pause()
        assert "12 items \u00b7 wording imported" in shown(app, "#scales-heading")
        await pilot.press("enter")
        assert app.screen.query_one("#start-on-screen", Checkbox).value is True
        await pilot.press("enter")
        assert shown(app, "#admin-title").endswith("\u00b7 on screen")
        assert shown(app, "#admin-wording") == "Placeholder statement 1"
        await pilot.press("2")
        assert shown(app, "#admin-wording") == "Placeholder statement 2"
        await pilot.press("m")  # to the paper form and back
        assert shown(app, "#admin-wording") == "Read item 2 on your form, then choose your answer."
        assert shown(app, "#admin-title").endswith("\u00b7 paper form")
        await pilot.press("m")
        assert shown(app, "#admin-wording") == "Placeholder statement 2"


async def test_wording_is_shown_literally(store, make_app, shown):
    tricky = [f"Placeholder [bold]statement[/] {n} \\[x]" for n in range(1, 13)]
    store.scales.import_wording(
        SF, tricky, NOW
    )  # (the import file check would refuse this markup)
    app = make_app(store)
    async with app.run_test() as pilot:
        await open_scale(pilot, app, row=1)
        assert shown(app, "#admin-wording") == tricky[0]


async def test_the_paper_form_can_be_chosen_with_wording_imported(store, make_app, shown):
    store.scales.import_wording(SF, [f"Placeholder statement {n}" for n in range(1, 13)], NOW)
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.press("5")
        app.screen.query_one(DataTable).move_cursor(row=1)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.click("#start-on-screen")
        await pilot.click("#begin")
        await pilot.pause()
        assert shown(app, "#admin-wording") == "Read item 1 on your form, then choose your answer."


# ---------------------------------------------------------------- the Today card


@pytest.fixture
def new_programme(tmp_path: Path) -> Iterator[Store]:
    """A programme starting Monday 30 November: today (26 November) is before week 1."""
    opened = open_store(tmp_path / "new.db")
    opened.programme.save_setup(
        dt.date(2026, 11, 30), "Alex", "Europe/London", DEFAULT_HABITS, NOW
    )
    yield opened
    opened.close()


async def test_today_card_offers_the_baseline_one_key_away(new_programme, make_app, shown):
    app = make_app(new_programme)
    async with app.run_test() as pilot:
        await pilot.pause()
        card = app.screen.query_one("#scales-card", Static)
        assert card.display
        text = shown(app, "#scales-card")
        assert text.startswith("Baseline measures are due, by Sun 6 Dec (in 10 days)")
        assert "SCS  Self-Compassion Scale, 26 items" in text
        assert "WEMWBS  Warwick-Edinburgh Mental Wellbeing Scale, 14 items" in text
        assert "Press m to begin" in text
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, StartDialog)
        assert app.screen.instrument.id == "scs"
        assert app.screen.suggested == "pre"
        await pilot.press("enter")
        assert shown(app, "#admin-title").startswith("SCS \u00b7 Baseline \u00b7 Thu 26 Nov")


async def test_today_card_is_hidden_when_nothing_is_due(store, make_app):
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert not app.screen.query_one("#scales-card").display


async def test_today_card_notices_a_baseline_taken_elsewhere(new_programme, make_app):
    new_programme.scales.save_result(instrument("scs"), "pre", TODAY, [3] * 26, NOW)
    new_programme.scales.save_result(instrument("wemwbs"), "pre", TODAY, [3] * 14, NOW)
    app = make_app(new_programme)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#scales-card").display


# ---------------------------------------------------------------- the demo


def test_the_demo_is_paper_form_only_with_every_baseline_and_a_check_in(store):
    assert store.scales.wording_imported() == frozenset()
    rows = store.conn.execute("SELECT count(*) FROM scale_wording").fetchone()[0]
    assert rows == 0
    done = [(a.instrument, a.occasion, a.day, a.complete) for a in store.scales.administrations()]
    assert done == [
        ("scs", "pre", dt.date(2026, 10, 23), True),
        ("scs-sf", "pre", dt.date(2026, 10, 23), True),
        ("wemwbs", "pre", dt.date(2026, 10, 23), True),
        ("swemwbs", "pre", dt.date(2026, 10, 23), True),
        ("wemwbs", "adhoc", dt.date(2026, 11, 19), True),
    ]


# ---------------------------------------------------------------- snapshots (80x24)


def test_scales_results_snapshot(snap_compare, store, make_app):
    assert snap_compare(make_app(store), press=["5"], terminal_size=(80, 24))


def test_paper_form_snapshot(snap_compare, store, make_app):
    assert snap_compare(
        make_app(store), press=["5", "down", "enter", "enter", "3", "4"], terminal_size=(80, 24)
    )
