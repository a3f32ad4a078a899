"""Recommendations under the four imperatives, each tied to the evidence that prompted it."""

from __future__ import annotations

from datetime import date

import pytest

from avi_desktop.model.domain import (
    LAYERS,
    Imperative,
    Layer,
    NecessityOutcome,
    PatternId,
    Stage,
    StakeholderGroup,
)
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.necessity import NecessityFacts
from avi_desktop.model.pattern_facts import DecisionFacts, InitiativeFacts
from avi_desktop.model.recommendations import LAYER_IMPERATIVE, action_fields, recommend
from avi_desktop.model.results import AssessmentResult, Evidence, PatternHit
from avi_desktop.model.scoring import score_assessment
from avi_desktop.model.store import PortfolioStore
from tests.model.engine_helpers import effective_answers, fill_portfolio, response

INSTRUMENT = bundled_instrument("1.0")  # the arithmetic below is worked on version 1.0
NEW = bundled_instrument()
TARGETS = dict.fromkeys(LAYERS, 75.0)


def _split_result() -> AssessmentResult:
    good = dict.fromkeys(LAYERS, 4)
    a = effective_answers(INSTRUMENT, {**good, Layer.ORGANISATION: 2})
    b = effective_answers(INSTRUMENT, {**good, Layer.ORGANISATION: 2, Layer.LEADERSHIP: 1})
    a["OC-03"] = 1  # the lowest item: (1 + 2) / 2 = 1.5
    responses = [
        response("a", a, StakeholderGroup.CFOS),
        response("b", b, StakeholderGroup.EMPLOYEES),
    ]
    return score_assessment(INSTRUMENT, responses, TARGETS, "A1")


def test_binding_layer_agreement_and_lowest_items() -> None:
    result = _split_result()
    assert result.binding_layer == Layer.ORGANISATION
    recs = recommend(result, (), INSTRUMENT)
    by_id = {rec.id: rec for rec in recs}
    assert recs[0].id == "REC-binding-organisation"  # the binding layer comes first
    binding = by_id["REC-binding-organisation"]
    assert binding.imperative == Imperative.INVEST_CAPABILITY
    assert binding.evidence == (
        Evidence(
            "Organisational Capability (binding layer)",
            # a: nine items at 2, OC-03 at 1: 100*9/40 = 22.5; b: 25. S = 23.75, gap 51.25,
            # both shown rounded half up.
            "23.8 (target 75.0, gap 51.3)",
            "organisation",
        ),
    )
    # Leadership answered 4 and 1 on every item: variance 4.5, r_wg 0.
    agreement = by_id["REC-low-agreement"]
    assert agreement.imperative == Imperative.ALIGN_LEADERSHIP
    assert [e.ref for e in agreement.evidence] == ["leadership"]
    items = [rec for rec in recs if rec.id.startswith("REC-item-")]
    assert len(items) == 3
    assert items[0].source == "OC-03"
    assert items[0].evidence[0].value == "1.5 of 5"
    assert items[0].title == (
        "Make this true: frontline teams use the system and would not want to go back"
    )
    assert not any(rec.title.startswith("Low score") for rec in recs)


def test_each_pattern_gets_its_recommendation_with_its_evidence() -> None:
    evidence = (Evidence("Stage", "Pilot for 9 months", "stage_since"),)
    hits = tuple(PatternHit(p, p.label, evidence, "why") for p in PatternId)
    recs = recommend(None, hits)
    assert len(recs) == 8  # the seven and one synthesis of them
    synthesis, *each = recs
    assert synthesis.id == "REC-synthesis"
    assert synthesis.title.startswith("Treat Ethical Drift, Momentum without Direction, ")
    assert "treats symptoms, not causes" in synthesis.detail
    assert {rec.source for rec in each} == {p.value for p in PatternId}
    assert all(rec.evidence == evidence for rec in each)
    by_source = {rec.source: rec.imperative for rec in each}
    # Value fragmentation is answered by defining value, not by aligning leadership.
    assert by_source["value_fragmentation"] == Imperative.DEFINE_VALUE
    assert by_source["momentum_without_direction"] == Imperative.DEFINE_VALUE
    assert by_source["ai_theatre"] == Imperative.DEFINE_VALUE
    assert by_source["trust_ceiling"] == Imperative.MEASURE_VALUE
    assert by_source["pilot_trap"] == Imperative.INVEST_CAPABILITY


def test_an_aligned_result_needs_no_layer_advice() -> None:
    answers = effective_answers(INSTRUMENT, dict.fromkeys(LAYERS, 4))
    result = score_assessment(INSTRUMENT, [response("a", answers)], TARGETS)
    assert recommend(result, (), INSTRUMENT) == ()


