"""Files that never mislead: private modes, nothing left by readers, backups, full disk, lock."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from avi_desktop.model import database as database_module
from avi_desktop.model.database import (
    KEEP_BACKUPS,
    Database,
    backup_path_for,
    create_database,
    open_database,
)
from avi_desktop.model.errors import PortfolioError, PortfolioLockedError
from avi_desktop.model.portfolio_files import backups_of
from avi_desktop.model.store import PortfolioStore

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes, locks and signals")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The common umask 022, which alone would give 0644: the modes checked here are ours."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def names(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()}


# --------------------------------------------------------------------------- modes


@posix_only
def test_portfolio_and_side_files_are_private(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path) as store:
        store.add_initiative(name="Claims triage")
        open_files = [portfolio_path, *(Path(f"{portfolio_path}{s}") for s in ("-wal", "-shm"))]
        open_files.append(Path(f"{portfolio_path}.lock"))
        assert {p.name for p in open_files} <= names(portfolio_path.parent)
        assert {p.name: mode(p) for p in open_files} == {p.name: 0o600 for p in open_files}
    assert mode(portfolio_path) == 0o600


@posix_only
def test_encrypted_portfolio_and_new_passphrase_stay_private(portfolio_path: Path) -> None:
    PortfolioStore.create(portfolio_path, passphrase="first").close()
    assert mode(portfolio_path) == 0o600
    with PortfolioStore.open(portfolio_path, passphrase="first") as store:
        store.change_passphrase("second")
    assert mode(portfolio_path) == 0o600
    PortfolioStore.open(portfolio_path, passphrase="second").close()


@posix_only
def test_a_stricter_umask_is_kept(portfolio_path: Path) -> None:
    old = os.umask(0o277)
    try:
        PortfolioStore.create(portfolio_path).close()
    finally:
        os.umask(old)
    assert mode(portfolio_path) == 0o400


@posix_only
def test_demo_is_private(demo_source: Path) -> None:
    assert mode(demo_source) == 0o600


@posix_only
@pytest.mark.parametrize("passphrase", [None, "pass phrase"])
def test_migration_backup_is_private(portfolio_path: Path, passphrase: str | None) -> None:
    create_database(portfolio_path, passphrase=passphrase, revision="0001").close()
    database = open_database(portfolio_path, passphrase=passphrase)
    database.close()
    assert database.backup is not None and database.backup.is_file()
    assert mode(database.backup) == mode(portfolio_path) == 0o600
    assert names(portfolio_path.parent) == {portfolio_path.name, database.backup.name}


# --------------------------------------------------------------------------- readers


def test_reader_of_a_closed_file_leaves_nothing_and_changes_nothing(
    demo_copy: Path,
) -> None:
    before = demo_copy.read_bytes()
    folder = names(demo_copy.parent)
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        assert store.initiative_ids()
        assert store.verify().ok
    assert names(demo_copy.parent) == folder
    assert demo_copy.read_bytes() == before


def test_reader_of_a_closed_encrypted_file_leaves_nothing(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path, passphrase="secret") as store:
        store.add_initiative(name="Fraud detection")
    before = portfolio_path.read_bytes()
    with PortfolioStore.open(portfolio_path, passphrase="secret", read_only=True) as store:
        assert len(store.initiative_ids()) == 1
        assert store.verify().ok
    assert names(portfolio_path.parent) == {portfolio_path.name}
    assert portfolio_path.read_bytes() == before


def test_writer_puts_the_file_at_rest_in_rollback_mode(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path) as store:
        store.add_initiative(name="Kept")
        assert Path(f"{portfolio_path}-wal").exists()  # WAL while a writer is open
    assert names(portfolio_path.parent) == {portfolio_path.name}
    assert portfolio_path.read_bytes()[18:20] == b"\x01\x01"  # header: rollback journal
    with PortfolioStore.open(portfolio_path, read_only=True) as store:
        assert [store.get_initiative(i).name for i in store.initiative_ids()] == ["Kept"]


def test_reader_beside_a_writer_sees_its_commits(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path) as writer:
        with PortfolioStore.open(portfolio_path, read_only=True) as reader:
            writer.add_initiative(name="Seen")
            assert len(reader.initiative_ids()) == 1
        writer.add_initiative(name="Second")
    assert names(portfolio_path.parent) == {portfolio_path.name}


# --------------------------------------------------------------------------- backups


def test_backups_are_pruned_to_the_latest_few(portfolio_path: Path) -> None:
    from datetime import UTC, datetime

    old = [
        backup_path_for(portfolio_path, "0001", datetime(2026, 1, d, tzinfo=UTC))
        for d in (1, 2, 3, 4)
    ]
    for path in old:
        path.write_bytes(b"old backup")
    create_database(portfolio_path, revision="0001").close()
    database = open_database(portfolio_path)
    database.close()
    kept = sorted(p for p in portfolio_path.parent.iterdir() if ".backup-" in p.name)
    assert KEEP_BACKUPS == 3
    assert kept == [*old[-(KEEP_BACKUPS - 1) :], database.backup]


def test_a_killed_backups_part_file_is_removed_on_open(portfolio_path: Path) -> None:
    PortfolioStore.create(portfolio_path).close()
    part = Path(f"{backup_path_for(portfolio_path, '0001')}.part")
    part.write_bytes(b"half a backup")
    other = portfolio_path.with_name("other.backup-20260101T000000-rev0001.avip.part")
    other.write_bytes(b"another portfolio's")
    PortfolioStore.open(portfolio_path, read_only=True).close()
    assert part.exists()  # a reader changes nothing in the folder
    PortfolioStore.open(portfolio_path).close()
    assert not part.exists() and other.exists()


# --------------------------------------------------------------------------- a full disk


def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, pages: int) -> None:
    """SQLite's own full-disk error (SQLITE_FULL) once a file reaches ``pages`` pages."""
    connect = Database.connect

    def limited(self: Database, target: Path | None = None) -> object:
        conn = connect(self, target)
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(Database, "connect", limited)


