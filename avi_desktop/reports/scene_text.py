"""Text on a painted chart: where matplotlib puts each line, and DejaVu Sans's glyph extents.

The extents below are the bundled font's own (tests/reports/test_font_metrics.py reads the TTF
and holds them to it), so a font change cannot silently shift the charts' text on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from avi_desktop.charts.scene import Text
from avi_desktop.reports.fonts import BOLD, FAMILY

# matplotlib (3.11) gives every line of text a box ``linespacing`` times the font's typographic
# height tall (DejaVu Sans: exactly one em) and sets the baseline in it from the line's own ink:
# half the leading above the tallest glyph. GLYPH_EXTENTS holds the ink of every glyph a chart
# is likely to print, as (ascent, descent) in ems read from the bundled DejaVu Sans (the same
# version as matplotlib's copy); tests/reports/test_font_metrics.py holds it to the TTF.
LINE_HEIGHT: Final = 1.2  # matplotlib's default line spacing, for tick and legend labels
# Glyphs outside the table: accented capitals reach about this high, other letters this high.
ASCENT_ACCENTED_CAPITAL: Final = 0.93
ASCENT_TALL: Final = 0.76
ASCENT_SMALL: Final = 0.55  # x-height, for any other glyph outside the table
GLYPH_EXTENTS: Final[dict[str, tuple[float, float]]] = {
    "!": (0.729, 0),
    '"': (0.729, 0),
    "#": (0.718, 0),
    "$": (0.76, 0.147),
    "%": (0.742, 0.014),
    "&": (0.742, 0.014),
    "'": (0.729, 0),
    "(": (0.759, 0.132),
    ")": (0.759, 0.132),
    "*": (0.742, 0),
    "+": (0.627, 0),
    ",": (0.124, 0.116),
    "-": (0.314, 0),
    ".": (0.124, 0),
    "/": (0.729, 0.093),
    "0": (0.742, 0.014),
    "1": (0.729, 0),
    "2": (0.742, 0),
    "3": (0.742, 0.014),
    "4": (0.729, 0),
    "5": (0.729, 0.014),
    "6": (0.742, 0.014),
    "7": (0.729, 0),
    "8": (0.742, 0.014),
    "9": (0.742, 0.014),
    ":": (0.517, 0),
    ";": (0.517, 0.116),
    "<": (0.581, 0),
    "=": (0.454, 0),
    ">": (0.581, 0),
    "?": (0.742, 0),
    "@": (0.704, 0.174),
    "A": (0.729, 0),
    "B": (0.729, 0),
    "C": (0.742, 0.014),
    "D": (0.729, 0),
    "E": (0.729, 0),
    "F": (0.729, 0),
    "G": (0.742, 0.014),
    "H": (0.729, 0),
    "I": (0.729, 0),
    "J": (0.729, 0.2),
    "K": (0.729, 0),
    "L": (0.729, 0),
    "M": (0.729, 0),
    "N": (0.729, 0),
    "O": (0.742, 0.014),
    "P": (0.729, 0),
    "Q": (0.742, 0.129),
    "R": (0.729, 0),
    "S": (0.742, 0.014),
    "T": (0.729, 0),
    "U": (0.729, 0.014),
    "V": (0.729, 0),
    "W": (0.729, 0),
    "X": (0.729, 0),
    "Y": (0.729, 0),
    "Z": (0.729, 0),
    "[": (0.76, 0.132),
    "\\": (0.729, 0.093),
    "]": (0.76, 0.132),
    "^": (0.729, 0),
    "_": (0, 0.236),
    "`": (0.8, 0),
    "a": (0.56, 0.014),
    "b": (0.76, 0.014),
    "c": (0.56, 0.014),
    "d": (0.76, 0.014),
    "e": (0.56, 0.014),
    "f": (0.76, 0),
    "g": (0.56, 0.208),
    "h": (0.76, 0),
    "i": (0.76, 0),
    "j": (0.76, 0.208),
    "k": (0.76, 0),
    "l": (0.76, 0),
    "m": (0.56, 0),
    "n": (0.56, 0),
    "o": (0.56, 0.014),
    "p": (0.56, 0.208),
    "q": (0.56, 0.208),
    "r": (0.56, 0),
    "s": (0.56, 0.014),
    "t": (0.702, 0),
    "u": (0.56, 0.014),
    "v": (0.547, 0),
    "w": (0.547, 0),
    "x": (0.547, 0),
    "y": (0.547, 0.208),
    "z": (0.547, 0),
    "{": (0.76, 0.163),
    "|": (0.764, 0.236),
    "}": (0.76, 0.163),
    "~": (0.399, 0),
    "¡": (0.547, 0.182),
    "¢": (0.699, 0.153),
    "£": (0.742, 0),
    "¤": (0.587, 0),
    "¥": (0.729, 0),
    "¦": (0.699, 0.171),
    "§": (0.742, 0.095),
    "¨": (0.758, 0),
    "©": (0.725, 0),
    "ª": (0.742, 0),
    "«": (0.517, 0),
    "¬": (0.421, 0),
    "®": (0.725, 0),
    "¯": (0.745, 0),
    "°": (0.742, 0),
    "±": (0.627, 0),
    "²": (0.742, 0),
    "³": (0.742, 0),
    "´": (0.8, 0),
    "µ": (0.547, 0.208),
    "¶": (0.729, 0.096),
    "·": (0.409, 0),
    "¸": (0, 0.193),
    "¹": (0.734, 0),
    "º": (0.742, 0),
    "»": (0.517, 0),
    "¼": (0.742, 0.014),
    "½": (0.742, 0.014),
    "¾": (0.742, 0.014),
    "¿": (0.547, 0.196),
    "À": (0.927, 0),
    "Á": (0.927, 0),
    "Â": (0.928, 0),
    "Ã": (0.921, 0),
    "Ä": (0.913, 0),
    "Å": (0.928, 0),
    "Æ": (0.729, 0),
    "Ç": (0.742, 0.193),
    "È": (0.927, 0),
    "É": (0.927, 0),
    "Ê": (0.928, 0),
    "Ë": (0.913, 0),
    "Ì": (0.927, 0),
    "Í": (0.927, 0),
    "Î": (0.928, 0),
    "Ï": (0.913, 0),
    "Ð": (0.729, 0),
    "Ñ": (0.921, 0),
    "Ò": (0.927, 0.014),
    "Ó": (0.927, 0.014),
    "Ô": (0.928, 0.014),
    "Õ": (0.921, 0.014),
    "Ö": (0.913, 0.014),
    "×": (0.596, 0),
    "Ø": (0.761, 0.034),
    "Ù": (0.927, 0.014),
    "Ú": (0.927, 0.014),
    "Û": (0.928, 0.014),
    "Ü": (0.913, 0.014),
    "Ý": (0.927, 0),
    "Þ": (0.729, 0),
    "ß": (0.76, 0.014),
    "à": (0.8, 0.014),
    "á": (0.8, 0.014),
    "â": (0.8, 0.014),
    "ã": (0.777, 0.014),
    "ä": (0.758, 0.014),
    "å": (0.878, 0.014),
    "æ": (0.56, 0.014),
    "ç": (0.56, 0.193),
    "è": (0.8, 0.014),
    "é": (0.8, 0.014),
    "ê": (0.8, 0.014),
    "ë": (0.758, 0.014),
    "ì": (0.8, 0),
    "í": (0.8, 0),
    "î": (0.8, 0),
    "ï": (0.758, 0),
    "ð": (0.76, 0.014),
    "ñ": (0.777, 0),
    "ò": (0.8, 0.014),
    "ó": (0.8, 0.014),
    "ô": (0.8, 0.014),
    "õ": (0.777, 0.014),
    "ö": (0.758, 0.014),
    "÷": (0.554, 0),
    "ø": (0.592, 0.046),
    "ù": (0.8, 0.014),
    "ú": (0.8, 0.014),
    "û": (0.8, 0.014),
    "ü": (0.758, 0.014),
    "ý": (0.8, 0.208),
    "þ": (0.76, 0.208),
    "ÿ": (0.758, 0.208),
    "‘": (0.729, 0),
    "’": (0.729, 0),
    "“": (0.729, 0),
    "”": (0.729, 0),
    "–": (0.309, 0),
    "—": (0.309, 0),
    "•": (0.516, 0),
    "…": (0.124, 0),
    "−": (0.355, 0),
    "→": (0.527, 0),
    "≤": (0.582, 0),
    "≥": (0.582, 0),
    "▲": (0.643, 0.123),
}


def text_extent(line: str) -> tuple[float, float]:
    """A line's ascent and descent in ems (the tallest and deepest of its glyphs)."""
    ascent = descent = 0.0
    for char in line:
        if char.isspace():
            continue
        known = GLYPH_EXTENTS.get(char)
        if known is not None:
            ascent, descent = max(ascent, known[0]), max(descent, known[1])
        elif char.isupper():
            ascent = max(ascent, ASCENT_ACCENTED_CAPITAL)
        elif char.isalpha():
            ascent = max(ascent, ASCENT_TALL)
        else:
            ascent = max(ascent, ASCENT_SMALL)
    return ascent, descent


