"""Private scoring on the facilitator's laptop: one participant after another, one item at a time.

Each answer is written as it is given (a draft answer through the store, so it is in the audit
trail and survives a crash); finishing marks the participant's answers submitted. Opening the
screen again resumes at the first participant who has not submitted, at their first unanswered
item. Between participants a hand-over screen hides everything: a participant only ever sees
their own answers (the pages are ``ui.scoring_pages``, shared with participant mode).

Behind this window is the main window, where the paper grid and the exports show every
participant's answers, so a participant's page never leads out of it: Escape, Alt+F4 or the
window manager's close on the item or review page go back to the hand-over page (their answers
stay saved as drafts). Only the hand-over and closing pages, where the facilitator has the
laptop, leave the window, and only with the code the facilitator chose when the session began
(``leave_code``): a participant who pressed Escape there could otherwise answer Yes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.domain import AssessmentMode, AssessmentStatus, StakeholderGroup
from avi_desktop.model.errors import AviError
from avi_desktop.ui.leave_code import choose_code, code_given
from avi_desktop.ui.scoring_pages import (
    BACK_KEYS,
    ENTER_KEYS,
    ItemPanel,
    MessagePage,
    first_unanswered,
    summary,
)

if TYPE_CHECKING:
    from avi_desktop.model.entities import Assessment
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.export import ExportController
    from avi_desktop.ui.host import FlowHost


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrivateScoring", text)


@dataclass
class Participant:
    """One respondent as private scoring needs them: who, and their own answers so far."""

    id: str
    name: str
    group: StakeholderGroup
    detail: str  # role and stakeholder group, for the hand-over screen
    answers: dict[str, int | None] = field(default_factory=dict)


def participants(assessment: Assessment, *, waiting: bool = False) -> list[Participant]:
    """The participants in order with their answers; ``waiting``: those not yet submitted."""
    return [
        Participant(
            r.id,
            r.name,
            r.stakeholder_group,
            " · ".join(part for part in (r.role, r.stakeholder_group.label) if part),
            {a.item_id: a.score for a in r.answers},
        )
        for r in assessment.respondents
        if not waiting or r.submitted_at is None
    ]


class PrivateScoringWindow(QWidget):
    """The full-screen scoring window: hand-over, items, review, over each participant."""

    left = Signal(bool)  # the window closed; True when anything was written

    def __init__(
        self,
        store: PortfolioStore,
        assessment: Assessment,
        instrument: Instrument,
        code: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._code = code
        self.setObjectName("private_scoring")
        self.setWindowTitle(_tr("Private scoring — {0}").format(assessment.title))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.store, self.assessment_id = store, assessment.id
        self.queue = participants(assessment, waiting=True)
        self.position = 0
        self.wrote = self._leaving = False
        titles = {spec.layer.value: spec.title for spec in instrument.layers}
        hint = _tr("Esc pass the laptop back")
        self.panel = ItemPanel(instrument.items(), titles, self._save, escape_hint=hint)
        self.panel.past_end.connect(self._review)
        self.panel.escape.connect(self._hand_over)
        self.handover = MessagePage("handover_page")
        self.review = MessagePage("review_page")
        self.done = MessagePage("done_page")
        self.pages = QStackedWidget()
        for page in (self.handover, self.panel, self.review, self.done):
            self.pages.addWidget(page)
        QVBoxLayout(self).addWidget(self.pages)
        self._hand_over()

    @property
    def current(self) -> Participant | None:
        return self.queue[self.position] if self.position < len(self.queue) else None

    def _show(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        page.setFocus()

    def _hand_over(self) -> None:
        """Between participants: a name and nothing else, until the facilitator presses Enter."""
        self.panel.begin("", {}, 0)  # the last participant's answers leave the screen
        self.review.set("", "", {})
        person = self.current
        leave = {Qt.Key.Key_Escape: self.leave}
        if person is None:
            self.done.set(
                _tr("Every participant has submitted"),
                _tr("All answers are saved. Pass the laptop back to the facilitator.")
                + "\n\n"
                + _tr("Facilitator: press Enter or Esc to close this screen."),
                {**leave, Qt.Key.Key_Return: self.leave, Qt.Key.Key_Enter: self.leave},
            )
            self._show(self.done)
            return
        begin = {key: self._begin for key in (*ENTER_KEYS, Qt.Key.Key_Space)}
        self.handover.set(
            _tr("Pass the laptop to {0}").format(person.name),
            (f"{person.detail}\n\n" if person.detail else "")
            + _tr("Facilitator: press Enter when {0} is ready to answer.").format(person.name)
            + "\n"
            + _tr("Esc: end the session (facilitator)."),
            {**leave, **begin},
        )
        self._show(self.handover)

    def _begin(self) -> None:
        person = self.current
        assert person is not None
        start = first_unanswered(self.panel.items, person.answers)
        if start >= len(self.panel.items):
            self.panel.begin(person.name, person.answers, len(self.panel.items) - 1)
            self._review()
            return
        self.panel.begin(person.name, person.answers, start)
        self._show(self.panel)

    def _review(self) -> None:
        person = self.current
        assert person is not None
        self.review.set(
            _tr("{0}, you have reached the end").format(person.name),
            summary(self.panel.items, self.panel.answers)
            + "\n\n"
            + _tr("Press Enter to submit your answers, or Backspace to go back and change them."),
            {
                **{key: self._submit for key in ENTER_KEYS},
                **{key: self._back_to_items for key in BACK_KEYS},
                Qt.Key.Key_Escape: self._hand_over,
            },
        )
        self._show(self.review)

    def _back_to_items(self) -> None:
        self._show(self.panel)

    def _save(self, item_id: str, value: int | None) -> bool:
        person = self.current
        assert person is not None
        try:
            self.store.set_answers(person.id, {item_id: value})
        except AviError as exc:
            QMessageBox.warning(self, _tr("Answer not saved"), exc.message)
            return False
        self.wrote = True
        person.answers[item_id] = value
        return True

    def _submit(self) -> None:
        person = self.current
        assert person is not None
        try:
            self.store.set_answers(person.id, {}, submitted=True)
        except AviError as exc:
            QMessageBox.warning(self, _tr("Answers not submitted"), exc.message)
            return
        self.wrote = True
        self.position += 1
        self._hand_over()

    def _participants_page(self) -> bool:
        """Whether a participant holds the laptop: their items or their review are shown."""
        return self.pages.currentWidget() in (self.panel, self.review)

    def leave(self) -> None:
        """The facilitator's Escape on the hand-over or closing page: asks first; what was
        answered stays saved. From a participant's page it only goes back to the hand-over."""
        if self._participants_page():
            self._hand_over()
            return
        if not self._confirm_leaving():
            return
        self._leaving = True
        self.close()

    def _confirm_leaving(self) -> bool:
        person = self.current
        text = (
            _tr("Every participant has submitted; all answers are saved.")
            if person is None
            else _tr(
                "Every answer given so far is saved. Scoring privately again resumes with "
                "{0}, at the first statement not yet answered."
            ).format(person.name)
        )
        return code_given(self, self._code, text)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving and self._participants_page():
            event.ignore()  # Alt+F4 or the window manager's close in a participant's hands
            self._hand_over()
            return
        if not self._leaving and not self._confirm_leaving():
            event.ignore()
            return
        self._leaving = True
        super().closeEvent(event)
        self.left.emit(self.wrote)


