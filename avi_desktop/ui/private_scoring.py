"""Private scoring on the facilitator's laptop: one participant after another, one item at a time.

Each answer is written as it is given (a draft answer through the store, so it is in the audit
trail and survives a crash); finishing marks the participant's answers submitted. Opening the
screen again resumes at the first participant who has not submitted, at their first unanswered
item. Between participants a hand-over screen hides everything: a participant only ever sees
their own answers. ``ItemPanel`` and ``MessagePage`` are shared with participant mode.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.domain import AssessmentMode, AssessmentStatus, StakeholderGroup
from avi_desktop.model.errors import AviError

if TYPE_CHECKING:
    from avi_desktop.model.entities import Assessment
    from avi_desktop.model.instrument import Instrument, Item
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.host import FlowHost

Save = Callable[[str, "int | None"], bool]  # item id, score or None (not applicable) -> saved?
SCORE_KEYS = {
    Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4, Qt.Key.Key_5: 5,
}  # fmt: skip
BACK_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_Up)
ON_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Down)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrivateScoring", text)


def _sized(label: QLabel, scale: float, bold: bool = False) -> QLabel:
    """Large type: the laptop is read at arm's length by people who did not set it up."""
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def first_unanswered(items: Sequence[Item], answers: Mapping[str, int | None]) -> int:
    """Where a participant resumes: their first item not yet answered (len(items) if none)."""
    return next((n for n, item in enumerate(items) if item.id not in answers), len(items))


