"""Opening portfolio files: every bad file is refused with a clear message and left untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from avi_desktop.model.database import (
    PLAIN_HEADER,
    create_database,
    ensure_not_open,
    is_encrypted,
    open_database,
)
from avi_desktop.model.errors import (
    PassphraseError,
    PortfolioError,
    PortfolioLockedError,
    ReadOnlyError,
    SchemaTooNewError,
)
from avi_desktop.model.store import PortfolioStore


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def filled_portfolio(path: Path, count: int = 300) -> Path:
    """A closed plain portfolio with enough rows to span many pages."""
    with PortfolioStore.create(path, organisation="Northwind") as store:
        for n in range(count):
            store.add_initiative(name=f"Initiative {n:04d}", description="x" * 200)
    return path


def test_new_file_has_safe_pragmas(portfolio_path: Path) -> None:
    database = create_database(portfolio_path)
    try:
        with database.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    finally:
        database.close()
    assert portfolio_path.read_bytes()[:16] == PLAIN_HEADER
    assert not Path(f"{portfolio_path}.lock").exists()  # the lock goes with the writer


def test_not_a_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.avip"
    path.write_text("These are meeting notes, not a portfolio.\n" * 20, encoding="utf-8")
    before = digest(path)
    with pytest.raises(PortfolioError) as caught:
        open_database(path)
    assert caught.value.message == (
        f"{path} is not a portfolio file (not a database, or too damaged to read). "
        "Choose a .avip portfolio file, or restore a backup copy."
    )
    assert digest(path) == before
    assert not is_encrypted(path)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.avip"
    path.write_bytes(b"")
    with pytest.raises(PortfolioError, match="it is empty"):
        PortfolioStore.open(path)
    assert path.read_bytes() == b""


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PortfolioError, match="was not found"):
        PortfolioStore.open(tmp_path / "nowhere.avip")


def test_truncated_file_is_refused_untouched(tmp_path: Path) -> None:
    from avi_desktop import logs

    logs.setup()  # as the window and the command line do at start-up
    path = filled_portfolio(tmp_path / "truncated.avip")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = digest(path)
    with pytest.raises(PortfolioError) as caught:
        PortfolioStore.open(path)
    assert caught.value.message.startswith(
        f"{path} is damaged (it is cut short). Restore a backup copy; "
        "the file has been left as it is. The details are in "
    )
    assert digest(path) == before


def test_corrupted_page_is_refused_untouched(tmp_path: Path) -> None:
    path = filled_portfolio(tmp_path / "corrupt.avip")
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = bytes(range(256)) * (page // 256)
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(PortfolioError, match="damaged") as caught:
        PortfolioStore.open(path)
    assert str(path) in caught.value.message
    assert digest(path) == before


def test_other_sqlite_database_is_not_a_portfolio(tmp_path: Path) -> None:
    path = tmp_path / "other.avip"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    before = digest(path)
    with pytest.raises(PortfolioError, match="not an AVI Desktop portfolio"):
        PortfolioStore.open(path)
    assert digest(path) == before


def test_newer_schema_is_refused_untouched(portfolio_path: Path) -> None:
    PortfolioStore.create(portfolio_path).close()
    conn = sqlite3.connect(portfolio_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = digest(portfolio_path)
    with pytest.raises(SchemaTooNewError, match="newer version of AVI Desktop; update the app"):
        PortfolioStore.open(portfolio_path)
    with pytest.raises(SchemaTooNewError):
        PortfolioStore.open(portfolio_path, read_only=True)
    assert digest(portfolio_path) == before
    assert list(portfolio_path.parent.glob("*.backup-*")) == []


HOLDER = """
import sys
from avi_desktop.model.store import PortfolioStore
store = PortfolioStore.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""