def open_private_scoring(
    host: FlowHost, assessment_id: str, code: str | None = None
) -> PrivateScoringWindow | None:
    """Open the full-screen scoring window for a workshop assessment that is not closed, once
    the facilitator has chosen the code that ends it (``code``: chosen already).

    Whatever the session writes is one command on the host's undo stack once the window closes.
    """
    from avi_desktop.model.overview import instrument_for
    from avi_desktop.ui.undo import push_saved

    store = host.store
    if store is None:
        return None
    try:
        assessment = store.get_assessment(assessment_id)
        if assessment.mode != AssessmentMode.WORKSHOP:
            host.show_error(_tr("Private scoring is for workshop assessments."))
            return None
        if assessment.status == AssessmentStatus.CLOSED:
            host.show_error(closed_message(assessment.title))
            return None
        if not assessment.respondents:
            host.show_error(_tr("The workshop has no participants yet; add them first."))
            return None
        instrument = instrument_for(assessment.instrument_id, assessment.instrument_version)
        before = store.export_record(AuditEntity.ASSESSMENT, assessment_id)
    except AviError as exc:
        host.show_error(exc.message)
        return None
    if code is None:
        code = choose_code(host.parent_widget())
        if code is None:
            return None
    window = PrivateScoringWindow(store, assessment, instrument, code, host.parent_widget())
    initiative_id = assessment.initiative_id

    def finished(wrote: bool) -> None:
        if wrote:
            push_saved(
                host, _tr("Private scoring “{0}”").format(assessment.title),
                AuditEntity.ASSESSMENT, assessment_id, before, select_id=initiative_id,
            )  # fmt: skip
        else:
            host.changed(initiative_id)

    window.left.connect(finished)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.showFullScreen()
    window.activateWindow()
    return window


def open_workshop_id(host: FlowHost) -> str | None:
    """The selected initiative's latest assessment if it is a workshop not closed, else None."""
    store, selected = host.store, host.selected()
    if store is None or selected is None:
        return None
    try:
        latest = store.latest_assessment_id(selected.id)
        assessment = store.get_assessment(latest) if latest is not None else None
    except AviError:
        return None
    if assessment is None or assessment.mode != AssessmentMode.WORKSHOP:
        return None
    return None if assessment.status == AssessmentStatus.CLOSED else assessment.id


def workshop_flow(host: FlowHost, name: str, exports: ExportController) -> None:
    """A Workshop menu flow on the selected workshop: "private_scoring", "paper_grid" or
    "questionnaires" (printed per participant, written by ``exports``)."""
    from avi_desktop.ui import paper_grid

    workshop = open_workshop_id(host)
    if workshop is None:
        host.show_error(_tr("The selected initiative's latest assessment is not an open workshop."))
    elif name == "private_scoring":
        open_private_scoring(host, workshop)
    elif name == "paper_grid":
        paper_grid.open_paper_grid(host, workshop)
    else:
        paper_grid.print_questionnaires(host, exports, workshop)


def closed_message(title: str) -> str:
    """What the store says of a closed assessment, shown before any key is pressed."""
    return _tr(
        "The assessment '{0}' is closed and read-only; reopen it (Workshop menu) to score it."
    ).format(title)