@pytest.mark.parametrize("passphrase", [None, "secret"])
def test_create_on_a_full_disk_leaves_nothing(
    portfolio_path: Path, monkeypatch: pytest.MonkeyPatch, passphrase: str | None
) -> None:
    _disk_fills_after(monkeypatch, 3)
    with pytest.raises(PortfolioError) as caught:
        PortfolioStore.create(portfolio_path, passphrase=passphrase)
    assert "disk is full" in caught.value.message
    assert "Free some disk space" in caught.value.message
    assert "read-only" not in caught.value.message
    assert names(portfolio_path.parent) == set()


def test_full_disk_after_creation_leaves_nothing(
    portfolio_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The schema fits, the first audit event does not: the half-made file is removed."""
    from sqlalchemy import text

    from avi_desktop.model.store import portfolio as store_portfolio

    put = store_portfolio.put_settings  # type: ignore[attr-defined]

    def growing(session: Any, settings: Any) -> None:
        put(session, settings)
        session.execute(text("CREATE TABLE filler AS SELECT zeroblob(1000000) AS b"))

    monkeypatch.setattr(store_portfolio, "put_settings", growing)
    _disk_fills_after(monkeypatch, 100)
    with pytest.raises(PortfolioError, match="disk is full"):
        PortfolioStore.create(portfolio_path)
    assert names(portfolio_path.parent) == set()


def test_lock_file_on_a_full_disk_leaves_nothing(
    portfolio_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(PortfolioError, match="disk is full") as caught:
        PortfolioStore.create(portfolio_path)
    assert "read-only" not in caught.value.message
    assert names(portfolio_path.parent) == set()


def test_disk_full_recognises_sqlite_and_os_errors() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA max_page_count = 1")
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    assert database_module.disk_full(caught.value)
    assert database_module.disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert not database_module.disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not database_module.disk_full(sqlite3.DatabaseError("file is not a database"))


def test_an_io_error_is_a_full_disk_only_when_space_is_low(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a full disk gives while SQLite grows ``-shm``: an I/O error, not SQLITE_FULL."""
    error = sqlite3.OperationalError("disk I/O error")
    assert not database_module.disk_full(error, tmp_path)
    usage = shutil.disk_usage(tmp_path)._replace(free=4096)
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: usage)
    assert database_module.disk_full(error, tmp_path)
    assert not database_module.disk_full(error)


