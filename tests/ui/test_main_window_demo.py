"""The main window on the demo portfolio: scores fill in, sorting, detail pane, about, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from avi_desktop.model.domain import Layer
from avi_desktop.model.results import fmt_date
from avi_desktop.ui import export
from avi_desktop.ui.about import AboutDialog
from avi_desktop.ui.export_dialog import ExportDialog
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.portfolio_model import COL_INDEX
from avi_desktop.ui.settings_dialog import SettingsDialog, run_settings_dialog


@pytest.fixture
def demo_window(window: MainWindow, qtbot: Any) -> MainWindow:
    with qtbot.waitSignal(window.scores_loaded, timeout=60000):
        window.open_default()  # no last portfolio yet: the demo
    return window


def test_default_open_copies_the_demo_and_fills_in_scores(demo_window: MainWindow) -> None:
    store = demo_window.store
    assert store is not None
    assert store.path == demo_window.data_dir / "demo.avip"  # type: ignore[operator]
    model = demo_window.portfolio_view.model
    rows = model.all_rows()
    assert len(rows) >= 10
    scored = [r for r in rows if r.alignment_index is not None]
    assert scored, "the worker filled in alignment indices"
    assert any(r.patterns for r in rows)
    demo_window.portfolio_view.table.sortByColumn(COL_INDEX, Qt.SortOrder.AscendingOrder)
    values = [r.alignment_index for r in model.rows() if r.alignment_index is not None]
    assert values == sorted(values)
    assert model.rows()[-1].alignment_index is None or len(values) == len(rows)


def test_selecting_an_initiative_shows_its_detail(demo_window: MainWindow) -> None:
    model = demo_window.portfolio_view.model
    target = next(r for r in model.all_rows() if r.alignment_index is not None)
    demo_window.portfolio_view.select(target.id)
    detail = demo_window.detail
    assert detail.title.text() == target.name
    assert detail.layers_model.rowCount() == 4
    assert detail.layers_model.text(0, 0) == Layer.TECHNOLOGY.label
    assert f"{target.alignment_index:.1f}" in detail.summary.text()
    detail.ring.draw_now()
    assert detail.ring.canvas is not None
    assert "Ring diagram" in detail.ring.accessibleDescription()


def test_about_view_says_offline_and_shows_the_file(demo_window: MainWindow) -> None:
    assert demo_window.store is not None
    dialog = AboutDialog(demo_window, demo_window.store.path)
    text = dialog.text.text()
    assert "never connects to any network" in text
    assert str(demo_window.store.path) in text
    assert ".backup-" in text


def test_settings_dialog_writes_through_the_store(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    store = demo_window.store
    assert store is not None
    dialog = SettingsDialog(store, demo_window)
    qtbot.addWidget(dialog)
    before = dialog.values.count()
    dialog.organisation.setText("Harbourline Mutual plc")
    dialog.classification.setText("BOARD ONLY")
    dialog.targets[Layer.TRUST].setValue(80.0)
    # The demo's assessments were scored against 75: keep them so (tests/ui/test_targets.py).
    from avi_desktop.ui import target_change

    monkeypatch.setattr(target_change, "ask", lambda *_a: target_change.KEEP)
    assert not dialog.edit_button.isEnabled()  # nothing chosen to edit yet
    monkeypatch.setattr(dialog, "_ask_value", lambda *a: ("Explainability", "Say why."))
    dialog.add_value()
    assert dialog.values.count() == before + 1
    assert dialog.values.currentItem().text() == "Explainability"  # the new value is chosen
    assert dialog.edit_button.isEnabled()
    dialog.accept()
    settings = store.settings()
    assert settings.organisation == "Harbourline Mutual plc"
    assert settings.classification == "BOARD ONLY"
    assert settings.targets[Layer.TRUST] == 80.0
    assert "Explainability" in [v.name for v in store.stated_values()]

    # Editing a value renames it in place; a clash with another value is explained, not lost.
    dialog = SettingsDialog(store, demo_window)
    qtbot.addWidget(dialog)
    item = next(
        dialog.values.item(n)
        for n in range(dialog.values.count())
        if dialog.values.item(n).text() == "Explainability"
    )
    monkeypatch.setattr(dialog, "_ask_value", lambda *a: ("Explain every decision", "Always."))
    dialog.edit_value(item)
    names = [v.name for v in store.stated_values()]
    assert "Explain every decision" in names and "Explainability" not in names
    assert dialog.values.currentItem().text() == "Explain every decision"
    assert dialog.values.currentItem().toolTip() == "Always."
    other = next(n for n in names if n != "Explain every decision")
    monkeypatch.setattr(dialog, "_ask_value", lambda *a: (other, ""))
    renamed = next(
        dialog.values.item(n)
        for n in range(dialog.values.count())
        if dialog.values.item(n).text() == "Explain every decision"
    )
    dialog.edit_value(renamed)
    assert "already exists" in dialog.error.text()
    assert "Explain every decision" in [v.name for v in store.stated_values()]


def test_export_briefing_runs_in_a_worker_and_writes_a_pdf(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, tmp_path: Path
) -> None:
    out = tmp_path / "brief.pdf"
    monkeypatch.setattr(export, "show_dialog", lambda d: (d.set_target(out), True)[1])
    model = demo_window.portfolio_view.model
    demo_window.portfolio_view.select(
        next(r.id for r in model.all_rows() if r.alignment_index is not None)
    )
    with qtbot.waitSignal(demo_window.exports.finished, timeout=60000) as signal:
        demo_window.acts.export_brief.trigger()
    assert signal.args == [str(out)]
    assert out.read_bytes().startswith(b"%PDF")


def test_export_to_an_unwritable_place_gives_a_message(
    demo_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
    tmp_path: Path,
    answers: list[str],
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    # The dialog refuses a folder that does not exist; the folder can vanish before the write.
    monkeypatch.setattr(
        export, "show_dialog", lambda d: (d.set_target(tmp_path / "paper.pdf"), True)[1]
    )
    monkeypatch.setattr(ExportDialog, "target", lambda _d: blocker / "paper.pdf")
    with qtbot.waitSignal(demo_window.exports.finished, timeout=60000) as signal:
        demo_window.acts.export_paper.trigger()
    assert signal.args == [""]
    assert answers, "a message was shown"
    assert "Traceback" not in answers[-1]


def test_export_answers_and_portfolio_csv(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, tmp_path: Path
) -> None:
    model = demo_window.portfolio_view.model
    demo_window.portfolio_view.select(
        next(r.id for r in model.all_rows() if r.alignment_index is not None)
    )
    answers_csv, portfolio_csv = tmp_path / "answers.csv", tmp_path / "portfolio.csv"
    monkeypatch.setattr(export, "choose_save_path", lambda *a: answers_csv)
    with qtbot.waitSignal(demo_window.exports.finished, timeout=60000):
        demo_window.acts.export_answers.trigger()
    lines = answers_csv.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("assessment_id,")
    assert len(lines) >= 41  # header + 40 items per respondent
    monkeypatch.setattr(export, "choose_save_path", lambda *a: portfolio_csv)
    with qtbot.waitSignal(demo_window.exports.finished, timeout=60000):
        demo_window.acts.export_portfolio_csv.trigger()
    rows = portfolio_csv.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == len(model.all_rows()) + 1


def test_history_shows_the_trend_of_an_initiative_assessed_twice(demo_window: MainWindow) -> None:
    store = demo_window.store
    assert store is not None
    twice = next(i for i in store.initiative_ids() if len(store.assessment_ids(i)) >= 2)
    demo_window.portfolio_view.select(twice)
    detail = demo_window.detail
    assert detail.history_model.rowCount() >= 2
    assert detail.history_model.text(1, 3).startswith(("+", "-"))  # change since the first
    assert not detail.trend.isHidden()
    detail.trend.draw_now()
    assert detail.trend.canvas is not None
    # Dates read as a director writes them, never as ISO keys.
    initiative = store.get_initiative(twice)
    first = min(a.assessed_on for a in initiative.assessments)
    assert detail.history_model.text(0, 0) == fmt_date(first, short=True)
    assert f"since {fmt_date(initiative.stage_since)}" in detail.facts.text()
    assert initiative.stage_since.isoformat() not in detail.facts.text()


def test_the_detail_never_shows_a_raw_key_to_the_reader(demo_window: MainWindow) -> None:
    """Stages, imperatives and action statuses read as words, not as enum values."""
    detail = demo_window.detail
    statuses: set[str] = set()
    for row in demo_window.portfolio_view.model.all_rows():
        demo_window.portfolio_view.select(row.id)
        for model in (detail.layers_model, detail.actions_model, detail.history_model):
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    text = model.text(r, c)
                    assert "_" not in text, text
        statuses |= {
            detail.actions_model.text(r, 4) for r in range(detail.actions_model.rowCount())
        }
        assert "_" not in detail.facts.text()
    assert statuses and statuses <= {"Open", "In progress", "Done", "Dropped"}


def test_the_detail_pane_withholds_small_groups_as_the_briefings_do(
    demo_window: MainWindow,
) -> None:
    """The demo's workshop has one or two people per group: none of their figures show."""
    store = demo_window.store
    assert store is not None
    fraud = next(r for r in demo_window.portfolio_view.model.all_rows() if "Fraud" in r.name)
    demo_window.portfolio_view.select(fraud.id)
    shown = demo_window.detail.patterns.text()
    assert "Value Fragmentation" in shown  # on the agreement over everyone's answers
    assert "Agreement on what value means" in shown
    # No group is shown, so there is no spread between shown groups to cite, not even redacted.
    assert "Spread between groups" not in shown
    assert "not shown" not in shown
    store.update_settings(min_group_size=1)  # protection off: the spread is shown again
    demo_window.show_initiative(fraud.id)
    assert "Spread between groups on what value means: <b>" in demo_window.detail.patterns.text()
    assert "not shown" not in demo_window.detail.patterns.text()


