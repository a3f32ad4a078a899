"""Render each main screen of the demo portfolio to PNG files in screenshots/.

Runs headless (QT_QPA_PLATFORM=offscreen) on a fresh copy of the demo portfolio, so the user's
own files and preferences are never touched. Scrolling panes are also rendered whole
(``…-full.png``), so what sits below the fold can be reviewed too.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QScrollArea, QWidget  # noqa: E402

OUT = ROOT / "screenshots"


def _settle(app: QApplication, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _save(app: QApplication, widget: QWidget, name: str) -> None:
    widget.show()
    _settle(app)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(f"screenshots/{name}.png")


def _save_whole(app: QApplication, scroll: QScrollArea, name: str) -> None:
    """The scroll area's whole content, not only the part in view."""
    _settle(app, 0.2)
    body = scroll.widget()
    body.grab().save(str(OUT / f"{name}.png"))
    print(f"screenshots/{name}.png")


def _wait(app: QApplication, flag: list[bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not flag and time.monotonic() < deadline:
        _settle(app, 0.05)


def window_screens(save: Any, window: Any, work: Path) -> None:
    """The export dialog, the guide, and the window at its first-run size on a laptop."""
    from avi_desktop.ui.export import export_context
    from avi_desktop.ui.export_dialog import ExportDialog, PdfKind
    from avi_desktop.ui.help import GuideDialog

    store = window.store
    chosen = window.selected()
    dialog = ExportDialog(export_context(store, chosen.id), PdfKind.BRIEFING, work, window)
    dialog.recipients.setPlainText("Chair of the Board\nChief Risk Officer")
    dialog.prepared_by.setText("Portfolio office")
    dialog.distribution.setText("Board members")
    save(dialog, "export-dialog")
    dialog.close()
    guide = GuideDialog(window)
    save(guide, "guide")
    guide.close()
    window.resize(1200, 652)  # what the first run picks on a 1366 x 768 screen
    window.splitter.setSizes([600, 600])
    window.detail.ring.draw_now()
    save(window, "main-window-first-run-size")


def main() -> int:
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.necessity import load_necessity_instrument
    from avi_desktop.model.overview import initiative_overview
    from avi_desktop.ui import session
    from avi_desktop.ui.about import AboutDialog
    from avi_desktop.ui.action_editor import ActionEditor, from_recommendation
    from avi_desktop.ui.app import make_application
    from avi_desktop.ui.assessment_wizard import AssessmentWizard
    from avi_desktop.ui.initiative_dialog import InitiativeDialog
    from avi_desktop.ui.main_window import MainWindow
    from avi_desktop.ui.necessity_wizard import NecessityWizard
    from avi_desktop.ui.new_portfolio_dialog import NewPortfolioDialog
    from avi_desktop.ui.portfolio_model import OVERDUE
    from avi_desktop.ui.prefs import Preferences
    from avi_desktop.ui.settings_dialog import SettingsDialog
    from avi_desktop.ui.undo import snapshot

    app = make_application([])
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    shots = iter(range(1, 100))

    def save(widget: QWidget, name: str) -> None:
        _save(app, widget, f"{next(shots):02d}-{name}")

    def save_whole(scroll: QScrollArea, name: str) -> None:
        _save_whole(app, scroll, f"{next(shots):02d}-{name}")

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        start = MainWindow(Preferences(work / "start.ini"), data_dir=work)
        start.resize(1100, 700)
        save(start, "start-page")
        start.close()

        new = NewPortfolioDialog(None, work)
        new.passphrase.setText("secret")
        new.confirm.setText("secrets")
        new.accept()  # shows the mismatch message
        save(new, "new-portfolio-dialog-error")
        new.close()

        empty = MainWindow(Preferences(work / "empty.ini"), data_dir=work)
        empty.resize(1500, 950)
        empty.show()
        loaded: list[bool] = []
        empty.rows_loaded.connect(lambda: loaded.append(True))
        empty.set_store(session.create_portfolio(work / "new.avip", None, "Northwind"))
        _wait(app, loaded)
        save(empty, "main-window-empty-portfolio")
        empty.close()

        window = MainWindow(Preferences(work / "prefs.ini"), data_dir=work)
        window.resize(1500, 950)
        window.show()
        rows: list[bool] = []
        done: list[bool] = []
        window.rows_loaded.connect(lambda: rows.append(True))
        window.scores_loaded.connect(lambda: done.append(True))
        window.open_default()
        # At once, before the row worker reports: the state a large portfolio shows for a while.
        name = f"{next(shots):02d}-main-window-loading"
        window.grab().save(str(OUT / f"{name}.png"))
        print(f"screenshots/{name}.png")
        _wait(app, rows)
        _wait(app, done)
        store = window.store
        assert store is not None
        model = window.portfolio_view.model
        chosen = min(
            (r for r in model.all_rows() if r.alignment_index is not None and r.patterns),
            key=lambda r: r.alignment_index or 0.0,
        )
        window.portfolio_view.select(chosen.id)
        window.detail.ring.draw_now()
        save(window, "main-window")
        save_whole(window.detail, "detail-pane-full")
        twice = next((i for i in store.initiative_ids() if len(store.assessment_ids(i)) >= 2), None)
        if twice is not None:
            window.portfolio_view.select(twice)
            window.detail.ring.draw_now()
            window.detail.trend.draw_now()
            save_whole(window.detail, "detail-pane-with-history-full")
        unscored = next((r for r in model.all_rows() if r.alignment_index is None), None)
        if unscored is not None:
            window.portfolio_view.select(unscored.id)
            save(window, "main-window-unassessed")
        window.portfolio_view.search.setText("claims")
        save(window, "main-window-search")
        window.portfolio_view.search.setText("no such initiative")
        save(window, "main-window-no-match")
        window.portfolio_view.search.clear()

        # Follow-up actions: an initiative with an overdue action, and the table filtered for it.
        late = next((r for r in model.all_rows() if r.overdue_actions), None)
        if late is None:  # the demo's dates have not passed yet: record one that has
            store.add_action(
                chosen.id, imperative="define_value", title="Name the KPI owner",
                owner="Head of Claims", due_on=date.today() - timedelta(days=14),
            )  # fmt: skip
            rows.clear()
            window.reload_table(chosen.id)
            _wait(app, rows)
            late = next(r for r in model.all_rows() if r.overdue_actions)
        view = window.portfolio_view
        view.follow_up.setCurrentIndex(view.follow_up.findData(OVERDUE))
        view.select(late.id)
        _settle(app, 0.3)
        window.detail.ensureWidgetVisible(window.detail.actions_view)
        save(window, "main-window-overdue-actions")
        save_whole(window.detail, "detail-pane-overdue-actions-full")
        view.clear_filters()
        window.portfolio_view.select(chosen.id)
        overview = initiative_overview(store, chosen.id)
        recs = overview.recommendations
        initial = from_recommendation(recs[0]) if recs else {}
        editor = ActionEditor(window, initial)
        editor.owner.setText("Head of Claims")
        save(editor, "action-editor")
        editor.close()

        # A second window on the same preferences: the start page lists the recent portfolios.
        recent = MainWindow(Preferences(work / "prefs.ini"), data_dir=work)
        recent.resize(1100, 700)
        save(recent, "start-page-recent")
        recent.close()

        dialog = InitiativeDialog(window, snapshot(store.get_initiative(chosen.id)))
        save(dialog, "initiative-editor")
        dialog.close()
        bad = InitiativeDialog(window)
        bad.kpi_baseline.setText("twelve")
        bad.validate()
        save(bad, "initiative-editor-errors")
        bad.close()

        necessity = NecessityWizard(store, chosen.id, load_necessity_instrument(), window)
        save(necessity, "necessity-step-1")
        first = necessity.section_pages[0]
        for widget in first.questions:
            if widget.question.id == "problem_defined":
                widget.set_value(False)
        save(necessity, "necessity-step-1-knockout")
        for number, _ in enumerate(necessity.section_pages[1:], start=2):
            necessity.next()
            save(necessity, f"necessity-step-{number}")
        necessity.next()
        save(necessity, "necessity-outcome")
        necessity.close()

        instrument = bundled_instrument()
        wizard = AssessmentWizard(store, chosen.id, chosen.name, instrument, window)
        wizard.show()
        wizard.intro.respondent.setText("Screenshot respondent")
        save(wizard, "assessment-intro")
        wizard.next()
        save(wizard, "assessment-layer-unanswered")
        for number, page in enumerate(wizard.layer_pages):
            for index, item in enumerate(page.items):
                item.set_answer(1 + (index + number * 2) % 5)
        save(wizard, "assessment-layer-answered")
        for _ in wizard.layer_pages:
            wizard.next()
        wizard.results.ring.draw_now()
        save(wizard, "assessment-results")
        scroll = wizard.results.findChild(QScrollArea)
        if scroll is not None:
            save_whole(scroll, "assessment-results-full")
        wizard.close()

        settings = SettingsDialog(store, window)
        save(settings, "settings")
        settings.close()
        about = AboutDialog(window, store.path)
        save(about, "about-and-privacy")
        about.close()
        window_screens(save, window, work)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
