"""Chart scenes: the description both painters share, checked against matplotlib's own rules."""

from __future__ import annotations

import matplotlib
import pytest
from matplotlib.colors import to_rgb

from avi_desktop.charts.paint import scene_figure
from avi_desktop.charts.ring import ring_scene
from avi_desktop.charts.scene import Scene, hatch_counts, panel_box
from avi_desktop.charts.style import ITEM_CMAP, colour_at, item_colour
from avi_desktop.model.results import AssessmentResult


def test_item_shades_follow_matplotlibs_colour_map() -> None:
    cmap = matplotlib.colormaps[ITEM_CMAP]
    for step in range(101):
        fraction = step / 100
        ours = to_rgb(item_colour(fraction))
        theirs = cmap(fraction)[:3]
        assert max(abs(a - b) for a, b in zip(ours, theirs, strict=True)) <= 5 / 255, fraction


def test_colour_at_interpolates_between_stops_and_clamps() -> None:
    stops = ("#000000", "#FF0000", "#FFFFFF")
    assert colour_at(stops, 0.0) == "#000000"
    assert colour_at(stops, 0.25) == "#800000"
    assert colour_at(stops, 0.5) == "#FF0000"
    assert colour_at(stops, 1.0) == colour_at(stops, 7.0) == "#FFFFFF"
    assert colour_at(stops, -1.0) == "#000000"


@pytest.mark.parametrize("rect", [(0.01, 0.15, 0.54, 0.78), (0.1, 0.1, 0.2, 0.8)])
def test_equal_aspect_panels_sit_where_matplotlib_puts_them(
    result: AssessmentResult, rect: tuple[float, float, float, float]
) -> None:
    scene = Scene(6.0, 4.2)
    panel = scene.panel(rect, xlim=(-4, 4), ylim=(-3, 5), equal=True)
    fig = scene_figure(scene)
    ax = fig.axes[0]
    ax.apply_aspect()
    box = ax.get_position()
    expected = (
        box.x0 * scene.width_pt,
        box.y0 * scene.height_pt,
        box.width * scene.width_pt,
        box.height * scene.height_pt,
    )
    assert panel_box(scene, panel) == pytest.approx(expected, abs=1e-6)


def test_a_hatch_the_paper_cannot_draw_is_refused_not_dropped() -> None:
    # Line patterns are checked against matplotlib in tests/reports/test_scene_painter.py.
    assert hatch_counts("xx") == {"/": 12, "\\": 12}
    with pytest.raises(ValueError, match=r"'\.o'"):
        hatch_counts("/o.")


def test_ring_scene_is_plain_data_carrying_every_figure(
    result: AssessmentResult,
) -> None:
    scene = ring_scene(result)
    texts = scene.texts()
    assert "TC 82.5" in texts and "LA 58.2 ▲" in texts
    assert any("58.2 / 75 · gap 16.8 · Developing" in t for t in texts)
    assert "Score: aligned" in texts  # the legend
    kinds = {type(shape).__module__ for panel in scene.panels for shape in panel.shapes}
    assert kinds == {"avi_desktop.charts.scene"}
