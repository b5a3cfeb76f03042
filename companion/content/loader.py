"""The one loader of content: which files are in use, read and checked once per process.

The packaged files sit beside this module (not importlib.resources: importing it
costs quick commands 10-40 ms, and Companion is never run zipped). A
facilitator adapts the programme and worksheets without editing the package: a
content folder (`COMPANION_CONTENT=DIR`, or else `content` in the user's config
folder) holds `programme.toml`, `support.toml` and/or `worksheets/*.toml`, and each file there
replaces the packaged file of the same name. The instrument keys are scoring
facts: they always come from the package.

Nothing is read at import time. Each file is read and checked against its
declaration the first time it is needed, then kept for the life of the process.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from companion.domain.programme_template import ProgrammeTemplate
    from companion.domain.scales.instruments import Instrument
    from companion.domain.support import SupportContent
    from companion.domain.worksheets.sheets import SheetContent

T = TypeVar("T")

PACKAGED = Path(__file__).parent
CONTENT_ENV = "COMPANION_CONTENT"
PROGRAMME_FILE = "programme.toml"
SUPPORT_FILE = "support.toml"  # who to contact when things are hard
TOP_FILES = (PROGRAMME_FILE, SUPPORT_FILE)  # the files a content folder holds beside worksheets/
WORKSHEETS = "worksheets"
# Content files are a few kilobytes of text; this only stops a huge file from stalling.
FILE_LIMIT = 1_000_000

# The order in which lists, menus and `companion scales list` show them.
INSTRUMENT_IDS: tuple[str, ...] = ("scs", "scs-sf", "wemwbs", "swemwbs")


@dataclass(frozen=True)
class ContentFolder:
    """Where the programme and worksheets come from.

    `folder` is a facilitator's content folder, if one is in use, found
    through `origin` (the variable or the config folder); `overrides` are its
    files that replace packaged ones, relative to it (`worksheets/letter.toml`).
    """

    folder: Path | None = None
    origin: str = ""
    overrides: tuple[str, ...] = ()

    def path(self, name: str) -> Path:
        """The file to read for `name` (`programme.toml`, `worksheets/letter.toml`)."""
        if self.folder is not None and name in self.overrides:
            return self.folder / name
        return PACKAGED / name

    def shown(self, name: str) -> str:
        """`name` as a message shows it: a facilitator's file by its full path."""
        return str(self.path(name)) if name in self.overrides else name

    @property
    def in_use(self) -> str:
        """One line for `companion doctor`: packaged, or the folder and what it replaces."""
        if self.folder is None:
            return "packaged"
        if not self.overrides:
            return f"packaged ({self.folder}, from {self.origin}, holds no content files)"
        files = ", ".join(self.overrides)
        return f"{self.folder} (from {self.origin}) for {files}; packaged otherwise"


def config_content_folder() -> Path:
    """`content` in the user's config folder (e.g. ~/.config/companion/content on Linux)."""
    import platformdirs  # only when COMPANION_CONTENT is not set

    return Path(platformdirs.user_config_dir("companion", appauthor=False)) / "content"


@functools.cache
def content_folder() -> ContentFolder:
    """The content in use: COMPANION_CONTENT wins over the config folder, then the package."""
    from companion.domain.declared import ContentError

    chosen = os.environ.get(CONTENT_ENV)
    if chosen:
        folder, origin = Path(chosen).expanduser().absolute(), CONTENT_ENV
        if not folder.is_dir():
            raise ContentError(
                f"{CONTENT_ENV} names {folder}, which is not a folder; "
                "point it at a folder made with `companion content export DIR`, or unset it"
            )
    else:
        folder, origin = config_content_folder(), "the config folder"
        if not folder.is_dir():
            return ContentFolder()
    if (folder / "instruments").exists():
        raise ContentError(
            f"{folder / 'instruments'}: the instrument keys are scoring facts and cannot be "
            "overridden; remove this folder"
        )
    for stray in sorted(folder.glob("*.toml")):
        if stray.name not in TOP_FILES:
            raise ContentError(
                f"{stray}: not used; the content folder holds {PROGRAMME_FILE}, "
                f"{SUPPORT_FILE} and {WORKSHEETS}/*.toml"
            )
    # exists(), not is_file(): a folder or pipe by that name is refused when read, not ignored.
    names = [name for name in TOP_FILES if (folder / name).exists()]
    names += sorted(f"{WORKSHEETS}/{p.name}" for p in (folder / WORKSHEETS).glob("*.toml"))
    return ContentFolder(folder, origin, tuple(names))


def read_toml(path: Path, shown: str) -> dict[str, Any]:
    """A file parsed as TOML (not yet checked), or ContentError naming it as `shown`."""
    import tomllib

    from companion.domain.declared import ContentError
    from companion.files import read_regular

    try:
        data = read_regular(path, FILE_LIMIT + 1)  # a named pipe or a folder is refused
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise ContentError(f"{shown}: not found") from None
    except UnicodeDecodeError as error:
        raise ContentError(
            f"{shown}: not valid UTF-8 ({error.reason}); save it as UTF-8"
        ) from None
    except OSError as error:
        raise ContentError(f"{shown}: cannot be read ({error.strerror or error})") from None
    if len(data) > FILE_LIMIT:
        raise ContentError(f"{shown}: larger than {FILE_LIMIT:,} bytes; is it the right file?")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{shown}: not valid TOML ({error})") from None


