"""The nested-ring gap diagram: what is drawn, what is written, and how it prints."""

from __future__ import annotations

import dataclasses
import io
import math
from collections.abc import Callable

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Wedge
from PIL import Image, ImageStat

from avi_desktop.charts.export import render
from avi_desktop.charts.ring import ring_figure, ring_radii, score_angle
from avi_desktop.charts.style import GAP_HATCH, INSUFFICIENT_HATCH
from avi_desktop.model.domain import LAYERS, Band, Layer
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.results import AssessmentResult, fmt_score


def patches_by_gid(fig: Figure) -> dict[str, Wedge]:
    return {
        str(p.get_gid()): p
        for ax in fig.axes
        for p in ax.patches
        if isinstance(p, Wedge) and p.get_gid() is not None
    }


def all_text(fig: Figure) -> str:
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [t.get_text() for t in ax.texts]
    for legend in fig.legends:
        texts += [t.get_text() for t in legend.get_texts()]
    return "\n".join(texts)


def test_four_rings_from_technology_at_the_centre_outwards(result: AssessmentResult) -> None:
    fig = ring_figure(result)
    wedges = patches_by_gid(fig)
    for index, layer in enumerate(LAYERS):
        track = wedges[f"track-{layer.value}"]
        inner, outer = ring_radii(index)
        assert track.r == pytest.approx(outer)
        assert track.width == pytest.approx(outer - inner)
    radii = [wedges[f"track-{layer.value}"].r for layer in LAYERS]
    assert radii == sorted(radii) and len(set(radii)) == 4


def test_score_arc_is_the_score_share_of_a_full_turn(result: AssessmentResult) -> None:
    wedges = patches_by_gid(ring_figure(result))
    for layer in LAYERS:
        score = result.layers[layer].score
        assert score is not None
        arc = wedges[f"score-{layer.value}"]
        assert arc.theta2 == pytest.approx(90.0)
        assert arc.theta2 - arc.theta1 == pytest.approx(3.6 * score)


def test_gap_is_hatched_between_score_and_target_only_where_there_is_one(
    result: AssessmentResult,
) -> None:
    wedges = patches_by_gid(ring_figure(result))
    assert "gap-technology" not in wedges  # 82.5 is above the target of 75
    for layer in (Layer.LEADERSHIP, Layer.ORGANISATION, Layer.TRUST):
        gap = wedges[f"gap-{layer.value}"]
        layer_result = result.layers[layer]
        assert layer_result.score is not None
        assert gap.get_hatch() == GAP_HATCH
        assert gap.theta2 == pytest.approx(score_angle(layer_result.score))
        assert gap.theta1 == pytest.approx(score_angle(layer_result.target))


def test_bands_differ_by_hatch_as_well_as_shade(result: AssessmentResult) -> None:
    wedges = patches_by_gid(ring_figure(result))
    hatches = {
        result.layers[layer].band: wedges[f"score-{layer.value}"].get_hatch() for layer in LAYERS
    }
    assert set(hatches) == set(Band)
    assert len({hatches[band] or "" for band in Band}) == 3


def test_target_tick_sits_at_the_target_angle(result: AssessmentResult) -> None:
    fig = ring_figure(result)
    lines = {line.get_gid(): line for ax in fig.axes for line in ax.lines}
    for layer in LAYERS:
        line = lines[f"target-{layer.value}"]
        xs = np.asarray(line.get_xdata(), dtype=float)
        ys = np.asarray(line.get_ydata(), dtype=float)
        angle = math.degrees(math.atan2(float(ys[1]), float(xs[1])))
        assert angle % 360 == pytest.approx(score_angle(75.0) % 360)


def test_every_figure_is_written_per_layer(result: AssessmentResult) -> None:
    text = all_text(ring_figure(result))
    assert "58.2 / 75 · gap 16.8 · Developing" in text
    assert "82.5 / 75 · gap 0.0 · Aligned" in text
    assert "41.0 / 75 · gap 34.0 · Gap" in text
    assert "agreement 0.55 ▲ low · SD 9.5 · n = 5" in text
    assert "agreement 0.82" in text
    for layer in LAYERS:
        assert layer.label in text
    assert f"Alignment index {fmt_score(result.alignment_index)}" in text
    assert "Binding layer: Societal Trust" in text
    assert "LA 58.2 ▲" in text  # the low-agreement marker on the ring itself


def test_legend_explains_every_mark(result: AssessmentResult) -> None:
    fig = ring_figure(result)
    assert len(fig.legends) == 1
    labels = {t.get_text() for t in fig.legends[0].get_texts()}
    assert {"Gap to target", "Target", "Insufficient data", "Score: gap"} <= labels
    assert "Low agreement (below 0.70)" in labels


def test_insufficient_layer_is_drawn_and_labelled_distinctly(
    insufficient_result: AssessmentResult,
) -> None:
    fig = ring_figure(insufficient_result)
    wedges = patches_by_gid(fig)
    assert "score-organisation" not in wedges
    ring = wedges["insufficient-organisation"]
    assert ring.get_hatch() == INSUFFICIENT_HATCH
    assert ring.theta2 - ring.theta1 == pytest.approx(360.0)
    text = all_text(fig)
    assert "OC · insufficient data" in text
    assert "Insufficient data · target 75" in text
    assert "Alignment index — (a layer lacks a score)" in text


