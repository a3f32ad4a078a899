"""'Create action' beside each recommendation on the questionnaire's results page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from avi_desktop.ui.action_editor import ActionEditor
from avi_desktop.ui.assessment_wizard import AssessmentWizard
from avi_desktop.ui.main_window import MainWindow
from tests.ui.conftest import open_and_wait


def test_create_action_from_the_results_page(
    window: MainWindow, qtbot: Any, small_portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_and_wait(qtbot, window, small_portfolio)
    store = window.store
    assert store is not None
    claims = next(r.id for r in window.portfolio_view.model.all_rows() if r.name == "Claims triage")
    window.portfolio_view.select(claims)
    editors: list[ActionEditor] = []
    suggested: list[str] = []

    def drive(wizard: AssessmentWizard) -> int:
        wizard.show()
        wizard.intro.respondent.setText("Ada Byrne")
        wizard.next()
        for page in wizard.layer_pages:
            for item in page.items:
                item.set_answer(2)
            wizard.next()
        assert wizard.currentPage() is wizard.results
        label = wizard.results.recommendations
        assert "href='rec:0'" in label.text() and "Create action" in label.text()
        suggested.append(wizard.results._recommendations[0].title)
        label.linkActivated.emit("rec:0")
        return 1

    def accept(editor: ActionEditor) -> int:
        editors.append(editor)
        editor.owner.setText("Ben Okafor")
        editor.accept()
        return int(editor.result())

    monkeypatch.setattr(AssessmentWizard, "exec", drive)
    monkeypatch.setattr(ActionEditor, "exec", accept)
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.run_assessment()
    assert isinstance(editors[0].parentWidget(), AssessmentWizard)  # over the wizard
    (action,) = store.actions(claims)
    assert (action.title, action.owner) == (suggested[0], "Ben Okafor")
    texts = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert texts[0] == f"Add action “{suggested[0]}”"
    assert texts[1].startswith("Four-layer assessment")
    window.undo_stack.undo()  # the assessment
    window.undo_stack.undo()  # the action
    assert store.actions(claims) == []
