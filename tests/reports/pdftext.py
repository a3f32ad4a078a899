"""Reading briefings back: text per page with pdftotext, structure and metadata with pypdf."""

from __future__ import annotations

import shutil
import subprocess
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
