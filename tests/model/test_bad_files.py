"""Bad files get messages that tell the truth: noise is not "encrypted", damage is not a passphrase.

Every case uses a real file on disk and checks the exact one-line message, through the model and
through the command line (no traceback, one line on stderr), and that the file is unchanged.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from avi_desktop import logs
from avi_desktop.cli import main
from avi_desktop.model import file_check
from avi_desktop.model.database import is_encrypted
from avi_desktop.model.errors import AviError, PassphraseError, PortfolioError
from avi_desktop.model.store import PortfolioStore

PASSPHRASE = "river stone lantern"
PAGE = file_check.PAGE_SIZE


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def encrypted_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An encrypted portfolio of some 50 pages, built once (each key derivation costs time)."""
    path = tmp_path_factory.mktemp("encrypted") / "source.avip"
    with PortfolioStore.create(path, passphrase=PASSPHRASE, organisation="Northwind") as store:
        for n in range(40):
            store.add_initiative(name=f"Initiative {n:02d}", description="x" * 200)
    return path


def truncated_copy(source: Path, target: Path, size: Callable[[int], int]) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: size(len(data))])
    return target


def refused(
    path: Path, passphrase: str | None, capsys: pytest.CaptureFixture[str]
) -> tuple[AviError, str]:
    """Open ``path`` through the model and the command line; both must refuse it the same way.

    The support log is set up first, as the window and the command line do at start-up.
    """
    logs.setup()
    before = digest(path)
    with pytest.raises(AviError) as caught:
        PortfolioStore.open(path, passphrase=passphrase)
    model_out = capsys.readouterr()
    assert (model_out.out, model_out.err) == ("", "")
    with pytest.MonkeyPatch.context() as patch:
        if passphrase is None:
            patch.delenv("AVI_PASSPHRASE", raising=False)
        else:
            patch.setenv("AVI_PASSPHRASE", passphrase)
        status = main(["verify", str(path)])
    out, err = capsys.readouterr()
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert digest(path) == before  # nothing written, nothing repaired
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    assert not Path(f"{path}.lock").exists()
    return caught.value, err.removeprefix("avi-desktop: ").rstrip("\n")


def not_a_portfolio(path: Path) -> str:
    return (
        f"{path} is not a portfolio file (not a database, or too damaged to read). "
        "Choose a .avip portfolio file, or restore a backup copy."
    )


