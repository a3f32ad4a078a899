"""How the store's transactions begin: reads never wait for a writer, writes lock first.

A read on the window's thread (the detail pane, a menu's state) used to begin IMMEDIATE like a
write, so it waited while a background cache rebuild held the write lock (up to 1.7 s measured
at 100,000 initiatives). Reads now begin DEFERRED and see their snapshot beside the writer.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection, event, text

from avi_desktop.model.domain import Stage
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.portfolio_loader import rows_of


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PortfolioStore]:
    with PortfolioStore.create(tmp_path / "p.avip", organisation="Northwind") as opened:
        opened.add_initiative(name="Claims triage", stage=Stage.PILOT, stage_since=date(2025, 1, 6))
        yield opened


def _statements(store: PortfolioStore) -> list[tuple[str, str]]:
    """(how its transaction began, statement) for every statement on the store's engine."""
    seen: list[tuple[str, str]] = []
    began: dict[int, str] = {}

    @event.listens_for(store.engine, "before_cursor_execute")
    def _note(conn: Connection, cursor: object, statement: str, *args: object) -> None:
        key = id(conn.connection.dbapi_connection)
        if statement.startswith("BEGIN"):
            began[key] = statement
        seen.append((began.get(key, ""), statement.split(None, 1)[0].upper()))

    return seen


def test_reads_begin_deferred_and_writes_immediate(store: PortfolioStore) -> None:
    seen = _statements(store)
    ini = store.initiative_ids()[0]
    assert seen[0] == ("BEGIN", "BEGIN")
    assert all(begin == "BEGIN" for begin, _ in seen)
    seen.clear()
    store.update_initiative(ini, business_owner="COO")
    writes = [begin for begin, word in seen if word in {"INSERT", "UPDATE", "DELETE"}]
    assert writes and set(writes) == {"BEGIN IMMEDIATE"}


def test_a_read_goes_on_while_another_connection_holds_the_write_lock(
    store: PortfolioStore,
) -> None:
    ini = store.initiative_ids()[0]
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE initiatives SET business_owner = 'CFO' WHERE id = ?", (ini,))
        # Under BEGIN IMMEDIATE these waited for the lock (5 s) and then failed.
        done = threading.Event()
        found: list[str] = []

        def read() -> None:
            found.extend(row.business_owner for row in rows_of(store, [ini]))
            found.extend(map(str, store.initiative_ids()))
            done.set()

        worker = threading.Thread(target=read)
        worker.start()
        worker.join(timeout=2.0)
        assert done.is_set(), "a read waited for another connection's write transaction"
        # The read sees the last committed state, not the open transaction's change.
        assert found == ["", ini]
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_write_still_waits_for_the_lock_rather_than_failing(store: PortfolioStore) -> None:
    ini = store.initiative_ids()[0]
    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")

    def release() -> None:
        other.execute("COMMIT")
        other.close()

    released = threading.Timer(0.3, release)
    released.start()
    store.update_initiative(ini, business_owner="COO")  # waits (busy timeout), then writes
    released.join()
    with store.engine.connect() as conn:
        owner = conn.execute(
            text("SELECT business_owner FROM initiatives WHERE id = :i"), {"i": ini}
        ).scalar_one()
    assert owner == "COO"