def test_the_detail_shows_the_necessity_timing_and_a_contradiction_to_correct(
    demo_window: MainWindow,
) -> None:
    rows = {row.name: row.id for row in demo_window.portfolio_view.model.all_rows()}
    detail = demo_window.detail
    demo_window.portfolio_view.select(rows["CV screening for contact-centre hiring"])
    assert "Made after the technology had been chosen" in detail.necessity.text()
    demo_window.portfolio_view.select(rows["Claims triage assistant"])
    assert "Made before the technology decision" in detail.necessity.text()
    demo_window.portfolio_view.select(rows["Dynamic pricing optimisation"])
    assert "Correct the record" in detail.recommendations.text()


def test_the_portfolio_currency_is_set_in_settings_and_undone(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    """An investment whose KPI names no currency is shown in the portfolio's."""
    store = demo_window.store
    assert store is not None
    triage = next(
        i for i in store.initiative_ids() if store.get_initiative(i).name.startswith("Claims tri")
    )
    demo_window.portfolio_view.select(triage)
    qtbot.waitUntil(lambda: "Investment to date" in demo_window.detail.facts.text())
    assert "GBP 640,000" in demo_window.detail.facts.text()  # the demo's currency

    dialog = SettingsDialog(store, demo_window)
    qtbot.addWidget(dialog)
    assert dialog.currency.text() == "GBP"
    dialog.currency.setText("pounds")
    assert not dialog.save()  # refused, said why, nothing written
    assert "three-letter code" in dialog.error.text()
    assert store.settings().currency == "GBP"
    dialog.reject()

    def fill(self: SettingsDialog) -> int:
        self.currency.setText("eur")
        self.accept()
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    run_settings_dialog(demo_window)  # as Edit > Portfolio settings runs it
    assert store.settings().currency == "EUR"
    qtbot.waitUntil(lambda: "EUR 640,000" in demo_window.detail.facts.text())
    demo_window.undo_stack.undo()
    assert store.settings().currency == "GBP"
    qtbot.waitUntil(lambda: "GBP 640,000" in demo_window.detail.facts.text(), timeout=20000)
