"""Reflective content: webinar worksheets, coaching notes, the questionnaire and the letter.

Pure dataclasses and the `parse_...` functions that build them from parsed TOML
(plain dicts), checking every rule a facilitator could break while adapting the
files. No I/O: `companion/content/worksheets.py` reads the files and calls these.

Every error is a `WorksheetError` whose message starts with the file name and
names the entry, e.g. `mindfulness.toml, activity 'pause', prompt 'when': ...`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol, get_args

if TYPE_CHECKING:  # only for a type hint: keep `dateutil` out of this module's imports
    from companion.domain.programme import ProgrammeTemplate

PromptKind = Literal["text", "commitment"]
PROMPT_KINDS: tuple[str, ...] = get_args(PromptKind)
ActivityKind = Literal["reflect", "practice", "apply"]
ACTIVITY_KINDS: tuple[str, ...] = get_args(ActivityKind)
SheetKind = Literal["worksheet", "coaching", "questionnaire", "letter"]

# Limits that keep the text readable in an 80-column terminal.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ID_MAX_CHARS = 40
TITLE_MAX_CHARS = 72
LABEL_MAX_WORDS = 25
GUIDANCE_MAX_WORDS = 50
DESCRIPTION_MAX_WORDS = 90
WORKSHEET_INTRODUCTION_WORDS = (120, 200)
OTHER_INTRODUCTION_WORDS = (15, 160)
ACTIVITIES_PER_WORKSHEET = (4, 6)
PROMPTS_PER_ACTIVITY = (1, 4)
MAX_WEEK = 52  # the programme file sets the real number; see `check_against_programme`


class WorksheetError(ValueError):
    """A worksheet file is not valid; the message names the file, the entry and the problem."""


# ---------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class Prompt:
    """One question the participant answers in free text.

    `id` is stable (answers are stored against it), unique within its sheet.
    A `commitment` prompt's answer can become an item of the action plan.
    `pair` is used only by the questionnaire: a baseline and an end prompt
    with the same `pair` are shown side by side.
    """

    id: str
    label: str
    kind: PromptKind
    guidance: str | None = None
    pair: str | None = None


@dataclass(frozen=True)
class Activity:
    """A group of prompts on a webinar worksheet: reflect, practise, or apply at work."""

    id: str
    title: str
    kind: ActivityKind
    description: str
    prompts: tuple[Prompt, ...]


class Sheet(Protocol):
    """What every kind of sheet offers a list or an editor: an id, when, and its prompts."""

    sheet_kind: ClassVar[SheetKind]

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def week(self) -> int: ...
    @property
    def component(self) -> str | None: ...
    @property
    def introduction(self) -> str: ...
    @property
    def prompts(self) -> tuple[Prompt, ...]: ...


def _find_prompt(prompts: Sequence[Prompt], prompt_id: str) -> Prompt:
    for prompt in prompts:
        if prompt.id == prompt_id:
            return prompt
    raise KeyError(prompt_id)


@dataclass(frozen=True)
class Worksheet:
    """The worksheet of one webinar: introduction, activities and a closing commitment."""

    sheet_kind: ClassVar[SheetKind] = "worksheet"

    id: str
    title: str
    session: str  # the programme session it belongs to, e.g. "webinar-1"
    week: int
    component: str
    introduction: str  # paragraphs separated by a blank line
    activities: tuple[Activity, ...]
    closing: Prompt  # "what I'll try this week", always a commitment

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        """Every prompt in reading order: each activity's, then the closing one."""
        return (*(p for a in self.activities for p in a.prompts), self.closing)

    def prompt(self, prompt_id: str) -> Prompt:
        """The prompt with this id; KeyError if there is none."""
        return _find_prompt(self.prompts, prompt_id)


@dataclass(frozen=True)
class CoachingSheet:
    """Notes for one group coaching session: what to bring before, what was taken away after."""

    sheet_kind: ClassVar[SheetKind] = "coaching"

    id: str  # the programme session id, e.g. "coaching-1"
    title: str
    week: int
    focus: str  # a one-line suggestion of what the session might cover
    introduction: str
    before: tuple[Prompt, ...]
    after: tuple[Prompt, ...]  # exactly one of these is a commitment

    @property
    def component(self) -> None:
        """Coaching notes belong to no single component."""
        return None

    @property
    def session(self) -> str:
        """The programme session these notes belong to (the same as `id`)."""
        return self.id

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        """The prompts before the session, then those after."""
        return (*self.before, *self.after)

    @property
    def commitment(self) -> Prompt:
        """The one prompt after the session whose answer can join the action plan."""
        return next(p for p in self.after if p.kind == "commitment")

    def prompt(self, prompt_id: str) -> Prompt:
        """The prompt with this id; KeyError if there is none."""
        return _find_prompt(self.prompts, prompt_id)


