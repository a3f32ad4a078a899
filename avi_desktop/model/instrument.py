"""The questionnaire as data: typed view of an instrument TOML file.

The bundled four-layer instrument lives in ``resources/instruments/``; an organisation may load
its own file and the same scoring applies. Loading validates strictly (see ``load_instrument``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final

from avi_desktop.model.domain import (
    LAYERS,
    Layer,
    NecessityOutcome,
    PatternId,
    Stage,
    StakeholderGroup,
)
from avi_desktop.model.instrument_files import _Checker, _read_toml, _show
from avi_desktop.paths import resource

# The fixed tag vocabulary: patterns and filters look items up by these words.
TAGS: frozenset[str] = frozenset(
    {
        "governance",
        "coordination",
        "data",
        "adoption",
        "trust",
        "value-definition",
        "accountability",
        "ethics",
        "skills",
        "measurement",
        "communication",
        "scaling",
    }
)


@dataclass(frozen=True)
class Item:
    id: str  # stable, e.g. "TC-01"
    layer: Layer
    text: str
    help: str  # why it matters, grounded in the paper
    anchors: tuple[str, str, str, str, str]  # labels for scores 1..5
    weight: float = 1.0
    reverse: bool = False
    allow_na: bool = False
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class LayerSpec:
    layer: Layer
    title: str
    description: str
    signals: tuple[str, ...]  # the paper's misalignment signals for the layer
    items: tuple[Item, ...]
    # Signal text -> the items that measure it (instruments from version 2 on say which).
    signal_items: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class PatternRule:
    """Thresholds for one pattern, read from data next to the instrument."""

    pattern: PatternId
    explanation: str
    params: Mapping[str, float | int | str | tuple[str, ...]] = field(default_factory=dict)


# The 60 % rule and the agreement threshold of PRODUCT.md, unless an instrument file sets its own.
DEFAULT_MIN_ANSWERED_FRACTION: Final = 0.6
DEFAULT_LOW_AGREEMENT_RWG: Final = 0.7


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    title: str
    description: str
    layers: tuple[LayerSpec, ...]  # in LAYERS order
    patterns: Mapping[PatternId, PatternRule]
    min_answered_fraction: float = DEFAULT_MIN_ANSWERED_FRACTION
    low_agreement_rwg: float = DEFAULT_LOW_AGREEMENT_RWG
    # The items each pattern rule reads by role (see PATTERN_ITEMS), by item id.
    pattern_items: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def layer(self, layer: Layer) -> LayerSpec:
        return next(spec for spec in self.layers if spec.layer == layer)

    def items(self) -> tuple[Item, ...]:
        return tuple(item for spec in self.layers for item in spec.items)

    def item(self, item_id: str) -> Item:
        for item in self.items():
            if item.id == item_id:
                return item
        raise KeyError(item_id)


def fmt_agreement_threshold(rwg: float) -> str:
    """An r_wg threshold as every text prints it: 0.7 -> "0.70"."""
    return f"{rwg:.2f}"


def fmt_coverage_rule(fraction: float) -> str:
    """The share of a layer's items that must be scored, as printed: 0.6 -> "60 %"."""
    return f"{round(fraction * 100, 1):g} %"


def agreement_threshold_text(instrument: Instrument | None) -> str:
    """The instrument's low-agreement threshold as printed ("0.70"); the default without one."""
    rwg = DEFAULT_LOW_AGREEMENT_RWG if instrument is None else instrument.low_agreement_rwg
    return fmt_agreement_threshold(rwg)


def coverage_rule_text(instrument: Instrument | None) -> str:
    """The instrument's answered-items rule as printed ("60 %"); the default without one."""
    fraction = (
        DEFAULT_MIN_ANSWERED_FRACTION if instrument is None else instrument.min_answered_fraction
    )
    return fmt_coverage_rule(fraction)


# --------------------------------------------------------------------------- loading

BUNDLED_FILE = "four_layer.toml"  # version 1.0, kept for the assessments taken with it
# Every bundled version of the four-layer instrument, by version; new assessments use the newest.
BUNDLED_VERSIONS: Mapping[str, str] = {"1.0": "four_layer.toml", "2.0": "four_layer_v2.toml"}
NEWEST_VERSION: Final = "2.0"