def test_action_fields_feed_the_store(store: PortfolioStore) -> None:
    ids = fill_portfolio(store)
    rec = recommend(_split_result(), (), INSTRUMENT)[0]
    fields = action_fields(rec)
    action_id = store.add_action(ids["claims"], **fields, due_on=date(2027, 1, 1))
    (action,) = [a for a in store.actions(ids["claims"]) if a.id == action_id]
    assert action.imperative == rec.imperative.value
    assert action.title == rec.title
    assert action.source["recommendation"] == rec.id
    assert action.source["evidence"][0]["value"] == rec.evidence[0].value


def test_items_worded_as_a_problem_say_that_respondents_agreed_with_it() -> None:
    # OC-08 states a problem ("decisions get stuck"); answering 5 (strongly agree) scores 1.
    answers = effective_answers(INSTRUMENT, dict.fromkeys(LAYERS, 4))
    answers["OC-08"] = 5
    result = score_assessment(INSTRUMENT, [response("a", answers)], TARGETS, "A1")
    recs = [rec for rec in recommend(result, (), INSTRUMENT) if rec.source == "OC-08"]
    assert len(recs) == 1
    assert recs[0].title.startswith("Remove the cause respondents agree with: decisions")
    (evidence,) = recs[0].evidence
    assert not evidence.label.endswith(".")
    assert evidence.value == (
        "people agreed 5.0 of 5 on average; as the statement describes a problem, "
        "that counts as 1.0 of 5"
    )
    assert "reverse" not in evidence.value


def test_display_rounding_is_half_up_so_printed_differences_add_up() -> None:
    from avi_desktop.model.results import fmt_number, fmt_score

    # 91.25 - 22.5 = 68.75: all three printed must agree (91.3 - 22.5 = 68.8).
    assert (fmt_score(91.25), fmt_score(22.5), fmt_score(68.75)) == ("91.3", "22.5", "68.8")
    assert fmt_number(-0.04, 1, sign=True) == "+0.0"  # no "-0.0"
    assert fmt_number(-2.25, 1, sign=True) == "-2.3"
    assert fmt_number(0.955, 2) == "0.96"
    assert fmt_score(None) == "—"


def test_dates_are_written_in_words_whatever_the_locale() -> None:
    from avi_desktop.model.results import fmt_date

    assert fmt_date(date(2026, 3, 4)) == "4 March 2026"
    assert fmt_date(date(2026, 9, 14), short=True) == "14 Sep 2026"
    assert fmt_date(None) == "—"


def _one(answers: dict[str, int]) -> AssessmentResult:
    base = effective_answers(NEW, dict.fromkeys(LAYERS, 4))
    return score_assessment(NEW, [response("a", {**base, **answers})], TARGETS, "A2")


@pytest.mark.parametrize(
    ("item", "imperative"),
    [
        # Societal Trust gaps are not all "Measure value": governance is leadership's to fix,
        # transparency and inclusion are capability, measuring trust is measurement.
        ("ST-05", Imperative.ALIGN_LEADERSHIP),  # bias audit
        ("ST-06", Imperative.ALIGN_LEADERSHIP),  # accountable to affected people
        ("ST-01", Imperative.INVEST_CAPABILITY),  # people told when AI is used
        ("ST-08", Imperative.MEASURE_VALUE),  # employee trust measured
        ("LA-09", Imperative.DEFINE_VALUE),  # groups helped define success
        # Technology gaps are not organisational capability.
        ("TC-03", Imperative.MEASURE_VALUE),
        ("TC-05", Imperative.MEASURE_VALUE),
        ("TC-06", Imperative.MEASURE_VALUE),
        ("OC-01", Imperative.INVEST_CAPABILITY),
    ],
)
def test_low_items_go_under_the_imperative_that_answers_them(
    item: str, imperative: Imperative
) -> None:
    (rec,) = [r for r in recommend(_one({item: 1}), (), NEW) if r.source == item]
    assert rec.imperative is imperative
    assert rec.title.split()[0] in {"Make", "Find"}
    assert rec.evidence[0].ref == item


def test_layers_go_under_their_imperative() -> None:
    assert LAYER_IMPERATIVE[Layer.TECHNOLOGY] is not Imperative.INVEST_CAPABILITY
    assert LAYER_IMPERATIVE[Layer.ORGANISATION] is Imperative.INVEST_CAPABILITY


def test_the_first_three_start_from_the_binding_layer_and_the_worst_pattern_once() -> None:
    result = _one({item.id: 1 for item in NEW.layer(Layer.TRUST).items})
    hits = (
        PatternHit(PatternId.PILOT_TRAP, "AI Pilot Trap", (Evidence("Stage", "x", "stage"),), ""),
        PatternHit(
            PatternId.ETHICAL_DRIFT,
            "Ethical Drift",
            (Evidence("Bias audit", "1.0 of 5", "ST-05"),),
            "",
        ),
    )
    recs = recommend(result, hits, NEW)
    assert [r.id for r in recs[:4]] == [
        "REC-synthesis",
        "REC-binding-trust",
        "REC-pattern-ethical_drift",
        "REC-pattern-pilot_trap",
    ]
    assert recs[0].title == (
        "Treat Ethical Drift and AI Pilot Trap as one problem, starting with Ethical Drift"
    )
    # ST-05 is cited by the Ethical Drift advice, so it is not repeated as an item of its own.
    assert "REC-item-ST-05" not in [r.id for r in recs]
    titles = [r.title for r in recs]
    assert len(titles) == len(set(titles))


