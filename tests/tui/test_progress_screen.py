"""Progress (key 6) on the demo: the figures shown are the ones the store holds."""

from __future__ import annotations

import datetime as dt

from companion.content.instruments import instrument, instruments
from companion.domain.scales.results import format_total, results
from companion.tui.widgets.fitting_table import FittingTable


async def test_key_6_tells_the_demo_story_from_the_store(demo_store, make_app, shown) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        view = app.view()
        assert view is not None
        done = view.completion
        assert done.sessions_attended and done.activities_done  # the demo has some of each
        story = shown(app, "#progress-done")
        assert f"{done.sessions_attended} of {done.sessions_total} sessions attended" in story
        assert f"{done.activities_done} of {done.activities_total} activities completed" in story

        # Practice per week: the first programme week's minutes, summed from the entries.
        start = view.setup.start
        first_week = sum(
            entry.value
            for offset in range(7)
            for entry in demo_store.selfcare.entries_on(start + dt.timedelta(days=offset))
            if demo_store.selfcare.habit(entry.habit_id).kind == "minutes"
        )
        assert first_week > 0
        assert "Week 1 " in shown(app, "#progress-practice")
        assert f" {first_week:,.0f} min" in shown(app, "#progress-practice").splitlines()[1]

        # Each scale's baseline total, as the Scales section scores it.
        taken = demo_store.scales.administrations()
        table = app.screen.query_one("#progress-scales", FittingTable)
        rows = {row.key: [str(cell) for cell in row.cells] for row in table.shown_rows}
        for scale in instruments():
            baseline = results(scale, taken).point("pre")
            assert baseline is not None
            assert rows[scale.id][1] == format_total(scale, baseline.score.total)

        # The action plan by state, and the open steps' own words.
        items = demo_store.worksheets.actions()
        plan = shown(app, "#progress-plan")
        states = [sum(i.state == s for i in items) for s in ("open", "done", "let-go")]
        assert "{} open, {} done, {} let go".format(*states) in plan
        for item in items:
            assert (item.text in plan) == (item.state == "open")

        # The three components: each sheet's state and the SCS pair at baseline, from the store.
        components = shown(app, "#progress-components")
        completed = demo_store.worksheets.completed()
        scs = results(instrument("scs"), taken).point("pre")
        assert scs is not None and scs.score.subscales is not None
        for component, positive, negative in (
            ("mindfulness", "mindfulness", "over_identification"),
            ("common-humanity", "common_humanity", "isolation"),
            ("self-kindness", "self_kindness", "self_judgment"),
        ):
            title = view.template.components[component]
            block = components.split(f"{title} \u00b7 ")[1].split("\n\n")[0]
            complete = component in completed
            assert ("Worksheet: complete." in block) == complete, block
            for subscale in (positive, negative):
                value = format_total(instrument("scs"), scs.score.subscales[subscale])
                assert f": {value} (baseline)" in block

        await pilot.press("b")
        await pilot.pause()
        assert type(app.screen).__name__ == "SideBySideScreen"


async def test_practice_logged_under_a_habit_archived_later_still_counts(
    demo_store, make_app, shown
) -> None:
    """Progress and the evaluation pack add practice up by one rule: practice done stays done."""
    setup = demo_store.programme.setup()
    week_one = [setup.start + dt.timedelta(days=offset) for offset in range(7)]
    before = sum(
        entry.value
        for day in week_one
        for entry in demo_store.selfcare.entries_on(day)
        if demo_store.selfcare.habit(entry.habit_id).kind == "minutes"
    )
    timed = [h for h in demo_store.selfcare.habits() if h.kind == "minutes"]
    for habit in timed:
        demo_store.selfcare.archive_habit(habit.id, dt.datetime.now(dt.UTC))
    assert not [h for h in demo_store.selfcare.habits() if h.kind == "minutes"]
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert f" {before:,.0f} min" in shown(app, "#progress-practice").splitlines()[1]
