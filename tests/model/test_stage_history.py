"""The stages an initiative has left: recorded by the store, read by the Pilot Trap."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from avi_desktop.model.audit import AuditEntity, utcnow
from avi_desktop.model.database import create_database
from avi_desktop.model.domain import PatternId, Stage
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.overview import initiative_overview, portfolio_overview
from avi_desktop.model.pattern_facts import InitiativeFacts
from avi_desktop.model.store import PortfolioStore
from tests.model.old_files import insert_old_initiative

TODAY = date(2026, 11, 23)


def history(store: PortfolioStore, initiative_id: str) -> list[dict[str, str]]:
    return store.get_initiative(initiative_id).stage_history


def test_a_stage_change_appends_the_stage_left(store: PortfolioStore) -> None:
    claims = store.add_initiative(name="Claims triage", stage_since=date(2025, 1, 6))
    assert history(store, claims) == []
    store.update_initiative(claims, stage=Stage.PROOF_OF_CONCEPT, stage_since=date(2025, 4, 1))
    store.update_initiative(claims, stage="pilot", stage_since="2025-09-15")
    assert history(store, claims) == [
        {"stage": "idea", "since": "2025-01-06"},
        {"stage": "proof_of_concept", "since": "2025-04-01"},
    ]
    # Only a change of stage is history: other edits, or the same stage again, add nothing.
    store.update_initiative(claims, sponsor="COO", stage=Stage.PILOT)
    store.update_initiative(claims, stage_since=date(2025, 9, 1))
    assert len(history(store, claims)) == 2
    # A new stage without a date starts today; the stage left keeps the date it began.
    store.update_initiative(claims, stage=Stage.PAUSED)
    loaded = store.get_initiative(claims)
    assert (loaded.stage, loaded.stage_since) == (Stage.PAUSED, utcnow().date())
    assert loaded.stage_history[-1] == {"stage": "pilot", "since": "2025-09-01"}
    # The audit event says what the history became.
    events = [e for e in store.audit_events() if e.entity_id == claims]
    assert events[-1].details["changed"]["stage_history"] == loaded.stage_history


def test_an_explicit_history_wins_and_is_validated(store: PortfolioStore) -> None:
    given: list[dict[str, object]] = [
        {"stage": "idea", "since": date(2024, 10, 7)},
        {"stage": "pilot", "since": "2025-03-17"},
    ]
    claims = store.add_initiative(
        name="Claims triage", stage=Stage.PRODUCTION, stage_since=date(2025, 11, 3),
        stage_history=given,
    )  # fmt: skip
    assert history(store, claims) == [
        {"stage": "idea", "since": "2024-10-07"},
        {"stage": "pilot", "since": "2025-03-17"},
    ]
    store.update_initiative(
        claims, stage=Stage.SCALED, stage_history=[{"stage": "pilot", "since": "2025-03-17"}]
    )
    assert history(store, claims) == [{"stage": "pilot", "since": "2025-03-17"}]
    bad: list[tuple[object, str]] = [
        ([{"stage": "pilot"}], "a stage and the date it began"),
        ([{"stage": "pilot", "since": "2025-01-01", "by": "x"}], "and nothing else"),
        ([{"stage": "launched", "since": "2025-01-01"}], "not a valid stage"),
        ([{"stage": "pilot", "since": "soon"}], "YYYY-MM-DD"),
        (
            [{"stage": "pilot", "since": "2025-05-01"}, {"stage": "idea", "since": "2025-01-01"}],
            "oldest first",
        ),
    ]
    for value, message in bad:
        with pytest.raises(ValidationError, match=message):
            store.update_initiative(claims, stage_history=value)  # type: ignore[arg-type]
    assert history(store, claims) == [{"stage": "pilot", "since": "2025-03-17"}]
    assert store.verify().ok


def test_undo_of_a_stage_change_restores_the_history_exactly(store: PortfolioStore) -> None:
    claims = store.add_initiative(
        name="Claims triage", stage=Stage.PILOT, stage_since=date(2025, 6, 2),
        stage_history=[{"stage": "idea", "since": "2025-01-06"}],
    )  # fmt: skip
    before = store.export_record(AuditEntity.INITIATIVE, claims)
    store.update_initiative(claims, stage=Stage.PRODUCTION, stage_since=date(2026, 2, 1))
    assert len(history(store, claims)) == 2
    store.restore_record(before)
    restored = store.get_initiative(claims)
    assert restored.stage_history == [{"stage": "idea", "since": "2025-01-06"}]
    assert (restored.stage, restored.stage_since) == (Stage.PILOT, date(2025, 6, 2))


def test_facts_read_the_recorded_stages_then_the_current_one(store: PortfolioStore) -> None:
    claims = store.add_initiative(name="Claims triage", stage_since=date(2025, 1, 6))
    assert InitiativeFacts.from_initiative(store.get_initiative(claims)).stage_history == ()
    store.update_initiative(claims, stage=Stage.PILOT, stage_since=date(2025, 3, 3))
    assert InitiativeFacts.from_initiative(store.get_initiative(claims)).stage_history == (
        (Stage.IDEA, date(2025, 1, 6)),
        (Stage.PILOT, date(2025, 3, 3)),
    )


def _pilot_trap(store: PortfolioStore, initiative_id: str) -> tuple[bool, bool]:
    """Whether the Pilot Trap fires in the detail view and in the portfolio's (Core) query."""
    detail = initiative_overview(store, initiative_id, today=TODAY).patterns
    (entry,) = [
        e
        for e in portfolio_overview(store, today=TODAY).entries
        if e.initiative_id == initiative_id
    ]
    return (
        PatternId.PILOT_TRAP in {hit.pattern for hit in detail},
        PatternId.PILOT_TRAP in {hit.pattern for hit in entry.patterns},
    )


