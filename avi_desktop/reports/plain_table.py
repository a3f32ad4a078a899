"""A long table of one-line cells drawn as one text object per page: the paper's full table.

``styles.data_table`` lays a table out with ReportLab's LongTable, which measures, positions and
draws every cell on its own (a 500-initiative paper's table of all initiatives has 5,000 cells
and took a fifth of the paper's layout). When every cell of a table fits its column on one line,
:func:`plain_table` draws the same table (same rows, rules, shading, fonts and places, the header
repeated on each page, split between the same rows) as one flowable; otherwise it returns
``data_table``'s table, which wraps long text.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.flowables import Flowable

from avi_desktop.reports.fonts import BOLD, FAMILY, register_fonts
from avi_desktop.reports.styles import (
    CELL_LEADING,
    CELL_PADDING,
    CELL_SIZE,
    HEADER_FILL,
    INK,
    RULE,
    data_table,
)

PAD_Y = 3.0  # data_table's top and bottom padding
ROW = CELL_LEADING + 2 * PAD_Y
HEADER_RULE, BODY_RULE = 0.8, 0.3


@lru_cache(maxsize=16_384)
def text_width(text: str, font: str, size: float) -> float:
    """``stringWidth``, remembered: a paper measures the same scores, bands and labels thousands
    of times, and ReportLab's pure-Python measuring was a tenth of its layout."""
    return float(stringWidth(text, font, size))


@lru_cache(maxsize=16_384)
def _origin(x: float, y: float) -> str:
    return f"1 0 0 1 {fp_str(x, y)} Tm"


class PlacedText(PDFTextObject):  # type: ignore[misc]
    """A text object of strings each placed where given (``place``), not advanced along a line.

    A table's cells and a section's lines fall on the same few places page after page, so the
    operator that places each is remembered rather than formatted afresh by ReportLab's
    pure-Python number formatting (the paper's most called function). The PDF is the same.
    """

    def setTextOrigin(self, x: float, y: float) -> None:
        if not self._canvas.bottomup:
            super().setTextOrigin(x, y)
            return
        self._code.append(_origin(x, y))
        self._x0 = self._x = x
        self._y0 = self._y = y

    def place(self, x: float, y: float, string: str) -> None:
        """``string`` drawn at (x, y); the cursor is not moved past it (no measuring)."""
        self.setTextOrigin(x, y)
        self._textOut(string)


def plain_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
) -> Any:
    """``data_table(header, rows, widths, numeric=numeric)``, drawn fast when every cell fits."""
    register_fonts()
    body = [[str(value) for value in row] for row in rows]
    rooms = [w - 2 * CELL_PADDING - 0.5 for w in widths]

    def fits(row: Sequence[str], font: str) -> bool:
        return all(
            "\n" not in value and text_width(value, font, CELL_SIZE) <= room
            for value, room in zip(row, rooms, strict=True)
        )

    if fits(header, BOLD) and all(fits(row, FAMILY) for row in body):
        return PlainTable(list(header), body, list(widths), frozenset(numeric))
    return data_table(header, rows, widths, numeric=numeric)


class PlainTable(Flowable):  # type: ignore[misc]
    """Rows of one-line strings under a header row, split between rows across pages."""

    def __init__(
        self, header: list[str], rows: list[list[str]], widths: list[float], numeric: frozenset[int]
    ) -> None:
        super().__init__()
        self.header, self.rows, self.widths, self.numeric = header, rows, widths, numeric
        self.width = sum(widths)
        self.height = ROW * (len(rows) + 1)
        self.hAlign = "CENTER"  # as a ReportLab table

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        fit = int(avail_height // ROW) - 1  # body rows under the header
        while fit > 0 and ROW * (fit + 1) > avail_height:
            fit -= 1  # as a table measures: whole rows, the header among them
        if fit <= 0 or fit >= len(self.rows):
            return []
        return [
            PlainTable(self.header, self.rows[:fit], self.widths, self.numeric),
            PlainTable(self.header, self.rows[fit:], self.widths, self.numeric),
        ]

    def draw(self) -> None:
        canvas = self.canv
        top, width = self.height, self.width
        canvas.saveState()
        canvas.setFillColor(Color(*HEADER_FILL))
        canvas.rect(0, top - ROW, width, ROW, stroke=0, fill=1)
        text = PlacedText(canvas)
        text.setFillColor(Color(*INK))
        for index, row in enumerate([self.header, *self.rows]):
            if index < 2:
                text.setFont(BOLD if index == 0 else FAMILY, CELL_SIZE, CELL_LEADING)
            font = BOLD if index == 0 else FAMILY
            baseline = top - index * ROW - PAD_Y - CELL_SIZE
            left = 0.0
            for column, (value, column_width) in enumerate(zip(row, self.widths, strict=True)):
                if column in self.numeric:
                    x = left + column_width - CELL_PADDING - text_width(value, font, CELL_SIZE)
                else:
                    x = left + CELL_PADDING
                if value:
                    text.place(x, baseline, value)
                left += column_width
        canvas.drawText(text)
        canvas.setLineCap(1)  # a table rule's round ends
        canvas.setStrokeColor(Color(*INK))
        canvas.setLineWidth(HEADER_RULE)
        canvas.line(0, top - ROW, width, top - ROW)
        canvas.setStrokeColor(Color(*RULE))
        canvas.setLineWidth(BODY_RULE)
        path = canvas.beginPath()
        for index in range(2, len(self.rows) + 2):
            y = top - index * ROW
            path.moveTo(0, y)
            path.lineTo(width, y)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()
