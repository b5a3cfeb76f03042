"""Reflective content: webinar worksheets, coaching notes, the questionnaire and the letter.

Each file of `companion/content/worksheets/` is declared here once, as the
file format and the model together (see `companion.domain.declared`): the
field types hold the simple rules, each `__post_init__` the rules between
fields. `companion.domain.worksheets.agreement` checks the files against each
other and against the programme. No I/O: `companion.content` reads the files.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, Protocol

import msgspec

from companion.domain.declared import (
    Declared,
    Id,
    Line,
    Text,
    Title,
    Week,
    check_words,
    quoted,
    repeated,
    tidy,
)

if TYPE_CHECKING:  # only for a type hint
    pass

PromptKind = Literal["text", "commitment"]
ActivityKind = Literal["reflect", "practice", "apply"]
SheetKind = Literal["worksheet", "coaching", "questionnaire", "letter"]

# Words, so that the text reads well in an 80-column terminal.
LABEL_MAX_WORDS = 25
GUIDANCE_MAX_WORDS = 50
DESCRIPTION_MAX_WORDS = 90
WORKSHEET_INTRODUCTION_WORDS = (120, 200)
OTHER_INTRODUCTION_WORDS = (15, 160)

# The files of the worksheets folder that are not a component's worksheet.
COACHING_FILE = "coaching.toml"
QUESTIONNAIRE_FILE = "questionnaire.toml"
LETTER_FILE = "letter.toml"


class Prompt(Declared, frozen=True):
    """One question the participant answers in free text.

    `id` is stable (answers are stored against it), unique within its sheet.
    A `commitment` prompt's answer can become an item of the action plan.
    """

    id: Id
    label: Line
    kind: PromptKind
    guidance: Text | None = None

    def __post_init__(self) -> None:
        check_words("label", tidy(self, "label"), LABEL_MAX_WORDS)
        if self.guidance is not None:
            check_words("guidance", tidy(self, "guidance", prose=True), GUIDANCE_MAX_WORDS)


class PairedPrompt(Prompt, frozen=True):
    """A questionnaire prompt: a baseline and an end prompt with one `pair` show side by side."""

    pair: Id | None = None


def _kinds(where: str, prompts: Sequence[Prompt], kind: PromptKind) -> None:
    for prompt in prompts:
        if prompt.kind != kind:
            raise ValueError(
                f'{where} "{prompt.id}": kind: expected {kind} here, got {prompt.kind}'
            )


def _unique(what: str, ids: list[str]) -> None:
    twice = repeated(ids)
    if twice:
        raise ValueError(f"{what} used twice: {quoted(twice)}")


class Activity(Declared, frozen=True):
    """A group of prompts on a webinar worksheet: reflect, practise, or apply at work."""

    id: Id
    title: Title
    kind: ActivityKind
    description: Text
    prompts: Annotated[tuple[Prompt, ...], msgspec.Meta(min_length=1, max_length=4)] = (
        msgspec.field(name="prompt")
    )

    def __post_init__(self) -> None:
        tidy(self, "title")
        check_words("description", tidy(self, "description", prose=True), DESCRIPTION_MAX_WORDS)


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


class Worksheet(Declared, frozen=True):
    """A webinar's worksheet (`worksheets/<component>.toml`): activities and a commitment."""

    sheet_kind: ClassVar[SheetKind] = "worksheet"

    id: Id
    title: Title
    session: Id  # the programme session it belongs to, e.g. "webinar-1"
    week: Week
    component: Id
    introduction: Text  # paragraphs separated by a blank line
    activities: Annotated[tuple[Activity, ...], msgspec.Meta(min_length=4, max_length=6)] = (
        msgspec.field(name="activity")
    )
    closing: Prompt  # "what I'll try this week", always a commitment
    # True for a sheet that may stir up difficult feelings: it links to Support.
    support: bool = False
    # A guided practice the sheet offers (a key of `selfcare.guides.GUIDES`), or "".
    practice: str = ""

    def __post_init__(self) -> None:
        from companion.domain.selfcare.guides import GUIDES

        tidy(self, "title")
        if self.practice and self.practice not in GUIDES:
            raise ValueError(
                f"practice: expected one of {', '.join(GUIDES)} or nothing, got {self.practice}"
            )
        low, high = WORKSHEET_INTRODUCTION_WORDS
        check_words("introduction", tidy(self, "introduction", prose=True), high, low)
        _unique("activity: ids", [a.id for a in self.activities])
        _unique("prompt ids", [p.id for p in self.prompts])
        if self.closing.kind != "commitment":
            raise ValueError(
                f"closing: kind: expected commitment (its answer can join the action plan), "
                f"got {self.closing.kind}"
            )

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        """Every prompt in reading order: each activity's, then the closing one."""
        return (*(p for a in self.activities for p in a.prompts), self.closing)

    def prompt(self, prompt_id: str) -> Prompt:
        """The prompt with this id; KeyError if there is none."""
        return _find_prompt(self.prompts, prompt_id)


class CoachingSession(Declared, frozen=True):
    """One `[[session]]` of the coaching file: the programme session id, title, week, focus."""

    id: Id
    title: Title
    week: Week
    focus: Line  # a one-line suggestion of what the session might cover

    def __post_init__(self) -> None:
        tidy(self, "title")
        check_words("focus", tidy(self, "focus"), LABEL_MAX_WORDS)


