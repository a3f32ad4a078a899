"""A stated value is operational, aspirational or untested, by the decisions that test it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from avi_desktop.model.store import PortfolioStore
from avi_desktop.model.values_audit import ValueStatus, values_audit


def test_status_follows_upheld_and_departed_decisions(store: PortfolioStore) -> None:
    initiative = store.add_initiative(name="Claims triage")
    fair = store.add_stated_value("Fair to every customer")
    human = store.add_stated_value("Human judgement stays accountable")
    untried = store.add_stated_value("Open about AI")
    store.add_decision(
        initiative,
        decided_on=date(2026, 3, 1),
        title="Launched before the bias review",
        stances={fair: "departed", human: "departed"},
    )
    audit = values_audit(store.stated_values(), store.decisions())
    status = {v.name: v.status for v in audit.values}
    assert status == {
        "Fair to every customer": ValueStatus.ASPIRATIONAL,
        "Human judgement stays accountable": ValueStatus.ASPIRATIONAL,
        "Open about AI": ValueStatus.UNTESTED,
    }
    store.add_decision(
        initiative,
        decided_on=date(2026, 4, 1),
        title="Kept a claims handler on every refusal",
        stances={human: "upheld"},
    )
    audit = values_audit(store.stated_values(), store.decisions())
    status = {v.name: v.status for v in audit.values}
    assert status["Human judgement stays accountable"] is ValueStatus.OPERATIONAL
    assert status["Fair to every customer"] is ValueStatus.ASPIRATIONAL
    assert [v.name for v in audit.aspirational] == ["Fair to every customer"]
    assert [v.value_id for v in audit.untested] == [untried]
    assert audit.to_json()["values"][0]["status"] == "aspirational"


def test_the_demo_shows_an_aspirational_value(demo_source: Path) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as opened:
        audit = values_audit(opened.stated_values(), opened.decisions())
    assert {v.name for v in audit.aspirational} >= {"Fair to every customer"}
    assert any(v.status is ValueStatus.OPERATIONAL for v in audit.values)