# The roles a pattern rule gives to individual items; an instrument's [pattern_items] table
# names the items that play each role.
PATTERN_ITEMS: Mapping[str, str] = {
    "critical_governance": "Ethical Drift: bias audit, acceptable use, accountability",
    "value_definition": "Value Fragmentation: what value means and how success is measured",
    "conflicting_measures": "Value Fragmentation: a low answer says success measures conflict",
    "frontline_adoption": "Trust Ceiling: whether frontline teams use the system or reject it",
}

# The parameters each pattern reads, and what kind of value each must be. The rules in
# ``patterns.py`` use exactly these names; an unknown or missing one is an instrument error.
PATTERN_PARAMS: Mapping[PatternId, Mapping[str, str]] = {
    PatternId.PILOT_TRAP: {
        "stages": "stages",
        "pilot_months": "number",
        "developing_margin": "number",
    },
    PatternId.AI_THEATRE: {
        "min_initiatives": "number",
        "most": "fraction",
        "live_stages": "stages",
    },
    PatternId.VALUE_FRAGMENTATION: {
        "spread_points": "number",
        "low_agreement_rwg": "fraction",
        "conflict_at": "number",
    },
    PatternId.TRUST_CEILING: {
        "developing_margin": "number",
        "rejected_below": "number",
        "embraced_at": "number",
    },
    PatternId.COORDINATION_FAILURE: {
        "tags": "tags",
        "below": "number",
        "partner_exempt_stages": "stages",
    },
    PatternId.MOMENTUM_WITHOUT_DIRECTION: {
        "exempt_stages": "stages",
        "outcomes": "outcomes",
        "live_stages": "stages",
    },
    PatternId.ETHICAL_DRIFT: {
        "stages": "stages",
        "below": "number",
        "people_stages": "stages",
        "people_groups": "groups",
    },
}

_TOP_KEYS = frozenset(
    {
        "id",
        "version",
        "title",
        "description",
        "patterns",
        "min_answered_fraction",
        "low_agreement_rwg",
        "anchor_sets",
        "layers",
        "pattern_items",
    }
)
_SIGNAL_KEYS = frozenset({"text", "items"})
_LAYER_KEYS = frozenset({"title", "description", "signals", "items"})
_ITEM_KEYS = frozenset(
    {"id", "text", "help", "anchors", "anchor_set", "weight", "reverse", "allow_na", "tags"}
)


def _load_item(
    check: _Checker,
    raw: Any,
    key: str,
    layer: Layer,
    anchor_sets: Mapping[str, tuple[str, str, str, str, str]],
) -> Item:
    table = check.table(raw, key)
    check.keys(table, _ITEM_KEYS, key)
    item_id = check.text(table, "id", key)
    if "anchors" in table and "anchor_set" in table:
        raise check.fail(f"{key}.anchors", "and anchor_set cannot both be given; keep one")
    if "anchor_set" in table:
        name = table["anchor_set"]
        if not isinstance(name, str) or name not in anchor_sets:
            known = ", ".join(sorted(anchor_sets)) or "none defined"
            raise check.fail(
                f"{key}.anchor_set", f"must name one of anchor_sets ({known}), got {_show(name)}"
            )
        anchors = anchor_sets[name]
    else:
        anchors = _anchors(check, table.get("anchors"), f"{key}.anchors")
    weight = check.number(table.get("weight", 1.0), f"{key}.weight")
    tags = check.strings(table.get("tags", []), f"{key}.tags")
    for tag in tags:
        if tag not in TAGS:
            raise check.fail(
                f"{key}.tags", f"has unknown tag {tag!r} (known: {', '.join(sorted(TAGS))})"
            )
    return Item(
        id=item_id,
        layer=layer,
        text=check.text(table, "text", key),
        help=check.text(table, "help", key, required=False),
        anchors=anchors,
        weight=weight,
        reverse=check.boolean(table, "reverse", key),
        allow_na=check.boolean(table, "allow_na", key),
        tags=tags,
    )


