"""The audit trail: one event per write, in the same transaction, chained so tampering shows."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from avi_desktop.model import audit
from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.domain import Imperative
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store import PortfolioStore
from avi_desktop.model.store.records import SavedRecord


def fill(store: PortfolioStore) -> str:
    initiative = store.add_initiative(name="Claims triage", stage="pilot")
    store.update_initiative(initiative, business_owner="Dana Whitfield — Claims")
    store.add_action(initiative, imperative=Imperative.MEASURE_VALUE, title="Define the KPI")
    value = store.add_stated_value("Human oversight", "A person decides on every claim denial.")
    store.add_decision(
        initiative,
        decided_on=datetime(2026, 2, 1).date(),
        title="Automated denials below 500",
        stances={value: "departed"},
    )
    return initiative


def execute(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        for statement in statements:
            conn.execute(statement)


def test_chain_follows_the_documented_formula(store: PortfolioStore) -> None:
    fill(store)
    events = store.audit_events()
    assert [e.seq for e in events] == list(range(1, 7))
    assert [(e.action, e.entity) for e in events] == [
        ("create", "portfolio"),
        ("create", "initiative"),
        ("update", "initiative"),
        ("create", "action"),
        ("create", "stated_value"),
        ("create", "decision"),
    ]
    prev = "0" * 64
    for event in events:
        content = json.dumps(
            {
                "seq": event.seq,
                "at": event.at.isoformat(),
                "action": event.action,
                "entity": event.entity,
                "entity_id": event.entity_id,
                "details": event.details,
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        assert event.prev_digest == prev
        assert event.digest == hashlib.sha256((prev + content).encode("utf-8")).hexdigest()
        prev = event.digest
    rows = events[2].details.pop("rows")
    assert events[2].details == {"changed": {"business_owner": "Dana Whitfield — Claims"}}
    assert list(rows) == [f"initiative:{events[2].entity_id}"]
    assert all(len(digest) == 64 for digest in rows.values())
    head = f"6:{events[-1].digest[:16]}"
    report = store.verify()
    assert report == audit.VerifyReport(
        ok=True, events=6, first_bad_seq=None, problem="", head=head
    )
    assert report.summary() == f"OK: 6 events verified; head {head}"
    assert store.chain_head() == head


def test_edited_details_are_detected_and_named(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path) as store:
        fill(store)
    execute(
        portfolio_path,
        """UPDATE audit_events SET details = '{"changed":{"business_owner":"Someone else"}}'
           WHERE seq = 3""",
    )
    with PortfolioStore.open(portfolio_path, read_only=True) as store:
        report = store.verify()
    assert not report.ok
    assert report.first_bad_seq == 3
    assert report.events == 2
    assert report.summary().startswith("FAILED: audit event 3 (update initiative) was altered")


def test_unreadable_details_are_reported_not_raised(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path) as store:
        fill(store)
    execute(portfolio_path, "UPDATE audit_events SET details = 'not json' WHERE seq = 4")
    with PortfolioStore.open(portfolio_path, read_only=True) as store:
        report = store.verify()
    assert (report.ok, report.first_bad_seq) == (False, 4)


def test_deleted_event_is_detected(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path) as store:
        fill(store)
    execute(portfolio_path, "DELETE FROM audit_events WHERE seq = 2")
    with PortfolioStore.open(portfolio_path, read_only=True) as store:
        report = store.verify()
    assert (report.ok, report.first_bad_seq, report.events) == (False, 2, 1)
    assert "audit event 2 is missing" in report.problem


def test_reordered_events_are_detected(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path) as store:
        fill(store)
    # Swap events 4 and 5 whole, renumbering them so the sequence has no gap.
    execute(
        portfolio_path,
        "UPDATE audit_events SET seq = -4 WHERE seq = 4",
        "UPDATE audit_events SET seq = 4 WHERE seq = 5",
        "UPDATE audit_events SET seq = 5 WHERE seq = -4",
    )
    with PortfolioStore.open(portfolio_path, read_only=True) as store:
        report = store.verify()
    assert (report.ok, report.first_bad_seq) == (False, 4)


def test_rewritten_timestamp_is_detected(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path) as store:
        fill(store)
    execute(portfolio_path, "UPDATE audit_events SET at = '2020-01-01 00:00:00.000000' WHERE seq=5")
    with PortfolioStore.open(portfolio_path, read_only=True) as store:
        assert store.verify().first_bad_seq == 5


def test_failing_write_leaves_no_audit_event(
    store: PortfolioStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = len(store.audit_events())

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk went away")

    monkeypatch.setattr(audit, "append_event", broken)
    with pytest.raises(RuntimeError):
        store.add_initiative(name="Half written")
    monkeypatch.undo()
    assert store.initiative_ids() == []  # the write went with its audit event
    assert len(store.audit_events()) == before


def test_rejected_write_in_the_database_leaves_no_audit_event(store: PortfolioStore) -> None:
    initiative = store.add_initiative(name="Claims triage")
    saved = store.export_record(AuditEntity.INITIATIVE, initiative)
    (row,) = saved.rows["initiatives"]
    nameless = SavedRecord(
        saved.entity, initiative, {**saved.rows, "initiatives": [{**row, "name": None}]}
    )
    before = len(store.audit_events())
    # A row without a name breaks the NOT NULL constraint inside the transaction.
    with pytest.raises(ValidationError, match="nothing was saved"):
        store.restore_record(nameless)
    assert len(store.audit_events()) == before
    assert store.verify().ok


def test_details_are_stored_as_they_hash(store: PortfolioStore) -> None:
    initiative = store.add_initiative(name="Ünïcode ✓", stage_since="2025-05-01")
    store.update_initiative(initiative, stage_since="2025-06-01", kpi_target=12.5)
    last = store.audit_events()[-1]
    assert last.details.pop("rows").keys() == {f"initiative:{initiative}"}
    assert last.details == {"changed": {"stage_since": "2025-06-01", "kpi_target": 12.5}}
    assert store.verify().ok
