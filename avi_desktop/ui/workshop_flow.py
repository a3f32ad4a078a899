"""The workshop in the window: set up, import response packs, reveal, close and reopen.

Each entry takes ``ui.host.FlowHost`` and works on the selected initiative's latest assessment
(PRODUCT.md §6). Every write is one undoable command; closing is undone by an explicit reopen
(its reason in the audit trail), because a closed assessment is read-only to every other write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from avi_desktop.model.domain import AssessmentMode, AssessmentStatus
from avi_desktop.model.errors import AviError
from avi_desktop.ui.undo import Changed, Failed, StoreCommand

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.actions import Actions
    from avi_desktop.ui.host import FlowHost

UNDO_CLOSE_REASON = "Closing undone in the window (Edit ▸ Undo)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workshop", text)


@dataclass(frozen=True)
class LatestAssessment:
    """What the workshop actions need to know of an initiative's newest assessment."""

    id: str
    title: str
    mode: AssessmentMode
    status: AssessmentStatus

    @property
    def closed(self) -> bool:
        return self.status == AssessmentStatus.CLOSED


def _newest(assessment: Any) -> tuple[date, datetime]:
    """Sort key of the store's ``latest_assessment_id``: date (undated oldest), then creation."""
    return (assessment.assessed_on or date.min, assessment.created_at or datetime.min)


def latest_assessment(store: PortfolioStore, initiative_id: str) -> LatestAssessment | None:
    """The initiative's newest assessment (by date, then creation, as the store orders them).

    Read with the initiative, not with its answers: the window asks on every selection change.
    """
    rows = list(store.get_initiative(initiative_id).assessments)
    if not rows:
        return None
    newest = max(rows, key=_newest)
    return LatestAssessment(newest.id, newest.title, newest.mode, newest.status)


def closed_note(assessments: object) -> str:
    """The detail pane's line for an initiative whose newest assessment is closed, else ''.

    ``assessments`` is the initiative's loaded ``assessments`` list (any objects with
    ``assessed_on``, ``created_at``, ``status`` and ``title``).
    """
    rows = list(assessments) if isinstance(assessments, list | tuple) else []
    if not rows:
        return ""
    newest = max(rows, key=_newest)
    if newest.status != AssessmentStatus.CLOSED:
        return ""
    return _tr(
        "The latest assessment, “{0}”, is closed: it is read-only. Reopen it with "
        "Workshop ▸ Reopen workshop… to record more answers."
    ).format(newest.title)


# ---- undoable commands ----------------------------------------------------------------------


class CloseAssessment(StoreCommand):
    """Close an assessment; undo reopens it (with a reason the trail keeps) at its old status."""

    def __init__(
        self,
        store: PortfolioStore,
        latest: LatestAssessment,
        select_id: str | None,
        *,
        changed: Changed,
        failed: Failed,
    ):
        super().__init__(_tr("Close workshop “{0}”").format(latest.title), store, changed, failed)
        self._id, self._before, self._select = latest.id, latest.status, select_id

    def _do(self) -> None:
        self._store.set_assessment_status(self._id, AssessmentStatus.CLOSED)
        self._changed(self._select)

    def _undo(self) -> None:
        self._store.reopen_assessment(self._id, UNDO_CLOSE_REASON)
        if self._before != AssessmentStatus.OPEN:
            self._store.set_assessment_status(self._id, self._before)
        self._changed(self._select)


class ReopenAssessment(StoreCommand):
    """Reopen a closed assessment for the reason given; undo closes it again."""

    def __init__(
        self,
        store: PortfolioStore,
        latest: LatestAssessment,
        reason: str,
        select_id: str | None,
        *,
        changed: Changed,
        failed: Failed,
    ):
        super().__init__(_tr("Reopen workshop “{0}”").format(latest.title), store, changed, failed)
        self._id, self._reason, self._select = latest.id, reason, select_id

    def _do(self) -> None:
        self._store.reopen_assessment(self._id, self._reason)
        self._changed(self._select)

    def _undo(self) -> None:
        self._store.set_assessment_status(self._id, AssessmentStatus.CLOSED)
        self._changed(self._select)


# ---- the flows --------------------------------------------------------------------------------


def _chosen(host: FlowHost) -> tuple[PortfolioStore, str, str, LatestAssessment | None] | None:
    """The store, the selected initiative and its latest assessment, or None (said why)."""
    store, chosen = host.store, host.selected()
    if store is None or chosen is None:
        host.show_error(_tr("Select an initiative first."))
        return None
    try:
        return store, chosen.id, chosen.name, latest_assessment(store, chosen.id)
    except AviError as exc:
        host.show_error(exc.message)
        return None


