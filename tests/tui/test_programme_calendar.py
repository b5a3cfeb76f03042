"""Key `i` on Programme: the whole schedule as a calendar file, through `tui.delivery`."""

from __future__ import annotations

import stat

import icalendar

from companion import content
from companion.domain.programme import build_schedule
from companion.store import Store
from companion.store.files import exports_dir
from companion.tui.app import CompanionApp


async def test_i_saves_the_programme_as_a_private_calendar_file(demo_store: Store, make_app):
    app: CompanionApp = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    saved = exports_dir(demo_store.path) / "programme.ics"
    assert any("calendar is saved as" in m and "programme.ics" in m for m in messages), messages
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600

    setup = demo_store.programme.setup()
    assert setup is not None
    events = build_schedule(content.programme(), setup)
    calendar = icalendar.Calendar.from_ical(saved.read_bytes())
    found = [
        (str(e["uid"]), str(e["summary"]), e.decoded("dtstart")) for e in calendar.walk("VEVENT")
    ]
    uid = demo_store.programme.calendar_uid()
    assert uid != "programme"  # the one made at setup
    assert found == [(f"{e.id}.{uid}@companion", e.title, e.start) for e in events]