def test_a_pilot_paused_after_fourteen_months_is_trapped_a_scaled_system_is_not(
    store: PortfolioStore,
) -> None:
    paused = store.add_initiative(
        name="Voice analytics", stage=Stage.PILOT, stage_since=date(2025, 6, 2)
    )
    store.update_initiative(paused, stage=Stage.PAUSED, stage_since=date(2026, 8, 3))
    assert _pilot_trap(store, paused) == (True, True)
    hit = next(
        h
        for h in initiative_overview(store, paused, today=TODAY).patterns
        if h.pattern is PatternId.PILOT_TRAP
    )
    assert "17 months since it left the idea stage (since 2 Jun 2025" in hit.evidence[0].value

    scaled = store.add_initiative(name="Claims triage", stage=Stage.PILOT, stage_since="2024-05-06")
    store.update_initiative(scaled, stage=Stage.PRODUCTION, stage_since=date(2025, 6, 2))
    store.update_initiative(scaled, stage=Stage.SCALED, stage_since=date(2026, 1, 5))
    assert _pilot_trap(store, scaled) == (False, False)
    # Paused after production is not a pilot paused, however long the pilot once was.
    store.update_initiative(scaled, stage=Stage.PAUSED, stage_since=date(2026, 9, 1))
    assert _pilot_trap(store, scaled) == (False, False)
    # The score cache reads the history through the same query.
    cached = store.cached_scores()
    assert "AI Pilot Trap" in cached[paused].patterns
    assert "AI Pilot Trap" not in cached[scaled].patterns


def test_migration_0006_adds_an_empty_history_to_existing_rows(tmp_path: Path) -> None:
    path = tmp_path / "at-0005.avip"
    create_database(path, revision="0005").close()
    with closing(sqlite3.connect(path)) as conn, conn:
        insert_old_initiative(conn)
        columns = {row[1] for row in conn.execute("PRAGMA table_info(initiatives)")}
        assert "stage_history" not in columns
    with PortfolioStore.open(path) as store:
        # Only the current stage is known: nothing is invented.
        assert history(store, "i-1") == []
        facts = InitiativeFacts.from_initiative(store.get_initiative("i-1"), TODAY)
        assert facts.stage_history == ()
        store.update_initiative("i-1", stage=Stage.PRODUCTION, stage_since=date(2026, 1, 5))
        assert history(store, "i-1") == [{"stage": "pilot", "since": "2025-03-01"}]
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0008",)


def test_a_0003_file_verifies_after_a_stage_change(tmp_path: Path) -> None:
    """Rows from before the column digest as before; a recorded stage change is audited."""
    path = tmp_path / "old.avip"
    shutil.copyfile(Path(__file__).parent / "data" / "demo-0003.avip", path)
    with PortfolioStore.open(path) as store:
        assert store.verify().ok
        first = store.initiative_ids()[0]
        store.update_initiative(first, stage=Stage.RETIRED)
        assert len(history(store, first)) == 1
        assert store.verify().ok
        with store.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE initiatives SET stage_history = '[]'")
        assert not store.verify().ok