@dataclass(frozen=True)
class QuestionnairePart:
    """The reflective questionnaire as answered on one occasion (baseline or end)."""

    sheet_kind: ClassVar[SheetKind] = "questionnaire"

    id: str
    title: str
    session: str  # "baseline" or "end"
    week: int
    introduction: str
    prompts: tuple[Prompt, ...]

    @property
    def component(self) -> None:
        """The questionnaire belongs to no single component."""
        return None

    def prompt(self, prompt_id: str) -> Prompt:
        """The prompt with this id; KeyError if there is none."""
        return _find_prompt(self.prompts, prompt_id)


@dataclass(frozen=True)
class QuestionnaireRow:
    """One line of the side-by-side view: a baseline prompt, its end counterpart, or both."""

    pair: str | None
    baseline: Prompt | None
    end: Prompt | None


@dataclass(frozen=True)
class Questionnaire:
    """The reflective questionnaire: a baseline part and an end part, paired by `pair` keys."""

    title: str
    baseline: QuestionnairePart
    end: QuestionnairePart

    def rows(self) -> tuple[QuestionnaireRow, ...]:
        """The side-by-side layout of baseline and end prompts.

        Paired prompts share a row. Rows follow the baseline order; an end
        prompt without a pair goes straight after the row holding the end
        prompt before it (or first, if none), so both orders are kept.
        """
        end_by_pair = {p.pair: p for p in self.end.prompts if p.pair is not None}
        rows = [
            QuestionnaireRow(b.pair, b, None if b.pair is None else end_by_pair.get(b.pair))
            for b in self.baseline.prompts
        ]
        for index, prompt in enumerate(self.end.prompts):
            if prompt.pair is not None:
                continue
            previous = self.end.prompts[index - 1] if index else None
            position = 0
            if previous is not None:
                position = next(i for i, row in enumerate(rows) if row.end == previous) + 1
            rows.insert(position, QuestionnaireRow(None, None, prompt))
        return tuple(rows)


@dataclass(frozen=True)
class Letter:
    """The letter to self: written in weeks `week`..`until_week`, sealed, opened at `opens_at`."""

    sheet_kind: ClassVar[SheetKind] = "letter"

    id: str
    title: str
    week: int  # the first week it can be written
    until_week: int  # the last week it can be written
    opens_at: str  # the programme session at which the sealed letter opens
    introduction: str
    prompt: Prompt

    @property
    def component(self) -> None:
        """The letter belongs to no single component."""
        return None

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        """The letter's single prompt, as a tuple like every other sheet's."""
        return (self.prompt,)


@dataclass(frozen=True)
class SheetContent:
    """Everything a participant writes into, validated as a whole."""

    worksheets: tuple[Worksheet, ...]
    coaching: tuple[CoachingSheet, ...]
    questionnaire: Questionnaire
    letter: Letter

    @property
    def sheets(self) -> tuple[Sheet, ...]:
        """Every sheet in programme order (by week; within a week, worksheets first)."""
        everything: list[Sheet] = [
            self.questionnaire.baseline,
            *self.worksheets,
            *self.coaching,
            self.letter,
            self.questionnaire.end,
        ]
        return tuple(sorted(everything, key=lambda sheet: sheet.week))

    def sheet(self, sheet_id: str) -> Sheet:
        """The sheet with this id; KeyError if there is none."""
        for sheet in self.sheets:
            if sheet.id == sheet_id:
                return sheet
        raise KeyError(sheet_id)


# ---------------------------------------------------------------- parsing


