"""The shipped instrument keys (companion/content/instruments/*.toml) and their loader.

Facts are checked against shared/instruments.md. The files must hold scoring
keys only: a guard below looks for anything shaped like questionnaire wording
(without containing any wording itself).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from companion.content import loader
from companion.content.instruments import INSTRUMENT_IDS, instrument, instruments
from companion.domain.declared import ContentError
from companion.domain.errors import NotFound
from companion.domain.scales.instruments import UnknownInstrumentError

KEY_DIR = files("companion.content").joinpath("instruments")

# instruments.md 4.2 (raw 29: the majority value 26.02).
SWEMWBS_TABLE = {
    7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32,
    15: 15.84, 16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25,
    22: 19.98, 23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11, 28: 25.03,
    29: 26.02, 30: 27.03, 31: 28.13, 32: 29.31, 33: 30.70, 34: 32.55, 35: 35.00,
}  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh(fresh_content: None) -> None:
    """Each test reads the keys afresh."""


def key_texts() -> dict[str, str]:
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in KEY_DIR.iterdir()
        if entry.name.endswith(".toml")
    }


# ---------------------------------------------------------------- the loader


def test_all_four_load_in_display_order() -> None:
    assert [i.id for i in instruments()] == ["scs", "scs-sf", "wemwbs", "swemwbs"]
    assert INSTRUMENT_IDS == ("scs", "scs-sf", "wemwbs", "swemwbs")


def test_the_directory_holds_exactly_the_four_keys() -> None:
    assert sorted(key_texts()) == sorted(f"{i}.toml" for i in INSTRUMENT_IDS)


def test_loading_is_cached() -> None:
    assert instrument("scs") is instrument("scs")
    assert instruments() is instruments()
    assert instruments()[0] is instrument("scs")


def test_unknown_instrument() -> None:
    with pytest.raises(UnknownInstrumentError) as caught:
        instrument("phq9")
    assert str(caught.value) == (
        "unknown instrument 'phq9'; choose one of scs, scs-sf, wemwbs, swemwbs"
    )
    assert isinstance(caught.value, NotFound)


def test_nothing_is_read_at_import_time() -> None:
    code = (
        "import companion.content.instruments as m, sys\n"
        "assert m.instrument.cache_info().currsize == 0\n"
        "assert m.instruments.cache_info().currsize == 0\n"
        "assert 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _serve_from(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, text: str) -> None:
    """Package the keys from `tmp_path`, with `name` holding `text` (a packaging mistake)."""
    shutil.copytree(str(KEY_DIR), tmp_path / "instruments")
    (tmp_path / "instruments" / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(loader, "PACKAGED", tmp_path)


def test_a_broken_file_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _serve_from(monkeypatch, tmp_path, "wemwbs.toml", 'id = "wemwbs"\nitems = [\n')
    with pytest.raises(ContentError, match=r"^instruments/wemwbs\.toml: not valid TOML \("):
        instrument("wemwbs")


def test_a_file_must_carry_its_own_id(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = KEY_DIR.joinpath("wemwbs.toml").read_text(encoding="utf-8")
    _serve_from(monkeypatch, tmp_path, "scs.toml", text)
    with pytest.raises(ContentError) as caught:
        instrument("scs")
    assert str(caught.value) == (
        'instruments/scs.toml: id: expected "scs" (the file\'s name), got "wemwbs"'
    )


def test_a_short_form_must_agree_with_its_parent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = KEY_DIR.joinpath("swemwbs.toml").read_text(encoding="utf-8")
    _serve_from(monkeypatch, tmp_path, "swemwbs.toml", text.replace("9, 11]", "9, 15]"))
    with pytest.raises(ContentError) as caught:
        instrument("swemwbs")
    assert str(caught.value) == (
        "instruments/swemwbs.toml: derived_from: items: expected items 1 to 14 of wemwbs, got 15"
    )


def test_a_content_folder_cannot_change_the_keys(content_dir: Path) -> None:
    """The keys are scoring facts: a facilitator's folder never replaces them."""
    (content_dir / "instruments").mkdir()
    broken = KEY_DIR.joinpath("scs.toml").read_text(encoding="utf-8").replace("26", "27")
    (content_dir / "instruments" / "scs.toml").write_text(broken, encoding="utf-8")
    assert instrument("scs").item_count == 26  # read from the package, whatever the folder holds
    with pytest.raises(ContentError) as caught:
        loader.programme()
    assert str(caught.value) == (
        f"{content_dir / 'instruments'}: the instrument keys are scoring facts and cannot be "
        "overridden; remove this folder"
    )


