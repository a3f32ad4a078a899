"""A quick check at open, the full one before the first write (``deep_check=False``).

The window opens a portfolio after SQLite's quick check (pages and records) and runs the full
integrity check (indexes against their tables, 0.5 s at 100,000 initiatives) beside the first
read. Damage only the full check sees must still stop every write, and the command line keeps
the full check at open.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from avi_desktop.model.errors import PortfolioError
from avi_desktop.model.store import PortfolioStore


def _index_damage(path: Path) -> None:
    """An index whose entries no longer match its table: the quick check cannot see it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_initiatives_stage ON initiatives "
        "(business_unit)' WHERE name = 'ix_initiatives_stage'"
    )
    conn.execute("PRAGMA writable_schema = OFF")
    conn.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    check.close()


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT * FROM initiatives ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture
def damaged(demo_copy: Path) -> Path:
    _index_damage(demo_copy)
    return demo_copy


def test_the_command_line_refuses_index_damage_at_open(damaged: Path) -> None:
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    with pytest.raises(PortfolioError, match="damaged"):
        PortfolioStore.open(damaged)
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before


def test_a_quick_open_reads_but_no_write_reaches_a_damaged_file(damaged: Path) -> None:
    before = _rows(damaged)
    with PortfolioStore.open(damaged, deep_check=False) as store:
        ini = store.initiative_ids()[0]  # reading goes on while the full check is pending
        with pytest.raises(PortfolioError, match="damaged"):
            store.update_initiative(ini, business_owner="COO")
        with pytest.raises(PortfolioError, match="damaged"):  # and every time after
            store.update_initiative(ini, business_owner="CFO")
        with pytest.raises(PortfolioError, match="damaged"):
            store.ensure_intact()
    assert _rows(damaged) == before


def test_a_quick_open_of_a_sound_file_writes_after_the_full_check(demo_copy: Path) -> None:
    with PortfolioStore.open(demo_copy, deep_check=False) as store:
        ini = store.initiative_ids()[0]
        checker = threading.Thread(target=store.ensure_intact)
        checker.start()  # as the window does, beside its first read
        store.update_initiative(ini, business_owner="COO")  # waits for it if still running
        checker.join()
        store.ensure_intact()  # done once: nothing left to run
        assert store.get_initiative(ini).business_owner == "COO"


def test_a_file_to_upgrade_gets_the_full_check_before_its_upgrade(tmp_path: Path) -> None:
    old = tmp_path / "old.avip"
    shutil.copyfile(Path(__file__).parent / "data" / "demo-0003.avip", old)
    _index_damage(old)
    with pytest.raises(PortfolioError, match="damaged"):
        PortfolioStore.open(old, deep_check=False)
    assert not list(tmp_path.glob("*backup*"))  # refused before its backup and upgrade
