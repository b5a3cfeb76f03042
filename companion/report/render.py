"""Reports as text: Jinja2 templates, autoescaped for HTML, Markdown-escaped for Markdown.

The participant's report (`render`) and the facilitator's cohort summary
(`render_cohort`, `templates/cohort.*.j2`) are made the same way.

Each section of the story is one template per format (`templates/html/NAME.html.j2`,
`templates/md/NAME.md.j2`), listed in SECTIONS in reading order: adding a section
is one name here and one template in each folder. Everything a template
prints passes through the environment's `finalize` first: control and
direction characters become visible escapes (`user_text.printable`), then HTML
autoescaping or Markdown escaping (`domain.markdown`) makes the participant's
words literal text, never markup.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from companion.domain.dates import long_date
from companion.domain.markdown import escaped_line, paragraphs
from companion.domain.progress import ScaleStory
from companion.domain.scales.administration import OCCASION_NAMES, PLANNED
from companion.domain.user_text import printable

if TYPE_CHECKING:
    import jinja2

    from companion.domain.evaluation.cohort import CohortSummary
    from companion.report.gather import Report

Format = Literal["html", "md"]
FORMATS: tuple[Format, ...] = ("html", "md")

# The sections in reading order; "writing" shows only when the writing was asked for.
SECTIONS = ("completion", "practice", "scales", "components", "plan", "writing")

TEMPLATES = Path(__file__).parent / "templates"

# The practice chart's drawing area, in SVG user units.
CHART_HEIGHT = 120
WEEK_WIDTH = 56


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, its figure as shown, and its length from 0 to 1."""

    label: str
    figure: str
    fraction: float


def render(report: Report, form: Format) -> str:
    """`report` as a complete HTML page or Markdown document."""
    template = _environment(form).get_template(f"report.{form}.j2")
    return template.render(report=report, sections=SECTIONS)


def render_cohort(summary: CohortSummary, form: Format) -> str:
    """A facilitator's cohort summary as a complete HTML page or Markdown document."""
    from companion.domain.evaluation import cohort_report

    title, lines = cohort_report.heading(summary)
    template = _environment(form).get_template(f"cohort.{form}.j2")
    return template.render(
        title=title,
        lines=lines,
        caution=cohort_report.caution(summary),
        sections=cohort_report.sections(summary),
    )


def week_bars(weeks: tuple[float, ...]) -> list[Bar]:
    """Practice per programme week as bars, the busiest week the full height."""
    peak = max(weeks, default=0.0)
    return [
        Bar(f"Week {number}", f"{minutes:,.0f}", minutes / peak if peak > 0 else 0.0)
        for number, minutes in enumerate(weeks, start=1)
    ]


def scale_bars(scale: ScaleStory) -> list[Bar]:
    """A scale's baseline, end and follow-up totals as bars across its possible range."""
    instrument = scale.results.instrument
    low, high = instrument.total_range
    bars = []
    for occasion in PLANNED:
        point = scale.results.point(occasion)
        if point is None:
            bars.append(Bar(OCCASION_NAMES[occasion], "", 0.0))
            continue
        share = (point.score.total - low) / (high - low) if high > low else 0.0
        bars.append(Bar(OCCASION_NAMES[occasion], scale.total(occasion), min(max(share, 0), 1)))
    return bars


class MarkdownText(str):
    """Markdown a filter has already escaped: printed as it is."""

    __slots__ = ()


def _markdown_value(value: Any) -> Any:
    """What a Markdown template prints: text escaped so it is never Markdown structure."""
    if isinstance(value, MarkdownText) or not isinstance(value, str):
        return value
    return MarkdownText(" ".join(escaped_line(line) for line in printable(value).splitlines()))


def _markdown_paragraphs(text: str) -> MarkdownText:
    """Writing as Markdown paragraphs, its line breaks kept, nothing in it read as Markdown."""
    return MarkdownText("\n\n".join(paragraphs(printable(text))))


def _html_value(value: Any) -> Any:
    """What an HTML template prints: control and direction characters shown, then autoescaped."""
    import markupsafe

    if isinstance(value, markupsafe.Markup) or not isinstance(value, str):
        return value
    return printable(value)


@functools.cache
def _environment(form: Format) -> jinja2.Environment:
    import jinja2

    html = form == "html"
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # HTML templates escape every value; Markdown ones escape through `finalize`.
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",),
            disabled_extensions=("md.j2",),
            default_for_string=True,
            default=True,
        ),
        finalize=_html_value if html else _markdown_value,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(
        OCCASION_NAMES=OCCASION_NAMES,
        PLANNED=PLANNED,
        week_bars=week_bars,
        scale_bars=scale_bars,
        CHART_HEIGHT=CHART_HEIGHT,
        WEEK_WIDTH=WEEK_WIDTH,
    )
    environment.filters.update(long_date=long_date, paragraphs=_markdown_paragraphs)
    return environment
