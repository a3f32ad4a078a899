"""The committee paper's sections one initiative at a time: drawn as plain strings where every
line fits, they print exactly what the paragraph layout prints, pixel for pixel."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass

import numpy as np
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from avi_desktop.model.domain import Layer, PatternId, Stage
from avi_desktop.model.results import AssessmentResult, PatternHit
from avi_desktop.reports.common import MM
from avi_desktop.reports.portfolio_entries import EntrySection, entry_section, paragraph_section
from tests.charts.conftest import CURRENT, make_result
from tests.reports.pdftext import page_texts

WIDTH = 174 * MM

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)


@dataclass(frozen=True)
class Entry:
    initiative_id: str
    name: str
    stage: Stage
    business_unit: str
    business_owner: str
    latest: AssessmentResult | None
    patterns: tuple[PatternHit, ...]


def hit(pattern: PatternId) -> PatternHit:
    return PatternHit(pattern, pattern.label, (), "")


SCORED = Entry(
    "i1",
    "Claims triage assistant",
    Stage.PILOT,
    "Claims",
    "Dana Whitfield",
    make_result(CURRENT),
    (hit(PatternId.PILOT_TRAP), hit(PatternId.TRUST_CEILING)),
)
INSUFFICIENT = Entry(
    "i2",
    "Fraud signal detection",
    Stage.PRODUCTION,
    "",
    "",
    make_result({**CURRENT, Layer.TRUST: None}),
    (),
)
UNSCORED = Entry(
    "i3", "Voice analytics", Stage.IDEA, "Service", "", None, (hit(PatternId.PILOT_TRAP),)
)


def _pdf(flowable: object) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(WIDTH + 20, 140))
    _, height = flowable.wrap(WIDTH, 1000)  # type: ignore[attr-defined]
    flowable.drawOn(canvas, 10, 130 - height)  # type: ignore[attr-defined]
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _pixels(pdf: bytes) -> np.ndarray:
    png = subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=int)


def _height(flowable: object) -> float:
    """Height of a section as laid out in a frame: KeepTogether's parts one under another."""
    parts = getattr(flowable, "_content", [flowable])
    total = 0.0
    for n, part in enumerate(parts):
        _, height = part.wrap(WIDTH, 1000)
        total += height + (part.getSpaceBefore() if n else 0.0) + part.getSpaceAfter()
    return total


@pytest.mark.parametrize("entry", [SCORED, INSUFFICIENT, UNSCORED], ids=lambda e: e.name)
def test_plain_strings_print_what_the_paragraphs_print(entry: Entry) -> None:
    fast = entry_section(entry, WIDTH)
    assert isinstance(fast, EntrySection)
    slow = paragraph_section(entry, WIDTH)
    assert _height(fast) == pytest.approx(_height(slow))
    assert fast.getSpaceBefore() == slow._content[0].getSpaceBefore()
    fast_pixels = _pixels(_pdf(fast))
    slow_pixels = _pixels(_pdf(_Stack(slow._content)))
    assert (fast_pixels < 200).sum() > 1000  # something was drawn, so the test can fail
    assert np.abs(fast_pixels - slow_pixels).max() <= 8


def test_lines_that_would_wrap_are_left_to_paragraphs() -> None:
    long_name = Entry(
        "i4",
        "Generative knowledge assistant for the underwriting and claims teams in every region",
        Stage.PILOT,
        "Underwriting",
        "A. Person",
        make_result(CURRENT),
        (),
    )
    many = Entry("i5", "Short", Stage.PILOT, "", "", None, tuple(hit(p) for p in PatternId))
    for entry in (long_name, many):
        section = entry_section(entry, WIDTH)
        assert not isinstance(section, EntrySection)
        text = " ".join(page_texts_of(_pdf(_Stack(section._content))))
        assert entry.name.split()[-1] in text  # the name printed whole, wrapped


def page_texts_of(pdf: bytes) -> list[str]:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "section.pdf"
        path.write_bytes(pdf)
        return page_texts(path)


class _Stack:
    """Flowables one under another, spaced as a frame spaces them (none before the first)."""

    def __init__(self, parts: list[object]) -> None:
        self.parts = parts

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        self.height = _height(_Holder(self.parts))
        return width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float) -> None:
        top = y + self.height
        for n, part in enumerate(self.parts):
            _, height = part.wrap(WIDTH, 1000)  # type: ignore[attr-defined]
            top -= part.getSpaceBefore() if n else 0.0  # type: ignore[attr-defined]
            part.drawOn(canvas, x, top - height)  # type: ignore[attr-defined]
            top -= height + part.getSpaceAfter()  # type: ignore[attr-defined]


@dataclass
class _Holder:
    _content: list[object]
