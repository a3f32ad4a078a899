"""The seven patterns firing on hand-built inputs, with their evidence; none on a healthy one."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from avi_desktop.model.domain import (
    LAYERS,
    Layer,
    NecessityOutcome,
    PatternId,
    Stage,
    StakeholderGroup,
)
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.necessity import NecessityFacts
from avi_desktop.model.patterns import (
    InitiativeFacts,
    detect_patterns,
    detect_portfolio_patterns,
    months_between,
)
from avi_desktop.model.results import AssessmentResult, PatternHit
from avi_desktop.model.scoring import score_assessment
from tests.model.engine_helpers import effective_answers, response

INSTRUMENT = bundled_instrument()
TARGETS = dict.fromkeys(LAYERS, 75.0)
TODAY = date(2026, 11, 23)
HEALTHY = InitiativeFacts(
    initiative_id="i1",
    name="Claims triage",
    stage=Stage.PRODUCTION,
    stage_since=date(2026, 9, 1),
    today=TODAY,
    kpi_name="Days to triage",
    business_owner="Head of Claims",
    data_ai_partner="Chief Data Officer",
)
JUSTIFIED = NecessityFacts(NecessityOutcome.JUSTIFIED, date(2026, 1, 10))
ALL_GOOD = dict.fromkeys(LAYERS, 4)  # every item scores 4 after reverse keying: 75 per layer


def scored(
    levels: dict[Layer, int] | None = None,
    tag_levels: dict[str, int] | None = None,
    others: dict[Layer, int] | None = None,
) -> AssessmentResult:
    """Two respondents from different groups; the second may answer other layer levels."""
    first = effective_answers(INSTRUMENT, levels or ALL_GOOD, tag_levels)
    second = effective_answers(INSTRUMENT, {**(levels or ALL_GOOD), **(others or {})}, tag_levels)
    responses = [
        response("a", first, StakeholderGroup.CFOS),
        response("b", second, StakeholderGroup.EMPLOYEES),
    ]
    return score_assessment(INSTRUMENT, responses, TARGETS, "A1")


def by_id(hits: tuple[PatternHit, ...]) -> dict[PatternId, PatternHit]:
    return {hit.pattern: hit for hit in hits}


def values(hit: PatternHit) -> list[tuple[str, str, str]]:
    return [(e.label, e.value, e.ref) for e in hit.evidence]


def test_healthy_initiative_shows_no_pattern() -> None:
    result = scored()
    assert result.layers[Layer.TRUST].score == 75.0
    assert result.layers[Layer.TRUST].rwg == 1.0
    assert detect_patterns(result, HEALTHY, JUSTIFIED, INSTRUMENT) == ()
    assert detect_patterns(None, HEALTHY, JUSTIFIED, INSTRUMENT) == ()


def test_pilot_trap_from_time_in_pilot() -> None:
    facts = dataclasses.replace(HEALTHY, stage=Stage.PILOT, stage_since=date(2026, 4, 1))
    hit = by_id(detect_patterns(scored(), facts, JUSTIFIED, INSTRUMENT))[PatternId.PILOT_TRAP]
    assert hit.title == "AI Pilot Trap"
    assert values(hit) == [
        ("Stage", "Pilot for 7 months (since 1 Apr 2026; threshold 6)", "stage_since"),
    ]
    assert "does not show" in hit.explanation or "not evidence" in hit.explanation
    # Exactly six months is not "more than six".
    six = dataclasses.replace(facts, stage_since=date(2026, 5, 23))
    assert detect_patterns(scored(), six, JUSTIFIED, INSTRUMENT) == ()


def test_pilot_trap_from_scores() -> None:
    # Technology 75 meets its target; organisation 25 is below 75 - 20 = 55.
    result = scored({**ALL_GOOD, Layer.ORGANISATION: 2}, tag_levels=None)
    hits = by_id(detect_patterns(result, HEALTHY, JUSTIFIED, INSTRUMENT))
    assert values(hits[PatternId.PILOT_TRAP]) == [
        ("Technology Capability", "75.0 (target 75.0)", "technology"),
        ("Organisational Capability", "25.0 (target 75.0)", "organisation"),
    ]


def test_trust_ceiling() -> None:
    result = scored({**ALL_GOOD, Layer.TRUST: 2})
    facts = dataclasses.replace(HEALTHY, stage=Stage.PILOT)
    hits = by_id(detect_patterns(result, facts, JUSTIFIED, INSTRUMENT))
    assert set(hits) == {PatternId.TRUST_CEILING}
    assert values(hits[PatternId.TRUST_CEILING]) == [
        ("Technology Capability", "75.0 (target 75.0)", "technology"),
        ("Societal Trust", "25.0 (target 75.0)", "trust"),
    ]
    # Trust at 50 fires against a target of 75 (50 < 55) but not against 70 (50 >= 50).
    answers = effective_answers(INSTRUMENT, {**ALL_GOOD, Layer.TRUST: 3})
    for target, fires in ((75.0, True), (70.0, False)):
        targets = {**TARGETS, Layer.TRUST: target}
        result = score_assessment(INSTRUMENT, [response("a", answers)], targets)
        hits = by_id(detect_patterns(result, facts, JUSTIFIED, INSTRUMENT))
        assert (PatternId.TRUST_CEILING in hits) is fires


def test_value_fragmentation_from_spread_and_agreement() -> None:
    # CFO scores leadership 5 on every item (100), the employee 2 (25): spread 75 points;
    # every item variance (5-2)^2/2 = 4.5 >= 2, so r_wg = 0.
    result = scored(others={Layer.LEADERSHIP: 2}, levels={**ALL_GOOD, Layer.LEADERSHIP: 5})
    hits = by_id(detect_patterns(result, HEALTHY, JUSTIFIED, INSTRUMENT))
    assert values(hits[PatternId.VALUE_FRAGMENTATION]) == [
        ("Leadership Alignment: agreement (r_wg)", "0.00 (below 0.70)", "leadership"),
        (
            "Leadership Alignment: value spread",
            "75.0 points (threshold 25): Employees 25.0, CFOs 100.0",
            "leadership",
        ),
    ]


def test_coordination_failure_from_items_and_owner() -> None:
    result = scored(tag_levels={"coordination": 2})
    facts = dataclasses.replace(HEALTHY, business_owner="")
    hit = by_id(detect_patterns(result, facts, JUSTIFIED, INSTRUMENT))[
        PatternId.COORDINATION_FAILURE
    ]
    coordination = [i.id for i in INSTRUMENT.items() if "coordination" in i.tags]
    assert hit.evidence[0].label == "Average of the coordination items"
    assert hit.evidence[0].value == f"2.0 of 5 (threshold 3), {len(coordination)} items"
    assert hit.evidence[0].ref == ",".join(coordination)
    assert [e.ref for e in hit.evidence[1:4]] == coordination[:3]
    assert values(hit)[-1] == ("Accountable business owner", "none named", "business_owner")


def test_coordination_failure_from_owner_alone_even_without_scores() -> None:
    facts = dataclasses.replace(HEALTHY, business_owner="Claims; Finance")
    hit = by_id(detect_patterns(None, facts, JUSTIFIED, INSTRUMENT))[PatternId.COORDINATION_FAILURE]
    assert values(hit) == [
        (
            "Accountable business owner",
            "several named (Claims; Finance); no single owner",
            "business_owner",
        )
    ]


@pytest.mark.parametrize(
    ("necessity", "kpi", "expected"),
    [
        (None, "Days", [("Necessity assessment", "none recorded, yet the initiative is at pilot")]),
        (
            NecessityFacts(NecessityOutcome.NOT_JUSTIFIED, date(2026, 2, 1)),
            "Days",
            [("Necessity outcome", "Not justified — reconsider (1 February 2026)")],
        ),
        (
            NecessityFacts(NecessityOutcome.INSUFFICIENT_INFORMATION),
            "",
            [
                ("Necessity outcome", "Insufficient information"),
                ("Measurable outcome (KPI)", "none defined"),
            ],
        ),
        (JUSTIFIED, "", [("Measurable outcome (KPI)", "none defined")]),
    ],
)
def test_momentum_without_direction(
    necessity: NecessityFacts | None, kpi: str, expected: list[tuple[str, str]]
) -> None:
    facts = dataclasses.replace(HEALTHY, stage=Stage.PILOT, kpi_name=kpi)
    hit = by_id(detect_patterns(None, facts, necessity, INSTRUMENT))[
        PatternId.MOMENTUM_WITHOUT_DIRECTION
    ]
    assert [(e.label, e.value) for e in hit.evidence] == expected


def test_momentum_does_not_apply_to_ideas() -> None:
    facts = dataclasses.replace(HEALTHY, stage=Stage.IDEA, kpi_name="")
    assert detect_patterns(None, facts, None, INSTRUMENT) == ()


def test_ethical_drift_in_production_only() -> None:
    result = scored(tag_levels={"governance": 2, "ethics": 2})
    hits = by_id(detect_patterns(result, HEALTHY, JUSTIFIED, INSTRUMENT))
    hit = hits[PatternId.ETHICAL_DRIFT]
    assert values(hit)[0] == ("Stage", "Production", "stage")
    assert hit.evidence[1].label == "Average of the governance and ethics items"
    assert hit.evidence[1].value.startswith("2.0 of 5 (threshold 3)")
    in_pilot = dataclasses.replace(HEALTHY, stage=Stage.PILOT)
    assert PatternId.ETHICAL_DRIFT not in by_id(
        detect_patterns(result, in_pilot, JUSTIFIED, INSTRUMENT)
    )


def _portfolio(bad: int, good: int) -> list[InitiativeFacts]:
    out = []
    for n in range(bad):
        stuck = n % 2 == 0
        out.append(
            dataclasses.replace(
                HEALTHY,
                initiative_id=f"b{n}",
                name=f"Bad {n}",
                stage=Stage.PILOT if stuck else Stage.PRODUCTION,
                stage_since=date(2025, 1, 1),
                kpi_name="" if not stuck else "Some KPI",
            )
        )
    out += [
        dataclasses.replace(HEALTHY, initiative_id=f"g{n}", name=f"Good {n}") for n in range(good)
    ]
    return out


def test_ai_theatre_at_portfolio_level() -> None:
    (hit,) = detect_portfolio_patterns(_portfolio(4, 2))
    assert hit.pattern == PatternId.AI_THEATRE
    assert values(hit)[:4] == [
        ("Active initiatives (retired ones left out)", "6", "portfolio"),
        ("Without a KPI", "2 of 6", "kpi_name"),
        ("Still at proof of concept or pilot", "2 of 6", "stage"),
        (
            "Without a KPI, still at an early stage, or both",
            "4 of 6 (67 %, threshold more than 50 %)",
            "portfolio",
        ),
    ]
    assert values(hit)[4] == ("Bad 0", "pilot since 1 Jan 2025", "b0")
    assert values(hit)[5] == ("Bad 1", "no KPI", "b1")


def test_ai_theatre_needs_enough_initiatives_and_a_majority() -> None:
    assert detect_portfolio_patterns(_portfolio(4, 0)) == ()  # only 4 initiatives
    assert detect_portfolio_patterns(_portfolio(3, 3)) == ()  # exactly half is not "most"
    retired = [dataclasses.replace(f, stage=Stage.RETIRED) for f in _portfolio(0, 3)]
    assert detect_portfolio_patterns(_portfolio(4, 0) + retired) == ()


def test_months_between() -> None:
    assert months_between(date(2026, 1, 31), date(2026, 2, 28)) == 0
    assert months_between(date(2026, 1, 15), date(2026, 7, 15)) == 6
    assert months_between(date(2026, 1, 15), date(2026, 7, 14)) == 5
    assert months_between(date(2026, 5, 1), date(2026, 1, 1)) == 0
