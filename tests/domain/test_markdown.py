"""User text as Markdown: a CommonMark parser gives back exactly the lines typed, as text."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from companion.domain.markdown import paragraphs

PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def as_typed(text: str) -> str:
    """What a reader should see: lines without trailing spaces, one blank line between
    paragraphs, leading tabs as four spaces."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [re.sub(r"^[ \t]+", lambda m: m.group().replace("\t", "    "), ln) for ln in lines]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def rendered(text: str) -> str:
    """The parser's HTML for `paragraphs(text)`, read back as plain text."""
    out = PARSER.render("\n\n".join(paragraphs(text)))
    # Every block must be a plain paragraph: nothing typed may become other structure.
    blocks = re.findall(r"<(\w+)", out)
    assert set(blocks) <= {"p", "br"}, out
    plain = out.replace("<br />\n", "\n").replace("</p>\n<p>", "\n\n")
    plain = plain.removeprefix("<p>").removesuffix("</p>\n")
    return html.unescape(plain).replace("\u00a0", " ")


def test_lines_stay_lines_and_blank_lines_make_paragraphs() -> None:
    assert paragraphs("one\ntwo\n\n\n\nthree\r\nfour\n") == ["one\\\ntwo", "three\\\nfour"]
    assert paragraphs("\n  \n") == []


@given(st.text(alphabet=st.characters(codec="ascii", exclude_categories=("Cc",)) | st.just("\n")))
def test_any_typed_text_reads_back_as_typed(text: str) -> None:
    assert rendered(text) == as_typed(text)


def test_only_a_real_list_marker_is_escaped() -> None:
    """`2.56` reads as typed in plain text too; `1. first` would start a list."""
    assert paragraphs("2.56 and 3)x") == ["2.56 and 3)x"]
    assert paragraphs("1. first\n2) second\n3.") == ["1\\. first\\\n2\\) second\\\n3\\."]
