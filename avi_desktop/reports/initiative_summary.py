"""Page one of the initiative briefing: what a director reads in two minutes.

What the initiative is for, four headline boxes (alignment index, binding layer, necessity
outcome, stage), the ring diagram, what the figures mean in plain sentences and up to three
things to do next. The ring gives way so the whole summary always fits the first page.
"""

from __future__ import annotations

from typing import Any

from avi_desktop.model.domain import LAYERS, Band, Stage
from avi_desktop.model.formatting import fmt_amount, fmt_plain, unit_currency
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.realised_value import realised_value
from avi_desktop.model.results import fmt_number, fmt_score
from avi_desktop.reports.common import fmt_date, reading_guide
from avi_desktop.reports.document import CopyInfo, DocumentSpec, title_block
from avi_desktop.reports.figures import ChartCache, fitted_scene
from avi_desktop.reports.fonts import FAMILY
from avi_desktop.reports.sources import InitiativeOverviewLike
from avi_desktop.reports.styles import CHART_FONT_PT, para, styles, text

KIND = "Initiative briefing"


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
    story.append(para(purpose(overview), st.body, markup=True))
    story.append(Spacer(1, 2))
    story.append(headline(overview, width))
    tail: list[Any] = []
    if latest is not None:
        tail.append(
            para(
                "One ring per layer, Technology at the centre, Societal Trust outside: the "
                "filled arc is the score, the tick the target.",
                st.figure,
            )
        )
    tail.append(para("What it means", st.h2))
    for line in meaning(overview):
        tail.append(para(line, st.body, markup=True))
    tail += next_steps(overview)
    if latest is not None:
        tail += reading_guide(instrument, width)
    if latest is None:
        return story + tail
    from avi_desktop.charts.ring import ring_scene

    # The ring spans the page and gives way (down to about two thirds of its height) so the
    # whole summary stays on page one; its text keeps its printed size either way.
    story.append(Spacer(1, 6))
    story += fitted_scene(
        lambda w, h: ring_scene(
            latest,
            instrument=instrument,
            variant="layer",
            width_in=w / 72,
            height_in=h / 72,
            font_pt=CHART_FONT_PT,
        ),
        width,
        tail,
        heights=(170.0, 250.0),
    )
    return story


def purpose(overview: InitiativeOverviewLike) -> str:
    """The problem, what the initiative produces and how success is measured (markup)."""
    ini = overview.initiative
    sentences: list[str] = []
    problem = (ini.business_problem or ini.description or "").strip()
    if problem:
        sentences.append(text(problem))
    if (ini.expected_output or "").strip():
        sentences.append(f"It produces {text(_lower_first(ini.expected_output.strip()))}")
        if (ini.output_use or "").strip():
            sentences.append(text(ini.output_use.strip()))
    if (ini.kpi_name or "").strip():
        unit = ini.kpi_unit or ""
        kpi = f"Success is measured by <b>{text(ini.kpi_name)}</b>"
        if ini.kpi_baseline is not None and ini.kpi_target is not None:
            kpi += (
                f": from {text(fmt_amount(ini.kpi_baseline, unit))} "
                f"to {text(fmt_amount(ini.kpi_target, unit))}"
            )
        sentences.append(kpi + ".")
        value = realised_value(ini, getattr(overview, "currency", ""))
        if value.latest is not None:
            sentences.append(f"Latest actual: {text(value.latest_text())}.")
            if value.progress is not None:
                sentences.append(progress_sentence(value.progress))
        else:
            sentences[-1] = sentences[-1].rstrip(".") + "; not measured since the baseline."
    else:
        sentences.append("<b>No measurable outcome (KPI) has been defined.</b>")
    return " ".join(s if s.endswith((".", "!", "?", ">")) else s + "." for s in sentences)


def progress_sentence(progress: float) -> str:
    """The share of the promised change delivered; a KPI that moved the wrong way says so
    instead of printing a negative share ("-10 % delivered")."""
    if fmt_number(progress, 0).startswith("-"):
        return (
            "The KPI has moved away from the target since the baseline: none of the promised "
            "change is delivered."
        )
    return f"{fmt_number(progress, 0)} % of the promised change is delivered."


def _lower_first(value: str) -> str:
    """'A triage label' -> 'a triage label', but 'AI scores' stays as it is."""
    if len(value) > 1 and value[1].isupper():
        return value
    return value[:1].lower() + value[1:]


def number(value: float) -> str:
    """A stated amount as written by people: 640,000 or 2.5, never 640000.0."""
    return fmt_plain(value)


def investment(overview: InitiativeOverviewLike) -> str:
    """The investment to date, in the currency the initiative's KPI is stated in, else the
    portfolio's, if any."""
    ini = overview.initiative
    if ini.investment_to_date is None:
        return "—"
    currency = unit_currency(ini.kpi_unit or "")[0] or getattr(overview, "currency", "")
    return fmt_amount(ini.investment_to_date, currency=currency)


