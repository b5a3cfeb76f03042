"""This machine's time zone: TZ first, then what tzlocal reads from the system, else London."""

from __future__ import annotations

import os
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest
import tzlocal

from companion import clock


def system_says(monkeypatch: pytest.MonkeyPatch, answer: str | Exception | None) -> None:
    """Make tzlocal report `answer` as the system's zone (or raise it)."""

    def get_localzone_name() -> str | None:
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(tzlocal, "get_localzone_name", get_localzone_name)


def test_the_systems_zone_comes_from_tzlocal(monkeypatch):
    monkeypatch.delenv("TZ", raising=False)
    system_says(monkeypatch, "Asia/Tokyo")
    assert clock.local_zone_name() == "Asia/Tokyo"
    system_says(monkeypatch, "America/Argentina/Buenos_Aires")
    assert clock.local_zone_name() == "America/Argentina/Buenos_Aires"


@pytest.mark.parametrize("tz", ["America/Halifax", ":America/Halifax"])
def test_tz_naming_a_zone_wins_and_is_read_on_every_call(monkeypatch, tz):
    system_says(monkeypatch, "Asia/Tokyo")
    monkeypatch.setenv("TZ", tz)
    assert clock.local_zone_name() == "America/Halifax"
    monkeypatch.setenv("TZ", "Europe/Lisbon")
    assert clock.local_zone_name() == "Europe/Lisbon"


@pytest.mark.parametrize("tz", ["", "Mars/Olympus_Mons", "../etc/passwd"])
def test_tz_that_names_no_zone_leaves_it_to_the_system(monkeypatch, tz):
    monkeypatch.setenv("TZ", tz)
    system_says(monkeypatch, "Asia/Tokyo")
    assert clock.local_zone_name() == "Asia/Tokyo"


@pytest.mark.parametrize(
    "answer",
    [
        "Nowhere/Special",  # a name this machine's zone database does not know
        "",
        None,  # tzlocal could not tell
        zoneinfo.ZoneInfoNotFoundError("Multiple conflicting time zone configurations found"),
        LookupError("Can not find Windows timezone configuration"),
        PermissionError("the registry could not be read"),
    ],
    ids=["unknown", "empty", "none", "conflicting", "no-windows-setting", "unreadable"],
)
def test_when_nothing_can_be_told_it_is_london(monkeypatch, answer):
    monkeypatch.delenv("TZ", raising=False)
    system_says(monkeypatch, answer)
    assert clock.local_zone_name() == "Europe/London"


def test_tz_as_a_file_path_is_understood(tmp_path):
    """The real tzlocal, in a fresh process: TZ pointing at a zone file gives its name."""
    zone_file = next(
        (Path(root, "Asia", "Tokyo") for root in zoneinfo.TZPATH if Path(root).is_dir()), None
    )
    if zone_file is None or not zone_file.is_file():
        pytest.skip("no system zone database to point TZ at")
    env = {**os.environ, "TZ": f":{zone_file}"}
    done = subprocess.run(
        [sys.executable, "-c", "from companion import clock; print(clock.local_zone_name())"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout == "Asia/Tokyo\n"
