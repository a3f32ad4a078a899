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
import itertools
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from avi_desktop.charts.export import render
from avi_desktop.charts.heatmap import HeatmapEntry, heatmap_scene
from avi_desktop.charts.paint import scene_figure
from avi_desktop.charts.ring import ring_scene
from avi_desktop.charts.scene import Box, Line, Marker, Scene, Shape, Text, Wedge
from avi_desktop.charts.trend import trend_scene
from avi_desktop.model.domain import LAYERS, Band, Layer
from avi_desktop.model.results import HistoryPoint
from avi_desktop.reports.scene import SceneFlowable, paint_scene
from tests.charts.conftest import CURRENT, PREVIOUS, make_result

DPI = 144
BLOCK = 16  # pixels per side of the blocks compared: about 8 points
TOLERANCE = 5.5  # RMS grey levels; the same scene measures 2.8-4.2 here

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


def _long_history() -> list[HistoryPoint]:
    """A dozen quarterly reviews, so the dates are set at an angle."""
    from datetime import date

    return [
        HistoryPoint(
            f"q-{n}",
            date(2023 + n // 4, 1 + 3 * (n % 4), 15),
            f"Quarter {n}",
            {layer: min(100.0, 20.0 + 6 * n + 5 * i) for i, layer in enumerate(LAYERS)},
            min(100.0, 30.0 + 5 * n),
        )
        for n in range(12)
    ]


def _scenes() -> dict[str, Scene]:
    result = make_result(CURRENT, low_agreement=frozenset({Layer.LEADERSHIP}))
    previous = make_result(PREVIOUS, assessment_id="a-previous")
    insufficient = dict(CURRENT)
    insufficient[Layer.ORGANISATION] = None  # type: ignore[assignment]
    extremes = {**CURRENT, Layer.TECHNOLOGY: 100.0, Layer.TRUST: 0.0}
    unscored = [
        HistoryPoint(p.assessment_id, p.assessed_on, p.title, dict.fromkeys(LAYERS), None)
        for p in _history()[:2]
    ]
    return {
        "ring": ring_scene(result, title="Claims triage"),
        "comparison": ring_scene(result, variant="comparison", previous=previous),
        "items": ring_scene(result, variant="items"),
        "insufficient": ring_scene(make_result(insufficient)),
        "extremes": ring_scene(
            make_result(extremes),
            variant="comparison",
            previous=make_result({**PREVIOUS, Layer.TRUST: 0.0}),
        ),
        "trend": trend_scene(_history(), title="Claims triage"),
        "long trend": trend_scene(_long_history()),
        "unscored trend": trend_scene(unscored),
        "heatmap": heatmap_scene(_heatmap_rows(), title="Portfolio"),
    }


def _heatmap_rows() -> list[HeatmapEntry]:
    """Every band and a row without scores, one name long enough to wrap."""
    looks = [
        ("Claims triage", (Band.ALIGNED, Band.DEVELOPING, Band.GAP, Band.GAP), 56.1),
        ("CV screening for contact-centre hiring in the regions", (Band.GAP,) * 4, 30.2),
        ("Unscored idea", (None,) * 4, None),
    ]
    return [
        HeatmapEntry(
            name,
            "Pilot",
            {
                layer: None if band is None else 60.0
                for layer, band in zip(LAYERS, bands, strict=True)
            },
            dict(zip(LAYERS, bands, strict=True)),
            index,
        )
        for name, bands, index in looks
    ]


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


@pytest.mark.parametrize("name", list(_scenes()))
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


def _operators(scene: Scene) -> list[tuple[str, list[Any]]]:
    """The page's drawing operators, with their operands."""
    import pikepdf

    with pikepdf.open(io.BytesIO(_pdf(scene))) as pdf:
        return [
            (str(instruction.operator), list(instruction.operands))
            for instruction in pikepdf.parse_content_stream(pdf.pages[0])
            if isinstance(instruction, pikepdf.ContentStreamInstruction)
        ]


def _one_inch(*shapes: Shape) -> Scene:
    scene = Scene(1.0, 1.0)
    scene.panel((0.0, 0.0, 1.0, 1.0), xlim=(0.0, 72.0), ylim=(0.0, 72.0)).add(*shapes)
    return scene


def _segments(ops: list[tuple[str, list[Any]]]) -> list[tuple[float, float, float, float]]:
    """Every straight segment drawn as ``x y m x y l``."""
    return [
        (float(start[0]), float(start[1]), float(end[0]), float(end[1]))
        for (first, start), (second, end) in itertools.pairwise(ops)
        if first == "m" and second == "l"
    ]


@pytest.mark.parametrize("hatch", ["/", "\\", "//", "xx", "--", "|"])
def test_hatch_lines_match_matplotlibs_pattern(hatch: str) -> None:
    """Within one inch, the printed hatch lines are matplotlib's: same slopes, same offsets."""
    from matplotlib.hatch import get_path

    tile = get_path(hatch)  # the pattern on a unit square, as matplotlib tiles it per inch
    expected = set()
    vertices = np.asarray(tile.vertices, dtype=float).tolist()
    for (x0, y0), (x1, y1) in zip(vertices[0::2], vertices[1::2], strict=True):
        if abs(x1 - x0) < 1e-9:
            expected.add(("|", round(72 * x0, 3)))
        elif abs(y1 - y0) < 1e-9:
            expected.add(("-", round(72 * y0, 3)))
        else:
            slope = (y1 - y0) / (x1 - x0)
            expected.add(("/" if slope > 0 else "\\", round(72 * (y0 - slope * x0), 3)))
    box = Box(0.0, 0.0, 72.0, 72.0, "#FFFFFF", "#000000", hatch=hatch)
    printed = set()
    for x0, y0, x1, y1 in _segments(_operators(_one_inch(box))):
        if x0 == x1:
            printed.add(("|", round(x0, 3)))
        elif y0 == y1:
            printed.add(("-", round(y0, 3)))
        else:
            slope = (y1 - y0) / (x1 - x0)
            printed.add(("/" if slope > 0 else "\\", round(y0 - slope * x0, 3)))

    def inside(lines: set[tuple[str, float]]) -> set[tuple[str, float]]:
        """Lines that cross the open square (an intercept on its edge only touches it)."""
        return {
            (kind, c)
            for kind, c in lines
            if (kind in "-|" and 0 < c < 72)
            or (kind == "/" and -72 < c < 72)
            or (kind == "\\" and 0 < c < 144)
        }

    assert inside(printed) == inside(expected)


@pytest.mark.parametrize("marker", ["s", "^", "D", "X"])
def test_markers_have_matplotlibs_shape_and_size(marker: Marker) -> None:
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    corners = np.asarray(path.vertices, dtype=float).tolist()
    expected = {(round(36 + 10 * x, 3), round(36 + 10 * y, 3)) for x, y in corners}
    ops = _operators(_one_inch(Line((36.0,), (36.0,), marker=marker, markersize=10.0)))
    printed = {
        (round(float(operands[0]), 3), round(float(operands[1]), 3))
        for operator, operands in ops
        if operator in {"m", "l"}
    }
    assert printed == expected


def test_dashes_have_flat_ends_and_solid_lines_square_ones_as_in_matplotlib() -> None:
    for dash, cap in (("--", 0), ("-", 2)):
        line = Line((10.0, 60.0), (36.0, 36.0), linewidth=2.0, dash=dash)
        ops = _operators(_one_inch(line))
        caps = [int(operands[0]) for operator, operands in ops if operator == "J"]
        assert caps[-1] == cap, dash
        dashes = [operands for operator, operands in ops if operator == "d"]
        if dash == "--":
            assert [float(v) for v in dashes[-1][0]] == pytest.approx([7.4, 3.2])
        else:
            assert not dashes


def test_legend_fills_columns_first_as_matplotlib_does(tmp_path: Path) -> None:
    from avi_desktop.charts.scene import Legend, LegendEntry

    scene = Scene(6.0, 2.0)
    entries = tuple(LegendEntry(f"Key{n}", "patch", face="#0072B2") for n in range(1, 8))
    scene.legends.append(Legend(entries, anchor=(0.01, 0.0), columns=4, size=8.0))
    path = tmp_path / "legend.pdf"
    path.write_bytes(_pdf(scene))
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    import re

    boxes = {
        word: (float(x), float(y))
        for x, y, word in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(Key\d)<', html)
    }
    assert len(boxes) == 7
    # numpy's array_split of 7 into 4 columns: 2, 2, 2, 1.
    columns = [("Key1", "Key2"), ("Key3", "Key4"), ("Key5", "Key6"), ("Key7",)]
    lefts = [boxes[column[0]][0] for column in columns]
    assert lefts == sorted(lefts) and len(set(lefts)) == 4
    for column in columns:
        assert {boxes[key][0] for key in column} == {boxes[column[0]][0]}
        tops = [boxes[key][1] for key in column]
        assert tops == sorted(tops)  # down the column
