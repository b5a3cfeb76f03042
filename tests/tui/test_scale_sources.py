"""The Scales sources view (`s` on Scales): full citations a reader can follow, and
reliable-change arithmetic that adds up from the figures it names."""

from __future__ import annotations

import math
import re

import pytest

from companion.content.instruments import INSTRUMENT_IDS, instrument
from companion.domain.scales.instruments import Z_RELIABLE
from companion.tui.dialogs.scale_sources import sources_text

# The research notes' shorthand, which means nothing to a participant.
INTERNAL_CODES = re.compile(r"\bS\d+\b|\bevidence [A-Z]|\bV2\b|\bNeff2003\b|\bRaes2011\b")

# Issue 14 point 5: titles, authors and DOIs as published.
CORRECTED = {
    "scs": [
        "Validation of the Spanish versions of the long (26 items) and short (12 items) "
        "forms of the Self-Compassion Scale (SCS)",
    ],
    "scs-sf": [
        "Validation of the Spanish versions of the long (26 items) and short (12 items) "
        "forms of the Self-Compassion Scale (SCS)",
        "Bratt, A. S., & Fagerström, C. (2020).",
        "Aging & Mental Health, 24(4), 642-648.",
        # Raes et al. cited directly for the SCS-SF reliability figures.
        "of at least .86 in the validation samples. [Raes et al. 2011;",
        "Clinical Psychology & Psychotherapy, 18(3), 250-255. doi:10.1002/cpp.702",
    ],
    "wemwbs": [
        "Evaluating the responsiveness of the Warwick Edinburgh Mental Well-Being Scale "
        "(WEMWBS): Group and individual level analysis",
    ],
    "swemwbs": [
        "Evaluating and establishing national norms for mental wellbeing using the short "
        "Warwick-Edinburgh Mental Well-being Scale (SWEMWBS): findings from the Health "
        "Survey for England",
        "Fung, S.-F. (2019).",
        "Health and Quality of Life Outcomes, 17, 46.",
        "Responsiveness of the Short Warwick Edinburgh Mental Well-Being Scale (SWEMWBS): "
        "evaluation a clinical sample",
        "doi:10.1186/s12955-018-1060-2",
    ],
}


@pytest.mark.parametrize("instrument_id", INSTRUMENT_IDS)
def test_sources_show_full_citations_never_internal_codes(instrument_id: str) -> None:
    key = instrument(instrument_id)
    shown = sources_text(key).plain
    assert INTERNAL_CODES.findall(shown) == []
    for source in key.sources.values():
        assert f"{source.short}: {source.full}" in shown
    for corrected in CORRECTED[instrument_id]:
        assert corrected in shown


@pytest.mark.parametrize("instrument_id", INSTRUMENT_IDS)
def test_every_journal_article_has_authors_year_and_doi(instrument_id: str) -> None:
    for source in instrument(instrument_id).sources.values():
        if re.search(r"\(\d{4}\)\. ", source.full) and "http" not in source.full:
            # Authors (surname, initials), the year, then the title and a DOI.
            assert re.match(r"\A[^\W\d][\w' -]*, [A-Z]\.", source.full), source.full
            assert re.search(r"doi:10\.\d{4,}/\S+", source.full), source.full


def _number(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, pattern
    return found.group(1)


def test_wemwbs_threshold_adds_up_from_the_figures_it_names() -> None:
    key = instrument("wemwbs")
    shown = sources_text(key).plain
    change = key.change
    assert change.sd is not None and change.reliability is not None
    assert change.other_reliability is not None
    threshold = float(_number(r"larger than ([\d.]+) points", shown))
    sd = float(_number(r"SD ([\d.]+)", shown))
    reliability = float(_number(r"\u221a\(1 \u2212 ([\d.]+)\)", shown))
    assert (sd, reliability) == (change.sd.value, change.reliability.value)
    assert threshold == round(Z_RELIABLE * math.sqrt(2) * sd * math.sqrt(1 - reliability), 2)
    # It says which reliability that is, and what the retest would give.
    used = _number(r"It uses the internal consistency \(Cronbach's alpha (\.\d+)\)", shown)
    assert float(used) == reliability
    retest = _number(r"with the one-week test-retest reliability \((\.\d+)\)", shown)
    assert float(retest) == change.other_reliability.value
    assert change.other_reliability.kind == "retest"
    other = float(_number(r"it would be ([\d.]+) points", shown))
    assert other == round(Z_RELIABLE * math.sqrt(2) * sd * math.sqrt(1 - float(retest)), 1)


def test_swemwbs_states_shahs_computed_figures_and_they_agree() -> None:
    key = instrument("swemwbs")
    shown = sources_text(key).plain
    threshold = float(_number(r"upper end of the meaningful-change range: ([\d.]+) points", shown))
    times = float(_number(r"computed as ([\d.]+) times", shown))
    sem = float(_number(r"standard error of measurement of ([\d.]+) points", shown))
    upper, lower = key.change.meaningful_upper, key.change.meaningful_lower
    assert upper is not None and lower is not None
    assert (threshold, sem) == (upper.value, lower.value)  # the figures the results use
    assert times == round(Z_RELIABLE * math.sqrt(2), 2)
    # Published to two decimals: some SEM that rounds to the stated one gives the threshold.
    low, high = (times * (sem + d) for d in (-0.005, 0.005))
    assert low - 0.005 <= threshold <= high + 0.005
    reliable_text = shown.split("Reliable change")[1].split("Meaningful change")[0]
    assert not re.search(r"(?<![\d.])[13] points?\b", reliable_text)  # never the rounded 1 or 3