# --------------------------------------------------------------------------- the lock

HOLDER = """
import sys
from avi_desktop.model.database import open_database
database = open_database(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
database.close()
print("closed", flush=True)
sys.stdin.readline()
"""

TRY_WRITER = """
import sys
from avi_desktop.model.database import open_database
from avi_desktop.model.errors import PortfolioLockedError
try:
    open_database(sys.argv[1]).close()
except PortfolioLockedError as exc:
    print("refused:", exc.message)
else:
    print("opened")
"""


def _second_writer(path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", TRY_WRITER, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@posix_only
def test_deleting_the_lock_file_does_not_let_a_second_writer_in(portfolio_path: Path) -> None:
    PortfolioStore.create(portfolio_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(portfolio_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "ready"
        lock_file = Path(f"{portfolio_path}.lock")
        assert lock_file.read_text().strip() == str(holder.pid)  # who holds it, for support
        lock_file.unlink()
        answer = _second_writer(portfolio_path)
        assert answer.startswith("refused:") and "open in another window or program" in answer
        with pytest.raises(PortfolioLockedError):  # and in this process too
            open_database(portfolio_path)
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
        assert _second_writer(portfolio_path) == "opened"  # the first writer's close released it
    finally:
        holder.kill()
        holder.wait(timeout=30)


@posix_only
def test_a_killed_writer_does_not_block_the_next(portfolio_path: Path) -> None:
    PortfolioStore.create(portfolio_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(portfolio_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "ready"
    assert _second_writer(portfolio_path).startswith("refused:")
    holder.kill()
    holder.wait(timeout=30)
    assert _second_writer(portfolio_path) == "opened"


def test_a_second_writer_in_the_same_process_is_refused(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path) as store:
        Path(f"{portfolio_path}.lock").unlink()
        with pytest.raises(PortfolioLockedError):
            PortfolioStore.open(portfolio_path)
        store.add_initiative(name="Still writable")  # the refusal took nothing from the holder
    with PortfolioStore.open(portfolio_path) as store:
        assert len(store.initiative_ids()) == 1


def test_a_refused_file_in_wal_mode_is_left_as_it_was(portfolio_path: Path) -> None:
    from avi_desktop.model.errors import SchemaTooNewError

    PortfolioStore.create(portfolio_path).close()
    conn = sqlite3.connect(portfolio_path)
    conn.execute("PRAGMA journal_mode = WAL")  # as a newer version might leave it
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = portfolio_path.read_bytes()
    with pytest.raises(SchemaTooNewError):
        open_database(portfolio_path)
    assert portfolio_path.read_bytes() == before
    assert names(portfolio_path.parent) == {portfolio_path.name}


def test_a_disk_that_fills_during_the_upgrade_on_open_says_so(
    portfolio_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup is written, the migration then fails: the file stays as it was."""
    create_database(portfolio_path, revision="0001").close()

    def full(self: Database, revision: str = "head") -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Database, "migrate", full)
    with pytest.raises(PortfolioError) as caught:
        PortfolioStore.open(portfolio_path)
    message = caught.value.message
    assert "disk filled up while upgrading" in message and "Free some disk space" in message
    (backup,) = backups_of(portfolio_path)
    assert backup.name in message
    with closing(sqlite3.connect(portfolio_path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
