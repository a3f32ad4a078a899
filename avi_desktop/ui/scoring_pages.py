"""The pages private scoring and participant mode share: one statement at a time, large type.

``ItemPanel`` shows a statement with its five anchors and takes the number keys; only the
answers given to it (the respondent's own) are ever on screen. ``MessagePage`` is a page of
large text that answers a few keys (hand-over, review, thanks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from avi_desktop.model.instrument import Item

Save = Callable[[str, "int | None"], bool]  # item id, score or None (not applicable) -> saved?
SCORE_KEYS = {
    Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4, Qt.Key.Key_5: 5,
}  # fmt: skip
BACK_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Backspace, Qt.Key.Key_Up)
ON_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Down)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScoringPages", text)


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
        # Not by colour alone: the chosen answer also says so in words.
        self.mark = _sized(QLabel(_tr("✓ your answer")), 1.1, bold=True)
        for label in (self.key, self.anchor, self.mark):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 10, 10, 10)
        column.addWidget(self.key)
        column.addWidget(self.anchor, 1)
        column.addWidget(self.mark)
        self.setMinimumHeight(self.key.fontMetrics().height() * 5)
        self.set_chosen(False)

    def set_chosen(self, chosen: bool) -> None:
        """Show whether this is the respondent's answer: highlighted and marked in words."""
        self.setChecked(chosen)
        self.mark.setVisible(chosen)
        look = (
            "QPushButton { border: 3px solid palette(highlight); background: palette(highlight);"
            " border-radius: 6px; } QLabel { color: palette(highlighted-text); }"
            if chosen
            else "QPushButton { border: 1px solid palette(mid); background: palette(base);"
            " border-radius: 6px; }"
        )
        self.setStyleSheet(look)

    def set_anchor(self, text: str) -> None:
        self.anchor.setText(text)
        self.setAccessibleName(f"{self.key.text()}: {text}")


class ItemPanel(QWidget):
    """One item at a time in large type; keys 1-5 answer, N marks not applicable.

    Left, Up or Backspace go back, Right or Down go on without answering; Escape is left to
    the host (``escape_hint`` says what it does). Only the answers given to ``begin`` (the
    respondent's own) are ever shown.
    """

    past_end = Signal()  # moved on from the last item
    escape = Signal()

    def __init__(
        self,
        items: Sequence[Item],
        layer_titles: Mapping[str, str],
        save: Save,
        *,
        escape_hint: str | None = None,
    ) -> None:
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
        hint = _tr("Keys: 1–5 answer · N not applicable · ← or Backspace back · → skip · {0}")
        hint = hint.format(escape_hint or _tr("Esc leave"))
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
            button.set_chosen(answered and given == value)
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
        self.keys: dict[Qt.Key, Callable[[], object]] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(64, 48, 64, 48)
        column.addStretch(1)
        column.addWidget(self.title)
        column.addSpacing(32)
        column.addWidget(self.body)
        column.addStretch(2)

    def set(self, title: str, body: str, keys: Mapping[Qt.Key, Callable[[], object]]) -> None:
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
