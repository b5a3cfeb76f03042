"""`companion serve` in a real browser: Debian's chromium, driven by Playwright.

The app is drawn in a canvas, so what the keys did is read back from the
database through the store. On failure a screenshot is kept in the artifacts
folder ($COMPANION_ARTIFACTS, or .artifacts/ in the checkout).

Skipped where /usr/bin/chromium is missing, unless COMPANION_REQUIRE_BROWSER
is set (.ci/run sets it, after installing chromium), which makes that a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from serving import serving, wait_for

from companion.cli import main
from companion.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE = "COMPANION_REQUIRE_BROWSER"
CHECKOUT = Path(__file__).parent.parent
ARTIFACTS = Path(os.environ.get("COMPANION_ARTIFACTS", CHECKOUT / ".artifacts"))
# Headless, and nothing that reaches out to the network on its own. --no-sandbox:
# CI runs as root, where Chromium's sandbox refuses to start.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A persistent context in a fresh profile folder of the system's Chromium."""
    missing = None if CHROMIUM.exists() else f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "Playwright is not installed (pip install -e '.[test]')"
    if missing:
        if os.environ.get(REQUIRE):
            pytest.fail(f"{REQUIRE} is set but {missing}")
        pytest.skip(f"the real-browser test needs Chromium: {missing}")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            accept_downloads=True,
            viewport={"width": 1100, "height": 700},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(chromium: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new tab, with no cookies; its screenshot is kept if the test fails."""
    chromium.clear_cookies()
    tab = chromium.new_page()
    failed_before = request.session.testsfailed
    yield tab
    # The call's report is counted before teardown: this test has just failed.
    if request.session.testsfailed > failed_before:
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"{request.node.name}.png"
        tab.screenshot(path=str(shot))
        print(f"screenshot: {shot}", file=sys.stderr)
    tab.close()


def set_up(db: Path) -> None:
    """A programme that started last Monday week, so its first sessions are behind us."""
    today = dt.date.today()
    start = today - dt.timedelta(days=today.weekday() + 7)
    assert main(["setup", "--start", start.isoformat(), "--db", str(db)]) == 0


def stored(db: Path, read: Callable[[Any], Any]) -> Any:
    store = open_store(db, create=False)
    try:
        return read(store)
    finally:
        store.close()


def test_keys_in_the_browser_tab_log_a_habit_mark_a_session_and_download_the_calendar(
    page: Any, tmp_path: Path
) -> None:
    db = tmp_path / "companion.db"
    set_up(db)
    first_habit = stored(db, lambda store: store.selfcare.habits()[0])
    with serving("--db", str(db)) as served:
        assert page.goto(served.link).status == 200
        page.wait_for_selector("body.-first-byte", timeout=30_000)  # the app has drawn
        assert page.url == served.origin + "/"  # the secret left the address bar
        time.sleep(1)
        page.mouse.click(550, 350)  # focus the terminal

        page.keyboard.press("2")  # Programme: the first row is the baseline, then Webinar 1
        time.sleep(1)
        page.keyboard.press("ArrowDown")
        page.keyboard.press("a")
        wait_for(
            lambda: stored(db, lambda s: s.programme.setup().attendance) == {"webinar-1": True},
            15,
            "Webinar 1 marked attended",
        )

        page.keyboard.press("4")  # Self-care: the first habit is selected
        time.sleep(1)
        page.keyboard.press("Enter")
        time.sleep(0.5)
        page.keyboard.type("25")
        page.keyboard.press("Enter")

        def entries() -> list[Any]:
            zone = stored(db, lambda s: s.programme.setup().zone)
            today = dt.datetime.now(zone).date()
            return stored(db, lambda s: s.selfcare.entries_on(today))

        wait_for(lambda: len(entries()) == 1, 15, "the habit logged")
        (entry,) = entries()
        assert (entry.habit_id, entry.value) == (first_habit.id, 25)

        page.keyboard.press("2")
        time.sleep(1)
        with page.expect_download(timeout=15_000) as started:
            page.keyboard.press("i")  # the calendar, through the guarded download route
        download = started.value
        assert download.suggested_filename == "programme.ics"
        assert "/download/" in download.url
        assert Path(download.path()).read_bytes().startswith(b"BEGIN:VCALENDAR")
        assert len(served.apps()) == 1


def test_a_visit_without_the_secret_or_from_another_origin_starts_nothing(
    page: Any, tmp_path: Path
) -> None:
    db = tmp_path / "companion.db"
    set_up(db)
    with serving("--db", str(db)) as served:
        response = page.goto(served.origin + "/")
        assert response.status == 403
        assert "needs the link printed by `companion serve`" in page.inner_text("body")

        time.sleep(0.5)
        assert served.apps() == {}

        # The cookie in this browser (set without opening the app), then a page on
        # another port of this computer tries to drive the app through the websocket.
        assert page.request.get(served.link).status == 200
        assert [c["name"] for c in page.context.cookies()] == [f"companion-{served.port}"]
        elsewhere = served.origin.rsplit(":", 1)[0] + ":9"
        page.route(
            f"{elsewhere}/",
            lambda route: route.fulfill(status=200, content_type="text/html", body="<p>hi</p>"),
        )
        page.goto(f"{elsewhere}/")
        ws = served.origin.replace("http", "ws") + "/ws"
        outcome = page.evaluate(
            """url => new Promise(done => {
                const socket = new WebSocket(url);
                socket.onopen = () => done("open");
                socket.onerror = () => done("refused");
            })""",
            ws,
        )
        assert outcome == "refused"
        time.sleep(0.5)
        assert served.apps() == {}


def test_the_private_page_the_browser_is_given_opens_the_app(page: Any, tmp_path: Path) -> None:
    """What `companion serve` hands the browser: a file only the person can read."""
    db = tmp_path / "companion.db"
    set_up(db)
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" >> {opened}\n')
    browser.chmod(0o700)
    with serving("--db", str(db), browser=True, env={"BROWSER": str(browser)}) as served:
        wait_for(opened.exists, 10, "the browser to be started")
        page.goto(opened.read_text().strip())  # a file:// page, from another "site"
        page.wait_for_selector("body.-first-byte", timeout=30_000)
        assert page.url == served.origin + "/"
        wait_for(lambda: len(served.apps()) == 1, 10, "the app to start")