# ---------------------------------------------------------------- no item wording


FIRST_PERSON = re.compile(r"\b(I(?!/O)|I'm|I've|I'd|me|my|myself)\b")  # "I/O" is fine
WORDING_KEYS = {
    "wording",
    "item_text",
    "statement",
    "statements",
    "question",
    "questions",
    "text_of_item",
}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            assert key not in WORDING_KEYS, key
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


@pytest.mark.parametrize("name", [f"{i}.toml" for i in INSTRUMENT_IDS])
def test_keys_hold_no_questionnaire_wording(name: str) -> None:
    # The items of all four scales are first-person statements; the keys are
    # written in the third person, so any first-person word is a red flag.
    text = key_texts()[name]
    assert not FIRST_PERSON.search(text), FIRST_PERSON.search(text)
    for value in _strings(tomllib.loads(text)):
        assert not FIRST_PERSON.search(value), value
        assert not value.rstrip().endswith("?")


SCALE_MODULES = (
    "companion/content/instruments.py",
    "companion/domain/scales/scoring.py",
    "companion/domain/scales/change.py",
    "companion/domain/scales/instruments.py",
    "companion/domain/scales/key_rules.py",
    "companion/domain/scales/administration.py",
    "companion/domain/scales/results.py",
    "companion/domain/scales/item_wording.py",
    "companion/store/scales.py",
    "companion/commands/scales.py",
    "companion/demo/scales.py",
    "companion/tui/screens/scales.py",
    "companion/tui/screens/administer.py",
    "companion/tui/dialogs/start_scale.py",
    "companion/tui/dialogs/scale_sources.py",
    "companion/tui/widgets/scales_card.py",
    "tests/domain/scales/test_item_wording.py",
    "tests/tui/test_scales_screen.py",
    "tests/store/test_scales_store.py",
    "tests/test_cli_scales.py",
)


@pytest.mark.parametrize("name", SCALE_MODULES)
def test_scale_code_holds_no_questionnaire_wording(name: str) -> None:
    # Every scale item is a first-person statement; nothing in the scales code
    # or its tests speaks in the first person, so any such word is a red flag.
    source = (Path(__file__).parents[2] / name).read_text(encoding="utf-8")
    assert not FIRST_PERSON.search(source), FIRST_PERSON.search(source)


# ---------------------------------------------------------------- the facts


def test_item_counts_and_ranges() -> None:
    counts = {i.id: i.item_count for i in instruments()}
    assert counts == {"scs": 26, "scs-sf": 12, "wemwbs": 14, "swemwbs": 7}
    ranges = {i.id: i.total_range for i in instruments()}
    assert ranges == {
        "scs": (1.0, 5.0),
        "scs-sf": (1.0, 5.0),
        "wemwbs": (14.0, 70.0),
        "swemwbs": (7.0, 35.0),
    }


def test_scs_subscales_and_reversed_items() -> None:
    scs = instrument("scs")
    assert [(s.id, s.items, s.negative) for s in scs.subscales] == [
        ("self_kindness", (5, 12, 19, 23, 26), False),
        ("self_judgment", (1, 8, 11, 16, 21), True),
        ("common_humanity", (3, 7, 10, 15), False),
        ("isolation", (4, 13, 18, 25), True),
        ("mindfulness", (9, 14, 17, 22), False),
        ("over_identification", (2, 6, 20, 24), True),
    ]
    assert scs.reversed_items == (1, 2, 4, 6, 8, 11, 13, 16, 18, 20, 21, 24, 25)
    assert scs.scoring == "mean_of_subscale_means"
    assert scs.reports_subscales


