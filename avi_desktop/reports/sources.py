"""The shapes of the overviews a briefing is built from.

Layout code never queries the portfolio: the caller passes the engine's overview objects in.
These protocols name exactly the attributes read, so ``model.overview``'s dataclasses (and
hand-built ones in tests) satisfy them without a dependency on how they are produced.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from avi_desktop.model.domain import Stage
from avi_desktop.model.entities import Action, Decision, Initiative, NecessityAssessment
from avi_desktop.model.results import (
    AssessmentResult,
    HistoryComparison,
    HistoryPoint,
    PatternHit,
    Recommendation,
)


class InitiativeOverviewLike(Protocol):
    """One initiative with its latest result, history, actions and decisions."""

    @property
    def initiative(self) -> Initiative: ...
    @property
    def necessity(self) -> NecessityAssessment | None: ...
    @property
    def latest(self) -> AssessmentResult | None: ...
    @property
    def previous(self) -> AssessmentResult | None: ...
    @property
    def comparison(self) -> HistoryComparison | None: ...
    @property
    def trend(self) -> Sequence[HistoryPoint]: ...
    @property
    def patterns(self) -> Sequence[PatternHit]: ...
    @property
    def recommendations(self) -> Sequence[Recommendation]: ...
    @property
    def actions(self) -> Sequence[Action]: ...
    @property
    def decisions(self) -> Sequence[Decision]: ...


class PortfolioEntryLike(Protocol):
    """One row of the portfolio: an initiative and its latest result."""

    @property
    def initiative_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def stage(self) -> Stage: ...
    @property
    def business_unit(self) -> str: ...
    @property
    def business_owner(self) -> str: ...
    @property
    def latest(self) -> AssessmentResult | None: ...
    @property
    def patterns(self) -> Sequence[PatternHit]: ...


class PortfolioOverviewLike(Protocol):
    """The whole portfolio, entries ordered by alignment index, with portfolio-level patterns."""

    @property
    def organisation(self) -> str: ...
    @property
    def entries(self) -> Sequence[PortfolioEntryLike]: ...
    @property
    def portfolio_patterns(self) -> Sequence[PatternHit]: ...


class AssessmentMetaLike(Protocol):
    """What a workshop summary says about the assessment itself (``entities.Assessment`` fits)."""

    @property
    def title(self) -> str: ...
    @property
    def assessed_on(self) -> date: ...
    @property
    def mode(self) -> str: ...
    @property
    def status(self) -> str: ...
