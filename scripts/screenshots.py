"""Render each main screen of the demo portfolio to PNG files in screenshots/.

Runs headless (QT_QPA_PLATFORM=offscreen) on a fresh copy of the demo portfolio, so the user's
own files and preferences are never touched. Scrolling panes are also rendered whole
(``…-full.png``), so what sits below the fold can be reviewed too.
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable
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


def _decision_screens(
    window: Any, save: Callable[..., None], save_whole: Callable[..., None]
) -> None:
    """The decision log in the detail pane, the decision editor, stated values, values audit."""
    from avi_desktop.ui.decision_editor import DecisionEditor, fields_of
    from avi_desktop.ui.values_audit_view import ValuesAuditView
    from avi_desktop.ui.values_dialog import ValuesDialog

    store = window.store
    decision = max(store.decisions(), key=lambda d: (len(d.stances), d.decided_on))
    window.portfolio_view.select(decision.initiative_id)
    window.detail.ensureWidgetVisible(window.detail.decisions)
    save(window, "main-window-decision-log")
    editor = DecisionEditor(window, store.stated_values(), fields_of(decision), editing=True)
    save(editor, "decision-editor")
    editor.close()
    values = ValuesDialog(window)
    save(values, "stated-values")
    values.close()
    audit = ValuesAuditView(window)
    aspirational = [r for r, v in enumerate(audit.audit.values) if v.status.value == "aspirational"]
    audit.values_view.selectRow(aspirational[0] if aspirational else 0)
    save(audit, "values-audit")
    audit.tabs.setCurrentIndex(2)
    save(audit, "values-audit-over-time")
    audit.close()
    del save_whole  # every screen here fits its window


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
    shots = itertools.count(1)

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
        _decision_screens(window, save, save_whole)

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
        chart_screens(app, window, save, save_whole)
        value_screens(app, window, save)
        _workshop_screens(save, window, chosen.id, work)
        _workshop_window_screens(app, save, window, chosen.id, work)
        window.close()
        opening_screen(work, f"{next(shots):02d}-opening-rows-take-input")
    return 0


def opening_screen(work: Path, name: str) -> None:
    """The demo's rows taking input while its store opens (``ui.opening``): the selected row's
    own figures under "Opening the portfolio…"; grabbed on the open's first turn."""
    from avi_desktop.ui.main_window import MainWindow
    from avi_desktop.ui.prefs import Preferences

    window = MainWindow(Preferences(work / "opening.ini"), data_dir=work)
    window.resize(1500, 950)
    window.show()

    def grab() -> None:
        window.grab().save(str(OUT / f"{name}.png"))
        print(f"screenshots/{name}.png")

    window.table_usable.connect(grab)
    window.open_path(work / "demo.avip", quiet=True)
    window.close()


