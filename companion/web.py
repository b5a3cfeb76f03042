"""`companion serve`'s web server: textual-serve, with a door only its starter can open.

textual-serve runs one app process per browser tab and relays its screen over
a websocket. A server on this computer is reachable by any web page the person
visits (a page can ask `127.0.0.1` for anything) and by anyone else logged in
here, so every request, whatever its route, must carry the secret made for
this start: in the printed address the first time, then as a cookie the
browser sends back only to this server (HttpOnly, SameSite=Strict). Without
it the answer is 403 and no app process is started. The websocket must also
come from a page of this server (its Origin), so a page elsewhere cannot drive
the app even if it could guess nothing else. No CORS headers are ever sent,
and the secret is kept out of every log line.
"""

from __future__ import annotations

import asyncio
import html
import logging
import secrets
import socket
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from aiohttp import web
from textual_serve.server import Server

KEY = "key"  # the query parameter that carries the secret on the first visit
REFUSED = "Companion: this address needs the link printed by `companion serve`.\n"
FOREIGN = "Companion: this page may only be driven from its own address.\n"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def origin_of(host: str, port: int) -> str:
    """`http://host:port`, with an IPv6 address in brackets."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class GuardedServer(Server):
    """textual-serve's Server for one person: a secret on every route, an Origin check.

    `command` is the shell command one tab runs (textual-serve starts it with
    a shell, so build it with `shlex.join`). `sock` is already bound, so the
    address is known (and a port in use refused) before anything starts.
    `ready` is called once the server is up and stops cleanly on a signal.
    """

    def __init__(
        self,
        command: str,
        sock: socket.socket,
        *,
        title: str,
        ready: Callable[[GuardedServer], None] = lambda server: None,
    ) -> None:
        host, port = sock.getsockname()[:2]
        self.origin = origin_of(host, port)
        super().__init__(command, host=host, port=port, title=title, public_url=self.origin)
        self.sock = sock
        self.secret = secrets.token_urlsafe(32)
        # Cookies are per host, not per port: two serves at once keep their own.
        self.cookie = f"companion-{port}"
        self._tabs: set[asyncio.Task[Any]] = set()
        self._ready = ready

    @property
    def link(self) -> str:
        """The address to open, with the secret; print it only to the person who started us."""
        return f"{self.origin}/?{urlencode({KEY: self.secret})}"

    # ------------------------------------------------------------ the door

    def _is_secret(self, given: str | None) -> bool:
        return given is not None and secrets.compare_digest(given.encode(), self.secret.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every route: the secret (query or cookie), and the websocket's Origin."""
        if KEY in request.query:
            if not self._is_secret(request.query[KEY]):
                return _plain(403, REFUSED)
            # A page that sets the cookie and moves on to the same address without the
            # secret (out of the address bar and history). Not a redirect: a redirect is
            # part of the navigation that brought the link, and when that came from
            # another site (a file, a chat) the browser holds back a Strict cookie on it.
            rest = [(name, value) for name, value in request.query.items() if name != KEY]
            target = request.path + (f"?{urlencode(rest)}" if rest else "")
            page = web.Response(text=bounce(target), content_type="text/html")
            page.set_cookie(self.cookie, self.secret, path="/", httponly=True, samesite="Strict")
            page.headers["Cache-Control"] = "no-store"
            _secure_headers(page, self.origin)
            return page
        if not self._is_secret(request.cookies.get(self.cookie)):
            return _plain(403, REFUSED)
        if request.path == "/ws" and request.headers.get("Origin") != self.origin:
            return _plain(403, FOREIGN)
        response = await handler(request)
        _secure_headers(response, self.origin)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's tab, remembered so that stopping the server ends its app."""
        task = asyncio.current_task()
        assert task is not None
        self._tabs.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._tabs.discard(task)

    # ------------------------------------------------------------ the server

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Tell the person where to go (`ready`): only now does Ctrl+C stop us cleanly."""
        self._ready(self)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every tab: textual-serve then tells its app to quit and waits for it."""
        for task in list(self._tabs):
            task.cancel()
        if self._tabs:
            await asyncio.wait(list(self._tabs), timeout=10)

    def initialize_logging(self) -> None:
        """Warnings only, plainly, with the secret blotted out of any line that holds it.

        textual-serve's own setup shows local variables in tracebacks, and
        aiohttp's access log prints every address asked for: the first one
        holds the secret. The access log is off (see `serve`).
        """
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("companion serve: %(message)s"))
        handler.addFilter(_Blot(self.secret))
        for name in ("textual-serve", "aiohttp"):
            logger = logging.getLogger(name)
            logger.handlers[:] = [handler]
            logger.setLevel(logging.WARNING)
            logger.propagate = False

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM, then end the tabs' apps and return."""
        import signal

        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for stop in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(stop, self.request_exit)
        try:
            web.run_app(
                self._make_app(),
                sock=self.sock,
                handle_signals=False,
                loop=loop,
                access_log=None,
                print=lambda *args: None,
                shutdown_timeout=5,
            )
        finally:
            for stop in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(stop)
            loop.close()


class _Blot(logging.Filter):
    """Replaces the secret in a log record's text (never expected there; certain this way)."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if self.secret in text:
            record.msg, record.args = text.replace(self.secret, "<secret>"), None
        if record.exc_info:  # a traceback's text could hold it too: name the error only
            kind = record.exc_info[0]
            record.msg = f"{record.getMessage()} ({kind.__name__ if kind else 'error'})"
            record.args, record.exc_info, record.exc_text = None, None, None
        return True


def bounce(target: str) -> str:
    """A page that goes on to `target` at once (no script needed)."""
    shown = html.escape(target, quote=True)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Companion</title>'
        f'<meta http-equiv="refresh" content="0; url={shown}"></head>'
        f'<body><p><a href="{shown}">Open Companion</a></p></body></html>\n'
    )


def _plain(status: int, text: str) -> web.Response:
    return web.Response(status=status, text=text, content_type="text/plain")


def _secure_headers(response: web.StreamResponse, origin: str) -> None:
    """The page may reach only this server; no other site may frame it or learn its address."""
    if response.prepared:  # a websocket or a download already under way
        return
    ws = "ws" + origin.removeprefix("http")
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; connect-src 'self' {ws}; script-src 'self' 'unsafe-inline'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
