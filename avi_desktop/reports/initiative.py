"""The initiative briefing: one page a director can read in two minutes, then the detail.

Page one (``initiative_summary``) says, in plain language, what the initiative is for, how
aligned it is (ring diagram, alignment index, binding layer), what that means, whether AI was
judged the right tool, and what to do next. The pages after it, built here, hold the evidence:
document control, facts, necessity, layer table, patterns, actions under the four imperatives,
overdue actions, history, stakeholder split, values decision audit and every item.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from avi_desktop.model.domain import (
    LAYERS,
    Imperative,
    PatternId,
)
from avi_desktop.model.follow_up import ActionItem, action_items
from avi_desktop.model.instrument import Instrument, agreement_threshold_text
from avi_desktop.model.privacy import (
    DEFAULT_MIN_GROUP_SIZE,
    min_group_size_of,
    protect,
    protect_overview,
    withheld_note,
)
from avi_desktop.model.results import AssessmentResult, fmt_score
from avi_desktop.reports.common import (
    MM,
    SHORT_LAYER,
    band_text,
    fmt_date,
    fmt_delta,
    fmt_short_date,
    item_table,
    layer_table,
    pattern_section,
    split_table,
)
from avi_desktop.reports.document import (
    CopyInfo,
    DocumentSpec,
    control_block,
    write_document,
)
from avi_desktop.reports.figures import ChartCache, chart
from avi_desktop.reports.initiative_summary import (
    KIND,
    investment,
    summary_page,
)
from avi_desktop.reports.options import BriefingOptions, BriefingSettings, Progress
from avi_desktop.reports.sources import InitiativeOverviewLike
from avi_desktop.reports.stakeholder_value import (
    groups_section,
    realised_value_note,
    realised_value_rows,
    timing_row,
)
from avi_desktop.reports.styles import (
    CHART_FONT_PT,
    data_table,
    key_value_table,
    para,
    styles,
    text,
)
from avi_desktop.reports.values_section import initiative_values_section

# The appendix starts on a new page only when less than this is left (points): its heading,
# note and the first layer's heading and first rows, so no heading is left alone at a foot.
APPENDIX_ROOM: Final = 160.0
LAYER_ROOM: Final = 60.0  # an appendix layer's heading, its table's header and two rows


def write_initiative_brief(
    overview: InitiativeOverviewLike,
    settings: BriefingSettings | None,
    instrument: Instrument | None,
    out: Path,
    options: BriefingOptions,
    *,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the initiative briefing (one file per recipient); return the paths written."""
    organisation = getattr(settings, "organisation", "") or ""
    spec = DocumentSpec(
        kind=KIND,
        title=overview.initiative.name,
        subject=f"{KIND}: AI value alignment of {overview.initiative.name}",
        organisation=organisation,
        fingerprint=_fingerprint(overview),
    )

    charts = ChartCache()

    min_size = min_group_size_of(settings)

    def story(copy: CopyInfo) -> list[Any]:
        return initiative_story(
            overview, instrument, spec, copy, options, charts=charts, min_group_size=min_size
        )

    return write_document(spec, story, out, options, settings, progress=progress)


