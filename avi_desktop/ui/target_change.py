"""Changing a layer target: say which assessments it reaches, and re-evaluate existing ones
against it or keep them as they were. Either way it is one undoable command.

An assessment records the targets in force when it was started, so a new portfolio target
reaches new assessments of initiatives without their own target. Existing assessments keep the
targets they recorded unless the user asks to re-evaluate them; that change is written to the
audit trail (``store.set_assessment_targets``) and undone with the settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from avi_desktop.model.domain import Layer
from avi_desktop.ui.undo import ChangeSettings

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioSettings, PortfolioStore
    from avi_desktop.model.store.settings import TargetReach
    from avi_desktop.ui.undo import Changed, Failed

REEVALUATE, KEEP = "reevaluate", "keep"
LISTED = 8  # assessments named in the question; the rest are counted


def _tr(text: str) -> str:
    return QCoreApplication.translate("TargetChange", text)


def reach_text(reach: TargetReach) -> str:
    """One paragraph: which initiatives and assessments the new targets reach."""
    if not (reach.following or reach.own or reach.existing):
        return _tr("The targets are unchanged.")
    parts = [
        _tr("New assessments of {0} initiatives take the new targets.").format(len(reach.following))
    ]
    if reach.own:
        parts.append(
            _tr("{0} keep their own target: {1}.").format(len(reach.own), ", ".join(reach.own))
        )
    if reach.existing:
        parts.append(
            _tr(
                "{0} existing assessments were scored against the current targets; on saving "
                "you choose whether they are re-evaluated."
            ).format(len(reach.existing))
        )
    else:
        parts.append(_tr("No assessment open to change is affected."))
    if reach.closed:
        parts.append(
            _tr("{0} closed assessments keep the targets they were closed with.").format(
                len(reach.closed)
            )
        )
    return " ".join(parts)


def ask(parent: QWidget, reach: TargetReach) -> str | None:
    """Re-evaluate the existing assessments, keep them, or None to go back to the dialog."""
    names = [f"• {a.initiative_name}: {a.title}" for a in reach.existing[:LISTED]]
    if len(reach.existing) > LISTED:
        names.append(_tr("… and {0} more").format(len(reach.existing) - LISTED))
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("Change layer targets"))
    box.setText(
        _tr(
            "{0} existing assessments were scored against the current targets. Re-evaluate "
            "them against the new targets (their gaps, bands and patterns change, and the "
            "change is recorded in the audit trail), or keep them as they were?"
        ).format(len(reach.existing))
    )
    box.setInformativeText("\n".join(names))
    again = box.addButton(_tr("&Re-evaluate them"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(_tr("&Keep them as they were"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    if clicked is again:
        return REEVALUATE
    if clicked is keep:
        return KEEP
    return None


class ChangeTargetsAndReevaluate(ChangeSettings):
    """The settings change plus existing assessments re-targeted: undone together."""

    def __init__(
        self,
        store: PortfolioStore,
        before: PortfolioSettings,
        after: PortfolioSettings,
        reach: TargetReach,
        *,
        changed: Changed,
        failed: Failed,
    ):
        super().__init__(store, before, after, changed=changed, failed=failed)
        self.setText(
            _tr("Change layer targets and re-evaluate {0} assessments").format(len(reach.existing))
        )
        new = _values(after.targets)
        old = _values(before.targets)
        moved = [key for key in new if new[key] != old.get(key)]
        self._before_targets = {a.assessment_id: dict(a.targets) for a in reach.existing}
        self._after_targets = {
            a.assessment_id: {
                **a.targets,
                **{k: new[k] for k in moved if a.targets.get(k) == old.get(k)},
            }
            for a in reach.existing
        }

    def _do(self) -> None:
        super()._do()
        self._store.set_assessment_targets(
            self._after_targets, reason="re-evaluated against new portfolio targets"
        )
        self._changed(None)

    def _undo(self) -> None:
        self._store.set_assessment_targets(self._before_targets, reason="undo of re-evaluation")
        super()._undo()


def _values(targets: Mapping[Layer, float]) -> dict[str, float]:
    return {Layer(layer).value: float(value) for layer, value in targets.items()}
