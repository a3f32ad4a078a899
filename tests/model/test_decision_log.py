"""The decision log: every field of a decision, its stances, retired values, each change audited."""

from __future__ import annotations

from datetime import date

import pytest

from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.domain import ValueStance
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store import PortfolioStore


def _setup(store: PortfolioStore) -> tuple[str, str, str]:
    initiative = store.add_initiative(name="Claims triage")
    fair = store.add_stated_value("Fair to every customer")
    human = store.add_stated_value("Human judgement stays accountable")
    return initiative, fair, human


def test_every_field_is_stored_and_updated(store: PortfolioStore) -> None:
    initiative, fair, human = _setup(store)
    decision = store.add_decision(
        initiative,
        decided_on=date(2026, 3, 1),
        title="Launched before the bias review",
        pressure="Quarter-end launch date",
        actual_logic="The board date",
        cost_of_decision_not_made="Six weeks' delay",
        decided_by="COO",
        argued_by="The data protection officer",
        stances={fair: "departed"},
    )
    (saved,) = store.decisions(initiative)
    assert (saved.pressure, saved.argued_by, saved.decided_by) == (
        "Quarter-end launch date",
        "The data protection officer",
        "COO",
    )
    store.update_decision(
        decision,
        pressure="A competitor's launch",
        argued_by="",
        stances={fair: ValueStance.DEPARTED, human: ValueStance.UPHELD},
    )
    (saved,) = store.decisions(initiative)
    assert saved.pressure == "A competitor's launch"
    assert saved.argued_by == ""
    assert {s.value_id: s.stance for s in saved.stances} == {
        fair: ValueStance.DEPARTED,
        human: ValueStance.UPHELD,
    }
    last = store.audit_events()[-1]
    assert (last.action, last.entity, last.entity_id) == (
        AuditAction.UPDATE,
        AuditEntity.DECISION,
        decision,
    )
    assert last.details["stances"] == {fair: "departed", human: "upheld"}
    count = len(store.audit_events())
    store.update_decision(decision, pressure="A competitor's launch")
    assert len(store.audit_events()) == count  # nothing changed, nothing recorded
    with pytest.raises(ValidationError, match="Unknown decision field"):
        store.update_decision(decision, colour="red")
    with pytest.raises(ValidationError, match="title is required"):
        store.update_decision(decision, title=" ")


def test_a_decision_is_deleted_with_its_stances_and_restored(store: PortfolioStore) -> None:
    initiative, fair, human = _setup(store)
    decision = store.add_decision(
        initiative, decided_on=date(2026, 3, 1), title="Shipped", stances={fair: "departed"}
    )
    saved = store.export_record(AuditEntity.DECISION, decision)
    with pytest.raises(ValidationError, match="cannot be deleted"):
        store.delete_record(AuditEntity.STATED_VALUE, fair)
    store.delete_record(AuditEntity.DECISION, decision)
    assert store.decisions() == []
    store.restore_record(saved)
    assert store.export_record(AuditEntity.DECISION, decision) == saved
    store.delete_record(AuditEntity.DECISION, decision)
    store.delete_record(AuditEntity.STATED_VALUE, fair)  # no decision refers to it now
    assert [v.id for v in store.stated_values()] == [human]


def test_a_retired_value_stays_on_its_decisions_and_takes_no_new_one(
    store: PortfolioStore,
) -> None:
    initiative, fair, human = _setup(store)
    decision = store.add_decision(
        initiative, decided_on=date(2026, 3, 1), title="Shipped", stances={fair: "departed"}
    )
    store.retire_stated_value(fair, date(2026, 6, 30))
    assert next(v for v in store.stated_values() if v.id == fair).retired_on == date(2026, 6, 30)
    with pytest.raises(ValidationError, match="retired on 2026-06-30"):
        store.add_decision(
            initiative, decided_on=date(2026, 7, 1), title="Again", stances={fair: "upheld"}
        )
    # Still on the old decision, and the old decision can change its other fields and stance.
    store.update_decision(decision, title="Shipped early", stances={fair: "upheld"})
    (saved,) = store.decisions()
    assert [(s.value_id, s.stance) for s in saved.stances] == [(fair, ValueStance.UPHELD)]
    store.update_decision(decision, stances={})
    with pytest.raises(ValidationError, match="retired"):  # once removed, it cannot come back
        store.update_decision(decision, stances={fair: "upheld"})
    store.retire_stated_value(fair, None)
    store.update_decision(decision, stances={fair: "upheld", human: "departed"})
    assert len(store.decisions()[0].stances) == 2
