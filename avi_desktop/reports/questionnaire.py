"""The blank questionnaire, printed for workshops held on paper.

Each respondent writes the initiative, the date, a name or code and a role and ticks one
stakeholder group; then, layer by layer, ticks one box per item (or N/A where the item allows
it) and may add a comment. The facilitator keys the sheets in afterwards, so item ids are
printed beside every item. Printed for a workshop's participants, there is one file per
participant with their details filled in and their name or code on every page, so loose
sheets always find their way back to the right row of the paper grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from avi_desktop.model.domain import StakeholderGroup
from avi_desktop.model.instrument import Instrument, Item
from avi_desktop.reports.common import MM
from avi_desktop.reports.document import (
    CopyInfo,
    DocumentSpec,
    control_block,
    title_block,
    write_document,
)
from avi_desktop.reports.fonts import BOLD, FAMILY
from avi_desktop.reports.options import BriefingOptions, BriefingSettings, Progress
from avi_desktop.reports.styles import RULE, para, styles, text

KIND = "Questionnaire"
BOX = "☐"
TICKED = "☒"


def write_questionnaire(
    instrument: Instrument,
    out: Path,
    options: BriefingOptions,
    *,
    settings: BriefingSettings | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the blank printable questionnaire; return the paths written."""
    spec = DocumentSpec(
        kind=KIND,
        title=instrument.title,
        subject=f"Blank questionnaire {instrument.id} version {instrument.version}",
        organisation=getattr(settings, "organisation", "") or "",
        fingerprint=f"{instrument.id}|{instrument.version}|{len(instrument.items())}",
    )

    def story(copy: CopyInfo) -> list[Any]:
        return questionnaire_story(instrument, spec, copy, options)

    return write_document(spec, story, out, options, settings, progress=progress)


@dataclass(frozen=True)
class Sheet:
    """Who a printed questionnaire is for: the details written in its respondent box."""

    name: str  # a display name or an anonymous code
    group: StakeholderGroup
    role: str = ""
    initiative: str = ""


