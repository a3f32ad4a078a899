"""What each of the window's actions runs: a table from action name to slot.

Each flow lives in its own module and is imported on first use, so the window starts without
loading the wizards, dialogs and exports it may never open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avi_desktop.ui import workshop_flow
from avi_desktop.ui.pdf_kind import PdfKind

if TYPE_CHECKING:
    from avi_desktop.ui.main_window import MainWindow


def slots(w: MainWindow) -> dict[str, Callable[..., Any]]:
    """The slot of every action ``ui.actions`` names."""
    return {
        "new_portfolio": w.new_portfolio,
        "open_portfolio": w.open_dialog,
        "open_demo": w.open_demo,
        "close_portfolio": w.close_portfolio,
        "export_brief": lambda: w.export_pdf(PdfKind.BRIEFING),
        "export_paper": lambda: w.export_pdf(PdfKind.PAPER),
        "export_workshop": lambda: w.export_pdf(PdfKind.WORKSHOP),
        "export_questionnaire": lambda: w.export_pdf(PdfKind.QUESTIONNAIRE),
        "guide": lambda: _show_guide(w),
        "export_answers": lambda: _export_csv(w, "export_answers"),
        "export_portfolio_csv": lambda: _export_csv(w, "export_portfolio_csv"),
        "quit": w.close,
        "find": w.focus_search,
        "settings": lambda: _settings(w),
        "stated_values": lambda: _stated_values(w),
        "values_audit": lambda: _values_audit(w),
        "new_initiative": w.new_initiative,
        "edit_initiative": w.edit_initiative,
        "delete_initiative": w.delete_initiative,
        "necessity": lambda: _necessity(w),
        "assess": w.run_assessment,
        "resume": lambda: _resume(w),
        "refresh": w.refresh,
        "clear_filters": w.clear_filters,
        "about": lambda: _about(w),
        "open_pack": lambda: _open_pack(w),
        "score_privately": lambda: _scoring(w, "private_scoring"),
        "paper_answers": lambda: _scoring(w, "paper_grid"),
        "paper_questionnaires": lambda: _scoring(w, "questionnaires"),
        **workshop_flow.slots(w),
        "portfolio_overview": lambda: _portfolio_overview(w),
    }


def _show_guide(w: MainWindow) -> None:
    from avi_desktop.ui.help import show_guide

    w.guide = show_guide(w)


def _settings(w: MainWindow) -> None:
    from avi_desktop.ui.settings_dialog import run_settings_dialog

    run_settings_dialog(w)


def _stated_values(w: MainWindow) -> None:
    from avi_desktop.ui.values_dialog import run_values_dialog

    run_values_dialog(w)


def _values_audit(w: MainWindow) -> None:
    from avi_desktop.ui.values_audit_view import run_values_audit

    run_values_audit(w)


def _necessity(w: MainWindow) -> None:
    from avi_desktop.ui.necessity_wizard import run_necessity_wizard

    run_necessity_wizard(w)


def _resume(w: MainWindow) -> None:
    from avi_desktop.ui.assessment_wizard import resume_assessment_wizard

    resume_assessment_wizard(w, lambda i: w.export_pdf(PdfKind.BRIEFING, i))


def _about(w: MainWindow) -> None:
    from avi_desktop.ui.about import AboutDialog

    AboutDialog(w, Path(w.store.path) if w.store else None).exec()


def _open_pack(w: MainWindow) -> None:
    from avi_desktop.ui.participant_mode import choose_participant_pack

    choose_participant_pack(w, w.show_error)


def _scoring(w: MainWindow, name: str) -> None:
    from avi_desktop.ui.private_scoring import workshop_flow as scoring_flow

    scoring_flow(w, name, w.exports)


def _portfolio_overview(w: MainWindow) -> None:
    from avi_desktop.ui.portfolio_overview import show_portfolio_overview

    show_portfolio_overview(w, w.jobs)


def _export_csv(w: MainWindow, name: str) -> None:
    from avi_desktop.ui import export

    getattr(export, name)(w, w.exports)
