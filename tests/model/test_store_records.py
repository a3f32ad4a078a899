"""Records exported, deleted and restored exactly (undo's inverses), each an audited change."""

from __future__ import annotations

from datetime import date

import pytest

from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.domain import Imperative, ValueStance
from avi_desktop.model.errors import ReadOnlyError, ValidationError
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.store import PortfolioStore


def _events(store: PortfolioStore) -> list[tuple[str, str, str]]:
    return [(e.action, e.entity, e.entity_id) for e in store.audit_events()]


def test_an_assessment_goes_with_its_respondents_and_answers_and_comes_back_exactly(
    store: PortfolioStore,
) -> None:
    initiative = store.add_initiative(name="Claims triage")
    instrument = bundled_instrument()
    assessment = store.create_assessment(
        initiative, title="Baseline", instrument=instrument, assessed_on=date(2026, 3, 1)
    )
    respondent = store.add_respondent(assessment, name="Ada", group="ceos")
    item = instrument.layers[0].items[0].id
    store.set_answers(respondent, {item: 4}, {item: "Weekly"}, submitted=True)
    saved = store.export_record(AuditEntity.ASSESSMENT, assessment)
    assert [len(saved.rows[t]) for t in ("assessments", "respondents", "answers")] == [1, 1, 1]

    store.delete_record(AuditEntity.ASSESSMENT, assessment)
    assert store.assessment_ids(initiative) == []
    with pytest.raises(ValidationError, match="no assessment"):
        store.export_record(AuditEntity.ASSESSMENT, assessment)

    store.restore_record(saved)
    assert store.export_record(AuditEntity.ASSESSMENT, assessment) == saved
    assert store.response_sets(assessment)[0].answers == {item: 4}
    assert _events(store)[-2:] == [
        (AuditAction.DELETE, AuditEntity.ASSESSMENT, assessment),
        (AuditAction.RESTORE, AuditEntity.ASSESSMENT, assessment),
    ]
    assert store.verify().ok


def test_restore_replaces_what_the_record_has_become(store: PortfolioStore) -> None:
    initiative = store.add_initiative(name="Claims triage")
    action = store.add_action(initiative, imperative=Imperative.DEFINE_VALUE, title="Name a KPI")
    before = store.export_record(AuditEntity.ACTION, action)
    store.update_action(action, owner="Ada", status="done")
    store.restore_record(before)
    restored = store.actions(initiative)[0]
    assert (restored.owner, restored.status, restored.title) == ("", "open", "Name a KPI")
    assert store.export_record(AuditEntity.ACTION, action) == before


def test_a_necessity_assessment_and_a_stated_value_are_deleted_and_restored(
    store: PortfolioStore,
) -> None:
    initiative = store.add_initiative(name="Claims triage")
    necessity = store.add_necessity(
        initiative, answers={"a": 1}, outcome="justified", rationale="Fit.", decided_by="Board"
    )
    saved = store.export_record(AuditEntity.NECESSITY_ASSESSMENT, necessity)
    store.delete_record(AuditEntity.NECESSITY_ASSESSMENT, necessity)
    assert store.get_initiative(initiative).necessity_assessments == []
    store.restore_record(saved)
    assert [n.id for n in store.get_initiative(initiative).necessity_assessments] == [necessity]

    value = store.add_stated_value("Fairness")
    store.add_decision(
        initiative, decided_on=date(2026, 2, 1), title="Go live",
        stances={value: ValueStance.DEPARTED},
    )  # fmt: skip
    with pytest.raises(ValidationError, match="decision refers"):
        store.delete_record(AuditEntity.STATED_VALUE, value)
    assert [v.id for v in store.stated_values()] == [value]
    with pytest.raises(ValidationError, match="no action"):
        store.delete_record(AuditEntity.ACTION, "missing")


def test_restoring_a_stated_value_that_still_exists_keeps_the_decisions_stances(
    store: PortfolioStore,
) -> None:
    """Putting a renamed value back must not drop what decisions said about it."""
    initiative = store.add_initiative(name="Claims triage")
    value = store.add_stated_value("Fairness")
    before = store.export_record(AuditEntity.STATED_VALUE, value)
    decision = store.add_decision(
        initiative,
        decided_on=date(2026, 3, 1),
        title="Launched without a bias audit",
        stances={value: ValueStance.DEPARTED},
    )
    store.update_stated_value(value, name="Fair outcomes")
    store.restore_record(before)
    assert store.export_record(AuditEntity.STATED_VALUE, value) == before
    (logged,) = store.decisions(initiative)
    assert logged.id == decision
    assert [(s.value_id, s.stance) for s in logged.stances] == [(value, ValueStance.DEPARTED)]
    assert store.verify().ok


def test_restoring_an_initiative_that_still_exists_replaces_what_hangs_under_it(
    store: PortfolioStore,
) -> None:
    initiative = store.add_initiative(name="Claims triage")
    before = store.export_record(AuditEntity.INITIATIVE, initiative)
    store.add_action(initiative, imperative=Imperative.DEFINE_VALUE, title="Name a KPI")
    store.update_initiative(initiative, name="Claims triage v2")
    store.restore_record(before)
    assert store.export_record(AuditEntity.INITIATIVE, initiative) == before
    assert store.actions(initiative) == []
    assert store.verify().ok


def test_a_closed_assessment_is_neither_deleted_nor_replaced_until_reopened(
    store: PortfolioStore,
) -> None:
    initiative = store.add_initiative(name="Claims triage")
    assessment = store.create_assessment(
        initiative, title="Workshop", instrument=bundled_instrument(), assessed_on=date(2026, 3, 1)
    )
    before = store.export_record(AuditEntity.ASSESSMENT, assessment)
    store.set_assessment_status(assessment, "closed")
    closed = store.export_record(AuditEntity.ASSESSMENT, assessment)
    events = len(store.audit_events())
    with pytest.raises(ReadOnlyError, match="closed and read-only"):
        store.delete_record(AuditEntity.ASSESSMENT, assessment)
    with pytest.raises(ReadOnlyError, match="closed and read-only"):
        store.restore_record(before)
    assert store.export_record(AuditEntity.ASSESSMENT, assessment) == closed
    assert len(store.audit_events()) == events
    store.reopen_assessment(assessment, "A late answer came in")
    store.delete_record(AuditEntity.ASSESSMENT, assessment)
    assert store.assessment_ids(initiative) == []
