"""The four-layer questionnaire as a wizard: save as draft, resume, validate, show results.

Answers are written through the store (a draft assessment and its respondent); the results page
shows what ``overview.evaluate_assessment`` computed.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.domain import AssessmentStatus, StakeholderGroup
from avi_desktop.model.errors import AviError
from avi_desktop.ui import action_flow, formatting, style
from avi_desktop.ui.assessment_pages import IntroPage, LayerPage
from avi_desktop.ui.chart_view import ChartView
from avi_desktop.ui.records_model import RecordsModel, fit_height, records_view
from avi_desktop.ui.undo import push_saved

if TYPE_CHECKING:
    from collections.abc import Callable

    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.results import AssessmentResult, Recommendation
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.host import FlowHost


class ResultsPage(QWizardPage):
    """Ring diagram, bands, patterns with evidence, recommendations, and the export button."""

    action_requested = Signal(object)  # "Create action": the action's fields as suggested

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Results"))
        self.setSubTitle(
            self.tr(
                "Saved. Each ring is a layer, technology innermost; its arc runs clockwise from "
                "the top to the score (a full circle is 100), the black line marks the target."
            )
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.ring = ChartView(self.tr("Ring diagram"))
        self.layers_model = RecordsModel(
            formatting.layer_headers(),
            self,
            numeric=formatting.LAYER_NUMERIC_COLUMNS,
            header_tips=formatting.layer_header_tips(),
        )
        self.layers_view = records_view(self.layers_model, self.tr("Layer scores"))
        self.patterns = QLabel()
        self.patterns.setWordWrap(True)
        self.patterns.setAccessibleDescription(self.tr("Patterns"))  # read as its text
        self.recommendations = QLabel()
        self.recommendations.setWordWrap(True)
        self.recommendations.setAccessibleDescription(self.tr("Recommendations"))
        self.recommendations.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.recommendations.linkActivated.connect(self._recommendation_link)
        self._recommendations: tuple[Recommendation, ...] = ()
        self.export_button = QPushButton(self.tr("E&xport briefing…"))
        self.export_button.setAccessibleName(self.tr("Export briefing"))
        body = QWidget()
        column = QVBoxLayout(body)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)  # in view at once, not below the fold
        column.addLayout(top)
        for widget in (self.ring, self.layers_view):
            column.addWidget(widget)
        gap = self.fontMetrics().height() // 2
        column.addSpacing(gap)
        column.addWidget(style.heading(self.tr("Misalignment patterns"), 1.15))
        column.addWidget(self.patterns)
        column.addSpacing(gap)
        column.addWidget(style.heading(self.tr("Recommendations"), 1.15))
        column.addWidget(self.recommendations)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the controls in it are the Tab stops
        scroll.setAccessibleName(self.tr("Results"))
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    def show_result(self, result: AssessmentResult, instrument: Instrument) -> None:
        self.summary.setText(formatting.summary_text(result))
        self.layers_model.set_header_tips(
            formatting.layer_header_tips(instrument.low_agreement_rwg)
        )
        self.layers_model.set_rows(formatting.layer_rows(result))
        fit_height(self.layers_view)
        self.patterns.setText(formatting.patterns_html(result.patterns))
        self._recommendations = tuple(result.recommendations)
        self.recommendations.setText(
            formatting.recommendations_html(result.recommendations, links=True)
        )

        def figure(width_in: float, font_pt: float) -> Any:
            from avi_desktop.charts import ring_pane_figure

            return ring_pane_figure(
                result, instrument=instrument, width_in=width_in, font_pt=font_pt
            )

        self.ring.show_figure(figure, formatting.ring_description(result))

    def show_error(self, message: str) -> None:
        self.summary.setText(message)

    def _recommendation_link(self, link: str) -> None:
        """ "Create action" beside a recommendation: the action editor, filled in from it."""
        number = int(link.partition(":")[2] or -1)
        if link.startswith("rec:") and 0 <= number < len(self._recommendations):
            from avi_desktop.ui.action_editor import from_recommendation

            self.action_requested.emit(from_recommendation(self._recommendations[number]))


class AssessmentWizard(QWizard):
    """Intro, one page per layer, results. ``assessment_id`` is set once anything is saved."""

    def __init__(
        self,
        store: PortfolioStore,
        initiative_id: str,
        initiative_name: str,
        instrument: Instrument,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Four-layer assessment — {0}").format(initiative_name))
        self.setAccessibleName(self.windowTitle())
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        # On the results page everything is saved already: Cancel would only mislead.
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Save &draft"))
        self.customButtonClicked.connect(lambda _which: self.save_draft())
        self.store, self.initiative_id, self.instrument = store, initiative_id, instrument
        self.assessment_id: str | None = None
        self.respondent_id: str | None = None
        self.scored: AssessmentResult | None = None
        self.intro = IntroPage(initiative_name, instrument.layers)
        self.addPage(self.intro)
        self.layer_pages = [
            LayerPage(spec, n, len(instrument.layers), instrument.min_answered_fraction)
            for n, spec in enumerate(instrument.layers, start=1)
        ]
        for page in self.layer_pages:
            self.addPage(page)
        self.results = ResultsPage()
        self.addPage(self.results)
        self.currentIdChanged.connect(self._page_changed)
        self._tab_like_the_screen()  # once the pages are in the focus chain
        self.setMinimumSize(
            self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 46
        )

    # -- drafts --------------------------------------------------------------------------------

    def load_draft(self, assessment_id: str) -> None:
        """Resume a draft: fill the intro and every answer from the stored assessment."""
        assessment = self.store.get_assessment(assessment_id)
        self.assessment_id = assessment_id
        self.intro.title_edit.setText(assessment.title)
        on = assessment.assessed_on
        self.intro.on.setDate(QDate(on.year, on.month, on.day))
        self.intro.mode.setCurrentIndex(max(self.intro.mode.findData(assessment.mode), 0))
        if assessment.respondents:
            respondent = assessment.respondents[0]
            self.respondent_id = respondent.id
            self.intro.respondent.setText(respondent.name)
            self.intro.role.setText(respondent.role)
            self.intro.group.setCurrentIndex(
                max(self.intro.group.findData(respondent.stakeholder_group), 0)
            )
            scores = {a.item_id: a.score for a in respondent.answers}
            na = {a.item_id for a in respondent.answers if a.not_applicable}
            comments = {a.item_id: a.comment for a in respondent.answers if a.comment}
            for page in self.layer_pages:
                page.load(scores, na, comments)

    def _ensure_saved_header(self) -> None:
        if self.assessment_id is None:
            self.assessment_id = self.store.create_assessment(
                self.initiative_id,
                title=self.intro.title_edit.text().strip(),
                instrument=self.instrument,
                assessed_on=self.intro.assessed_on(),
                mode=str(self.intro.mode.currentData()),
            )
        if self.respondent_id is None:
            self.respondent_id = self.store.add_respondent(
                self.assessment_id,
                name=self.intro.respondent.text().strip(),
                group=StakeholderGroup(str(self.intro.group.currentData())),
                role=self.intro.role.text().strip(),
            )

    def _write_answers(self, submitted: bool = False) -> None:
        self._ensure_saved_header()
        scores: dict[str, int | None] = {}
        comments: dict[str, str] = {}
        for page in self.layer_pages:
            page_scores, page_comments = page.answers()
            scores.update(page_scores)
            comments.update(page_comments)
        assert self.respondent_id is not None
        self.store.set_answers(self.respondent_id, scores, comments, submitted=submitted)

    def _tab_like_the_screen(self) -> None:
        """Tab through the buttons left to right, as they are laid out (Qt's order is the
        order it created them in, which put Cancel before Save draft)."""
        b = QWizard.WizardButton
        order = [b.CustomButton1, b.BackButton, b.NextButton, b.CommitButton, b.FinishButton]
        self.setButtonLayout([b.Stretch, *order, b.CancelButton])
        buttons = [self.button(which) for which in [*order, b.CancelButton]]
        for first, second in itertools.pairwise(buttons):
            QWidget.setTabOrder(first, second)

    def save_draft(self) -> bool:
        """Write what is answered so far; the assessment stays a draft to resume later."""
        if not self.intro.title_edit.text().strip() or not self.intro.respondent.text().strip():
            QMessageBox.information(
                self,
                self.windowTitle(),
                self.tr("Enter a title and the respondent's name on the first page before saving."),
            )
            return False
        try:
            self._write_answers()
        except AviError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return False
        self.setWindowTitle(self.windowTitle().split(" (")[0] + self.tr(" (draft saved)"))
        return True

    # -- validation and results ----------------------------------------------------------------

    def validateCurrentPage(self) -> bool:
        page = self.currentPage()
        if page is self.layer_pages[-1]:
            thin = [p.spec.title for p in self.layer_pages if p.insufficient()]
            if thin and not self.confirm_insufficient(thin):
                return False
        return super().validateCurrentPage()

    def confirm_insufficient(self, layers: list[str]) -> bool:
        """Ask before finishing with layers under the answered threshold (tests replace this)."""
        answer = QMessageBox.question(
            self,
            self.tr("Some layers lack answers"),
            self.tr(
                "These layers have fewer than {0:.0%} of their items scored and will show as "
                "insufficient data: {1}. Finish anyway?"
            ).format(self.instrument.min_answered_fraction, ", ".join(layers)),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _page_changed(self, page_id: int) -> None:
        self.button(QWizard.WizardButton.CustomButton1).setVisible(
            self.page(page_id) is not self.results
        )
        if self.page(page_id) is self.results:
            self.finish_and_score()

    def finish_and_score(self) -> None:
        """Save the answers, open the assessment (no longer a draft) and show its results."""
        from avi_desktop.model.overview import evaluate_assessment

        try:
            self._write_answers(submitted=True)
            assert self.assessment_id is not None
            assessment = self.store.get_assessment(self.assessment_id)
            if assessment.status == AssessmentStatus.DRAFT:
                self.store.set_assessment_status(self.assessment_id, AssessmentStatus.OPEN)
            self.scored = evaluate_assessment(self.store, self.assessment_id)
        except AviError as exc:
            self.results.show_error(exc.message)
            return
        self.results.show_result(self.scored, self.instrument)


def _tr(text: str) -> str:
    return QCoreApplication.translate("AssessmentWizard", text)


def _wire_and_run(
    host: FlowHost,
    wizard: AssessmentWizard,
    initiative_id: str,
    export_brief: Callable[[str], None],
) -> None:
    wizard.results.export_button.clicked.connect(lambda: export_brief(initiative_id))
    wizard.results.action_requested.connect(
        lambda fields: _create_action(host, wizard, initiative_id, fields)
    )
    before = None
    try:
        if wizard.assessment_id is not None:  # a draft resumed: undo puts it back as it was
            before = wizard.store.export_record(AuditEntity.ASSESSMENT, wizard.assessment_id)
    except AviError as exc:
        host.show_error(exc.message)
        return
    wizard.exec()
    if wizard.assessment_id is None:
        return
    # The assessment with its respondents and answers: one command, undone first.
    push_saved(
        host, _tr("Four-layer assessment “{0}”").format(wizard.intro.title_edit.text().strip()),
        AuditEntity.ASSESSMENT, wizard.assessment_id, before, select_id=initiative_id,
    )  # fmt: skip


def _create_action(
    host: FlowHost, wizard: QWidget, initiative_id: str, initial: dict[str, Any]
) -> None:
    """The action editor over the wizard; the action is saved as an undoable command."""
    from avi_desktop.ui.action_editor import ActionEditor

    editor = ActionEditor(wizard, initial)
    if editor.exec() == ActionEditor.DialogCode.Accepted:
        action_flow.add_action(host, initiative_id, editor.values())


def run_assessment_wizard(host: FlowHost, export_brief: Callable[[str], None]) -> None:
    """A new four-layer assessment of the selected initiative.

    ``export_brief(initiative_id)`` serves the results page's export button.
    """
    store, chosen = host.store, host.selected()
    if store is None or chosen is None:
        return
    try:
        instrument = host.instrument()
    except AviError as exc:
        host.show_error(exc.message)
        return
    wizard = AssessmentWizard(store, chosen.id, chosen.name, instrument, host.parent_widget())
    _wire_and_run(host, wizard, chosen.id, export_brief)


def draft_ids(store: PortfolioStore, initiative_id: str) -> list[str]:
    """The initiative's draft assessments, newest last."""
    return [a.id for a in store.assessments(initiative_id) if a.status == AssessmentStatus.DRAFT]


def resume_assessment_wizard(host: FlowHost, export_brief: Callable[[str], None]) -> None:
    """Resume the selected initiative's newest draft assessment."""
    store, chosen = host.store, host.selected()
    if store is None or chosen is None:
        return
    try:
        drafts = draft_ids(store, chosen.id)
        instrument = host.instrument()
    except AviError as exc:
        host.show_error(exc.message)
        return
    if not drafts:
        QMessageBox.information(
            host.parent_widget(),
            _tr("Resume draft"),
            _tr(
                "“{0}” has no draft assessment. Start a new one with Assessment ▸ New four-layer "
                "assessment."
            ).format(chosen.name),
        )
        return
    wizard = AssessmentWizard(store, chosen.id, chosen.name, instrument, host.parent_widget())
    wizard.load_draft(drafts[-1])
    _wire_and_run(host, wizard, chosen.id, export_brief)
