"""Writing charts: formats, byte-for-byte determinism, safe writes and vector drawings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Image

from avi_desktop.charts.export import figure_drawing, figure_svg, flatten_hatches, save_figure
from avi_desktop.charts.ring import ring_figure
from avi_desktop.model.errors import ExportError
from avi_desktop.model.results import AssessmentResult

MAGIC = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_format_follows_the_suffix_and_output_is_deterministic(
    result: AssessmentResult, tmp_path: Path, suffix: str
) -> None:
    fig = ring_figure(result)
    first = save_figure(fig, tmp_path / f"one{suffix}").read_bytes()
    second = save_figure(ring_figure(result), tmp_path / f"TWO{suffix.upper()}").read_bytes()
    assert first.startswith(MAGIC[suffix])
    assert first == second
    assert b"CreationDate" not in first and b"Matplotlib v" not in first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"one{suffix}", f"TWO{suffix.upper()}"]
    )


def test_unknown_suffix_is_refused(result: AssessmentResult, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"\.png, \.svg or \.pdf"):
        save_figure(ring_figure(result), tmp_path / "chart.jpg")


def test_missing_folder_is_a_clear_error(result: AssessmentResult, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        save_figure(ring_figure(result), tmp_path / "nowhere" / "chart.png")


def test_failed_write_keeps_the_old_file_and_leaves_no_debris(
    result: AssessmentResult, tmp_path: Path
) -> None:
    blocker = tmp_path / "chart.png"
    blocker.mkdir()  # a folder where the file should go: the rename must fail
    (blocker / "keep.txt").write_text("old", encoding="utf-8")
    with pytest.raises(ExportError, match="Cannot write"):
        save_figure(ring_figure(result), blocker)
    assert (blocker / "keep.txt").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def _shapes(node: object) -> list[object]:
    found = [node]
    if isinstance(node, Group | Drawing):
        for child in node.contents:
            found += _shapes(child)
    return found


def test_drawing_is_vector_scaled_and_keeps_the_hatches(
    result: AssessmentResult, tmp_path: Path
) -> None:
    fig = ring_figure(result)
    svg = figure_svg(fig)
    assert b"fill: url(#h" in svg  # matplotlib writes hatches as patterns...
    flat = flatten_hatches(svg)
    assert b"fill: url(" not in flat and b"<pattern" not in flat  # ...which become plain shapes
    assert flat.count(b"hatch-clip-") > 10
    drawing = figure_drawing(fig, 300)
    assert drawing.width == pytest.approx(300)
    assert drawing.height == pytest.approx(300 * fig.get_figheight() / fig.get_figwidth())
    assert not any(isinstance(shape, Image) for shape in _shapes(drawing))
    wide = figure_drawing(fig, 600)
    assert wide.height == pytest.approx(2 * drawing.height)
    pdf = tmp_path / "drawing.pdf"
    renderPDF.drawToFile(drawing, str(pdf))
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"/Subtype /Image" not in data
    assert b"DejaVuSans" in data  # the chart's own font, embedded
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Societal Trust" in text and "58.2 / 75" in text  # text stays searchable text


def test_importing_charts_does_not_import_matplotlib() -> None:
    code = (
        "import sys, avi_desktop.charts, avi_desktop.charts.export, avi_desktop.cli.charts;"
        "bad = [m for m in ('matplotlib', 'reportlab', 'svglib', 'PySide6') if m in sys.modules];"
        "sys.exit(repr(bad) if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