class CoachingNotes(Declared, frozen=True):
    """`coaching.toml`: prompts shared by every coaching session, and the sessions."""

    introduction: Text
    before: Annotated[tuple[Prompt, ...], msgspec.Meta(min_length=1)]
    after: Annotated[tuple[Prompt, ...], msgspec.Meta(min_length=1)]
    sessions: Annotated[tuple[CoachingSession, ...], msgspec.Meta(min_length=1)] = msgspec.field(
        name="session"
    )

    def __post_init__(self) -> None:
        low, high = OTHER_INTRODUCTION_WORDS
        check_words("introduction", tidy(self, "introduction", prose=True), high, low)
        _kinds("before", self.before, "text")
        commitments = [p for p in self.after if p.kind == "commitment"]
        if len(commitments) != 1:
            raise ValueError(
                f"after: expected exactly one prompt of kind commitment, got {len(commitments)}"
            )
        _unique("prompt ids", [p.id for p in (*self.before, *self.after)])
        _unique("session: ids", [s.id for s in self.sessions])

    def sheets(self) -> tuple[CoachingSheet, ...]:
        """The notes of each session, in the order of the file."""
        return tuple(
            CoachingSheet(
                s.id, s.title, s.week, s.focus, self.introduction, self.before, self.after
            )
            for s in self.sessions
        )


class CoachingSheet(msgspec.Struct, frozen=True):
    """Notes for one group coaching session: what to bring before, what was taken away after."""

    sheet_kind: ClassVar[SheetKind] = "coaching"

    id: str  # the programme session id, e.g. "coaching-1"
    title: str
    week: int
    focus: str
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


class QuestionnairePart(Declared, frozen=True):
    """The reflective questionnaire as answered on one occasion (baseline or end)."""

    sheet_kind: ClassVar[SheetKind] = "questionnaire"

    id: Id
    title: Title
    session: Id  # "baseline" or "end"
    week: Week
    introduction: Text
    prompts: Annotated[tuple[PairedPrompt, ...], msgspec.Meta(min_length=1)] = msgspec.field(
        name="prompt"
    )

    def __post_init__(self) -> None:
        tidy(self, "title")
        low, high = OTHER_INTRODUCTION_WORDS
        check_words("introduction", tidy(self, "introduction", prose=True), high, low)
        _unique("prompt: pair keys", [p.pair for p in self.prompts if p.pair is not None])

    @property
    def component(self) -> None:
        """The questionnaire belongs to no single component."""
        return None

    def prompt(self, prompt_id: str) -> Prompt:
        """The prompt with this id; KeyError if there is none."""
        return _find_prompt(self.prompts, prompt_id)


class QuestionnaireRow(msgspec.Struct, frozen=True):
    """One line of the side-by-side view: a baseline prompt, its end counterpart, or both."""

    pair: str | None
    baseline: Prompt | None
    end: Prompt | None


class Questionnaire(Declared, frozen=True):
    """`questionnaire.toml`: a baseline part and an end part, paired by `pair` keys."""

    title: Title
    baseline: QuestionnairePart
    end: QuestionnairePart

    def __post_init__(self) -> None:
        tidy(self, "title")
        if self.baseline.id == self.end.id:
            raise ValueError(f'end: id: "{self.end.id}" is the baseline\'s id too')
        _unique(
            "prompt ids (across baseline and end)",
            [p.id for p in (*self.baseline.prompts, *self.end.prompts)],
        )
        at_baseline = {p.pair for p in self.baseline.prompts if p.pair is not None}
        at_end = {p.pair for p in self.end.prompts if p.pair is not None}
        for pair in sorted(at_baseline ^ at_end):
            has, lacks = ("baseline", "end") if pair in at_baseline else ("end", "baseline")
            raise ValueError(f'{has}: pair "{pair}" has no counterpart at {lacks}')

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


class Letter(Declared, frozen=True):
    """The letter to self: written in weeks `week`..`until_week`, sealed, opened at `opens_at`."""

    sheet_kind: ClassVar[SheetKind] = "letter"

    id: Id
    title: Title
    week: Week  # the first week it can be written
    until_week: Week  # the last week it can be written
    opens_at: Id  # the programme session at which the sealed letter opens
    introduction: Text
    prompt: Prompt
    support: bool = False  # True: writing it may stir up difficult feelings; link to Support

    def __post_init__(self) -> None:
        tidy(self, "title")
        low, high = OTHER_INTRODUCTION_WORDS
        check_words("introduction", tidy(self, "introduction", prose=True), high, low)
        if self.until_week < self.week:
            raise ValueError(
                f"until_week: expected week {self.week} or later, got {self.until_week}"
            )
        _kinds("prompt", [self.prompt], "text")

    @property
    def component(self) -> None:
        """The letter belongs to no single component."""
        return None

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        """The letter's single prompt, as a tuple like every other sheet's."""
        return (self.prompt,)


class SheetContent(msgspec.Struct, frozen=True):
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

    @property
    def shared_writing(self) -> tuple[Sheet, ...]:
        """The sheets whose answers a report or a pack includes when asked to.

        The worksheets, then the questionnaire's start and end; never the
        coaching notes (kept for the sessions) nor the sealed letter.
        """
        return (*self.worksheets, self.questionnaire.baseline, self.questionnaire.end)

    def sheet(self, sheet_id: str) -> Sheet:
        """The sheet with this id; KeyError if there is none."""
        for sheet in self.sheets:
            if sheet.id == sheet_id:
                return sheet
        raise KeyError(sheet_id)


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
