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


def test_each_value_is_counted_per_initiative_and_per_quarter(store: PortfolioStore) -> None:
    claims = store.add_initiative(name="Claims triage")
    hiring = store.add_initiative(name="CV screening")
    fair = store.add_stated_value("Fair to every customer")
    for initiative, day, stance in (
        (claims, date(2026, 2, 1), "departed"),
        (claims, date(2026, 3, 31), "departed"),
        (hiring, date(2026, 4, 1), "upheld"),
    ):
        store.add_decision(initiative, decided_on=day, title=f"On {day}", stances={fair: stance})
    audit = values_audit(
        store.stated_values(), store.decisions(), {claims: "Claims triage", hiring: "CV screening"}
    )
    per_initiative = {(s.label, s.upheld, s.departed, s.status) for s in audit.by_initiative()}
    assert per_initiative == {
        ("Claims triage", 0, 2, ValueStatus.ASPIRATIONAL),
        ("CV screening", 1, 0, ValueStatus.OPERATIONAL),
    }
    assert [(s.key, s.upheld, s.departed) for s in audit.by_quarter()] == [
        ("2026 Q1", 0, 2),
        ("2026 Q2", 1, 0),
    ]
    assert [d.title for d in audit.evidence(fair)] == [
        "On 2026-04-01",
        "On 2026-03-31",
        "On 2026-02-01",
    ]
    assert audit.values[0].status is ValueStatus.OPERATIONAL  # upheld once, overall