def _anchors(check: _Checker, value: Any, key: str) -> tuple[str, str, str, str, str]:
    if value is None:
        raise check.fail(key, "are missing; give five anchors (for scores 1 to 5) or an anchor_set")
    anchors = check.strings(value, key)
    if len(anchors) != 5:
        raise check.fail(
            key, f"must hold exactly 5 anchors (for scores 1 to 5), got {len(anchors)}"
        )
    return (anchors[0], anchors[1], anchors[2], anchors[3], anchors[4])


def _load_layer(
    check: _Checker,
    raw: Any,
    layer: Layer,
    anchor_sets: Mapping[str, tuple[str, str, str, str, str]],
) -> LayerSpec:
    key = f"layers.{layer.value}"
    table = check.table(raw, key)
    check.keys(table, _LAYER_KEYS, key)
    raw_items = table.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise check.fail(f"{key}.items", "must list at least one item; the layer is empty")
    items = tuple(
        _load_item(check, raw_item, f"{key}.items[{n}]", layer, anchor_sets)
        for n, raw_item in enumerate(raw_items)
    )
    signals, signal_items = _signals(check, table.get("signals", []), f"{key}.signals", items)
    return LayerSpec(
        layer=layer,
        title=check.text(table, "title", key, required=False) or layer.label,
        description=check.text(table, "description", key, required=False),
        signals=signals,
        items=items,
        signal_items=signal_items,
    )


def _signals(
    check: _Checker, raw: Any, key: str, items: tuple[Item, ...]
) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """A layer's signals: plain texts, or tables naming the items of the layer that measure them."""
    if not isinstance(raw, list):
        raise check.fail(key, f"must be a list, got {_show(raw)}")
    texts: list[str] = []
    linked: dict[str, tuple[str, ...]] = {}
    known = {item.id for item in items}
    for n, entry in enumerate(raw):
        where = f"{key}[{n}]"
        if isinstance(entry, str) and entry.strip():
            texts.append(entry.strip())
            continue
        table = check.table(entry, where)
        check.keys(table, _SIGNAL_KEYS, where)
        text = check.text(table, "text", where)
        measured_by = check.strings(table.get("items", []), f"{where}.items")
        for item_id in measured_by:
            if item_id not in known:
                raise check.fail(f"{where}.items", f"names no item of the layer: {item_id!r}")
        texts.append(text)
        linked[text] = measured_by
    return tuple(texts), linked


def _load_patterns(
    check: _Checker, table: Mapping[str, Any], prefix: str
) -> dict[PatternId, PatternRule]:
    known = {pattern.value for pattern in PatternId}
    for name in table:
        if name not in known:
            where = f"{prefix}.{name}" if prefix else name
            raise check.fail(where, f"is not a known pattern (known: {', '.join(sorted(known))})")
    rules: dict[PatternId, PatternRule] = {}
    for pattern in PatternId:
        key = f"{prefix}.{pattern.value}" if prefix else pattern.value
        if pattern.value not in table:
            raise check.fail(
                key, "is missing; every one of the seven patterns needs its thresholds"
            )
        raw = check.table(table[pattern.value], key)
        spec = PATTERN_PARAMS[pattern]
        check.keys(raw, frozenset(spec) | {"explanation"}, key)
        params: dict[str, float | int | str | tuple[str, ...]] = {}
        for name, kind in spec.items():
            if name not in raw:
                raise check.fail(f"{key}.{name}", "is missing")
            params[name] = _param(check, raw[name], kind, f"{key}.{name}")
        rules[pattern] = PatternRule(
            pattern=pattern, explanation=check.text(raw, "explanation", key), params=params
        )
    return rules


def _param(check: _Checker, value: Any, kind: str, key: str) -> float | tuple[str, ...]:
    if kind == "number":
        return check.number(value, key)
    if kind == "fraction":
        return check.number(value, key, fraction=True)
    words = check.strings(value, key)
    vocabulary = {
        "stages": {s.value for s in Stage},
        "groups": {g.value for g in StakeholderGroup},
        "outcomes": {o.value for o in NecessityOutcome},
        "tags": set(TAGS),
    }[kind]
    for word in words:
        if word not in vocabulary:
            raise check.fail(
                key, f"has unknown value {word!r} (known: {', '.join(sorted(vocabulary))})"
            )
    return words


