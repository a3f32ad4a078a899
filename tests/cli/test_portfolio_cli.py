"""The portfolio subcommands: init, initiatives, verify, self-test, demo."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from avi_desktop.cli import main
from avi_desktop.model.database import is_encrypted
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.store import PortfolioStore


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_init_then_list_as_table_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "north.avip"
    status, out, err = run(capsys, "init", str(path), "--organisation", "Northwind")
    assert (status, err) == (0, "")
    assert out == f"Created portfolio {path}\n"
    with PortfolioStore.open(path) as store:
        assert store.settings().organisation == "Northwind"
        claims = store.add_initiative(
            name="Claims triage",
            stage="pilot",
            stage_since=date(2025, 3, 1),
            business_unit="Claims",
            stage_history=[{"stage": "idea", "since": "2024-11-04"}],
        )
        store.add_initiative(name="Agent assist", business_owner="R. Osei")
        instrument = Instrument("avi", "1", "t", "", (), {})
        assessment = store.create_assessment(
            claims, title="Baseline", instrument=instrument, assessed_on=date(2026, 1, 15)
        )

    status, out, _ = run(capsys, "initiatives", str(path))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "Id",
        "Name",
        "Stage",
        "Since",
        "Business",
        "unit",
        "Owner",
        "Latest",
        "assessment",
    ]
    assert lines[1][10:].startswith("Agent assist")
    assert lines[2].startswith(claims[:8] + "  Claims triage")
    assert "Claims triage" in lines[2] and "Pilot" in lines[2] and "2026-01-15" in lines[2]
    assert lines[-1] == "2 initiatives"

    status, out, _ = run(capsys, "initiatives", str(path), "--json")
    assert status == 0
    listed = json.loads(out)
    assert [item["name"] for item in listed] == ["Agent assist", "Claims triage"]
    assert listed[1] == {
        "id": claims,
        "name": "Claims triage",
        "stage": "pilot",
        "stage_since": "2025-03-01",
        "business_unit": "Claims",
        "business_owner": "",
        "kpi_name": "",
        "latest_assessment": {"id": assessment, "assessed_on": "2026-01-15"},
        "kpi_unit": "",
        "kpi_baseline": None,
        "kpi_target": None,
        "kpi_actuals": [],
        "investment_to_date": None,
        "affected_groups": [],
        "success_criteria": {},
        "stage_history": [{"stage": "idea", "since": "2024-11-04"}],
    }
    assert listed[0]["latest_assessment"] is None
    assert listed[0]["stage_history"] == []


def test_init_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "existing.avip"
    path.write_text("precious", encoding="utf-8")
    status, out, err = run(capsys, "init", str(path))
    assert status == 1 and out == ""
    assert err == f"avi-desktop: {path} already exists; choose another name or add --force.\n"
    assert path.read_text(encoding="utf-8") == "precious"
    status, _, err = run(capsys, "init", str(path), "--force")
    assert (status, err) == (0, "")
    assert path.read_bytes()[:15] == b"SQLite format 3"


def test_init_encrypted_from_passphrase_file_and_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "passphrase.txt"
    secret.write_text("river stone lantern\n", encoding="utf-8")
    path = tmp_path / "secret.avip"
    status, out, _ = run(capsys, "init", str(path), "--encrypt", "--passphrase-file", str(secret))
    assert status == 0 and out.startswith("Created encrypted portfolio")
    assert is_encrypted(path)

    status, _, err = run(capsys, "verify", str(path))
    assert status == 1
    assert err == (
        "avi-desktop: secret.avip is encrypted, or it is not a portfolio file (the two cannot be "
        "told apart without the passphrase); if it is encrypted, give its passphrase with "
        "--passphrase-file FILE or the AVI_PASSPHRASE environment variable.\n"
    )
    monkeypatch.setenv("AVI_PASSPHRASE", "river stone lantern")
    status, out, _ = run(capsys, "verify", str(path))
    assert re.fullmatch(r"OK: 1 events verified; head 1:[0-9a-f]{16}\n", out) and status == 0
    monkeypatch.setenv("AVI_PASSPHRASE", "wrong")
    status, _, err = run(capsys, "initiatives", str(path))
    assert status == 1
    assert err.startswith("avi-desktop: The passphrase is not correct for secret.avip")


def test_encrypt_needs_a_passphrase(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secret.avip"
    status, _, err = run(capsys, "init", str(path), "--encrypt")
    assert status == 1 and "--encrypt needs a passphrase" in err
    secret = tmp_path / "passphrase.txt"
    secret.write_text("", encoding="utf-8")
    status, _, err = run(capsys, "init", str(path), "--encrypt", "--passphrase-file", str(secret))
    assert status == 1 and "is empty; put the passphrase on its first line" in err
    status, _, err = run(capsys, "init", str(path), "--passphrase-file", str(secret))
    assert status == 1 and "without --encrypt; add --encrypt" in err
    assert not path.exists()


def test_verify_names_the_first_tampered_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "north.avip"
    with PortfolioStore.create(path) as store:
        for name in ("A", "B", "C"):
            store.add_initiative(name=name)
    status, out, _ = run(capsys, "verify", str(path))
    assert re.fullmatch(r"OK: 4 events verified; head 4:[0-9a-f]{16}\n", out) and status == 0
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("""UPDATE audit_events SET details = '{"name":"Z"}' WHERE seq = 3""")
    status, out, err = run(capsys, "verify", str(path))
    assert status == 1 and out == ""
    assert err == "FAILED: audit event 3 (create initiative) was altered after it was recorded\n"


def test_bad_file_is_one_line_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "notes.avip"
    path.write_text("not a portfolio\n" * 10, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "avi_desktop", "verify", str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr == (
        f"avi-desktop: {path} is not a portfolio file (not a database, or too damaged to read). "
        "Choose a .avip portfolio file, or restore a backup copy.\n"
    )
    assert "Traceback" not in done.stderr


def test_self_test_reports_every_step(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "self-test")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert all(line.startswith("ok  ") for line in lines[:-1])
    assert len(lines) == 8
    assert "ok  upgrade an older file, backup first" in lines
    assert "ok  encrypted round trip and passphrase change" in lines
    assert lines[-1] == "self-test passed"


def test_demo_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.avip"
    path.write_text("mine", encoding="utf-8")
    status, _, err = run(capsys, "demo", str(path))
    assert status == 1 and "already exists; choose another name or add --force" in err
    assert path.read_text(encoding="utf-8") == "mine"


def test_force_never_replaces_a_file_open_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "busy.avip"
    with PortfolioStore.create(path) as store:
        store.add_initiative(name="Keep me")
        status, _, err = run(capsys, "init", str(path), "--force")
        assert status == 1 and "is open in another window or program" in err
        assert store.initiative_ids()  # still there


def test_an_unexpected_error_is_one_line_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from avi_desktop.model import queries

    path = tmp_path / "p.avip"
    assert main(["init", str(path)]) == 0

    def broken(*_: object) -> None:
        raise ModuleNotFoundError("No module named 'something_left_out'")

    monkeypatch.setattr(queries, "portfolio_rows", broken)
    capsys.readouterr()
    status = main(["initiatives", str(path)])
    out, err = capsys.readouterr()
    assert status == 70 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "ModuleNotFoundError: No module named 'something_left_out'" in err
    monkeypatch.setenv("AVI_DEBUG", "1")
    with pytest.raises(ModuleNotFoundError):
        main(["initiatives", str(path)])


def test_a_failed_demo_build_keeps_the_file_it_would_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from avi_desktop.model import demo
    from avi_desktop.model.demo_data import DemoDataError

    path = tmp_path / "mine.avip"
    assert main(["init", str(path), "--organisation", "Keep me"]) == 0
    before = path.read_bytes()

    def broken(target: Path) -> None:
        target.write_bytes(b"half a portfolio")
        raise DemoDataError("initiatives.toml, initiative 1: stage must be one of idea, ...")

    monkeypatch.setattr(demo, "build_demo", broken)
    capsys.readouterr()
    assert main(["demo", str(path), "--force"]) == 1
    assert "initiatives.toml, initiative 1" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.avip"]


def test_verify_repair_cache_rebuilds_the_cached_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "north.avip"
    with PortfolioStore.create(path) as store:
        kept = store.add_initiative(name="Kept")
    with closing(sqlite3.connect(path)) as conn, conn:  # a cache in doubt: emptied, stale
        conn.execute("DELETE FROM score_cache")
        conn.execute("UPDATE score_cache_state SET digest = 'stale:7'")
    status, out, err = run(capsys, "verify", str(path), "--repair-cache")
    assert status == 0 and out.startswith("OK: ")
    assert "Score cache rebuilt: 1 initiative." in err
    with PortfolioStore.open(path, read_only=True) as store:
        assert store.score_cache_current()
        assert set(store.cached_scores()) == {kept}
        assert store.verify().ok  # derived data: rebuilding it is not a change to records
