"""Window layouts of the ring and the trend: at any width, no text under the size asked for,
none cut at the figure's edges, none drawn over another (measured on the rendered figure)."""

from __future__ import annotations

from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from avi_desktop.charts.ring_flow import ring_flow_scene, ring_pane_figure
from avi_desktop.charts.scene import Text as SceneText
from avi_desktop.charts.trend import trend_figure
from avi_desktop.model.results import AssessmentResult, HistoryPoint

FONT = 8.0
EMS = [24, 30, 40, 48, 56, 72]  # the pane's width in characters of its small font


def problems(figure: Figure, font: float) -> list[str]:
    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    box = figure.bbox
    texts = [
        (t.get_text(), float(t.get_fontsize()), t.get_window_extent(renderer))
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]
    found = [f"{text!r} at {size} pt" for text, size, _ in texts if size < font - 1e-6]
    found += [
        f"{text!r} cut"
        for text, _, b in texts
        if b.x0 < -1 or b.x1 > box.width + 1 or b.y0 < -1 or b.y1 > box.height + 1
    ]
    for n, (a, _, one) in enumerate(texts):
        for b, _, other in texts[n + 1 :]:
            if min(one.x1, other.x1) - max(one.x0, other.x0) > 1 and (
                min(one.y1, other.y1) - max(one.y0, other.y0) > 1
            ):
                found.append(f"{a!r} overlaps {b!r}")
    return found


@pytest.mark.parametrize("ems", EMS)
@pytest.mark.parametrize("compare", [False, True], ids=["layer", "comparison"])
def test_the_ring_reads_at_every_width(
    ems: int, compare: bool, result: AssessmentResult, previous_result: AssessmentResult
) -> None:
    width = ems * FONT / 72
    figure = ring_pane_figure(
        result, previous=previous_result if compare else None, width_in=width, font_pt=FONT
    )
    assert figure.get_figwidth() == pytest.approx(width)
    assert problems(figure, FONT) == []


def test_the_key_goes_below_the_rings_when_a_pane_is_narrow(result: AssessmentResult) -> None:
    def key_left(ems: int) -> float:
        scene = ring_flow_scene(result, width_in=ems * FONT / 72, font_pt=FONT)
        words = scene.panels[-1]
        return min(s.x for s in words.shapes if isinstance(s, SceneText)) / scene.width_pt

    assert key_left(30) == 0.0  # below, from the left edge
    assert key_left(56) > 0.3  # beside the rings
    assert ring_flow_scene(result, width_in=3.0, font_pt=FONT).height_in > 6.0  # taller


@pytest.mark.parametrize("ems", EMS)
def test_the_trend_reads_at_every_width(ems: int, history: list[HistoryPoint]) -> None:
    figure = trend_figure(history, width_in=ems * FONT / 72, min_font=FONT)
    assert problems(figure, FONT) == []


def test_the_measure_finds_what_it_should(result: AssessmentResult) -> None:
    figure: Any = ring_pane_figure(result, width_in=5.0, font_pt=FONT)
    figure.text(0.5, 0.5, "tiny", fontsize=4)
    figure.text(0.99, 0.5, "past the edge", fontsize=10)
    found = problems(figure, FONT)
    assert any("'tiny' at 4" in p for p in found)
    assert any("'past the edge' cut" in p for p in found)
