"""A defect in a background job or a window action: one line for the user, the traceback logged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from avi_desktop import logs
from avi_desktop.ui.app import report_unexpected
from avi_desktop.ui.workers import Worker


def _scoring_that_breaks(_progress: Any) -> None:
    raise ZeroDivisionError("division by zero")


def test_a_job_defect_leaves_its_traceback_in_the_log(qtbot: Any, tmp_path: Path) -> None:
    path = logs.setup(tmp_path)
    assert path is not None
    worker = Worker(_scoring_that_breaks)
    with qtbot.waitSignal(worker.signals.failed) as signal:
        worker.run()
    (message,) = signal.args
    assert "\n" not in message and "Traceback" not in message
    assert "ZeroDivisionError: division by zero" in message and str(path) in message
    written = path.read_text(encoding="utf-8")
    assert "Unexpected error during the background job _scoring_that_breaks" in written
    assert "Traceback (most recent call last)" in written
    assert 'in _scoring_that_breaks\n    raise ZeroDivisionError("division by zero")' in written


def test_a_defect_in_a_window_action_is_shown_in_a_line_and_logged(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = logs.setup(tmp_path)
    assert path is not None
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    missing: dict[str, int] = {}
    try:
        missing["missing"]
    except KeyError as exc:
        report_unexpected(KeyError, exc, exc.__traceback__)
    assert len(shown) == 1 and "KeyError: 'missing'" in shown[0] and str(path) in shown[0]
    written = path.read_text(encoding="utf-8")
    assert "Unexpected error during a window action" in written
    assert "test_a_defect_in_a_window_action_is_shown_in_a_line_and_logged" in written
