"""The initiative briefing: one page a director can read in two minutes, then the detail.

Page one says, in plain language, what the initiative is for, how aligned it is (ring diagram,
alignment index, binding layer), what that means, whether AI was judged the right tool, and the
three things to do next. The pages after it hold the evidence: layer table, patterns, actions
under the four imperatives, history, stakeholder split, values decisions and every item.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from avi_desktop.model.domain import (
    LAYERS,
    Band,
    Imperative,
    NecessityOutcome,
    PatternId,
    Stage,
    ValueStance,
)
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.results import AssessmentResult, fmt_score
from avi_desktop.reports.common import (
    MM,
    band_text,
    fmt_date,
    fmt_delta,
    item_table,
    layer_table,
    pattern_section,
    split_table,
)
from avi_desktop.reports.document import (
    CopyInfo,
    DocumentSpec,
    control_block,
    title_block,
    write_document,
)
from avi_desktop.reports.figures import ChartCache, chart
from avi_desktop.reports.fonts import FAMILY
from avi_desktop.reports.options import BriefingOptions, BriefingSettings, Progress
from avi_desktop.reports.sources import InitiativeOverviewLike
from avi_desktop.reports.styles import data_table, key_value_table, para, styles, text

KIND = "Initiative briefing"


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

    def story(copy: CopyInfo) -> list[Any]:
        return initiative_story(overview, instrument, spec, copy, options, charts=charts)

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
) -> list[Any]:
    """The flowables of the whole briefing: summary page, then detail sections."""
    from reportlab.platypus import PageBreak

    charts = charts or ChartCache()
    story = summary_page(overview, instrument, spec, copy, width=width, charts=charts)
    story.append(PageBreak())
    story += detail_sections(overview, instrument, copy, options, width=width, charts=charts)
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


# --------------------------------------------------------------------------- page one


def summary_page(
    overview: InitiativeOverviewLike,
    instrument: Instrument | None,
    spec: DocumentSpec,
    copy: CopyInfo,
    *,
    width: float,
    charts: ChartCache,
) -> list[Any]:
    """Page one: purpose, headline figures, ring diagram, what it means, what to do next."""
    from reportlab.platypus import Spacer

    st = styles()
    latest = overview.latest
    subtitle = f"{KIND} · {spec.organisation + ' · ' if spec.organisation else ''}"
    subtitle += fmt_date(copy.issued)
    story: list[Any] = [*title_block(spec, subtitle), Spacer(1, 4)]
    story.append(para("What it is for", st.h2))
    story.append(para(_purpose(overview), st.body, markup=True))
    story.append(Spacer(1, 2))
    story.append(_headline(overview, width))
    if latest is not None:
        from avi_desktop.charts.ring import ring_figure

        story += chart(
            lambda: ring_figure(latest, instrument=instrument, variant="layer"),
            0.72 * width,
            "Each ring is one layer, from Technology at the centre to Societal Trust outside; "
            "the filled arc is the score, the tick the target.",
            cache=charts,
            key="ring",
        )
    story.append(para("What it means", st.h2))
    for line in _meaning(overview):
        story.append(para(line, st.body, markup=True))
    story.append(para("Three things to do next", st.h2))
    story += _next_steps(overview)
    return story


def _purpose(overview: InitiativeOverviewLike) -> str:
    ini = overview.initiative
    sentences: list[str] = []
    problem = (ini.business_problem or ini.description or "").strip()
    if problem:
        sentences.append(text(problem))
    if (ini.expected_output or "").strip():
        use = f" {text(ini.output_use.strip())}" if (ini.output_use or "").strip() else ""
        sentences.append(f"It produces {text(_lower_first(ini.expected_output.strip()))}{use}")
    if (ini.kpi_name or "").strip():
        unit = f" {ini.kpi_unit}" if ini.kpi_unit else ""
        kpi = f"Success is measured by <b>{text(ini.kpi_name)}</b>"
        if ini.kpi_baseline is not None and ini.kpi_target is not None:
            kpi += (
                f": from {text(_number(ini.kpi_baseline))}{text(unit)} "
                f"to {text(_number(ini.kpi_target))}{text(unit)}"
            )
        sentences.append(kpi + ".")
    else:
        sentences.append("<b>No measurable outcome (KPI) has been defined.</b>")
    return " ".join(s if s.endswith((".", "!", "?", ">")) else s + "." for s in sentences)


def _lower_first(value: str) -> str:
    """'A triage label' -> 'a triage label', but 'AI scores' stays as it is."""
    if len(value) > 1 and value[1].isupper():
        return value
    return value[:1].lower() + value[1:]


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def _headline(overview: InitiativeOverviewLike, width: float) -> Any:
    """Four boxes: alignment index, binding layer, necessity outcome, stage."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import Table, TableStyle

    st = styles()
    latest = overview.latest
    index = fmt_score(latest.alignment_index if latest else None)
    binding = "—"
    if latest is not None and latest.binding_layer is not None:
        lr = latest.layers.get(latest.binding_layer)
        score = fmt_score(lr.score if lr else None)
        target = fmt_score(lr.target if lr else None)
        binding = f"{latest.binding_layer.label}<br/>{score} of target {target}"
    necessity = "Not assessed"
    if overview.necessity is not None:
        necessity = _outcome_label(overview.necessity.outcome)
    stage = _stage_label(overview.initiative.stage)
    if overview.initiative.stage_since is not None:
        stage += f"<br/>since {fmt_date(overview.initiative.stage_since)}"
    cells = [
        [
            para("Alignment index", st.small),
            para("Binding layer", st.small),
            para("Is AI the right tool?", st.small),
            para("Stage", st.small),
        ],
        [
            para(f"{index}<font size=9> / 100</font>", st.callout, markup=True),
            para(binding, st.cell_bold, markup=True),
            para(text(necessity), st.cell_bold, markup=True),
            para(stage, st.cell_bold, markup=True),
        ],
    ]
    table = Table(cells, colWidths=[0.25 * width] * 4)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("BOX", (0, 0), (-1, -1), 0.6, Color(0.6, 0.6, 0.62)),
                ("INNERGRID", (0, 0), (-1, -1), 0.3, Color(0.8, 0.8, 0.82)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), Color(0.95, 0.95, 0.96)),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
            ]
        )
    )
    return table


