"""The initiative briefing wastes no page: no page but the last is left largely empty."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from pypdf import PdfReader

from avi_desktop.cli import main
from avi_desktop.model.store import PortfolioStore

FRAME_BOTTOM = (18 + 8) * 72 / 25.4  # the body frame's foot above the page's (points)
FRAME_HEIGHT = 842 - 2 * 18 * 72 / 25.4 - 14 * 72 / 25.4


def _lowest_text(page: object) -> float:
    """The height above the page's foot of the lowest line of body text on ``page``."""
    lows: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text matrix placed on the page
        if text.strip() and y > FRAME_BOTTOM - 2:  # the footer lies below the frame
            lows.append(y)

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return min(lows)


def test_the_claims_triage_briefing_fills_its_pages(demo: Path, tmp_path: Path) -> None:
    with PortfolioStore.open(demo, read_only=True) as store:
        claims = next(
            i
            for i in store.initiative_ids()
            if store.get_initiative(i).name == "Claims triage assistant"
        )
    out = tmp_path / "brief.pdf"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["brief", str(demo), "--initiative", claims, "-o", str(out)]) == 0
    pages = PdfReader(out).pages
    assert len(pages) <= 6  # 8 before: headings moved whole tables and blocks to a new page
    for number, page in enumerate(pages[:-1], start=1):
        empty = _lowest_text(page) - FRAME_BOTTOM
        assert empty < 0.15 * FRAME_HEIGHT, f"page {number}: {empty:.0f} points left empty"