@pytest.fixture
def held_open(portfolio_path: Path) -> Iterator[Path]:
    """The portfolio, held open for writing by another process until the test ends."""
    with PortfolioStore.create(portfolio_path) as store:
        store.add_initiative(name="Claims triage")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(portfolio_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "ready"
    try:
        yield portfolio_path
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0


def test_second_writer_is_refused_and_readers_allowed(held_open: Path) -> None:
    with pytest.raises(PortfolioLockedError) as caught:
        PortfolioStore.open(held_open)
    assert caught.value.message == (
        "portfolio.avip is open in another window or program; close it there, or open it read-only."
    )
    with pytest.raises(PortfolioLockedError):
        ensure_not_open(held_open)
    with PortfolioStore.open(held_open, read_only=True) as reader:
        assert reader.read_only
        assert [reader.get_initiative(i).name for i in reader.initiative_ids()] == ["Claims triage"]
        with pytest.raises(ReadOnlyError, match="open read-only"):
            reader.add_initiative(name="Not allowed")


def test_lock_is_released_on_close(portfolio_path: Path) -> None:
    PortfolioStore.create(portfolio_path).close()
    first = PortfolioStore.open(portfolio_path)
    with pytest.raises(PortfolioLockedError):
        PortfolioStore.open(portfolio_path)
    first.close()
    PortfolioStore.open(portfolio_path).close()


def test_folder_that_is_a_file_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "report.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(PortfolioError, match=r"does not exist\. Choose a folder you can write to"):
        PortfolioStore.create(blocker / "portfolio.avip")
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0,
    reason="permissions do not stop root (or Windows ACLs) from writing; covered by the test above",
)
def test_unwritable_folder_gives_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = filled_portfolio(folder / "portfolio.avip", count=3)
    before = digest(path)
    folder.chmod(0o555)
    try:
        with pytest.raises(PortfolioError, match="Cannot write in the folder"):
            PortfolioStore.create(folder / "new.avip")
        with pytest.raises(PortfolioError, match="open the portfolio read-only"):
            PortfolioStore.open(path)
        with PortfolioStore.open(path, read_only=True) as reader:
            assert len(reader.initiative_ids()) == 3
    finally:
        folder.chmod(0o755)
    assert digest(path) == before


def test_encrypted_round_trip(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path, passphrase="correct horse") as store:
        assert store.encrypted
        store.add_initiative(name="Fraud detection")
    assert is_encrypted(portfolio_path)
    assert b"Fraud detection" not in portfolio_path.read_bytes()
    with PortfolioStore.open(portfolio_path, passphrase="correct horse") as store:
        assert store.get_initiative(store.initiative_ids()[0]).name == "Fraud detection"
        assert store.verify().ok


def test_wrong_passphrase_is_refused_silently_and_untouched(
    portfolio_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    PortfolioStore.create(portfolio_path, passphrase="correct horse").close()
    before = digest(portfolio_path)
    capfd.readouterr()
    with pytest.raises(PassphraseError) as caught:
        PortfolioStore.open(portfolio_path, passphrase="battery staple")
    assert caught.value.message == (
        "The passphrase is not correct for portfolio.avip, or the file is not a portfolio. "
        "Check the passphrase and try again."
    )
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""  # SQLCipher's own logging is silenced
    assert digest(portfolio_path) == before


def test_encrypted_file_without_passphrase_asks_for_one(portfolio_path: Path) -> None:
    PortfolioStore.create(portfolio_path, passphrase="correct horse").close()
    with pytest.raises(PassphraseError) as caught:
        PortfolioStore.open(portfolio_path)
    assert caught.value.message == (
        "portfolio.avip is encrypted, or it is not a portfolio file (the two cannot be told "
        "apart without the passphrase); enter its passphrase to open it."
    )


def test_change_passphrase(portfolio_path: Path) -> None:
    with PortfolioStore.create(portfolio_path, passphrase="old one") as store:
        store.add_initiative(name="Churn model")
        store.change_passphrase("new one")
        assert store.initiative_ids()  # the open store keeps working with the new key
    with pytest.raises(PassphraseError):
        PortfolioStore.open(portfolio_path, passphrase="old one")
    with PortfolioStore.open(portfolio_path, passphrase="new one") as store:
        assert [e.action for e in store.audit_events()][-1] == "change_passphrase"
        assert store.verify().ok


def test_plain_file_has_no_passphrase_to_change(store: PortfolioStore) -> None:
    with pytest.raises(PortfolioError, match="not encrypted"):
        store.change_passphrase("anything")


def test_create_refuses_an_existing_file(portfolio_path: Path) -> None:
    portfolio_path.write_text("keep me", encoding="utf-8")
    with pytest.raises(PortfolioError, match="already exists"):
        PortfolioStore.create(portfolio_path)
    assert portfolio_path.read_text(encoding="utf-8") == "keep me"


CRASHER = """
import sys
from avi_desktop.model.store import PortfolioStore
store = PortfolioStore.open(sys.argv[1])
store.add_initiative(name="Saved before the crash")
print("ready", flush=True)
sys.stdin.readline()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="kills the process with SIGKILL")
def test_crashed_writer_loses_nothing_and_leaves_no_lock(portfolio_path: Path) -> None:
    PortfolioStore.create(portfolio_path).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", CRASHER, str(portfolio_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    writer.kill()
    writer.wait(timeout=30)
    assert Path(f"{portfolio_path}.lock").exists()  # left behind, but no longer held
    with PortfolioStore.open(portfolio_path) as store:
        names = [store.get_initiative(i).name for i in store.initiative_ids()]
        assert names == ["Saved before the crash"]
        assert store.verify().ok