def _outcome_label(value: str) -> str:
    try:
        return NecessityOutcome(value).label
    except ValueError:
        return value


def _stage_label(value: str) -> str:
    try:
        return Stage(value).label
    except ValueError:
        return value


def _meaning(overview: InitiativeOverviewLike) -> list[str]:
    """Plain sentences read off the result: binding layer, bands, agreement, patterns, change."""
    latest = overview.latest
    if latest is None:
        return [
            "This initiative has not been assessed yet, so its alignment is unknown. "
            "Run the four-layer assessment before any decision to fund or scale it."
        ]
    lines: list[str] = []
    if latest.binding_layer is not None:
        binding = latest.layers[latest.binding_layer]
        lines.append(
            f"The value this initiative can deliver is capped by its weakest layer, "
            f"<b>{latest.binding_layer.label}</b> ({fmt_score(binding.score)} against a target "
            f"of {fmt_score(binding.target)}): strength elsewhere cannot make up for it."
        )
    elif latest.alignment_index is None:
        lines.append(
            "At least one layer has too few answers to score, so no alignment index is given."
        )
    by_band: dict[Band, list[str]] = {band: [] for band in Band}
    for layer in LAYERS:
        result = latest.layers.get(layer)
        if result is not None and result.band is not None and not result.insufficient:
            by_band[result.band].append(layer.label)
    aligned = len(by_band[Band.ALIGNED])
    sentence = f"{aligned} of {len(LAYERS)} layers meet their target."
    if by_band[Band.GAP]:
        sentence += f" Clear gaps: {text(', '.join(by_band[Band.GAP]))}."
    if by_band[Band.DEVELOPING]:
        sentence += f" Developing: {text(', '.join(by_band[Band.DEVELOPING]))}."
    lines.append(sentence)
    low = [layer.label for layer in LAYERS if (lr := latest.layers.get(layer)) and lr.low_agreement]
    if low:
        lines.append(
            f"Respondents disagree on {text(', '.join(low))}: the average hides different "
            "views of value that need to be talked through before the score is relied on."
        )
    if overview.patterns:
        names = ", ".join(hit.title for hit in overview.patterns)
        lines.append(f"Patterns of misalignment detected: <b>{text(names)}</b> (see page 2 on).")
    if overview.comparison is not None and overview.comparison.index_delta is not None:
        lines.append(
            f"Since the previous assessment the alignment index has moved "
            f"{fmt_delta(overview.comparison.index_delta)} points."
        )
    return lines


