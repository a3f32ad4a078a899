"""The necessity decision uses its answers: a suggested outcome with reasons, and the store
holds the rules (knock-outs, conditions, rationale, decision maker) whoever calls it."""

from __future__ import annotations

from typing import Any

import pytest

from avi_desktop.model.domain import NecessityOutcome
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.necessity import load_necessity_instrument, suggest_outcome, timing_text
from avi_desktop.model.overview import portfolio_overview
from avi_desktop.model.store import PortfolioStore

GOOD: dict[str, Any] = {
    "problem_defined": True,
    "problem_statement": "Claims wait too long for triage.",
    "kpi_name": "Days to triage",
    "kpi_baseline": 12,
    "kpi_target": 4,
    "alternatives_considered": "Rules, more staff.",
    "simpler_option_meets_need": False,
    "uncertainty": "high",
    "error_tolerance": "moderate",
    "explanation_need": "helpful",
    "data_readiness": "ready",
    "data_rights": True,
    "output_actor": "Adjusters",
    "workflow_entry": "A queue in the claims system",
    "business_owner": "Head of Claims",
    "data_ai_partner": "Data office",
    "beneficiaries": "Claimants, paid sooner",
}


def suggest(**changes: Any) -> Any:
    return suggest_outcome(load_necessity_instrument(), {**GOOD, **changes})


@pytest.mark.parametrize(
    ("changes", "outcome", "reason"),
    [
        ({}, NecessityOutcome.JUSTIFIED, "judgement"),
        # Fixed rules would do, no data, no right to use it: never "Justified".
        (
            {"uncertainty": "low", "data_readiness": "none", "data_rights": False},
            NecessityOutcome.NOT_JUSTIFIED,
            "Fixed rules",
        ),
        ({"data_rights": False}, NecessityOutcome.NOT_JUSTIFIED, "no right"),
        (
            {"uncertainty": "low", "data_readiness": "none"},
            NecessityOutcome.NOT_JUSTIFIED,
            "not available",
        ),
        ({"uncertainty": "low"}, NecessityOutcome.JUSTIFIED_WITH_CONDITIONS, "Fixed rules"),
        ({"data_readiness": "unproven"}, NecessityOutcome.JUSTIFIED_WITH_CONDITIONS, "quality"),
        (
            {"error_tolerance": "none", "explanation_need": "essential"},
            NecessityOutcome.JUSTIFIED_WITH_CONDITIONS,
            "explained",
        ),
        ({"simpler_option_meets_need": True}, NecessityOutcome.NOT_JUSTIFIED, "simpler"),
        ({"data_readiness": None}, NecessityOutcome.INSUFFICIENT_INFORMATION, "Not answered"),
    ],
)
def test_the_answers_suggest_an_outcome_with_reasons(
    changes: dict[str, Any], outcome: NecessityOutcome, reason: str
) -> None:
    suggestion = suggest(**changes)
    assert suggestion.outcome == outcome
    assert any(reason.lower() in r.lower() for r in suggestion.reasons), suggestion.reasons
    if outcome == NecessityOutcome.JUSTIFIED_WITH_CONDITIONS:
        assert suggestion.conditions  # each concern comes with a condition to track


def add(store: PortfolioStore, initiative: str, **fields: Any) -> str:
    record: dict[str, Any] = {
        "answers": GOOD,
        "outcome": "justified",
        "rationale": "A good fit.",
        "decided_by": "Risk committee",
    }
    record.update(fields)
    return store.add_necessity(initiative, **record)


def test_the_store_enforces_knock_outs_rationale_and_decision_maker(
    store: PortfolioStore,
) -> None:
    initiative = store.add_initiative(name="Claims triage")
    knocked = {**GOOD, "simpler_option_meets_need": True}
    with pytest.raises(ValidationError, match="Not justified"):
        add(store, initiative, answers=knocked)
    with pytest.raises(ValidationError, match="rationale"):
        add(store, initiative, rationale="  ")
    with pytest.raises(ValidationError, match="decided by"):
        add(store, initiative, decided_by="")
    with pytest.raises(ValidationError, match="conditions"):
        add(store, initiative, outcome="justified_with_conditions")
    assert store.get_initiative(initiative).necessity_assessments == []
    add(store, initiative, answers=knocked, outcome="not_justified")
    assert len(store.get_initiative(initiative).necessity_assessments) == 1


def test_whether_it_came_before_the_technology_decision_is_recorded(
    store: PortfolioStore,
) -> None:
    initiative = store.add_initiative(name="Claims triage")
    add(store, initiative, before_technology_decision=False)
    (record,) = store.get_initiative(initiative).necessity_assessments
    assert record.before_technology_decision is False
    (entry,) = portfolio_overview(store).entries
    assert entry.necessity is not None and entry.necessity.before_technology_decision is False
    assert "after the technology had been chosen" in timing_text(False)
    assert "before the technology decision" in timing_text(True)
    assert "Not recorded" in timing_text(None)
