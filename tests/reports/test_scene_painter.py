"""The paper painter draws what the screen painter draws.

Each chart scene is painted by matplotlib (as the window shows it) and by ReportLab (as a
briefing prints it); both are rasterised at the same size and compared in blocks, a tolerance
that forgives anti-aliasing and hatch phase but not a missing hatch, a mirrored arc or lost text.
The printed page must also carry every word of the chart as text.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from avi_desktop.charts.export import render
from avi_desktop.charts.paint import scene_figure
from avi_desktop.charts.ring import ring_scene
from avi_desktop.charts.scene import Box, Scene, Shape, Text, Wedge
from avi_desktop.charts.trend import trend_scene
from avi_desktop.model.domain import LAYERS, Layer
from avi_desktop.model.results import HistoryPoint
from avi_desktop.reports.scene import SceneFlowable, paint_scene
from tests.charts.conftest import CURRENT, PREVIOUS, make_result

DPI = 144
BLOCK = 16  # pixels per side of the blocks compared: about 8 points
TOLERANCE = 8.5  # RMS grey levels; the same scene measures about 6.5 here, a lost hatch 9.9

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)


def _history() -> list[HistoryPoint]:
    from datetime import date

    rows = [
        (date(2025, 1, 15), (70.0, 40.0, 45.0, 25.0), 42.0),
        (date(2025, 6, 2), (78.0, 52.0, 63.5, 30.0), 52.1),
        (date(2025, 11, 20), (82.5, 58.2, 61.0, 41.0), 58.9),
        (date(2026, 4, 8), (84.0, 66.0, 70.5, None), None),
    ]
    return [
        HistoryPoint(f"a-{n}", when, f"Review {n}", dict(zip(LAYERS, values, strict=True)), index)
        for n, (when, values, index) in enumerate(rows)
    ]


def _scenes() -> dict[str, Scene]:
    result = make_result(CURRENT, low_agreement=frozenset({Layer.LEADERSHIP}))
    previous = make_result(PREVIOUS, assessment_id="a-previous")
    insufficient = dict(CURRENT)
    insufficient[Layer.ORGANISATION] = None  # type: ignore[assignment]
    return {
        "ring": ring_scene(result, title="Claims triage"),
        "comparison": ring_scene(result, variant="comparison", previous=previous),
        "items": ring_scene(result, variant="items"),
        "insufficient": ring_scene(make_result(insufficient)),
        "trend": trend_scene(_history(), title="Claims triage"),
    }


def _pdf(scene: Scene) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(scene.width_pt, scene.height_pt))
    paint_scene(canvas, scene)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _paper(scene: Scene, size: tuple[int, int]) -> Image.Image:
    png = subprocess.run(
        ["pdftoppm", "-scale-to-x", str(size[0]), "-scale-to-y", str(size[1]), "-png", "-"],
        input=_pdf(scene),
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("L")


def _screen(scene: Scene) -> Image.Image:
    return Image.open(io.BytesIO(render(scene_figure(scene), "png", dpi=DPI))).convert("L")


def _distance(a: Image.Image, b: Image.Image) -> float:
    size = (a.size[0] // BLOCK, a.size[1] // BLOCK)
    first = np.asarray(a.resize(size, Image.Resampling.BOX), dtype=float)
    second = np.asarray(b.resize(size, Image.Resampling.BOX), dtype=float)
    return float(np.sqrt(((first - second) ** 2).mean()))


def _altered(scene: Scene, change: Callable[[Shape], Shape | None]) -> Scene:
    altered = copy.deepcopy(scene)
    for panel in altered.panels:
        panel.shapes = [s for s in map(change, panel.shapes) if s is not None]
    return altered


@pytest.mark.parametrize("name", ["ring", "comparison", "items", "insufficient", "trend"])
def test_paper_matches_screen(name: str) -> None:
    scene = _scenes()[name]
    screen = _screen(scene)
    distance = _distance(screen, _paper(scene, screen.size))
    assert distance < TOLERANCE, f"{name}: {distance:.2f}"


def test_the_comparison_catches_a_painter_that_drops_or_misplaces_marks() -> None:
    scene = _scenes()["ring"]
    screen = _screen(scene)

    def no_hatch(shape: Shape) -> Shape:
        return dataclasses.replace(shape, hatch="") if isinstance(shape, Wedge | Box) else shape

    def mirrored(shape: Shape) -> Shape:
        if isinstance(shape, Wedge) and shape.theta2 - shape.theta1 < 360:
            return dataclasses.replace(shape, theta1=180 - shape.theta2, theta2=180 - shape.theta1)
        return shape

    def no_text(shape: Shape) -> Shape | None:
        return None if isinstance(shape, Text) else shape

    for change in (no_hatch, mirrored, no_text):
        broken = _paper(_altered(scene, change), screen.size)
        assert _distance(screen, broken) > TOLERANCE, change.__name__


def test_every_word_of_the_chart_is_printed_as_text(tmp_path: Path) -> None:
    for name, scene in _scenes().items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(_pdf(scene))
        printed = subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        # Spaces go: text set along a steep curve comes back from pdftotext letter by letter.
        letters = "".join(printed.split())
        for text in scene.texts():
            for line in text.split("\n"):
                assert "".join(line.split()) in letters, f"{name}: {line!r}"


def test_flowable_keeps_the_chart_shape_and_fits_the_height_it_is_given() -> None:
    scene = _scenes()["ring"]
    wide = SceneFlowable(scene, 480.0)
    assert wide.wrap(500, 800) == pytest.approx((480.0, 480.0 * 0.7))
    short = SceneFlowable(scene, 480.0, max_height_pt=200.0)
    assert short.height == pytest.approx(200.0)
    assert short.width == pytest.approx(200.0 / 0.7)
