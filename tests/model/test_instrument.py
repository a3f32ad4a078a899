"""The bundled instruments, and every validation error of the loader on small broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from avi_desktop.model.domain import LAYERS, PatternId
from avi_desktop.model.errors import InstrumentError
from avi_desktop.model.instrument import (
    TAGS,
    agreement_threshold_text,
    bundled_instrument,
    coverage_rule_text,
    fmt_agreement_threshold,
    fmt_coverage_rule,
    load_instrument,
    load_patterns,
)
from avi_desktop.paths import resource

PATTERNS = resource("instruments", "patterns.toml")


def test_bundled_instrument_content() -> None:
    instrument = bundled_instrument("1.0")
    assert (instrument.id, instrument.version) == ("avi-four-layer", "1.0")
    assert [spec.layer for spec in instrument.layers] == list(LAYERS)
    prefixes = {"technology": "TC", "leadership": "LA", "organisation": "OC", "trust": "ST"}
    for spec in instrument.layers:
        assert [item.id for item in spec.items] == [
            f"{prefixes[spec.layer.value]}-{n:02d}" for n in range(1, 11)
        ]
        assert spec.signals and spec.description and spec.title == spec.layer.label
        assert any(item.reverse for item in spec.items), spec.layer
        for item in spec.items:
            assert len(item.anchors) == 5 and all(item.anchors)
            assert item.text and item.help and item.weight > 0
            assert item.tags and set(item.tags) <= TAGS
    tags = [tag for item in instrument.items() for tag in item.tags]
    assert tags.count("coordination") >= 3
    assert tags.count("governance") + tags.count("ethics") >= 6
    assert set(instrument.patterns) == set(PatternId)
    assert instrument.patterns[PatternId.PILOT_TRAP].params["pilot_months"] == 6
    assert instrument.patterns[PatternId.AI_THEATRE].params["most"] == 0.5
    assert instrument.patterns[PatternId.VALUE_FRAGMENTATION].params["spread_points"] == 25
    assert all(rule.explanation for rule in instrument.patterns.values())
    assert bundled_instrument("1.0") is instrument  # cached
    # A reverse-keyed item is worded negatively and rated on agreement.
    assert instrument.item("TC-08").reverse
    assert instrument.item("TC-08").anchors[0] == "Strongly disagree"


ITEM = """
[[layers.{layer}.items]]
id = "{id}"
text = "Statement"
help = "Why"
anchors = ["a", "b", "c", "d", "e"]
weight = 1
tags = ["coordination"]
"""


def _valid_text() -> str:
    parts = ['id = "org"\nversion = "2"\ntitle = "Our instrument"\npatterns = "patterns.toml"\n']
    for layer in LAYERS:
        parts.append(f'[layers.{layer.value}]\ntitle = "{layer.label}"\n')
        for n in range(1, 4):
            parts.append(ITEM.format(layer=layer.value, id=f"{layer.value[:2].upper()}-{n}"))
    return "\n".join(parts)


def _write(tmp_path: Path, text: str) -> Path:
    shutil.copy(PATTERNS, tmp_path / "patterns.toml")
    path = tmp_path / "four_layer.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_valid_instrument_loads(tmp_path: Path) -> None:
    instrument = load_instrument(_write(tmp_path, _valid_text()))
    assert instrument.id == "org"
    assert len(instrument.items()) == 12
    assert instrument.item("TE-2").anchors == ("a", "b", "c", "d", "e")


BROKEN = [
    (
        lambda t: t.replace("weight = 1", "weight = -1", 4),
        "four_layer.toml: layers.technology.items[0].weight must be a positive number, got -1",
    ),
    (
        lambda t: t.replace("weight = 1", 'weight = "heavy"', 1),
        "layers.technology.items[0].weight must be a positive number, got 'heavy'",
    ),
    (lambda t: t.replace("weight = 1", "weight = 0", 1), "weight must be a positive number, got 0"),
    (
        lambda t: t.replace('"d", "e"]', '"d"]', 1),
        "layers.technology.items[0].anchors must hold exactly 5 anchors",
    ),
    (
        lambda t: t.replace('anchors = ["a", "b", "c", "d", "e"]\n', "", 1),
        "layers.technology.items[0].anchors are missing",
    ),
    (
        lambda t: t.replace('"a", "b"', '"", "b"', 1),
        "layers.technology.items[0].anchors must be a list of non-empty texts",
    ),
    (lambda t: t.replace('id = "TE-2"', 'id = "TE-1"'), "repeats item id 'TE-1'"),
    (lambda t: t.replace('id = "LE-1"', 'id = "TE-1"'), "layers.leadership.items[0].id repeats"),
    (
        lambda t: t.replace('tags = ["coordination"]', 'tags = ["vibes"]', 1),
        "layers.technology.items[0].tags has unknown tag 'vibes'",
    ),
    (
        lambda t: t.replace("weight = 1", "weight = 1\ncolour = 'red'", 1),
        "layers.technology.items[0].colour is not a known key",
    ),
    (lambda t: "author = 'x'\n" + t, "four_layer.toml: author is not a known key"),
    (lambda t: t.replace("[layers.trust]", "[layers.society]"), "layers.society is not a known"),
    (
        lambda t: t.split("[layers.trust]")[0],
        "layers.trust is missing; the instrument needs all four layers",
    ),
    (
        lambda t: t.split("[layers.trust]")[0] + "[layers.trust]\ntitle = 'T'\nitems = []\n",
        "layers.trust.items must list at least one item; the layer is empty",
    ),
    (lambda t: t.replace('id = "org"', 'id = "org'), "four_layer.toml: is not valid TOML"),
    (lambda t: t.replace('id = "org"\n', ""), "four_layer.toml: id must be a non-empty text"),
    (
        lambda t: t.replace('patterns = "patterns.toml"', 'patterns = "missing.toml"'),
        "missing.toml: the file does not exist",
    ),
    (
        lambda t: t.replace('patterns = "patterns.toml"', "patterns = 3"),
        "four_layer.toml: patterns must name a pattern file",
    ),
    (
        lambda t: t.replace('text = "Statement"', "text = ''", 1),
        "layers.technology.items[0].text must be a non-empty text",
    ),
    (
        lambda t: t.replace("weight = 1", "weight = 1\nreverse = 'yes'", 1),
        "layers.technology.items[0].reverse must be true or false, got 'yes'",
    ),
    (
        lambda t: t.replace('anchors = ["a", "b", "c", "d", "e"]', 'anchor_set = "agreement"', 1),
        "layers.technology.items[0].anchor_set must name one of anchor_sets",
    ),
    (
        lambda t: "min_answered_fraction = 1.5\n" + t,
        "min_answered_fraction must be a number above 0 and at most 1, got 1.5",
    ),
]


@pytest.mark.parametrize(("breakage", "message"), BROKEN)
def test_broken_instrument_names_file_and_key(
    tmp_path: Path, breakage: object, message: str
) -> None:
    text = breakage(_valid_text())  # type: ignore[operator]
    with pytest.raises(InstrumentError) as caught:
        load_instrument(_write(tmp_path, text))
    assert message in caught.value.message
    assert "\n" not in caught.value.message


def test_anchor_sets_are_shared_and_checked(tmp_path: Path) -> None:
    text = "anchor_sets.agreement = ['1', '2', '3', '4', '5']\n" + _valid_text().replace(
        'anchors = ["a", "b", "c", "d", "e"]', 'anchor_set = "agreement"', 1
    )
    instrument = load_instrument(_write(tmp_path, text))
    assert instrument.item("TE-1").anchors == ("1", "2", "3", "4", "5")
    bad = "anchor_sets.agreement = ['1', '2']\n" + _valid_text()
    with pytest.raises(InstrumentError, match=r"anchor_sets\.agreement must hold exactly 5"):
        load_instrument(_write(tmp_path, bad))


def test_missing_file_and_binary_file(tmp_path: Path) -> None:
    with pytest.raises(InstrumentError, match=r"nowhere\.toml: the file does not exist"):
        load_instrument(tmp_path / "nowhere.toml")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00id")
    with pytest.raises(InstrumentError, match=r"binary\.toml: is not UTF-8"):
        load_instrument(binary)


PATTERN_BREAKS = [
    (lambda t: t + "\n[hype_cycle]\nexplanation = 'x'\n", "hype_cycle is not a known pattern"),
    (lambda t: t.replace("pilot_months = 6", "pilot_months = -6"), "pilot_trap.pilot_months must"),
    (lambda t: t.replace("pilot_months = 6\n", ""), "pilot_trap.pilot_months is missing"),
    (lambda t: t.replace("most = 0.5", "most = 2"), "ai_theatre.most must be a number above 0"),
    (
        lambda t: t.replace('stages = ["proof_of_concept", "pilot"]', 'stages = ["beta"]'),
        "pilot_trap.stages has unknown value 'beta'",
    ),
    (
        lambda t: t.replace('tags = ["coordination"]', 'tags = ["teamwork"]'),
        "coordination_failure.tags has unknown value 'teamwork'",
    ),
    (
        lambda t: t.replace("below = 3.0\n", "below = 3.0\nabove = 1\n", 1),
        "coordination_failure.above is not a known key",
    ),
    (lambda t: t.split("[ethical_drift]")[0], "ethical_drift is missing"),
]


@pytest.mark.parametrize(("breakage", "message"), PATTERN_BREAKS)
def test_broken_pattern_file(tmp_path: Path, breakage: object, message: str) -> None:
    path = tmp_path / "patterns.toml"
    path.write_text(breakage(PATTERNS.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(InstrumentError) as caught:
        load_patterns(path)
    assert caught.value.message.startswith("patterns.toml: ")
    assert message in caught.value.message


def test_patterns_can_be_embedded(tmp_path: Path) -> None:
    embedded = "\n".join(
        line.replace("[", "[patterns.", 1) if line.startswith("[") else line
        for line in PATTERNS.read_text(encoding="utf-8").splitlines()
    )
    text = _valid_text().replace('patterns = "patterns.toml"\n', "") + "\n" + embedded
    text = text.replace("pilot_months = 6", "pilot_months = 9")
    path = tmp_path / "own.toml"
    path.write_text(text, encoding="utf-8")
    instrument = load_instrument(path)
    assert instrument.patterns[PatternId.PILOT_TRAP].params["pilot_months"] == 9
    broken = text.replace("[patterns.ai_theatre]", "[patterns.ai_circus]")
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"own\.toml: patterns\.ai_circus is not a known"):
        load_instrument(path)


def test_the_shared_formatter_prints_thresholds_as_the_texts_do() -> None:
    assert fmt_agreement_threshold(0.7) == "0.70"
    assert fmt_agreement_threshold(0.8) == "0.80"
    assert fmt_coverage_rule(0.6) == "60 %"
    assert fmt_coverage_rule(0.5) == "50 %"
    assert fmt_coverage_rule(0.675) == "67.5 %"
    assert (agreement_threshold_text(None), coverage_rule_text(None)) == ("0.70", "60 %")