def headline(overview: InitiativeOverviewLike, width: float) -> Any:
    """Four boxes: alignment index, binding layer, necessity outcome, stage."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import Table, TableStyle

    st = styles()
    latest = overview.latest
    if latest is None:
        index_cell = para("Not assessed", st.cell_bold)
        binding = "Not assessed"
    elif latest.alignment_index is None:
        index_cell = para("Not given: too few answers", st.cell_bold)
        binding = "Not given: too few answers"
    else:
        index = fmt_score(latest.alignment_index)
        index_cell = para(f"{index}<font size=9> / 100</font>", st.callout, markup=True)
        binding = "—"
    if latest is not None and latest.binding_layer is not None:
        lr = latest.layers.get(latest.binding_layer)
        score = fmt_score(lr.score if lr else None)
        target = fmt_score(lr.target if lr else None)
        binding = f"{latest.binding_layer.label}<br/>{score} of target {target}"
    necessity = "Not assessed"
    if overview.necessity is not None:
        necessity = overview.necessity.outcome.label
    stage = overview.initiative.stage.label
    if overview.initiative.stage_since is not None:
        # The date never breaks inside itself ("since 10 February / 2025"): spaces that hold.
        stage += "<br/>since " + fmt_date(overview.initiative.stage_since).replace(" ", "\u00a0")
    cells = [
        [
            para("Alignment index", st.small),
            para("Binding layer", st.small),
            para("Is AI the right tool?", st.small),
            para("Stage", st.small),
        ],
        [
            index_cell,
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


def meaning(overview: InitiativeOverviewLike) -> list[str]:
    """Plain sentences read off the result: binding layer, bands, agreement, patterns, change."""
    latest = overview.latest
    if latest is None:
        stage = overview.initiative.stage
        if stage == Stage.RETIRED:
            return [
                "This initiative was retired without a four-layer assessment, so its alignment "
                "was never measured. Record what was learnt in the values decision audit."
            ]
        if stage == Stage.PAUSED:
            return [
                "This initiative has not been assessed yet, so its alignment is unknown. Run "
                "the four-layer assessment before deciding whether to resume it."
            ]
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
    sentence = _layers_meeting_target(len(by_band[Band.ALIGNED]))
    bands = (
        (Band.GAP, ("Clear gap", "Clear gaps"), "show a clear gap"),
        (Band.DEVELOPING, ("Developing", "Developing"), "are developing"),
    )
    for band, (one, many), all_four in bands:
        if len(by_band[band]) == len(LAYERS):  # one short clause instead of four names
            sentence = sentence.rstrip(".") + f"; all four {all_four}."
        elif by_band[band]:
            words = one if len(by_band[band]) == 1 else many
            sentence += f" {words}: {text(', '.join(by_band[band]))}."
    lines.append(sentence)
    low = [layer.label for layer in LAYERS if (lr := latest.layers.get(layer)) and lr.low_agreement]
    if low:
        lines.append(
            f"Respondents disagree on {text(', '.join(low))}: the average hides different "
            "views of value that need to be talked through before the score is relied on."
        )
    if overview.patterns:
        names = ", ".join(hit.title for hit in overview.patterns)
        lines.append(
            f"Patterns of misalignment detected: <b>{text(names)}</b> (evidence under "
            "“Patterns detected”)."
        )
    if overview.comparison is not None and overview.comparison.index_delta is not None:
        lines.append(index_change_sentence(overview.comparison.index_delta))
    return lines


def index_change_sentence(delta: float) -> str:
    """'Since the previous assessment the alignment index has risen 18.4 points.'"""
    size = fmt_number(abs(delta), 1)
    if size == fmt_number(0.0, 1):
        return "Since the previous assessment the alignment index has not changed."
    way = "risen" if delta > 0 else "fallen"
    return f"Since the previous assessment the alignment index has {way} {size} points."


COUNT_WORDS = {2: "Two", 3: "Three"}


def _layers_meeting_target(aligned: int) -> str:
    """'None of the four layers meets its target.' ... 'All four layers meet their targets.'"""
    if aligned == 0:
        return "None of the four layers meets its target."
    if aligned == 1:
        return "One of the four layers meets its target."
    if aligned == len(LAYERS):
        return "All four layers meet their targets."
    return f"{COUNT_WORDS[aligned]} of the four layers meet their targets."


def next_steps(overview: InitiativeOverviewLike) -> list[Any]:
    """The heading and up to three recommendations, the heading saying how many there are."""
    st = styles()
    recs = list(overview.recommendations)[:3]
    heading = f"{COUNT_WORDS[len(recs)]} things to do next" if len(recs) > 1 else "What to do next"
    if not recs:
        none = (
            "No recommendation arises from the current assessment."
            if overview.latest is not None
            else "No recommendation yet: there is no assessment to draw one from."
        )
        return [para(heading, st.h2), para(none, st.body)]
    return [
        para(heading, st.h2),
        *(
            para(
                f"<b>{n}. {text(rec.title)}</b> <font size=8 color='#555555'>"
                f"({text(rec.imperative.label)})</font>",
                st.body,
                markup=True,
            )
            for n, rec in enumerate(recs, start=1)
        ),
    ]
