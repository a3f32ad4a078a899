"""Sentences a director reads on page 1 and in the committee paper, held to plain English:
singular and plural agree, a figure moving the wrong way says so in words, a retired initiative
is not told to stop, and "most frequent" names a pattern only when one is."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from avi_desktop.model.advice import necessity_recommendations
from avi_desktop.model.domain import NecessityOutcome, Stage
from avi_desktop.model.formatting import fmt_amount
from avi_desktop.model.necessity import NecessityFacts
from avi_desktop.model.pattern_evidence import decision_evidence
from avi_desktop.model.pattern_facts import DecisionFacts
from avi_desktop.model.portfolio_summary import decisions_asked
from avi_desktop.model.realised_value import realised_value
from avi_desktop.reports.initiative_summary import index_change_sentence, progress_sentence
from avi_desktop.reports.portfolio_sections import frequent_pattern_line


def test_one_of_a_unit_is_singular() -> None:
    assert fmt_amount(1, "hours") == "1 hour"
    assert fmt_amount(1, "percentage points") == "1 percentage point"
    assert fmt_amount(72, "hours") == "72 hours"
    assert fmt_amount(1, "claims per 100 policies") == "1 claims per 100 policies"  # as typed


def test_a_change_of_the_index_says_which_way_it_went() -> None:
    assert index_change_sentence(18.4) == (
        "Since the previous assessment the alignment index has risen 18.4 points."
    )
    assert index_change_sentence(-3.25).endswith("has fallen 3.3 points.")
    assert index_change_sentence(0.01).endswith("has not changed.")
    assert "+" not in index_change_sentence(18.4) and "moved" not in index_change_sentence(-1)


def test_progress_the_wrong_way_is_never_a_negative_share() -> None:
    assert progress_sentence(88.9) == "89 % of the promised change is delivered."
    backwards = progress_sentence(-10.0)
    assert "-" not in backwards and "moved away from the target" in backwards
    initiative = SimpleNamespace(
        kpi_name="Days to repair authorisation", kpi_unit="days", kpi_baseline=6.0,
        kpi_target=2.0, investment_to_date=560_000.0,
        kpi_actuals=[{"date": "2026-06-30", "value": 6.4}],
    )  # fmt: skip
    summary = realised_value(initiative).summary()
    assert summary.startswith("Moved away from the target: none of the promised change")
    assert "-10" not in summary


def test_a_retired_initiative_is_not_told_to_stop() -> None:
    facts = NecessityFacts(NecessityOutcome.NOT_JUSTIFIED, date(2026, 5, 1))
    live = necessity_recommendations(facts)
    assert live[0].title.startswith("Stop the initiative")
    retired = necessity_recommendations(facts, Stage.RETIRED)
    assert len(retired) == 1 and "Stop" not in retired[0].title
    assert "retired" in retired[0].detail
    conditional = NecessityFacts(
        NecessityOutcome.JUSTIFIED_WITH_CONDITIONS, date(2026, 5, 1), ("Quarterly audit",)
    )
    assert necessity_recommendations(conditional, Stage.PILOT)
    assert necessity_recommendations(conditional, Stage.RETIRED) == []


def test_most_frequent_names_a_pattern_only_when_one_is() -> None:
    once = frequent_pattern_line({"AI Pilot Trap": 1, "Trust Ceiling": 1, "Ethical Drift": 1}, 15)
    assert "most frequent" not in once and "AI Pilot Trap" not in once
    assert once.startswith("No single pattern dominates: 3 different patterns")
    one = frequent_pattern_line({"Trust Ceiling": 1}, 15)
    assert one == "One initiative shows a pattern: <b>Trust Ceiling</b>."
    lead = frequent_pattern_line({"Trust Ceiling": 3, "Ethical Drift": 1}, 15)
    assert (
        lead == "The most frequent pattern in single initiatives is <b>Trust Ceiling</b> (3 of 15)."
    )
    tie = frequent_pattern_line({"Trust Ceiling": 2, "Ethical Drift": 2, "AI Theatre": 1}, 9)
    assert "patterns in single initiatives are <b>Ethical Drift</b>, <b>Trust Ceiling</b>" in tie


def test_the_committee_is_asked_in_the_number_the_list_has() -> None:
    def entry(name: str, stage: Stage) -> SimpleNamespace:
        value = SimpleNamespace(measured=False)
        return SimpleNamespace(
            initiative_id=name,
            name=name,
            stage=stage,
            latest=None,
            necessity=None,
            value=value,
            patterns=(),
        )

    one = decisions_asked([entry("Chatbot", Stage.SCALED)], ())
    ask = next(a for a in one if a.startswith("Ask the owners"))
    assert "it is live (in production or scaled)" in ask and "each" not in ask
    never = next(a for a in one if a.startswith("Require a necessity assessment"))
    assert never.endswith("it is past the idea stage without one.")
    two = decisions_asked([entry("Chatbot", Stage.SCALED), entry("OCR", Stage.PRODUCTION)], ())
    assert any("each is live" in a for a in two)
    assert any(a.endswith("each is past the idea stage without one.") for a in two)


def test_the_pressure_behind_a_decision_reads_mid_sentence() -> None:
    def said(pressure: str) -> str:
        facts = DecisionFacts("d1", date(2026, 4, 14), "Extended the pilot", ("Value",), pressure)
        return decision_evidence(facts).value

    assert said("The board's request for AI progress.") == (
        "departed from Value under pressure of the board's request for AI progress"
    )
    assert said("AI hype") == "departed from Value under pressure of AI hype"
    assert said("  ") == "departed from Value"
