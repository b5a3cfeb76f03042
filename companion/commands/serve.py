"""`companion serve`: the app in a browser tab on this computer, for the person who started it.

The web server (`companion.web`, on textual-serve) and its dependencies load
only when this command runs. Everything that can be wrong with what was typed
(the port, the host, the database) is refused before anything listens.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from companion.commands.common import Parser, UsageError, opened, typed_word

if TYPE_CHECKING:
    import socket

# The subcommands `register` adds.
COMMANDS = ("serve",)

LOOPBACK = "127.0.0.1"


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    serve = commands.add_parser(
        "serve",
        parents=[common],
        help="open Companion in a browser tab on this computer",
        description="Serve Companion to a browser on this computer: each tab runs the app on "
        "the same database. The printed link holds a secret made for this start; only a "
        "browser that opened it gets in. Ctrl+C stops it.",
    )
    serve.add_argument(
        "--port", metavar="N", help="the port to listen on (default, or 0: a free one)"
    )
    serve.add_argument(
        "--host",
        metavar="HOST",
        help=f"the address to listen on (default: {LOOPBACK}, this computer only)",
    )
    serve.add_argument(
        "--no-browser", action="store_true", help="print the link but do not open a browser"
    )
    serve.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    import shlex

    from companion.domain.numbers import read_whole

    port = 0  # any free port
    if args.port is not None:
        port = read_whole(
            args.port,
            what="a port number",
            hint="give --port a number up to 65535, or 0 (or nothing) for a free one",
            high=65535,
        )
    host = LOOPBACK if args.host is None else typed_word(args.host, "--host")
    sock, reachable = listen(host, port)
    with sock:
        from companion import content

        content.programme()  # a broken content folder is refused here, not in every tab
        with opened(args, create=True, check=True) as store:
            tab = [sys.executable, "-m", "companion.tui.served", "--db", str(store.path)]
            if args.demo:
                tab.append("--demo")
            # textual-serve runs it with a shell: quoted, and `exec` so the app is the process.
            command = "exec " + shlex.join(tab)
            return _serve(command, sock, reachable, open_browser=not args.no_browser)


def _serve(command: str, sock: socket.socket, reachable: bool, *, open_browser: bool) -> int:
    from companion.web import GuardedServer

    def ready(server: GuardedServer) -> None:
        if reachable:
            print(
                f"companion serve: warning: listening on {server.origin}, which other "
                "computers can reach; anyone who can reach that address and gets the link "
                "can read your Companion data.",
                file=sys.stderr,
            )
        print(f"Companion is open at {server.link}")
        print("The link is your key: keep it to yourself. Press Ctrl+C to stop.", flush=True)
        if open_browser:
            import webbrowser

            webbrowser.open(door(server.link, folder).as_uri())

    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="companion-serve-"))  # 0700
    try:
        server = GuardedServer(command, sock, title="Companion", ready=ready)
        server.serve()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("Companion has stopped serving; your entries are saved.")
    return 0


def door(link: str, folder: Path) -> Path:
    """A private page (0600) that opens `link`: what the browser is started with.

    A browser's command line can be read by every user of the computer (`ps`),
    so it gets the path of this file, which only the person can read.
    """
    from companion.store.files import write_private
    from companion.web import bounce

    path = folder / "open-companion.html"
    write_private(path, bounce(link).encode("utf-8"))
    return path


def listen(host: str, port: int) -> tuple[socket.socket, bool]:
    """A socket bound to `host:port` (0: a free port); and whether others can reach it.

    Bound here rather than by the web server so that every mistake is one
    line before anything starts, and the printed address has the real port.
    """
    import errno
    import ipaddress
    import socket

    from companion.domain.user_text import quoted

    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError):
        raise UsageError(
            f"{quoted(host)} is not an address this computer can find; "
            f"leave out --host to use {LOOPBACK}"
        ) from None
    family, kind, proto, _, address = found[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(64)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} is in use; choose another with --port, "
                "or leave it out for a free one"
            ) from None
        if error.errno == errno.EACCES:
            raise UsageError(
                f"port {port} needs special permission here; choose one above 1023"
            ) from None
        raise UsageError(
            f"cannot listen on {quoted(host)} port {port} ({error.strerror}); "
            f"leave out --host to use {LOOPBACK}"
        ) from None
    reachable = not ipaddress.ip_address(str(address[0]).split("%")[0]).is_loopback
    return sock, reachable
