"""What a participant wrote, as Markdown that reads as they wrote it.

Their line breaks stay line breaks (CommonMark hard breaks: a backslash at the
end of the line, which editors do not strip as they do trailing spaces), a
blank line stays a new paragraph, and nothing they typed can become Markdown
structure: characters that make emphasis, code, links, HTML, tables or
strikethrough are backslash-escaped, as are the marks that start a heading,
quote, list or rule at the start of a line, and leading spaces (which would
make a code block, or be dropped) become `&nbsp;`, so an indent stays an
indent. Control characters are left to the output guard (`commands/output.py`),
which escapes them on the way out.
"""

from __future__ import annotations

import re

# Anywhere in a line: emphasis, code, links and images, HTML and entities, tables,
# strikethrough, and the backslash itself.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")

# At the start of a line: a heading, a quote, a list item or a rule, a setext underline.
_LINE_START = re.compile(r"^([#>+=-])")
# An ordered list marker needs a space or the line's end after it: `2.56` stays `2.56`.
_ORDERED = re.compile(r"^(\d+)([.)])(?=[ \t]|$)")

_HARD_BREAK = "\\"

INDENT_SPACE = "&nbsp;"  # an entity: read after the blocks, so no code block


def escaped_line(line: str) -> str:
    """One line of user text with everything Markdown would read as structure escaped."""
    line = _INLINE.sub(r"\\\1", line.rstrip())
    stripped = line.lstrip(" \t")
    indent = line[: len(line) - len(stripped)].replace("\t", "    ")
    stripped = _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", stripped))
    return INDENT_SPACE * len(indent) + stripped


def paragraphs(text: str) -> list[str]:
    """`text` as Markdown paragraphs, each a string of lines joined by hard breaks.

    Blank lines (however many) separate paragraphs; a single line break inside
    one is kept as a hard break, so a list typed line by line stays a list of lines.
    """
    found: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            found[-1].append(escaped_line(line))
        elif found[-1]:
            found.append([])
    return [(_HARD_BREAK + "\n").join(lines) for lines in found if lines]