def parse_worksheet(raw: Mapping[str, Any], *, source: str) -> Worksheet:
    """Build a webinar worksheet from one parsed file, or raise WorksheetError.

    `source` is the file name, used in messages. Checks: known keys only; ids
    well formed and unique within the sheet (activities and prompts); an
    introduction of 120-200 words; 4-6 activities of a known kind, each with
    1-4 prompts; exactly one closing prompt, of kind `commitment`.
    """
    table = _table(raw, source)
    _known_keys(
        table,
        source,
        {"id", "title", "session", "week", "component", "introduction", "activity", "closing"},
    )
    sheet_id = _id(table, "id", source)
    where = f"{source}, worksheet {sheet_id!r}"
    entries = _tables(table, "activity", where)
    low, high = ACTIVITIES_PER_WORKSHEET
    if not low <= len(entries) <= high:
        raise WorksheetError(f"{where}: has {len(entries)} activities; give {low} to {high}")
    activities = tuple(_parse_activity(entry, source) for entry in entries)
    _unique((a.id for a in activities), f"{where}: activity ids used twice")
    closing_raw = table.get("closing")
    if isinstance(closing_raw, list):
        raise WorksheetError(
            f"{where}: give exactly one closing prompt ([closing]), not {len(closing_raw)}"
        )
    if closing_raw is None:
        raise WorksheetError(f"{where}: missing the closing prompt ([closing])")
    closing = _parse_prompt(closing_raw, f"{source}, closing prompt")
    if closing.kind != "commitment":
        raise WorksheetError(
            f"{source}, closing prompt {closing.id!r}: kind must be 'commitment' "
            "(its answer can join the action plan)"
        )
    sheet = Worksheet(
        id=sheet_id,
        title=_line(table, "title", where, max_chars=TITLE_MAX_CHARS),
        session=_id(table, "session", where),
        week=_week(table, "week", where),
        component=_id(table, "component", where),
        introduction=_prose(table, "introduction", where, words=WORKSHEET_INTRODUCTION_WORDS),
        activities=activities,
        closing=closing,
    )
    _unique((p.id for p in sheet.prompts), f"{where}: prompt ids used twice")
    return sheet


def parse_coaching(raw: Mapping[str, Any], *, source: str) -> tuple[CoachingSheet, ...]:
    """Build the notes for every coaching session from the one coaching file.

    The file holds prompts shared by all sessions (`before`, `after`) and one
    `session` entry per coaching session (id, title, week, focus). Exactly one
    `after` prompt is a commitment; `before` prompts are plain text.
    """
    table = _table(raw, source)
    _known_keys(table, source, {"introduction", "before", "after", "session"})
    introduction = _prose(table, "introduction", source, words=OTHER_INTRODUCTION_WORDS)
    before = tuple(_parse_prompt(p, f"{source}, before") for p in _tables(table, "before", source))
    after = tuple(_parse_prompt(p, f"{source}, after") for p in _tables(table, "after", source))
    for prompt in before:
        if prompt.kind != "text":
            raise WorksheetError(f"{source}, before, prompt {prompt.id!r}: kind must be 'text'")
    commitments = [p for p in after if p.kind == "commitment"]
    if len(commitments) != 1:
        raise WorksheetError(
            f"{source}, after: give exactly one prompt of kind 'commitment', "
            f"not {len(commitments)}"
        )
    _unique((p.id for p in (*before, *after)), f"{source}: prompt ids used twice")
    sheets = []
    for entry in _tables(table, "session", source):
        session = _table(entry, f"{source}, session")
        session_id = _id(session, "id", f"{source}, session")
        where = f"{source}, session {session_id!r}"
        _known_keys(session, where, {"id", "title", "week", "focus"})
        sheets.append(
            CoachingSheet(
                id=session_id,
                title=_line(session, "title", where, max_chars=TITLE_MAX_CHARS),
                week=_week(session, "week", where),
                focus=_line(session, "focus", where, max_words=LABEL_MAX_WORDS),
                introduction=introduction,
                before=before,
                after=after,
            )
        )
    _unique((s.id for s in sheets), f"{source}: session ids used twice")
    return tuple(sheets)


