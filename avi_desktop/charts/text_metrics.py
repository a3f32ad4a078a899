"""How wide a chart's text will be, without a renderer: for laying text out before drawing.

Estimates err wide, so text laid out with them never touches; tests measure the real extents.
"""

from __future__ import annotations

# DejaVu Sans advance widths in ems, rounded up by class (bold is about 10 % wider).
_NARROW = frozenset("il.,:;'|!ftrj()[]/ -·")
_WIDE = frozenset("mwMW")
_SIGNS = frozenset("=+<>▲")
BOLD = 1.1
LINE = 1.4  # line step in font sizes: the text's own height (1.17) and a clear gap
HANDLE = 1.8  # a legend's handle length (and 0.8 more to its text), in font sizes


def _ems(char: str) -> float:
    if char in _NARROW:
        return 0.40
    if char in _WIDE:
        return 1.0
    if char in _SIGNS:
        return 0.86
    return 0.74 if char.isupper() else 0.64


def text_pt(text: str, size: float, *, bold: bool = False) -> float:
    """An upper estimate of the width of ``text`` at ``size`` points."""
    widest = max((sum(_ems(c) for c in line) for line in text.split("\n")), default=0.0)
    return widest * size * (BOLD if bold else 1.0)


def wrap(text: str, size: float, room: float, *, bold: bool = False, sep: str = " ") -> list[str]:
    """``text`` in lines no wider than ``room`` points, broken at ``sep`` (words if need be)."""
    lines: list[str] = []
    current = ""
    for chunk in text.split(sep):
        trial = f"{current}{sep}{chunk}" if current else chunk
        if current and text_pt(trial, size, bold=bold) > room:
            lines.append(current)
            current = chunk
        else:
            current = trial
    lines.append(current)
    if sep != " ":  # a chunk still too wide breaks between its words
        return [part for line in lines for part in wrap(line, size, room, bold=bold)]
    return lines