def test_scs_sf_subscales_and_reversed_items() -> None:
    short = instrument("scs-sf")
    assert {s.id: s.items for s in short.subscales} == {
        "self_kindness": (2, 6),
        "self_judgment": (11, 12),
        "common_humanity": (5, 10),
        "isolation": (4, 8),
        "mindfulness": (3, 7),
        "over_identification": (1, 9),
    }
    assert short.reversed_items == (1, 4, 8, 9, 11, 12)
    assert short.scoring == "mean_of_items"
    assert not short.reports_subscales


def test_wemwbs_and_swemwbs_reverse_nothing() -> None:
    assert instrument("wemwbs").reversed_items == ()
    assert instrument("swemwbs").reversed_items == ()
    assert instrument("wemwbs").subscales == ()


def test_swemwbs_is_seven_wemwbs_items() -> None:
    derived = instrument("swemwbs").derived_from
    assert derived is not None
    assert (derived.instrument, derived.items) == ("wemwbs", (1, 2, 3, 6, 7, 9, 11))


def test_swemwbs_conversion_table() -> None:
    assert dict(instrument("swemwbs").conversion or {}) == SWEMWBS_TABLE


def test_response_labels() -> None:
    # Self-compassion: the researcher form's end-point labels only (instruments.md 1.1).
    for instrument_id in ("scs", "scs-sf"):
        key = instrument(instrument_id)
        assert [o.label for o in key.responses] == [
            "Almost never",
            None,
            None,
            None,
            "Almost always",
        ]
        assert [o.display for o in key.responses] == [
            "1 = Almost never",
            "2",
            "3",
            "4",
            "5 = Almost always",
        ]
    for instrument_id in ("wemwbs", "swemwbs"):
        labels = [o.label for o in instrument(instrument_id).responses]
        assert labels == [
            "None of the time",
            "Rarely",
            "Some of the time",
            "Often",
            "All of the time",
        ]
    assert instrument("wemwbs").label(3) == "Some of the time"
    assert instrument("scs").label(3) is None


def test_required_copyright_lines() -> None:
    assert instrument("wemwbs").copyright == (
        "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS) © NHS Health Scotland, "
        "The University of Warwick and University of Edinburgh, 2006, all rights reserved."
    )
    assert instrument("swemwbs").copyright == (
        "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, "
        "University of Warwick and University of Edinburgh, 2008, all rights reserved."
    )
    assert instrument("scs").copyright is None
    assert instrument("scs-sf").copyright is None


def test_citations_and_licences() -> None:
    assert "Self and Identity, 2, 223-250" in instrument("scs").citation
    assert "doi:10.1002/cpp.702" in instrument("scs-sf").citation
    assert "Health and Quality of Life Outcomes, 5, 63" in instrument("wemwbs").citation
    assert "Health and Quality of Life Outcomes, 7, 15" in instrument("swemwbs").citation
    assert "for research or any other use" in instrument("scs").licence
    assert "for any purpose whatsoever" in instrument("scs-sf").licence
    for instrument_id in ("wemwbs", "swemwbs"):
        licence = instrument(instrument_id).licence
        assert "Non-Commercial Licence" in licence
        assert "Commercial Licence" in licence


def test_every_figure_has_a_source_and_says_what_it_is() -> None:
    for key in instruments():
        assert key.figures or key.id == "none"
        for figure in key.figures:
            source = key.source(figure.source)
            assert source.short.strip() and source.full.strip()
            assert figure.text.strip()
            assert figure.evidence in ("V", "V2", "C", "U")
        for text in (key.scoring_note, key.recall, key.name, key.short_name):
            assert text.strip()