def _load(declaration: type[T], name: str, where: ContentFolder | None = None) -> T:
    from companion.domain.declared import build

    if where is None:
        where = content_folder()
    return build(declaration, read_toml(where.path(name), where.shown(name)), where.shown(name))


# ---------------------------------------------------------------- programme and worksheets


@functools.cache
def _template() -> ProgrammeTemplate:
    from companion.domain.programme_template import ProgrammeTemplate

    return _load(ProgrammeTemplate, PROGRAMME_FILE)


def programme() -> ProgrammeTemplate:
    """The programme outline (`programme.toml`), checked.

    A facilitator's files are also checked against each other here, so any
    command that uses the programme refuses a broken content folder at once.
    """
    template = _template()
    if content_folder().overrides:
        sheet_content()
        support()
    return template


@functools.cache
def sheet_content() -> SheetContent:
    """Everything a participant writes into, checked and agreeing with the programme.

    One worksheet per programme component, in `worksheets/<component>.toml`,
    then `coaching.toml`, `questionnaire.toml` and `letter.toml`.
    """
    from companion.domain.declared import ContentError
    from companion.domain.worksheets import agreement, sheets

    template, where = _template(), content_folder()
    worksheets = []
    for component in template.components:
        name = f"{WORKSHEETS}/{component}.toml"
        worksheet = _load(sheets.Worksheet, name)
        for field, value in (("id", worksheet.id), ("component", worksheet.component)):
            if value != component:
                raise ContentError(
                    f'{where.shown(name)}: {field}: expected "{component}" '
                    f'(the file\'s name), got "{value}"'
                )
        worksheets.append(worksheet)
    used = {sheets.COACHING_FILE, sheets.QUESTIONNAIRE_FILE, sheets.LETTER_FILE}
    used |= {f"{component}.toml" for component in template.components}
    for name in where.overrides:
        file = name.removeprefix(f"{WORKSHEETS}/")
        if file != name and file not in used:
            known = ", ".join(template.components)
            raise ContentError(
                f"{where.shown(name)}: not used; {where.shown(PROGRAMME_FILE)} has no component "
                f'"{file.removesuffix(".toml")}" (its components: {known})'
            )
    content = agreement.assemble_content(
        worksheets,
        _load(sheets.CoachingNotes, f"{WORKSHEETS}/{sheets.COACHING_FILE}").sheets(),
        _load(sheets.Questionnaire, f"{WORKSHEETS}/{sheets.QUESTIONNAIRE_FILE}"),
        _load(sheets.Letter, f"{WORKSHEETS}/{sheets.LETTER_FILE}"),
        where.shown,
    )
    agreement.check_against_programme(content, template, where.shown)
    return content


def worksheet_ids() -> tuple[str, ...]:
    """The webinar worksheets' ids in programme order: the programme's components.

    Each component's worksheet is `worksheets/<component>.toml` with that id,
    so `companion today` can count worksheets toward completion without
    parsing every worksheet file.
    """
    return tuple(programme().components)


def packaged_files() -> list[str]:
    """The packaged files a content folder can replace, relative to it."""
    worksheets = sorted(p.name for p in (PACKAGED / WORKSHEETS).glob("*.toml"))
    return [*TOP_FILES, *(f"{WORKSHEETS}/{name}" for name in worksheets)]


@functools.cache
def support() -> SupportContent:
    """Who to contact when things are hard (`support.toml`), checked; a facilitator's
    content folder may replace it with local services."""
    from companion.domain.support import SupportContent

    return _load(SupportContent, SUPPORT_FILE)


def packaged_support() -> SupportContent:
    """The packaged `support.toml`, whatever the content folder holds: the fallback when a
    facilitator's copy will not do, so that the numbers are never out of reach."""
    from companion.domain.support import SupportContent

    return _load(SupportContent, SUPPORT_FILE, ContentFolder())


# ---------------------------------------------------------------- instruments


@functools.cache
def instrument(instrument_id: str) -> Instrument:
    """The checked key of one instrument, by id (`scs`, `scs-sf`, `wemwbs`, `swemwbs`).

    Always the packaged key. Raises UnknownInstrumentError for any other id,
    and ContentError if the packaged file is broken (a packaging mistake).
    """
    from companion.domain.declared import ContentError
    from companion.domain.scales.instruments import Instrument, UnknownInstrumentError
    from companion.domain.scales.key_rules import check_derived

    if instrument_id not in INSTRUMENT_IDS:
        raise UnknownInstrumentError(
            f"unknown instrument {instrument_id!r}; choose one of {', '.join(INSTRUMENT_IDS)}"
        )
    name = f"instruments/{instrument_id}.toml"
    key = _load(Instrument, name, ContentFolder())
    if key.id != instrument_id:
        raise ContentError(
            f'{name}: id: expected "{instrument_id}" (the file\'s name), got "{key.id}"'
        )
    if key.derived_from is not None:
        # SWEMWBS is read off WEMWBS items: the two keys must agree.
        check_derived(key, instrument(key.derived_from.instrument), name)
    return key


@functools.cache
def instruments() -> tuple[Instrument, ...]:
    """Every instrument, checked, in display order."""
    return tuple(instrument(instrument_id) for instrument_id in INSTRUMENT_IDS)


def forget() -> None:
    """Drop everything read, so the next use reads the files again (for tests)."""
    for cached in (content_folder, _template, sheet_content, instrument, instruments, support):
        cached.cache_clear()
