"""Paragraph and table styles shared by every briefing, and small builders for them.

One place for type sizes and greys so the four kinds of briefing look like one family and read
correctly when printed in greyscale (bands are written out, never shown by colour alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape as _html_escape
from typing import Any

from avi_desktop.reports.fonts import BOLD, FAMILY, ITALIC, register_fonts

INK = (0.1, 0.1, 0.12)
MUTED = (0.35, 0.35, 0.38)
RULE = (0.7, 0.7, 0.72)
HEADER_FILL = (0.88, 0.89, 0.91)
STRIPE_FILL = (0.96, 0.96, 0.97)
CHART_FONT_PT = 7.5  # the smallest chart text, printed at its own size: a margin over 7 pt


@dataclass(frozen=True)
class Styles:
    title: Any
    subtitle: Any
    h1: Any
    h2: Any
    h3: Any
    body: Any
    bullet: Any
    lead: Any
    small: Any
    cell: Any
    cell_bold: Any
    cell_bold_right: Any
    cell_right: Any
    cell_small: Any
    figure: Any
    callout: Any
    entry: Any
    entry_detail: Any
    entry_note: Any
    guide: Any


@cache
def styles() -> Styles:
    """The paragraph styles, built once (after the font family is registered)."""
    from reportlab.lib.colors import Color
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    ink = Color(*INK)
    muted = Color(*MUTED)
    base = ParagraphStyle("body", fontName=FAMILY, fontSize=9.5, leading=13, textColor=ink)
    return Styles(
        title=ParagraphStyle("title", base, fontName=BOLD, fontSize=20, leading=24, spaceAfter=4),
        subtitle=ParagraphStyle("subtitle", base, fontSize=11, leading=15, textColor=muted),
        h1=ParagraphStyle(
            "h1",
            base,
            keepWithNext=1,
            fontName=BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=10,
            spaceAfter=6,
        ),
        h2=ParagraphStyle(
            "h2",
            base,
            keepWithNext=1,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
        ),
        h3=ParagraphStyle(
            "h3",
            base,
            keepWithNext=1,
            fontName=BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
        ),
        body=ParagraphStyle("body", base, spaceAfter=4),
        bullet=ParagraphStyle(
            "bullet", base, spaceAfter=3, leftIndent=11, bulletIndent=1, bulletFontName=FAMILY
        ),
        lead=ParagraphStyle("lead", base, fontSize=11, leading=15, spaceAfter=6),
        small=ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=muted),
        cell=ParagraphStyle("cell", base, fontSize=8.5, leading=11),
        cell_bold=ParagraphStyle("cell_bold", base, fontName=BOLD, fontSize=8.5, leading=11),
        cell_bold_right=ParagraphStyle(
            "cell_bold_right", base, fontName=BOLD, fontSize=8.5, leading=11, alignment=TA_RIGHT
        ),
        cell_right=ParagraphStyle("cell_right", base, fontSize=8.5, leading=11, alignment=TA_RIGHT),
        cell_small=ParagraphStyle("cell_small", base, fontSize=7.5, leading=9.5),
        figure=ParagraphStyle("figure", base, fontName=ITALIC, fontSize=8, textColor=muted),
        callout=ParagraphStyle(
            "callout", base, fontName=BOLD, fontSize=28, leading=32, textColor=ink
        ),
        entry=ParagraphStyle("entry", base, spaceBefore=7, spaceAfter=1),
        entry_detail=ParagraphStyle("entry_detail", base, fontSize=8.5, leading=10.5),
        entry_note=ParagraphStyle("entry_note", base, fontSize=8.5, leading=11, leftIndent=10),
        guide=ParagraphStyle("guide", base, fontSize=7.5, leading=9.5, textColor=muted),
    )


def text(value: object) -> str:
    """User or engine text made safe for a ReportLab paragraph (escaped, line breaks kept)."""
    return escape(str(value)).replace("\n", "<br/>")


def escape(raw: str) -> str:
    """``&``, ``<`` and ``>`` escaped, as ``xml.sax.saxutils.escape`` does: that module imports
    ``urllib.request`` and ``http.client`` (about 15 ms of every briefing's start)."""
    return _html_escape(raw, quote=False)


def para(value: object, style: Any, *, markup: bool = False) -> Any:
    """A paragraph of ``value``, escaped unless it is our own ``markup``."""
    from reportlab.platypus import Paragraph

    return Paragraph(str(value) if markup else text(value), style)


def bullet(value: object, *, markup: bool = False) -> Any:
    """One point of a list, its lines hanging clear of the bullet."""
    from reportlab.platypus import Paragraph

    return Paragraph(str(value) if markup else text(value), styles().bullet, bulletText="•")


CELL_SIZE = 8.5
CELL_LEADING = 11.0
CELL_PADDING = 4.0


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    repeat_header: bool = True,
) -> Any:
    """A table that may split across pages, its header row repeated on each page.

    Text that fits its column on one line is drawn as a plain table string; longer text becomes
    a paragraph and wraps. Both use the embedded family at the same size and leading, so they
    look the same, and plain strings lay out several times faster (a 500-initiative paper has
    some ten thousand cells). ``numeric`` columns are right-aligned.
    """
    from reportlab.lib.colors import Color
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import LongTable, TableStyle
    from reportlab.platypus.flowables import Flowable

    st = styles()
    widths = fit_words(header, rows, widths)

    def cell(value: object, column: int, bold: bool) -> Any:
        if isinstance(value, Flowable):
            return value
        value = str(value)
        room = widths[column] - 2 * CELL_PADDING - 0.5
        if "\n" not in value and stringWidth(value, BOLD if bold else FAMILY, CELL_SIZE) <= room:
            return value
        if bold:
            style = st.cell_bold_right if column in numeric else st.cell_bold
        else:
            style = st.cell_right if column in numeric else st.cell
        return para(value, style)

    body = [[cell(v, i, True) for i, v in enumerate(header)]]
    body += [[cell(v, i, False) for i, v in enumerate(row)] for row in rows]
    table = LongTable(body, colWidths=list(widths), repeatRows=1 if repeat_header else 0)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), Color(*INK)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), Color(*HEADER_FILL)),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, Color(*INK)),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, Color(*RULE)),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    commands += [("ALIGN", (column, 0), (column, -1), "RIGHT") for column in numeric]
    table.setStyle(TableStyle(commands))
    return table


