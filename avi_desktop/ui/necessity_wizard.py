"""The necessity assessment as a wizard: one page per section of the necessity instrument.

A knock-out answer (no defined business problem; a simpler option meets the need) is explained
on its page the moment it is given. The outcome page records the decision through the store.
The rules are the model's (``evaluate_necessity``, ``suggest_outcome``); the wizard only shows
what they decide or suggest, and asks whether the assessment came before the technology decision.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from avi_desktop.model.domain import NecessityOutcome
from avi_desktop.model.errors import AviError, ValidationError
from avi_desktop.ui import style
from avi_desktop.ui.necessity_widgets import QuestionWidget

if TYPE_CHECKING:
    from avi_desktop.model.necessity import (
        NecessityInstrument,
        NecessitySection,
        NecessitySuggestion,
    )
    from avi_desktop.model.results import NecessityResult
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.host import FlowHost

# Initiative fields that answer a question already, so the user need not type them twice.
PREFILL = {
    "problem_statement": "business_problem",
    "kpi_name": "kpi_name",
    "kpi_baseline": "kpi_baseline",
    "kpi_target": "kpi_target",
    "business_owner": "business_owner",
    "data_ai_partner": "data_ai_partner",
    # The editor's "How the output is acted on" says how it enters the workflow, not who acts.
    "workflow_entry": "output_use",
}


def _banner() -> QLabel:
    label = style.mark_notice(QLabel())
    label.setTextFormat(Qt.TextFormat.RichText)
    label.hide()
    return label


def _bullets(lines: list[str]) -> str:
    return "<ul style='margin: 0'>" + "".join(f"<li>{escape(t)}</li>" for t in lines) + "</ul>"


class SectionPage(QWizardPage):
    def __init__(
        self, wizard: NecessityWizard, section: NecessitySection, number: int, total: int
    ) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Step {0} of {1}: {2}").format(number, total, section.title))
        self.setSubTitle(section.help)
        self.banner = _banner()
        self.banner.setAccessibleName(self.tr("Knock-out"))
        self.questions = [QuestionWidget(q) for q in section.questions]
        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(self.fontMetrics().height())  # room between one question and the next
        if number == 1:
            note = QLabel(
                self.tr(
                    "Answers already recorded for the initiative are filled in; check them. "
                    "Unanswered questions not marked optional make the outcome "
                    "“Insufficient information”."
                )
            )
            note.setWordWrap(True)
            column.addWidget(note)
        for widget in self.questions:
            column.addWidget(widget)
            widget.changed.connect(self._changed)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields are the Tab stops
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)

    def _changed(self) -> None:
        self._wizard.refresh_knockouts()

    def show_knockouts(self, reasons: list[str]) -> None:
        if reasons:
            self.banner.setText(
                "<b>"
                + escape(self.tr("This answer decides the outcome: Not justified — reconsider."))
                + "</b>"
                + _bullets(reasons)
                + escape(self.tr("Change the answer if it was a mistake."))
            )
        self.banner.setVisible(bool(reasons))

    def validatePage(self) -> bool:
        ok = True
        for widget in self.questions:
            try:
                widget.value()
            except ValueError:
                widget.show_error(self.tr("Enter a number, such as 12.5, or leave it empty."))
                ok = False
            else:
                widget.show_error("")
        return ok


class OutcomePage(QWizardPage):
    def __init__(self, wizard: NecessityWizard, total: int) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Step {0} of {0}: Outcome").format(total))
        self.setSubTitle(
            self.tr(
                "Record the decision: is AI the right tool here? Say why, who decided and when; "
                "the record appears in the initiative's detail and its briefing."
            )
        )
        self.banner = _banner()
        self.banner.setAccessibleDescription(
            self.tr("What decides the outcome")
        )  # read as its text
        self.outcomes = QButtonGroup(self)
        self._order = list(NecessityOutcome)
        outcome_box = QVBoxLayout()
        for number, outcome in enumerate(self._order):
            button = QRadioButton(self.tr(outcome.label))
            button.setAccessibleName(outcome.label)
            self.outcomes.addButton(button, number)
            outcome_box.addWidget(button)
        self.conditions = QPlainTextEdit()
        self.conditions.setTabChangesFocus(True)
        self.conditions.setPlaceholderText(
            self.tr("One condition per line (for “Justified with conditions”)")
        )
        self.conditions.setEnabled(False)
        self.outcomes.idToggled.connect(self._outcome_toggled)
        self.rationale = QPlainTextEdit()
        self.rationale.setTabChangesFocus(True)
        self.decided_by = QLineEdit()
        self.decided_on = QDateEdit(QDate.currentDate())
        self.decided_on.setCalendarPopup(True)
        style.window_dates(self.decided_on)
        self.rationale.setPlaceholderText(self.tr("Why this outcome, in a few sentences"))
        self.timing = QComboBox()
        for caption, value in (
            (self.tr("Not recorded"), None),
            (self.tr("Yes: no technology had been chosen yet"), True),
            (self.tr("No: the technology was already chosen"), False),
        ):
            self.timing.addItem(caption, value)
        self.timing.setToolTip(
            self.tr(
                "The paper asks for this assessment before any technology decision: made "
                "afterwards, it confirms a choice rather than informing it."
            )
        )
        self._suggested: NecessitySuggestion | None = None
        self.decided_by.setPlaceholderText(self.tr("A person, or a committee"))
        self.error = style.mark_error(QLabel())
        self.error.setAccessibleName(self.tr("Problem"))
        form = QFormLayout()
        for text, widget in (
            (self.tr("&Conditions"), self.conditions),
            (self.tr("&Rationale"), self.rationale),
            (self.tr("&Decided by"), self.decided_by),
            (self.tr("D&ate"), self.decided_on),
            (self.tr("Made before the &technology decision?"), self.timing),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(outcome_box)
        layout.addLayout(form)
        layout.addWidget(self.error)

    def _outcome_toggled(self, number: int, on: bool) -> None:
        if self._order[number] == NecessityOutcome.JUSTIFIED_WITH_CONDITIONS:
            self.conditions.setEnabled(on)

    def initializePage(self) -> None:
        forced = self._wizard.forced()
        for number, button in enumerate(self.outcomes.buttons()):
            button.setEnabled(forced is None)
            if forced is not None and self._order[number] == forced.outcome:
                button.setChecked(True)
        if forced is None:
            self._show_suggestion()
            return
        if forced.knockouts:
            head = self.tr("The outcome is “Not justified — reconsider”, because:")
            lines = [e.label for e in forced.knockouts]
            tail = self.tr("Go back to change an answer, or record the outcome with its rationale.")
        else:
            head = self.tr(
                "The outcome is “Insufficient information”: these questions are unanswered."
            )
            lines = [self._wizard.instrument.question(q).text for q in forced.missing]
            tail = self.tr("Go back to answer them, or record the outcome as it stands.")
        self.banner.setText(f"<b>{escape(head)}</b>{_bullets(lines)}{escape(tail)}")
        self.banner.show()

    def _show_suggestion(self) -> None:
        """The outcome the task-fit and data answers suggest, chosen until the user decides."""
        from avi_desktop.model.necessity import suggest_outcome

        suggested = suggest_outcome(self._wizard.instrument, self._wizard.answers())
        self._suggested = suggested
        if self.chosen() is None:
            self.outcomes.button(self._order.index(suggested.outcome)).setChecked(True)
        if suggested.conditions and not self.conditions.toPlainText().strip():
            self.conditions.setPlainText("\n".join(suggested.conditions))
        head = self.tr("The answers suggest “{0}”:").format(self.tr(suggested.outcome.label))
        tail = self.tr("You decide; choosing another outcome needs the rationale to say why.")
        self.banner.setText(
            f"<b>{escape(head)}</b>{_bullets(list(suggested.reasons))}{escape(tail)}"
        )
        self.banner.show()

    def overrides_suggestion(self) -> bool:
        """True when the chosen outcome is not the one the answers suggest."""
        return self._suggested is not None and self.chosen() not in (
            None,
            self._suggested.outcome,
        )

    def before_technology_decision(self) -> bool | None:
        value = self.timing.currentData()
        return value if isinstance(value, bool) else None

    def chosen(self) -> NecessityOutcome | None:
        number = self.outcomes.checkedId()
        return None if number < 0 else self._order[number]

    def decided_on_date(self) -> date:
        day = self.decided_on.date()
        return date(day.year(), day.month(), day.day())

    def validatePage(self) -> bool:
        chosen, suggested = self.chosen(), self._suggested
        if (
            self.overrides_suggestion()
            and chosen is not None
            and suggested is not None
            and not self.rationale.toPlainText().strip()
        ):
            self.error.setText(
                self.tr(
                    "The answers suggest “{0}”; say in the rationale why you chose “{1}”."
                ).format(self.tr(suggested.outcome.label), self.tr(chosen.label))
            )
            self.rationale.setFocus()
            return False
        try:
            self._wizard.save()
        except AviError as exc:
            self.error.setText(exc.message)
            return False
        return True


class NecessityWizard(QWizard):
    def __init__(
        self,
        store: PortfolioStore,
        initiative_id: str,
        instrument: NecessityInstrument,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.initiative_id, self.instrument = store, initiative_id, instrument
        initiative = store.get_initiative(initiative_id)
        self.setWindowTitle(self.tr("Necessity assessment — {0}").format(initiative.name))
        self.setAccessibleName(self.windowTitle())
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.saved_id: str | None = None
        total = len(instrument.sections) + 1  # and the outcome
        self.section_pages = [
            SectionPage(self, s, n, total) for n, s in enumerate(instrument.sections, start=1)
        ]
        for page in self.section_pages:
            self.addPage(page)
            for widget in page.questions:
                field = PREFILL.get(widget.question.id)
                if field:
                    widget.set_value(getattr(initiative, field, None) or None)
        self.outcome = OutcomePage(self, total)
        self.addPage(self.outcome)
        self.setMinimumSize(
            self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 46
        )
        self.refresh_knockouts()

    def answers(self) -> dict[str, Any]:
        """Answered questions only; a number that does not parse counts as unanswered."""
        result: dict[str, Any] = {}
        for page in self.section_pages:
            for widget in page.questions:
                try:
                    value = widget.value()
                except ValueError:
                    continue
                if value is not None:
                    result[widget.question.id] = value
        return result

    def forced(self) -> NecessityResult | None:
        """The outcome the rules impose (knock-out or missing answers), or None if it is free."""
        from avi_desktop.model.necessity import evaluate_necessity

        try:
            return evaluate_necessity(self.instrument, self.answers(), None)
        except ValidationError:
            return None

    def refresh_knockouts(self) -> None:
        forced = self.forced()
        refs = {e.ref: e.label for e in forced.knockouts} if forced else {}
        for page in self.section_pages:
            ids = {w.question.id for w in page.questions}
            page.show_knockouts([label for ref, label in refs.items() if ref in ids])

    def save(self) -> str:
        """Evaluate with the chosen outcome and record it through the store."""
        from avi_desktop.model.necessity import evaluate_necessity

        page = self.outcome
        conditions = [c for c in page.conditions.toPlainText().splitlines() if c.strip()]
        answers = self.answers()
        result = evaluate_necessity(self.instrument, answers, page.chosen(), conditions)
        self.saved_id = self.store.add_necessity(
            self.initiative_id,
            answers=answers,
            outcome=result.outcome,
            conditions=list(result.conditions),
            rationale=page.rationale.toPlainText().strip(),
            decided_by=page.decided_by.text().strip(),
            decided_on=page.decided_on_date(),
            instrument_id=self.instrument.id,
            instrument_version=self.instrument.version,
            before_technology_decision=page.before_technology_decision(),
        )
        return self.saved_id


def _tr(text: str) -> str:
    return QCoreApplication.translate("NecessityWizard", text)


def run_necessity_wizard(host: FlowHost) -> None:
    """The necessity assessment of the selected initiative."""
    store, chosen = host.store, host.selected()
    if store is None or chosen is None:
        return
    from avi_desktop.model.necessity import load_necessity_instrument

    try:
        wizard = NecessityWizard(
            store, chosen.id, load_necessity_instrument(), host.parent_widget()
        )
    except AviError as exc:
        host.show_error(exc.message)
        return
    wizard.exec()
    if wizard.saved_id is None:
        return
    from avi_desktop.model.audit import AuditEntity
    from avi_desktop.ui.undo import push_saved

    # The first Ctrl+Z after the wizard takes back this assessment, and only it.
    push_saved(
        host, _tr("Necessity assessment of “{0}”").format(chosen.name),
        AuditEntity.NECESSITY_ASSESSMENT, wizard.saved_id, None, select_id=chosen.id,
    )  # fmt: skip
