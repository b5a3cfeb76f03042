"""Support: who to contact when things are hard, most urgent first (`support.toml`).

Declared like the rest of the content (see `companion.domain.declared`), so a
facilitator outside England replaces the numbers with local ones from a
content folder. Every contact that gives a number says where the number comes
from, so it can be checked. Nothing here judges how anyone is: the person
chooses what fits.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from companion.domain.declared import Declared, Line, Text, Title, check_words, tidy

WHEN_MAX_WORDS = 30  # one line on when it fits, at 80 columns or a little more
INTRODUCTION_WORDS = (10, 80)


class Contact(Declared, frozen=True):
    """One place to turn: who, how to reach them, when it fits, and the number's source."""

    name: Title  # "Samaritans"
    how: Line  # "Call 116 123, free, day or night"
    when: Line  # one line on when it fits; never a diagnosis
    source: Line | None = None  # where the number was checked (a web address)

    def __post_init__(self) -> None:
        tidy(self, "name")
        tidy(self, "how")
        check_words("when", tidy(self, "when"), WHEN_MAX_WORDS)
        if self.source is not None:
            tidy(self, "source")
        if self.source is None and any(c.isdigit() for c in self.how):
            raise ValueError(
                "source: a contact with a number needs its source (where the number can be "
                "checked, e.g. a web address)"
            )


class SupportContent(Declared, frozen=True):
    """`support.toml`: a short introduction, the contacts in order, and a closing line."""

    title: Title
    introduction: Text
    contacts: Annotated[tuple[Contact, ...], msgspec.Meta(min_length=1, max_length=12)] = (
        msgspec.field(name="contact")
    )
    closing: Text | None = None

    def __post_init__(self) -> None:
        tidy(self, "title")
        low, high = INTRODUCTION_WORDS
        check_words("introduction", tidy(self, "introduction", prose=True), high, low)
        if self.closing is not None:
            tidy(self, "closing", prose=True)


def support_lines(support: SupportContent) -> list[str]:
    """The support page as plain lines (the shell prints them; the TUI lays out its own)."""
    lines = [support.title, "", support.introduction, ""]
    for number, contact in enumerate(support.contacts, start=1):
        lines.append(f"{number}. {contact.name}: {contact.how}")
        lines.append(f"   {contact.when}")
    if support.closing:
        lines += ["", support.closing]
    sources = [c for c in support.contacts if c.source]
    if sources:
        lines += ["", "Where these numbers come from:"]
        lines += [f"  {c.name}: {c.source}" for c in sources]
    return lines