def test_items_variant_has_one_segment_per_item(
    result: AssessmentResult, instrument: Instrument
) -> None:
    fig = ring_figure(result, instrument=instrument, variant="items")
    wedges = patches_by_gid(fig)
    segments = [gid for gid in wedges if gid.startswith("item-")]
    assert len(segments) == len(instrument.items()) == 22
    for spec in instrument.layers:
        sweep = sum(
            wedges[f"item-{item.id}"].theta2 - wedges[f"item-{item.id}"].theta1
            for item in spec.items
        )
        assert sweep == pytest.approx(360.0)
    text = all_text(fig)
    item = result.items["LA-02"]
    assert item.mean is not None
    assert f"LA-02 {item.mean:.1f}" in text
    assert "ST-06 n/a" in text  # an item nobody scored
    assert wedges["item-ST-06"].get_hatch() == INSUFFICIENT_HATCH
    # Shade follows the item mean: a higher mean is lighter (cividis).
    low, high = wedges["item-TC-01"], wedges["item-LA-01"]
    assert result.items["TC-01"].mean == 1.0 and result.items["LA-01"].mean == 4.6
    assert sum(low.get_facecolor()[:3]) < sum(high.get_facecolor()[:3])  # type: ignore[arg-type]


def test_items_variant_without_an_instrument_orders_items_by_id(result: AssessmentResult) -> None:
    wedges = patches_by_gid(ring_figure(result, variant="items"))
    assert sum(1 for gid in wedges if gid.startswith("item-")) == len(result.items)
    assert wedges["item-TC-01"].theta2 == pytest.approx(90.0)


def test_comparison_shows_previous_outline_and_change(
    result: AssessmentResult, previous_result: AssessmentResult
) -> None:
    fig = ring_figure(result, variant="comparison", previous=previous_result)
    wedges = patches_by_gid(fig)
    outline = wedges["previous-trust"]
    assert not outline.get_fill()
    assert outline.theta2 - outline.theta1 == pytest.approx(3.6 * 30.0)
    text = all_text(fig)
    assert "ST 41.0 (+11.0)" in text
    assert "previously 63.5 · change -2.5" in text
    assert "Previous score" in text


def test_comparison_without_previous_is_refused_with_a_way_forward(
    result: AssessmentResult,
) -> None:
    with pytest.raises(ValidationError, match="earlier assessment"):
        ring_figure(result, variant="comparison")
    with pytest.raises(ValidationError, match="Unknown ring variant"):
        ring_figure(result, variant="pie")  # type: ignore[arg-type]


def test_title_and_width(result: AssessmentResult) -> None:
    fig = ring_figure(result, title="Claims triage", width_in=4.0)
    assert fig.get_figwidth() == pytest.approx(4.0)
    assert "Claims triage" in all_text(fig)


def _mean_grey(image: Image.Image, centre: tuple[int, int], radius: int = 3) -> float:
    x, y = centre
    box = image.crop((x - radius, y - radius, x + radius + 1, y + radius + 1))
    return float(ImageStat.Stat(box).mean[0])


def test_band_shades_stay_apart_in_greyscale(
    result_factory: Callable[..., AssessmentResult],
) -> None:
    scores = {
        Layer.TECHNOLOGY: 90.0,  # aligned
        Layer.LEADERSHIP: 65.0,  # developing
        Layer.ORGANISATION: 40.0,  # gap
        Layer.TRUST: 90.0,
    }
    fig = ring_figure(result_factory(scores))
    ring_ax = fig.axes[0]
    png = render(fig, "png", dpi=fig.dpi)
    grey = Image.open(io.BytesIO(png)).convert("L")
    height = grey.size[1]
    shades = {}
    for index, layer in enumerate(LAYERS[:3]):
        inner, outer = ring_radii(index)
        angle = math.radians(score_angle(20.0))  # well inside the arc, clear of the label
        middle = (inner + outer) / 2
        x, y = ring_ax.transData.transform((middle * math.cos(angle), middle * math.sin(angle)))
        shades[layer] = _mean_grey(grey, (round(x), round(height - y)))
    aligned, developing, gap = (shades[layer] for layer in LAYERS[:3])
    assert min(abs(aligned - developing), abs(developing - gap), abs(aligned - gap)) > 25


def test_ring_key_follows_the_instruments_thresholds(
    insufficient_result: AssessmentResult, instrument: Instrument
) -> None:
    default = all_text(ring_figure(insufficient_result, instrument=instrument))
    assert "Low agreement (below 0.70)" in default
    assert "under 60 % of items scored" in default
    strict = dataclasses.replace(instrument, low_agreement_rwg=0.8, min_answered_fraction=0.5)
    text = all_text(ring_figure(insufficient_result, instrument=strict))
    assert "Low agreement (below 0.80)" in text and "0.70" not in text
    assert "under 50 % of items scored" in text and "60 %" not in text


@pytest.mark.parametrize("variant", ["layer", "items"])
def test_every_variant_names_the_instruments_agreement_threshold(
    result: AssessmentResult, instrument: Instrument, variant: str
) -> None:
    strict = dataclasses.replace(instrument, low_agreement_rwg=0.85)
    text = all_text(ring_figure(result, instrument=strict, variant=variant))  # type: ignore[arg-type]
    assert "Low agreement (below 0.85)" in text