def test_only_verified_figures_feed_results() -> None:
    for key in instruments():
        used = [
            key.change.sd,
            key.change.reliability,
            key.change.meaningful_lower,
            key.change.meaningful_upper,
        ]
        if key.very_low is not None:
            used += [key.very_low.mean, key.very_low.sd]
        assert all(f.evidence != "U" for f in used if f is not None)


def test_wemwbs_norms_reliability_and_meaningful_change() -> None:
    wemwbs = instrument("wemwbs")
    assert wemwbs.change.sd is not None and wemwbs.change.sd.value == 8.96
    assert wemwbs.change.sd.source == "S36"
    assert wemwbs.change.reliability is not None and wemwbs.change.reliability.value == 0.91
    assert wemwbs.change.reliable_threshold == pytest.approx(7.4508, abs=5e-5)
    assert wemwbs.change.meaningful_lower is not None
    assert wemwbs.change.meaningful_lower.value == 3.0
    assert wemwbs.change.meaningful_upper is None
    assert wemwbs.figure("mean_shes_2018").value == 49.4
    assert wemwbs.figure("retest_tennant_2007").value == 0.83


def test_wemwbs_very_low_is_non_diagnostic() -> None:
    very_low = instrument("wemwbs").very_low
    assert very_low is not None
    assert very_low.threshold == pytest.approx(40.44)
    assert "not a screening tool" in very_low.text
    assert "never as a label" in very_low.text
    assert instrument("wemwbs").bands is None  # no diagnostic bands


def test_swemwbs_meaningful_range_and_no_sd() -> None:
    swemwbs = instrument("swemwbs")
    lower, upper = swemwbs.change.meaningful_lower, swemwbs.change.meaningful_upper
    assert lower is not None and upper is not None
    assert (lower.value, upper.value) == (1.03, 2.87)  # 1 SEM and 2.77 SEM
    assert lower.source == upper.source == "S61"
    assert swemwbs.figure("sem_shah_2018").value == 1.03
    assert swemwbs.change.sd is None
    assert swemwbs.change.reliable_threshold is None
    # The German SD serves only the support pointer, never reliable change.
    assert swemwbs.very_low is not None
    assert swemwbs.very_low.sd.source == "S66"
    assert swemwbs.very_low_unavailable is None


def test_swemwbs_very_low_is_cited_and_non_diagnostic() -> None:
    swemwbs = instrument("swemwbs")
    very_low = swemwbs.very_low
    assert very_low is not None
    assert (very_low.mean.value, very_low.sd.value) == (24.79, 3.73)
    assert very_low.mean.evidence == very_low.sd.evidence == "V2"
    assert "doi:10.1007/s11136-024-03695-z" in swemwbs.source("S66").full
    assert "not a screening tool" in very_low.text
    assert "never a label" in very_low.text


@pytest.mark.parametrize("instrument_id", ["scs", "scs-sf"])
def test_self_compassion_has_no_cited_sd_and_says_so(instrument_id: str) -> None:
    key = instrument(instrument_id)
    assert key.change.sd is None
    assert not any(f.kind == "sd" for f in key.figures)
    assert key.change.reliability is not None  # ready for when an SD is cited
    assert (
        key.change.reliable_unavailable and "standard deviation" in key.change.reliable_unavailable
    )
    assert key.change.meaningful_unavailable


def test_scs_reliability_figures() -> None:
    scs = instrument("scs")
    assert scs.figure("alpha_spanish_2014").value == 0.87
    assert scs.figure("alpha_spanish_2014").n == 268
    assert scs.figure("retest_spanish_2014").value == 0.92
    assert scs.figure("alpha_neff_2003").evidence == "U"
    assert scs.figure("mean_typical").value == 3.0
    short = instrument("scs-sf")
    assert short.figure("alpha_raes_2011").value == 0.86
    assert short.figure("retest_spanish_2014").value == 0.89


def test_scs_bands() -> None:
    bands = instrument("scs").bands
    assert bands is not None
    assert (bands.cuts, bands.labels) == ((2.5, 3.5), ("low", "moderate", "high"))
    assert bands.source == "S4"
    assert instrument("scs-sf").bands is None
