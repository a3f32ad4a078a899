"""The documented exports: ``score --json`` and the answers and portfolio CSV files.

Shapes are described in ``docs/formats.md`` and only ever grow (keys are added, never renamed).
Figures are exported unrounded so a spreadsheet can recompute them exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from avi_desktop.model.domain import LAYERS, Layer, StakeholderGroup
from avi_desktop.model.files import write_export
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.privacy import DEFAULT_MIN_GROUP_SIZE, protect
from avi_desktop.model.results import AssessmentResult, LayerResult, ResponseSet

if TYPE_CHECKING:
    from avi_desktop.model.overview import PortfolioEntry
    from avi_desktop.model.store import PortfolioStore

SCORE_JSON_VERSION = 1

ANSWERS_HEADER: tuple[str, ...] = (
    "assessment_id",
    "respondent",
    "stakeholder_group",
    "layer",
    "item_id",
    "weight",
    "reverse_keyed",
    "score",
    "comment",
    "respondent_id",
)
NOT_APPLICABLE = "N/A"

_INITIATIVE_COLUMNS: tuple[str, ...] = (
    "business_unit",
    "business_owner",
    "data_ai_partner",
    "sponsor",
    "stage_since",
    "kpi_name",
    "kpi_unit",
    "kpi_baseline",
    "kpi_target",
    "investment_to_date",
    "affected_groups",
    "tags",
)
PORTFOLIO_HEADER: tuple[str, ...] = (
    "initiative_id",
    "name",
    "stage",
    *_INITIATIVE_COLUMNS,
    "latest_assessment_id",
    *(f"{layer.value}_score" for layer in LAYERS),
    "alignment_index",
    *(f"{layer.value}_band" for layer in LAYERS),
    "binding_layer",
    "patterns",
)


def _layer_json(figures: LayerResult) -> dict[str, Any]:
    return {
        "score": figures.score,
        "target": figures.target,
        "gap": figures.gap,
        "band": None if figures.band is None else figures.band.value,
        "sd": figures.sd,
        "rwg": figures.rwg,
        "n": figures.n,
        "insufficient": figures.insufficient,
        "low_agreement": figures.low_agreement,
    }


def _groups_json(result: AssessmentResult) -> dict[str, Any]:
    """Each group's respondent count, and its layer scores unless privacy withholds them."""
    out: dict[str, Any] = {}
    for group in StakeholderGroup:
        scores = result.stakeholder_split.get(group)
        if scores is not None:
            n = result.group_sizes.get(group)
            layers = {layer.value: scores.get(layer) for layer in LAYERS}
            out[group.value] = {"n": n, "withheld": False, "layers": layers}
        elif group in result.withheld_groups:
            out[group.value] = {
                "n": result.withheld_groups[group],
                "withheld": True,
                "layers": dict.fromkeys((layer.value for layer in LAYERS), None),
            }
    return out


def score_json(
    result: AssessmentResult, min_group_size: int = DEFAULT_MIN_GROUP_SIZE
) -> dict[str, Any]:
    """Every figure of PRODUCT.md section 4 and the patterns, in the documented JSON shape.

    Stakeholder groups smaller than ``min_group_size`` keep their count but not their figures.
    """
    result = protect(result, min_group_size)
    return {
        "assessment": result.assessment_id,
        "instrument": {"id": result.instrument_id, "version": result.instrument_version},
        "respondents": result.respondents,
        "layers": {layer.value: _layer_json(result.layers[layer]) for layer in LAYERS},
        "alignment_index": result.alignment_index,
        "binding_layer": None if result.binding_layer is None else result.binding_layer.value,
        "stakeholder_split": {
            group.value: {layer.value: scores.get(layer) for layer in LAYERS}
            for group, scores in result.stakeholder_split.items()
        },
        "stakeholder_groups": _groups_json(result),
        "min_group_size": min_group_size,
        "value_spread": {layer.value: result.value_spread.get(layer) for layer in LAYERS},
        "patterns": [hit.to_json() for hit in result.patterns],
        "recommendations": [
            {
                "id": rec.id,
                "imperative": rec.imperative.value,
                "title": rec.title,
                "detail": rec.detail,
                "evidence": [
                    {"label": e.label, "value": e.value, "ref": e.ref} for e in rec.evidence
                ],
                "source": rec.source,
            }
            for rec in result.recommendations
        ],
    }


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return repr(float(value))


