"""A decision logged in the window and one logged on the command line both reach the values
audit view, the initiative briefing and the committee paper (read back from the PDFs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate

from avi_desktop.cli import main
from avi_desktop.model.domain import ValueStance
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.decision_editor import DecisionEditor
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.values_audit_view import ValuesAuditView
from tests.reports.pdftext import page_texts, squeeze
from tests.ui.conftest import open_and_wait

BROKER = "Broker email summarisation"
FROM_WINDOW = "Kept a broker in the loop for every summary"
FROM_CLI = "Went live without the broker opt-out"


def test_window_and_command_line_decisions_reach_the_view_briefing_and_paper(
    window: MainWindow,
    qtbot: Any,
    demo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        broker = next(i for i in store.initiative_ids() if store.get_initiative(i).name == BROKER)
        fair = next(v.id for v in store.stated_values() if v.name == "Fair to every customer")
    cli = [
        "decision", "add", str(demo_copy), "--initiative", broker, "--date", "2026-10-02",
        "--decision", FROM_CLI, "--decided-by", "Head of Broking",
        "--departed", "Fair to every customer", "--pressure", "The broker conference",
        "--argued-by", "The complaints team",
    ]  # fmt: skip
    assert main(cli) == 0
    capsys.readouterr()

    open_and_wait(qtbot, window, demo_copy)
    window.portfolio_view.select(broker)

    def fill(editor: DecisionEditor) -> int:
        editor.date.setDate(QDate(2026, 10, 9))
        editor.title.setText(FROM_WINDOW)
        editor.decided_by.setText("Chief Underwriter")
        editor.pressure.setPlainText("A backlog of 900 emails")
        editor.argued_by.setPlainText("The broker panel")
        editor.set_stance(fair, ValueStance.UPHELD)
        editor.accept()
        return int(editor.result())

    monkeypatch.setattr(DecisionEditor, "exec", fill)
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.detail.decisions.add_button.click()

    view = ValuesAuditView(window)
    qtbot.addWidget(view)
    rows = [view.values_model.text(r, 0) for r in range(view.values_model.rowCount())]
    view.values_view.selectRow(rows.index("Fair to every customer"))
    evidence = {
        view.evidence_model.text(r, 2): view.evidence_model.text(r, 3)
        for r in range(view.evidence_model.rowCount())
    }
    assert evidence[FROM_WINDOW] == "Upheld" and evidence[FROM_CLI] == "Departed from"
    # Upheld once now: no longer aspirational.
    assert view.values_model.text(rows.index("Fair to every customer"), 1) == "Operational"
    window.close_portfolio()

    brief, paper = demo_copy.with_name("brief.pdf"), demo_copy.with_name("paper.pdf")
    assert main(["brief", str(demo_copy), "--initiative", broker, "-o", str(brief)]) == 0
    assert main(["paper", str(demo_copy), "-o", str(paper)]) == 0
    capsys.readouterr()
    brief_text = squeeze(" ".join(page_texts(brief)))
    paper_text = squeeze(" ".join(page_texts(paper)))
    for text in (brief_text, paper_text):
        assert "Values decision audit" in text
        assert FROM_WINDOW in text and FROM_CLI in text
    assert "The complaints team" in brief_text and "The broker panel" in brief_text
    assert "A backlog of 900 emails" in brief_text
    assert "Over time" in paper_text and "2026 Q4" in paper_text
    assert "The decisions as evidence" in paper_text
