"""The README's key table lists every key the app's `?` page lists, and no key the app
does not have (as sqlite-utils tests its docs against its CLI)."""

from __future__ import annotations

import re
from pathlib import Path

from companion.tui.app import CompanionApp

README = Path(__file__).parent.parent / "README.md"
ANYWHERE = {"Sections", "Everywhere"}  # the `?` page's groups the README calls "anywhere"
# Keys a table's selected row answers to, which `?` does not list for every section.
ROW_KEYS = {"enter", "escape"}


def readme_keys(text: str) -> dict[str, set[str]]:
    """{where: keys} from the README's `| key | where | what it does |` table."""
    table = text.split("| key | where | what it does |", 1)[1].split("\n\n", 1)[0]
    keys: dict[str, set[str]] = {}
    for line in table.splitlines()[2:]:
        key_cell, where, meaning = (cell.strip() for cell in line.strip("|").split("|"))
        found = set(re.findall(r"`([^`]+)`", key_cell))
        if range_ := re.fullmatch(r"`(\d)` to `(\d)`", key_cell):
            found = {str(n) for n in range(int(range_[1]), int(range_[2]) + 1)}
        found |= set(re.findall(r"`(escape)`", meaning))
        keys.setdefault(where, set()).update(found)
    return keys


def app_keys() -> dict[str, set[str]]:
    """{where: keys} from what the app's `?` page lists."""
    keys: dict[str, set[str]] = {}
    for group, lines in CompanionApp.key_help(CompanionApp.__new__(CompanionApp)):
        where = "anywhere" if group in ANYWHERE else group
        keys.setdefault(where, set()).update(key for key, _ in lines)
    return keys


def test_the_readme_lists_every_key_the_app_lists():
    listed = readme_keys(README.read_text(encoding="utf-8"))
    for where, keys in app_keys().items():
        missing = keys - listed.get(where, set())
        assert not missing, f"README's key table leaves out {sorted(missing)} in {where}"


def test_the_readme_lists_no_key_the_app_lacks():
    have = app_keys()
    for where, keys in readme_keys(README.read_text(encoding="utf-8")).items():
        extra = keys - have.get(where, set()) - ROW_KEYS
        assert not extra, f"README's key table lists {sorted(extra)} in {where}: not in the app"


def test_the_table_reader_reads_ranges_and_pairs():
    text = (
        "| key | where | what it does |\n| --- | --- | --- |\n"
        "| `1` to `3` | anywhere | sections |\n| `a` `m`, `u` | Programme | marks; undo |\n\n"
    )
    assert readme_keys(text) == {"anywhere": {"1", "2", "3"}, "Programme": {"a", "m", "u"}}
