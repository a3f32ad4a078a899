"""The support log: defects keep their traceback there, users read one line, secrets stay out."""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from avi_desktop import logs
from avi_desktop.cli import main


def test_a_log_in_a_folder_that_cannot_be_made_loses_only_the_details(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert logs.setup(blocker / "logs") is None
    assert logs.log_file() is None
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        assert logs.unexpected(exc, "a test") == "Please report it."


def test_the_log_is_private_and_keeps_the_traceback(tmp_path: Path) -> None:
    path = logs.setup(tmp_path)
    assert path == tmp_path / logs.LOG_NAME
    assert logs.setup(tmp_path) == path  # idempotent: one handler, not two
    try:
        _raise_deep()
    except ValueError as exc:
        sentence = logs.unexpected(exc, "a test")
    assert str(path) in sentence
    written = path.read_text(encoding="utf-8")
    assert written.count("Unexpected error during a test") == 1
    assert "Traceback (most recent call last)" in written and "_raise_deep" in written
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _raise_deep() -> None:
    raise ValueError("deep")


def test_database_parameters_never_reach_the_log(tmp_path: Path) -> None:
    """A failed statement can carry a comment or a passphrase-derived value as a parameter."""
    path = logs.setup(tmp_path)
    assert path is not None
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (comment TEXT UNIQUE)"))
        connection.execute(text("INSERT INTO t VALUES ('first')"))
    secret = "the board was never told about the outage"
    with pytest.raises(IntegrityError) as caught, engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (:c)"), {"c": secret})
        connection.execute(text("INSERT INTO t VALUES (:c)"), {"c": secret})
    line = logs.describe(caught.value)
    logs.unexpected(caught.value, "a test")
    written = path.read_text(encoding="utf-8")
    assert "UNIQUE constraint failed" in written and "INSERT INTO t" in written
    assert secret not in written and secret not in line


def test_the_data_folder_is_where_the_window_keeps_it(qapp: Any) -> None:
    if sys.platform != "linux":
        pytest.skip("the XDG layout is Linux's")
    from PySide6.QtCore import QStandardPaths

    from avi_desktop import APP_NAME

    app = qapp
    names = app.organizationName(), app.applicationName()
    try:
        app.setOrganizationName("")  # as ``ui.app.make_application`` names it
        app.setApplicationName(APP_NAME)
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    finally:
        app.setOrganizationName(names[0])
        app.setApplicationName(names[1])
    assert Path(location) == logs.data_dir()
    assert logs.data_dir().name == APP_NAME and logs.data_dir().parent.name != APP_NAME


def test_the_doubled_folder_of_earlier_versions_moves_up_once(tmp_path: Path) -> None:
    from avi_desktop import APP_NAME

    old = tmp_path / APP_NAME
    old.mkdir()
    (old / "demo.avip").write_bytes(b"demo")
    (old / "avi-desktop.log").write_text("old log", encoding="utf-8")
    (tmp_path / "avi-desktop.log").write_text("new log", encoding="utf-8")
    logs.move_doubled_folder(tmp_path)
    assert (tmp_path / "demo.avip").read_bytes() == b"demo"
    assert (tmp_path / "avi-desktop.log").read_text(encoding="utf-8") == "new log"  # kept
    assert (old / "avi-desktop.log").is_file()  # not overwritten, so not moved
    (old / "avi-desktop.log").unlink()
    logs.move_doubled_folder(tmp_path)
    assert not old.exists()


def test_a_command_defect_is_one_line_and_its_traceback_is_in_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from avi_desktop.model import queries

    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("correct horse battery staple\n", encoding="utf-8")
    path = tmp_path / "p.avip"
    monkeypatch.setenv("AVI_PASSPHRASE", "correct horse battery staple")
    assert main(["init", str(path), "--encrypt"]) == 0

    def broken(*_: object) -> None:
        raise KeyError("no_such_column")

    monkeypatch.setattr(queries, "portfolio_rows", broken)
    capsys.readouterr()
    status = main(["initiatives", str(path), "--passphrase-file", str(passphrase)])
    _, err = capsys.readouterr()
    log_path = logs.data_dir() / logs.LOG_NAME
    assert status == 70
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert str(log_path) in err
    written = log_path.read_text(encoding="utf-8")
    assert "Unexpected error during 'avi-desktop initiatives'" in written
    assert "in broken" in written and "KeyError: 'no_such_column'" in written
    assert "correct horse" not in written