def parse_questionnaire(raw: Mapping[str, Any], *, source: str) -> Questionnaire:
    """Build the reflective questionnaire (a `baseline` and an `end` part) from its file.

    Prompt ids are unique across both parts. Every `pair` key appears exactly
    once at baseline and once at the end, so the two can be shown side by side.
    """
    table = _table(raw, source)
    _known_keys(table, source, {"title", "baseline", "end"})
    title = _line(table, "title", source, max_chars=TITLE_MAX_CHARS)
    baseline = _parse_part(table, "baseline", source)
    end = _parse_part(table, "end", source)
    if baseline.id == end.id:
        raise WorksheetError(f"{source}: baseline and end share the id {baseline.id!r}")
    _unique(
        (p.id for p in (*baseline.prompts, *end.prompts)),
        f"{source}: prompt ids used twice (across baseline and end)",
    )
    for part in (baseline, end):
        _unique(
            (p.pair for p in part.prompts if p.pair is not None),
            f"{source}, {part.session}: pair keys used twice",
        )
    baseline_pairs = {p.pair for p in baseline.prompts if p.pair is not None}
    end_pairs = {p.pair for p in end.prompts if p.pair is not None}
    for pair in sorted(baseline_pairs ^ end_pairs):
        has, lacks = ("baseline", "end") if pair in baseline_pairs else ("end", "baseline")
        raise WorksheetError(
            f"{source}: pair {pair!r} appears at {has} but has no counterpart at {lacks}"
        )
    return Questionnaire(title=title, baseline=baseline, end=end)


def parse_letter(raw: Mapping[str, Any], *, source: str) -> Letter:
    """Build the letter-to-self sheet from its file: when it is written and when it opens."""
    table = _table(raw, source)
    _known_keys(
        table, source, {"id", "title", "week", "until_week", "opens_at", "introduction", "prompt"}
    )
    letter_id = _id(table, "id", source)
    where = f"{source}, letter {letter_id!r}"
    week = _week(table, "week", where)
    until_week = _week(table, "until_week", where)
    if until_week < week:
        raise WorksheetError(f"{where}: until_week ({until_week}) comes before week ({week})")
    if "prompt" not in table:
        raise WorksheetError(f"{where}: missing the prompt ([prompt])")
    prompt = _parse_prompt(table["prompt"], f"{source}, prompt")
    if prompt.kind != "text":
        raise WorksheetError(f"{source}, prompt {prompt.id!r}: kind must be 'text'")
    return Letter(
        id=letter_id,
        title=_line(table, "title", where, max_chars=TITLE_MAX_CHARS),
        week=week,
        until_week=until_week,
        opens_at=_id(table, "opens_at", where),
        introduction=_prose(table, "introduction", where, words=OTHER_INTRODUCTION_WORDS),
        prompt=prompt,
    )


def assemble_content(
    worksheets: Sequence[Worksheet],
    coaching: Sequence[CoachingSheet],
    questionnaire: Questionnaire,
    letter: Letter,
) -> SheetContent:
    """Put the parsed files together, checking that no two sheets share an id."""
    content = SheetContent(tuple(worksheets), tuple(coaching), questionnaire, letter)
    _unique((s.id for s in content.sheets), "sheet ids used twice across the worksheet files")
    _unique((w.component for w in worksheets), "two worksheets name the same component")
    _unique((w.session for w in worksheets), "two worksheets belong to the same session")
    return content


def check_against_programme(content: SheetContent, template: ProgrammeTemplate) -> None:
    """Check the content agrees with the programme outline, or raise WorksheetError.

    Every programme component has exactly one worksheet, attached to the
    webinar of that component in the same week; every coaching session has
    notes in its week; the questionnaire's occasions and the letter's opening
    session exist; the letter is written within the programme's weeks.
    """
    sessions = {s.id: s for s in template.sessions}

    def session_of(sheet_id: str, session_id: str, kind: str) -> None:
        session = sessions.get(session_id)
        if session is None:
            raise WorksheetError(f"{sheet_id}: the programme has no session {session_id!r}")
        if session.kind != kind:
            raise WorksheetError(
                f"{sheet_id}: session {session_id!r} is a {session.kind}, not a {kind}"
            )

    def same_week(sheet: Sheet, session_id: str) -> None:
        planned = sessions[session_id].week
        if planned is not None and sheet.week != planned:
            raise WorksheetError(
                f"{sheet.id}: week {sheet.week} differs from the programme's week {planned} "
                f"for {session_id!r}"
            )

    for worksheet in content.worksheets:
        if worksheet.component not in template.components:
            known = ", ".join(template.components)
            raise WorksheetError(
                f"{worksheet.id}: component {worksheet.component!r} is not one of the "
                f"programme's components ({known})"
            )
        session_of(worksheet.id, worksheet.session, "webinar")
        if sessions[worksheet.session].component != worksheet.component:
            raise WorksheetError(
                f"{worksheet.id}: session {worksheet.session!r} covers "
                f"{sessions[worksheet.session].component!r}, not {worksheet.component!r}"
            )
        same_week(worksheet, worksheet.session)
    covered = {w.component for w in content.worksheets}
    for component in template.components:
        if component not in covered:
            raise WorksheetError(f"component {component!r} has no worksheet")
    for notes in content.coaching:
        session_of(notes.id, notes.id, "coaching")
        same_week(notes, notes.id)
    noted = {c.id for c in content.coaching}
    for session in template.sessions:
        if session.kind == "coaching" and session.id not in noted:
            raise WorksheetError(f"coaching session {session.id!r} has no notes")
    session_of(
        content.questionnaire.baseline.id, content.questionnaire.baseline.session, "baseline"
    )
    session_of(content.questionnaire.end.id, content.questionnaire.end.session, "end")
    for part in (content.questionnaire.baseline, content.questionnaire.end):
        same_week(part, part.session)
    letter = content.letter
    if letter.opens_at not in sessions:
        raise WorksheetError(f"{letter.id}: the programme has no session {letter.opens_at!r}")
    if not 1 <= letter.week <= letter.until_week <= template.weeks:
        raise WorksheetError(
            f"{letter.id}: weeks {letter.week}-{letter.until_week} are outside the "
            f"programme's weeks 1-{template.weeks}"
        )


