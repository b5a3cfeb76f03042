"""`companion support`: who to contact, most urgent first, from any shell, before setup."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.content import loader

PACKAGED = Path(loader.__file__).parent


@pytest.fixture(autouse=True)
def fresh_content() -> Iterator[None]:
    loader.forget()
    yield
    loader.forget()


def _numbered(out: str) -> list[str]:
    return [line for line in out.splitlines() if line[:1].isdigit()]


def test_support_lists_who_to_contact_most_urgent_first(cli) -> None:
    result = cli("support")
    assert result.code == 0, result.err
    assert result.err == ""
    assert _numbered(result.out) == [
        "1. If life is at risk: Call 999 or go to A&E",
        "2. NHS 111: Call 111; in England choose option 2 for mental health",
        "3. Samaritans: Call 116 123, free, day or night",
        "4. Shout: Text SHOUT to 85258, free, any time",
        "5. Your GP: Contact your GP practice",
        "6. Your programme coach: Contact them as agreed when the programme began",
    ]
    lines = result.out.splitlines()
    # Each contact has one line on when it fits, right under it.
    when = lines[lines.index("3. Samaritans: Call 116 123, free, day or night") + 1]
    assert when == "   When you want someone to listen, about anything, without judging."
    # Every number's source, as a whole address a reader can follow.
    assert "    https://www.nhs.uk/nhs-services/mental-health-services/" in result.out
    assert "  Samaritans: https://www.samaritans.org/how-we-can-help/contact-samaritan/" in lines
    assert "  Shout: https://giveusashout.org/get-help/" in lines


def test_support_needs_no_database_and_writes_nothing(cli, data_home: Path) -> None:
    result = cli("support")
    assert result.code == 0, result.err
    assert "116 123" in result.out
    assert not any(data_home.rglob("*")), "support wrote something"


def _adapted(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = (PACKAGED / "support.toml").read_text(encoding="utf-8")
    text = text.replace('how = "Call 116 123, free, day or night"', 'how = "Call 13 11 14"')
    text = text.replace(
        "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
        "https://www.lifeline.org.au/",
    )
    (folder / "support.toml").write_text(text.replace('name = "Samaritans"', 'name = "Lifeline"'))
    return folder / "support.toml"


def test_a_facilitator_adapts_the_numbers_from_the_content_folder(
    cli, tmp_path: Path, monkeypatch
) -> None:
    _adapted(tmp_path / "ours")
    monkeypatch.setenv("COMPANION_CONTENT", str(tmp_path / "ours"))
    result = cli("support")
    assert result.code == 0, result.err
    assert "3. Lifeline: Call 13 11 14" in result.out
    assert "  Lifeline: https://www.lifeline.org.au/" in result.out.splitlines()
    assert "116 123" not in result.out
    assert cli("content").out.startswith(f"Content in use: {tmp_path / 'ours'}")


def test_a_broken_adapted_file_still_shows_the_packaged_numbers(
    cli, tmp_path: Path, monkeypatch
) -> None:
    broken = _adapted(tmp_path / "ours")
    # A number with nowhere to check it is refused.
    text = broken.read_text().replace('source = "https://www.lifeline.org.au/"\n', "")
    broken.write_text(text)
    monkeypatch.setenv("COMPANION_CONTENT", str(tmp_path / "ours"))
    result = cli("support")
    assert result.code == 0
    assert "3. Samaritans: Call 116 123, free, day or night" in result.out
    (line,) = result.err.splitlines()
    assert line.startswith(f"companion: {broken}: contact 3: source: a contact with a number")
    assert line.endswith("; these are the packaged numbers")
    # Everywhere else, the broken folder is refused at once, as any broken content is.
    assert cli("content").assert_user_error().startswith(f"companion: {broken}: ")


def test_the_app_offers_support_in_the_help_text(cli) -> None:
    result = cli("--help")
    assert "support" in result.out
    assert "who to contact when things are hard" in result.out


def test_support_is_not_a_stray_file_in_a_content_folder(tmp_path: Path, monkeypatch) -> None:
    _adapted(tmp_path / "ours")
    monkeypatch.setenv("COMPANION_CONTENT", os.fspath(tmp_path / "ours"))
    assert loader.content_folder().overrides == ("support.toml",)
