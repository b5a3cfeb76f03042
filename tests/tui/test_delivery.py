"""Files the app makes for the person: into the private exports folder, or to the browser."""

from __future__ import annotations

import io
import stat
from pathlib import Path
from typing import Any

import pytest

from companion.store import Store
from companion.store.files import exports_dir, save_new
from companion.tui.app import CompanionApp
from companion.tui.delivery import deliver


def test_save_new_never_writes_over_an_earlier_file(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    first = save_new(folder, "report.html", b"one")
    second = save_new(folder, "report.html", b"two")
    third = save_new(folder, "report.html", b"three")
    assert [p.name for p in (first, second, third)] == [
        "report.html",
        "report (2).html",
        "report (3).html",
    ]
    assert [p.read_bytes() for p in (first, second, third)] == [b"one", b"two", b"three"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (first, second, third))


def test_save_new_keeps_a_name_inside_the_folder(tmp_path: Path) -> None:
    written = save_new(tmp_path / "out", "../../escape.txt", b"x")
    assert written.parent == tmp_path / "out"


async def test_in_a_terminal_the_file_goes_beside_the_database(demo_store: Store, make_app):
    app: CompanionApp = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        assert deliver(app, "calendar.ics", b"BEGIN", what="calendar", mime_type="text/calendar")
        saved = exports_dir(demo_store.path) / "calendar.ics"
        assert saved.read_bytes() == b"BEGIN"
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("calendar is saved as" in m and "calendar.ics" in m for m in messages)


async def test_a_folder_that_cannot_be_written_is_a_kind_message(demo_store: Store, make_app):
    exports_dir(demo_store.path).write_text("a file where the folder should be")
    app: CompanionApp = make_app(demo_store)
    async with app.run_test(notifications=True) as pilot:
        assert not deliver(app, "r.html", b"x", what="report", mime_type="text/html")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("cannot create the folder" in m for m in messages)


async def test_in_a_browser_the_file_is_a_download_and_nothing_is_saved(
    demo_store: Store, make_app, monkeypatch: pytest.MonkeyPatch
):
    sent: list[tuple[bytes, dict[str, Any]]] = []

    def deliver_binary(self: CompanionApp, file: io.BytesIO, **options: Any) -> None:
        sent.append((file.read(), options))

    monkeypatch.setattr(CompanionApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(CompanionApp, "deliver_binary", deliver_binary)
    app: CompanionApp = make_app(demo_store)
    async with app.run_test(notifications=True):
        assert deliver(app, "report.html", b"<html>", what="report", mime_type="text/html")
    assert sent == [(b"<html>", {"save_filename": "report.html", "mime_type": "text/html"})]
    assert not exports_dir(demo_store.path).exists()
