"""Hand-built inputs for the briefings: an instrument, results and overviews with known figures.

The briefings never compute a figure, so the tests can check every printed number against these
values exactly, without the store or the scoring engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest

from avi_desktop.model.domain import (
    LAYERS,
    ActionStatus,
    Band,
    Imperative,
    Layer,
    NecessityOutcome,
    PatternId,
    Stage,
    StakeholderGroup,
    ValueStance,
)
from avi_desktop.model.entities import (
    Action,
    Decision,
    DecisionValue,
    Initiative,
    NecessityAssessment,
    StatedValue,
)
from avi_desktop.model.instrument import Instrument, Item, LayerSpec, PatternRule
from avi_desktop.model.results import (
    AssessmentResult,
    Evidence,
    HistoryComparison,
    HistoryPoint,
    ItemResult,
    LayerResult,
    PatternHit,
    Recommendation,
    RespondentLayerScore,
)
from avi_desktop.reports.options import BriefingOptions

TODAY = date(2026, 3, 14)
ANCHORS = ("Absent", "Emerging", "Partly in place", "Largely in place", "Fully in place")
PREFIX = {
    Layer.TECHNOLOGY: "TC",
    Layer.LEADERSHIP: "LA",
    Layer.ORGANISATION: "OC",
    Layer.TRUST: "ST",
}
# Scores with more than one decimal, so the tests catch any rounding other than fmt_score's.
LAYER_SCORES = {
    Layer.TECHNOLOGY: 81.25,
    Layer.LEADERSHIP: 52.0833,
    Layer.ORGANISATION: 47.9167,
    Layer.TRUST: 66.6667,
}
ALIGNMENT_INDEX = 60.4321


@dataclass(frozen=True)
class Settings:
    organisation: str = "Northwind Mutual"
    classification: str = "CONFIDENTIAL"


@dataclass(frozen=True)
class Overview:
    initiative: Initiative
    necessity: NecessityAssessment | None
    latest: AssessmentResult | None
    previous: AssessmentResult | None
    comparison: HistoryComparison | None
    trend: tuple[HistoryPoint, ...]
    patterns: tuple[PatternHit, ...]
    recommendations: tuple[Recommendation, ...]
    actions: tuple[Action, ...]
    decisions: tuple[Decision, ...]


@dataclass(frozen=True)
class Entry:
    initiative_id: str
    name: str
    stage: Stage
    business_unit: str
    business_owner: str
    latest: AssessmentResult | None
    patterns: tuple[PatternHit, ...] = ()


@dataclass(frozen=True)
class Portfolio:
    organisation: str
    entries: Sequence[Entry]
    portfolio_patterns: tuple[PatternHit, ...] = field(default=())


@dataclass(frozen=True)
class Meta:
    title: str = "Claims triage workshop"
    assessed_on: date = TODAY
    mode: str = "workshop"
    status: str = "closed"


def build_instrument() -> Instrument:
    layers = []
    for layer in LAYERS:
        items = tuple(
            Item(
                id=f"{PREFIX[layer]}-0{n}",
                layer=layer,
                text=f"{layer.label} statement number {n} holds for this initiative.",
                help="Why it matters.",
                anchors=ANCHORS,
                allow_na=(n == 3),
            )
            for n in (1, 2, 3)
        )
        layers.append(
            LayerSpec(
                layer=layer,
                title=layer.label,
                description=f"How far {layer.label.lower()} supports the value sought.",
                signals=("A signal",),
                items=items,
            )
        )
    return Instrument(
        id="avi-four-layer",
        version="1.0",
        title="AI Value Alignment questionnaire",
        description="Four layers.",
        layers=tuple(layers),
        patterns={
            PatternId.TRUST_CEILING: PatternRule(PatternId.TRUST_CEILING, "Trust caps value.")
        },
    )


def build_result(
    assessment_id: str = "a-2",
    *,
    scores: dict[Layer, float] | None = None,
    index: float | None = ALIGNMENT_INDEX,
) -> AssessmentResult:
    scores = scores or LAYER_SCORES
    layers = {}
    for layer in LAYERS:
        s = scores[layer]
        gap = max(0.0, 75.0 - s)
        band = Band.ALIGNED if s >= 75 else Band.DEVELOPING if s >= 55 else Band.GAP
        layers[layer] = LayerResult(
            layer=layer,
            score=s,
            target=75.0,
            gap=gap,
            band=band,
            sd=12.3456 if layer != Layer.LEADERSHIP else 24.0417,
            rwg=0.8123 if layer != Layer.LEADERSHIP else 0.4567,
            n=4,
            insufficient=False,
            low_agreement=layer == Layer.LEADERSHIP,
        )
    items = {}
    for layer in LAYERS:
        for n in (1, 2, 3):
            item_id = f"{PREFIX[layer]}-0{n}"
            spread = (1.0, 5.0, 2.0, 4.0) if n == 2 else (3.0, 4.0, 3.0, 4.0)
            items[item_id] = ItemResult(
                item_id=item_id,
                layer=layer,
                scores=spread,
                n_not_applicable=1 if n == 3 else 0,
                n_unanswered=0,
                mean=sum(spread) / len(spread) + 0.0123,
                variance=3.3333 if n == 2 else 0.3333,
            )
    split = {
        StakeholderGroup.BOARDS: {layer: scores[layer] + 5.55 for layer in LAYERS},
        StakeholderGroup.EMPLOYEES: {layer: scores[layer] - 7.77 for layer in LAYERS},
    }
    hit = PatternHit(
        pattern=PatternId.TRUST_CEILING,
        title="Trust Ceiling",
        evidence=(
            Evidence("Technology Capability", "81.3 (target 75.0)", "technology"),
            Evidence("Societal Trust", "47.9 (below 55.0)", "trust"),
        ),
        explanation="Capability has outrun the trust that would let it be used.",
    )
    recs = tuple(
        Recommendation(
            id=f"REC-{imp.value}",
            imperative=imp,
            title=f"Do the {imp.label.split()[0].lower()} step",
            detail=f"Detail for {imp.label}.",
            evidence=(Evidence("Leadership Alignment r_wg", "0.46", "leadership"),),
            source="leadership",
        )
        for imp in Imperative
    )
    return AssessmentResult(
        assessment_id=assessment_id,
        instrument_id="avi-four-layer",
        instrument_version="1.0",
        respondents=4,
        layers=layers,
        alignment_index=index,
        binding_layer=min(LAYERS, key=lambda layer: scores[layer]),
        respondent_scores=tuple(
            RespondentLayerScore(f"r{i}", layer, scores[layer], 3, 3)
            for i in range(4)
            for layer in LAYERS
        ),
        items=items,
        stakeholder_split=split,
        value_spread={layer: 13.32 for layer in LAYERS},
        patterns=(hit,),
        recommendations=recs,
    )


def build_initiative(name: str = "Claims triage assistant") -> Initiative:
    now = datetime(2026, 1, 5, 9, 0)
    return Initiative(
        id="init-1",
        name=name,
        description="Sorts incoming claims so simple ones are paid the same day.",
        business_problem="Simple claims wait nine days in a queue behind complex ones.",
        expected_output="A triage label on every new claim.",
        output_use="Handlers pick the simple queue first each morning.",
        kpi_name="Median days to settle a simple claim",
        kpi_unit="days",
        kpi_baseline=9.0,
        kpi_target=2.0,
        business_unit="Claims",
        business_owner="Head of Claims",
        data_ai_partner="Data Science",
        sponsor="COO",
        stage=Stage.PILOT,
        stage_since=date(2025, 6, 1),
        investment_to_date=250000.0,
        affected_groups=["employees", "customers"],
        tags=["claims"],
        targets={},
        created_at=now,
        updated_at=now,
    )


def build_overview() -> Overview:
    initiative = build_initiative()
    latest = build_result("a-2")
    previous = build_result(
        "a-1",
        scores={layer: s - 10.0 for layer, s in LAYER_SCORES.items()},
        index=50.1234,
    )
    points = (
        HistoryPoint("a-1", date(2025, 9, 1), "Baseline", previous_scores(), 50.1234),
        HistoryPoint("a-2", TODAY, "Re-assessment", dict(LAYER_SCORES), ALIGNMENT_INDEX),
    )
    comparison = HistoryComparison(
        previous_id="a-1",
        current_id="a-2",
        deltas={layer: 10.0 for layer in LAYERS},
        index_delta=10.3087,
        appeared=(PatternId.TRUST_CEILING,),
        resolved=(PatternId.PILOT_TRAP,),
        points=points,
    )
    necessity = NecessityAssessment(
        id="n-1",
        initiative_id="init-1",
        instrument_id="necessity",
        instrument_version="1.0",
        answers={},
        outcome=NecessityOutcome.JUSTIFIED_WITH_CONDITIONS,
        conditions=["Keep a human review of every rejected claim"],
        rationale="Rules alone miss the claims that look simple but are not.",
        decided_by="Risk committee",
        decided_on=date(2025, 5, 20),
        created_at=datetime(2025, 5, 20, 10, 0),
    )
    action = Action(
        id="act-1",
        initiative_id="init-1",
        imperative=Imperative.ALIGN_LEADERSHIP,
        title="Agree one value statement with the COO and CFO",
        detail="",
        owner="Head of Claims",
        due_on=date(2026, 4, 30),
        status=ActionStatus.OPEN,
        source={},
        created_at=datetime(2026, 3, 1, 9, 0),
        updated_at=datetime(2026, 3, 1, 9, 0),
    )
    fairness = StatedValue(id="v-1", name="Fairness to every claimant", description="")
    speed = StatedValue(id="v-2", name="Speed for simple claims", description="")
    decision = Decision(
        id="d-1",
        initiative_id="init-1",
        decided_on=date(2026, 2, 10),
        title="Launched before the bias review finished",
        situation="The quarter's targets were at stake.",
        actual_logic="Hitting the settlement-time target this quarter.",
        cost_of_decision_not_made="A two-week delay and a missed quarterly target.",
        decided_by="COO",
        created_at=datetime(2026, 2, 10, 9, 0),
    )
    decision.stances = [
        DecisionValue(value_id="v-1", stance=ValueStance.DEPARTED, value=fairness),
        DecisionValue(value_id="v-2", stance=ValueStance.UPHELD, value=speed),
    ]
    return Overview(
        initiative=initiative,
        necessity=necessity,
        latest=latest,
        previous=previous,
        comparison=comparison,
        trend=points,
        patterns=latest.patterns,
        recommendations=latest.recommendations,
        actions=(action,),
        decisions=(decision,),
    )


def previous_scores() -> dict[Layer, float | None]:
    return {layer: s - 10.0 for layer, s in LAYER_SCORES.items()}


def build_portfolio(count: int) -> Portfolio:
    """A synthetic portfolio of ``count`` initiatives with varied scores and stages."""
    entries = []
    stages = list(Stage)
    for i in range(count):
        scores = {layer: float((i * 37 + k * 23) % 90) + 5.25 for k, layer in enumerate(LAYERS)}
        index = sum(scores.values()) / 4 - 1.1111 if i % 11 else None
        latest = build_result(f"a-{i}", scores=scores, index=index) if i % 13 else None
        entries.append(
            Entry(
                initiative_id=f"i-{i:04d}",
                name=f"Initiative {i:04d} — claims and cover",
                stage=stages[i % len(stages)],
                business_unit=("Claims", "Pricing", "Operations")[i % 3],
                business_owner=f"Owner {i % 17}",
                latest=latest,
                patterns=latest.patterns if latest else (),
            )
        )
    theatre = PatternHit(
        pattern=PatternId.AI_THEATRE,
        title="AI Theatre",
        evidence=(Evidence("Initiatives without a KPI", f"{count // 2} of {count}"),),
        explanation="Activity is visible, value is not measured.",
    )
    return Portfolio("Northwind Mutual", entries, (theatre,))


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portfolio, built once for the tests that drive the real store and engine."""
    from avi_desktop.model.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.avip"
    build_demo(path)
    return path


@pytest.fixture
def instrument() -> Instrument:
    return build_instrument()


@pytest.fixture
def result() -> AssessmentResult:
    return build_result()


@pytest.fixture
def overview() -> Overview:
    return build_overview()


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def options() -> BriefingOptions:
    return BriefingOptions(deterministic=True, today=TODAY, prepared_by="Portfolio office")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "briefing.pdf"