def _workshop_screens(save: Any, window: Any, initiative_id: str, work: Path) -> None:
    """Private scoring, participant mode and the paper grid, on a workshop of eight."""
    from avi_desktop.model import packs
    from avi_desktop.model.domain import StakeholderGroup as G
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.participants import Participant, create_workshop
    from avi_desktop.ui.paper_grid import FIRST_ITEM, PaperGridDialog
    from avi_desktop.ui.participant_mode import ParticipantWindow, load_pack
    from avi_desktop.ui.private_scoring import PrivateScoringWindow

    store, instrument = window.store, bundled_instrument()
    groups = (G.BOARDS, G.CEOS, G.CFOS, G.CTOS_CIOS, G.EMPLOYEES, G.EMPLOYEES, G.CUSTOMERS)
    people = [Participant(f"P{n:02d}", g, "Claims") for n, g in enumerate(groups, start=1)]
    workshop_id = create_workshop(
        store, initiative_id, title="Claims workshop", participants=people, instrument=instrument
    )
    scoring = PrivateScoringWindow(store, store.get_assessment(workshop_id), instrument, "2468")
    scoring.resize(1280, 800)
    save(scoring, "private-scoring-hand-over")
    from avi_desktop.ui.leave_code import leave_dialog

    ending = leave_dialog(scoring, "2468", "Every answer given so far is saved.")
    ending.code.setText("1357")
    ending._check()  # a wrong code: the dialog says so and stays
    save(ending, "private-scoring-leave-code")
    ending.close()
    scoring._begin()
    for value in (4, 2, 5):
        scoring.panel.answer(value)
    scoring.panel.back()
    save(scoring, "private-scoring-item")
    for _ in instrument.items()[2:]:
        scoring.panel.forward()
    save(scoring, "private-scoring-review")
    scoring._leaving = True
    scoring.close()

    folder = work / "packs"
    folder.mkdir()
    pack, pack_instrument, target = load_pack(packs.export_packs(store, workshop_id, folder)[1])
    participant = ParticipantWindow(pack, pack_instrument, target)
    participant.resize(1280, 800)
    save(participant, "participant-mode-welcome")
    participant._begin()
    participant.panel.show_item(len(instrument.items()) - 4)  # a statement that allows N/A
    save(participant, "participant-mode-item")
    participant._finished = True
    participant.close()

    grid = PaperGridDialog(store, store.get_assessment(workshop_id), instrument.items(), window)
    for row in range(3):
        for column in range(FIRST_ITEM, FIRST_ITEM + 25 - row * 7):
            grid.model.put(row, column, 1 + (row + column) % 5)
    grid.table.setCurrentIndex(grid.model.index(2, FIRST_ITEM + 11))
    save(grid, "paper-grid")
    grid.model.cells = [dict(c) for c in grid.model.stored]
    grid.close()


def _workshop_window_screens(
    app: QApplication, save: Any, window: Any, initiative_id: str, work: Path
) -> None:
    """Set-up, import result, each step of the projector reveal, and the closed marker."""
    import random

    from PySide6.QtWidgets import QMessageBox

    from avi_desktop.model.domain import StakeholderGroup
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.packs import export_packs, fill_pack, read_pack, write_pack
    from avi_desktop.model.participants import Participant, create_workshop
    from avi_desktop.ui import response_import, reveal, workshop_flow
    from avi_desktop.ui.workshop_setup import WorkshopSetupDialog

    store = window.store
    window.portfolio_view.select(initiative_id)
    affected = [*(store.get_initiative(initiative_id).affected_groups or []), "regulators"]
    people = [
        Participant("P01", StakeholderGroup.EMPLOYEES, "Claims handler"),
        Participant("P02", StakeholderGroup.EMPLOYEES, "Team lead"),
        Participant("P03", StakeholderGroup.EMPLOYEES, "Claims handler"),
        Participant("P04", StakeholderGroup.CFOS, "Finance director"),
        Participant("P05", StakeholderGroup.CFOS, "Controller"),
        Participant("P06", StakeholderGroup.CFOS, "FP&A lead"),
        Participant("P07", StakeholderGroup.CTOS_CIOS, "Head of data"),
        Participant("P08", StakeholderGroup.CTOS_CIOS, "Architect"),
    ]
    setup = WorkshopSetupDialog(window.selected().name, affected, window)
    setup.add(people)
    setup.name.setText("P09")
    save(setup, "workshop-setup")
    bad = work / "participants.csv"
    bad.write_text("name,role,stakeholder_group\nP10,,boards\nP11,,shareholders\n", "utf-8")
    setup.add_csv(bad)
    save(setup, "workshop-setup-csv-error")
    setup.close()

    workshop = create_workshop(
        store, initiative_id, title="Leadership offsite", participants=people,
        instrument=bundled_instrument(),
    )  # fmt: skip
    window.changed(initiative_id)
    _settle(app, 1.0)
    folder = work / "workshop-packs"
    folder.mkdir()
    paths = export_packs(store, workshop, folder)
    rng = random.Random(12)
    leaning = {"employees": -1, "cfos": 1, "ctos_cios": 0}
    for path, person in zip(paths, people, strict=True):
        lean = leaning[person.group.value]
        answers: dict[str, int | None] = {}
        for item in bundled_instrument().items():
            split = item.id in ("LA-02", "OC-03", "ST-01")
            value = 3 + (2 * lean if split else lean) + rng.choice((-1, 0, 0, 1))
            answers[item.id] = max(1, min(5, value))
        write_pack(path, fill_pack(read_pack(path), answers))
    broken = folder / "p09-from-the-usb-stick.json"
    broken.write_text(paths[0].read_text("utf-8")[:400], "utf-8")
    run = response_import.import_responses(window, [*paths, broken])
    done: list[bool] = []
    assert run is not None
    run.finished.connect(lambda _r: done.append(True))
    _wait(app, done)
    assert run.result_dialog is not None
    save(run.result_dialog, "workshop-import-result")
    run.result_dialog.close()

    view = reveal.show_reveal(window, full_screen=False)
    assert view is not None
    view.resize(1280, 720)
    _settle(app, 0.3)
    view.chart.draw_now()
    save(view, "workshop-reveal-ring")
    view.step(1)
    save(view, "workshop-reveal-items")
    view.toggle_individual()
    save(view, "workshop-reveal-items-with-answers")
    view.step(1)
    view.chart.draw_now()
    save(view, "workshop-reveal-individual-scores")
    view.step(1)
    save(view, "workshop-reveal-groups")
    view.close()

    loaded: list[bool] = []
    window.rows_loaded.connect(lambda: loaded.append(True))
    ask = QMessageBox.question  # a screenshot run cannot click: answer Yes to "Close?"
    yes = QMessageBox.StandardButton.Yes
    QMessageBox.question = lambda *_a, **_k: yes  # type: ignore[method-assign,assignment]
    try:
        workshop_flow.close_workshop(window)
    finally:
        QMessageBox.question = ask  # type: ignore[method-assign]
    _wait(app, loaded)
    window.detail.verticalScrollBar().setValue(0)
    window.detail.ring.draw_now()
    save(window, "main-window-workshop-closed")


