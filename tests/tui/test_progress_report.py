"""Progress's `r`: the workshop report, handed over as the shell's `companion report` makes it."""

from __future__ import annotations

import stat

import time_machine

from companion.cli import main
from companion.store import Store
from companion.store.files import exports_dir


async def test_r_saves_the_report_the_shell_makes_privately(
    demo_store: Store, make_app, tmp_path
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        now = app.now()
        view = app.view()
    assert view is not None
    saved = exports_dir(demo_store.path) / f"companion-report-{view.status.today}.html"
    assert any("report (without your writing) is saved as" in m for m in messages), messages
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    out = tmp_path / "shell.html"
    with time_machine.travel(now, tick=False):
        assert main(["report", "--out", str(out), "--db", str(demo_store.path)]) == 0
    assert saved.read_bytes() == out.read_bytes()
    assert b"sessions attended" in saved.read_bytes()
