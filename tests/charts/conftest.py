"""Hand-built results for the chart tests, so charts are tested without the scoring engine."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from statistics import mean, variance
from typing import TYPE_CHECKING

import pytest

from avi_desktop.model.domain import LAYERS, Band, Layer, StakeholderGroup
from avi_desktop.model.instrument import Instrument, Item, LayerSpec
from avi_desktop.model.results import (
    AssessmentResult,
    HistoryPoint,
    ItemResult,
    LayerResult,
    RespondentLayerScore,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CODES = {
    Layer.TECHNOLOGY: "TC",
    Layer.LEADERSHIP: "LA",
    Layer.ORGANISATION: "OC",
    Layer.TRUST: "ST",
}
ITEMS_PER_LAYER = {Layer.TECHNOLOGY: 5, Layer.LEADERSHIP: 6, Layer.ORGANISATION: 5, Layer.TRUST: 6}
RESPONDENTS = (
    ("r1", StakeholderGroup.BOARDS),
    ("r2", StakeholderGroup.CEOS),
    ("r3", StakeholderGroup.CTOS_CIOS),
    ("r4", StakeholderGroup.EMPLOYEES),
    ("r5", StakeholderGroup.BOARDS),
)


def band_for(score: float | None, target: float) -> Band | None:
    if score is None:
        return None
    if score >= target:
        return Band.ALIGNED
    return Band.DEVELOPING if score >= target - 20 else Band.GAP


def make_layer(
    layer: Layer,
    score: float | None,
    *,
    target: float = 75.0,
    rwg: float | None = 0.82,
    sd: float | None = 9.5,
    n: int = 5,
) -> LayerResult:
    return LayerResult(
        layer=layer,
        score=score,
        target=target,
        gap=None if score is None else max(0.0, target - score),
        band=band_for(score, target),
        sd=sd if score is not None else None,
        rwg=rwg if score is not None else None,
        n=n if score is not None else 0,
        insufficient=score is None,
        low_agreement=rwg is not None and score is not None and rwg < 0.70,
    )


def _item_scores(layer_index: int, item_index: int) -> tuple[float, ...]:
    """Deterministic, varied scores: some items agree, some split the room."""
    base = 1 + (layer_index * 3 + item_index * 2) % 4
    spread = (item_index + layer_index) % 3
    return tuple(float(min(5, max(1, base + ((r * spread) % 3) - spread // 2))) for r in range(5))


def make_result(
    scores: Mapping[Layer, float | None],
    *,
    assessment_id: str = "a-current",
    target: float = 75.0,
    low_agreement: frozenset[Layer] = frozenset(),
    with_items: bool = True,
) -> AssessmentResult:
    layers = {
        layer: make_layer(
            layer, scores[layer], target=target, rwg=0.55 if layer in low_agreement else 0.82
        )
        for layer in LAYERS
    }
    items: dict[str, ItemResult] = {}
    if with_items:
        for li, layer in enumerate(LAYERS):
            for ii in range(ITEMS_PER_LAYER[layer]):
                item_id = f"{CODES[layer]}-{ii + 1:02d}"
                values = () if (layer, ii) == (Layer.TRUST, 5) else _item_scores(li, ii)
                items[item_id] = ItemResult(
                    item_id=item_id,
                    layer=layer,
                    scores=values,
                    n_not_applicable=5 - len(values),
                    n_unanswered=0,
                    mean=mean(values) if values else None,
                    variance=variance(values) if len(values) > 1 else None,
                )
    valid = [s for s in scores.values() if s is not None]
    index = None
    if len(valid) == 4:
        product = 1.0
        for s in valid:
            product *= s / 100
        index = 100 * product**0.25
    scored = {layer: s for layer, s in scores.items() if s is not None}
    binding = min(scored, key=lambda k: scored[k]) if scored else None
    respondent_scores = tuple(
        RespondentLayerScore(
            respondent_id=rid,
            layer=layer,
            score=None
            if scores[layer] is None
            else max(0.0, min(100.0, scores[layer] + (r - 2) * 7.5)),  # type: ignore[operator]
            answered=4,
            items=ITEMS_PER_LAYER[layer],
        )
        for r, (rid, _group) in enumerate(RESPONDENTS)
        for layer in LAYERS
    )
    split = {
        StakeholderGroup.BOARDS: {k: (None if v is None else v - 6) for k, v in scores.items()},
        StakeholderGroup.CEOS: {k: (None if v is None else v + 9) for k, v in scores.items()},
        StakeholderGroup.CTOS_CIOS: {k: (None if v is None else v + 2) for k, v in scores.items()},
        StakeholderGroup.EMPLOYEES: {k: (None if v is None else v - 12) for k, v in scores.items()},
    }
    return AssessmentResult(
        assessment_id=assessment_id,
        instrument_id="four-layer",
        instrument_version="1.0",
        respondents=len(RESPONDENTS),
        layers=layers,
        alignment_index=index,
        binding_layer=binding,
        respondent_scores=respondent_scores,
        items=items,
        stakeholder_split=split,
        value_spread={k: (None if v is None else 21.0) for k, v in scores.items()},
    )


CURRENT = {
    Layer.TECHNOLOGY: 82.5,
    Layer.LEADERSHIP: 58.2,
    Layer.ORGANISATION: 61.0,
    Layer.TRUST: 41.0,
}
PREVIOUS = {
    Layer.TECHNOLOGY: 78.0,
    Layer.LEADERSHIP: 52.0,
    Layer.ORGANISATION: 63.5,
    Layer.TRUST: 30.0,
}


@pytest.fixture
def result() -> AssessmentResult:
    """A workshop result with all three bands and one low-agreement layer."""
    return make_result(CURRENT, low_agreement=frozenset({Layer.LEADERSHIP}))


@pytest.fixture
def previous_result() -> AssessmentResult:
    return make_result(PREVIOUS, assessment_id="a-previous")


@pytest.fixture
def insufficient_result() -> AssessmentResult:
    scores: dict[Layer, float | None] = dict(CURRENT)
    scores[Layer.ORGANISATION] = None
    return make_result(scores)


@pytest.fixture
def result_factory() -> Callable[..., AssessmentResult]:
    return make_result


@pytest.fixture
def groups() -> dict[str, StakeholderGroup]:
    return dict(RESPONDENTS)


@pytest.fixture
def instrument() -> Instrument:
    """A small hand-built instrument matching the result's item ids."""
    specs = []
    for layer in LAYERS:
        items = tuple(
            Item(
                id=f"{CODES[layer]}-{i + 1:02d}",
                layer=layer,
                text=f"{layer.label} statement {i + 1}",
                help="",
                anchors=("Absent", "Emerging", "Partial", "Largely", "Fully in place"),
            )
            for i in range(ITEMS_PER_LAYER[layer])
        )
        specs.append(
            LayerSpec(layer=layer, title=layer.label, description="", signals=(), items=items)
        )
    return Instrument(
        id="four-layer",
        version="1.0",
        title="Four-layer test instrument",
        description="",
        layers=tuple(specs),
        patterns={},
    )