def fit_words(
    header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]
) -> list[float]:
    """Column widths in which every word fits on a line, so none is split ("Underwritin / g").

    A column whose longest word is wider than it takes the points it lacks from the columns
    with room to spare (what their widest one-line text or longest word leaves), in
    proportion to that room; the total width is unchanged. Only text too long for one line
    is measured word by word, so big tables stay fast.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus.flowables import Flowable

    need = [0.0] * len(widths)
    for bold, row in ((True, header), *((False, r) for r in rows)):
        font = BOLD if bold else FAMILY
        for column, value in enumerate(row):
            if isinstance(value, Flowable) or column >= len(widths):
                continue
            words = str(value)
            room = widths[column] - 2 * CELL_PADDING - 0.5
            whole = stringWidth(words, font, CELL_SIZE)
            if whole <= room and "\n" not in words:  # one line now: keep room for it
                need[column] = max(need[column], whole + 2 * CELL_PADDING + 0.5)
                continue
            longest = max((stringWidth(w, font, CELL_SIZE) for w in words.split()), default=0.0)
            need[column] = max(need[column], longest + 2 * CELL_PADDING + 1.0)
    lacking = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    if lacking <= 0:
        return list(widths)
    spare = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    if sum(spare) < lacking:
        return list(widths)  # nothing to take from: the words split as before
    share = lacking / sum(spare)
    return [max(w, n) - sp * share for w, n, sp in zip(widths, need, spare, strict=True)]


def key_value_table(
    pairs: Sequence[tuple[str, object]], widths: Sequence[float], *, title: str | None = None
) -> Any:
    """A two-column label/value block (document control, initiative facts). A ``title`` heads
    it and is repeated above its rows wherever it runs on to the next page."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import Table, TableStyle

    st = styles()
    rows: list[list[object]] = [
        [para(label, st.cell_bold), para(value, st.cell)] for label, value in pairs
    ]
    top = 0 if title is None else 1
    if title is not None:
        rows.insert(0, [para(title, st.h3), ""])
    table = Table(rows, colWidths=list(widths), repeatRows=top)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, top), (-1, -1), 0.6, Color(*RULE)),
        ("LINEBELOW", (0, top), (-1, -2), 0.3, Color(*RULE)),
        ("BACKGROUND", (0, top), (0, -1), Color(*STRIPE_FILL)),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if title is not None:
        commands += [
            ("SPAN", (0, 0), (-1, 0)),
            ("LEFTPADDING", (0, 0), (-1, 0), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 8),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
        ]
    table.setStyle(TableStyle(commands))
    return table
