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
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.necessity import load_necessity_instrument
from avi_desktop.ui.about import AboutDialog
from avi_desktop.ui.action_editor import ActionEditor
from avi_desktop.ui.assessment_pages import ItemWidget
from avi_desktop.ui.assessment_wizard import AssessmentWizard
from avi_desktop.ui.export import export_context
from avi_desktop.ui.export_dialog import ExportDialog, PdfKind
from avi_desktop.ui.initiative_dialog import InitiativeDialog
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.necessity_wizard import NecessityWizard
from avi_desktop.ui.new_portfolio_dialog import NewPortfolioDialog
from avi_desktop.ui.settings_dialog import SettingsDialog

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
    ]
    for widget in windows:
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