def latest_workshop(host: FlowHost) -> tuple[PortfolioStore, str, LatestAssessment] | None:
    """The selected initiative's latest assessment when it is a workshop; else say what to do."""
    found = _chosen(host)
    if found is None:
        return None
    store, initiative_id, name, latest = found
    if latest is None or latest.mode != AssessmentMode.WORKSHOP:
        host.show_error(
            _tr(
                "“{0}” has no workshop as its latest assessment. Set one up with "
                "Workshop ▸ New workshop…"
            ).format(name),
            _tr("No workshop"),
        )
        return None
    return store, initiative_id, latest


def _run(host: FlowHost, command: StoreCommand, done: str) -> bool:
    try:
        command.apply()
    except AviError as exc:
        host.show_error(exc.message)
        return False
    host.undo_stack.push(command)
    host.show_status(done, 8000)
    return True


def close_workshop(host: FlowHost) -> bool:
    """Workshop > Close workshop: the latest assessment becomes read-only (undoable)."""
    found = _chosen(host)
    if found is None:
        return False
    store, initiative_id, name, latest = found
    if latest is None:
        host.show_error(_tr("“{0}” has no assessment to close.").format(name))
        return False
    if latest.closed:
        host.show_error(_tr("“{0}” is already closed.").format(latest.title))
        return False
    from PySide6.QtWidgets import QMessageBox  # the dialogs' types load on first use

    answer = QMessageBox.question(
        host.parent_widget(),
        _tr("Close workshop"),
        _tr(
            "Close “{0}”? Its answers can no longer change; reopening it later needs a reason, "
            "which the audit trail keeps."
        ).format(latest.title),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    command = CloseAssessment(
        store, latest, initiative_id, changed=host.changed, failed=host.show_error
    )
    return _run(host, command, _tr("Closed “{0}”; it is read-only now.").format(latest.title))


def reopen_workshop(host: FlowHost, reason: str | None = None) -> bool:
    """Workshop > Reopen workshop…: asks for the reason, which the audit trail records."""
    found = _chosen(host)
    if found is None:
        return False
    store, initiative_id, name, latest = found
    if latest is None or not latest.closed:
        host.show_error(_tr("The latest assessment of “{0}” is not closed.").format(name))
        return False
    if reason is None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        reason, ok = QInputDialog.getText(
            host.parent_widget(),
            _tr("Reopen workshop"),
            _tr("Why is “{0}” reopened? The reason is kept in the audit trail.").format(
                latest.title
            ),
            QLineEdit.EchoMode.Normal,
        )
        if not ok:
            return False
    if not reason.strip():
        host.show_error(_tr("Give a reason for reopening; the audit trail keeps it."))
        return False
    command = ReopenAssessment(
        store, latest, reason.strip(), initiative_id, changed=host.changed, failed=host.show_error
    )
    return _run(host, command, _tr("Reopened “{0}”.").format(latest.title))


# ---- the window's Workshop menu -----------------------------------------------------------------


def slots(host: FlowHost) -> dict[str, Callable[..., Any]]:
    """The Workshop menu's slots for ``ui.actions.build_actions`` (modules load on first use)."""

    def new() -> None:
        from avi_desktop.ui.workshop_setup import new_workshop

        new_workshop(host)

    def import_packs() -> None:
        from avi_desktop.ui.response_import import import_responses

        import_responses(host)

    def reveal() -> None:
        from avi_desktop.ui.reveal import show_reveal

        show_reveal(host)

    return {
        "workshop_new": new,
        "workshop_import": import_packs,
        "workshop_reveal": reveal,
        "workshop_close": lambda: close_workshop(host),
        "workshop_reopen": lambda: reopen_workshop(host),
    }


def update_actions(host: FlowHost, acts: Actions) -> None:
    """Narrow the Workshop actions to the latest assessment's state: a closed one takes no
    answers and cannot be closed again; only a closed one can be reopened.

    Called after the window's own rules (portfolio, selection, read-only), and only ever
    disables, so a read-only portfolio keeps every write refused.
    """
    store, chosen = host.store, host.selected()
    latest = None
    if store is not None and chosen is not None:
        try:
            latest = latest_assessment(store, chosen.id)
        except AviError:
            latest = None
    workshop = latest is not None and latest.mode == AssessmentMode.WORKSHOP
    closed = latest is not None and latest.closed
    for action, allowed in (
        (acts.workshop_import, workshop and not closed),
        (acts.workshop_reveal, workshop),
        (acts.workshop_close, latest is not None and not closed),
        (acts.workshop_reopen, closed),
    ):
        action.setEnabled(action.isEnabled() and allowed)
