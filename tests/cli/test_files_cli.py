"""init, demo and upgrade on disk; read-only commands leave a portfolio's folder as it was."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from avi_desktop.cli import main
from avi_desktop.model.database import Database, create_database, known_revisions
from avi_desktop.model.domain import AssessmentMode
from avi_desktop.model.overview import initiative_overview
from avi_desktop.model.store import PortfolioStore

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


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


@posix_only
def test_init_and_demo_write_private_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init", str(tmp_path / "new.avip"))[0] == 0
    assert run(capsys, "demo", str(tmp_path / "demo.avip"))[0] == 0
    assert names(tmp_path) == {"new.avip", "demo.avip"}
    assert mode(tmp_path / "new.avip") == mode(tmp_path / "demo.avip") == 0o600


# --------------------------------------------------------------------------- a full disk


def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, pages: int) -> None:
    """SQLite's own full-disk error (SQLITE_FULL) once a file reaches ``pages`` pages."""
    connect = Database.connect

    def limited(self: Database, target: Path | None = None) -> object:
        conn = connect(self, target)
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(Database, "connect", limited)


@pytest.mark.parametrize(("command", "pages"), [("init", 3), ("demo", 3), ("demo", 40)])
def test_full_disk_leaves_nothing_and_says_so(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    pages: int,
) -> None:
    _disk_fills_after(monkeypatch, pages)
    status, out, err = run(capsys, command, str(tmp_path / "new.avip"))
    assert status == 1 and out == ""
    assert "disk is full" in err and "Free some disk space" in err
    assert "another disk" in err
    assert "read-only" not in err and "nothing was changed" not in err
    assert names(tmp_path) == set()


# --------------------------------------------------------------------------- read-only commands


@pytest.fixture(scope="module")
def demo_ids(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from avi_desktop.model.demo import build_demo

    path = tmp_path_factory.mktemp("ro") / "demo.avip"
    build_demo(path)
    ids = {"source": str(path)}
    with PortfolioStore.open(path, read_only=True) as store:
        for initiative_id in store.initiative_ids():
            view = initiative_overview(store, initiative_id)
            for assessment in view.initiative.assessments:
                ids.setdefault("initiative", initiative_id)
                ids.setdefault("assessment", assessment.id)
                if assessment.mode == AssessmentMode.WORKSHOP.value:
                    ids["workshop"] = assessment.id
    return ids


READ_ONLY = [
    ["verify", "{path}"],
    ["initiatives", "{path}"],
    ["assessments", "{path}"],
    ["score", "{path}", "--assessment", "{assessment}"],
    ["brief", "{path}", "--initiative", "{initiative}", "-o", "{out}/brief.pdf"],
    ["paper", "{path}", "-o", "{out}/paper.pdf"],
    ["workshop-summary", "{path}", "--assessment", "{workshop}", "-o", "{out}/w.pdf"],
    ["chart", "ring", "{path}", "--assessment", "{assessment}", "-o", "{out}/ring.png"],
    ["export-answers", "{path}", "--assessment", "{assessment}", "-o", "{out}/a.csv"],
    ["export-portfolio", "{path}", "-o", "{out}/p.csv"],
    ["decisions", "{path}"],
]


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda args: args[0])
def test_read_only_commands_leave_the_folder_and_file_as_they_were(
    demo_ids: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
) -> None:
    folder, out = tmp_path / "portfolio", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    path = folder / "demo.avip"
    shutil.copyfile(demo_ids["source"], path)
    before = path.read_bytes()
    values = {**demo_ids, "path": str(path), "out": str(out)}
    status, _, err = run(capsys, *(a.format(**values) for a in args))
    assert status == 0, err
    assert names(folder) == {"demo.avip"}
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- upgrade


def test_upgrade_migrates_an_old_file_after_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.avip"
    create_database(path, revision="0001").close()
    before = path.read_bytes()
    head, _ = known_revisions()

    status, out, err = run(capsys, "initiatives", str(path))
    assert status == 1 and f"avi-desktop upgrade {path}" in err
    assert path.read_bytes() == before

    status, out, err = run(capsys, "upgrade", str(path))
    assert status == 0, err
    assert f"from schema revision 0001 to {head}" in out
    backups = [p for p in tmp_path.iterdir() if ".backup-" in p.name]
    assert len(backups) == 1 and str(backups[0]) in out
    assert backups[0].read_bytes() != b""
    assert names(tmp_path) == {"old.avip", backups[0].name}

    assert run(capsys, "initiatives", str(path))[0] == 0
    status, out, _ = run(capsys, "upgrade", str(path))
    assert status == 0 and "already at revision" in out
    assert len([p for p in tmp_path.iterdir() if ".backup-" in p.name]) == 1


def test_upgrade_an_encrypted_file_needs_its_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.avip"
    create_database(path, passphrase="pass phrase", revision="0001").close()
    status, _, err = run(capsys, "upgrade", str(path))
    assert status == 1 and "--passphrase-file" in err
    secret = tmp_path / "secret.txt"
    secret.write_text("pass phrase\n", encoding="utf-8")
    status, out, err = run(capsys, "upgrade", str(path), "--passphrase-file", str(secret))
    assert status == 0, err
    assert "from schema revision 0001" in out
