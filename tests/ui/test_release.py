"""Rows the table replaces are freed off the UI thread, and nobody holding rows loses them."""

from __future__ import annotations

import sys
import threading
from typing import Any

from avi_desktop.ui import collector
from avi_desktop.ui.collector import release_later
from avi_desktop.ui.portfolio_model import PortfolioTableModel
from avi_desktop.ui.table_data import TableRow, prepare


def _rows(count: int, tag: str = "", cls: type[TableRow] = TableRow) -> list[TableRow]:
    return [
        cls(
            id=f"i{n}",
            name=f"Initiative {n}{tag}",
            stage="pilot",
            business_unit="",
            business_owner="",
        )
        for n in range(count)
    ]


def test_large_containers_are_emptied_in_a_thread_and_small_ones_left(qtbot: Any) -> None:
    count = collector.RELEASE_IN_PARTS + 1
    rows = _rows(count)
    by_id = {row.id: row for row in rows}
    shown = list(rows)
    release_later(by_id, shown, rows)
    qtbot.waitUntil(lambda: not rows and not shown and not by_id, timeout=5_000)

    few = _rows(10)
    few_by_id = {row.id: row for row in few}
    release_later(few_by_id, few)
    assert len(few) == 10 and len(few_by_id) == 10  # freed where dropped, as always


class _Tracked(TableRow):
    """A row that notes the thread it is freed on."""

    freed_on: set[str] = set()  # noqa: RUF012 - shared on purpose

    def __del__(self) -> None:
        _Tracked.freed_on.add(threading.current_thread().name)


def test_replaced_rows_are_freed_off_the_ui_thread_and_a_snapshot_keeps_them(
    qtbot: Any,
) -> None:
    count = collector.RELEASE_IN_PARTS + 1
    model = PortfolioTableModel()
    model.adopt(prepare(_rows(count, cls=_Tracked), model.view()))
    before = model.all_rows()
    kept = [before]
    del before
    _Tracked.freed_on.clear()
    model.adopt(prepare(_rows(count, " (new)"), model.view()), keep_places=True)
    assert len(kept[0]) == count and kept[0][0].name == "Initiative 0"  # the caller's own
    assert model.row_at(0).name == "Initiative 0 (new)" and model.rowCount() == count
    # The model lets go of the old rows in a thread: they live on only in the snapshot (one
    # reference, and getrefcount's own argument)...
    qtbot.waitUntil(lambda: sys.getrefcount(kept[0][-1]) == 2, timeout=5_000)
    assert not _Tracked.freed_on
    # ...and when that goes too, the last of them are freed where it was dropped.
    kept.clear()
    assert _Tracked.freed_on == {threading.current_thread().name}

    _Tracked.freed_on.clear()
    model.adopt(prepare(_rows(count, cls=_Tracked), model.view()), keep_places=True)
    model.adopt(prepare(_rows(count), model.view()), keep_places=True)
    qtbot.waitUntil(lambda: len(_Tracked.freed_on) > 0, timeout=5_000)
    qtbot.wait(50)
    assert _Tracked.freed_on == {"avi-release"}  # never on the UI thread