def load_patterns(path: Path) -> dict[PatternId, PatternRule]:
    """Read a pattern-thresholds TOML file on its own (the bundled one is ``patterns.toml``)."""
    path = Path(path)
    return _load_patterns(_Checker(path), _read_toml(path), "")


def load_instrument(path: Path | str) -> Instrument:
    """Read and strictly validate a four-layer instrument TOML file.

    Raises InstrumentError with a one-line message naming the file and the offending key, so a
    person editing an organisation's own instrument can find the mistake.
    """
    path = Path(path)
    data = _read_toml(path)
    check = _Checker(path)
    check.keys(data, _TOP_KEYS, "")
    anchor_sets: dict[str, tuple[str, str, str, str, str]] = {}
    for name, value in check.table(data.get("anchor_sets", {}), "anchor_sets").items():
        anchor_sets[name] = _anchors(check, value, f"anchor_sets.{name}")
    layers_table = check.table(data.get("layers"), "layers")
    check.keys(layers_table, frozenset(layer.value for layer in LAYERS), "layers")
    layers: list[LayerSpec] = []
    for layer in LAYERS:
        if layer.value not in layers_table:
            raise check.fail(
                f"layers.{layer.value}", "is missing; the instrument needs all four layers"
            )
        layers.append(_load_layer(check, layers_table[layer.value], layer, anchor_sets))
    seen: dict[str, str] = {}
    for spec in layers:
        for n, item in enumerate(spec.items):
            key = f"layers.{spec.layer.value}.items[{n}].id"
            if item.id in seen:
                raise check.fail(
                    key, f"repeats item id {item.id!r} (first used at {seen[item.id]})"
                )
            seen[item.id] = key
    raw_patterns = data.get("patterns")
    if isinstance(raw_patterns, str):
        pattern_path = path.parent / raw_patterns
        patterns = load_patterns(pattern_path)
    elif isinstance(raw_patterns, dict):
        patterns = _load_patterns(check, raw_patterns, "patterns")
    else:
        raise check.fail("patterns", "must name a pattern file or hold a [patterns] table")
    pattern_items = _pattern_items(check, data.get("pattern_items", {}), set(seen))
    return Instrument(
        pattern_items=pattern_items,
        id=check.text(data, "id", ""),
        version=check.text(data, "version", ""),
        title=check.text(data, "title", ""),
        description=check.text(data, "description", "", required=False),
        layers=tuple(layers),
        patterns=patterns,
        min_answered_fraction=check.number(
            data.get("min_answered_fraction", DEFAULT_MIN_ANSWERED_FRACTION),
            "min_answered_fraction",
            fraction=True,
        ),
        low_agreement_rwg=check.number(
            data.get("low_agreement_rwg", DEFAULT_LOW_AGREEMENT_RWG),
            "low_agreement_rwg",
            fraction=True,
        ),
    )


def _pattern_items(check: _Checker, raw: Any, known: set[str]) -> dict[str, tuple[str, ...]]:
    table = check.table(raw, "pattern_items")
    check.keys(table, frozenset(PATTERN_ITEMS), "pattern_items")
    found: dict[str, tuple[str, ...]] = {}
    for role, value in table.items():
        ids = check.strings(value, f"pattern_items.{role}")
        for item_id in ids:
            if item_id not in known:
                raise check.fail(f"pattern_items.{role}", f"names no item: {item_id!r}")
        found[role] = ids
    return found


def bundled_instrument(version: str = NEWEST_VERSION) -> Instrument:
    """A bundled version of the four-layer instrument (loaded once); the newest by default.

    New assessments use the newest; an assessment keeps the version it was taken with, so it
    scores exactly as it did (see ``bundled_version``).
    """
    return _bundled(version)


@cache
def _bundled(version: str) -> Instrument:
    return load_instrument(resource("instruments", BUNDLED_VERSIONS[version]))


def bundled_version(instrument_id: str, version: str) -> Instrument | None:
    """The bundled instrument with this id and version, or None when none ships with the app."""
    if version not in BUNDLED_VERSIONS:
        return None
    found = bundled_instrument(version)
    return found if found.id == instrument_id else None
