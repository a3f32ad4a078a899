"""Opening a portfolio: the table is painted with its rows and selection before the detail pane
is filled, in a turn of its own, so the two first paints never add up to one long pause."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject

from avi_desktop.ui.main_window import MainWindow
from tests.ui.conftest import open_and_wait


class _Paints(QObject):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_the_table_is_painted_with_its_selection_before_the_detail_is_filled(
    qtbot: Any, window: MainWindow, small_portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show()
    qtbot.waitExposed(window)
    open_and_wait(qtbot, window, small_portfolio)  # builds the pane
    window.close_portfolio()
    log: list[str] = []
    view, detail = window.portfolio_view, window.detail
    select, show_overview = view.select, detail.show_overview

    def selecting(*args: Any, **kwargs: Any) -> None:
        log.append("select")
        select(*args, **kwargs)

    def filling(*args: Any, **kwargs: Any) -> None:
        log.append("detail")
        show_overview(*args, **kwargs)

    monkeypatch.setattr(view, "select", selecting)
    monkeypatch.setattr(detail, "show_overview", filling)
    paints = _Paints(log)
    view.table.viewport().installEventFilter(paints)
    open_and_wait(qtbot, window, small_portfolio)
    assert "detail" in log, log
    last_select = len(log) - 1 - log[::-1].index("select")
    assert "paint" in log[last_select : log.index("detail", last_select)], log
    assert detail.title.text() == view.model.row_at(view.table.currentIndex().row()).name
