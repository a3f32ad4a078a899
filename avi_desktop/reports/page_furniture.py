"""Page furniture of every briefing: header and footer, "Page x of y", and the watermark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from avi_desktop.reports.document_spec import CopyInfo, DocumentSpec
from avi_desktop.reports.fonts import BOLD, FAMILY
from avi_desktop.reports.styles import INK, MUTED, RULE

PAGE_MARGIN_MM = 18.0


def numbered_canvas(decorate: Callable[[Any, int, int], None]) -> Any:
    """A canvas class that holds pages back until the end, so each can say 'Page x of y'."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                decorate(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


NAMED_ON_EVERY_PAGE = frozenset({"Questionnaire"})  # kinds a respondent fills in by hand


def decorate_page(canvas: Any, number: int, total: int, spec: DocumentSpec, copy: CopyInfo) -> None:
    """Header and footer: classification top and bottom, title, copy line, id, page x of y."""
    from reportlab.lib.colors import Color
    from reportlab.lib.units import mm

    width, height = canvas._pagesize
    left = PAGE_MARGIN_MM * mm
    right = width - PAGE_MARGIN_MM * mm
    ink = Color(*INK)
    muted = Color(*MUTED)
    canvas.saveState()
    # Header: classification centred and bold, the title on the left.
    top = height - 11 * mm
    canvas.setFillColor(ink)
    canvas.setFont(BOLD, 9)
    canvas.drawCentredString(width / 2, top, copy.classification)
    canvas.setFillColor(muted)
    canvas.setFont(FAMILY, 7.5)
    # The title and kind share what the centred label leaves free on each side.
    side = (right - left) / 2 - canvas.stringWidth(copy.classification, BOLD, 9) / 2 - 12
    title = _title_lines(canvas, spec.title, side)
    heights = (top,) if len(title) == 1 else (top + 4, top - 4.5)
    for line, y in zip(title, heights, strict=True):
        canvas.drawString(left, y, line)
    canvas.drawRightString(right, top, _fit(canvas, spec.kind, FAMILY, 7.5, side))
    canvas.setStrokeColor(Color(*RULE))
    canvas.setLineWidth(0.5)
    canvas.line(left, top - 2.5 * mm, right, top - 2.5 * mm)
    # Footer: rule, copy line and id on the left, page x of y on the right, label centred below.
    base = 9 * mm
    canvas.line(left, base + 8 * mm, right, base + 8 * mm)
    canvas.setFillColor(muted)
    canvas.setFont(FAMILY, 7.5)
    left_text = f"Document {copy.document_id}"
    if copy.copy_line:
        left_text = f"{copy.copy_line} · {left_text}"
    canvas.drawString(left, base + 4 * mm, left_text)
    canvas.drawRightString(right, base + 4 * mm, f"Page {number} of {total}")
    if spec.kind in NAMED_ON_EVERY_PAGE and not copy.copy_line and number > 1:
        # A blank questionnaire's pages come apart once filled in: each asks for the name again.
        canvas.drawString(width / 2 - 20 * mm, base + 4 * mm, "Name or code:")
        start = width / 2 - 20 * mm + canvas.stringWidth("Name or code: ", FAMILY, 7.5)
        canvas.line(start, base + 3.5 * mm, start + 45 * mm, base + 3.5 * mm)
    canvas.setFillColor(ink)
    canvas.setFont(BOLD, 9)
    canvas.drawCentredString(width / 2, base, copy.classification)
    canvas.restoreState()


def _title_lines(canvas: Any, title: str, width: float) -> list[str]:
    """The running title in one line, or two broken between words; cut only past two lines."""
    if canvas.stringWidth(title, FAMILY, 7.5) <= width:
        return [title]
    words = title.split()
    first: list[str] = []
    while words and canvas.stringWidth(" ".join([*first, words[0]]), FAMILY, 7.5) <= width:
        first.append(words.pop(0))
    if not first:  # one word wider than the room: it can only be cut
        return [_fit(canvas, title, FAMILY, 7.5, width)]
    rest = " ".join(words)
    if canvas.stringWidth(rest, FAMILY, 7.5) > width:
        rest = _fit_words(canvas, rest, width)
    return [" ".join(first), rest]


def _fit_words(canvas: Any, value: str, width: float) -> str:
    """``value`` cut at a word boundary, with an ellipsis, to fit ``width`` points."""
    words = value.split()
    while len(words) > 1 and canvas.stringWidth(" ".join(words) + "…", FAMILY, 7.5) > width:
        words.pop()
    kept = " ".join(words)
    if canvas.stringWidth(kept + "…", FAMILY, 7.5) > width:
        return _fit(canvas, value, FAMILY, 7.5, width)
    return kept.rstrip(" —–-:,") + "…"


def _fit(canvas: Any, value: str, font: str, size: float, width: float) -> str:
    """``value`` shortened with an ellipsis to fit ``width`` points."""
    if canvas.stringWidth(value, font, size) <= width:
        return value
    while value and canvas.stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value + "…"


def draw_watermark(canvas: Any, pagesize: tuple[float, float], label: str) -> None:
    """A light, translucent diagonal label across the page."""
    from reportlab.lib.colors import Color

    width, height = pagesize
    canvas.saveState()
    canvas.setFillColor(Color(0.5, 0.5, 0.53, alpha=0.16))
    size = 64.0
    diagonal = (width**2 + height**2) ** 0.5 * 0.8
    while size > 18 and canvas.stringWidth(label, BOLD, size) > diagonal:
        size -= 4
    canvas.setFont(BOLD, size)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45 if width < height else 30)
    canvas.drawCentredString(0, -size / 3, label)
    canvas.restoreState()
