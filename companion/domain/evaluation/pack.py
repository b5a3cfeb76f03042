"""The evaluation pack: what a participant chooses to give their facilitator, as one JSON file.

The declaration below is both the file format (docs/pack-format.md) and the
model the cohort summary reads. A pack holds a random pseudonymous id (made
once per database by the caller with `secrets`, never from a name), the
cohort label, scale totals and subscales by occasion and date, attendance and
completion, and practice minutes per programme week. It holds no names and
no free text: the participant's own habits are counted as "other", never
named, and what they wrote in the worksheets and the questionnaire is in it
only when they ask (`writing`).

`encode` gives the exact text that is shown before asking and then written,
so what the participant agrees to is what the file holds. `read` takes a
file's bytes back, refusing anything that is not a pack this Companion can
read, with one line saying why.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import msgspec

from companion.domain.errors import Invalid
from companion.domain.programme import Completion
from companion.domain.scales.administration import PLANNED, Occasion
from companion.domain.scales.instruments import Instrument
from companion.domain.scales.results import Point
from companion.domain.selfcare.weekly import PracticeDay, minutes_per_week
from companion.domain.user_text import printable, quoted

PACK_FORMAT: Literal["companion-evaluation-pack"] = "companion-evaluation-pack"
# Bump when a reader of the previous version would misread a new pack; record
# the change in docs/pack-format.md.
PACK_VERSION: Literal[1] = 1

# The habits every programme starts with that are counted in minutes: the
# programme's own practices, named by their fixed keys. Any other timed
# habit is the participant's own, and its name is theirs: it is "other".
PROGRAMME_PRACTICES = ("meditation", "walking")
OTHER_PRACTICE = "other"

LABEL_LIMIT = 64
# More than any real pack (writing included) and small enough to read at once.
SIZE_LIMIT = 8_000_000

# The declaration holds the types and ranges, which msgspec checks in C; the
# rules that need Python (ids, the label, keys, sums) are in `check`, once per
# pack: declared as patterns and `__post_init__`s they made reading 10,000
# packs three times slower.
PACK_ID = re.compile(r"[0-9a-f]{32}")
Count = Annotated[int, msgspec.Meta(ge=0, le=10_000)]
Week = Annotated[int, msgspec.Meta(ge=1, le=52)]
Minutes = Annotated[float, msgspec.Meta(ge=0, le=1_000_000)]
Total = Annotated[float, msgspec.Meta(ge=-1_000_000, le=1_000_000)]


class Attendance(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """Sessions (webinars and group coaching) attended, missed, and in the programme."""

    attended: Count
    missed: Count
    sessions: Count


class Activities(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """Programme activities (baseline, end, the webinar worksheets) done, of all of them."""

    done: Count
    activities: Count


class ScaleResult(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """One complete scale result: the instrument, occasion, date, total and subscales.

    `raw` is the SWEMWBS raw sum beside its metric total; `subscales` are the
    SCS subscale means (unreversed), by subscale id.
    """

    instrument: str
    occasion: Occasion
    date: dt.date
    total: Total
    raw: int | None = None
    subscales: dict[str, Total] | None = None


class WeekPractice(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """Minutes of practice logged in one programme week: in all, and per programme practice."""

    week: Week
    minutes: Minutes
    by_practice: dict[str, Minutes]


class Writing(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """What the participant wrote, by sheet id then prompt id (only with --include-writing)."""

    sheets: dict[str, dict[str, str]]


class Pack(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """One participant's evaluation pack, version 1 (see docs/pack-format.md)."""

    format: Literal["companion-evaluation-pack"]
    version: Literal[1]
    id: str
    cohort: str
    made: dt.date
    weeks: Week
    attendance: Attendance
    completion: Activities
    scales: tuple[ScaleResult, ...]
    practice: tuple[WeekPractice, ...]
    writing: Writing | None = None

    def result(self, instrument: str, occasion: Occasion) -> ScaleResult | None:
        """This pack's result of `instrument` on a planned `occasion`, if it has one."""
        for found in self.scales:
            if found.instrument == instrument and found.occasion == occasion:
                return found
        return None


class PackProblem(Invalid):
    """A file is not a pack this Companion can read; the message says why, without the name."""


# ---------------------------------------------------------------- making a pack


def what_it_holds(pack: Pack) -> str:
    """The sentence shown under a pack before it is given: what is in it, in plain words."""
    from companion.domain.plurals import counted

    writing = (
        "and what you wrote in the worksheets and the questionnaire"
        if pack.writing is not None
        else "and none of your writing"
    )
    return (
        f"Above is everything the pack holds: a random id that is not your name, the cohort "
        f"label, {counted(len(pack.scales), 'scale result')}, attendance, completion and "
        f"practice minutes per week, {writing}. No names."
    )


