"""UI fixtures: real widgets, real portfolio files in tmp_path, preferences in an INI file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from avi_desktop.model.domain import Stage
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.prefs import Preferences


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    return Preferences(tmp_path / "prefs.ini")


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every message box Yes (recording its text) so no test blocks on a modal."""
    seen: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        seen.append(text)
        return QMessageBox.StandardButton.Yes

    def note(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        seen.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", note)
    monkeypatch.setattr(QMessageBox, "information", note)
    return seen


@pytest.fixture
def window(
    qtbot: Any, prefs: Preferences, tmp_path: Path, answers: list[str]
) -> Iterator[MainWindow]:
    win = MainWindow(prefs, data_dir=tmp_path / "appdata")
    qtbot.addWidget(win)
    yield win
    win.close_portfolio()


def open_and_wait(qtbot: Any, window: MainWindow, path: Path) -> None:
    """Open a portfolio and wait until its rows are in the table (they load in a worker)."""
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        assert window.open_path(path)


def add_initiatives(path: Path, names: list[tuple[str, str, Stage]]) -> list[str]:
    """Write initiatives (name, owner, stage) through the store and close it."""
    with PortfolioStore.open(path) as store:
        return [
            store.add_initiative(
                name=name,
                business_owner=owner,
                business_unit="Claims" if n % 2 else "Retail",
                stage=stage,
                stage_since=date(2026, 1, 5),
            )
            for n, (name, owner, stage) in enumerate(names)
        ]


@pytest.fixture
def small_portfolio(tmp_path: Path) -> Path:
    path = tmp_path / "small.avip"
    PortfolioStore.create(path, organisation="Northwind").close()
    add_initiatives(
        path,
        [
            ("Claims triage", "Ada Byrne", Stage.PILOT),
            ("Fraud scoring", "Ben Okafor", Stage.PRODUCTION),
            ("Chat assistant", "Ada Byrne", Stage.IDEA),
        ],
    )
    return path
