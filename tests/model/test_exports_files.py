"""The one export path (answers and portfolio CSV from a store) and the shared file helpers."""

from __future__ import annotations

import csv
import errno
from pathlib import Path
from typing import IO, Any

import pytest

from avi_desktop.model.errors import ExportError
from avi_desktop.model.exports import (
    ANSWERS_HEADER,
    PORTFOLIO_HEADER,
    answers_csv_rows,
    portfolio_csv_rows,
    write_answers_csv,
    write_portfolio_csv,
)
from avi_desktop.model.files import atomic_write, slug, write_export
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.overview import initiative_fields, portfolio_overview
from avi_desktop.model.store import PortfolioStore
from tests.model.engine_helpers import fill_portfolio


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_write_answers_csv_writes_the_composed_rows(store: PortfolioStore, tmp_path: Path) -> None:
    ids = fill_portfolio(store)
    target = tmp_path / "answers.csv"
    assert write_answers_csv(store, ids["first"], target) == 80
    assessment = store.get_assessment(ids["first"])
    comments = {r.id: {a.item_id: a.comment for a in r.answers} for r in assessment.respondents}
    expected = answers_csv_rows(
        ids["first"], bundled_instrument("1.0"), store.response_sets(ids["first"]), comments
    )
    rows = _read(target)
    assert tuple(rows[0]) == ANSWERS_HEADER
    assert [tuple(row) for row in rows] == expected
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_write_portfolio_csv_reports_progress_and_counts(
    store: PortfolioStore, tmp_path: Path
) -> None:
    fill_portfolio(store)
    calls: list[tuple[int, int]] = []
    target = tmp_path / "portfolio.csv"
    assert write_portfolio_csv(store, target, lambda done, total: calls.append((done, total))) == 2
    assert calls and calls[-1][0] == calls[-1][1]
    overview = portfolio_overview(store)
    expected = portfolio_csv_rows(overview.entries, initiative_fields(store, overview.entries))
    rows = _read(target)
    assert tuple(rows[0]) == PORTFOLIO_HEADER
    assert [tuple(row) for row in rows] == expected
    assert write_portfolio_csv(store, tmp_path / "again.csv") == 2  # progress is optional


def test_write_portfolio_csv_refuses_a_missing_folder(
    store: PortfolioStore, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_portfolio_csv(store, tmp_path / "nowhere" / "p.csv")


def test_atomic_write_replaces_the_target_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    assert atomic_write(target, lambda stream: stream.write(b"new")) == target
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")

    def fail(stream: IO[bytes]) -> None:
        stream.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, fail, prefix=".x-", suffix=".part")
    assert target.read_bytes() == b"old"
    with pytest.raises(
        ExportError, match=r"Cannot write out\.bin in .*: No space left on device\. "
    ):
        write_export(target, fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def test_atomic_write_names_a_folder_that_takes_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("avi_desktop.model.files.tempfile.mkstemp", refuse)
    with pytest.raises(ExportError, match=r"Permission denied\. Choose a folder you can write to"):
        write_export(tmp_path / "x.bin", lambda stream: None)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_syncs_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    monkeypatch.setattr("avi_desktop.model.files.os.fsync", synced.append)
    atomic_write(tmp_path / "a", lambda stream: None, sync=False)
    assert synced == []
    atomic_write(tmp_path / "b", lambda stream: None)
    assert len(synced) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Claims triage (2026)", "claims-triage-2026"),
        ("Dr Ana Łopez-García", "dr-ana-lopez-garcia"),
        ("  --Ærø--  ", "aero"),
        ("", "export"),
        ("***", "export"),
        ("a" * 59 + " b", "a" * 59),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_slug_fallback() -> None:
    assert slug("§§", "recipient") == "recipient"
    assert slug("ok", "recipient") == "ok"