@pytest.fixture
def history() -> list[HistoryPoint]:
    rows = [
        (date(2025, 1, 15), (70.0, 40.0, 45.0, 25.0)),
        (date(2025, 6, 2), (78.0, 52.0, 63.5, 30.0)),
        (date(2025, 11, 20), (82.5, 58.2, 61.0, 41.0)),
        (date(2026, 4, 8), (84.0, 66.0, 70.5, None)),
    ]
    points = []
    for number, (when, values) in enumerate(rows):
        scores = dict(zip(LAYERS, values, strict=True))
        valid = [v for v in values if v is not None]
        index = None
        if len(valid) == 4:
            product = 1.0
            for v in valid:
                product *= v / 100
            index = 100 * product**0.25
        points.append(
            HistoryPoint(
                assessment_id=f"a-{number}",
                assessed_on=when,
                title=f"Assessment {number + 1}",
                layer_scores=scores,
                alignment_index=index,
            )
        )
    return points


BASELINE_DIR = Path(__file__).parent / "baseline"
BASELINE_DPI = 80
BASELINE_TOLERANCE = 3.0
UPDATE_ENV = "AVI_UPDATE_BASELINES"


def compare_with_baseline(fig: Figure, name: str, out_dir: Path, baseline_dir: Path) -> None:
    """Fail unless ``fig`` matches the committed baseline PNG within the tolerance.

    A missing or outdated baseline is only ever (re)written when AVI_UPDATE_BASELINES=1 is set.
    """
    from matplotlib.testing.compare import compare_images

    from avi_desktop.charts.export import save_figure

    actual = save_figure(fig, out_dir / f"{name}.png", dpi=BASELINE_DPI)
    expected = baseline_dir / f"{name}.png"
    if os.environ.get(UPDATE_ENV) == "1":
        baseline_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(actual, expected)
        return
    if not expected.exists():
        pytest.fail(
            f"No baseline {expected.name}; review {actual} and rerun with {UPDATE_ENV}=1 to "
            "accept it."
        )
    problem = compare_images(str(expected), str(actual), tol=BASELINE_TOLERANCE)
    if problem is not None:
        pytest.fail(f"{name} differs from its baseline: {problem}")


@pytest.fixture
def matches_baseline(tmp_path: Path) -> Callable[[Figure, str], None]:
    def check(fig: Figure, name: str) -> None:
        compare_with_baseline(fig, name, tmp_path, BASELINE_DIR)

    return check
