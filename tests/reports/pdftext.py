"""Reading briefings back: text per page with pdftotext, structure and metadata with pypdf."""

from __future__ import annotations

import math
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

BASE14 = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}


def page_texts(path: Path, password: str | None = None) -> list[str]:
    """Each page's text in content order (pdftotext -raw: table cells read row by row)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; run scripts/qt-system-deps.sh")
    with pikepdf.open(path, password=password or "") as pdf:  # pypdf needs extras for AES
        pages = len(pdf.pages)
    texts = []
    for number in range(1, pages + 1):
        command = ["pdftotext", "-raw", "-f", str(number), "-l", str(number)]
        if password:
            command += ["-upw", password]
        out = subprocess.run(
            [*command, str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        texts.append(out)
    return texts


def squeeze(text: str) -> str:
    """Whitespace collapsed, so words split over table cells still read as one phrase."""
    return " ".join(text.split())


def fonts(path: Path) -> list[dict[str, object]]:
    """Every font dictionary used on any page (including descendants of composite fonts)."""
    found: dict[str, dict[str, object]] = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        font_dict = resources.get_object().get("/Font")
        if font_dict is None:
            continue
        for ref in font_dict.get_object().values():
            font = ref.get_object()
            found[str(font.get("/BaseFont"))] = font
    return list(found.values())


def printed_sizes(path: Path) -> list[tuple[int, float, str]]:
    """Every piece of text with the size it prints at: (page, points, text).

    The size is the font size scaled by the text matrix and the current transformation (a
    chart drawn smaller than its own size prints its text smaller too), as pypdf reports them.
    """
    found: list[tuple[int, float, str]] = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        on_page: list[tuple[float, str]] = []
        page.extract_text(visitor_text=_size_visitor(on_page))
        found += [(number, size, text) for size, text in on_page]
    return found


def _size_visitor(into: list[tuple[float, str]]) -> Callable[..., None]:
    """A pypdf text visitor that appends (printed size, text) to ``into``."""

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            a, b, c, d = _times(tm, cm)[:4]
            into.append((size * math.sqrt(abs(a * d - b * c)), text.strip()))

    return visit


def _times(m: list[float], n: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f] (m applied first)."""
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
