"""History trend: four layers and the alignment index across assessment dates."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from avi_desktop.charts.scene import Line, Text, panel_box
from avi_desktop.charts.trend import trend_figure, trend_scene
from avi_desktop.model.domain import LAYERS, Layer
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.results import HistoryPoint


def test_one_line_per_layer_plus_index_with_distinct_styles(history: list[HistoryPoint]) -> None:
    fig = trend_figure(history)
    ax = fig.axes[0]
    lines = {line.get_gid(): line for line in ax.lines if line.get_gid()}
    layer_lines = [lines[f"trend-{layer.value}"] for layer in LAYERS]
    assert len({line.get_linestyle() for line in layer_lines}) == 4
    assert len({line.get_marker() for line in layer_lines}) == 4
    index_line = lines["trend-alignment-index"]
    assert index_line.get_linewidth() > max(line.get_linewidth() for line in layer_lines)
    # Societal Trust has no score in the last assessment: the line stops, it does not drop to 0.
    assert len(lines["trend-trust"].get_xdata()) == 3  # type: ignore[arg-type]
    assert list(lines["trend-technology"].get_ydata()) == [70.0, 78.0, 82.5, 84.0]  # type: ignore[arg-type]
    legend = {t.get_text() for t in fig.legends[0].get_texts()}
    assert legend == {layer.label for layer in LAYERS} | {"Alignment index"}


def test_dates_on_the_x_axis_spaced_by_time(history: list[HistoryPoint]) -> None:
    fig = trend_figure(list(reversed(history)))  # input order does not matter
    ax = fig.axes[0]
    ticks = list(ax.get_xticks())
    days = [(p.assessed_on - history[0].assessed_on).days for p in history]
    assert [t - ticks[0] for t in ticks] == days
    labels = [ax.xaxis.get_major_formatter()(t, i) for i, t in enumerate(ticks)]
    assert labels == ["15 Jan 2025", "2 Jun 2025", "20 Nov 2025", "8 Apr 2026"]


def test_latest_values_and_target_are_written(history: list[HistoryPoint]) -> None:
    fig = trend_figure(
        history, target={layer: 70.0 if layer is Layer.TRUST else 75.0 for layer in LAYERS}
    )
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "TC 84.0" in texts and "LA 66.0" in texts
    assert "ST 41.0 (20 Nov 2025)" in texts  # its line stops early: the label says when
    assert "target 70 / 75" in texts
    assert any(t.startswith("Index ") for t in texts)


def test_no_points_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="score the initiative first"):
        trend_figure([])


def test_a_single_assessment_still_draws(history: list[HistoryPoint]) -> None:
    fig = trend_figure(history[:1])
    left, right = fig.axes[0].get_xlim()
    assert right - left > 30


def test_axes_keep_their_margins_in_points_when_a_window_resizes_the_figure(
    history: list[HistoryPoint],
) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = trend_figure(history)
    FigureCanvasAgg(fig)
    ax = fig.axes[0]
    fig.canvas.draw()
    before = ax.get_window_extent().frozen()
    fig.set_size_inches(9.0, 3.0)  # wider and shorter, as a docked pane might be
    fig.canvas.draw()
    after = ax.get_window_extent().frozen()
    # Left and bottom margins (room for tick labels and the legend) stay the same in pixels.
    assert after.x0 == pytest.approx(before.x0, abs=1)
    assert after.y0 == pytest.approx(before.y0, abs=1)
    assert after.width > before.width


@pytest.mark.parametrize(("width_in", "min_font"), [(6.0, 0.0), (5.5, 7.5), (3.5, 0.0)])
def test_end_labels_never_overlap_one_another_or_a_target_line(
    history: list[HistoryPoint], width_in: float, min_font: float
) -> None:
    # Close values (TC/LA/index near each other and near the target) would collide if drawn
    # where the lines end; they share one column right of the lines, spaced a label apart.
    close = [
        dataclasses.replace(
            p,
            layer_scores={layer: 74.0 + i for i, layer in enumerate(LAYERS)},
            alignment_index=75.5,
        )
        for p in history
    ]
    scene = trend_scene(close, 75.0, width_in=width_in, min_font=min_font)
    panel = scene.panels[0]
    _, _, _, height_pt = panel_box(scene, panel)
    per_point = (panel.ylim[1] - panel.ylim[0]) / height_pt
    labels = [s for s in panel.shapes if isinstance(s, Text)]
    assert len(labels) == 6  # four layers, the index and the target
    assert all(label.size >= min_font for label in labels)
    column = {label.x for label in labels}
    assert len(column) == 1
    (label_x,) = column
    ys = sorted(label.y for label in labels)
    for low, high in itertools.pairwise(ys):
        assert (high - low) / per_point >= 1.2 * labels[0].size  # a text height apart at least
    targets = [s for s in panel.shapes if isinstance(s, Line) and s.gid == ""]
    assert targets and all(max(t.xs) <= label_x for t in targets)


@pytest.mark.parametrize("size_in", [(6.0, 3.72), (4.5, 2.6), (8.0, 3.0)])
def test_end_labels_do_not_overlap_when_the_window_resizes_the_chart(
    history: list[HistoryPoint], size_in: tuple[float, float]
) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    close = [
        dataclasses.replace(
            p,
            layer_scores={layer: 73.0 + i for i, layer in enumerate(LAYERS)},
            alignment_index=74.5,
        )
        for p in history
    ]
    fig = trend_figure(close, 75.0)
    fig.set_size_inches(*size_in)  # as the window does when the pane is resized
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
    assert len(boxes) == 6
    for a, b in itertools.combinations(boxes, 2):
        assert a.y1 <= b.y0 + 0.5 or b.y1 <= a.y0 + 0.5, (a, b)  # stacked, never overlapping
