"""The committee paper's "Initiatives one by one": a few lines per initiative.

A 500-initiative paper has 500 of these sections; built from paragraphs in a table (six
paragraphs each, parsed, wrapped and drawn one by one) they were most of the paper's layout
time. Almost every section's lines each fit on one line, so they are drawn as plain strings in
one flowable, at exactly the places the paragraph layout puts them; a section with a line that
would wrap (a long name or pattern list) is still laid out with paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from reportlab.lib.colors import Color, HexColor
from reportlab.platypus.flowables import Flowable

from avi_desktop.model.domain import LAYERS
from avi_desktop.model.results import AssessmentResult, fmt_score
from avi_desktop.reports.common import SHORT_LAYER, band_text
from avi_desktop.reports.fonts import BOLD, FAMILY, register_fonts
from avi_desktop.reports.plain_table import PlacedText, text_width
from avi_desktop.reports.sources import PortfolioEntryLike
from avi_desktop.reports.styles import INK, RULE, para, styles, text

ENTRY_INDENT: Final = 10.0  # points: the lines under an initiative's name
LABEL_COLOUR: Final = "#59595f"
# The paragraph styles these lines follow (reports.styles: entry, entry_detail, entry_note).
NAME_SIZE, FACTS_SIZE, NAME_LEADING = 9.5, 8.0, 13.0
SPACE_BEFORE, SPACE_AFTER_NAME = 7.0, 1.0
LABEL_SIZE, VALUE_SIZE, DETAIL_LEADING = 7.0, 8.5, 10.5
NOTE_SIZE, NOTE_LEADING = 8.5, 11.0
CELL_TOP, CELL_BOTTOM, CELL_PAD = 1.0, 2.0, 4.0  # the score row's paddings
ROW_HEIGHT: Final = 2 * DETAIL_LEADING + CELL_TOP + CELL_BOTTOM  # label over value


def entry_section(entry: PortfolioEntryLike, width: float) -> Any:
    """Name and facts, the index and four layers side by side, then the patterns if any.

    Kept compact on purpose (about a dozen to a page): the table of all initiatives already has
    the scores side by side; this section adds owner, bands and patterns for reference.
    """
    register_fonts()  # measured below before any paragraph style registers them
    lines = _Lines.of(entry, width)
    if lines.fit():
        return EntrySection(lines)
    return paragraph_section(entry, width)


def facts_line(entry: PortfolioEntryLike) -> str:
    return " · ".join(
        part
        for part in (
            entry.stage.label,
            entry.business_unit,
            f"Owner: {entry.business_owner}" if entry.business_owner else "No accountable owner",
        )
        if part
    )


def score_cells(result: AssessmentResult) -> list[tuple[str, str]]:
    """(label, value) for the index and each layer, in the order printed."""
    cells = [("Index", fmt_score(result.alignment_index))]
    for layer in LAYERS:
        lr = result.layers.get(layer)
        cells.append(
            (SHORT_LAYER[layer], f"{fmt_score(lr.score if lr else None)} {band_text(lr).lower()}")
        )
    return cells


def column_widths(width: float) -> list[float]:
    """The indent, the index column and four equal layer columns."""
    first = 0.12 * (width - ENTRY_INDENT)
    rest = (width - ENTRY_INDENT - first) / len(LAYERS)
    return [ENTRY_INDENT, first, *([rest] * len(LAYERS))]


def note_text(entry: PortfolioEntryLike) -> str:
    if entry.latest is None:
        return "No four-layer assessment yet."
    return ""


def patterns_text(entry: PortfolioEntryLike) -> str:
    return f"Patterns: {', '.join(hit.title for hit in entry.patterns)}" if entry.patterns else ""


@dataclass(frozen=True)
class _Lines:
    """What one section prints, measured for ``width`` points."""

    name: str
    facts: str
    cells: list[tuple[str, str]]  # empty: no assessment
    notes: list[str]  # lines in the note style, under the scores
    width: float

    @classmethod
    def of(cls, entry: PortfolioEntryLike, width: float) -> _Lines:
        notes = [line for line in (note_text(entry), patterns_text(entry)) if line]
        cells = score_cells(entry.latest) if entry.latest is not None else []
        return cls(entry.name, facts_line(entry), cells, notes, width)

    def fit(self) -> bool:
        """Whether every line fits on one line (else paragraphs wrap them)."""
        head = (
            text_width(self.name, BOLD, NAME_SIZE)
            + text_width(" ", FAMILY, NAME_SIZE)
            + text_width(f"· {self.facts}", FAMILY, FACTS_SIZE)
        )
        if head > self.width or "\n" in self.name:
            return False
        widths = column_widths(self.width)
        for n, (label, value) in enumerate(self.cells):
            room = widths[n + 1] - (CELL_PAD if n == 0 else 2 * CELL_PAD)
            font = BOLD if n == 0 else FAMILY
            if text_width(value, font, VALUE_SIZE) > room:
                return False
            if text_width(label, FAMILY, LABEL_SIZE) > room:
                return False
        room = self.width - ENTRY_INDENT
        return all(text_width(note, FAMILY, NOTE_SIZE) <= room for note in self.notes)


class EntrySection(Flowable):  # type: ignore[misc]
    """One initiative's section drawn as plain strings, placed as its paragraphs would be."""

    def __init__(self, lines: _Lines) -> None:
        super().__init__()
        self.lines = lines
        self.width = lines.width
        rows = ROW_HEIGHT if lines.cells else 0.0
        self.height = NAME_LEADING + SPACE_AFTER_NAME + rows + NOTE_LEADING * len(lines.notes)
        self.spaceBefore = SPACE_BEFORE

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        # One text object for the whole section: a string drawn on its own costs a text object,
        # a font and a colour setting each, which was most of the time these sections took.
        canvas, lines = self.canv, self.lines
        ink, muted = Color(*INK), HexColor(LABEL_COLOUR)
        top = self.height
        runs: list[tuple[str, float, Color, float, float, str]] = []
        baseline = top - NAME_SIZE
        runs.append((BOLD, NAME_SIZE, ink, 0.0, baseline, lines.name))
        x = text_width(lines.name, BOLD, NAME_SIZE) + text_width(" ", FAMILY, NAME_SIZE)
        runs.append((FAMILY, FACTS_SIZE, muted, x, baseline, f"· {lines.facts}"))
        y = top - NAME_LEADING - SPACE_AFTER_NAME  # the top of what follows the name
        rules: list[float] = []
        if lines.cells:
            widths = column_widths(lines.width)
            first = y - CELL_TOP - LABEL_SIZE  # a paragraph's first baseline: its font size
            left = widths[0]
            for n, (label, _) in enumerate(lines.cells):
                runs.append(
                    (FAMILY, LABEL_SIZE, muted, left + (CELL_PAD if n else 0.0), first, label)
                )
                if n:
                    rules.append(left)
                left += widths[n + 1]
            left = widths[0]
            for n, (_, value) in enumerate(lines.cells):
                font = BOLD if n == 0 else FAMILY
                x = left + (CELL_PAD if n else 0.0)
                runs.append((font, VALUE_SIZE, ink, x, first - DETAIL_LEADING, value))
                left += widths[n + 1]
            y -= ROW_HEIGHT
        for note in lines.notes:
            runs.append((FAMILY, NOTE_SIZE, ink, ENTRY_INDENT, y - NOTE_SIZE, note))
            y -= NOTE_LEADING
        text_object = PlacedText(canvas)
        face: tuple[str, float] | None = None
        colour: Color | None = None
        for font, size, fill, x, baseline, string in runs:
            if face != (font, size):
                text_object.setFont(font, size)
                face = (font, size)
            if colour is not fill:
                text_object.setFillColor(fill)
                colour = fill
            text_object.place(x, baseline, string)
        canvas.drawText(text_object)
        if rules:
            row_top = top - NAME_LEADING - SPACE_AFTER_NAME
            canvas.setStrokeColor(Color(*RULE))
            canvas.setLineWidth(0.3)
            canvas.setLineCap(1)  # a table rule's round ends
            path = canvas.beginPath()
            for x in rules:
                path.moveTo(x, row_top)
                path.lineTo(x, row_top - ROW_HEIGHT)
            canvas.drawPath(path, stroke=1, fill=0)