@pytest.mark.parametrize("size", [512, 1024, 4096])
@pytest.mark.parametrize("passphrase", [None, "a guess"])
def test_random_bytes_are_not_a_portfolio_with_or_without_a_passphrase(
    tmp_path: Path, size: int, passphrase: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "noise.avip"
    path.write_bytes(random.Random(size).randbytes(size))
    assert not is_encrypted(path)
    error, printed = refused(path, passphrase, capsys)
    assert not isinstance(error, PassphraseError)  # the window will not ask again
    assert error.message == printed == not_a_portfolio(path)


def test_many_pages_of_noise_are_not_blamed_on_the_passphrase_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "noise.avip"
    path.write_bytes(random.Random(9).randbytes(12 * PAGE))
    # Whole pages of noise cannot be told from an encrypted portfolio without its key: say so.
    assert is_encrypted(path)
    error, printed = refused(path, None, capsys)
    assert error.message == (
        "noise.avip is encrypted, or it is not a portfolio file (the two cannot be told apart "
        "without the passphrase); enter its passphrase to open it."
    )
    error, printed = refused(path, "a guess", capsys)
    assert isinstance(error, PassphraseError)
    assert (
        error.message
        == printed
        == (
            "The passphrase is not correct for noise.avip, or the file is not a portfolio. "
            "Check the passphrase and try again."
        )
    )


def test_the_first_page_check_agrees_with_sqlcipher(encrypted_source: Path) -> None:
    assert file_check.passphrase_opens(encrypted_source, PASSPHRASE)
    assert not file_check.passphrase_opens(encrypted_source, PASSPHRASE + " ")
    assert not file_check.passphrase_opens(encrypted_source, "")


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param(lambda size: size - 1000, id="mid-page"),
        pytest.param(lambda size: (size // PAGE // 2) * PAGE, id="half-at-a-page-boundary"),
        pytest.param(lambda size: PAGE, id="first-page-only"),
    ],
)
def test_truncated_encrypted_file_with_the_right_passphrase_is_called_damaged(
    encrypted_source: Path,
    tmp_path: Path,
    cut: Callable[[int], int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = truncated_copy(encrypted_source, tmp_path / "secret.avip", cut)
    whole = path.stat().st_size % PAGE == 0 and path.stat().st_size >= 8 * PAGE
    what = "part of it cannot be read" if whole else "it is cut short"
    error, printed = refused(path, PASSPHRASE, capsys)
    assert not isinstance(error, PassphraseError)
    log = logs.log_file()
    assert log is not None
    assert (
        error.message
        == printed
        == (
            f"{path} is damaged ({what}). Restore a backup copy; the file has been left as it is. "
            f"The details are in {log}."
        )
    )
    text = log.read_text(encoding="utf-8")
    assert f"{path} is damaged ({what})" in text
    assert PASSPHRASE not in text


def test_truncated_encrypted_file_with_a_wrong_passphrase(
    encrypted_source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    at_boundary = truncated_copy(
        encrypted_source, tmp_path / "boundary.avip", lambda size: (size // PAGE // 2) * PAGE
    )
    error, printed = refused(at_boundary, "not it", capsys)
    assert isinstance(error, PassphraseError)  # it may be the passphrase: it is asked again
    assert (
        error.message
        == printed
        == (
            "The passphrase is not correct for boundary.avip, or the file is not a portfolio. "
            "Check the passphrase and try again."
        )
    )
    mid_page = truncated_copy(encrypted_source, tmp_path / "ragged.avip", lambda size: size - 1000)
    error, printed = refused(mid_page, "not it", capsys)
    assert not isinstance(error, PassphraseError)  # ragged: damaged whatever the passphrase
    assert error.message == printed == not_a_portfolio(mid_page)


def test_damage_names_the_newest_backup_beside_the_file(
    encrypted_source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = truncated_copy(encrypted_source, tmp_path / "secret.avip", lambda size: size - 1000)
    for stamp in ("20250101T090000", "20260301T120000", "20251231T235959"):
        shutil.copyfile(encrypted_source, tmp_path / f"secret.backup-{stamp}-rev0001.avip")
    (tmp_path / "other.backup-20270101T000000-rev0001.avip").write_bytes(b"")
    error, _ = refused(path, PASSPHRASE, capsys)
    assert error.message.startswith(
        f"{path} is damaged (it is cut short). Restore a backup copy (the newest beside it is "
        "secret.backup-20260301T120000-rev0001.avip); the file has been left as it is."
    )


def index_page(path: Path, index: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        found = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,))
        return int(found.fetchone()[0])


def test_plain_file_with_a_corrupt_page_prints_one_line_and_logs_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plain.avip"
    with PortfolioStore.create(path, organisation="Northwind") as store:
        for n in range(30):
            store.add_initiative(name=f"Initiative {n:02d}")
    page = index_page(path, "ix_initiatives_stage")
    data = bytearray(path.read_bytes())
    start = (page - 1) * PAGE
    assert data[start] == 0x0A  # a leaf index page: empty its cell count
    data[start + 3 : start + 5] = b"\x00\x00"
    path.write_bytes(bytes(data))
    with closing(sqlite3.connect(path)) as conn:
        assert len(conn.execute("PRAGMA integrity_check(20)").fetchall()) == 20  # 21 lines
    error, printed = refused(path, None, capsys)
    log = logs.log_file()
    assert log is not None
    assert (
        error.message
        == printed
        == (
            f"{path} is damaged (its integrity check found 20 or more problems, on page {page}). "
            f"Restore a backup copy; the file has been left as it is. The details are in {log}."
        )
    )
    text = log.read_text(encoding="utf-8")
    assert "row 1 missing from index ix_initiatives_stage" in text
    assert f"on page {page}" in text


def test_plain_file_cut_short(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plain.avip"
    with PortfolioStore.create(path, organisation="Northwind") as store:
        for n in range(60):
            store.add_initiative(name=f"Initiative {n:02d}", description="x" * 400)
    truncated_copy(path, path, lambda size: size // 2)
    error, printed = refused(path, None, capsys)
    assert isinstance(error, PortfolioError) and not isinstance(error, PassphraseError)
    assert error.message == printed
    assert error.message.startswith(f"{path} is damaged (it is cut short). Restore a backup copy;")


@pytest.mark.parametrize(
    ("problems", "summary"),
    [
        (["Page 7: btreeInitPage() returns error code 11"], "1 problem, on page 7"),
        (
            ["*** in database main ***\nOn tree page 12 cell 3: x", "On page 4 at right child: y"],
            "2 problems, on pages 4, 12",
        ),
        (["row 1 missing from index ix"] * 20, "20 or more problems"),
        (
            [f"page {n} is never used" for n in range(1, 6)],
            "5 problems, on pages 1, 2, 3 and others",
        ),
    ],
)
def test_integrity_report_in_a_few_words(problems: list[str], summary: str) -> None:
    assert file_check.integrity_summary(problems, 20) == f"its integrity check found {summary}"


def test_verify_on_a_file_damaged_after_it_was_opened_says_it_in_one_line(
    tmp_path: Path,
) -> None:
    logs.setup()  # as the window and the command line do at start-up
    path = tmp_path / "plain.avip"
    with PortfolioStore.create(path, organisation="Northwind") as store:
        for n in range(30):
            store.add_initiative(name=f"Initiative {n:02d}")
    page = index_page(path, "ix_initiatives_stage")
    with PortfolioStore.open(path, read_only=True) as store:
        data = bytearray(path.read_bytes())
        start = (page - 1) * PAGE
        data[start + 3 : start + 5] = b"\x00\x00"  # a leaf index page loses its cells
        data[24:28] = (int.from_bytes(data[24:28], "big") + 1).to_bytes(4, "big")
        path.write_bytes(bytes(data))
        report = store.verify()
    assert not report.ok and "\n" not in report.problem
    assert report.problem.startswith(f"{path} is damaged (its integrity check found 20 or more")
    log = logs.log_file()
    assert log is not None and "row 1 missing from index" in log.read_text(encoding="utf-8")


def test_the_model_logs_damage_but_leaves_the_log_set_up_to_the_entry_points(
    encrypted_source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = truncated_copy(encrypted_source, tmp_path / "secret.avip", lambda size: size - 100)
    with pytest.raises(PortfolioError) as caught:
        PortfolioStore.open(path, passphrase=PASSPHRASE)
    assert "is damaged" in caught.value.message
    assert "The details are in" not in caught.value.message  # no log: no promise of one
    assert logs.log_file() is None, "the model must not set up the support log"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AVI_PASSPHRASE", PASSPHRASE)
        assert main(["verify", str(path)]) == 1
    log = logs.log_file()
    assert log is not None
    assert f"The details are in {log}." in capsys.readouterr().err
    assert f"{path} is damaged (it is cut short)" in log.read_text(encoding="utf-8")
