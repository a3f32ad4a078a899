"""The table's rows read with plain sqlite3 before the store opens: the store's rows, or None."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from avi_desktop.model import startup_rows
from avi_desktop.model.queries import portfolio_rows
from avi_desktop.model.startup_rows import preview_rows
from avi_desktop.model.store import PortfolioStore

ROOT = Path(__file__).resolve().parents[2]


def _as_compared(row: object) -> tuple[object, ...]:
    fields = startup_rows.PreviewRow._fields
    return tuple(getattr(row, name) for name in fields)


def test_the_preview_holds_the_rows_the_store_reads(demo_copy: Path) -> None:
    today = date(2026, 11, 28)
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        expected = [_as_compared(r) for r in portfolio_rows(store, today=today)]
    found = preview_rows(demo_copy, today=today)
    assert found is not None
    assert [_as_compared(r) for r in found] == expected
    # The demo exercises every column: latest assessments, overdue actions, cached scores.
    assert any(r.latest_assessed_on is not None for r in found)
    assert any(r.overdue_actions > 0 for r in found)
    assert any(r.alignment_index is not None and r.patterns for r in found)


def test_the_preview_writes_nothing(demo_copy: Path) -> None:
    before = demo_copy.read_bytes(), demo_copy.stat().st_mtime_ns
    assert preview_rows(demo_copy)
    assert (demo_copy.read_bytes(), demo_copy.stat().st_mtime_ns) == before
    assert sorted(p.name for p in demo_copy.parent.iterdir()) == [demo_copy.name]


def test_a_file_to_upgrade_is_left_to_the_store(demo_copy: Path) -> None:
    with sqlite3.connect(demo_copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0005'")
    conn.close()
    assert preview_rows(demo_copy) is None


def test_a_file_open_for_writing_is_left_to_the_store(demo_copy: Path) -> None:
    with PortfolioStore.open(demo_copy):  # a writer puts the file in WAL mode
        assert preview_rows(demo_copy) is None
    assert preview_rows(demo_copy)  # closed, back in rollback mode


def test_a_large_portfolio_is_left_to_the_store(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(startup_rows, "PREVIEW_LIMIT", 3)
    assert preview_rows(demo_copy) is None


def test_files_that_are_no_plain_portfolio_give_none(tmp_path: Path) -> None:
    noise = tmp_path / "encrypted.avip"
    noise.write_bytes(os.urandom(8192))
    other = tmp_path / "other.avip"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    for path in (noise, other, tmp_path / "missing.avip", tmp_path):
        assert preview_rows(path) is None


def test_the_preview_imports_neither_sqlalchemy_nor_the_store(demo_copy: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from avi_desktop.model.startup_rows import preview_rows\n"
        f"assert preview_rows(Path({str(demo_copy)!r}))\n"
        "print(sorted(m for m in ('sqlalchemy', 'avi_desktop.model.store') if m in sys.modules))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "[]"
