"""What every view shows, computed once: an evaluated assessment, one initiative, the portfolio.

Screens, the command line and the briefings call these functions and render the results; none of
them recomputes a figure.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, String, select, true, type_coerce

from avi_desktop.model.domain import (
    DEFAULT_TARGET,
    LAYERS,
    AssessmentStatus,
    Layer,
    Stage,
)
from avi_desktop.model.entities import (
    Action,
    Answer,
    Assessment,
    Decision,
    Initiative,
    NecessityAssessment,
    Respondent,
)
from avi_desktop.model.errors import InstrumentError
from avi_desktop.model.evaluate import evaluate
from avi_desktop.model.history import compare, history_point, trend
from avi_desktop.model.instrument import (
    NEWEST_VERSION,
    Instrument,
    bundled_instrument,
    bundled_version,
)
from avi_desktop.model.necessity import NecessityFacts
from avi_desktop.model.pattern_facts import decisions_by_initiative
from avi_desktop.model.patterns import InitiativeFacts, detect_patterns, detect_portfolio_patterns
from avi_desktop.model.privacy import patterns_shown
from avi_desktop.model.realised_value import RealisedValue, realised_value
from avi_desktop.model.recommendations import recommend
from avi_desktop.model.results import (
    AssessmentResult,
    HistoryComparison,
    HistoryPoint,
    PatternHit,
    Recommendation,
    ResponseSet,
)
from avi_desktop.model.store import PortfolioStore, response_sets_of


@dataclass(frozen=True)
class InitiativeOverview:
    initiative: Initiative  # detached ORM object (store.get_initiative)
    necessity: NecessityAssessment | None  # the newest
    latest: AssessmentResult | None  # newest non-draft assessment, evaluated
    previous: AssessmentResult | None
    comparison: HistoryComparison | None
    trend: tuple[HistoryPoint, ...]  # oldest first
    # The latest assessment's patterns, or the initiative-level ones (stage, KPI, owner,
    # necessity) when it has no assessment yet.
    patterns: tuple[PatternHit, ...]
    recommendations: tuple[Recommendation, ...]
    actions: tuple[Action, ...]
    decisions: tuple[Decision, ...]
    currency: str = ""  # the portfolio's, for an investment whose KPI names none


@dataclass(frozen=True)
class PortfolioEntry:
    initiative_id: str
    name: str
    stage: Stage
    business_unit: str
    business_owner: str
    latest: AssessmentResult | None
    patterns: tuple[PatternHit, ...]
    necessity: NecessityFacts | None = None  # the newest necessity assessment, if any
    value: RealisedValue | None = None  # the KPI's promise and what has been measured


@dataclass(frozen=True)
class PortfolioOverview:
    organisation: str
    entries: tuple[PortfolioEntry, ...]  # by alignment index ascending, unscored last
    portfolio_patterns: tuple[PatternHit, ...]  # AI Theatre


def instrument_for(instrument_id: str, version: str = NEWEST_VERSION) -> Instrument:
    """The instrument an assessment was taken with: the bundled version it names."""
    bundled = bundled_version(instrument_id, version)
    if bundled is not None:
        return bundled
    raise InstrumentError(
        f"This assessment was taken with the instrument '{instrument_id}' {version}, which is "
        "not available here; load that instrument file to score it."
    )


def _available(instrument_id: str, version: str) -> bool:
    return bundled_version(instrument_id, version) is not None


def newest_necessity(initiative: Initiative) -> NecessityAssessment | None:
    """The necessity assessment in force: the newest by decision date, then by entry."""
    records = list(initiative.necessity_assessments)
    if not records:
        return None
    return max(records, key=lambda r: (r.decided_on, r.created_at))


def _necessity_facts(initiative: Initiative) -> NecessityFacts | None:
    record = newest_necessity(initiative)
    return None if record is None else NecessityFacts.from_record(record)


def _targets(assessment: Any) -> dict[Layer, float]:
    recorded = assessment.targets or {}
    return {layer: float(recorded.get(layer.value, DEFAULT_TARGET)) for layer in LAYERS}


def _evaluate(
    assessment: Assessment,
    initiative: Initiative,
    today: date | None,
    instrument: Instrument | None = None,
) -> AssessmentResult:
    chosen = instrument or instrument_for(assessment.instrument_id, assessment.instrument_version)
    return evaluate(
        chosen,
        response_sets_of(assessment),
        _targets(assessment),
        InitiativeFacts.from_initiative(initiative, today),
        _necessity_facts(initiative),
        assessment_id=assessment.id,
    )


def evaluate_assessment(
    store: PortfolioStore,
    assessment_id: str,
    *,
    today: date | None = None,
    instrument: Instrument | None = None,
) -> AssessmentResult:
    """An assessment scored with its recorded instrument and targets, with patterns and advice."""
    assessment = store.get_assessment(assessment_id)
    initiative = store.get_initiative(assessment.initiative_id)
    return _evaluate(assessment, initiative, today, instrument)


def _scored(initiative: Initiative) -> list[Assessment]:
    """Non-draft assessments, oldest first (by date, then by creation)."""
    done = [a for a in initiative.assessments if a.status != AssessmentStatus.DRAFT]
    return sorted(done, key=lambda a: (a.assessed_on, a.created_at))


def initiative_overview(
    store: PortfolioStore, initiative_id: str, *, today: date | None = None
) -> InitiativeOverview:
    """Everything the detail view shows for one initiative."""
    initiative = store.get_initiative(initiative_id)
    results: list[tuple[Assessment, AssessmentResult]] = []
    for stub in _scored(initiative):
        assessment = store.get_assessment(stub.id)
        results.append((assessment, _evaluate(assessment, initiative, today)))
    points = trend(history_point(r, a.assessed_on, a.title) for a, r in results)
    latest = results[-1][1] if results else None
    previous = results[-2][1] if len(results) >= 2 else None
    if latest is not None:
        patterns = latest.patterns
        advice = latest.recommendations
    else:
        patterns = _initiative_patterns(initiative, today)
        advice = recommend(
            None,
            patterns,
            necessity=_necessity_facts(initiative),
            facts=InitiativeFacts.from_initiative(initiative, today),
        )
    return InitiativeOverview(
        initiative=initiative,
        necessity=newest_necessity(initiative),
        latest=latest,
        previous=previous,
        comparison=None
        if latest is None or previous is None
        else compare(previous, latest, points),
        trend=points,
        patterns=patterns,
        recommendations=advice,
        actions=tuple(initiative.actions),
        decisions=tuple(initiative.decisions),
        currency=store.settings().currency,
    )


def _initiative_patterns(initiative: Initiative, today: date | None) -> tuple[PatternHit, ...]:
    return detect_patterns(
        None,
        InitiativeFacts.from_initiative(initiative, today),
        _necessity_facts(initiative),
        bundled_instrument(),
    )


def _sort_key(entry: PortfolioEntry) -> tuple[int, float, str]:
    index = None if entry.latest is None else entry.latest.alignment_index
    return (1, 0.0, entry.name.casefold()) if index is None else (0, index, entry.name.casefold())


def portfolio_overview(
    store: PortfolioStore,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PortfolioOverview:
    """Every initiative's latest evaluated assessment and patterns, and the portfolio patterns.

    Reads the whole portfolio in a handful of column queries rather than one ORM load per
    initiative (about 25 ms each), so a large portfolio is scored in a worker at the speed of
    the scoring itself.
    """
    return overview_of(_PortfolioData.read(store), store, today=today, progress=progress)


Kept = Mapping[str, tuple[AssessmentResult | None, tuple[PatternHit, ...]]]


def overview_of(
    data: _PortfolioData,
    store: PortfolioStore,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    kept: Kept | None = None,
) -> PortfolioOverview:
    """The portfolio overview of what ``data`` read; each initiative's latest result and
    patterns are taken from ``kept`` when given (the score cache's), else evaluated."""
    settings = store.settings()
    total = len(data.initiatives)
    entries: list[PortfolioEntry] = []
    facts: list[InitiativeFacts] = []
    pairs = data.entries(today, settings.currency, kept, settings.min_group_size)
    for n, (entry, initiative_facts) in enumerate(pairs, start=1):
        entries.append(entry)
        facts.append(initiative_facts)
        if progress is not None:
            progress(n, total)
    return PortfolioOverview(
        organisation=settings.organisation,
        entries=tuple(sorted(entries, key=_sort_key)),
        portfolio_patterns=detect_portfolio_patterns(facts),
    )


def initiative_facts_query() -> Select[*tuple[Any, ...]]:
    """The initiative columns scoring and the pattern rules read (``InitiativeFacts``)."""
    return select(
        Initiative.id,
        Initiative.name,
        # The stored key, so that a stage unknown to this version reads as an idea.
        type_coerce(Initiative.stage, String).label("stage"),
        Initiative.stage_since,
        Initiative.stage_history,
        Initiative.kpi_name,
        Initiative.business_owner,
        Initiative.data_ai_partner,
        Initiative.business_unit,
        # Realised value: the KPI's promise, its measured values, the money spent.
        Initiative.kpi_unit,
        Initiative.kpi_baseline,
        Initiative.kpi_target,
        Initiative.kpi_actuals,
        Initiative.investment_to_date,
        Initiative.affected_groups,
        Initiative.success_criteria,
    )


@dataclass
class _PortfolioData:
    """The columns the portfolio overview needs, read with a few Core queries."""

    initiatives: list[Any]
    necessity: dict[str, NecessityFacts]
    latest: dict[str, Any]
    responses: dict[str, list[ResponseSet]]
    decisions: dict[str, Any]

    # SQLite allows a limited number of bound parameters per statement.
    CHUNK = 500

    def entries(
        self,
        today: date | None,
        currency: str = "",
        kept: Kept | None = None,
        min_group_size: int = 0,
    ) -> Iterator[tuple[PortfolioEntry, InitiativeFacts]]:
        """Each initiative's entry (latest assessment evaluated, patterns) and its facts;
        ``currency`` is the portfolio's, for investments whose KPI names none; ``kept``: the
        latest results and patterns already computed (nothing is evaluated then). Patterns
        that fired only on a group below ``min_group_size`` are left out (``patterns_shown``)."""
        for row in self.initiatives:
            initiative_facts = InitiativeFacts.from_initiative(
                row, today, self.decisions.get(row.id, ())
            )
            necessity = self.necessity.get(row.id)
            if kept is not None:
                latest, patterns = kept[row.id]
            else:
                latest, patterns = self._evaluated(row.id, initiative_facts, necessity)
                patterns = patterns_shown(latest, patterns, min_group_size)
            entry = PortfolioEntry(
                initiative_id=row.id,
                name=row.name,
                stage=initiative_facts.stage,
                business_unit=row.business_unit,
                business_owner=row.business_owner,
                latest=latest,
                patterns=patterns,
                necessity=necessity,
                value=realised_value(row, currency),
            )
            yield entry, initiative_facts

    def _evaluated(
        self, initiative_id: str, initiative_facts: InitiativeFacts, necessity: Any
    ) -> tuple[AssessmentResult | None, tuple[PatternHit, ...]]:
        latest_row = self.latest.get(initiative_id)
        latest: AssessmentResult | None = None
        # An assessment taken with an instrument not available here is shown as unscored
        # rather than failing the whole portfolio; opening it gives the full message.
        if latest_row is not None and _available(
            latest_row.instrument_id, latest_row.instrument_version
        ):
            latest = evaluate(
                instrument_for(latest_row.instrument_id, latest_row.instrument_version),
                self.responses.get(latest_row.id, []),
                _targets(latest_row),
                initiative_facts,
                necessity,
                assessment_id=latest_row.id,
            )
        if latest is not None:
            return latest, latest.patterns
        return None, detect_patterns(None, initiative_facts, necessity, bundled_instrument())

    @classmethod
    def read(cls, store: PortfolioStore) -> _PortfolioData:
        with store.engine.connect() as conn:
            return cls.read_on(conn)

    @classmethod
    def read_on(cls, conn: Connection, ids: Collection[str] | None = None) -> _PortfolioData:
        """What the entries need, on an open connection (inside a write, it sees the write);
        only the initiatives ``ids`` when given (None: all of them)."""
        if ids is not None:
            initiatives: list[Any] = []
            necessity: dict[str, Any] = {}
            latest: dict[str, Any] = {}
            decisions: dict[str, Any] = {}
            wanted = sorted(ids)
            for start in range(0, len(wanted), cls.CHUNK):
                part = cls._read_part(conn, wanted[start : start + cls.CHUNK])
                initiatives += part.initiatives
                necessity.update(part.necessity)
                latest.update(part.latest)
                decisions.update(part.decisions)
            initiatives.sort(key=lambda row: (row.name, row.id))
            responses = cls._responses(conn, _ids(latest))
            return cls(initiatives, necessity, latest, responses, decisions)
        part = cls._read_part(conn, None)
        responses = cls._responses(conn, _ids(part.latest))
        return cls(part.initiatives, part.necessity, part.latest, responses, part.decisions)

    @classmethod
    def _read_part(cls, conn: Connection, ids: list[str] | None) -> _PortfolioData:
        def only(column: Any) -> Any:
            return true() if ids is None else column.in_(ids)

        initiatives = conn.execute(
            initiative_facts_query()
            .where(only(Initiative.id))
            .order_by(Initiative.name, Initiative.id)
        ).all()
        necessity: dict[str, Any] = {}
        for row in conn.execute(
            select(
                NecessityAssessment.initiative_id,
                NecessityAssessment.outcome,
                NecessityAssessment.decided_on,
                NecessityAssessment.conditions,
                NecessityAssessment.created_at,
                NecessityAssessment.before_technology_decision,
            ).where(only(NecessityAssessment.initiative_id))
        ):
            held = necessity.get(row.initiative_id)
            if held is None or (row.decided_on, row.created_at) > (
                held.decided_on,
                held.created_at,
            ):
                necessity[row.initiative_id] = row
        latest: dict[str, Any] = {}
        for row in conn.execute(
            select(
                Assessment.id,
                Assessment.initiative_id,
                Assessment.assessed_on,
                Assessment.created_at,
                Assessment.instrument_id,
                Assessment.instrument_version,
                Assessment.targets,
            ).where(Assessment.status != AssessmentStatus.DRAFT, only(Assessment.initiative_id))
        ):
            held = latest.get(row.initiative_id)
            if held is None or (row.assessed_on, row.created_at) > (
                held.assessed_on,
                held.created_at,
            ):
                latest[row.initiative_id] = row
        return cls(
            initiatives=list(initiatives),
            necessity={k: NecessityFacts.from_record(v) for k, v in necessity.items()},
            latest=latest,
            responses={},
            decisions=decisions_by_initiative(conn, ids),
        )

    @classmethod
    def _responses(cls, conn: Any, assessment_ids: list[str]) -> dict[str, list[ResponseSet]]:
        answers: dict[str, dict[str, int | None]] = {}
        people: dict[str, list[Any]] = {}
        for start in range(0, len(assessment_ids), cls.CHUNK):
            chunk = assessment_ids[start : start + cls.CHUNK]
            query = (
                select(
                    Respondent.id,
                    Respondent.assessment_id,
                    Respondent.position,
                    Respondent.name,
                    Respondent.role,
                    Respondent.stakeholder_group,
                    Answer.item_id,
                    Answer.score,
                )
                .outerjoin(Answer, Answer.respondent_id == Respondent.id)
                .where(Respondent.assessment_id.in_(chunk))
            )
            for row in conn.execute(query):
                if row.id not in answers:
                    answers[row.id] = {}
                    people.setdefault(row.assessment_id, []).append(row)
                if row.item_id is not None:
                    answers[row.id][row.item_id] = row.score
        return {
            assessment_id: [
                ResponseSet(
                    respondent_id=r.id,
                    name=r.name,
                    group=r.stakeholder_group,
                    answers=answers[r.id],
                    role=r.role,
                )
                for r in sorted(rows, key=lambda r: r.position)
            ]
            for assessment_id, rows in people.items()
        }


def _ids(latest: dict[str, Any]) -> list[str]:
    return [row.id for row in latest.values()]


def initiative_fields(store: PortfolioStore, entries: Sequence[PortfolioEntry]) -> dict[str, Any]:
    """Each entry's stored initiative columns (read-only rows, attribute access), in one query."""
    wanted = {entry.initiative_id for entry in entries}
    with store.engine.connect() as conn:
        rows = conn.execute(select(*Initiative.__table__.columns)).all()
    return {row.id: row for row in rows if row.id in wanted}
