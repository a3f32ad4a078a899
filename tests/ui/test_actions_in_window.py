"""Follow-up actions in the window: created from a recommendation, edited, undone; overdue
actions marked in the detail pane and filtered for in the table."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from avi_desktop.model.domain import ActionStatus, Imperative
from avi_desktop.model.queries import portfolio_rows
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.action_editor import ActionEditor
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.portfolio_model import OVERDUE
from tests.ui.conftest import open_and_wait


def _claims(window: MainWindow) -> str:
    row = next(r for r in window.portfolio_view.model.all_rows() if r.name == "Claims triage")
    return row.id


def test_create_action_from_a_recommendation_then_edit_and_undo(
    window: MainWindow, qtbot: Any, small_portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_and_wait(qtbot, window, small_portfolio)
    store = window.store
    assert store is not None
    claims = _claims(window)
    window.portfolio_view.select(claims)
    detail = window.detail
    recommendations = detail._recommendations
    assert recommendations, "an initiative without an assessment still gets advice"
    assert "href='rec:0'" in detail.recommendations.text()
    seen: list[ActionEditor] = []

    def fill(editor: ActionEditor) -> int:
        seen.append(editor)
        editor.owner.setText("Ada Byrne")
        editor.has_due.setChecked(True)
        editor.due.setDate(editor.due.date().addDays(-3))  # already past: overdue
        editor.accept()
        return int(editor.result())

    monkeypatch.setattr(ActionEditor, "exec", fill)
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        detail.recommendations.linkActivated.emit("rec:0")
    assert seen[0].title.text() == recommendations[0].title
    assert seen[0].imperative.currentData() == recommendations[0].imperative.value
    (action,) = store.actions(claims)
    assert action.title == recommendations[0].title and action.owner == "Ada Byrne"
    assert action.source == {
        "recommendation": recommendations[0].id,
        "answers": recommendations[0].source,
    }
    assert window.undo_stack.undoText().startswith("Add action")

    # The detail pane marks it overdue; the table's filter keeps only initiatives like it.
    assert (
        not detail.overdue_note.isHidden() and "1 action is overdue" in detail.overdue_note.text()
    )
    assert detail.actions_model.text(0, 3).endswith("overdue")
    view = window.portfolio_view
    view.follow_up.setCurrentIndex(view.follow_up.findData(OVERDUE))
    assert [r.id for r in view.model.rows()] == [claims]
    view.clear_filters()

    def mark_done(editor: ActionEditor) -> int:
        assert editor.windowTitle() == "Edit action"
        editor.status.setCurrentIndex(editor.status.findData(ActionStatus.DONE.value))
        editor.accept()
        return int(editor.result())

    monkeypatch.setattr(ActionEditor, "exec", mark_done)
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        detail.actions_view.doubleClicked.emit(detail.actions_model.index(0, 1))
    assert store.actions(claims)[0].status == ActionStatus.DONE
    assert detail.overdue_note.isHidden()  # done is never overdue
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.undo_stack.undo()
    assert store.actions(claims)[0].status == ActionStatus.OPEN
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.undo_stack.undo()
    assert store.actions(claims) == []


def test_the_editor_needs_a_title_and_returns_every_field(qtbot: Any) -> None:
    editor = ActionEditor(None, {"imperative": Imperative.INVEST_CAPABILITY})
    qtbot.addWidget(editor)
    editor.accept()
    assert editor.result() == 0 and "title" in editor.error.text()
    editor.title.setText("Train the adjusters")
    editor.detail.setPlainText("Two sessions")
    values = editor.values()
    assert values["imperative"] == Imperative.INVEST_CAPABILITY
    assert values["due_on"] is None and values["status"] == ActionStatus.OPEN
    assert values["detail"] == "Two sessions"


def test_portfolio_rows_count_overdue_actions_in_the_one_query(store: PortfolioStore) -> None:
    today = date(2026, 5, 1)
    first = store.add_initiative(name="A")
    second = store.add_initiative(name="B")
    late = today - timedelta(days=1)
    store.add_action(first, imperative="define_value", title="Late", due_on=late)
    store.add_action(first, imperative="define_value", title="Due today", due_on=today)
    store.add_action(first, imperative="define_value", title="Undated")
    store.add_action(second, imperative="define_value", title="Done", due_on=late, status="done")
    store.add_action(
        second, imperative="define_value", title="Dropped", due_on=late, status="dropped"
    )
    rows = {r.name: r.overdue_actions for r in portfolio_rows(store, today)}
    assert rows == {"A": 1, "B": 0}


def test_the_editor_names_what_the_action_answers_in_words(qtbot: Any) -> None:
    source = {"recommendation": "REC-x", "answers": "momentum_without_direction"}
    editor = ActionEditor(None, {"title": "Name a KPI", "source": source})
    qtbot.addWidget(editor)
    assert editor.source_note.text() == "Answers: Momentum without Direction"
    assert editor.values()["source"] == source
