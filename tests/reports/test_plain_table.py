"""The paper's long table of one-line cells, drawn fast: the same pages as ``data_table``'s."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from avi_desktop.reports.fonts import BOLD, FAMILY, register_fonts
from avi_desktop.reports.plain_table import PlacedText, PlainTable, plain_table, text_width
from avi_desktop.reports.styles import data_table, para, styles
from tests.reports.pdftext import page_texts

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)

HEADER = ["Initiative", "Stage", "Score", "Band"]
WIDTHS = [160.0, 110.0, 60.0, 120.0]
ROWS = [[f"Initiative {n:03d}", "Proof of concept", f"{n / 3:.1f}", "Gap"] for n in range(130)]


def _pages(table: Any) -> tuple[list[str], list[np.ndarray]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.pdf"
        story = [para("All initiatives", styles().h1), table]
        SimpleDocTemplate(str(path), pagesize=A4).build(story)
        png = subprocess.run(
            ["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", str(path)],
            capture_output=True,
            check=True,
        ).stdout
        first = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=int)
        return page_texts(path), [first]


def test_one_line_cells_print_as_the_long_table_prints_them() -> None:
    fast = plain_table(HEADER, ROWS, WIDTHS, numeric=(2,))
    assert isinstance(fast, PlainTable)
    fast_texts, [fast_first] = _pages(fast)
    slow_texts, [slow_first] = _pages(data_table(HEADER, ROWS, WIDTHS, numeric=(2,)))
    assert len(fast_texts) == len(slow_texts) > 2  # split between the same rows
    for fast_page, slow_page in zip(fast_texts, slow_texts, strict=True):
        assert fast_page.split() == slow_page.split()
        assert " ".join(HEADER) in " ".join(fast_page.split())  # the header on every page
    assert (fast_first < 128).sum() > 5000  # text was drawn, so the comparison can fail
    assert np.abs(fast_first - slow_first).max() == 0


def test_a_cell_that_would_wrap_leaves_the_table_to_data_table() -> None:
    rows = [
        *ROWS[:3],
        ["A name far too long for its column to hold on one line", "Idea", "1", "Gap"],
    ]
    assert not isinstance(plain_table(HEADER, rows, WIDTHS), PlainTable)


def test_placed_text_writes_what_reportlab_writes(tmp_path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    canvas = Canvas(str(tmp_path / "placed.pdf"))
    placed, plain = PlacedText(canvas), canvas.beginText()
    for font, x, y, string in (
        (FAMILY, 10.0, 20.5, "Index"),
        (BOLD, 10.25, 700.125, "46.2 gap"),
        (BOLD, 10.25, 700.125, "the same place again"),
        (FAMILY, 0.0, 1e-9, "Ünïcode · 0.333333333"),
    ):
        placed.setFont(font, 8)
        plain.setFont(font, 8)
        placed.place(x, y, string)
        plain.setTextOrigin(x, y)
        plain._textOut(string)
        assert text_width(string, font, 8) == stringWidth(string, font, 8)
    assert placed.getCode() == plain.getCode()
