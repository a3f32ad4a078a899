"""The seven patterns, table-driven: each case the paper describes fires, and the cases that
fired wrongly or were missed before do or do not fire, with their evidence."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
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
from avi_desktop.model.pattern_facts import DecisionFacts, KpiPoint
from avi_desktop.model.patterns import (
    InitiativeFacts,
    detect_patterns,
    detect_portfolio_patterns,
    months_between,
    owner_problem,
)
from avi_desktop.model.results import AssessmentResult, PatternHit, ResponseSet
from avi_desktop.model.scoring import score_assessment
from tests.model.engine_helpers import effective_answers, response

INSTRUMENT = bundled_instrument()
OLD = bundled_instrument("1.0")
TARGETS = dict.fromkeys(LAYERS, 75.0)
TODAY = date(2026, 11, 23)
HEALTHY = InitiativeFacts(
    initiative_id="i1",
    name="Claims triage",
    stage=Stage.PRODUCTION,
    stage_since=date(2026, 9, 1),
    today=TODAY,
    kpi_name="Days to triage",
    business_owner="Dana Reyes, Head of Claims",
    data_ai_partner="Chief Data Officer",
    kpi_baseline=10.0,
    kpi_target=4.0,
    kpi_actuals=(KpiPoint(date(2026, 10, 1), 8.0),),
)
JUSTIFIED = NecessityFacts(NecessityOutcome.JUSTIFIED, date(2026, 1, 10))
ALL_GOOD = dict.fromkeys(LAYERS, 4)  # every item scores 4: 75 per layer
DEPARTURE = DecisionFacts(
    "d1",
    date(2026, 6, 1),
    "Launch before the bias audit",
    ("Fair to every customer",),
    "a deadline",
)


def assess(
    levels: Mapping[Layer, int] | None = None,
    items: Mapping[str, int] | None = None,
    second: Mapping[str, int] | None = None,
    instrument: object = None,
) -> tuple[AssessmentResult, list[ResponseSet]]:
    """Two respondents (a CFO, an employee) at ``levels``; ``items`` set item answers for both,
    ``second`` only for the employee."""
    chosen = instrument or INSTRUMENT
    assert chosen is INSTRUMENT or chosen is OLD
    base = {**effective_answers(chosen, {**ALL_GOOD, **(levels or {})}), **(items or {})}
    responses = [
        response("a", base, StakeholderGroup.CFOS),
        response("b", {**base, **(second or {})}, StakeholderGroup.EMPLOYEES),
    ]
    return score_assessment(chosen, responses, TARGETS, "A1"), responses


def fired(
    facts: InitiativeFacts = HEALTHY,
    necessity: NecessityFacts | None = JUSTIFIED,
    scored: tuple[AssessmentResult, list[ResponseSet]] | None = None,
) -> dict[PatternId, PatternHit]:
    result, responses = scored if scored is not None else (None, [])
    instrument = INSTRUMENT if result is None or result.instrument_version == "2.0" else OLD
    hits = detect_patterns(result, facts, necessity, instrument, responses)
    return {hit.pattern: hit for hit in hits}


def case(**changes: object) -> InitiativeFacts:
    return dataclasses.replace(HEALTHY, **changes)  # type: ignore[arg-type]


def test_healthy_initiative_shows_no_pattern() -> None:
    scored = assess()
    assert scored[0].layers[Layer.TRUST].score == 75.0
    assert fired(scored=scored) == {}
    assert fired() == {}


PILOT = case(stage=Stage.PILOT, stage_since=date(2026, 4, 1), kpi_actuals=())

PILOT_TRAP_CASES = [
    ("pilot for seven months", PILOT, None, True),
    (
        "pilot for exactly six months",
        case(stage=Stage.PILOT, stage_since=date(2026, 5, 23)),
        None,
        False,
    ),
    # Fired before on a scaled initiative whose organisation lags: it has left the pilot.
    ("scaled, organisation lagging", case(stage=Stage.SCALED), {Layer.ORGANISATION: 2}, False),
    (
        "young pilot, organisation lagging",
        case(stage=Stage.PILOT, stage_since=date(2026, 10, 1)),
        {Layer.ORGANISATION: 2},
        True,
    ),
    # The whole time since it left the idea stage counts, not only the time in this stage.
    (
        "pilot for two months after a year as proof of concept",
        case(
            stage=Stage.PILOT,
            stage_since=date(2026, 9, 1),
            stage_history=(
                (Stage.IDEA, date(2025, 1, 1)),
                (Stage.PROOF_OF_CONCEPT, date(2025, 9, 1)),
                (Stage.PILOT, date(2026, 9, 1)),
            ),
        ),
        None,
        True,
    ),
    (
        "paused after a long pilot",
        case(
            stage=Stage.PAUSED,
            stage_since=date(2026, 10, 1),
            stage_history=((Stage.PILOT, date(2025, 6, 1)), (Stage.PAUSED, date(2026, 10, 1))),
        ),
        None,
        True,
    ),
    (
        "paused after production",
        case(
            stage=Stage.PAUSED,
            stage_history=((Stage.PRODUCTION, date(2025, 6, 1)), (Stage.PAUSED, date(2026, 10, 1))),
        ),
        None,
        False,
    ),
    (
        "back to a pilot after production",
        case(
            stage=Stage.PILOT,
            stage_since=date(2025, 6, 1),
            stage_history=(
                (Stage.PILOT, date(2024, 1, 1)),
                (Stage.PRODUCTION, date(2024, 9, 1)),
                (Stage.PILOT, date(2025, 6, 1)),
            ),
        ),
        None,
        False,
    ),
]


@pytest.mark.parametrize(
    ("name", "facts", "levels", "expected"), PILOT_TRAP_CASES, ids=[c[0] for c in PILOT_TRAP_CASES]
)
def test_pilot_trap(
    name: str, facts: InitiativeFacts, levels: dict[Layer, int] | None, expected: bool
) -> None:
    scored = assess(levels) if levels else None
    assert (PatternId.PILOT_TRAP in fired(facts, scored=scored)) is expected


def test_pilot_trap_evidence_says_how_long_and_what_the_threshold_is() -> None:
    hit = fired(PILOT)[PatternId.PILOT_TRAP]
    assert [(e.label, e.value) for e in hit.evidence] == [
        (
            "Stage",
            "Pilot for 7 months in this stage (since 1 Apr 2026); threshold: more than 6 months "
            "at proof of concept or pilot, counted from entering this stage",
        )
    ]
    history = case(
        stage=Stage.PILOT,
        stage_since=date(2026, 9, 1),
        stage_history=((Stage.IDEA, date(2025, 1, 1)), (Stage.PROOF_OF_CONCEPT, date(2025, 9, 1))),
    )
    (stage,) = fired(history)[PatternId.PILOT_TRAP].evidence
    assert stage.value.endswith(
        "months at proof of concept or pilot, counted from leaving the idea stage"
    )


def test_pilot_trap_evidence_names_the_layer_threshold_it_is_measured_on() -> None:
    hit = fired(case(stage=Stage.PILOT), scored=assess({Layer.ORGANISATION: 2}))
    technology, organisation = hit[PatternId.PILOT_TRAP].evidence
    assert technology.label == "Technology Capability"
    assert "threshold" not in technology.value
    assert organisation.label == "Organisational Capability"
    assert organisation.value.endswith("(target 75.0; threshold: below 55.0, 20 under the target)")


def test_an_honest_pilot_is_not_marked_down_on_live_use_items() -> None:
    live_only = {
        item.id: None
        for item in INSTRUMENT.items()
        if item.allow_na and item.layer is Layer.TECHNOLOGY
    }
    result, _ = assess(items=live_only)  # type: ignore[arg-type]
    assert result.layers[Layer.TECHNOLOGY].score == 75.0


CRITICAL = {"ST-05": 1, "ST-06": 1, "ST-10": 1}
ETHICAL_CASES = [
    # Missed before: the 14-item average stayed above 3 with every critical item at 1.
    ("production, critical items at 1", HEALTHY, CRITICAL, True),
    ("production, only the bias audit low", HEALTHY, {"ST-05": 2}, True),
    ("production, critical items fine", HEALTHY, {}, False),
    (
        "pilot touching customers",
        case(stage=Stage.PILOT, affected_groups=("customers",)),
        CRITICAL,
        True,
    ),
    (
        "pilot touching only the board",
        case(stage=Stage.PILOT, affected_groups=("boards",)),
        CRITICAL,
        False,
    ),
    ("idea stage", case(stage=Stage.IDEA, affected_groups=("customers",)), CRITICAL, False),
]


@pytest.mark.parametrize(
    ("name", "facts", "items", "expected"), ETHICAL_CASES, ids=[c[0] for c in ETHICAL_CASES]
)
def test_ethical_drift(
    name: str, facts: InitiativeFacts, items: dict[str, int], expected: bool
) -> None:
    assert (PatternId.ETHICAL_DRIFT in fired(facts, scored=assess(items=items))) is expected


def test_ethical_drift_evidence_names_the_items_and_the_departed_value() -> None:
    hit = fired(case(decisions=(DEPARTURE,)), scored=assess(items={"ST-05": 1}))[
        PatternId.ETHICAL_DRIFT
    ]
    assert [e.ref for e in hit.evidence] == ["stage", "ST-05", "d1"]
    assert (
        hit.evidence[2].value == "departed from Fair to every customer under pressure of a deadline"
    )
    # A departure alone, with no assessment, fires it for a live system.
    assert PatternId.ETHICAL_DRIFT in fired(case(decisions=(DEPARTURE,)))
    assert PatternId.ETHICAL_DRIFT not in fired(case(stage=Stage.IDEA, decisions=(DEPARTURE,)))
    people_pilot = case(stage=Stage.PILOT, affected_groups=("customers",), decisions=(DEPARTURE,))
    assert PatternId.ETHICAL_DRIFT not in fired(people_pilot)


def test_ethical_drift_on_the_old_instrument_reads_its_critical_items() -> None:
    items = {"ST-03": 1, "ST-05": 1, "ST-09": 1}
    assert PatternId.ETHICAL_DRIFT in fired(scored=assess(items=items, instrument=OLD))


VALUE_CASES = [
    # Employees and CFOs disagree on what value means and how success is measured.
    (
        "groups split on the value items",
        {},
        {"LA-01": 1, "LA-06": 1, "LA-09": 1, "LA-10": 1, "TC-09": 1},
        True,
    ),
    # Fired before: disagreement about the technology's state is not fragmentation.
    (
        "groups split on the technology only",
        {},
        {i.id: 1 for i in INSTRUMENT.layer(Layer.TECHNOLOGY).items if i.id != "TC-09"},
        False,
    ),
    # One voice is enough when it says the success measures conflict.
    ("both say success measures conflict", {"LA-10": 1}, {}, True),
    ("measures agreed", {"LA-10": 4}, {}, False),
]


@pytest.mark.parametrize(
    ("name", "items", "second", "expected"), VALUE_CASES, ids=[c[0] for c in VALUE_CASES]
)
def test_value_fragmentation(
    name: str, items: dict[str, int], second: dict[str, int], expected: bool
) -> None:
    hits = fired(scored=assess(items=items, second=second))
    assert (PatternId.VALUE_FRAGMENTATION in hits) is expected


def test_value_fragmentation_single_respondent_and_evidence() -> None:
    result = score_assessment(
        INSTRUMENT,
        [response("a", {**effective_answers(INSTRUMENT, ALL_GOOD), "LA-10": 2})],
        TARGETS,
    )
    facts = case(affected_groups=("employees", "cfos"), success_criteria={"cfos": "Cost per claim"})
    hit = detect_patterns(result, facts, JUSTIFIED, INSTRUMENT)[0]
    assert hit.pattern is PatternId.VALUE_FRAGMENTATION
    assert [(e.ref, e.value) for e in hit.evidence] == [
        ("LA-10", "2.0 of 5"),
        ("success_criteria", "recorded for 1 of 2 groups"),
    ]
    split = fired(
        scored=assess(second={"LA-01": 1, "LA-06": 1, "LA-09": 1, "LA-10": 1, "TC-09": 1})
    )
    values = [e.value for e in split[PatternId.VALUE_FRAGMENTATION].evidence]
    assert "75.0 points (threshold 25): Employees 0.0, CFOs 75.0" in values


TRUST_CASES = [
    ("technology strong, trust low", {Layer.TRUST: 2}, {}, True),
    # Missed before: frontline rejection while trust is middling.
    ("frontline rejects, trust middling", {Layer.TRUST: 3}, {"OC-03": 1}, True),
    ("frontline rejects, trust on target", {}, {"OC-03": 1}, False),
    # Fired before even where the people who use it embrace it.
    ("trust low but adoption embraced", {Layer.TRUST: 2}, {"OC-03": 5}, False),
]


@pytest.mark.parametrize(
    ("name", "levels", "items", "expected"), TRUST_CASES, ids=[c[0] for c in TRUST_CASES]
)
def test_trust_ceiling(
    name: str, levels: dict[Layer, int], items: dict[str, int], expected: bool
) -> None:
    assert (PatternId.TRUST_CEILING in fired(scored=assess(levels, items))) is expected


@pytest.mark.parametrize(
    ("owner", "problem"),
    [
        ("Dana Reyes, Head of Claims", ""),  # fired before: a name with a title is one person
        ("Head of Claims", ""),
        ("Claims; Finance", "several named (Claims; Finance); no single owner"),
        ("Ann Lee and Bo Chen", "several named (Ann Lee and Bo Chen); no single owner"),
        ("Pricing steering committee", "a group, not one person (Pricing steering committee)"),
        ("Claims team", "a group, not one person (Claims team)"),
        ("", "none named"),
    ],
)
def test_owner_is_one_accountable_person(owner: str, problem: str) -> None:
    assert owner_problem(owner) == problem
    assert (PatternId.COORDINATION_FAILURE in fired(case(business_owner=owner))) is bool(problem)


def test_coordination_failure_from_missing_partner_and_low_items() -> None:
    hit = fired(case(data_ai_partner=""))[PatternId.COORDINATION_FAILURE]
    assert [(e.label, e.value) for e in hit.evidence] == [("Data and AI partner", "none named")]
    assert PatternId.COORDINATION_FAILURE not in fired(case(stage=Stage.IDEA, data_ai_partner=""))
    coordination = [i.id for i in INSTRUMENT.items() if "coordination" in i.tags]
    hit = fired(scored=assess(items=dict.fromkeys(coordination, 2)))[PatternId.COORDINATION_FAILURE]
    expected = f"2.0 of 5 over {len(coordination)} items (below 3 counts as low)"
    assert hit.evidence[0].value == expected


MOMENTUM_CASES = [
    (
        "no necessity assessment",
        HEALTHY,
        None,
        [("Necessity assessment", "none recorded, yet the initiative is at production")],
    ),
    (
        "not justified",
        HEALTHY,
        NecessityFacts(NecessityOutcome.NOT_JUSTIFIED, date(2026, 2, 1)),
        [("Necessity outcome", "Not justified — reconsider (1 February 2026)")],
    ),
    ("no KPI", case(kpi_name=""), JUSTIFIED, [("Measurable outcome (KPI)", "none defined")]),
    # Missed before: a KPI without a baseline or target measures nothing.
    (
        "KPI without baseline",
        case(kpi_baseline=None),
        JUSTIFIED,
        [("Measurable outcome (KPI): Days to triage", "no baseline")],
    ),
    (
        "KPI without either",
        case(kpi_baseline=None, kpi_target=None),
        JUSTIFIED,
        [("Measurable outcome (KPI): Days to triage", "no baseline and no target")],
    ),
    # Missed before: the necessity assessment came after the move to production.
    (
        "necessity after production",
        HEALTHY,
        NecessityFacts(NecessityOutcome.JUSTIFIED, date(2026, 10, 1)),
        [
            (
                "Necessity assessment",
                "decided 1 Oct 2026, after the move to production on 1 Sep 2026",
            )
        ],
    ),
    ("justified before production", HEALTHY, JUSTIFIED, []),
    ("idea stage without anything", case(stage=Stage.IDEA, kpi_name=""), None, []),
]


@pytest.mark.parametrize(
    ("name", "facts", "necessity", "expected"), MOMENTUM_CASES, ids=[c[0] for c in MOMENTUM_CASES]
)
def test_momentum_without_direction(
    name: str,
    facts: InitiativeFacts,
    necessity: NecessityFacts | None,
    expected: list[tuple[str, str]],
) -> None:
    hit = fired(facts, necessity).get(PatternId.MOMENTUM_WITHOUT_DIRECTION)
    assert ([] if hit is None else [(e.label, e.value) for e in hit.evidence]) == expected


def test_momentum_carries_departures_as_evidence() -> None:
    hit = fired(case(kpi_name="", decisions=(DEPARTURE,)))[PatternId.MOMENTUM_WITHOUT_DIRECTION]
    assert [e.ref for e in hit.evidence] == ["kpi_name", "d1"]
    # A departure does not fire it on its own.
    assert PatternId.MOMENTUM_WITHOUT_DIRECTION not in fired(case(decisions=(DEPARTURE,)))


def _pilot(n: int) -> InitiativeFacts:
    return case(
        initiative_id=f"p{n}",
        name=f"Pilot {n}",
        stage=Stage.PILOT,
        stage_since=date(2026, 9, 1),
        kpi_actuals=(),
    )


def _live(n: int, **changes: object) -> InitiativeFacts:
    return case(initiative_id=f"l{n}", name=f"Live {n}", **changes)


THEATRE_CASES = [
    # Fired before: five young pilots with KPIs are work in progress, not theatre.
    ("five young pilots with KPIs", [_pilot(n) for n in range(5)], False),
    # Missed before: production systems with no measured impact.
    (
        "live systems with no actuals",
        [_live(n, kpi_actuals=()) for n in range(4)] + [_pilot(9)],
        True,
    ),
    (
        "live systems not moving toward the target",
        [_live(n, kpi_actuals=(KpiPoint(date(2026, 10, 1), 11.0),)) for n in range(3)]
        + [_pilot(8), _pilot(9)],
        True,
    ),
    ("live systems moving toward the target", [_live(n) for n in range(5)], False),
    ("only four initiatives", [_live(n, kpi_actuals=()) for n in range(4)], False),
    (
        "exactly half without impact",
        [_live(n, kpi_actuals=()) for n in range(3)] + [_live(n) for n in range(3, 6)],
        False,
    ),
    (
        "retired ones left out",
        [_live(n, kpi_actuals=()) for n in range(3)]
        + [_live(n, stage=Stage.RETIRED) for n in range(3, 6)],
        False,
    ),
    (
        "pilots without a KPI",
        [case(initiative_id=f"k{n}", stage=Stage.PILOT, kpi_name="") for n in range(5)],
        True,
    ),
    (
        # Ideas are not visible activity: they neither count nor dilute the share.
        "ideas left out",
        [_live(n, kpi_actuals=()) for n in range(3)]
        + [_live(n) for n in range(3, 5)]
        + [_live(n, stage=Stage.IDEA, kpi_name="") for n in range(5, 11)],
        True,
    ),
]


@pytest.mark.parametrize(
    ("name", "portfolio", "expected"), THEATRE_CASES, ids=[c[0] for c in THEATRE_CASES]
)
def test_ai_theatre(name: str, portfolio: list[InitiativeFacts], expected: bool) -> None:
    hits = detect_portfolio_patterns(portfolio)
    assert bool(hits) is expected
    assert all(hit.pattern is PatternId.AI_THEATRE for hit in hits)


def test_ai_theatre_evidence() -> None:
    portfolio = [_live(n, kpi_actuals=()) for n in range(3)] + [
        _live(3, kpi_baseline=None),
        _pilot(4),
    ]
    (hit,) = detect_portfolio_patterns(portfolio)
    assert [(e.label, e.value) for e in hit.evidence][:4] == [
        ("Initiatives past the idea stage (retired ones left out)", "5"),
        ("Live (production or scaled) without measured impact", "4 of 4"),
        ("Without a KPI", "0 of 5"),
        ("Activity without measured impact", "4 of 5 (80 %, threshold more than 50 %)"),
    ]
    assert (hit.evidence[4].label, hit.evidence[4].value) == (
        "Live 0",
        "live, no KPI value measured",
    )
    assert (
        hit.evidence[7].value == "live, KPI measured but no baseline and target to judge it against"
    )


def test_months_between() -> None:
    assert months_between(date(2026, 1, 31), date(2026, 2, 28)) == 0
    assert months_between(date(2026, 1, 15), date(2026, 7, 15)) == 6
    assert months_between(date(2026, 1, 15), date(2026, 7, 14)) == 5
    assert months_between(date(2026, 5, 1), date(2026, 1, 1)) == 0
