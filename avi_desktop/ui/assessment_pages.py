"""Pages of the four-layer wizard: the introduction and one page per layer.

Each item shows its text, its help text (why it matters), its five anchored options as radio
buttons, not applicable where the instrument allows it, and a comment box.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from avi_desktop.model.domain import AssessmentMode, StakeholderGroup
from avi_desktop.model.instrument import Item, LayerSpec
from avi_desktop.ui import style

NOT_APPLICABLE = 0  # button id for "not applicable"; scores use ids 1..5
KEYPAD = Qt.KeyboardModifier.KeypadModifier  # the number pad's 1-5 answer too


class ItemWidget(QGroupBox):
    """One questionnaire item; ``answer()`` is None (unanswered), 0 (N/A) or 1..5."""

    changed = Signal()

    def __init__(self, item: Item, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        # Read out as the reader sees it: the statement's number, not the item's internal id.
        self.setAccessibleName(f"{number}. {item.text}")
        layout = QVBoxLayout(self)
        # A wrapped label, not the group box title: long statements must never widen the page.
        text = QLabel(f"<b>{number}. {escape(item.text)}</b>")
        text.setWordWrap(True)
        layout.addWidget(text)
        help_label = QLabel(f"<i>{escape(item.help)}</i>")
        help_label.setWordWrap(True)
        # Its text is what a screen reader must read, so no name replaces it; the box around
        # carries the statement, and the description says what this line is.
        help_label.setAccessibleDescription(self.tr("Why it matters"))
        layout.addWidget(help_label)
        self.group = QButtonGroup(self)
        for score, anchor in enumerate(item.anchors, start=1):
            button = QRadioButton(f"&{score} — {anchor}")
            button.setAccessibleName(f"{score}: {anchor}")
            self.group.addButton(button, score)
            layout.addWidget(button)
        if item.allow_na:
            button = QRadioButton(self.tr("N — Not applicable here"))
            button.setAccessibleName(self.tr("Not applicable"))
            self.group.addButton(button, NOT_APPLICABLE)
            layout.addWidget(button)
        self.group.idToggled.connect(self._toggled)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Comment (optional)"))
        self.comment.setAccessibleName(self.tr("Comment on statement {0}").format(number))
        layout.addWidget(self.comment)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """1-5 answer the statement with the focus, N marks it not applicable (as shown)."""
        key = event.key()
        chosen: int | None = None
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5 and not event.modifiers() & ~KEYPAD:
            chosen = key - Qt.Key.Key_0
        elif key == Qt.Key.Key_N and not event.modifiers():
            chosen = NOT_APPLICABLE
        button = self.group.button(chosen) if chosen is not None else None
        if button is None:
            super().keyPressEvent(event)
            return
        button.setChecked(True)
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        event.accept()

    def _toggled(self, _id: int, on: bool) -> None:
        if on:
            self.changed.emit()

    def answer(self) -> int | None:
        chosen = self.group.checkedId()
        return None if chosen < 0 else chosen

    def set_answer(self, score: int | None, not_applicable: bool = False) -> None:
        key = NOT_APPLICABLE if not_applicable else score
        button = self.group.button(key) if key is not None else None
        if button is not None:
            button.setChecked(True)


class IntroPage(QWizardPage):
    """Title, date, mode, and who is answering."""

    def __init__(
        self,
        initiative_name: str,
        layers: Sequence[LayerSpec] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Four-layer assessment"))
        self.setSubTitle(initiative_name)
        intro = QLabel(
            self.tr(
                "Score each statement from 1 (absent) to 5 (fully in place), one page per "
                "layer. Technology enables, leadership defines, organisation translates, society "
                "legitimises: the weakest layer caps the value the initiative can realise. You "
                "can save a draft at any point and resume it later."
            )
        )
        intro.setWordWrap(True)
        if layers:
            lines = "".join(
                "<li>"
                + escape(self.tr("{0} — {1} statements").format(spec.title, len(spec.items)))
                + "</li>"
                for spec in layers
            )
            intro.setText(f"{escape(intro.text())}<ol>{lines}</ol>")
        self.title_edit = QLineEdit(self.tr("Assessment {0}").format(date.today().isoformat()))
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        style.window_dates(self.on)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Individual"), AssessmentMode.INDIVIDUAL.value)
        self.mode.addItem(self.tr("Workshop"), AssessmentMode.WORKSHOP.value)
        self.respondent = QLineEdit()
        self.role = QLineEdit()
        self.group = QComboBox()
        for group in StakeholderGroup:
            self.group.addItem(self.tr(group.label), group.value)
        form = QFormLayout(self)
        form.addRow(intro)
        for text, widget in (
            (self.tr("&Title"), self.title_edit),
            (self.tr("D&ate"), self.on),
            (self.tr("&Mode"), self.mode),
            (self.tr("&Respondent name or code"), self.respondent),
            (self.tr("R&ole"), self.role),
            (self.tr("&Stakeholder group"), self.group),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            form.addRow(label, widget)
        self.error = QLabel()
        self.error.setWordWrap(True)
        form.addRow(self.error)
        # Not mandatory fields ("title*"): Qt counts a field complete only once it differs from
        # its initial value, and the title starts filled in.
        self.title_edit.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.respondent.textChanged.connect(lambda _text: self.completeChanged.emit())

    def isComplete(self) -> bool:
        return bool(self.title_edit.text().strip() and self.respondent.text().strip())

    def assessed_on(self) -> date:
        day = self.on.date()
        return date(day.year(), day.month(), day.day())

    def validatePage(self) -> bool:
        if self.assessed_on() > date.today():
            self.error.setText(self.tr("The assessment date cannot be in the future."))
            return False
        return True


class LayerPage(QWizardPage):
    """All items of one layer, with live progress and an insufficient-data warning."""

    def __init__(
        self,
        spec: LayerSpec,
        number: int,
        total: int,
        min_fraction: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.min_fraction = min_fraction
        self.setTitle(self.tr("Layer {0} of {1}: {2}").format(number, total, spec.title))
        self.setSubTitle(spec.description)
        self.items = [ItemWidget(item, n) for n, item in enumerate(spec.items, start=1)]
        body = QWidget()
        column = QVBoxLayout(body)
        for widget in self.items:
            column.addWidget(widget)
            widget.changed.connect(self._update_progress)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields are the Tab stops
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        scroll.setAccessibleName(spec.title)
        self.progress = QProgressBar()
        self.progress.setRange(0, len(self.items))
        self.progress.setAccessibleName(self.tr("Items answered in this layer"))
        self.progress.setFormat(self.tr("%v of %m answered"))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAccessibleDescription(self.tr("Warning"))  # read as its text
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.warning)
        self._update_progress()

    def initializePage(self) -> None:
        """Open on the first statement's answer, so the number keys answer it at once."""
        if self.items:
            first = self.items[0]
            button = first.group.checkedButton() or first.group.button(1)
            if button is not None:
                QTimer.singleShot(0, lambda: button.setFocus(Qt.FocusReason.TabFocusReason))

    def scored_count(self) -> int:
        """Items carrying a score (not applicable carries none, as the scoring rule says)."""
        return sum(1 for w in self.items if (w.answer() or 0) > 0)

    def required(self) -> int:
        """Scored items the layer needs, by the same rule as the scoring itself."""
        from avi_desktop.model.scoring import required_answers

        return required_answers(len(self.items), self.min_fraction)

    def insufficient(self) -> bool:
        return self.scored_count() < self.required()

    def _update_progress(self) -> None:
        answered = sum(1 for w in self.items if w.answer() is not None)
        self.progress.setValue(answered)
        if self.insufficient():
            needed = self.required()
            self.warning.setText(
                self.tr(
                    "Score at least {0} of the {1} statements for this layer to count; with "
                    "fewer it shows as insufficient data rather than a number. Not applicable "
                    "does not count as a score."
                ).format(needed, len(self.items))
            )
        else:
            self.warning.setText("")

    def answers(self) -> tuple[dict[str, int | None], dict[str, str]]:
        """Answered items (None = not applicable) and their comments."""
        scores: dict[str, int | None] = {}
        comments: dict[str, str] = {}
        for widget in self.items:
            answer = widget.answer()
            if answer is None:
                continue
            scores[widget.item.id] = None if answer == NOT_APPLICABLE else answer
            if widget.comment.text().strip():
                comments[widget.item.id] = widget.comment.text().strip()
        return scores, comments

    def load(
        self, scores: Mapping[str, int | None], na: set[str], comments: Mapping[str, str]
    ) -> None:
        for widget in self.items:
            item_id = widget.item.id
            if item_id in na:
                widget.set_answer(None, not_applicable=True)
            elif scores.get(item_id) is not None:
                widget.set_answer(scores[item_id])
            widget.comment.setText(comments.get(item_id, ""))
        self._update_progress()
