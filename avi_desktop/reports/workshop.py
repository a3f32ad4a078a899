"""The workshop summary: how far the room agreed, and where it did not.

For the facilitator and the sponsor after a scoring workshop: the agreement statistics per layer,
the dispersion chart, the items the group disagreed on most (first), and the stakeholder split.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avi_desktop.model.domain import LAYERS, StakeholderGroup
from avi_desktop.model.formatting import short_statement
from avi_desktop.model.instrument import Instrument, agreement_threshold_text
from avi_desktop.model.privacy import (
    DEFAULT_MIN_GROUP_SIZE,
    min_group_size_of,
    protect,
    shown_groups,
    withheld_note,
    withheld_text,
)
from avi_desktop.model.results import AssessmentResult, fmt_score
from avi_desktop.reports.common import (
    MM,
    agreement_text,
    band_text,
    fmt_date,
    fmt_rwg,
    item_table,
    items_by_disagreement,
    split_table,
)
from avi_desktop.reports.document import (
    CopyInfo,
    DocumentSpec,
    control_block,
    title_block,
    write_document,
)
from avi_desktop.reports.figures import MAX_HEIGHT_PT, ChartCache, chart
from avi_desktop.reports.options import BriefingOptions, BriefingSettings, Progress
from avi_desktop.reports.sources import AssessmentMetaLike
from avi_desktop.reports.stakeholder_value import group_views_table
from avi_desktop.reports.styles import CHART_FONT_PT, bullet, data_table, para, styles, text

if TYPE_CHECKING:
    from avi_desktop.charts.dispersion import Part
    from avi_desktop.charts.dispersion_layout import Section

KIND = "Workshop summary"


def write_workshop_summary(
    result: AssessmentResult,
    meta: AssessmentMetaLike,
    instrument: Instrument | None,
    out: Path,
    options: BriefingOptions,
    *,
    initiative_name: str = "",
    groups: Mapping[str, StakeholderGroup] | None = None,
    settings: BriefingSettings | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the workshop summary of one assessment; return the paths written."""
    title = f"{initiative_name} — {meta.title}" if initiative_name else meta.title
    spec = DocumentSpec(
        kind=KIND,
        title=title,
        subject=f"{KIND}: agreement and disagreement in {meta.title}",
        organisation=getattr(settings, "organisation", "") or "",
        fingerprint="|".join(
            [result.assessment_id, repr(result.alignment_index), meta.title, str(meta.assessed_on)]
        ),
    )

    charts = ChartCache()

    min_size = min_group_size_of(settings)

    def story(copy: CopyInfo) -> list[Any]:
        return workshop_story(
            result,
            meta,
            instrument,
            spec,
            copy,
            options=options,
            groups=groups,
            charts=charts,
            min_group_size=min_size,
        )

    return write_document(spec, story, out, options, settings, progress=progress)


