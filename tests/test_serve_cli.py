"""`companion serve` as a command: its refusals, its tabs' apps, and stopping cleanly.

The tabs here are aiohttp websocket clients doing what the page's script
does; tests/test_serve_browser.py does the same in a real Chromium.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import stat
from pathlib import Path

import aiohttp
from serving import alive, serving, wait_for

from companion.cli import main


def test_a_port_that_is_not_one_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    db = tmp_path / "companion.db"
    for port in ("65536", "http", "-1", "80.5"):
        result = cli("serve", "--no-browser", "--port", port, "--db", db)
        assert "port" in result.assert_user_error()
    assert not db.exists()


def test_a_port_in_use_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    db = tmp_path / "companion.db"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--no-browser", "--port", str(port), "--db", db)
    line = result.assert_user_error()
    assert line == (
        f"companion: port {port} is in use; choose another with --port, "
        "or leave it out for a free one"
    )
    assert not db.exists()


def test_a_host_that_cannot_be_found_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    db = tmp_path / "companion.db"
    result = cli("serve", "--no-browser", "--host", "no-such-host.invalid", "--db", db)
    assert "'no-such-host.invalid' is not an address" in result.assert_user_error()
    assert not db.exists()


def test_a_host_others_can_reach_is_served_with_a_plain_warning(tmp_path: Path) -> None:
    with serving("--host", "0.0.0.0", "--db", str(tmp_path / "c.db")) as served:
        code, _, err = served.stop()
    assert code == 0
    assert "anyone who can reach that address and gets the link can read" in err
    with serving("--db", str(tmp_path / "c.db")) as served:
        assert served.origin.startswith("http://127.0.0.1:")
        code, _, err = served.stop()
    assert (code, err) == (0, "")


async def open_tab(session: aiohttp.ClientSession, origin: str) -> aiohttp.ClientWebSocketResponse:
    """What the page does: connect its websocket and wait for the app's first drawing."""
    websocket = await session.ws_connect(
        f"{origin}/ws?width=80&height=24", headers={"Origin": origin}
    )
    async with asyncio.timeout(30):
        while (await websocket.receive()).type != aiohttp.WSMsgType.BINARY:
            pass
    return websocket


async def test_tabs_share_the_demo_and_stopping_ends_their_apps_and_the_demo(
    tmp_path: Path,
) -> None:
    with serving("--demo", env={"TMPDIR": str(tmp_path)}) as served:
        (demo,) = tmp_path.glob("companion-demo-*/demo.db")
        jar = aiohttp.CookieJar(unsafe=True)  # unsafe: it keeps cookies for an IP address
        async with aiohttp.ClientSession(cookie_jar=jar) as session:
            async with session.get(served.link) as page:  # the cookie, and a page moving on
                assert page.status == 200
            first = await open_tab(session, served.origin)
            second = await open_tab(session, served.origin)
            apps = served.apps()
            assert len(apps) == 2, apps
            for line in apps.values():
                assert line.endswith(f"--db {demo} --demo "), line
            # Ctrl+C (SIGINT to serve only), with both tabs still open.
            code, out, err = await asyncio.to_thread(served.stop, signal.SIGINT)
            await first.close()
            await second.close()
    assert code == 0, err
    assert out.endswith("Companion has stopped serving; your entries are saved.\n")
    wait_for(lambda: not any(alive(pid) for pid in apps), 10, "the apps to end")
    assert not demo.parent.exists()


def test_the_tabs_open_the_database_given(tmp_path: Path) -> None:
    db = tmp_path / "my data" / "it's; $(here).db"  # a shell would trip on each of these
    db.parent.mkdir()
    assert main(["setup", "--start", "2026-11-30", "--db", str(db)]) == 0

    async def one_tab(origin: str, link: str) -> dict[int, str]:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as session:
            await (await session.get(link)).read()
            websocket = await open_tab(session, origin)
            apps = served.apps()
            await websocket.close()
            return apps

    with serving("--db", str(db)) as served:
        apps = asyncio.run(one_tab(served.origin, served.link))
        code, _, err = served.stop()
    assert code == 0, err
    (line,) = apps.values()
    assert f"--db {db} " in line
    assert not list(tmp_path.glob("companion-demo-*"))


def test_the_browser_is_started_with_a_private_page_not_the_secret(tmp_path: Path) -> None:
    """Any user can read a browser's command line; only the person can read the page."""
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" >> {opened}\n')
    browser.chmod(0o700)
    db = str(tmp_path / "c.db")
    with serving("--db", db, browser=True, env={"BROWSER": str(browser)}) as served:
        wait_for(opened.exists, 10, "the browser to be started")
        (given,) = opened.read_text().splitlines()
        door = Path(given.removeprefix("file://"))
        assert given == door.as_uri()
        assert served.link.split("key=")[1] not in given
        assert stat.S_IMODE(door.stat().st_mode) == 0o600
        assert stat.S_IMODE(door.parent.stat().st_mode) == 0o700
        assert f'content="0; url={served.link}"' in door.read_text()
        code, _, err = served.stop()
    assert code == 0, err
    assert not door.parent.exists()
