"""A twenty-year database for the benchmarks (never used by tests).

    .venv/bin/python benchmarks/twenty_years.py PATH

Builds, at PATH, twenty years of one participant's Companion up to now:
- self-care: 7,300 days, ten habits (the three defaults and seven of their
  own, daily and weekly, targets and limits), about 80,000 entries (often
  several a day), a few notes, and a pause or two a year;
- scales: each of the four instruments answered once a year (80
  administrations);
- worksheets: every prompt of every sheet answered and rewritten over the
  years (its earlier texts kept as versions: several hundred answers in all),
  and an action plan of a few dozen commitments.

`benchmarks/run.py` builds one in a temporary folder and opens the app's
sections on it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from companion import content
from companion.content.instruments import instrument
from companion.domain.errors import Invalid
from companion.domain.selfcare.entries import AlreadyLoggedError
from companion.domain.selfcare.habits import DEFAULT_HABITS, HabitSpec
from companion.store import Store, open_store

ZONE = "Europe/London"
YEARS_DAYS = 7300
OWN_HABITS = (
    HabitSpec("kind-moment", "Kind moment", "yesno", "times", None),
    HabitSpec("delegated", "Delegated a task", "yesno", "days", 3, per="week"),
    HabitSpec("yoga", "Yoga", "minutes", "minutes", 150, per="week"),
    HabitSpec("coffee", "Coffee", "count", "cups", 2, direction="at_most"),
    HabitSpec("steps", "Steps", "count", "steps", 10_000),
    HabitSpec("journal", "Journal", "minutes", "minutes", None),
    HabitSpec("screens", "Screens after 9pm", "minutes", "minutes", 60, direction="at_most"),
)
# (chance of any entry on a day, how many entries at most, a day's amounts to choose from)
PATTERNS: dict[str, tuple[float, int, tuple[float, ...]]] = {
    "meditation": (0.8, 2, (5, 10, 10, 15)),
    "walking": (0.7, 3, (10, 15, 20, 30, 40)),
    "hydration": (0.95, 4, (1, 2, 2, 3)),
    "kind-moment": (0.5, 1, (1,)),
    "delegated": (0.4, 1, (1,)),
    "yoga": (0.3, 1, (20, 30, 45)),
    "coffee": (0.9, 3, (1,)),
    "steps": (0.9, 2, (2000, 4000, 6000)),
    "journal": (0.4, 1, (5, 10, 15)),
    "screens": (0.6, 2, (15, 30, 45)),
}
# Invented words for answers (never any questionnaire's wording).
WORDS = (
    *("noticed", "the", "pressure", "before", "meeting", "and", "took", "three", "slow"),
    *("breaths", "team", "handover", "went", "better", "than", "I", "feared", "said", "so"),
    *("to", "ward", "manager", "who", "stayed", "late", "again", "next", "week", "will"),
    *("block", "an", "hour", "for", "rota", "leave", "on", "time", "kind", "enough"),
)
REWRITES = 7  # each answer is written, then rewritten this many times over the years


def build(path: Path, now: dt.datetime) -> dict[str, int]:
    """Fill a new database at `path` with twenty years up to `now`; return what it holds."""
    rng = random.Random(20)
    zone = ZoneInfo(ZONE)
    today = now.astimezone(zone).date()
    first = today - dt.timedelta(days=YEARS_DAYS - 1)
    began = dt.datetime.combine(first, dt.time(9), zone)
    store = open_store(path)
    try:
        store.conn.execute("PRAGMA synchronous = OFF")  # test data: no need to wait for the disk
        store.programme.save_setup(first, "Sam", ZONE, DEFAULT_HABITS, began)
        held = {
            "entries": _selfcare(store, rng, first, today, began),
            "administrations": _scales(store, rng, first, today),
        }
        held.update(_worksheets(store, rng, first, today))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return held


def _selfcare(
    store: Store, rng: random.Random, first: dt.date, today: dt.date, began: dt.datetime
) -> int:
    for spec in OWN_HABITS:
        store.selfcare.add_habit(spec, began)
    habits = {h.key: h for h in store.selfcare.habits()}
    count = 0
    day = first
    while day <= today:
        moment = dt.datetime.combine(day, dt.time(20), ZoneInfo(ZONE))
        for key, (chance, most, amounts) in PATTERNS.items():
            if rng.random() > chance:
                continue
            for _ in range(rng.randint(1, most)):
                note = "Felt calmer afterwards" if rng.random() < 0.03 else None
                try:
                    amount = rng.choice(amounts)
                    store.selfcare.log(habits[key], day, amount, note, moment, ZONE)
                except AlreadyLoggedError:
                    continue  # a second yes on the same day
                count += 1
        day += dt.timedelta(days=1)
    year_start = first
    while year_start < today - dt.timedelta(days=30):
        for _ in range(2):
            start = year_start + dt.timedelta(days=rng.randrange(340))
            length = rng.randint(2, 7)
            # (refused when it overlaps the other one, or begins more than ten years ago)
            with contextlib.suppress(Invalid):
                store.selfcare.add_pause(
                    start, start + dt.timedelta(days=length - 1), "leave", today, began
                )
        year_start += dt.timedelta(days=365)
    return count


def _scales(store: Store, rng: random.Random, first: dt.date, today: dt.date) -> int:
    """Each instrument once a year, answered on a day early in that year."""
    count = 0
    for year in range(YEARS_DAYS // 365):
        day = first + dt.timedelta(days=365 * year + rng.randrange(60))
        if day > today:
            break
        for key in content.loader.INSTRUMENT_IDS:
            scale = instrument(key)
            values = [o.value for o in scale.responses]
            answers = [rng.choice(values) for _ in range(scale.item_count)]
            moment = dt.datetime.combine(day, dt.time(8), ZoneInfo(ZONE))
            store.scales.save_result(scale, "pre" if year == 0 else "adhoc", day, answers, moment)
            count += 1
    return count


def _worksheets(
    store: Store, rng: random.Random, first: dt.date, today: dt.date
) -> dict[str, int]:
    """Every prompt answered and rewritten over the years, and an action plan."""
    from companion.content.worksheets import sheet_content

    span = (today - first).days
    written = 0
    for sheet in sheet_content().sheets:
        if not sheet.prompts:
            continue
        for rewrite in range(REWRITES + 1):
            day = first + dt.timedelta(days=span * rewrite // (REWRITES + 1) + rng.randrange(30))
            moment = dt.datetime.combine(day, dt.time(21), ZoneInfo(ZONE))
            texts = {p.id: _sentence(rng) for p in sheet.prompts}
            written += len(store.worksheets.save_answers(sheet.id, texts, moment))
        store.worksheets.mark_complete(sheet.id, True, moment)
    actions = 0
    for year in range(YEARS_DAYS // 365):
        moment = dt.datetime.combine(
            first + dt.timedelta(days=365 * year + 100), dt.time(21), ZoneInfo(ZONE)
        )
        for _ in range(2):
            store.worksheets.add_action(" ".join(rng.sample(WORDS, 8)), None, moment)
            actions += 1
    return {"answers written": written, "action items": actions}


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))).capitalize() + "."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the database to create (must not exist)")
    path = parser.parse_args().path
    if path.exists():
        parser.error(f"{path} exists; choose a new file")
    started = time.perf_counter()
    held = build(path, dt.datetime.now(dt.UTC))
    size = path.stat().st_size / 1e6
    took = time.perf_counter() - started
    print(
        f"{path}: {size:.1f} MB, built in {took:.0f} s; "
        + ", ".join(f"{count:,} {what}" for what, count in held.items())
    )


if __name__ == "__main__":
    main()