def check_label(text: str) -> str:
    """The cohort label as typed: one line, something visible, up to LABEL_LIMIT characters."""
    from companion.domain.user_text import check_line

    label = check_line(text, what="The cohort label", limit=LABEL_LIMIT)
    if not label:
        raise Invalid("the cohort label is empty; give the label your facilitator uses")
    return label


def build(
    *,
    pack_id: str,
    cohort: str,
    made: dt.date,
    start: dt.date,
    weeks: int,
    completion: Completion,
    results: Sequence[tuple[Instrument, Point]],
    practice: Sequence[PracticeDay],
    writing: Mapping[str, Mapping[str, str]] | None,
) -> Pack:
    """The pack from what the store read: nothing in it but what the format names.

    `practice` is every timed habit's minutes per day; days outside the
    programme's weeks are left out, and habits other than the programme's
    own are added up as "other" (their names are the participant's words).
    `writing` is None unless the participant asked to include it; empty
    answers are left out.
    """
    totals: dict[int, dict[str, float]] = {}
    for week, per_habit in minutes_per_week(practice, start, weeks).items():
        totals[week] = dict.fromkeys((*PROGRAMME_PRACTICES, OTHER_PRACTICE), 0.0)
        for habit, minutes in per_habit.items():
            totals[week][habit if habit in PROGRAMME_PRACTICES else OTHER_PRACTICE] += minutes
    sheets = None
    if writing is not None:
        sheets = Writing(
            {
                sheet: {prompt: text for prompt, text in answers.items() if text.strip()}
                for sheet, answers in writing.items()
                if any(text.strip() for text in answers.values())
            }
        )
    return Pack(
        format=PACK_FORMAT,
        version=PACK_VERSION,
        id=pack_id,
        cohort=cohort,
        made=made,
        weeks=weeks,
        attendance=Attendance(
            completion.sessions_attended, completion.sessions_missed, completion.sessions_total
        ),
        completion=Activities(completion.activities_done, completion.activities_total),
        scales=tuple(
            ScaleResult(
                instrument=instrument.id,
                occasion=point.occasion,
                date=point.day,
                total=point.score.total,
                raw=point.score.raw,
                subscales=None if point.score.subscales is None else dict(point.score.subscales),
            )
            for instrument, point in results
        ),
        practice=tuple(
            WeekPractice(week, sum(minutes.values()), minutes) for week, minutes in totals.items()
        ),
        writing=sheets,
    )


def encode(pack: Pack) -> str:
    """The pack as the text shown before asking and written after: the same characters.

    Two-space indented JSON with a final newline. Characters unsafe to print
    (controls, direction overrides) are JSON `\\u` escapes, so a terminal shows
    exactly what the file holds and the value read back is unchanged.
    """
    text = json.dumps(msgspec.to_builtins(pack), indent=2, ensure_ascii=False)
    return "".join(c if printable(c) == c else f"\\u{ord(c):04x}" for c in text) + "\n"


# ---------------------------------------------------------------- reading a pack

_decoder = msgspec.json.Decoder(Pack)


def read(data: bytes, known: Known) -> Pack:
    """The pack in a file's bytes, checked; PackProblem saying why it is not one.

    Fast for a good pack (one typed decode); only a bad one is looked at
    again to say what is wrong with it.
    """
    if len(data) > SIZE_LIMIT:
        raise PackProblem(f"it is larger than {SIZE_LIMIT // 1_000_000} MB, too large for a pack")
    try:
        pack = _decoder.decode(data)
    except (msgspec.ValidationError, msgspec.DecodeError):
        raise PackProblem(_why_not(data)) from None
    check(pack, known)
    return pack


def version_of(data: bytes) -> int | None:
    """The version a file says it has, if it says it is a pack at all."""
    try:
        raw = msgspec.json.decode(data)
    except msgspec.DecodeError:
        return None
    if not isinstance(raw, dict) or raw.get("format") != PACK_FORMAT:
        return None
    version = raw.get("version")
    return version if type(version) is int else None