def line_baselines(lines: Sequence[str], size: float, spacing: float) -> tuple[list[float], float]:
    """Each line's baseline and the bottom of the block, in points below its top."""
    baselines, y = [], 0.0
    for line in lines:
        ascent, descent = text_extent(line) if line else (0.0, 0.0)
        y -= (spacing + ascent - descent) / 2 * size
        baselines.append(y)
        y -= (spacing - ascent + descent) / 2 * size
    return baselines, y


def text_width(text: str, size: float) -> float:
    return float(stringWidth(text, FAMILY, size))


def draw_text(canvas: Any, shape: Text, x: float, y: float) -> float:
    """Text anchored at (x, y) as matplotlib aligns it, rotated about that point; its width."""
    font = BOLD if shape.bold else FAMILY
    size = shape.size
    lines = shape.text.split("\n")
    widths = [float(stringWidth(line, font, size)) for line in lines]
    width = max(widths)
    baselines, bottom = line_baselines(lines, size, shape.linespacing)
    dx = {"left": 0.0, "center": -width / 2, "right": -width}[shape.ha]
    dy = {
        "top": 0.0,
        "bottom": -bottom,
        "center": -bottom / 2,
        "baseline": -baselines[-1],
    }[shape.va]
    canvas.saveState()
    canvas.translate(x, y)
    if shape.rotation:
        canvas.rotate(shape.rotation)
    if shape.box is not None:
        box = shape.box
        pad = box.pad * size
        canvas.setFillColor(HexColor(box.face))
        canvas.setFillAlpha(box.alpha)
        stroke = box.edge is not None and box.linewidth > 0
        if stroke:
            canvas.setStrokeColor(HexColor(box.edge))
            canvas.setLineWidth(box.linewidth)
        rect = (dx - pad, dy + bottom - pad, width + 2 * pad, -bottom + 2 * pad)
        if box.rounded:
            canvas.roundRect(*rect, radius=pad, stroke=int(stroke), fill=1)
        else:
            canvas.rect(*rect, stroke=int(stroke), fill=1)
        canvas.setFillAlpha(1.0)
    canvas.setFillColor(HexColor(shape.colour))
    canvas.setFont(font, size)
    for line, line_width, baseline in zip(lines, widths, baselines, strict=True):
        offset = {"left": 0.0, "center": (width - line_width) / 2, "right": width - line_width}
        canvas.drawString(dx + offset[shape.ha], dy + baseline, line)
    canvas.restoreState()
    return width