def _next_steps(overview: InitiativeOverviewLike) -> list[Any]:
    st = styles()
    recs = list(overview.recommendations)[:3]
    if not recs:
        return [para("No recommendation arises from the current assessment.", st.body)]
    return [
        para(
            f"<b>{n}. {text(rec.title)}</b> <font size=8 color='#555555'>"
            f"({text(rec.imperative.label)})</font>",
            st.body,
            markup=True,
        )
        for n, rec in enumerate(recs, start=1)
    ]


# --------------------------------------------------------------------------- detail


def detail_sections(
    overview: InitiativeOverviewLike,
    instrument: Instrument | None,
    copy: CopyInfo,
    options: BriefingOptions,
    *,
    width: float,
    charts: ChartCache,
) -> list[Any]:
    """Pages two on: document control, then the evidence behind page one."""
    from reportlab.platypus import PageBreak

    st = styles()
    latest = overview.latest
    story: list[Any] = [para("Document control", st.h1), control_block(copy, options, width)]
    story += _facts(overview, width)
    story += _necessity(overview, width)
    if latest is not None:
        story += [para("Layer scores", st.h1), layer_table(latest, width)]
        story.append(
            para(
                "Scores run from 0 to 100. Gap is how far the score falls short of its target. "
                "Aligned: at or above target; developing: within 20 points below; gap: further "
                "below. r_wg is within-group agreement from 0 to 1; below 0.70 the respondents "
                "disagree too much for the average to speak for them.",
                st.small,
            )
        )
    story += [para("Patterns detected", st.h1)]
    story += pattern_section(
        overview.patterns, width, empty="No misalignment pattern was detected."
    )
    story += _imperatives(overview, width)
    story += _history(overview, width, charts)
    if latest is not None and latest.stakeholder_split:
        story += [
            para("Stakeholder split", st.h1),
            para(
                "The same layer scores computed for each stakeholder group. A large spread "
                "means groups see the value of the initiative differently.",
                st.body,
            ),
            split_table(latest.stakeholder_split, latest.value_spread, width),
        ]
    story += _decisions(overview, width)
    if latest is not None:
        story += [PageBreak(), para("Appendix: every item", st.h1)]
        story.append(
            para(
                "Item means are on the 1–5 answer scale after reverse keying; n counts the "
                "respondents who scored the item, N/A those who marked it not applicable.",
                st.small,
            )
        )
        story += _item_appendix(latest, instrument, width)
    return story


def _facts(overview: InitiativeOverviewLike, width: float) -> list[Any]:
    st = styles()
    ini = overview.initiative
    rows: list[tuple[str, object]] = [
        ("Business unit", ini.business_unit or "—"),
        ("Accountable business owner", ini.business_owner or "Not named"),
        ("Data / AI partner", ini.data_ai_partner or "—"),
        ("Sponsor", ini.sponsor or "—"),
        ("Stage", f"{_stage_label(ini.stage)} since {fmt_date(ini.stage_since)}"),
    ]
    if ini.investment_to_date is not None:
        rows.append(("Investment to date", _number(ini.investment_to_date)))
    if ini.description:
        rows.append(("Description", ini.description))
    return [para("The initiative", st.h1), key_value_table(rows, [0.3 * width, 0.7 * width])]


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
        ("Outcome", _outcome_label(nec.outcome)),
        ("Decided by", nec.decided_by or "—"),
        ("Decided on", fmt_date(nec.decided_on)),
        ("Rationale", nec.rationale or "—"),
    ]
    if nec.conditions:
        rows.append(("Conditions", "\n".join(f"• {c}" for c in nec.conditions)))
    story.append(key_value_table(rows, [0.3 * width, 0.7 * width]))
    return story


