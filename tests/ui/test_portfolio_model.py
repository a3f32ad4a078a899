"""The table model sorts and filters its own rows (no proxy), and keeps the selection."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from avi_desktop.ui.portfolio_model import (
    COL_INDEX,
    COLUMNS,
    Filters,
    PortfolioTableModel,
    Scores,
    TableRow,
)

pytestmark = pytest.mark.usefixtures("qapp")  # the band swatches are pixmaps


def _rows() -> list[TableRow]:
    return [
        TableRow("a", "Zeta pricing", "pilot", "Retail", "Ada", latest_on=date(2026, 3, 1)),
        TableRow("b", "alpha claims", "production", "Claims", "Ben"),
        TableRow("c", "Mid routing", "idea", "Claims", "Ada", latest_on=date(2025, 1, 1)),
    ]


def _names(model: PortfolioTableModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_sort_by_name_is_case_insensitive_and_reversible() -> None:
    model = PortfolioTableModel()
    model.set_rows(_rows())
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert _names(model) == ["alpha claims", "Mid routing", "Zeta pricing"]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert _names(model) == ["Zeta pricing", "Mid routing", "alpha claims"]


def test_scores_fill_in_and_sort_by_alignment_index_with_unscored_last() -> None:
    model = PortfolioTableModel()
    model.set_rows(_rows())
    model.set_scores(
        {
            "a": Scores(61.3, "organisation", "gap", ("AI Pilot Trap",)),
            "b": Scores(80.0, "trust", "aligned", ()),
        }
    )
    model.sort(COL_INDEX, Qt.SortOrder.AscendingOrder)
    assert _names(model) == ["Zeta pricing", "alpha claims", "Mid routing"]
    assert model.index(0, COL_INDEX).data() == "61.3"
    keys = [key for key, _ in COLUMNS]
    assert model.index(0, keys.index("binding_layer")).data() == "Organisational Capability"
    assert model.index(0, keys.index("worst_band")).data() == "Gap"
    assert model.index(0, keys.index("patterns")).data() == "AI Pilot Trap"
    assert model.index(2, COL_INDEX).data() == "—"


def test_every_column_sorts_without_error_and_changes_order_where_values_differ() -> None:
    model = PortfolioTableModel()
    model.set_rows(_rows())
    orders = set()
    for column in range(len(COLUMNS)):
        model.sort(column, Qt.SortOrder.AscendingOrder)
        orders.add(tuple(_names(model)))
    assert len(orders) > 1  # stage, owner and date orders differ from the name order


def test_filters_search_stage_owner_band_pattern() -> None:
    model = PortfolioTableModel()
    model.set_rows(_rows())
    model.set_scores({"a": Scores(50.0, "trust", "gap", ("Trust Ceiling",))})
    model.set_filters(Filters(text="CLAIMS"))  # matches a name and a business unit
    assert sorted(_names(model)) == ["Mid routing", "alpha claims"]
    model.set_filters(Filters(owner="Ada"))
    assert sorted(_names(model)) == ["Mid routing", "Zeta pricing"]
    model.set_filters(Filters(stage="production"))
    assert _names(model) == ["alpha claims"]
    model.set_filters(Filters(band="gap"))
    assert _names(model) == ["Zeta pricing"]
    model.set_filters(Filters(pattern="Trust Ceiling", owner="Ben"))
    assert _names(model) == []
    model.set_filters(Filters())
    assert model.rowCount() == 3
    assert model.owners() == ["Ada", "Ben"]
    assert model.pattern_titles() == ["Trust Ceiling"]


def test_sorting_keeps_the_current_row_on_the_same_initiative(qtbot: object) -> None:
    from PySide6.QtWidgets import QTableView

    model = PortfolioTableModel()
    model.set_rows(_rows())
    view = QTableView()
    view.setModel(model)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    view.setCurrentIndex(model.index(model.row_of("a"), 0))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.row_at(view.currentIndex().row()).id == "a"


def test_latest_assessment_reads_as_the_detail_pane_writes_dates_and_sorts_by_date() -> None:
    model = PortfolioTableModel()
    rows = _rows()
    rows[1].latest_on = date(2026, 1, 10)  # "10 Jan" sorts before "1 Mar" as text, not as a date
    model.set_rows(rows)
    column = [key for key, _ in COLUMNS].index("latest_on")
    model.sort(column, Qt.SortOrder.AscendingOrder)
    assert _names(model) == ["Mid routing", "alpha claims", "Zeta pricing"]
    shown = [model.index(r, column).data() for r in range(3)]
    assert shown == ["1 Jan 2025", "10 Jan 2026", "1 Mar 2026"]
    accessible = model.index(2, column).data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible == "1 Mar 2026"
    model.set_filters(Filters(text="zeta"))
    assert _names(model) == ["Zeta pricing"]