def initiative_story(
    overview: InitiativeOverviewLike,
    instrument: Instrument | None,
    spec: DocumentSpec,
    copy: CopyInfo,
    options: BriefingOptions,
    *,
    charts: ChartCache | None = None,
    width: float = 174 * MM,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> list[Any]:
    """The flowables of the whole briefing: summary page, then detail sections."""
    from reportlab.platypus import PageBreak

    charts = charts or ChartCache()
    overview = protect_overview(overview, min_group_size)
    story = summary_page(overview, instrument, spec, copy, width=width, charts=charts)
    story.append(PageBreak())
    story += detail_sections(
        overview,
        instrument,
        copy,
        options,
        width=width,
        charts=charts,
        min_group_size=min_group_size,
    )
    return story


def _fingerprint(overview: InitiativeOverviewLike) -> str:
    """Ids and figures that identify this briefing's content, for deterministic document ids."""
    latest = overview.latest
    parts = [overview.initiative.id or "", overview.initiative.name]
    if latest is not None:
        parts += [latest.assessment_id, repr(latest.alignment_index)]
        parts += [repr(lr.score) for lr in latest.layers.values()]
    parts += [point.assessment_id for point in overview.trend]
    return "|".join(parts)


# --------------------------------------------------------------------------- detail


def detail_sections(
    overview: InitiativeOverviewLike,
    instrument: Instrument | None,
    copy: CopyInfo,
    options: BriefingOptions,
    *,
    width: float,
    charts: ChartCache,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> list[Any]:
    """Pages two on: document control, then the evidence behind page one."""
    from reportlab.platypus import CondPageBreak

    st = styles()
    latest = overview.latest
    story: list[Any] = [para("Document control", st.h1), control_block(copy, options, width)]
    story += _facts(overview, width)
    story += _necessity(overview, width)
    story += groups_section(overview.initiative, width)
    if latest is not None:
        story += [para("Layer scores", st.h1), layer_table(latest, width)]
        story.append(
            para(
                "Scores run from 0 to 100. Gap is how far the score falls short of its target. "
                "Aligned: at or above target; developing: within 20 points below; gap: further "
                "below. Agreement (r_wg, within-group agreement) runs from 0 to 1; below "
                f"{agreement_threshold_text(instrument)} the respondents "
                "disagree too much for the average to speak for them. SD is the spread of the "
                "respondents' layer scores, in points; n the number of respondents."
                + (
                    " A dash: agreement and spread need at least two respondents."
                    if any(lr.sd is None or lr.rwg is None for lr in latest.layers.values())
                    else ""
                ),
                st.small,
            )
        )
    story += [para("Patterns detected", st.h1)]
    story += pattern_section(
        overview.patterns, width, empty="No misalignment pattern was detected."
    )
    story += _imperatives(overview, width)
    ini = overview.initiative
    items = action_items(overview.actions, {ini.id: ini.name}, options.date_printed())
    story += overdue_section(items, width)
    story += _history(overview, width, charts)
    if latest is not None:
        story += _stakeholder_split(protect(latest, min_group_size), min_group_size, width)
    story += initiative_values_section(overview.decisions, width)
    if latest is not None:
        story += [CondPageBreak(APPENDIX_ROOM), para("Appendix: every item", st.h1)]
        story.append(
            para(
                "Item means are on the 1–5 answer scale, higher always better: a statement that "
                "describes a problem is scored in reverse (6 minus the answer given), so "
                "agreeing with it lowers the mean. SD is the spread of the answers; n counts the "
                "respondents who scored the item, N/A those who marked it not applicable"
                + ("; SD needs at least two of them." if latest.respondents < 2 else "."),
                st.small,
            )
        )
        story += _item_appendix(latest, instrument, width)
    return story


def _stakeholder_split(latest: AssessmentResult, min_group_size: int, width: float) -> list[Any]:
    """Layer scores per stakeholder group, without the groups too small to show (privacy)."""
    st = styles()
    note = withheld_note(latest, min_group_size)
    story: list[Any] = []
    if len(latest.stakeholder_split) > 1:
        story += [
            para("Stakeholder split", st.h1),
            para(
                "The same layer scores computed for each stakeholder group. A large spread "
                "means groups see the value of the initiative differently.",
                st.body,
            ),
            split_table(latest.stakeholder_split, latest.value_spread, width),
        ]
    elif latest.stakeholder_split and not latest.withheld_groups:
        [group] = latest.stakeholder_split
        story += [
            para("Stakeholder split", st.h1),
            para(
                f"Every respondent belongs to one stakeholder group ({group.label}), so the "
                "layer scores above are that group's and there is no spread between groups to "
                "show. Involve the other affected groups at the next assessment.",
                st.body,
            ),
        ]
    elif note:
        story += [
            para("Stakeholder split", st.h1),
            para(
                "Too few respondents in the stakeholder groups to compare them: a group's "
                "scores are shown only when enough of its members answered.",
                st.body,
            ),
        ]
    if note:
        story.append(para(note, st.small))
    return story


def _facts(overview: InitiativeOverviewLike, width: float) -> list[Any]:
    st = styles()
    ini = overview.initiative
    rows: list[tuple[str, object]] = [
        ("Business unit", ini.business_unit or "—"),
        ("Accountable business owner", ini.business_owner or "Not named"),
        ("Data / AI partner", ini.data_ai_partner or "—"),
        ("Sponsor", ini.sponsor or "—"),
        ("Stage", f"{ini.stage.label} since {fmt_date(ini.stage_since)}"),
    ]
    if ini.investment_to_date is not None:
        rows.append(("Investment to date", investment(overview)))
    rows += realised_value_rows(ini, getattr(overview, "currency", ""))
    if ini.description:
        rows.append(("Description", ini.description))
    table = key_value_table(rows, [0.3 * width, 0.7 * width])
    return [para("The initiative", st.h1), table, realised_value_note()]


def _necessity(overview: InitiativeOverviewLike, width: float) -> list[Any]:
    st = styles()
    story: list[Any] = [para("Is AI the right tool?", st.h1)]
    nec = overview.necessity
    if nec is None:
        story.append(
            para(
                "No necessity assessment is on record: nobody has yet shown that AI, rather "
                "than a simpler means, is needed for this problem.",
                st.body,
            )
        )
        return story
    rows: list[tuple[str, object]] = [
        ("Outcome", nec.outcome.label),
        ("Decided by", nec.decided_by or "—"),
        ("Decided on", fmt_date(nec.decided_on)),
        ("Rationale", nec.rationale or "—"),
    ]
    if nec.conditions:
        rows.append(("Conditions", "\n".join(f"• {c}" for c in nec.conditions)))
    rows.append(timing_row(nec))
    story.append(key_value_table(rows, [0.3 * width, 0.7 * width]))
    return story


def _imperatives(overview: InitiativeOverviewLike, width: float) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    st = styles()
    # The section heading and its introduction travel with the first imperative's block.
    opening: list[Any] = [
        para("Recommended actions", st.h1),
        para(
            "Filed under the four leadership imperatives. Recommendations follow from the "
            "assessment; recorded actions are those already agreed.",
            st.body,
        ),
    ]
    story: list[Any] = []
    if not overview.recommendations and not overview.actions:
        return [
            *opening,
            para("Nothing is recommended yet and no action has been recorded.", st.body),
        ]
    for imperative in Imperative:
        recs = [r for r in overview.recommendations if r.imperative == imperative]
        actions = [a for a in overview.actions if a.imperative == imperative]
        block: list[Any] = [*opening, para(imperative.label, st.h2)]
        opening = []
        if not recs and not actions:
            block.append(para("Nothing under this imperative.", st.small))
        for rec in recs:
            evidence = "; ".join(f"{e.label}: {e.value}" for e in rec.evidence)
            block.append(para(f"<b>{text(rec.title)}</b> {text(rec.detail)}", st.body, markup=True))
            if evidence:
                block.append(para(f"Evidence: {evidence}", st.small))
            block.append(Spacer(1, 5))
        if actions:
            rows = [
                [a.title, a.owner or "—", fmt_short_date(a.due_on), a.status.label] for a in actions
            ]
            block.append(
                data_table(
                    ["Recorded action", "Owner", "Due", "Status"],
                    rows,
                    [0.5 * width, 0.2 * width, 0.18 * width, 0.12 * width],
                )
            )
        story.append(KeepTogether(block))
    return story


def overdue_section(items: Sequence[ActionItem], width: float) -> list[Any]:
    """ "Overdue actions": past their due date, neither done nor dropped, oldest due first."""
    st = styles()
    late = sorted((i for i in items if i.overdue), key=lambda i: (i.due_on, i.title))
    story: list[Any] = [para("Overdue actions", st.h1)]
    if not late:
        return [*story, para("No action is overdue.", st.body)]
    rows = [
        [i.initiative_name, i.title, i.owner or "Not named", fmt_short_date(i.due_on)] for i in late
    ]
    story.append(
        data_table(
            ["Initiative", "Action", "Owner", "Due"],
            rows,
            [0.26 * width, 0.42 * width, 0.16 * width, 0.16 * width],
        )
    )
    return story


def _history(overview: InitiativeOverviewLike, width: float, charts: ChartCache) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    st = styles()
    story: list[Any] = [para("History", st.h1)]
    points = list(overview.trend)
    if not points:
        story.append(
            para("No four-layer assessment yet: the history starts with the first one.", st.body)
        )
        return story
    if len(points) < 2:
        story.append(
            para("Only one assessment so far: re-assess to see the gap close or widen.", st.body)
        )
        return story
    from avi_desktop.charts.trend import trend_scene

    latest = overview.latest
    targets = {layer: lr.target for layer, lr in latest.layers.items()} if latest else 75.0
    trend = chart(
        lambda: trend_scene(points, targets, width_in=0.8 * width / 72, min_font=CHART_FONT_PT),
        0.8 * width,
        "Layer scores and alignment index at each assessment, oldest on the left.",
        cache=charts,
        key="trend",
    )
    rows = [
        [
            fmt_short_date(p.assessed_on),
            p.title,
            *(fmt_score(p.layer_scores.get(layer)) for layer in LAYERS),
            fmt_score(p.alignment_index),
        ]
        for p in points
    ]
    comparison = overview.comparison
    if comparison is not None:
        rows.append(
            [
                "Change",
                "latest against previous",
                *(fmt_delta(comparison.deltas.get(layer)) for layer in LAYERS),
                fmt_delta(comparison.index_delta),
            ]
        )
    table = data_table(
        ["Date", "Assessment", *(SHORT_LAYER[layer] for layer in LAYERS), "Index"],
        rows,
        [0.13 * width, 0.15 * width, *([0.15 * width] * 4), 0.12 * width],
        numeric=(2, 3, 4, 5, 6),
    )
    if comparison is not None and (comparison.appeared or comparison.resolved):
        appeared = ", ".join(_pattern_label(p) for p in comparison.appeared) or "none"
        resolved = ", ".join(_pattern_label(p) for p in comparison.resolved) or "none"
        note = para(f"Patterns that appeared: {appeared}. Patterns resolved: {resolved}.", st.body)
        parts = [table, Spacer(1, 4), note]
    else:
        parts = [table]
    # Heading, chart, table and note on one page when they fit (a long history still splits
    # cleanly). The chart's own KeepTogether is opened: one nested in another measures as
    # endless, so ReportLab started the history on a new page however much room was left.
    drawn = [p for f in trend for p in (f._content if isinstance(f, KeepTogether) else [f])]
    return [KeepTogether([*story, *drawn, *parts])]


def _pattern_label(value: PatternId) -> str:
    return value.label


def _item_appendix(
    result: AssessmentResult, instrument: Instrument | None, width: float
) -> list[Any]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import CondPageBreak

    st = styles()
    flowing = ParagraphStyle("appendix-layer", parent=st.h2, keepWithNext=0)
    story: list[Any] = []
    for layer in LAYERS:
        ids = [i for i, ir in result.items.items() if ir.layer == layer]
        if instrument is not None:
            order = [item.id for item in instrument.layer(layer).items]
            ids = sorted(ids, key=lambda i: order.index(i) if i in order else len(order))
        if not ids:
            continue
        # Kept with its table's first rows, not with the whole table: a heading kept "with next"
        # (``document.keep_headings``) moves heading and table together, so a layer's table
        # longer than the room left started on a new page and left the foot of one empty.
        heading = para(f"{layer.label} ({band_text(result.layers.get(layer))})", flowing)
        story += [CondPageBreak(LAYER_ROOM), heading, item_table(result, instrument, width, ids)]
    return story