def write_participant_questionnaires(
    instrument: Instrument,
    sheets: Sequence[Sheet],
    out: Path,
    options: BriefingOptions,
    *,
    settings: BriefingSettings | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """One questionnaire per participant (``<stem>-<name>.pdf``), their name on every page.

    The name goes in the footer of every page as the copy line ("Prepared for P03 — copy 3 of
    8") and in the respondent box with the role, the group ticked and the initiative.
    """
    if not sheets:
        raise ValueError("at least one participant is needed")
    by_name = {sheet.name: sheet for sheet in sheets}
    if len(by_name) != len(sheets):
        raise ValueError("participants' names must differ")
    spec = DocumentSpec(
        kind=KIND,
        title=instrument.title,
        subject=f"Questionnaire {instrument.id} version {instrument.version} for a workshop",
        organisation=getattr(settings, "organisation", "") or "",
        fingerprint=f"{instrument.id}|{instrument.version}|{len(instrument.items())}|"
        + "|".join(sheet.name for sheet in sheets),
    )
    copies = replace(options, recipients=tuple(by_name))

    def story(copy: CopyInfo) -> list[Any]:
        return questionnaire_story(instrument, spec, copy, copies, sheet=by_name[copy.recipient])

    return write_document(spec, story, out, copies, settings, progress=progress)


def questionnaire_story(
    instrument: Instrument,
    spec: DocumentSpec,
    copy: CopyInfo,
    options: BriefingOptions,
    *,
    width: float = 174 * MM,
    sheet: Sheet | None = None,
) -> list[Any]:
    """Respondent box, how to answer, then every layer's items with boxes to tick."""
    from reportlab.platypus import PageBreak, Spacer

    st = styles()
    subtitle = f"Instrument {instrument.id}, version {instrument.version}"
    if sheet is not None:
        subtitle = f"For {sheet.name} · {subtitle}"
    story: list[Any] = [*title_block(spec, subtitle), Spacer(1, 6), _respondent_box(width, sheet)]
    story.append(para("How to answer", st.h2))
    story.append(
        para(
            "For each statement tick one box: 1 means absent or strongly disagree, 5 fully in "
            "place or strongly agree; the words under each number say what it means for that "
            "statement. Tick N/A only where it is offered and the statement does not apply. "
            "Leave a statement blank rather than guess. Answer for this initiative as it is "
            "today, not as planned.",
            st.body,
        )
    )
    story += [para("Document control", st.h2), control_block(copy, options, width)]
    for spec_layer in instrument.layers:
        story.append(PageBreak())
        story.append(para(spec_layer.title, st.h1))
        if spec_layer.description:
            story.append(para(spec_layer.description, st.body))
        for item in spec_layer.items:
            story.append(_item_block(item, width))
    return story


def _respondent_box(width: float, sheet: Sheet | None = None) -> Any:
    """The respondent's details: blank lines to fill in, or a participant's already written."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import Table, TableStyle

    st = styles()
    groups = list(StakeholderGroup)
    half = (len(groups) + 1) // 2

    def tick(group: StakeholderGroup) -> Any:
        mark = TICKED if sheet is not None and sheet.group == group else BOX
        return para(f"{mark} {group.label}", st.cell)

    ticks = [
        [tick(groups[i]), tick(groups[i + half]) if i + half < len(groups) else ""]
        for i in range(half)
    ]
    group_table = Table(ticks, colWidths=[0.36 * width, 0.36 * width])
    group_table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY)]))
    filled = ("", "", "") if sheet is None else (sheet.initiative, sheet.name, sheet.role)
    rows = [
        [para("Initiative", st.cell_bold), para(filled[0], st.cell)],
        [para("Date", st.cell_bold), ""],
        [para("Name or code", st.cell_bold), para(filled[1], st.cell_bold)],
        [para("Role", st.cell_bold), para(filled[2], st.cell)],
        [para("Stakeholder group (tick one)", st.cell_bold), group_table],
    ]
    table = Table(rows, colWidths=[0.24 * width, 0.76 * width], rowHeights=[24, 24, 24, 24, None])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("BOX", (0, 0), (-1, -1), 0.8, Color(0.2, 0.2, 0.22)),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, Color(*RULE)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def _item_block(item: Item, width: float) -> Any:
    """One statement: id and text, five anchored boxes (+ N/A), and a comment line."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    st = styles()
    heading = para(f"<b>{item.id}</b>  {text(item.text)}", st.body, markup=True)
    # Six columns always, so the boxes line up from one statement to the next; the sixth is
    # blank where N/A is not offered.
    columns = 6
    box_cells = [para(f"{BOX} {n}", st.cell_bold) for n in range(1, 6)]
    anchor_cells = [para(anchor, st.cell_small) for anchor in item.anchors]
    if item.allow_na:
        box_cells.append(para(f"{BOX} N/A", st.cell_bold))
        anchor_cells.append(para("Does not apply", st.cell_small))
    else:
        box_cells.append("")
        anchor_cells.append("")
    last = columns - 1 if item.allow_na else columns - 2
    column = width / columns
    table = Table([box_cells, anchor_cells], colWidths=[column] * columns)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("BOX", (0, 0), (last, -1), 0.5, Color(*RULE)),
                ("INNERGRID", (0, 0), (last, -1), 0.3, Color(*RULE)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 1),
            ]
        )
    )
    comment = Table(
        [[para("Comment", st.small), ""]], colWidths=[0.12 * width, 0.88 * width], rowHeights=[20]
    )
    comment.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BOLD),
                ("LINEBELOW", (1, 0), (1, 0), 0.4, Color(0.5, 0.5, 0.52)),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return KeepTogether([heading, table, comment, Spacer(1, 8)])