def paragraph_section(entry: PortfolioEntryLike, width: float) -> Any:
    """The section as paragraphs, for lines that must wrap; kept together on one page."""
    from reportlab.platypus import KeepTogether

    st = styles()
    block: list[Any] = [
        para(
            f"<b>{text(entry.name)}</b> "
            f"<font size={FACTS_SIZE:g} color='{LABEL_COLOUR}'>· {text(facts_line(entry))}</font>",
            st.entry,
            markup=True,
        )
    ]
    if entry.latest is None:
        block.append(para(note_text(entry), st.entry_note))
    else:
        block.append(_score_row(entry.latest, width))
    if entry.patterns:
        block.append(para(patterns_text(entry), st.entry_note))
    return KeepTogether(block)


def _score_row(result: AssessmentResult, width: float) -> Any:
    """Index and the four layers side by side, each a small label over score and band."""
    from reportlab.platypus import Table, TableStyle

    st = styles()
    cells: list[Any] = [""]
    small = f"<font size={LABEL_SIZE:g} color='{LABEL_COLOUR}'>"
    for n, (label, value) in enumerate(score_cells(result)):
        shown = f"<b>{text(value)}</b>" if n == 0 else text(value)
        cells.append(
            para(
                f"{small}{text(label)}</font><br/>{shown}",
                st.entry_detail,
                markup=True,
            )
        )
    # An empty first column indents the row under the initiative's name, like its other lines.
    table = Table([cells], colWidths=column_widths(width), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),  # else the empty cell pulls in Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_BOTTOM),
                ("LINEBEFORE", (2, 0), (-1, 0), 0.3, Color(*RULE)),
                ("LEFTPADDING", (2, 0), (-1, 0), CELL_PAD),
            ]
        )
    )
    return table
