"""Portfolio-level marks on the table's rows, and the filters' choices gathered from them."""

from __future__ import annotations

from typing import Any

from avi_desktop.ui.portfolio_model import PortfolioTableModel
from avi_desktop.ui.table_data import TableRow, owners, prepare, titles

THEATRE = "AI Theatre (portfolio)"


def _row(n: int, owner: str = "", patterns: tuple[str, ...] = ()) -> TableRow:
    return TableRow(
        id=f"i{n}",
        name=f"Initiative {n}",
        stage="pilot",
        business_unit="",
        business_owner=owner,
        patterns=patterns,
    )


def _model(qapp: Any) -> PortfolioTableModel:
    model = PortfolioTableModel()
    rows = [
        _row(1, "COO", ("AI Pilot Trap",)),
        _row(2, "cfo", ("AI Pilot Trap",)),
        _row(3, "COO"),
        _row(4),
    ]
    model.adopt(prepare(rows, model.view()))
    return model


def patterns(model: PortfolioTableModel) -> dict[str, tuple[str, ...]]:
    return {row.id: row.patterns for row in model.all_rows()}


def test_marks_are_added_changed_and_taken_away_beside_each_rows_own_patterns(qapp: Any) -> None:
    model = _model(qapp)
    assert model.set_portfolio_marks({"i1": (THEATRE,), "i3": (THEATRE,)})
    assert patterns(model) == {
        "i1": ("AI Pilot Trap", THEATRE),
        "i2": ("AI Pilot Trap",),
        "i3": (THEATRE,),
        "i4": (),
    }
    assert model.pattern_titles() == ["AI Pilot Trap", THEATRE]
    held = model.view().marks
    assert not model.set_portfolio_marks({"i1": (THEATRE,), "i3": (THEATRE,)})  # the same
    assert model.view().marks is held  # kept: rows prepared with it compare by identity
    assert model.set_portfolio_marks({"i2": (THEATRE,), "i3": (THEATRE,), "gone": (THEATRE,)})
    assert patterns(model) == {
        "i1": ("AI Pilot Trap",),
        "i2": ("AI Pilot Trap", THEATRE),
        "i3": (THEATRE,),
        "i4": (),
    }
    assert model.set_portfolio_marks({})
    assert patterns(model) == {
        "i1": ("AI Pilot Trap",),
        "i2": ("AI Pilot Trap",),
        "i3": (),
        "i4": (),
    }
    assert model.pattern_titles() == ["AI Pilot Trap"]


def test_the_filters_choices_are_each_distinct_value_once_in_order() -> None:
    shared = ("AI Pilot Trap", "Coordination Failure")
    rows = [
        _row(1, "zoe", shared),
        _row(2, "Adam", shared),
        _row(3, "", ("Momentum without Direction",)),
        _row(4, "adam", ("AI Pilot Trap",)),
        _row(5, "Zoe"),
    ]
    assert owners(rows) == ["Adam", "adam", "Zoe", "zoe"]
    assert titles(rows) == ["AI Pilot Trap", "Coordination Failure", "Momentum without Direction"]
    assert owners([]) == [] and titles([]) == []


def test_many_marks_go_on_in_parts_and_the_latest_marks_win(qtbot: Any) -> None:
    from avi_desktop.ui import table_marks

    count = table_marks.PART * 2 + 10
    model = PortfolioTableModel()
    own = ("AI Pilot Trap",)
    model.adopt(
        prepare([_row(n, patterns=own if n % 2 else ()) for n in range(count)], model.view())
    )
    first = {f"i{n}": (THEATRE,) for n in range(count)}
    finished: list[str] = []
    assert model.set_portfolio_marks(first, finished=lambda: finished.append("first"))
    marked = sum(1 for row in model.all_rows() if THEATRE in row.patterns)
    assert marked == table_marks.PART  # one part now, the rest in later turns
    # New marks before the first have all gone on: every row ends with the newest.
    second = {f"i{n}": ("Other (portfolio)",) for n in range(0, count, 3)}
    assert model.set_portfolio_marks(second, finished=lambda: finished.append("second"))
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=5_000)
    assert finished == ["first", "second"]
    for n, row in enumerate(model.all_rows()):
        mine = own if n % 2 else ()
        assert row.patterns == (*mine, *second.get(row.id, ())), row.id
    assert model.pattern_titles() == ["AI Pilot Trap", "Other (portfolio)"]


def test_rows_prepared_before_the_marks_changed_take_the_new_marks_once(qapp: Any) -> None:
    """A worker prepares rows with the marks it saw; marks that arrive before its rows are
    shown replace them (they used to be added on top: a row read "AI Theatre" twice)."""
    from avi_desktop.ui.table_data import Filters

    other = "Other (portfolio)"
    for filters in (None, Filters(pattern=other)):  # the quick swap, and filtered again
        model = _model(qapp)
        model.set_portfolio_marks({"i1": (THEATRE,), "i2": (THEATRE,)})
        fresh = [_row(1, "COO", ("AI Pilot Trap",)), _row(2, "cfo"), _row(4)]
        prepared = prepare(fresh, model.view())  # carries the THEATRE marks
        model.set_portfolio_marks({"i2": (THEATRE, other), "i4": (other,)})
        if filters is not None:
            model.set_filters(filters)
        model.adopt(prepared)
        assert patterns(model) == {
            "i1": ("AI Pilot Trap",),
            "i2": (THEATRE, other),
            "i4": (other,),
        }
        shown = [model.row_at(n).id for n in range(model.rowCount())]
        assert shown == (["i1", "i2", "i4"] if filters is None else ["i2", "i4"])