def workshop_story(
    result: AssessmentResult,
    meta: AssessmentMetaLike,
    instrument: Instrument | None,
    spec: DocumentSpec,
    copy: CopyInfo,
    *,
    options: BriefingOptions,
    groups: Mapping[str, StakeholderGroup] | None = None,
    charts: ChartCache | None = None,
    width: float = 174 * MM,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> list[Any]:
    """Agreement table, dispersion chart, most-disputed items, stakeholder split.

    Groups with fewer than ``min_group_size`` respondents are named but their figures withheld.
    """
    from reportlab.platypus import Spacer

    result = protect(result, min_group_size)
    groups = shown_groups(result, groups)

    st = styles()
    subtitle = (
        f"{KIND} · {meta.mode.capitalize()} of {fmt_date(meta.assessed_on)} · "
        f"{result.respondents} respondents"
    )
    story: list[Any] = [*title_block(spec, subtitle), Spacer(1, 6)]
    story.append(
        para(
            "A score is only as meaningful as the agreement behind it. Where the room "
            "disagrees, the average hides different views of what value means: those items "
            "are the agenda for the next conversation, not a rounding error.",
            st.lead,
        )
    )
    story.append(para("In brief", st.h1))
    story += [bullet(line, markup=True) for line in in_brief(result, min_group_size, instrument)]
    story.append(para("Agreement by layer", st.h1))
    rows = []
    for layer in LAYERS:
        lr = result.layers.get(layer)
        rows.append(
            [
                layer.label,
                fmt_score(lr.score if lr else None),
                fmt_score(lr.sd if lr else None),
                agreement_text(lr),
                str(lr.n) if lr else "—",
                band_text(lr),
            ]
        )
    story.append(
        data_table(
            ["Layer", "Score", "SD", "Agreement (r_wg)", "n", "Band"],
            rows,
            [w * width for w in (0.3, 0.1, 0.1, 0.22, 0.08, 0.2)],
            numeric=(1, 2, 4),
        )
    )
    story.append(
        para(
            "SD: spread of the respondents' layer scores (points). r_wg: agreement from 0 (none) "
            f"to 1 (complete); below {agreement_threshold_text(instrument)} the layer is flagged "
            "as low agreement.",
            st.small,
        )
    )
    story += [para("Document control", st.h1), control_block(copy, options, width)]
    story += dispersion_charts(result, instrument, groups, min_group_size, width)
    story.append(para("Items with the most disagreement first", st.h1))
    story.append(
        para(
            "Means are on the 1–5 answer scale, higher always better: a statement that describes "
            "a problem is scored in reverse (6 minus the answer given), so agreeing with it "
            "lowers the mean. "
            "SD is the spread of the answers; n counts those who scored the item, N/A those "
            "who marked it not applicable.",
            st.small,
        )
    )
    story.append(
        item_table(result, instrument, width, items_by_disagreement(result), with_layer=True)
    )
    if result.stakeholder_split or result.withheld_groups:
        story.append(para("Stakeholder split", st.h1))
        if result.stakeholder_split:
            story.append(split_table(result.stakeholder_split, result.value_spread, width))
        if note := withheld_note(result, min_group_size):
            story.append(para(note, st.small))
        compared = [*result.stakeholder_split, *result.withheld_groups]
        story += group_views_table(compared, width)
    return story


def dispersion_charts(
    result: AssessmentResult,
    instrument: Instrument | None,
    groups: Mapping[str, StakeholderGroup] | None,
    min_group_size: int,
    width: float,
) -> list[Any]:
    """The layer and group panels, then every statement's answers over as many charts as keep
    their text at its printed size (a long instrument is split, never shrunk)."""
    from avi_desktop.charts.dispersion import dispersion_figure
    from avi_desktop.charts.dispersion_layout import item_charts

    plans = item_charts(
        result,
        instrument=instrument,
        width_in=width / 72,
        max_height_in=(MAX_HEIGHT_PT - 20) / 72,  # room for a two-line caption
        min_font=CHART_FONT_PT,
    )
    caption = "Each respondent's answer to each statement; a wide spread is disagreement."
    # The layer overview first: it is short, so a statements chart can share its page.
    charts: list[tuple[Part, tuple[Section, ...], str]] = [
        ("layers", (), "Each respondent's layer score, and the mean of each stakeholder group.")
    ]
    charts += [
        ("items", sections, caption + (f" Part {n} of {len(plans)}." if len(plans) > 1 else ""))
        for n, sections in enumerate(plans, start=1)
    ]
    story: list[Any] = []
    for part, sections, words in charts:
        story += chart(
            lambda part=part, sections=sections: dispersion_figure(  # type: ignore[misc]
                result,
                instrument=instrument,
                groups=groups,
                min_group_size=min_group_size,
                width_in=width / 72,
                part=part,
                min_font=CHART_FONT_PT,
                sections=sections,
            ),
            width,
            words,
        )
    return story


def in_brief(
    result: AssessmentResult,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    instrument: Instrument | None = None,
) -> list[str]:
    """Plain sentences for page one, read off the engine's figures (nothing recomputed)."""
    result = protect(result, min_group_size)
    lines: list[str] = []
    groups = [g.label for g in StakeholderGroup if g in result.stakeholder_split]
    withheld = [g for g in StakeholderGroup if g in result.withheld_groups]
    shown = [g for g in StakeholderGroup if g in result.stakeholder_split]
    named = [g.label for g in StakeholderGroup if g in shown or g in withheld]
    if named:
        sentence = (
            f"{result.respondents} respondents from {len(named)} stakeholder "
            f"group{'s' * (len(named) != 1)}: {text(_join(named))}."
        )
        small = [g.label for g in withheld if result.withheld_groups[g] < min_group_size]
        shield = [g.label for g in withheld if result.withheld_groups[g] >= min_group_size]
        if withheld and not shown and not shield:  # say it once, not after every group
            sentence += f" Every group has {withheld_text(min_group_size)}, so none is shown alone."
        elif small:
            sentence += f" Not shown alone ({withheld_text(min_group_size)}): {text(_join(small))}."
        if shield:
            sentence += (
                f" Also not shown: {text(_join(shield))}, whose figures beside the totals would "
                "reveal the smaller group's."
            )
        lines.append(sentence)
    agreed, disputed = [], []
    for layer in LAYERS:
        lr = result.layers.get(layer)
        if lr is None or lr.rwg is None:
            continue
        if lr.low_agreement:
            disputed.append(f"<b>{layer.label}</b> (agreement {fmt_rwg(lr.rwg)})")
        else:
            agreed.append(layer.label)
    if disputed:
        sentence = f"The room disagreed on {' and '.join(disputed)}: its average is not yet "
        sentence += "a shared view."
        if agreed:
            sentence += f" It agreed on {text(_join(agreed))}."
        lines.append(sentence)
    elif agreed:
        lines.append(f"The room agreed on every layer scored ({text(_join(agreed))}).")
    if result.binding_layer is not None:
        lr = result.layers[result.binding_layer]
        lines.append(
            f"Weakest layer: <b>{result.binding_layer.label}</b>, {fmt_score(lr.score)} against "
            f"a target of {fmt_score(lr.target)}; alignment index "
            f"{fmt_score(result.alignment_index)}."
        )
    spreads = [
        (spread, layer) for layer, spread in result.value_spread.items() if spread is not None
    ]
    if len(groups) > 1 and spreads:
        spread, layer = max(spreads, key=lambda pair: (pair[0], -LAYERS.index(pair[1])))
        scores = {
            g: by_layer.get(layer)
            for g, by_layer in result.stakeholder_split.items()
            if by_layer.get(layer) is not None
        }
        low = min(scores, key=lambda g: (scores[g], g.label))
        high = max(scores, key=lambda g: (scores[g], g.label))
        lines.append(
            f"Groups differ most on <b>{layer.label}</b>: {fmt_score(spread)} points between "
            f"{low.label} ({fmt_score(scores[low])}) and {high.label} ({fmt_score(scores[high])})."
        )
    top = [i for i in items_by_disagreement(result) if result.items[i].variance is not None][:3]
    if top:
        names = [_statement(instrument, item_id) for item_id in top]
        lines.append(
            f"Most disputed statements: {text('; '.join(names))} (first in the table of items)."
        )
    return lines


def _statement(instrument: Instrument | None, item_id: str) -> str:
    """'“Trade-offs between short-term return…” (LA-06)', or the code alone."""
    try:
        item = instrument.item(item_id) if instrument is not None else None
    except KeyError:
        item = None
    return f"“{short_statement(item)}” ({item_id})" if item is not None else item_id


def _join(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