def value_screens(app: QApplication, window: Any, save: Any) -> None:
    """Realised value in the initiative dialog and the detail pane; the portfolio overview."""
    from avi_desktop.ui.initiative_dialog import InitiativeDialog
    from avi_desktop.ui.portfolio_overview import show_portfolio_overview
    from avi_desktop.ui.undo import snapshot

    store = window.store
    claims = next(r for r in window.portfolio_view.model.all_rows() if "Claims triage" in r.name)
    store.update_initiative(
        claims.id,
        kpi_actuals=[{"date": "2026-03-31", "value": 8.5}, {"date": "2026-06-30", "value": 6}],
        success_criteria={"employees": "Adjusters spend less time re-keying claims"},
    )
    dialog = InitiativeDialog(window, snapshot(store.get_initiative(claims.id)))
    dialog.resize(1000, 900)
    dialog.form_scroll.ensureWidgetVisible(dialog.kpi_actuals)
    save(dialog, "initiative-kpi-actuals")
    dialog.form_scroll.ensureWidgetVisible(dialog.criteria["communities"])
    save(dialog, "initiative-success-criteria")
    dialog.close()
    window.portfolio_view.select(claims.id)
    window.pane.show_initiative(claims.id)
    _settle(app, 0.5)
    save(window.detail, "detail-realised-value-and-groups")
    overview = show_portfolio_overview(window, window.jobs)
    deadline = time.monotonic() + 60
    while overview.picture is None and time.monotonic() < deadline:
        _settle(app, 0.05)
    overview.resize(1100, 1000)
    save(overview, "portfolio-overview")
    overview.body.verticalScrollBar().setValue(overview.body.verticalScrollBar().maximum())
    save(overview, "portfolio-overview-end")
    overview.close()
    from avi_desktop.model.domain import Layer
    from avi_desktop.ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(store, window)
    settings.targets[Layer.TRUST].setValue(80.0)
    save(settings, "settings-target-reach")
    settings.close()


