"""The portfolio committee paper: the whole AI portfolio on a few pages, then each initiative.

The summary page answers a committee's first questions (how many initiatives are aligned,
where they stand, which portfolio-level patterns show, which five need attention most); the
heat map and the full table follow, then one compact section per initiative. Long tables split
across pages with their header repeated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avi_desktop.model.domain import DEVELOPING_MARGIN, LAYERS, Band, Stage
from avi_desktop.model.follow_up import action_items
from avi_desktop.model.results import AssessmentResult, Evidence, fmt_score
from avi_desktop.reports import portfolio_sections as sections
from avi_desktop.reports.common import MM, band_text, evidence_table, fmt_date
from avi_desktop.reports.document import (
    CopyInfo,
    DocumentSpec,
    control_block,
    title_block,
    write_document,
)
from avi_desktop.reports.figures import ChartCache, chart
from avi_desktop.reports.fonts import FAMILY
from avi_desktop.reports.initiative import overdue_section
from avi_desktop.reports.options import BriefingOptions, BriefingSettings, Progress
from avi_desktop.reports.plain_table import plain_table
from avi_desktop.reports.portfolio_entries import entry_section
from avi_desktop.reports.sources import PortfolioEntryLike, PortfolioOverviewLike
from avi_desktop.reports.styles import bullet, data_table, para, styles, text
from avi_desktop.reports.values_section import portfolio_values_section

if TYPE_CHECKING:
    from avi_desktop.model.entities import Action
    from avi_desktop.model.values_audit import ValuesAudit

KIND = "Portfolio committee paper"
HEATMAP_ROWS_PER_PAGE = 18
EVIDENCE_MAX_ROWS = 16
HEATMAP_MAX_ROWS = 54  # beyond three pages a heat map stops informing; the table has the rest
NOT_ASSESSED = "Not assessed"
SHORT = {"technology": "Tech.", "leadership": "Lead.", "organisation": "Org.", "trust": "Trust"}


def write_portfolio_paper(
    portfolio: PortfolioOverviewLike,
    settings: BriefingSettings | None,
    out: Path,
    options: BriefingOptions,
    progress: Progress | None = None,
    *,
    actions: Sequence[Action] = (),
    values: ValuesAudit | None = None,
) -> list[Path]:
    """Write the committee paper (one file per recipient); return the paths written.

    ``actions`` are the portfolio's follow-up actions; the overdue ones are listed. ``values``
    is the portfolio's values decision audit, shown after them."""
    organisation = portfolio.organisation or getattr(settings, "organisation", "") or ""
    title = f"{organisation} AI portfolio" if organisation else "AI portfolio"
    entries = ordered_entries(portfolio.entries)
    spec = DocumentSpec(
        kind=KIND,
        title=title,
        subject=f"{KIND}: alignment of {len(entries)} AI initiatives",
        organisation=organisation,
        fingerprint="|".join(
            f"{e.initiative_id}:{e.latest.assessment_id if e.latest else ''}:"
            f"{e.latest.alignment_index if e.latest else ''}"
            for e in entries
        ),
    )

    charts = ChartCache()

    def story(copy: CopyInfo) -> list[Any]:
        return paper_story(
            portfolio, entries, spec, copy, options=options, progress=progress, charts=charts,
            actions=actions, values=values,
        )  # fmt: skip

    return write_document(spec, story, out, options, settings, progress=progress)


def ordered_entries(entries: Sequence[PortfolioEntryLike]) -> list[PortfolioEntryLike]:
    """Least aligned first, unassessed last, ties by name: the order a committee reads in."""
    return sorted(
        entries,
        key=lambda e: (
            e.latest is None or e.latest.alignment_index is None,
            e.latest.alignment_index if e.latest and e.latest.alignment_index is not None else 0,
            e.name.casefold(),
        ),
    )


def overall_band(result: AssessmentResult | None) -> str:
    """An initiative's band is its binding (lowest) layer's: it caps the value realised."""
    if result is None:
        return NOT_ASSESSED
    if result.binding_layer is None:
        return "Insufficient data"
    return band_text(result.layers.get(result.binding_layer))