def _why_not(data: bytes) -> str:
    try:
        raw: Any = msgspec.json.decode(data)
    except msgspec.DecodeError as error:
        if not data.strip():
            return "it is empty, not an evaluation pack"
        return f"it is not an evaluation pack: it is not JSON ({_lower(str(error))})"
    if not isinstance(raw, dict) or raw.get("format") != PACK_FORMAT:
        return 'it is not an evaluation pack (it has no "format": "companion-evaluation-pack")'
    version = raw.get("version")
    if type(version) is not int or version < 1:
        return "its version is missing or not a whole number from 1, so it cannot be read"
    if version > PACK_VERSION:
        return (
            f"it is a version {version} pack, made by a newer Companion; this one reads "
            f"version {PACK_VERSION}: update Companion to summarise it"
        )
    try:
        msgspec.convert(raw, Pack)
    except msgspec.ValidationError as error:
        return f"it is damaged or was edited: {_lower(str(error))}"
    return "it could not be read as a pack"  # pragma: no cover - the typed decode agreed


@dataclass(frozen=True)
class _Facts:
    """What checking a result needs of its instrument, worked out once per summary."""

    instrument: Instrument
    low: float
    high: float
    subscales: frozenset[str]
    lowest: int
    highest: int
    conversion: Mapping[int, float] | None


class Known:
    """The instruments packs may hold results of, ready for checking many packs quickly."""

    def __init__(self, instruments: Iterable[Instrument]) -> None:
        self.facts: dict[str, _Facts] = {}
        for instrument in instruments:
            low, high = instrument.total_range
            subscales = frozenset(
                s.id for s in instrument.subscales if instrument.reports_subscales
            )
            self.facts[instrument.id] = _Facts(
                instrument,
                low - 1e-9,
                high + 1e-9,
                subscales,
                instrument.lowest_answer,
                instrument.highest_answer,
                instrument.conversion,
            )


def check(pack: Pack, known: Known) -> None:
    """The rules the types cannot say: the id, the label, sums, known instruments and keys."""
    if not PACK_ID.fullmatch(pack.id):
        raise PackProblem("its id is not 32 hex digits, so it is damaged or was edited")
    _check_label(pack.cohort)
    attendance, done = pack.attendance, pack.completion
    if attendance.attended + attendance.missed > attendance.sessions:
        raise PackProblem("its sessions attended and missed add up to more than its sessions")
    if done.done > done.activities:
        raise PackProblem("it has more activities done than activities")
    seen: set[tuple[str, str]] = set()
    for result in pack.scales:
        _check_result(result, known, seen)
    weeks: set[int] = set()
    for week in pack.practice:
        if week.week > pack.weeks or week.week in weeks:
            raise PackProblem("its practice weeks repeat or lie outside the programme")
        weeks.add(week.week)
        if not week.by_practice.keys() <= _PRACTICE_KEYS:
            raise PackProblem("its practice names something other than meditation, walking, other")
        if abs(sum(week.by_practice.values()) - week.minutes) > 1e-6 * (1 + week.minutes):
            raise PackProblem(f"its practice in week {week.week} does not add up")


_PRACTICE_KEYS = frozenset((*PROGRAMME_PRACTICES, OTHER_PRACTICE))


@functools.lru_cache(maxsize=64)  # a cohort's packs mostly share one label
def _check_label(text: str) -> None:
    try:
        label = check_label(text)
    except Invalid as problem:
        raise PackProblem(f"its cohort label will not do ({_lower(str(problem))})") from None
    if label != text:
        raise PackProblem("its cohort label has spaces around it or is not in NFC form")


def _check_result(result: ScaleResult, known: Known, seen: set[tuple[str, str]]) -> None:
    facts = known.facts.get(result.instrument)
    if facts is None:
        raise PackProblem(
            f"it has a result of {quoted(result.instrument)}, an instrument this Companion "
            "does not know"
        )
    name = facts.instrument.short_name
    if not facts.low <= result.total <= facts.high:
        raise PackProblem(
            f"its {name} total {result.total:g} is outside {facts.low:.4g} to "
            f"{facts.high:.4g}, so it is damaged or was edited"
        )
    key = (result.instrument, result.occasion)
    if key in seen and result.occasion in PLANNED:
        raise PackProblem(
            f"it has two {name} results for the occasion {result.occasion!r}, where a pack has one"
        )
    seen.add(key)
    subscales = result.subscales
    if subscales is None:
        if facts.subscales:
            raise PackProblem(f"its {name} result has no subscales")
    elif subscales.keys() != facts.subscales:
        raise PackProblem(f"its {name} subscales are not the ones {name} has")
    elif min(subscales.values()) < facts.lowest or max(subscales.values()) > facts.highest:
        raise PackProblem(f"a {name} subscale score is outside the answers' range")
    conversion = facts.conversion
    if conversion is None:
        if result.raw is not None:
            raise PackProblem(f"its {name} result has a raw score, which {name} does not")
    elif result.raw is None or conversion.get(result.raw) != result.total:
        raise PackProblem(f"its {name} raw score does not match its total")


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]
