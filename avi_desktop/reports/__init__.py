"""Confidential PDF briefings built with ReportLab from model results and charts. No Qt.

Importing this package loads neither ReportLab nor matplotlib: the four writers below import
their modules only when called, so the window can offer an export without paying for it at
start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from avi_desktop.reports.options import (
    DEFAULT_CLASSIFICATION,
    BriefingOptions,
    BriefingSettings,
    Progress,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from avi_desktop.model.domain import StakeholderGroup
    from avi_desktop.model.entities import Action
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.results import AssessmentResult
    from avi_desktop.model.values_audit import ValuesAudit
    from avi_desktop.reports.sources import (
        AssessmentMetaLike,
        InitiativeOverviewLike,
        PortfolioOverviewLike,
    )


def write_initiative_brief(
    overview: InitiativeOverviewLike,
    settings: BriefingSettings | None,
    instrument: Instrument | None,
    out: Path,
    options: BriefingOptions,
    *,
    progress: Progress | None = None,
) -> list[Path]:
    """Initiative briefing: a one-page summary for directors, then the evidence."""
    from avi_desktop.reports import initiative

    return initiative.write_initiative_brief(
        overview, settings, instrument, out, options, progress=progress
    )


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
    """Portfolio committee paper: summary, heat map, full table, overdue actions (of
    ``actions``), the values decision audit (``values``), a section per initiative."""
    from avi_desktop.reports import portfolio as paper

    return paper.write_portfolio_paper(
        portfolio, settings, out, options, progress, actions=actions, values=values
    )


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
    """Workshop summary: agreement, dispersion, the most disputed items, stakeholder split."""
    from avi_desktop.reports import workshop

    return workshop.write_workshop_summary(
        result,
        meta,
        instrument,
        out,
        options,
        initiative_name=initiative_name,
        groups=groups,
        settings=settings,
        progress=progress,
    )


def write_questionnaire(
    instrument: Instrument,
    out: Path,
    options: BriefingOptions,
    *,
    settings: BriefingSettings | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Blank printable questionnaire for workshops scored on paper."""
    from avi_desktop.reports import questionnaire

    return questionnaire.write_questionnaire(
        instrument, out, options, settings=settings, progress=progress
    )


__all__ = [
    "DEFAULT_CLASSIFICATION",
    "BriefingOptions",
    "BriefingSettings",
    "Progress",
    "write_initiative_brief",
    "write_portfolio_paper",
    "write_questionnaire",
    "write_workshop_summary",
]
