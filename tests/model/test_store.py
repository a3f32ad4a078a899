"""PortfolioStore: validation, read-only rules, detached reads and the portfolio rows query."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from avi_desktop.model.audit import AuditEntity, utcnow
from avi_desktop.model.domain import (
    DEFAULT_TARGET,
    LAYERS,
    AssessmentMode,
    AssessmentStatus,
    Imperative,
    Layer,
    NecessityOutcome,
    Stage,
    StakeholderGroup,
    ValueStance,
)
from avi_desktop.model.errors import ReadOnlyError, ValidationError
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.queries import portfolio_rows
from avi_desktop.model.results import ResponseSet
from avi_desktop.model.store import PortfolioSettings, PortfolioStore

INSTRUMENT = Instrument(
    id="avi-four-layer", version="1.0", title="Test", description="", layers=(), patterns={}
)


def assessment_with_two(store: PortfolioStore) -> tuple[str, str, str, str]:
    initiative = store.add_initiative(name="Claims triage", stage=Stage.PILOT)
    assessment = store.create_assessment(
        initiative,
        title="Baseline",
        instrument=INSTRUMENT,
        assessed_on=date(2026, 1, 15),
        mode=AssessmentMode.WORKSHOP,
    )
    first = store.add_respondent(assessment, name="P01", group=StakeholderGroup.CFOS)
    second = store.add_respondent(assessment, name="P02", group="employees", role="Claims handler")
    return initiative, assessment, first, second


def test_settings_defaults_and_update(store: PortfolioStore) -> None:
    assert store.settings() == PortfolioSettings(
        organisation="Northwind",
        classification="CONFIDENTIAL",
        targets=dict.fromkeys(LAYERS, DEFAULT_TARGET),
        instrument_id="avi-four-layer",
    )
    store.update_settings(classification="BOARD ONLY", targets={Layer.TRUST: 80})
    settings = store.settings()
    assert settings.classification == "BOARD ONLY"
    assert settings.targets[Layer.TRUST] == 80.0
    assert settings.targets[Layer.TECHNOLOGY] == DEFAULT_TARGET
    assert settings.organisation == "Northwind"
    with pytest.raises(ValidationError, match="Societal Trust target must be a number from 0"):
        store.update_settings(targets={Layer.TRUST: 120})
    with pytest.raises(ValidationError, match="classification is required"):
        store.update_settings(classification="  ")


def test_initiative_validation(store: PortfolioStore) -> None:
    with pytest.raises(ValidationError, match="name is required"):
        store.add_initiative(name="   ")
    with pytest.raises(ValidationError, match="name is required"):
        store.add_initiative(description="no name")
    with pytest.raises(ValidationError, match="'beta' is not a valid stage; use one of: idea"):
        store.add_initiative(name="X", stage="beta")
    with pytest.raises(ValidationError, match=r"Unknown initiative field.*colour"):
        store.add_initiative(name="X", colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="must be a date"):
        store.add_initiative(name="X", stage_since="last spring")
    with pytest.raises(ValidationError, match="investment to date must be a number"):
        store.add_initiative(name="X", investment_to_date="a lot")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'staff' is not a valid stakeholder group"):
        store.add_initiative(name="X", affected_groups=["staff"])
    with pytest.raises(ValidationError, match="too long"):
        store.add_initiative(name="X" * 201)
    assert store.initiative_ids() == []
    assert len(store.audit_events()) == 1  # only the portfolio's creation


def test_initiative_round_trip_and_stage_date(store: PortfolioStore) -> None:
    initiative = store.add_initiative(
        name="  Fraud detection ",
        stage="production",
        stage_since=date(2025, 9, 1),
        kpi_name="False positives",
        kpi_baseline=12,
        affected_groups=[StakeholderGroup.CUSTOMERS, "regulators", "customers"],
        tags=["fraud"],
        targets={"trust": 85},
    )
    loaded = store.get_initiative(initiative)
    assert loaded.name == "Fraud detection"
    assert (loaded.stage, loaded.stage_since) == ("production", date(2025, 9, 1))
    assert loaded.kpi_baseline == 12.0
    assert loaded.affected_groups == ["customers", "regulators"]
    assert loaded.targets == {"trust": 85.0}
    store.update_initiative(initiative, stage=Stage.SCALED)
    assert store.get_initiative(initiative).stage_since == utcnow().date()
    store.update_initiative(initiative, stage="paused", stage_since="2026-01-01")
    assert store.get_initiative(initiative).stage_since == date(2026, 1, 1)
    with pytest.raises(ValidationError, match="no initiative with id nope"):
        store.update_initiative("nope", name="X")
    # Undo of a delete brings an initiative back under its old id.
    assert store.add_initiative(id="kept-id", name="Again") == "kept-id"
    with pytest.raises(ValidationError, match="id kept-id already exists"):
        store.add_initiative(id="kept-id", name="Twice")


def test_reads_are_detached_with_relationships_loaded(store: PortfolioStore) -> None:
    initiative, assessment, first, _ = assessment_with_two(store)
    store.set_answers(first, {"TC-01": 4})
    store.add_action(initiative, imperative=Imperative.DEFINE_VALUE, title="Write the KPI")
    store.add_necessity(
        initiative,
        answers={"q1": "yes"},
        outcome=NecessityOutcome.JUSTIFIED,
        decided_on=date(2025, 12, 1),
        rationale="A good fit.",
        decided_by="Board",
    )
    loaded = store.get_initiative(initiative)
    got = store.get_assessment(assessment)
    # The sessions are closed: these reads would fail if anything were lazy-loaded.
    assert [a.title for a in loaded.assessments] == ["Baseline"]
    assert [a.title for a in loaded.actions] == ["Write the KPI"]
    assert loaded.necessity_assessments[0].outcome == "justified"
    assert loaded.decisions == []
    assert got.initiative.name == "Claims triage"
    assert [r.name for r in got.respondents] == ["P01", "P02"]
    assert [(a.item_id, a.score) for a in got.respondents[0].answers] == [("TC-01", 4)]
    assert got.targets == {layer.value: DEFAULT_TARGET for layer in LAYERS}


def test_answers_validation_and_response_sets(store: PortfolioStore) -> None:
    _, assessment, first, second = assessment_with_two(store)
    for bad in (0, 6, "3", True, 2.5):
        with pytest.raises(ValidationError, match="TC-01 must be 1 to 5"):
            store.set_answers(first, {"TC-01": bad})  # type: ignore[dict-item]
    store.set_answers(first, {"TC-01": 4, "LA-01": None}, {"LA-01": "Not our area"})
    store.set_answers(second, {"TC-01": 2})
    store.set_answers(first, {"TC-01": 5})  # replaces the earlier score, keeps the rest
    assert store.response_sets(assessment) == [
        ResponseSet(first, "P01", StakeholderGroup.CFOS, {"TC-01": 5, "LA-01": None}),
        ResponseSet(second, "P02", StakeholderGroup.EMPLOYEES, {"TC-01": 2}, "Claims handler"),
    ]
    comments = {
        a.item_id: a.comment for a in store.get_assessment(assessment).respondents[0].answers
    }
    assert comments == {"TC-01": "", "LA-01": "Not our area"}
    with pytest.raises(ValidationError, match="Comments need an answer"):
        store.set_answers(first, {}, {"OC-01": "orphan"})


def test_closed_assessment_is_read_only(store: PortfolioStore) -> None:
    _, assessment, first, _ = assessment_with_two(store)
    store.set_answers(first, {"TC-01": 3})
    store.set_assessment_status(assessment, AssessmentStatus.OPEN)
    store.set_assessment_status(assessment, AssessmentStatus.CLOSED)
    assert store.get_assessment(assessment).closed_at is not None
    events = len(store.audit_events())
    with pytest.raises(ReadOnlyError, match="'Baseline' is closed and read-only"):
        store.set_answers(first, {"TC-01": 5})
    with pytest.raises(ReadOnlyError):
        store.add_respondent(assessment, name="Late", group="ceos")
    with pytest.raises(ReadOnlyError):
        store.set_assessment_status(assessment, AssessmentStatus.OPEN)
    assert store.response_sets(assessment)[0].answers == {"TC-01": 3}
    assert len(store.audit_events()) == events


def test_read_only_store_refuses_every_write(store: PortfolioStore, portfolio_path: Path) -> None:
    initiative = store.add_initiative(name="Claims triage")
    store.close()
    with PortfolioStore.open(portfolio_path, read_only=True) as reader:
        for write in (
            lambda: reader.add_initiative(name="X"),
            lambda: reader.update_initiative(initiative, name="Y"),
            lambda: reader.delete_initiative(initiative),
            lambda: reader.update_settings(organisation="Z"),
            lambda: reader.add_stated_value("Fairness"),
        ):
            with pytest.raises(ReadOnlyError, match="open read-only; open it for editing"):
                write()
        assert reader.get_initiative(initiative).name == "Claims triage"


def test_delete_export_and_restore(store: PortfolioStore) -> None:
    initiative, assessment, first, _ = assessment_with_two(store)
    store.set_answers(first, {"TC-01": 4})
    value = store.add_stated_value("Fairness")
    store.add_decision(
        initiative, decided_on=date(2026, 1, 2), title="Go live", stances={value: "upheld"}
    )
    saved = store.export_record(AuditEntity.INITIATIVE, initiative)
    store.delete_record(AuditEntity.INITIATIVE, initiative)
    assert store.initiative_ids() == []
    assert store.assessment_ids() == []
    assert store.decisions() == []
    assert [v.name for v in store.stated_values()] == ["Fairness"]  # not the initiative's
    store.restore_record(saved)
    assert store.response_sets(assessment)[0].answers == {"TC-01": 4}
    assert store.decisions(initiative)[0].stances[0].stance == "upheld"
    assert [e.action for e in store.audit_events()][-2:] == ["delete", "restore"]
    assert store.verify().ok


def test_values_and_decisions(store: PortfolioStore) -> None:
    initiative = store.add_initiative(name="Claims triage")
    oversight = store.add_stated_value("Human oversight", "A person decides denials.")
    fairness = store.add_stated_value("Fairness")
    with pytest.raises(ValidationError, match="already exists"):
        store.add_stated_value("Fairness")
    decision = store.add_decision(
        initiative,
        decided_on=date(2026, 3, 1),
        title="Auto-deny small claims",
        actual_logic="Cost per claim",
        stances={oversight: ValueStance.DEPARTED, fairness: "upheld"},
    )
    with pytest.raises(ValidationError, match="no stated value with id missing"):
        store.add_decision(
            initiative, decided_on=date(2026, 3, 2), title="X", stances={"missing": "upheld"}
        )
    assert [v.name for v in store.stated_values()] == ["Human oversight", "Fairness"]
    (loaded,) = store.decisions()
    assert loaded.id == decision
    assert {s.value.name: s.stance for s in loaded.stances} == {
        "Human oversight": "departed",
        "Fairness": "upheld",
    }


def test_stated_value_edits_keep_decisions_linked_and_are_audited(store: PortfolioStore) -> None:
    initiative = store.add_initiative(name="Claims triage")
    oversight = store.add_stated_value("Human oversight")
    store.add_stated_value("Fairness")
    store.add_decision(
        initiative, decided_on=date(2026, 3, 1), title="Auto-deny", stances={oversight: "departed"}
    )
    store.update_stated_value(oversight, name="Meaningful human oversight", description="Always")
    with pytest.raises(ValidationError, match="already exists"):
        store.update_stated_value(oversight, name="Fairness")
    with pytest.raises(ValidationError, match="value name"):
        store.update_stated_value(oversight, name="  ")
    events_before = len(store.audit_events())
    store.update_stated_value(oversight, name="Meaningful human oversight")  # no change
    assert len(store.audit_events()) == events_before
    (decision,) = store.decisions()
    assert decision.stances[0].value.name == "Meaningful human oversight"
    assert decision.stances[0].value.description == "Always"
    last = store.audit_events()[-1]
    assert (last.action, last.entity) == ("update", "stated_value")
    assert store.verify().ok


def test_necessity_defaults_to_the_bundled_instrument(store: PortfolioStore) -> None:
    from avi_desktop.model.necessity import load_necessity_instrument

    initiative = store.add_initiative(name="Claims triage")
    store.add_necessity(
        initiative, answers={}, outcome="justified", rationale="Fit.", decided_by="Board"
    )
    bundled = load_necessity_instrument()
    record = store.get_initiative(initiative).necessity_assessments[0]
    assert (record.instrument_id, record.instrument_version) == (bundled.id, bundled.version)


def test_actions(store: PortfolioStore) -> None:
    initiative = store.add_initiative(name="Claims triage")
    action = store.add_action(
        initiative, imperative="align_leadership", title="Agree the owner", due_on=date(2026, 4, 1)
    )
    store.update_action(action, status="in_progress", owner="COO")
    (loaded,) = store.actions(initiative)
    assert (loaded.status, loaded.owner, loaded.due_on) == ("in_progress", "COO", date(2026, 4, 1))
    with pytest.raises(ValidationError, match="not a valid imperative"):
        store.add_action(initiative, imperative="hope", title="X")
    with pytest.raises(ValidationError, match="Unknown action field"):
        store.update_action(action, priority="high")  # type: ignore[call-arg]


def test_latest_assessment_and_portfolio_rows(store: PortfolioStore) -> None:
    claims = store.add_initiative(name="Claims triage", business_unit="Claims", stage="pilot")
    store.add_initiative(name="Agent assist", business_owner="R. Osei")
    ids = [
        store.create_assessment(claims, title=f"Round {n}", instrument=INSTRUMENT, assessed_on=on)
        for n, on in enumerate((date(2025, 6, 1), date(2026, 2, 1), date(2025, 11, 1)))
    ]
    assert store.latest_assessment_id(claims) == ids[1]
    assert store.assessment_ids(claims) == [ids[0], ids[2], ids[1]]
    assert [a.title for a in store.assessments(claims)] == ["Round 0", "Round 2", "Round 1"]
    assert all(a.respondents == [] for a in store.assessments())
    rows = portfolio_rows(store)
    assert [r.name for r in rows] == ["Agent assist", "Claims triage"]
    assert (rows[0].latest_assessment_id, rows[0].latest_assessed_on) == (None, None)
    assert rows[0].business_owner == "R. Osei"
    assert (rows[1].latest_assessment_id, rows[1].latest_assessed_on) == (ids[1], date(2026, 2, 1))
    assert rows[1].stage is Stage.PILOT
    assert rows[1].to_json()["latest_assessment"] == {"id": ids[1], "assessed_on": "2026-02-01"}
    assert portfolio_rows(store.engine) == rows


def test_portfolio_rows_at_scale(store: PortfolioStore) -> None:
    """Many initiatives in one query; written directly, as the store would be too slow here."""
    from sqlalchemy import insert

    from avi_desktop.model.entities import Assessment, Initiative

    now = utcnow()
    initiatives = [
        {
            "id": f"i{n:05d}",
            "name": f"Initiative {n:05d}",
            "stage_since": date(2025, 1, 1),
            "created_at": now,
            "updated_at": now,
        }
        for n in range(5000)
    ]
    assessments = [
        {
            "id": f"a{n:05d}-{k}",
            "initiative_id": f"i{n:05d}",
            "title": "t",
            "instrument_id": "x",
            "instrument_version": "1",
            "assessed_on": date(2025, 1, 1) + timedelta(days=k),
            "created_at": now,
        }
        for n in range(0, 5000, 2)
        for k in range(3)
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(Initiative), initiatives)
        conn.execute(insert(Assessment), assessments)
    rows = portfolio_rows(store)
    assert len(rows) == 5000
    assert rows[0].latest_assessment_id == "a00000-2"
    assert rows[1].latest_assessment_id is None
    assert sum(r.latest_assessment_id is not None for r in rows) == 2500


def test_field_types_rules_and_columns_agree() -> None:
    """The typed keyword arguments, the rule tables and the ORM columns name the same fields."""
    from avi_desktop.model.entities import Initiative
    from avi_desktop.model.store import ActionFields, InitiativeFields
    from avi_desktop.model.store.fields import ACTION_RULES, INITIATIVE_RULES

    columns = {c.key for c in Initiative.__table__.columns} - {"created_at", "updated_at"}
    assert set(InitiativeFields.__annotations__) == set(INITIATIVE_RULES) == columns
    assert set(ActionFields.__annotations__) == set(ACTION_RULES)