class Choice(QPushButton):
    """One answer as a large button: its key on top, its anchor wrapped under it."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the panel
        self.setCheckable(True)
        self.key = _sized(QLabel(key), 2.0, bold=True)
        self.anchor = _sized(QLabel(), 1.25)
        for label in (self.key, self.anchor):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 10, 10, 10)
        column.addWidget(self.key)
        column.addWidget(self.anchor, 1)
        self.setMinimumHeight(self.key.fontMetrics().height() * 4)

    def set_anchor(self, text: str) -> None:
        self.anchor.setText(text)
        self.setAccessibleName(f"{self.key.text()}: {text}")


class ItemPanel(QWidget):
    """One item at a time in large type; keys 1-5 answer, N marks not applicable.

    Left, Up or Backspace go back, Right or Down go on without answering; Escape asks the
    host to leave. Only the answers given to ``begin`` (the respondent's own) are ever shown.
    """

    past_end = Signal()  # moved on from the last item
    escape = Signal()

    def __init__(self, items: Sequence[Item], layer_titles: Mapping[str, str], save: Save) -> None:
        super().__init__()
        self.setObjectName("item_panel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.items, self._titles, self._save = list(items), dict(layer_titles), save
        self.answers: dict[str, int | None] = {}
        self.index = 0
        self.who = _sized(QLabel(), 1.3, bold=True)
        self.where = _sized(QLabel(), 1.2)
        self.statement = _sized(QLabel(), 2.2, bold=True)
        self.statement.setAccessibleName(_tr("Statement"))
        self.notice = _sized(QLabel(), 1.2)
        self.choices: list[Choice] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 32, 48, 32)
        column.addWidget(self.who)
        column.addWidget(self.where)
        column.addSpacing(24)
        column.addWidget(self.statement)
        column.addSpacing(24)
        row = QHBoxLayout()
        for value in (1, 2, 3, 4, 5, None):
            button = Choice(str(value) if value else "N")
            button.clicked.connect(lambda _=False, v=value: self.answer(v))
            row.addWidget(button, 1)
            self.choices.append(button)
        column.addLayout(row)
        column.addWidget(self.notice)
        column.addStretch(1)
        hint = _tr("Keys: 1–5 answer · N not applicable · ← or Backspace back · → skip · Esc leave")
        column.addWidget(_sized(QLabel(hint), 1.1))

    def begin(self, who: str, answers: Mapping[str, int | None], index: int = 0) -> None:
        """Show ``who``'s own answers, at ``index``; nobody else's are kept."""
        self.answers = dict(answers)
        self.who.setText(who)
        self.show_item(min(index, len(self.items) - 1))

    @property
    def item(self) -> Item:
        return self.items[self.index]

    def show_item(self, index: int) -> None:
        self.index = index
        item = self.item
        self.where.setText(
            _tr("Item {0} of {1} · {2}").format(
                index + 1, len(self.items), self._titles.get(item.layer.value, "")
            )
        )
        self.statement.setText(item.text)
        answered, given = item.id in self.answers, self.answers.get(item.id)
        for value, button in zip((1, 2, 3, 4, 5, None), self.choices, strict=True):
            if value is None:
                button.set_anchor(_tr("Not applicable"))
                button.setVisible(item.allow_na)
            else:
                button.set_anchor(item.anchors[value - 1])
            button.setChecked(answered and given == value)
        self.notice.clear()

    def answer(self, value: int | None) -> None:
        """Record an answer for the shown item and move on; an unsaved answer stays put."""
        item = self.item
        if value is None and not item.allow_na:
            self.notice.setText(_tr("This statement cannot be marked not applicable."))
            return
        if not self._save(item.id, value):
            self.show_item(self.index)
            return
        self.answers[item.id] = value
        self.forward()

    def forward(self) -> None:
        if self.index + 1 < len(self.items):
            self.show_item(self.index + 1)
        else:
            self.past_end.emit()

    def back(self) -> None:
        if self.index > 0:
            self.show_item(self.index - 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in SCORE_KEYS:
            self.answer(SCORE_KEYS[Qt.Key(key)])
        elif key == Qt.Key.Key_N:
            self.answer(None)
        elif key in BACK_KEYS:
            self.back()
        elif key in ON_KEYS:
            self.forward()
        elif key == Qt.Key.Key_Escape:
            self.escape.emit()
        else:
            super().keyPressEvent(event)


class MessagePage(QWidget):
    """A full-screen page of large text that answers a few keys (hand-over, review, done)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = _sized(QLabel(), 2.6, bold=True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = _sized(QLabel(), 1.5)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys: dict[Qt.Key, Callable[[], None]] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(64, 48, 64, 48)
        column.addStretch(1)
        column.addWidget(self.title)
        column.addSpacing(32)
        column.addWidget(self.body)
        column.addStretch(2)

    def set(self, title: str, body: str, keys: Mapping[Qt.Key, Callable[[], None]]) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.keys = dict(keys)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        run = self.keys.get(Qt.Key(event.key()))
        if run is not None:
            run()
        else:
            super().keyPressEvent(event)


def summary(items: Sequence[Item], answers: Mapping[str, int | None]) -> str:
    """'38 of 40 statements answered (2 not applicable); 2 left blank.'"""
    given = [item.id for item in items if item.id in answers]
    na = sum(1 for item_id in given if answers[item_id] is None)
    text = _tr("{0} of {1} statements answered").format(len(given), len(items))
    if na:
        text += _tr(" ({0} not applicable)").format(na)
    blank = len(items) - len(given)
    return text + (_tr("; {0} left blank.").format(blank) if blank else ".")


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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("private_scoring")
        self.setWindowTitle(_tr("Private scoring — {0}").format(assessment.title))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.store, self.assessment_id = store, assessment.id
        self.queue = participants(assessment, waiting=True)
        self.position = 0
        self.wrote = self._leaving = False
        titles = {spec.layer.value: spec.title for spec in instrument.layers}
        self.panel = ItemPanel(instrument.items(), titles, self._save)
        self.panel.past_end.connect(self._review)
        self.panel.escape.connect(self.leave)
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
                _tr("All answers are saved. Press Enter to close this screen."),
                {**leave, Qt.Key.Key_Return: self.leave, Qt.Key.Key_Enter: self.leave},
            )
            self._show(self.done)
            return
        begin = {key: self._begin for key in (*ENTER_KEYS, Qt.Key.Key_Space)}
        self.handover.set(
            _tr("Pass the laptop to {0}").format(person.name),
            (f"{person.detail}\n\n" if person.detail else "")
            + _tr("Facilitator: press Enter when {0} is ready to answer.").format(person.name),
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
                Qt.Key.Key_Escape: self.leave,
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

    def leave(self) -> None:
        """Escape: asks first unless everyone is done; what was answered stays saved."""
        if self.current is not None and not self._confirm_leaving():
            return
        self._leaving = True
        self.close()

    def _confirm_leaving(self) -> bool:
        person = self.current
        assert person is not None
        reply = QMessageBox.question(
            self,
            _tr("Leave private scoring?"),
            _tr(
                "Every answer given so far is saved. Scoring privately again resumes with "
                "{0}, at the first statement not yet answered."
            ).format(person.name),
        )
        return reply == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving and self.current is not None and not self._confirm_leaving():
            event.ignore()
            return
        self._leaving = True
        super().closeEvent(event)
        self.left.emit(self.wrote)


def open_private_scoring(host: FlowHost, assessment_id: str) -> PrivateScoringWindow | None:
    """Open the full-screen scoring window for a workshop assessment that is not closed.

    Whatever the session writes is one command on the host's undo stack once the window closes.
    """
    from avi_desktop.model.overview import instrument_for
    from avi_desktop.ui.undo import record_change

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
        instrument = instrument_for(assessment.instrument_id, assessment.instrument_version)
        before = store.export_record(AuditEntity.ASSESSMENT, assessment_id)
    except AviError as exc:
        host.show_error(exc.message)
        return None
    window = PrivateScoringWindow(store, assessment, instrument, host.parent_widget())
    initiative_id = assessment.initiative_id

    def finished(wrote: bool) -> None:
        if wrote:
            try:
                command = record_change(
                    _tr("Private scoring “{0}”").format(assessment.title),
                    store, AuditEntity.ASSESSMENT, assessment_id, before,
                    select_id=initiative_id, changed=host.changed, failed=host.show_error,
                )  # fmt: skip
            except AviError as exc:
                host.show_error(exc.message)
            else:
                host.undo_stack.push(command)
        host.changed(initiative_id)

    window.left.connect(finished)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.showFullScreen()
    window.activateWindow()
    return window


def closed_message(title: str) -> str:
    """What the store says of a closed assessment, shown before any key is pressed."""
    return _tr(
        "The assessment '{0}' is closed and read-only; reopen it (Workshop menu) to score it."
    ).format(title)
