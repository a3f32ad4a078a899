"""What a screen reader finds: every control named, every content label read as its text.

The walk goes through Qt's accessibility interfaces (what AT-SPI serves to Orca) of the main
window, both wizards and every dialog; it fails on an interactive element without a name, or
a label whose accessible name would replace its text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QWidget,
)

from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.necessity import load_necessity_instrument
from avi_desktop.ui.about import AboutDialog
from avi_desktop.ui.action_editor import ActionEditor
from avi_desktop.ui.assessment_pages import ItemWidget
from avi_desktop.ui.assessment_wizard import AssessmentWizard
from avi_desktop.ui.decision_editor import DecisionEditor
from avi_desktop.ui.export import export_context
from avi_desktop.ui.export_dialog import ExportDialog
from avi_desktop.ui.initiative_dialog import InitiativeDialog
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.necessity_wizard import NecessityWizard
from avi_desktop.ui.new_portfolio_dialog import NewPortfolioDialog
from avi_desktop.ui.pdf_kind import PdfKind
from avi_desktop.ui.settings_dialog import SettingsDialog
from avi_desktop.ui.values_dialog import ValuesDialog
from avi_desktop.ui.workshop_setup import WorkshopSetupDialog

Role = QAccessible.Role
INTERACTIVE = {
    Role.PushButton,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.EditableText,
    Role.SpinBox,
    Role.Table,
    Role.List,
    Role.Tree,
    Role.Slider,
    Role.PageTab,
}


def _walk(iface: QAccessibleInterface, depth: int = 0) -> Iterator[QAccessibleInterface]:
    if iface is None or not iface.isValid() or depth > 40:
        return
    yield iface
    if iface.role() in (Role.Table, Role.List, Role.Tree):
        return  # cells are read from the model, not walked here
    for n in range(iface.childCount()):
        yield from _walk(iface.child(n), depth + 1)


def _problems(root: QWidget, at_least: int = 1) -> list[str]:
    """What a screen reader would miss in ``root`` (which has ``at_least`` controls)."""
    found: list[str] = []
    top = QAccessible.queryAccessibleInterface(root)
    controls = 0
    for iface in _walk(top):
        if iface.state().invisible:
            continue
        controls += iface.role() in INTERACTIVE
        widget = iface.object()
        name = iface.text(QAccessible.Text.Name).strip()
        if iface.role() in INTERACTIVE and not name:
            found.append(f"unnamed {iface.role().name} ({type(widget).__name__})")
        if isinstance(widget, QLabel) and widget.text().strip():
            label_name = widget.accessibleName()
            if label_name and label_name != widget.text():
                found.append(f"label named {label_name!r} hides its text")
    assert controls >= at_least, f"the walk reached only {controls} controls"
    return found


@pytest.fixture
def demo_window(window: MainWindow, qtbot: Any) -> MainWindow:
    window.resize(1200, 652)
    window.show()
    with qtbot.waitSignal(window.scores_loaded, timeout=60000):
        window.open_default()
    return window


def test_the_main_window_reads_whole(demo_window: MainWindow, qtbot: Any) -> None:
    view = demo_window.portfolio_view
    view.select(next(r.id for r in view.model.all_rows() if r.alignment_index))
    assert _problems(demo_window, at_least=15) == []
    # The facts and patterns are read as text, inside a named section.
    facts = QAccessible.queryAccessibleInterface(demo_window.detail.facts)
    assert "Business owner" in facts.text(QAccessible.Text.Name)
    # The table's accessible columns (the model's, in its order) are the visible ones, in the
    # visible order: no section is moved or hidden in the view.
    header = view.table.horizontalHeader()
    assert [header.logicalIndex(v) for v in range(header.count())] == list(
        range(view.model.columnCount())
    )
    assert not any(header.isSectionHidden(c) for c in range(header.count()))
    # Each filter says what it filters through its label.
    for combo in (view.stage, view.band, view.pattern, view.owner, view.follow_up):
        labels = [w for w in view.findChildren(QLabel) if w.buddy() is combo]
        assert labels and labels[0].text().strip("&:")


def test_wizards_and_dialogs_read_whole(
    demo_window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    store = demo_window.store
    assert store is not None
    initiative = store.initiative_ids()[0]
    windows: list[QWidget] = [
        AssessmentWizard(store, initiative, "Claims triage", bundled_instrument()),
        NecessityWizard(store, initiative, load_necessity_instrument()),
        SettingsDialog(store),
        AboutDialog(None, store.path),
        InitiativeDialog(None),
        ActionEditor(None),
        NewPortfolioDialog(None, tmp_path),
        ExportDialog(export_context(store, initiative), PdfKind.BRIEFING, tmp_path),
        DecisionEditor(None, store.stated_values()),
        WorkshopSetupDialog("Claims triage", ["employees", "customers"]),
        ValuesDialog(demo_window),
    ]
    for widget in windows:
        # Dates in forms read as everywhere else in the window: 14 Mar 2026.
        for edit in widget.findChildren(QDateEdit):
            assert edit.displayFormat() == "d MMM yyyy", type(widget).__name__
        qtbot.addWidget(widget)
        widget.show()
        pages = getattr(widget, "pageIds", lambda: [0])()
        for _ in pages:
            assert _problems(widget) == [], type(widget).__name__
            if hasattr(widget, "next"):
                widget.next()
        widget.close()


def test_the_questionnaire_answers_with_number_keys(qtbot: Any) -> None:
    item = bundled_instrument().layers[0].items[0]
    widget = ItemWidget(item, 1)
    qtbot.addWidget(widget)
    widget.show()
    widget.group.button(1).setFocus()
    for key, expected in ((Qt.Key.Key_4, 4), (Qt.Key.Key_2, 2)):
        QApplication.sendEvent(
            widget.group.button(1),
            QKeyEvent(QKeyEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier),
        )
        assert widget.answer() == expected
    if item.allow_na:
        qtbot.keyClick(widget.group.button(2), Qt.Key.Key_N)
        assert widget.answer() == 0
    # "Why it matters" is read as its text.
    helps = [w for w in widget.findChildren(QLabel) if item.help and item.help in w.text()]
    assert helps and not helps[0].accessibleName()


def _tab_stops(window: QWidget, start: QWidget) -> list[QWidget]:
    stops: list[QWidget] = [start]
    widget: Any = start.nextInFocusChain()
    while widget is not start and len(stops) < 2000:
        tabbable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tabbable and widget.isVisible() and widget.isEnabled() and window.isAncestorOf(widget):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def test_every_tab_stop_shows_its_focus_and_none_is_an_unnamed_scroll_area(
    demo_window: MainWindow,
) -> None:
    view = demo_window.portfolio_view
    view.select(next(r.id for r in view.model.all_rows() if r.alignment_index))
    stops = _tab_stops(demo_window, view.search)
    assert len(stops) >= 10
    native = (QLineEdit, QComboBox, QAbstractButton)  # Fusion draws their focus itself
    for stop in stops:
        shows = isinstance(stop, native) or ":focus" in stop.styleSheet()
        assert shows, f"{type(stop).__name__} {stop.accessibleName()!r} shows no focus"
        if isinstance(stop, QAbstractScrollArea) and not isinstance(stop, QAbstractItemView):
            assert stop.accessibleName(), "an unnamed scroll area is a Tab stop"
    # The order follows the screen: the filters, then the table, then the detail pane.
    names = [s.accessibleName() for s in stops]
    assert names.index("Stage filter") < names.index("Portfolio of initiatives")
    assert names.index("Portfolio of initiatives") < names.index("Layer scores")


def test_the_wizard_tabs_to_cancel_after_save_draft(qtbot: Any, demo_window: MainWindow) -> None:
    store = demo_window.store
    assert store is not None
    wizard = AssessmentWizard(store, store.initiative_ids()[0], "Claims", bundled_instrument())
    qtbot.addWidget(wizard)
    wizard.show()
    save = wizard.button(wizard.WizardButton.CustomButton1)
    cancel = wizard.button(wizard.WizardButton.CancelButton)
    back = wizard.button(wizard.WizardButton.BackButton)
    nxt = wizard.button(wizard.WizardButton.NextButton)
    chain: list[Any] = [save]
    widget: Any = save.nextInFocusChain()
    while widget is not save:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    # Left to right on screen, and so by Tab: Save draft, Back, Next, Cancel.
    assert chain.index(save) < chain.index(back) < chain.index(nxt) < chain.index(cancel)
    assert save.x() < back.x() < nxt.x() < cancel.x()


def test_forms_open_with_their_first_field_focused(
    demo_window: MainWindow, qtbot: Any, tmp_path: Path
) -> None:
    store = demo_window.store
    assert store is not None
    initiative = store.initiative_ids()[0]
    forms: list[tuple[QWidget, str]] = [
        (AssessmentWizard(store, initiative, "Claims", bundled_instrument()), "QLineEdit"),
        (NecessityWizard(store, initiative, load_necessity_instrument()), ""),
        (InitiativeDialog(None), "QLineEdit"),
        (ActionEditor(None), "QLineEdit"),
        (SettingsDialog(store), "QLineEdit"),
    ]
    for form, kind in forms:
        qtbot.addWidget(form)
        form.show()
        form.activateWindow()
        # The window's own focus widget: what has the focus whenever the window is active.
        qtbot.waitUntil(lambda f=form: f.focusWidget() is not None, timeout=3000)
        focused = form.focusWidget()
        assert not isinstance(focused, QAbstractScrollArea), type(form).__name__
        if kind:
            assert type(focused).__name__ == kind, type(form).__name__
        form.close()