def iter_text(content: SheetContent) -> Iterator[tuple[str, str]]:
    """Every piece of text in the content as (where, text), for checks and search."""
    for sheet in content.sheets:
        yield f"{sheet.id}: title", sheet.title
        yield f"{sheet.id}: introduction", sheet.introduction
        if isinstance(sheet, Worksheet):
            for activity in sheet.activities:
                yield f"{sheet.id}, activity {activity.id}: title", activity.title
                yield f"{sheet.id}, activity {activity.id}: description", activity.description
        if isinstance(sheet, CoachingSheet):
            yield f"{sheet.id}: focus", sheet.focus
        for prompt in sheet.prompts:
            yield f"{sheet.id}, prompt {prompt.id}: label", prompt.label
            if prompt.guidance is not None:
                yield f"{sheet.id}, prompt {prompt.id}: guidance", prompt.guidance
    yield "questionnaire: title", content.questionnaire.title


# ---------------------------------------------------------------- helpers


def _parse_activity(raw: Any, source: str) -> Activity:
    entry = _table(raw, f"{source}, activity")
    activity_id = _id(entry, "id", f"{source}, activity")
    where = f"{source}, activity {activity_id!r}"
    _known_keys(entry, where, {"id", "title", "kind", "description", "prompt"})
    kind = entry.get("kind")
    if kind not in ACTIVITY_KINDS:
        raise WorksheetError(
            f"{where}: kind must be one of {', '.join(ACTIVITY_KINDS)} (got {kind!r})"
        )
    prompts_raw = _tables(entry, "prompt", where)
    low, high = PROMPTS_PER_ACTIVITY
    if not low <= len(prompts_raw) <= high:
        raise WorksheetError(f"{where}: has {len(prompts_raw)} prompts; give {low} to {high}")
    return Activity(
        id=activity_id,
        title=_line(entry, "title", where, max_chars=TITLE_MAX_CHARS),
        kind=kind,
        description=_prose(entry, "description", where, max_words=DESCRIPTION_MAX_WORDS),
        prompts=tuple(_parse_prompt(p, where) for p in prompts_raw),
    )


def _parse_prompt(raw: Any, where: str, *, pairs: bool = False) -> Prompt:
    entry = _table(raw, f"{where}, prompt")
    prompt_id = _id(entry, "id", f"{where}, prompt")
    where = f"{where}, prompt {prompt_id!r}"
    _known_keys(entry, where, {"id", "label", "guidance", "kind", *(["pair"] if pairs else [])})
    kind = entry.get("kind")
    if kind not in PROMPT_KINDS:
        raise WorksheetError(
            f"{where}: kind must be one of {', '.join(PROMPT_KINDS)} (got {kind!r})"
        )
    guidance = None
    if "guidance" in entry:
        guidance = _prose(entry, "guidance", where, max_words=GUIDANCE_MAX_WORDS)
    return Prompt(
        id=prompt_id,
        label=_line(entry, "label", where, max_words=LABEL_MAX_WORDS),
        kind=kind,
        guidance=guidance,
        pair=_id(entry, "pair", where) if "pair" in entry else None,
    )


