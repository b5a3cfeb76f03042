"""`s` on Scales: how a scale is scored and where each figure comes from.

Opened from the results only, never while answering: it names subscales and
reversed items, which could change how someone answers.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from companion.domain.scales.instruments import (
    EVIDENCE_WORDS,
    Z_RELIABLE,
    Figure,
    Instrument,
    reliability_name,
)
from companion.tui import styles
from companion.tui.literal import literal


def sources_text(instrument: Instrument) -> Text:
    """Everything behind a scale's results, in reading order, each figure with its source."""
    text = Text()

    def heading(title: str) -> None:
        text.append(f"{title}\n", style="bold")

    def figure(item: Figure) -> None:
        source = instrument.source(item.source)
        text.append(f"{item.text} ")
        text.append(f"[{source.short}; {EVIDENCE_WORDS[item.evidence]}]\n", style="dim")

    heading(f"{instrument.name} ({instrument.short_name})")
    text.append(f"{instrument.citation}\n\n")
    heading("How it is scored")
    text.append(f"{instrument.scoring_note}\n\n")
    if instrument.bands is not None:
        heading("Bands")
        text.append(f"{instrument.bands.text} ")
        text.append(f"[{instrument.source(instrument.bands.source).short}]\n\n", style="dim")
    change = instrument.change
    heading("Reliable change")
    threshold = change.reliable_threshold
    if threshold is not None and change.sd is not None and change.reliability is not None:
        text.append(
            f"A change counts as reliable when it is larger than {threshold:.2f} points: "
            f"{Z_RELIABLE} \u00d7 \u221a2 \u00d7 SD {change.sd.value:g} \u00d7 \u221a(1 \u2212 "
            f"{change.reliability.value:g}) (Jacobson and Truax, 1991). "
            f"It uses the {reliability_name(change.reliability)}"
        )
        other = change.other_reliability
        if other is not None and change.other_threshold is not None:
            text.append(
                f"; with the {reliability_name(other)} it would be "
                f"{change.other_threshold:.1f} points"
            )
        text.append(". From:\n")
        figure(change.sd)
        figure(change.reliability)
        if other is not None:
            figure(other)
    else:
        text.append(f"{change.reliable_unavailable}\n")
        if change.reliability is not None:
            text.append("The reliability it would use: ")
            figure(change.reliability)
    text.append("\n")
    heading("Meaningful change")
    if change.meaningful_lower is not None:
        figure(change.meaningful_lower)
        if change.meaningful_upper is not None:
            figure(change.meaningful_upper)
    else:
        text.append(f"{change.meaningful_unavailable}\n")
    text.append("\n")
    if instrument.very_low is not None:
        heading("The note about support")
        very_low = instrument.very_low
        text.append(f"Shown when a total is below {very_low.threshold:.2f}. {very_low.text} ")
        text.append(f"[{instrument.source(very_low.source).short}]\n\n", style="dim")
    elif instrument.very_low_unavailable:
        heading("The note about support")
        text.append(f"{instrument.very_low_unavailable}\n\n")
    used = {
        f.id
        for f in (
            change.sd,
            change.reliability,
            change.other_reliability,
            change.meaningful_lower,
            change.meaningful_upper,
        )
        if f is not None
    }
    others = [f for f in instrument.figures if f.id not in used]
    if others:
        heading("Other published figures")
        for item in others:
            figure(item)
        text.append("\n")
    heading("Licence")
    text.append(f"{instrument.licence}\n")
    if instrument.copyright:
        text.append(f"{instrument.copyright}\n")
    text.append("\n")
    heading("Sources")
    for source in sorted(instrument.sources.values(), key=lambda s: s.short.casefold()):
        text.append(f"{source.short}: ", style="bold")
        text.append(f"{source.full}\n")
    return text


class SourcesScreen(ModalScreen[None]):
    CSS_PATH = styles.SCALES
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s,q", "dismiss", "Close"),
    ]

    def __init__(self, instrument: Instrument) -> None:
        super().__init__()
        self.instrument = instrument

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="scale-sources"):
            yield Static(sources_text(self.instrument))

    def on_mount(self) -> None:
        scroll = self.query_one("#scale-sources")
        scroll.border_title = literal(f"Sources: {self.instrument.short_name}")
        scroll.border_subtitle = "Escape to close"
        scroll.focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