def each_initiative_screens(out: Path) -> list[Path]:
    """The window at its first-run size with each demo initiative selected in turn.

    One PNG of the window (the pane from its top, as a director first sees it) and one of the
    whole detail pane per initiative, so every section can be read as it is laid out.
    """
    from avi_desktop.ui.app import make_application
    from avi_desktop.ui.main_window import MainWindow
    from avi_desktop.ui.prefs import Preferences

    app = make_application([])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        window = MainWindow(Preferences(work / "prefs.ini"), data_dir=work)
        window.resize(1200, 652)  # what the first run picks on a 1366 x 768 screen
        window.show()
        rows: list[bool] = []
        done: list[bool] = []
        window.rows_loaded.connect(lambda: rows.append(True))
        window.scores_loaded.connect(lambda: done.append(True))
        window.open_default()
        _wait(app, rows)
        _wait(app, done)
        for number, row in enumerate(window.portfolio_view.model.all_rows(), start=1):
            window.portfolio_view.select(row.id)
            _settle(app, 0.4)
            window.detail.ring.draw_now()
            window.detail.trend.draw_now()
            _settle(app, 0.2)
            slug = "".join(c if c.isalnum() else "-" for c in row.name.lower())
            for name, widget in (("window", window), ("pane", window.detail.widget())):
                path = out / f"{number:02d}-{slug}-{name}.png"
                widget.grab().save(str(path))
                written.append(path)
        window.close()
    return written


def chart_screens(app: QApplication, window: Any, save: Any, save_whole: Any) -> None:
    """The window's charts at the first-run size (every scored demo initiative, the pane
    whole), on a small screen at 2x (683 x 384 logical), with a doubled font, and the
    wizard's results and the reveal on the small screen."""
    from PySide6.QtGui import QFont

    from avi_desktop.ui.reveal import RevealView

    scored = [r for r in window.portfolio_view.model.all_rows() if r.alignment_index]

    def pane(name: str, row: Any) -> None:
        window.portfolio_view.select(row.id)
        _settle(app, 0.2)
        window.detail.ring.draw_now()
        window.detail.trend.draw_now()
        _settle(app, 0.3)
        save(window, name)
        save_whole(window.detail, f"{name}-pane-full")

    window.resize(1200, 652)  # the first run on a 1366 x 768 screen
    for number, row in enumerate(window.portfolio_view.model.all_rows(), start=1):
        pane(f"charts-first-run-{number:02d}", row)
    window.resize(683, 384)  # the same screen at a 2x scale factor
    for row in scored[:2]:
        pane("charts-small-screen", row)
    before = QApplication.font()
    doubled = QFont(before)
    doubled.setPointSizeF(before.pointSizeF() * 2)
    QApplication.setFont(doubled)
    window.resize(1200, 652)
    pane("charts-doubled-font", scored[0])
    QApplication.setFont(before)
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.overview import initiative_overview

    result = initiative_overview(window.store, scored[0].id).latest
    reveal = RevealView(result, bundled_instrument(), 3, scored[0].name)
    reveal.resize(683, 384)
    reveal.toggle_individual()  # the answers step too
    for _ in reveal.slides:
        if reveal.slide.kind in ("ring", "answers"):
            reveal.chart.draw_now()
            save(reveal, f"charts-reveal-{reveal.slide.kind}")
            save_whole(reveal.chart_area, f"charts-reveal-{reveal.slide.kind}-full")
        reveal.step(1)
    reveal.close()


def charts_only() -> int:
    """Only the chart screens (``--charts``): quicker while working on the charts."""
    from avi_desktop.ui.app import make_application
    from avi_desktop.ui.main_window import MainWindow
    from avi_desktop.ui.prefs import Preferences

    app = make_application([])
    OUT.mkdir(exist_ok=True)
    shots = itertools.count(1)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        window = MainWindow(Preferences(work / "prefs.ini"), data_dir=work)
        window.resize(1200, 652)
        window.show()
        done: list[bool] = []
        window.scores_loaded.connect(lambda: done.append(True))
        window.open_default()
        _wait(app, done)
        chart_screens(
            app,
            window,
            lambda w, name: _save(app, w, f"c{next(shots):02d}-{name}"),
            lambda s, name: _save_whole(app, s, f"c{next(shots):02d}-{name}"),
        )
        window.close()
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--each-initiative"]:
        for shot in each_initiative_screens(OUT / "each-initiative"):
            print(shot.relative_to(ROOT))
        sys.exit(0)
    sys.exit(charts_only() if "--charts" in sys.argv else main())