@pytest.mark.parametrize(
    ("necessity", "first", "title"),
    [
        (
            NecessityFacts(NecessityOutcome.NOT_JUSTIFIED, date(2026, 2, 1)),
            "REC-necessity-stop",
            "Stop the initiative or redesign it so that AI is the right tool",
        ),
        (
            NecessityFacts(NecessityOutcome.INSUFFICIENT_INFORMATION, date(2026, 2, 1)),
            "REC-necessity-missing",
            "Get the missing answers to the necessity assessment and decide again",
        ),
        (
            NecessityFacts(
                NecessityOutcome.JUSTIFIED_WITH_CONDITIONS,
                date(2026, 2, 1),
                ("Human review of every refusal", "Quarterly bias audit"),
            ),
            "REC-necessity-condition-1",
            "Meet the necessity condition and track it: Human review of every refusal",
        ),
        (NecessityFacts(NecessityOutcome.JUSTIFIED, date(2026, 2, 1)), None, None),
    ],
)
def test_the_necessity_decision_comes_first(
    necessity: NecessityFacts, first: str | None, title: str | None
) -> None:
    momentum = PatternHit(
        PatternId.MOMENTUM_WITHOUT_DIRECTION,
        "Momentum without Direction",
        (Evidence("Necessity outcome", necessity.outcome.label, "necessity"),),
        "",
    )
    # Momentum fires on the outcomes it names; with conditions met it has nothing to say.
    hits = () if necessity.conditions else (momentum,)
    recs = recommend(None, hits, necessity=necessity)
    if first is None:
        assert recs[0].id == "REC-pattern-momentum_without_direction"
        return
    assert (recs[0].id, recs[0].title) == (first, title)
    # "Run the necessity assessment" is not said again under Momentum without Direction.
    assert "REC-pattern-momentum_without_direction" not in [r.id for r in recs]
    if necessity.conditions:
        assert [r.id for r in recs] == ["REC-necessity-condition-1", "REC-necessity-condition-2"]


def test_conditions_to_track_come_after_the_binding_layer_and_the_patterns() -> None:
    necessity = NecessityFacts(
        NecessityOutcome.JUSTIFIED_WITH_CONDITIONS, date(2026, 2, 1), ("Human review",)
    )
    hit = PatternHit(
        PatternId.VALUE_FRAGMENTATION, "Value Fragmentation", (Evidence("x", "y", "LA-10"),), ""
    )
    result = _one(dict.fromkeys([i.id for i in NEW.layer(Layer.LEADERSHIP).items], 1))
    recs = recommend(result, (hit,), NEW, necessity=necessity)
    assert [r.id for r in recs[:3]] == [
        "REC-binding-leadership",
        "REC-pattern-value_fragmentation",
        "REC-necessity-condition-1",
    ]
    assert recs[1].imperative is Imperative.DEFINE_VALUE


def test_records_that_contradict_each_other_are_to_be_corrected() -> None:
    facts = InitiativeFacts(
        initiative_id="i",
        name="Telematics",
        stage=Stage.PROOF_OF_CONCEPT,
        stage_since=date(2026, 3, 1),
        today=date(2026, 11, 23),
        decisions=(
            DecisionFacts("d1", date(2026, 6, 1), "Stop the proof of concept", ()),
            DecisionFacts("d2", date(2026, 7, 1), "Extend the data contract", ()),
        ),
    )
    (rec,) = recommend(None, (), facts=facts)
    assert rec.title.startswith("Correct the record:")
    assert rec.title.endswith("its stage still says proof of concept")
    assert [e.ref for e in rec.evidence] == ["d1", "stage"]
    retired = InitiativeFacts(**{**facts.__dict__, "stage": Stage.RETIRED})
    assert recommend(None, (), facts=retired) == ()


def test_a_pattern_that_says_what_the_binding_layer_says_replaces_it() -> None:
    result = _one({item.id: 1 for item in NEW.layer(Layer.TRUST).items})
    ceiling = PatternHit(
        PatternId.TRUST_CEILING,
        "Trust Ceiling",
        (Evidence("Technology Capability", "75", "technology"), Evidence("Trust", "0", "trust")),
        "",
    )
    recs = recommend(result, (ceiling,), NEW)
    assert recs[0].id == "REC-pattern-trust_ceiling"
    assert "REC-binding-trust" not in [r.id for r in recs]
