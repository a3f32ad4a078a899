"""Render each main screen of the demo portfolio to PNG files in screenshots/.

Runs headless (QT_QPA_PLATFORM=offscreen) on a fresh copy of the demo portfolio, so the user's
own files and preferences are never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

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


def main() -> int:
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.necessity import load_necessity_instrument
    from avi_desktop.ui.about import AboutDialog
    from avi_desktop.ui.app import make_application
    from avi_desktop.ui.assessment_wizard import AssessmentWizard
    from avi_desktop.ui.initiative_dialog import InitiativeDialog
    from avi_desktop.ui.main_window import MainWindow
    from avi_desktop.ui.necessity_wizard import NecessityWizard
    from avi_desktop.ui.prefs import Preferences
    from avi_desktop.ui.settings_dialog import SettingsDialog
    from avi_desktop.ui.undo import snapshot

    app = make_application([])
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        start = MainWindow(Preferences(work / "start.ini"), data_dir=work)
        start.resize(1100, 700)
        _save(app, start, "01-start-page")
        start.close()

        window = MainWindow(Preferences(work / "prefs.ini"), data_dir=work)
        window.resize(1500, 950)
        window.show()
        done: list[bool] = []
        window.scores_loaded.connect(lambda: done.append(True))
        window.open_default()
        deadline = time.monotonic() + 60
        while not done and time.monotonic() < deadline:
            _settle(app, 0.05)
        store = window.store
        assert store is not None
        model = window.portfolio_view.model
        chosen = min(
            (r for r in model.all_rows() if r.alignment_index is not None and r.patterns),
            key=lambda r: r.alignment_index or 0.0,
        )
        window.portfolio_view.select(chosen.id)
        window.detail.ring.draw_now()
        _save(app, window, "02-main-window")

        dialog = InitiativeDialog(window, snapshot(store.get_initiative(chosen.id)))
        _save(app, dialog, "03-initiative-editor")
        dialog.close()

        necessity = NecessityWizard(store, chosen.id, load_necessity_instrument(), window)
        _save(app, necessity, "04-necessity-wizard-problem")
        first = necessity.section_pages[0]
        for widget in first.questions:
            if widget.question.id == "problem_defined":
                widget.set_value(False)
        _save(app, necessity, "05-necessity-wizard-knockout")
        for _ in necessity.section_pages:
            necessity.next()
        _save(app, necessity, "06-necessity-wizard-outcome")
        necessity.close()

        instrument = bundled_instrument()
        wizard = AssessmentWizard(store, chosen.id, chosen.name, instrument, window)
        wizard.show()
        wizard.intro.respondent.setText("Screenshot respondent")
        _save(app, wizard, "07-assessment-wizard-intro")
        for number, page in enumerate(wizard.layer_pages):
            for index, item in enumerate(page.items):
                item.set_answer(1 + (index + number * 2) % 5)
        wizard.next()
        _save(app, wizard, "08-assessment-wizard-layer")
        for _ in wizard.layer_pages:
            wizard.next()
        wizard.results.ring.draw_now()
        _save(app, wizard, "09-assessment-wizard-results")
        wizard.close()

        settings = SettingsDialog(store, window)
        _save(app, settings, "10-settings")
        settings.close()
        about = AboutDialog(window, store.path)
        _save(app, about, "11-about")
        about.close()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
