"""The paper painter's glyph metrics are the bundled DejaVu Sans's own.

The painter places chart text from a table of glyph extents and ReportLab's advance widths; the
screen draws it with matplotlib's copy of the family. A font file changed on either side must
fail here rather than shift text on paper silently.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import matplotlib
import pytest
from fontTools.ttLib import TTFont
from reportlab.pdfbase.pdfmetrics import stringWidth

from avi_desktop.paths import resource
from avi_desktop.reports.fonts import BOLD, FAMILY, register_fonts
from avi_desktop.reports.scene_text import GLYPH_EXTENTS, text_extent

FILES = {FAMILY: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
# Everything a chart prints: the table's glyphs and the space.
CHARS = "".join(GLYPH_EXTENTS) + " "


@cache
def bundled(face: str) -> TTFont:
    return TTFont(str(resource("fonts", FILES[face])))


@cache
def matplotlibs(face: str) -> TTFont:
    return TTFont(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / FILES[face]))


def _extent(font: TTFont, char: str) -> tuple[float, float]:
    em = font["head"].unitsPerEm
    glyph = font["glyf"][font.getBestCmap()[ord(char)]]
    top, bottom = getattr(glyph, "yMax", 0) / em, getattr(glyph, "yMin", 0) / em
    return max(0.0, round(top, 3)), max(0.0, round(-bottom, 3))


def _advance(font: TTFont, char: str) -> float:
    width, _ = font["hmtx"][font.getBestCmap()[ord(char)]]
    return float(width) / float(font["head"].unitsPerEm)


def test_glyph_extents_are_the_fonts() -> None:
    font = bundled(FAMILY)
    wrong = {
        char: (table, _extent(font, char))
        for char, table in GLYPH_EXTENTS.items()
        if tuple(table) != _extent(font, char)
    }
    assert not wrong, f"(table, font) extents differ: {wrong}"


def test_a_line_is_as_tall_and_deep_as_its_tallest_and_deepest_glyph() -> None:
    assert text_extent("Tpl") == (GLYPH_EXTENTS["l"][0], GLYPH_EXTENTS["p"][1])
    assert text_extent("Åj") == (GLYPH_EXTENTS["Å"][0], GLYPH_EXTENTS["j"][1])
    assert text_extent("  ") == (0.0, 0.0)


def test_line_height_is_one_em_as_the_painter_assumes() -> None:
    # matplotlib sizes a line box as linespacing x (typographic ascender - descender); the
    # painter takes that height as one em.
    for face in FILES:
        font = bundled(face)
        os2 = font["OS/2"]
        assert (os2.sTypoAscender - os2.sTypoDescender) == font["head"].unitsPerEm


@pytest.mark.parametrize("face", list(FILES))
def test_reportlab_measures_the_bundled_fonts_advance_widths(face: str) -> None:
    register_fonts()
    font = bundled(face)
    for char in CHARS:
        assert stringWidth(char, face, 1000) == pytest.approx(1000 * _advance(font, char), abs=1), (
            char
        )


@pytest.mark.parametrize("face", list(FILES))
def test_paper_and_screen_use_the_same_font(face: str) -> None:
    """matplotlib's DejaVu (screen) and the bundled one (paper) agree glyph for glyph."""
    paper, screen = bundled(face), matplotlibs(face)
    assert paper["head"].unitsPerEm == screen["head"].unitsPerEm
    for char in CHARS:
        assert _advance(paper, char) == _advance(screen, char), char
        assert _extent(paper, char) == _extent(screen, char), char


def test_reportlab_measures_and_encodes_with_its_c_accelerators() -> None:
    """Text widths and PDF encoding in C (``rl_accel``): in pure Python they were a sixth of a
    briefing's layout time."""
    from reportlab.lib import rl_accel

    for name in ("fp_str", "asciiBase85Encode", "escapePDF", "instanceStringWidthTTF"):
        assert type(getattr(rl_accel, name)).__name__ == "builtin_function_or_method", name