def paper_story(
    portfolio: PortfolioOverviewLike,
    entries: list[PortfolioEntryLike],
    spec: DocumentSpec,
    copy: CopyInfo,
    *,
    options: BriefingOptions,
    progress: Progress | None = None,
    charts: ChartCache | None = None,
    width: float = 174 * MM,
    actions: Sequence[Action] = (),
    values: ValuesAudit | None = None,
) -> list[Any]:
    """Summary page, heat map, full table, overdue actions, then a section per initiative."""
    from reportlab.platypus import PageBreak

    story = _summary(portfolio, entries, spec, copy, options=options, width=width)
    story.append(PageBreak())
    story += _heatmap(entries, width, charts or ChartCache(), progress)
    story += [para("All initiatives", styles().h1), _full_table(entries, width)]
    names = {e.initiative_id: e.name for e in entries}
    items = action_items(actions, names, options.date_printed())
    story += overdue_section(items, width)
    story += sections.necessity_section(entries, width)
    story += sections.realised_value_section(entries, width)
    story += portfolio_values_section(values, width)
    story.append(PageBreak())
    story.append(para("Initiatives one by one", styles().h1))
    total = len(entries)
    step = max(50, total // 5)  # building a section is quick: a few lines are enough
    for number, entry in enumerate(entries, start=1):
        story.append(entry_section(entry, width))
        if progress is not None and (number == total or number % step == 0):
            progress(number, total, f"Prepared {number} of {total} initiative sections")
    overdue = [item for item in items if item.overdue]
    story += sections.decisions_section(entries, portfolio.portfolio_patterns, overdue)
    return story


def _summary(
    portfolio: PortfolioOverviewLike,
    entries: list[PortfolioEntryLike],
    spec: DocumentSpec,
    copy: CopyInfo,
    *,
    options: BriefingOptions,
    width: float,
) -> list[Any]:
    """Page one for the committee, then document control and the patterns' evidence."""
    from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

    st = styles()
    subtitle = f"{KIND} · {len(entries)} initiatives · {fmt_date(copy.issued)}"
    story: list[Any] = [*title_block(spec, subtitle), Spacer(1, 4)]
    story.append(
        para(
            "Each initiative is scored on the four layers that must align for AI to create "
            "value: technology capability, leadership alignment, organisational capability and "
            "societal trust. An initiative is counted in the band of its weakest layer, because "
            "that layer caps the value it can realise.",
            st.body,
        )
    )
    story.append(para("In brief", st.h1))
    story += [bullet(line, markup=True) for line in in_brief(portfolio, entries)]
    bands = Counter(overall_band(e.latest) for e in entries)
    band_rows = [
        [label, str(bands.get(label, 0))]
        for label in [*(b.label for b in Band), "Insufficient data", NOT_ASSESSED]
    ]
    stages = Counter(e.stage for e in entries)
    stage_rows = [[s.label, str(stages.get(s, 0))] for s in Stage]
    half = width / 2 - 6

    pair = Table(
        [
            [
                data_table(
                    ["Band (weakest layer)", "Initiatives"],
                    band_rows,
                    [0.62 * half, 0.38 * half],
                    numeric=(1,),
                ),
                data_table(
                    ["Stage", "Initiatives"], stage_rows, [0.62 * half, 0.38 * half], numeric=(1,)
                ),
            ]
        ],
        colWidths=[width / 2, width / 2],
    )
    pair.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story += [para("Where the portfolio stands", st.h1), pair]
    lowest = [e for e in entries if e.latest is not None and e.latest.alignment_index is not None]
    story.append(para("The five least aligned initiatives", st.h1))
    if lowest:
        story.append(
            data_table(
                ["Initiative", "Stage", "Index", "Binding layer", "Patterns"],
                [
                    [
                        e.name,
                        e.stage.label,
                        fmt_score(e.latest.alignment_index if e.latest else None),
                        _binding(e.latest),
                        ", ".join(hit.title for hit in e.patterns) or "—",
                    ]
                    for e in lowest[:5]
                ],
                [w * width for w in (0.3, 0.13, 0.09, 0.22, 0.26)],
                numeric=(2,),
            )
        )
    else:
        story.append(para("No initiative has an alignment index yet.", st.body))
    patterns = list(portfolio.portfolio_patterns)
    story.append(para("Portfolio-level patterns", st.h1))
    if not patterns:
        story.append(para("No portfolio-level pattern was detected.", st.body))
    for hit in patterns:
        story.append(
            para(f"<b>{text(hit.title)}.</b> {text(hit.explanation)}", st.body, markup=True)
        )
    # Page two: the control block and the facts behind the portfolio-level patterns.
    story += [PageBreak(), para("Document control", st.h1), control_block(copy, options, width)]
    if patterns:
        story.append(para("Evidence for the portfolio-level patterns", st.h1))
        for hit in patterns:  # explained on page one; here only the facts behind each
            story.append(para(hit.title, st.h3))
            story.append(evidence_table(_capped(hit.evidence), width))
    return story


def _capped(evidence: Sequence[Evidence]) -> list[Evidence]:
    """The evidence, cut short when it names more initiatives than a page can usefully list.

    A portfolio-level pattern's evidence names every initiative it counts; in a large portfolio
    that would run to pages that the table of all initiatives already covers.
    """
    if len(evidence) <= EVIDENCE_MAX_ROWS:
        return list(evidence)
    shown = list(evidence[: EVIDENCE_MAX_ROWS - 1])
    rest = len(evidence) - len(shown)
    shown.append(Evidence(f"… and {rest} more", "listed under “All initiatives”"))
    return shown


def in_brief(portfolio: PortfolioOverviewLike, entries: list[PortfolioEntryLike]) -> list[str]:
    """Four or five plain sentences a committee member reads first (counts, never new scores)."""
    total = len(entries)
    assessed = [e for e in entries if e.latest is not None]
    lines = []
    if not assessed:
        lines.append(f"None of the {total} initiatives has a four-layer assessment yet.")
    elif len(assessed) == total:
        lines.append(f"All {total} initiatives have a four-layer assessment.")
    else:
        lines.append(
            f"{len(assessed)} of {total} initiatives have a four-layer assessment; "
            f"{total - len(assessed)} have none yet and cannot be judged."
        )
    if assessed:
        # Every layer is counted: targets can differ by layer, so the weakest score need not
        # be the layer furthest from its own target.
        layer_bands = [
            [lr.band for lr in e.latest.layers.values()] for e in assessed if e.latest is not None
        ]
        aligned = sum(1 for b in layer_bands if b and all(x is Band.ALIGNED for x in b))
        gap = sum(1 for b in layer_bands if any(x is Band.GAP for x in b))
        if aligned == 0:
            sentence = "No assessed initiative meets its target on every layer"
        elif aligned == 1:
            sentence = "One assessed initiative meets its target on every layer"
        else:
            sentence = f"{aligned} assessed initiatives meet their targets on every layer"
        sentence += (
            f"; {gap} {'has' if gap == 1 else 'have'} at least one layer more than "
            f"{DEVELOPING_MARGIN:g} points below target."
        )
        lines.append(sentence)
        binding = Counter(
            e.latest.binding_layer
            for e in assessed
            if e.latest is not None and e.latest.binding_layer is not None
        )
        if binding:
            most = max(binding.values())
            layers = [layer.label for layer in LAYERS if binding.get(layer) == most]
            names = " and ".join(f"<b>{text(name)}</b>" for name in layers)
            each = " each" if len(layers) > 1 else ""
            lines.append(
                f"The layer that most often caps value is {names}: the weakest layer of "
                f"{most}{each} of {sum(binding.values())} scored initiatives."
            )
    if portfolio.portfolio_patterns:
        names = ", ".join(hit.title for hit in portfolio.portfolio_patterns)
        lines.append(f"Across the portfolio: <b>{text(names)}</b> (explained below).")
    counts = Counter(hit.title for e in entries for hit in e.patterns)
    if counts:
        lines.append(sections.frequent_pattern_line(counts, total))
    return lines


def _binding(result: AssessmentResult | None) -> str:
    if result is None or result.binding_layer is None:
        return "—"
    lr = result.layers.get(result.binding_layer)
    return f"{result.binding_layer.label} ({fmt_score(lr.score if lr else None)})"


def _heatmap(
    entries: list[PortfolioEntryLike],
    width: float,
    charts: ChartCache,
    progress: Progress | None = None,
) -> list[Any]:
    from reportlab.platypus import PageBreak

    st = styles()
    from avi_desktop.charts import heatmap

    story: list[Any] = [para("Heat map", st.h1)]
    shown = entries[:HEATMAP_MAX_ROWS]
    note = "Initiatives by layer, least aligned at the top; each cell gives score and band."
    if len(entries) > len(shown):
        note += (
            f" The {len(shown)} least aligned of {len(entries)} are shown; "
            "the table that follows lists every initiative."
        )
    story.append(para(note, st.body))
    pages = -(-len(shown) // HEATMAP_ROWS_PER_PAGE)
    for start in range(0, len(shown), HEATMAP_ROWS_PER_PAGE):
        chunk = shown[start : start + HEATMAP_ROWS_PER_PAGE]
        page = start // HEATMAP_ROWS_PER_PAGE + 1
        if progress is not None and f"heatmap-{start}" not in charts:
            # Each page of the heat map is a chart of its own.
            progress(page - 1, pages, f"Drawing heat map page {page} of {pages}")
        builder = _heatmap_builder(heatmap, chunk)
        story += chart(builder, width, cache=charts, key=f"heatmap-{start}")
        if start + HEATMAP_ROWS_PER_PAGE < len(shown):
            story.append(PageBreak())
    story.append(PageBreak())
    return story


def _heatmap_builder(module: Any, chunk: list[PortfolioEntryLike]) -> Callable[[], Any]:
    """A scene builder for one page of the heat map (the charts package describes it)."""
    return lambda: module.heatmap_scene(module.heatmap_entries(chunk))


def _full_table(entries: list[PortfolioEntryLike], width: float) -> Any:
    rows: list[list[object]] = []
    for e in entries:
        latest = e.latest
        scores = [
            fmt_score(lr.score if (lr := latest.layers.get(layer)) else None) if latest else "—"
            for layer in LAYERS
        ]
        rows.append(
            [
                e.name,
                e.stage.label,
                e.business_unit or "—",
                *scores,
                fmt_score(latest.alignment_index if latest else None),
                overall_band(latest),
            ]
        )
    header = ["Initiative", "Stage", "Unit", *(SHORT[layer.value] for layer in LAYERS), "Index"]
    header.append("Band")
    # Stage wide enough for "Proof of concept" on one line: a wrapped stage doubles the row.
    widths = [0.22, 0.16, 0.12, 0.072, 0.072, 0.072, 0.072, 0.072, 0.14]
    return plain_table(header, rows, [w * width for w in widths], numeric=(3, 4, 5, 6, 7))
