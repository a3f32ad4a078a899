"""The window's actions, menus and toolbar, built in one place so shortcuts never clash.

The window hands over a plain mapping of slots, one per triggered action and named as its field
in ``Actions`` (undo and redo are the stack's own), so this module knows menus and shortcuts and
nothing of the window's state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWhatsThis, QWidget

Slots = Mapping[str, Callable[..., Any]]


@dataclass
class Actions:
    new_portfolio: QAction
    open_portfolio: QAction
    open_demo: QAction
    open_pack: QAction
    close_portfolio: QAction
    export_brief: QAction
    export_paper: QAction
    export_workshop: QAction
    export_questionnaire: QAction
    export_answers: QAction
    export_portfolio_csv: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    settings: QAction
    stated_values: QAction
    values_audit: QAction
    new_initiative: QAction
    edit_initiative: QAction
    delete_initiative: QAction
    necessity: QAction
    assess: QAction
    resume: QAction
    refresh: QAction
    clear_filters: QAction
    portfolio_overview: QAction
    about: QAction
    score_privately: QAction
    paper_answers: QAction
    paper_questionnaires: QAction
    # Workshop (issue 12): set up, import, reveal, close and reopen
    workshop_new: QAction
    workshop_import: QAction
    workshop_reveal: QAction
    workshop_close: QAction
    workshop_reopen: QAction
    guide: QAction
    whats_this: QAction
    recent_menu: QMenu
    toolbar: QToolBar

    def portfolio_actions(self) -> list[QAction]:
        """Actions that need an open portfolio."""
        return [
            self.close_portfolio,
            self.export_brief,
            self.export_paper,
            self.export_workshop,
            self.export_questionnaire,
            self.export_answers,
            self.export_portfolio_csv,
            self.find,
            self.settings,
            self.stated_values,
            self.values_audit,
            self.new_initiative,
            self.edit_initiative,
            self.delete_initiative,
            self.necessity,
            self.assess,
            self.resume,
            self.refresh,
            self.clear_filters,
            *self.workshop_actions(),
            *self.scoring_actions(),
            self.portfolio_overview,
        ]

    def table_actions(self) -> list[QAction]:
        """Actions on the table alone: they work on a file's rows before its store is open."""
        return [self.find, self.clear_filters]

    def open_actions(self) -> list[QAction]:
        """Actions that open another file (or window): none while a file is opening."""
        return [self.new_portfolio, self.open_portfolio, self.open_demo, self.open_pack]

    def while_opening(self, opening: bool, previewed: bool) -> None:
        """Enable what works while a file opens: the table's own actions on its ``previewed``
        rows (before the store is open); nothing that opens another file while ``opening``."""
        if previewed:
            for action in self.table_actions():
                action.setEnabled(True)
        for action in self.open_actions():
            action.setEnabled(not opening)
        self.recent_menu.setEnabled(not opening and bool(self.recent_menu.actions()))

    def workshop_actions(self) -> list[QAction]:
        """The Workshop menu's set-up, import, reveal, close and reopen."""
        return [
            self.workshop_new,
            self.workshop_import,
            self.workshop_reveal,
            self.workshop_close,
            self.workshop_reopen,
        ]

    def scoring_actions(self) -> list[QAction]:
        """Actions on the selected initiative's latest assessment, when it is an open workshop."""
        return [self.score_privately, self.paper_answers, self.paper_questionnaires]

    def selection_actions(self) -> list[QAction]:
        """Actions that need a selected initiative."""
        return [
            self.edit_initiative,
            self.delete_initiative,
            self.necessity,
            self.assess,
            self.resume,
            self.export_brief,
            self.export_workshop,
            self.export_answers,
            *self.workshop_actions(),
        ]

    def write_actions(self) -> list[QAction]:
        """Actions that write to the portfolio: a read-only one refuses them."""
        return [
            self.new_initiative,
            self.edit_initiative,
            self.delete_initiative,
            self.necessity,
            self.assess,
            self.resume,
            self.settings,
            self.score_privately,
            self.paper_answers,
            self.workshop_new,
            self.workshop_import,
            self.workshop_close,
            self.workshop_reopen,
            self.stated_values,
        ]


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Shift+Z and Ctrl+Y on every desktop, then the platform's own, each once.

    A key bound twice (GNOME's and KDE's Redo is Ctrl+Shift+Z already) makes Qt report an
    ambiguous shortcut and do nothing, so duplicates are dropped.
    """
    keys: dict[str, QKeySequence] = {}
    for key in (
        QKeySequence("Ctrl+Shift+Z"),
        QKeySequence("Ctrl+Y"),
        *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
    ):
        keys.setdefault(key.toString(), key)
    return list(keys.values())


def build_actions(w: QWidget, bar: QMenuBar, undo_stack: QUndoStack, slots: Slots) -> Actions:
    """Create every action, wire it to its slot, and fill the menus and the toolbar.

    The window adds the toolbar (``Actions.toolbar``) itself.
    """

    def act(
        text: str,
        name: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, w)
        action.setStatusTip(text.replace("&", "").rstrip("…"))
        if shortcut is not None:
            # setShortcuts, not setShortcut: the latter's overload resolution loads the whole
            # Qt enum namespace (~30 ms), on the path to the first paint.
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slots[name])
        return action

    undo = undo_stack.createUndoAction(w, w.tr("&Undo"))
    undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
    redo = undo_stack.createRedoAction(w, w.tr("&Redo"))
    redo.setShortcuts(redo_keys())
    a = Actions(
        new_portfolio=act(w.tr("&New portfolio…"), "new_portfolio", "Ctrl+Shift+N"),
        open_portfolio=act(
            w.tr("&Open portfolio…"), "open_portfolio", QKeySequence.StandardKey.Open
        ),
        open_demo=act(w.tr("Open the &demo portfolio"), "open_demo"),
        open_pack=act(w.tr("Open response &pack…"), "open_pack"),
        close_portfolio=act(w.tr("&Close portfolio"), "close_portfolio", "Ctrl+W"),
        export_brief=act(w.tr("Initiative &briefing (PDF)…"), "export_brief"),
        export_paper=act(w.tr("Portfolio &committee paper (PDF)…"), "export_paper"),
        export_workshop=act(w.tr("&Workshop summary (PDF)…"), "export_workshop"),
        export_questionnaire=act(w.tr("Blank &questionnaire (PDF)…"), "export_questionnaire"),
        export_answers=act(w.tr("&Answers of the latest assessment (CSV)…"), "export_answers"),
        export_portfolio_csv=act(w.tr("&Portfolio table (CSV)…"), "export_portfolio_csv"),
        quit=act(w.tr("&Quit"), "quit", QKeySequence.StandardKey.Quit),
        undo=undo,
        redo=redo,
        find=act(w.tr("&Find…"), "find", QKeySequence.StandardKey.Find),
        settings=act(w.tr("Portfolio &settings…"), "settings"),
        stated_values=act(w.tr("Stated &values…"), "stated_values"),
        values_audit=act(w.tr("&Values audit…"), "values_audit"),
        new_initiative=act(
            w.tr("&New initiative…"), "new_initiative", QKeySequence.StandardKey.New
        ),
        edit_initiative=act(w.tr("&Edit initiative…"), "edit_initiative", "Ctrl+E"),
        delete_initiative=act(
            w.tr("&Delete initiative…"), "delete_initiative", QKeySequence.StandardKey.Delete
        ),
        necessity=act(w.tr("&Necessity assessment…"), "necessity", "Ctrl+Shift+E"),
        assess=act(w.tr("New &four-layer assessment…"), "assess", "Ctrl+Shift+A"),
        resume=act(w.tr("&Resume draft assessment…"), "resume"),
        refresh=act(w.tr("&Refresh"), "refresh", QKeySequence.StandardKey.Refresh),
        clear_filters=act(w.tr("&Clear filters"), "clear_filters", "Ctrl+Shift+F"),
        portfolio_overview=act(w.tr("&Portfolio overview…"), "portfolio_overview", "Ctrl+Shift+O"),
        about=act(w.tr("&About and privacy"), "about", QKeySequence.StandardKey.HelpContents),
        score_privately=act(w.tr("Score &privately…"), "score_privately"),
        paper_answers=act(w.tr("Enter answers from &paper…"), "paper_answers"),
        paper_questionnaires=act(
            w.tr("Print &questionnaires for the participants (PDF)…"), "paper_questionnaires"
        ),
        workshop_new=act(w.tr("&New workshop…"), "workshop_new"),
        workshop_import=act(w.tr("&Import response packs…"), "workshop_import"),
        workshop_reveal=act(w.tr("Re&veal on the projector"), "workshop_reveal", "Ctrl+Shift+P"),
        workshop_close=act(w.tr("&Close workshop"), "workshop_close"),
        workshop_reopen=act(w.tr("&Reopen workshop…"), "workshop_reopen"),
        guide=act(w.tr("&Guide"), "guide"),
        whats_this=QWhatsThis.createAction(w),  # Shift+F1: what a figure is and how computed
        recent_menu=QMenu(w.tr("Open &recent"), w),
        toolbar=QToolBar(w.tr("Main toolbar"), w),
    )
    file_menu = bar.addMenu(w.tr("&File"))
    file_menu.addActions([a.new_portfolio, a.open_portfolio])
    file_menu.addMenu(a.recent_menu)
    file_menu.addActions([a.open_demo, a.open_pack])
    file_menu.addSeparator()
    export_menu = file_menu.addMenu(w.tr("&Export"))
    export_menu.addActions(
        [
            a.export_brief,
            a.export_paper,
            a.export_workshop,
            a.export_questionnaire,
            a.export_answers,
            a.export_portfolio_csv,
        ]
    )
    file_menu.addSeparator()
    file_menu.addActions([a.close_portfolio, a.quit])
    edit_menu = bar.addMenu(w.tr("&Edit"))
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.find, a.clear_filters])
    edit_menu.addSeparator()
    edit_menu.addActions([a.settings, a.stated_values])
    initiative_menu = bar.addMenu(w.tr("&Initiative"))
    initiative_menu.addActions([a.new_initiative, a.edit_initiative, a.delete_initiative])
    assessment_menu = bar.addMenu(w.tr("&Assessment"))
    assessment_menu.addActions([a.necessity, a.assess, a.resume])
    workshop_menu = bar.addMenu(w.tr("&Workshop"))
    workshop_menu.setObjectName("workshop_menu")
    workshop_menu.addActions([a.workshop_new, a.workshop_import, a.workshop_reveal])
    workshop_menu.addSeparator()
    workshop_menu.addActions(a.scoring_actions())
    workshop_menu.addSeparator()
    workshop_menu.addActions([a.workshop_close, a.workshop_reopen])
    view_menu = bar.addMenu(w.tr("&View"))
    view_menu.addActions([a.portfolio_overview, a.values_audit, a.refresh])
    help_menu = bar.addMenu(w.tr("&Help"))
    help_menu.addActions([a.guide, a.whats_this])
    help_menu.addSeparator()
    help_menu.addAction(a.about)

    toolbar = a.toolbar
    toolbar.setObjectName("main_toolbar")
    toolbar.setAccessibleName(w.tr("Main toolbar"))
    for more in toolbar.findChildren(QWidget, "qt_toolbar_ext_button"):  # "»" when it is narrow
        more.setAccessibleName(w.tr("More toolbar buttons"))
    toolbar.addActions(
        [
            a.open_portfolio,
            a.new_initiative,
            a.edit_initiative,
            a.necessity,
            a.assess,
            a.export_brief,
        ]
    )
    view_menu.addAction(toolbar.toggleViewAction())
    return a
