"""The questionnaire as data: typed view of an instrument TOML file.

The bundled four-layer instrument lives in ``resources/instruments/``; an organisation may load
its own file and the same scoring applies. Loading validates strictly (see ``load_instrument``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from avi_desktop.model.domain import Layer, PatternId


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


@dataclass(frozen=True)
class PatternRule:
    """Thresholds for one pattern, read from data next to the instrument."""

    pattern: PatternId
    explanation: str
    params: Mapping[str, float | int | str | tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    title: str
    description: str
    layers: tuple[LayerSpec, ...]  # in LAYERS order
    patterns: Mapping[PatternId, PatternRule]
    min_answered_fraction: float = 0.6
    low_agreement_rwg: float = 0.7

    def layer(self, layer: Layer) -> LayerSpec:
        return next(spec for spec in self.layers if spec.layer == layer)

    def items(self) -> tuple[Item, ...]:
        return tuple(item for spec in self.layers for item in spec.items)

    def item(self, item_id: str) -> Item:
        for item in self.items():
            if item.id == item_id:
                return item
        raise KeyError(item_id)
