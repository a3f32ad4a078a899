"""Start-up choices, workers, and accessibility: every control has a name a screen reader reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from avi_desktop.model.errors import ExportError
from avi_desktop.ui.initiative_dialog import InitiativeDialog
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.prefs import Preferences
from avi_desktop.ui.workers import Worker
from tests.ui.conftest import open_and_wait

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit, QAbstractSpinBox,
            QAbstractItemView)  # fmt: skip


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls with neither an accessible name nor visible text of their own."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.parent() is None:
            continue
        if type(widget).__name__.startswith("Q") and widget.objectName().startswith("qt_"):
            continue  # Qt's own internals (scroll bar buttons, spin box line edits, ...)
        parent = widget.parent()
        if isinstance(widget, QHeaderView) or isinstance(parent and parent.parent(), QComboBox):
            continue  # headers read the model's header data; combo popups read their items
        if isinstance(widget, QAbstractButton) and isinstance(widget.parent(), QLineEdit):
            continue  # a line edit's own clear button
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QAbstractSpinBox | QComboBox
        ):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text.replace("&", "").strip()):
            missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


def _mnemonic(text: str) -> str:
    """The Alt+letter a label or button claims ("&&" is a literal ampersand)."""
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].casefold() if at >= 0 else ""


def mnemonic_clashes(root: QWidget, extra: tuple[str, ...] = ()) -> list[str]:
    """Alt+letter keys claimed twice among the visible controls of one window.

    With a clash Qt only moves the focus between the two, so the key no longer acts. The
    questionnaire's anchors (Alt+1 … Alt+5, Alt+A for not applicable) repeat in every item on
    purpose, moving from statement to statement; they must not take a key used elsewhere.
    """
    from avi_desktop.ui.assessment_pages import ItemWidget

    owners: dict[str, list[str]] = {}
    in_items: set[str] = set()
    texts = [(text, "menu") for text in extra]
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget.parent(), ItemWidget):
            if isinstance(widget, QAbstractButton) and _mnemonic(widget.text()):
                in_items.add(_mnemonic(widget.text()))
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append((widget.text(), type(widget.buddy()).__name__))
        elif isinstance(widget, QAbstractButton):
            texts.append((widget.text(), type(widget).__name__))
    for text, kind in texts:
        key = _mnemonic(text)
        if key:
            owners.setdefault(key, []).append(f"{text.replace('&', '')} ({kind})")
    clashes = [f"Alt+{k}: {', '.join(v)}" for k, v in owners.items() if len(v) > 1]
    clashes += [f"Alt+{k}: a statement's answer and {owners[k][0]}" for k in in_items & set(owners)]
    return clashes


def test_open_default_prefers_the_last_portfolio(
    qtbot: Any, tmp_path: Path, small_portfolio: Path, answers: list[str]
) -> None:
    prefs = Preferences(tmp_path / "prefs.ini")
    prefs.add_recent(small_portfolio)
    window = MainWindow(prefs, data_dir=tmp_path / "appdata")
    qtbot.addWidget(window)
    window.open_default()
    assert window.store is not None and window.store.path == small_portfolio
    assert not (tmp_path / "appdata" / "demo.avip").exists()  # the demo was not needed
    window.close_portfolio()


def test_a_missing_last_portfolio_falls_back_to_the_demo(
    qtbot: Any, tmp_path: Path, answers: list[str]
) -> None:
    prefs = Preferences(tmp_path / "prefs.ini")
    prefs.add_recent(tmp_path / "gone.avip")
    window = MainWindow(prefs, data_dir=tmp_path / "appdata")
    qtbot.addWidget(window)
    window.open_default()
    assert window.store is not None and window.store.path.name == "demo.avip"
    assert (tmp_path / "appdata" / "demo.avip").is_file()
    window.close_portfolio()


def test_main_window_and_editor_controls_are_named(
    window: MainWindow, small_portfolio: Path, qtbot: Any
) -> None:
    assert unnamed_controls(window) == []  # the start page
    open_and_wait(qtbot, window, small_portfolio)
    assert unnamed_controls(window) == []
    dialog = InitiativeDialog(window)
    qtbot.addWidget(dialog)
    assert unnamed_controls(dialog) == []


def test_menus_carry_the_documented_shortcuts(window: MainWindow) -> None:
    shortcuts = {
        "new_initiative": "Ctrl+N",
        "open_portfolio": "Ctrl+O",
        "find": "Ctrl+F",
        "undo": "Ctrl+Z",
        "delete_initiative": "Del",
        "workshop_reveal": "Ctrl+Shift+P",
    }
    for name, key in shortcuts.items():
        action = getattr(window.acts, name)
        assert action.shortcut().toString() == key, name
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.acts.redo.shortcuts()]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&Initiative", "&Assessment", "&Workshop", "&View", "&Help"]


def test_worker_reports_errors_as_messages_and_honours_cancel(qtbot: Any) -> None:
    def failing(_progress: Any) -> None:
        raise ExportError("The folder cannot be written; choose another.")

    worker = Worker(failing)
    with qtbot.waitSignal(worker.signals.failed) as signal:
        worker.run()
    assert signal.args == ["The folder cannot be written; choose another."]

    def long_job(progress: Any) -> int:
        for step in range(1000):
            progress(step, 1000)
        return 1

    worker = Worker(long_job)
    worker.cancel()
    with qtbot.waitSignal(worker.signals.cancelled):
        worker.run()


def test_wizard_and_settings_controls_are_named(qtbot: Any, small_portfolio: Path) -> None:
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.necessity import load_necessity_instrument
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.assessment_wizard import AssessmentWizard
    from avi_desktop.ui.necessity_wizard import NecessityWizard
    from avi_desktop.ui.settings_dialog import SettingsDialog

    with PortfolioStore.open(small_portfolio) as store:
        initiative_id = store.initiative_ids()[0]
        widgets: list[QWidget] = [
            AssessmentWizard(store, initiative_id, "x", bundled_instrument()),
            NecessityWizard(store, initiative_id, load_necessity_instrument()),
            SettingsDialog(store),
        ]
        for widget in widgets:
            qtbot.addWidget(widget)
            assert unnamed_controls(widget) == [], type(widget).__name__


def test_every_other_screen_is_named_and_free_of_mnemonic_clashes(
    window: MainWindow, small_portfolio: Path, tmp_path: Path, qtbot: Any
) -> None:
    """Dialogs, wizard pages and empty states: names for screen readers, Alt keys that act."""
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.necessity import load_necessity_instrument
    from avi_desktop.ui.about import AboutDialog
    from avi_desktop.ui.assessment_wizard import AssessmentWizard
    from avi_desktop.ui.necessity_wizard import NecessityWizard
    from avi_desktop.ui.new_portfolio_dialog import NewPortfolioDialog
    from avi_desktop.ui.settings_dialog import SettingsDialog

    menus = tuple(a.text() for a in window.menuBar().actions())
    window.show()
    assert mnemonic_clashes(window.start_page) == []
    open_and_wait(qtbot, window, small_portfolio)  # unassessed: the detail offers next steps
    assert window.detail.assess_button.isVisible()
    assert unnamed_controls(window) == []
    assert mnemonic_clashes(window, menus) == []
    window.portfolio_view.search.setText("nothing matches this")  # the no-match notice
    assert unnamed_controls(window) == [] and mnemonic_clashes(window, menus) == []

    store = window.store
    assert store is not None
    initiative_id = window.portfolio_view.model.all_rows()[0].id
    dialogs: list[QWidget] = [
        NewPortfolioDialog(window, tmp_path),
        AboutDialog(window, store.path),
        SettingsDialog(store, window),
        InitiativeDialog(window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == [], type(dialog).__name__
        assert mnemonic_clashes(dialog) == [], type(dialog).__name__
        dialog.close()

    necessity = NecessityWizard(store, initiative_id, load_necessity_instrument(), window)
    qtbot.addWidget(necessity)
    necessity.show()
    for _ in range(len(necessity.section_pages) + 1):
        assert mnemonic_clashes(necessity) == [], necessity.currentPage().title()
        assert unnamed_controls(necessity) == [], necessity.currentPage().title()
        necessity.next()
    assert necessity.currentPage() is necessity.outcome
    necessity.close()

    wizard = AssessmentWizard(store, initiative_id, "Claims triage", bundled_instrument(), window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.intro.respondent.setText("Keyboard tester")
    for page in wizard.layer_pages:
        for item in page.items:
            item.set_answer(3)
    while wizard.currentPage() is not wizard.results:
        assert mnemonic_clashes(wizard) == [], wizard.currentPage().title()
        wizard.next()
    assert unnamed_controls(wizard) == [] and mnemonic_clashes(wizard) == []
    wizard.close()


def test_redo_by_keyboard_with_either_key_and_no_key_bound_twice(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence, QUndoCommand

    from avi_desktop.ui.actions import redo_keys

    bound: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            name = key.toString()
            assert name not in bound, f"{name} is bound to {bound.get(name)} and {action.text()}"
            bound[name] = action.text()
    # GNOME's and KDE's own Redo key is Ctrl+Shift+Z: it must still be bound only once.
    monkeypatch.setattr(QKeySequence, "keyBindings", lambda _key: [QKeySequence("Ctrl+Shift+Z")])
    assert [k.toString() for k in redo_keys()] == ["Ctrl+Shift+Z", "Ctrl+Y"]

    done: list[str] = []

    class Note(QUndoCommand):
        def redo(self) -> None:
            done.append("redo")

        def undo(self) -> None:
            done.append("undo")

    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.undo_stack.push(Note("note"))
    modifiers = Qt.KeyboardModifier.ControlModifier
    for redo_key, redo_modifiers in (
        (Qt.Key.Key_Z, modifiers | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Y, modifiers),
    ):
        qtbot.keyClick(window, Qt.Key.Key_Z, modifiers)
        assert window.undo_stack.index() == 0
        qtbot.keyClick(window, redo_key, redo_modifiers)
        assert window.undo_stack.index() == 1
    assert done == ["redo", "undo", "redo", "undo", "redo"]