def answers_csv_rows(
    assessment_id: str,
    instrument: Instrument,
    responses: Sequence[ResponseSet],
    comments: Mapping[str, Mapping[str, str]] | None = None,
) -> list[tuple[str, ...]]:
    """Long form, one row per respondent and item (header first).

    ``score`` is the raw answer (before reverse keying), ``N/A`` for not applicable, and empty for
    an unanswered item, so the 60 % rule can be recomputed from the file alone.
    ``comments`` maps respondent id to item id to comment.
    """
    comments = comments or {}
    rows: list[tuple[str, ...]] = [ANSWERS_HEADER]
    for response in responses:
        notes = comments.get(response.respondent_id, {})
        for item in instrument.items():
            if item.id not in response.answers:
                score = ""
            else:
                raw = response.answers[item.id]
                score = NOT_APPLICABLE if raw is None else str(raw)
            rows.append(
                (
                    assessment_id,
                    response.name,
                    response.group.value,
                    item.layer.value,
                    item.id,
                    f"{item.weight:g}",
                    "true" if item.reverse else "false",
                    score,
                    notes.get(item.id, ""),
                    response.respondent_id,
                )
            )
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def portfolio_csv_rows(
    entries: Sequence[PortfolioEntry], initiatives: Mapping[str, Any] | None = None
) -> list[tuple[str, ...]]:
    """One row per initiative (header first): its fields, latest scores, bands and patterns.

    ``initiatives`` maps initiative id to the stored initiative for the fields an entry does not
    carry (owner, KPI, investment, ...); without it those columns are left empty.
    """
    initiatives = initiatives or {}
    rows: list[tuple[str, ...]] = [PORTFOLIO_HEADER]
    for entry in entries:
        stored = initiatives.get(entry.initiative_id)
        fields = [_cell(getattr(stored, name, None)) for name in _INITIATIVE_COLUMNS]
        if stored is None:
            fields[0], fields[1] = entry.business_unit, entry.business_owner
        latest = entry.latest
        layer_scores: list[str] = []
        bands: list[str] = []
        for layer in LAYERS:
            figures = None if latest is None else latest.layers.get(layer)
            layer_scores.append(_number(None if figures is None else figures.score))
            bands.append("" if figures is None or figures.band is None else figures.band.value)
        binding: Layer | None = None if latest is None else latest.binding_layer
        rows.append(
            (
                entry.initiative_id,
                entry.name,
                entry.stage.value,
                *fields,
                "" if latest is None else latest.assessment_id,
                *layer_scores,
                _number(None if latest is None else latest.alignment_index),
                *bands,
                "" if binding is None else binding.value,
                ";".join(hit.pattern.value for hit in entry.patterns),
            )
        )
    return rows


def write_csv(path: Path | str, rows: Iterable[Sequence[str]]) -> None:
    """Write rows as UTF-8 CSV with a BOM (so spreadsheets read it right), atomically.

    The file is written beside the target and renamed into place, so a failure never leaves a
    half-written export where an old one was.
    """

    def write(stream: IO[bytes]) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        csv.writer(text).writerows(rows)
        text.flush()
        text.detach()

    write_export(path, write, prefix=".avi-export-", suffix=".csv", sync=False)


def write_answers_csv(store: PortfolioStore, assessment_id: str, path: Path | str) -> int:
    """Write one assessment's answers as the documented answers CSV; return the answer rows.

    The one composition behind ``avi-desktop export-answers`` and File > Export in the window.
    """
    from avi_desktop.model.overview import instrument_for

    assessment = store.get_assessment(assessment_id)
    responses = store.response_sets(assessment_id)
    instrument = instrument_for(assessment.instrument_id, assessment.instrument_version)
    comments = {r.id: {a.item_id: a.comment for a in r.answers} for r in assessment.respondents}
    rows = answers_csv_rows(assessment.id, instrument, responses, comments)
    write_csv(path, rows)
    return len(rows) - 1


def write_portfolio_csv(
    store: PortfolioStore,
    path: Path | str,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write one row per initiative with its latest figures; return the initiatives written.

    ``progress(done, total)`` follows the evaluation of the portfolio, as portfolio_overview
    reports it. The one composition behind ``avi-desktop export-portfolio`` and the window.
    """
    from avi_desktop.model.overview import initiative_fields, portfolio_overview

    overview = portfolio_overview(store, progress=progress)
    stored = initiative_fields(store, overview.entries)
    rows = portfolio_csv_rows(overview.entries, stored)
    write_csv(path, rows)
    return len(rows) - 1
