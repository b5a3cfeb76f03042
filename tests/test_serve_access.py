"""The door of `companion serve` (companion/web.py), with aiohttp's test client.

Every route wants the secret, the websocket wants its own Origin, and a
refusal starts no app process: the tab command here is a tiny Python process
that adds a line to a file, so the file's lines count the processes started.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import socket
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from companion.web import FOREIGN, REFUSED, GuardedServer

ROUTES = ["/", "/static/css/xterm.css", "/static/", "/download/some-key", "/ws", "/nowhere"]


@pytest.fixture
def started(tmp_path: Path) -> Path:
    return tmp_path / "started.txt"


@pytest.fixture
def server(started: Path) -> Iterator[GuardedServer]:
    record = "import sys; open(sys.argv[1], 'a').write('started\\n')"
    command = shlex.join([sys.executable, "-c", record, str(started)])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    with sock:
        yield GuardedServer(command, sock, title="Companion")


@pytest.fixture
async def client(server: GuardedServer, aiohttp_client) -> AsyncIterator[TestClient]:
    app = await server._make_app()
    yield await aiohttp_client(app)


def starts(started: Path) -> int:
    return len(started.read_text().splitlines()) if started.exists() else 0


def with_cookie(server: GuardedServer, value: str | None = None) -> dict[str, str]:
    return {"Cookie": f"{server.cookie}={server.secret if value is None else value}"}


def no_cors(response: aiohttp.ClientResponse) -> None:
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]


async def assert_refused(response: aiohttp.ClientResponse, text: str = REFUSED) -> None:
    assert response.status == 403
    body = await response.text()
    assert body == text and body.count("\n") == 1
    assert response.content_type == "text/plain"
    assert "set-cookie" not in {h.lower() for h in response.headers}
    no_cors(response)


@pytest.mark.parametrize("route", ROUTES)
async def test_without_the_secret_every_route_is_refused(client, started, route) -> None:
    ws_headers = {"Origin": client.server.make_url("").human_repr().rstrip("/")}
    await assert_refused(await client.get(route, headers=ws_headers, allow_redirects=False))
    assert starts(started) == 0


@pytest.mark.parametrize("route", ROUTES)
async def test_a_wrong_secret_is_refused_in_the_query_and_in_the_cookie(
    client, server, started, route
) -> None:
    wrong = server.secret[:-1] + ("A" if server.secret[-1] != "A" else "B")
    for given in (
        client.get(route, params={"key": wrong}, allow_redirects=False),
        client.get(route, headers=with_cookie(server, wrong), allow_redirects=False),
        client.get(route, headers=with_cookie(server, ""), allow_redirects=False),
    ):
        await assert_refused(await given)
    assert starts(started) == 0


async def test_a_websocket_without_the_secret_starts_no_app(client, server, started) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers={"Origin": server.origin})
    assert refused.value.status == 403
    await asyncio.sleep(0.3)
    assert starts(started) == 0


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:1", "null", "", None])
async def test_a_websocket_from_another_origin_is_refused_even_with_the_cookie(
    client, server, started, origin
) -> None:
    headers = with_cookie(server)
    if origin is not None:
        headers["Origin"] = origin
    response = await client.get("/ws", headers=headers)
    await assert_refused(response, FOREIGN)
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers=headers)
    assert refused.value.status == 403
    await asyncio.sleep(0.3)
    assert starts(started) == 0


async def test_the_secret_in_the_link_sets_a_strict_cookie_and_leaves_the_address(
    client, server
) -> None:
    response = await client.get(
        "/", params={"key": server.secret, "fontsize": "18"}, allow_redirects=False
    )
    assert response.status == 200
    # It moves on to the same address without the secret, from a page of its own.
    assert '<meta http-equiv="refresh" content="0; url=/?fontsize=18">' in await response.text()
    assert response.headers["Cache-Control"] == "no-store"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{server.cookie}={server.secret};")
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert attributes == {"httponly", "path=/", "samesite=strict"}
    no_cors(response)


async def test_with_the_cookie_every_route_is_served(client, server) -> None:
    page = await client.get("/", headers=with_cookie(server))
    assert page.status == 200
    text = await page.text()
    assert f"{server.origin.replace('http', 'ws')}/ws" in text
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    no_cors(page)
    asset = await client.get("/static/css/xterm.css", headers=with_cookie(server))
    assert asset.status == 200
    assert "xterm" in await asset.text()
    # Through the door to textual-serve's download handler, which knows no such download.
    download = await client.get("/download/no-such-key", headers=with_cookie(server))
    assert download.status == 404


async def test_the_secret_and_its_own_origin_open_one_app(client, server, started) -> None:
    headers = {**with_cookie(server), "Origin": server.origin}
    websocket = await client.ws_connect("/ws?width=80&height=24", headers=headers)
    for _ in range(100):
        if starts(started):
            break
        await asyncio.sleep(0.05)
    await websocket.close()
    assert starts(started) == 1


def test_the_secret_is_fresh_for_every_start(server) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        other = GuardedServer("true", sock, title="Companion")
    assert other.secret != server.secret
    assert len(server.secret) >= 43  # 32 random bytes
    assert server.link == f"{server.origin}/?key={server.secret}"


def test_the_secret_never_reaches_the_log(server, capsys) -> None:
    server.initialize_logging()
    log = logging.getLogger("textual-serve")
    log.warning("asked for /?key=%s", server.secret)
    try:
        raise RuntimeError(f"bad request /?key={server.secret}")
    except RuntimeError as error:
        log.exception(error)
        logging.getLogger("aiohttp.server").error("Error handling request", exc_info=True)
    logging.getLogger("aiohttp.access").info("GET /?key=%s", server.secret)
    err = capsys.readouterr().err
    assert "asked for /?key=<secret>" in err
    assert "RuntimeError" in err
    assert server.secret not in err