def _parse_part(table: Mapping[str, Any], occasion: str, source: str) -> QuestionnairePart:
    where = f"{source}, {occasion}"
    if occasion not in table:
        raise WorksheetError(f"{where}: missing (add a [{occasion}] table)")
    part = _table(table[occasion], where)
    _known_keys(part, where, {"id", "title", "session", "week", "introduction", "prompt"})
    prompts = tuple(_parse_prompt(p, where, pairs=True) for p in _tables(part, "prompt", where))
    return QuestionnairePart(
        id=_id(part, "id", where),
        title=_line(part, "title", where, max_chars=TITLE_MAX_CHARS),
        session=_id(part, "session", where),
        week=_week(part, "week", where),
        introduction=_prose(part, "introduction", where, words=OTHER_INTRODUCTION_WORDS),
        prompts=prompts,
    )


def _table(raw: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise WorksheetError(f"{where}: expected a table of keys and values")
    return raw


def _tables(table: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = table.get(key)
    if value is None:
        raise WorksheetError(f"{where}: missing {key!r} (add [[{key}]] entries)")
    if not isinstance(value, list) or not value:
        raise WorksheetError(f"{where}: {key!r} must be one or more [[{key}]] entries")
    return value


def _known_keys(table: Mapping[str, Any], where: str, allowed: set[str]) -> None:
    unknown = sorted(str(key) for key in table if key not in allowed)
    if unknown:
        raise WorksheetError(
            f"{where}: unknown key {', '.join(map(repr, unknown))} "
            f"(expected some of {', '.join(sorted(allowed))})"
        )


def _unique(values: Iterable[str], message: str) -> None:
    seen: set[str] = set()
    repeated: list[str] = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    if repeated:
        raise WorksheetError(f"{message}: {', '.join(repeated)}")


def _string(table: Mapping[str, Any], key: str, where: str) -> str:
    if key not in table:
        raise WorksheetError(f"{where}: missing {key!r}")
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise WorksheetError(f"{where}: {key} must be some text")
    for char in value:
        if char != "\n" and unicodedata.category(char) in ("Cc", "Cs"):
            raise WorksheetError(
                f"{where}: {key} contains a control character ({char!r}); remove it"
            )
    return unicodedata.normalize("NFC", value)


def _id(table: Mapping[str, Any], key: str, where: str) -> str:
    value = _string(table, key, where)
    if len(value) > ID_MAX_CHARS or not ID_PATTERN.match(value):
        raise WorksheetError(
            f"{where}: {key} {value!r} must be lower-case words joined by hyphens "
            f"(e.g. notice-moment), up to {ID_MAX_CHARS} characters"
        )
    return value


def _line(
    table: Mapping[str, Any],
    key: str,
    where: str,
    *,
    max_chars: int | None = None,
    max_words: int | None = None,
) -> str:
    value = _string(table, key, where).strip()
    if "\n" in value:
        raise WorksheetError(f"{where}: {key} must be on one line")
    if max_chars is not None and len(value) > max_chars:
        raise WorksheetError(f"{where}: {key} is {len(value)} characters; keep it to {max_chars}")
    if max_words is not None and len(value.split()) > max_words:
        raise WorksheetError(
            f"{where}: {key} is {len(value.split())} words; keep it to {max_words}"
        )
    return value


def _prose(
    table: Mapping[str, Any],
    key: str,
    where: str,
    *,
    words: tuple[int, int] | None = None,
    max_words: int | None = None,
) -> str:
    """Text written over several lines: single line breaks become spaces, blank lines
    separate paragraphs, so a facilitator can wrap the file at any width."""
    value = _string(table, key, where)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", value.strip())]
    text = "\n\n".join(p for p in paragraphs if p)
    count = len(text.split())
    if words is not None and not words[0] <= count <= words[1]:
        raise WorksheetError(f"{where}: {key} is {count} words; give {words[0]} to {words[1]}")
    if max_words is not None and count > max_words:
        raise WorksheetError(f"{where}: {key} is {count} words; keep it to {max_words}")
    return text


def _week(table: Mapping[str, Any], key: str, where: str) -> int:
    if key not in table:
        raise WorksheetError(f"{where}: missing {key!r}")
    value = table[key]
    if type(value) is not int or not 0 <= value <= MAX_WEEK:
        raise WorksheetError(f"{where}: {key} must be a whole number of weeks, 0 to {MAX_WEEK}")
    return value
