"""A ten-week programme from a content folder: every place that names a week follows it.

The packaged programme has eight weeks; here the template says ten, and the
participant is in week 10. Today, Programme, Self-care and `companion log
--week` must all say so (with eight weeks hard-coded, week 10 would read as
"programme complete" or as an ordinary week).
"""

from __future__ import annotations

import datetime as dt
import json

from textual.widgets import DataTable, Static

from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.store import open_store

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)  # Thursday 26 November
START = dt.date(2026, 9, 21)  # a Monday: 26 November is in week 10


def _ten_week_programme(tmp_path):
    path = tmp_path / "ten.db"
    store = open_store(path)
    store.programme.save_setup(START, "Ana", "Europe/London", DEFAULT_HABITS, NOW)
    walking = next(h for h in store.selfcare.habits() if h.key == "walking")
    for week in range(10):  # one walk a week, longer each week
        day = START + dt.timedelta(days=7 * week + 2)
        store.selfcare.log(walking, day, 10.0 + week, None, NOW, "Europe/London")
    return store


async def test_every_week_number_follows_the_template(
    tmp_path, ten_week_content, cli, monkeypatch, make_app, shown
):
    monkeypatch.setattr("companion.clock.now", lambda: NOW)
    store = _ten_week_programme(tmp_path)
    try:
        today = json.loads(cli("today", "--json", "--db", store.path).out)
        assert (today["phase"], today["week"], today["weeks"]) == ("during", 10, 10)
        week = cli("log", "--week", "--db", store.path).out.splitlines()
        assert week[0] == "Programme week 10: Mon 23 Nov to Sun 29 Nov"
        first = cli("log", "--week", "--date", START.isoformat(), "--db", store.path)
        assert first.out.splitlines()[0] == "Programme week 1: Mon 21 Sep to Sun 27 Sep"

        app = make_app(store, NOW)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert shown(app, "#headline").startswith("Week 10 of 10")

            await pilot.press("2")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            assert str(table.get_cell("end", "week")) == "10"

            await pilot.press("4")
            await pilot.pause()
            table = app.screen.query_one("#habit-table", DataTable)
            table.move_cursor(row=1)  # walking
            await pilot.pause()
            heatmap = str(app.screen.query_one("#heatmap", Static).render())
            weeks_line = heatmap.splitlines()[-1]
            assert [part[:-1] for part in weeks_line.split()] == [str(n) for n in range(1, 11)]
    finally:
        store.close()
