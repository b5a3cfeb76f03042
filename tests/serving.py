"""Running `companion serve` for real in tests: start it, read its link, find its app processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit

COMPANION = [sys.executable, "-m", "companion"]


@contextmanager
def serving(
    *args: str, env: dict[str, str] | None = None, browser: bool = False
) -> Iterator[Served]:
    """`companion serve --no-browser ARGS` as a subprocess; stopped (SIGTERM) at the end.

    `browser`: without --no-browser (set BROWSER in `env` to what should open).
    """
    process = subprocess.Popen(
        [*COMPANION, "serve", *([] if browser else ["--no-browser"]), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        if not first.startswith("Companion is open at "):
            process.kill()
            _, err = process.communicate(timeout=10)
            raise AssertionError(f"serve did not start: {first!r} {err!r}")
        yield Served(process, first.removeprefix("Companion is open at ").strip())
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                for pid in descendants(process.pid):
                    _kill(pid)
                process.kill()
                process.wait()


class Served:
    """A running serve: its process and the link it printed."""

    def __init__(self, process: subprocess.Popen[str], link: str) -> None:
        self.process = process
        self.link = link
        parts = urlsplit(link)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.port = parts.port

    def stop(self, how: int = signal.SIGTERM, timeout: float = 20) -> tuple[int, str, str]:
        """Send `how`; wait for it to end; its exit code, the rest of stdout, and stderr."""
        self.process.send_signal(how)
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, err

    def apps(self) -> dict[int, str]:
        """The app processes it started (pid: command line)."""
        found = {}
        for pid in descendants(self.process.pid):
            line = command_line(pid)
            if "companion.tui.served" in line:
                found[pid] = line
        return found


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    """Running (a zombie, ended but not yet reaped, counts as ended)."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _kill(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
