"""Migrations: the schema matches entities.py, and older files are upgraded after a backup."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from avi_desktop.model.database import (
    MIGRATIONS_DIR,
    backup_path_for,
    create_database,
    known_revisions,
    script_revisions,
)
from avi_desktop.model.entities import Base
from avi_desktop.model.errors import PortfolioError
from avi_desktop.model.store import PortfolioStore
from tests.model.old_files import insert_old_initiative


def revision_of(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def indexes_of(path: Path, table: str) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {row[1] for row in conn.execute(f"PRAGMA index_list({table})")}


def test_migrated_schema_matches_the_entities(store: PortfolioStore) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_revisions_form_one_line_up_to_head() -> None:
    head, revisions = known_revisions()
    # The list kept in code (so opening does not import Alembic) is the scripts' own chain.
    assert revisions == script_revisions()
    assert head == revisions[-1] == "0008"
    # Revisions are loaded from files inside the package, not from an alembic.ini.
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert not (MIGRATIONS_DIR / "alembic.ini").exists()


def test_older_file_is_backed_up_then_upgraded_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "older.avip"
    create_database(path, revision="0001").close()
    with sqlite3.connect(path) as conn:  # data written by the older version
        insert_old_initiative(
            conn,
            kpi_name="Cycle time",
            kpi_unit="days",
            business_unit="Claims",
            business_owner="A. Owner",
        )
    conn.close()
    assert revision_of(path) == "0001"
    assert "ix_assessments_initiative_assessed" not in indexes_of(path, "assessments")
    original = path.read_bytes()

    with PortfolioStore.open(path) as store:
        assert store.get_initiative("i-1").name == "Claims triage"
        store.add_initiative(name="Added after the upgrade")

    assert revision_of(path) == "0008"
    assert "ix_assessments_initiative_assessed" in indexes_of(path, "assessments")
    backups = sorted(tmp_path.glob("older.backup-*-rev0001.avip"))
    assert len(backups) == 1
    assert re.fullmatch(r"older\.backup-\d{8}T\d{6}-rev0001\.avip", backups[0].name)
    assert revision_of(backups[0]) == "0001"
    with closing(sqlite3.connect(backups[0])) as conn:
        assert conn.execute("SELECT name FROM initiatives").fetchall() == [("Claims triage",)]
    assert backups[0].read_bytes()[:16] == original[:16]

    # Opening again does not back up twice: the file is current now.
    PortfolioStore.open(path).close()
    assert len(list(tmp_path.glob("older.backup-*"))) == 1


def test_encrypted_older_file_is_backed_up_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "secret.avip"
    create_database(path, passphrase="pass phrase", revision="0001").close()
    PortfolioStore.open(path, passphrase="pass phrase").close()
    (backup,) = tmp_path.glob("secret.backup-*-rev0001.avip")
    assert b"SQLite format 3" not in backup.read_bytes()[:16]
    with closing(sqlite3.connect(backup)) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM alembic_version").fetchall()
    from sqlcipher3 import dbapi2 as sqlcipher

    with closing(sqlcipher.connect(str(backup))) as conn:
        conn.execute("PRAGMA key = 'pass phrase'")
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]


def test_older_file_opened_read_only_asks_for_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "older.avip"
    create_database(path, revision="0001").close()
    before = path.read_bytes()
    with pytest.raises(PortfolioError, match="must be upgraded first"):
        PortfolioStore.open(path, read_only=True)
    assert path.read_bytes() == before
    assert revision_of(path) == "0001"


def test_migrations_do_not_depend_on_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    os.makedirs("elsewhere")
    monkeypatch.chdir("elsewhere")
    with PortfolioStore.create(tmp_path / "here.avip") as store:
        assert store.settings().classification == "CONFIDENTIAL"


def test_backup_name_keeps_the_extension() -> None:
    from datetime import datetime

    name = backup_path_for(Path("/data/north.avip"), "0001", datetime(2026, 1, 2, 3, 4, 5)).name
    assert name == "north.backup-20260102T030405-rev0001.avip"


def test_enum_columns_store_their_plain_keys(store: PortfolioStore) -> None:
    """Typed enum columns stay VARCHARs of the keys: no native type, no added CHECK."""
    from sqlalchemy import Enum

    from avi_desktop.model.domain import Stage

    columns = [c for t in Base.metadata.tables.values() for c in t.columns]
    enums = [c.type for c in columns if isinstance(c.type, Enum)]
    assert len(enums) == 8
    assert all(not kind.native_enum and not kind.create_constraint for kind in enums)
    initiative = store.add_initiative(name="Claims triage", stage=Stage.PROOF_OF_CONCEPT)
    with closing(sqlite3.connect(store.path)) as conn:
        stored = conn.execute("SELECT stage FROM initiatives WHERE id = ?", (initiative,))
        assert stored.fetchone() == ("proof_of_concept",)
        actions = {row[0] for row in conn.execute("SELECT action FROM audit_events")}
        checks = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'initiatives'")
        assert "CHECK" not in checks.fetchone()[0]
    assert actions == {"create"}
    assert store.get_initiative(initiative).stage is Stage.PROOF_OF_CONCEPT


def test_a_file_written_at_0003_upgrades_and_still_verifies(tmp_path: Path) -> None:
    """Columns added later do not change the digests the old events recorded."""
    path = tmp_path / "old.avip"
    shutil.copyfile(Path(__file__).parent / "data" / "demo-0003.avip", path)
    assert revision_of(path) == "0003"
    with PortfolioStore.open(path) as store:
        report = store.verify()
        assert report.ok, report.problem
        assert report.not_covered == 0
        first = store.initiative_ids()[0]
        store.update_initiative(first, kpi_actuals=[{"date": "2026-10-01", "value": 3.5}])
        assert store.verify().ok
        with store.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE initiatives SET kpi_actuals = '[]'")
        assert not store.verify().ok
    assert revision_of(path) == "0008"
