"""Recommendations under the four imperatives, each tied to the evidence that prompted it."""

from __future__ import annotations

from datetime import date

from avi_desktop.model.domain import LAYERS, Imperative, Layer, PatternId, StakeholderGroup
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.recommendations import action_fields, recommend
from avi_desktop.model.results import AssessmentResult, Evidence, PatternHit
from avi_desktop.model.scoring import score_assessment
from avi_desktop.model.store import PortfolioStore
from tests.model.engine_helpers import effective_answers, fill_portfolio, response

INSTRUMENT = bundled_instrument()
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
    # Ordered by the four imperatives.
    order = list(Imperative)
    assert [order.index(r.imperative) for r in recs] == sorted(
        order.index(r.imperative) for r in recs
    )


def test_each_pattern_gets_its_recommendation_with_its_evidence() -> None:
    evidence = (Evidence("Stage", "Pilot for 9 months", "stage_since"),)
    hits = tuple(PatternHit(p, p.label, evidence, "why") for p in PatternId)
    recs = recommend(None, hits)
    assert len(recs) == 7
    assert {rec.source for rec in recs} == {p.value for p in PatternId}
    assert all(rec.evidence == evidence for rec in recs)
    by_source = {rec.source: rec.imperative for rec in recs}
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


def test_reverse_keyed_items_say_that_respondents_agreed_with_the_problem() -> None:
    # OC-08 states a problem ("decisions get stuck"); answering 5 (strongly agree) scores 1.
    answers = effective_answers(INSTRUMENT, dict.fromkeys(LAYERS, 4))
    answers["OC-08"] = 5
    result = score_assessment(INSTRUMENT, [response("a", answers)], TARGETS, "A1")
    recs = [rec for rec in recommend(result, (), INSTRUMENT) if rec.source == "OC-08"]
    assert len(recs) == 1
    assert recs[0].title.startswith("Respondents agree: Decisions")
    (evidence,) = recs[0].evidence
    assert not evidence.label.endswith(".")
    assert evidence.value == (
        "people agreed 5.0 of 5 on average; as the statement describes a problem, "
        "that counts as 1.0 of 5"
    )


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
