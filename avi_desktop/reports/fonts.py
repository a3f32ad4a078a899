"""The embedded type family: DejaVu Sans, shipped in resources/fonts with its licence.

Embedding a free family (never the base-14 fonts) makes the briefing print the same on any
machine and carry every character a name may need (accents, dashes, non-Latin letters).
"""

from __future__ import annotations

from functools import cache

from avi_desktop.model.errors import ExportError
from avi_desktop.paths import resource

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"

# Bold oblique ships with the family but no briefing sets text in it, and reading a face costs
# time in every briefing: <b><i> falls back to bold.
_FILES = {
    FAMILY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}


@cache
def register_fonts() -> str:
    """Register the family with ReportLab once per process; return its regular face's name.

    The faces' parsed tables come from the per-user font cache when it holds them.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    from avi_desktop.reports.font_cache import load_font

    for name, filename in _FILES.items():
        path = resource("fonts", filename)
        if not path.is_file():
            raise ExportError(
                f"The briefing font {filename} is missing from the application's resources; "
                "reinstall AVI Desktop."
            )
        pdfmetrics.registerFont(load_font(name, path))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD)
    return FAMILY