def _imperatives(overview: InitiativeOverviewLike, width: float) -> list[Any]:
    from reportlab.platypus import KeepTogether

    st = styles()
    story: list[Any] = [para("Recommended actions", st.h1)]
    story.append(
        para(
            "Filed under the four leadership imperatives. Recommendations follow from the "
            "assessment; recorded actions are those already agreed.",
            st.body,
        )
    )
    for imperative in Imperative:
        recs = [r for r in overview.recommendations if r.imperative == imperative]
        actions = [a for a in overview.actions if a.imperative == imperative.value]
        block: list[Any] = [para(imperative.label, st.h2)]
        if not recs and not actions:
            block.append(para("Nothing under this imperative.", st.small))
        for rec in recs:
            evidence = "; ".join(f"{e.label}: {e.value}" for e in rec.evidence)
            block.append(para(f"<b>{text(rec.title)}</b> {text(rec.detail)}", st.body, markup=True))
            if evidence:
                block.append(para(f"Evidence: {evidence}", st.small))
        if actions:
            rows = [
                [a.title, a.owner or "—", fmt_date(a.due_on), (a.status or "").replace("_", " ")]
                for a in actions
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


def _history(overview: InitiativeOverviewLike, width: float, charts: ChartCache) -> list[Any]:
    st = styles()
    story: list[Any] = [para("History", st.h1)]
    points = list(overview.trend)
    if len(points) < 2:
        story.append(
            para("Only one assessment so far: re-assess to see the gap close or widen.", st.body)
        )
        return story
    from avi_desktop.charts.trend import trend_figure

    latest = overview.latest
    targets = {layer: lr.target for layer, lr in latest.layers.items()} if latest else 75.0
    story += chart(
        lambda: trend_figure(points, targets),
        0.8 * width,
        "Layer scores and alignment index at each assessment, oldest on the left.",
        cache=charts,
        key="trend",
    )
    rows = [
        [
            fmt_date(p.assessed_on),
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
    short = ["Technology", "Leadership", "Organisation", "Trust"]
    story.append(
        data_table(
            ["Date", "Assessment", *short, "Index"],
            rows,
            [0.13 * width, 0.15 * width, *([0.15 * width] * 4), 0.12 * width],
            numeric=(2, 3, 4, 5, 6),
        )
    )
    if comparison is not None and (comparison.appeared or comparison.resolved):
        appeared = ", ".join(_pattern_label(p) for p in comparison.appeared) or "none"
        resolved = ", ".join(_pattern_label(p) for p in comparison.resolved) or "none"
        story.append(
            para(f"Patterns that appeared: {appeared}. Patterns resolved: {resolved}.", st.body)
        )
    return story


def _pattern_label(value: PatternId) -> str:
    return value.label


def _decisions(overview: InitiativeOverviewLike, width: float) -> list[Any]:
    from reportlab.platypus import KeepTogether

    st = styles()
    story: list[Any] = [para("Values decision audit", st.h1)]
    if not overview.decisions:
        story.append(
            para(
                "No decision has been recorded for this initiative. Stated values show only in "
                "the decisions taken when something is at stake: record them here.",
                st.body,
            )
        )
        return story
    story.append(
        para(
            "Decisions actually taken when something was at stake, the stated values each "
            "upheld or departed from, the logic that really drove them and the cost of the "
            "decision not made.",
            st.body,
        )
    )
    for decision in overview.decisions:
        upheld = [s.value.name for s in decision.stances if s.stance == ValueStance.UPHELD.value]
        departed = [
            s.value.name for s in decision.stances if s.stance == ValueStance.DEPARTED.value
        ]
        rows: list[tuple[str, object]] = [
            ("Decided on", f"{fmt_date(decision.decided_on)} by {decision.decided_by or '—'}"),
            ("Upheld", ", ".join(upheld) or "—"),
            ("Departed from", ", ".join(departed) or "—"),
            ("Situation", decision.situation or "—"),
            ("Logic that drove it", decision.actual_logic or "—"),
            ("Cost of the decision not made", decision.cost_of_decision_not_made or "—"),
        ]
        story.append(
            KeepTogether(
                [
                    para(decision.title, st.h3),
                    key_value_table(rows, [0.3 * width, 0.7 * width]),
                ]
            )
        )
    return story


def _item_appendix(
    result: AssessmentResult, instrument: Instrument | None, width: float
) -> list[Any]:
    st = styles()
    story: list[Any] = []
    for layer in LAYERS:
        ids = [i for i, ir in result.items.items() if ir.layer == layer]
        if instrument is not None:
            order = [item.id for item in instrument.layer(layer).items]
            ids = sorted(ids, key=lambda i: order.index(i) if i in order else len(order))
        if not ids:
            continue
        story.append(para(f"{layer.label} ({band_text(result.layers.get(layer))})", st.h2))
        story.append(item_table(result, instrument, width, ids))
    return story
