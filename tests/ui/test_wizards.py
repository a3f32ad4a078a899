"""Both wizards driven to a saved result with real widgets and a real portfolio file."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from avi_desktop.model.domain import AssessmentStatus, NecessityOutcome
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.necessity import load_necessity_instrument
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.assessment_pages import NOT_APPLICABLE, LayerPage
from avi_desktop.ui.assessment_wizard import AssessmentWizard, draft_ids
from avi_desktop.ui.necessity_wizard import NecessityWizard


@pytest.fixture
def opened(small_portfolio: Path) -> Any:
    with PortfolioStore.open(small_portfolio) as store:
        yield store, store.initiative_ids()[0]


def _answer_layer(page: LayerPage, score: int, skip_last: int = 0) -> None:
    for widget in page.items[: len(page.items) - skip_last]:
        widget.set_answer(score)


def test_assessment_wizard_saves_a_draft_resumes_and_reaches_results(
    qtbot: Any, opened: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, initiative_id = opened
    instrument = bundled_instrument()
    wizard = AssessmentWizard(store, initiative_id, "Claims triage", instrument)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # the respondent is required
    wizard.intro.respondent.setText("Ada Byrne")
    assert next_button.isEnabled()
    wizard.intro.role.setText("COO")
    wizard.next()
    assert wizard.currentPage() is wizard.layer_pages[0]
    _answer_layer(wizard.layer_pages[0], 4)
    first = wizard.layer_pages[0].items[0]
    first.comment.setText("Models are monitored weekly")
    assert wizard.save_draft()
    assert draft_ids(store, initiative_id) == [wizard.assessment_id]

    # Resume in a fresh wizard: the answers and the comment come back.
    resumed = AssessmentWizard(store, initiative_id, "Claims triage", instrument)
    qtbot.addWidget(resumed)
    resumed.load_draft(wizard.assessment_id or "")
    assert resumed.intro.respondent.text() == "Ada Byrne"
    assert [w.answer() for w in resumed.layer_pages[0].items] == [4] * 12  # Technology, 2.0
    assert resumed.layer_pages[0].items[0].comment.text() == "Models are monitored weekly"
    assert resumed.layer_pages[1].items[0].answer() is None

    resumed.show()
    for number, page in enumerate(resumed.layer_pages[1:], start=2):
        _answer_layer(page, 2 if number == 4 else 3)
        na = [w for w in page.items if w.item.allow_na]
        if na:
            na[0].set_answer(None, not_applicable=True)
    for _ in range(len(resumed.layer_pages) + 1):
        resumed.next()
    assert resumed.currentPage() is resumed.results
    result = resumed.scored
    assert result is not None and result.alignment_index is not None
    assert store.get_assessment(resumed.assessment_id or "").status == AssessmentStatus.OPEN
    assert resumed.results.layers_model.rowCount() == 4
    assert "Alignment index" in resumed.results.summary.text()
    assert resumed.results.export_button.isVisible()
    resumed.results.ring.draw_now()
    assert resumed.results.ring.canvas is not None
    # The stored answers are what the pages showed (N/A stored as no score).
    stored = store.get_assessment(resumed.assessment_id or "").respondents[0].answers
    assert len(stored) >= 37
    assert any(a.not_applicable for a in stored) == any(
        w.answer() == NOT_APPLICABLE for p in resumed.layer_pages for w in p.items
    )


def test_assessment_wizard_warns_before_finishing_with_thin_layers(
    qtbot: Any, opened: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, initiative_id = opened
    wizard = AssessmentWizard(store, initiative_id, "Claims triage", bundled_instrument())
    qtbot.addWidget(wizard)
    asked: list[list[str]] = []

    def refuse(layers: list[str]) -> bool:
        asked.append(layers)
        return False

    monkeypatch.setattr(wizard, "confirm_insufficient", refuse)
    wizard.show()
    wizard.intro.respondent.setText("Ben")
    for page in wizard.layer_pages:
        # Societal Trust has 16 items (instrument 2.0): 9 answered is under 60 %.
        _answer_layer(page, 3, skip_last=7 if page is wizard.layer_pages[-1] else 0)
        assert ("insufficient" in page.warning.text()) == (page is wizard.layer_pages[-1])
    for _ in range(len(wizard.layer_pages) + 1):
        wizard.next()
    assert asked == [[wizard.layer_pages[-1].spec.title]]
    assert wizard.currentPage() is wizard.layer_pages[-1]  # stayed to fix it
    assert wizard.assessment_id is None  # nothing written


def _answer_everything(wizard: NecessityWizard) -> None:
    yes_no = {"problem_defined": True, "simpler_option_meets_need": False}
    for page in wizard.section_pages:
        for widget in page.questions:
            q = widget.question
            if q.kind == "yes_no":
                widget.set_value(yes_no.get(q.id, True))
            elif q.kind == "choice":
                widget.set_value(q.choices[-1][0])
            elif q.kind == "number":
                widget.set_value(10.0)
            else:
                widget.set_value("Answered")


def test_necessity_knockout_is_explained_at_once_and_forces_not_justified(
    qtbot: Any, opened: Any
) -> None:
    store, initiative_id = opened
    wizard = NecessityWizard(store, initiative_id, load_necessity_instrument())
    qtbot.addWidget(wizard)
    wizard.show()
    _answer_everything(wizard)
    page = wizard.section_pages[0]
    assert not page.banner.isVisible()
    problem = next(w for w in page.questions if w.question.id == "problem_defined")
    problem.set_value(False)
    assert page.banner.isVisible()
    assert "Not justified" in page.banner.text()
    for _ in wizard.section_pages:
        wizard.next()
    assert wizard.currentPage() is wizard.outcome
    assert wizard.outcome.chosen() == NecessityOutcome.NOT_JUSTIFIED
    assert not wizard.outcome.outcomes.buttons()[0].isEnabled()
    banner = wizard.outcome.banner.text()
    assert "No business problem has been defined." in banner
    assert "(No)" not in banner  # the reason in words, not the raw answer
    wizard.outcome.rationale.setPlainText("No problem was named.")
    wizard.outcome.decided_by.setText("Risk committee")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    saved = store.get_initiative(initiative_id).necessity_assessments[-1]
    assert saved.outcome == NecessityOutcome.NOT_JUSTIFIED.value
    assert saved.answers["problem_defined"] is False
    assert saved.decided_by == "Risk committee"


def test_necessity_with_conditions_needs_them_listed(qtbot: Any, opened: Any) -> None:
    store, initiative_id = opened
    wizard = NecessityWizard(store, initiative_id, load_necessity_instrument())
    qtbot.addWidget(wizard)
    wizard.show()
    _answer_everything(wizard)
    assert all(not p.banner.isVisible() for p in wizard.section_pages)
    for _ in wizard.section_pages:
        wizard.next()
    assert wizard.outcome.outcomes.buttons()[1].isEnabled()
    assert not wizard.outcome.conditions.isEnabled()  # only "with conditions" takes them
    wizard.outcome.outcomes.buttons()[1].setChecked(True)  # with conditions
    assert wizard.outcome.conditions.isEnabled()
    wizard.outcome.rationale.setPlainText("Wrong refusals would harm customers.")
    wizard.outcome.decided_by.setText("Risk committee")
    assert not wizard.outcome.validatePage()
    assert "conditions" in wizard.outcome.error.text()
    wizard.outcome.conditions.setPlainText("Human review of every refusal\n\nQuarterly audit")
    assert wizard.outcome.validatePage()
    saved = store.get_initiative(initiative_id).necessity_assessments[-1]
    assert saved.outcome == NecessityOutcome.JUSTIFIED_WITH_CONDITIONS.value
    assert saved.conditions == ["Human review of every refusal", "Quarterly audit"]


def test_necessity_pages_number_their_steps_and_reuse_the_initiatives_answers(
    qtbot: Any, small_portfolio: Path
) -> None:
    with PortfolioStore.open(small_portfolio) as store:
        initiative_id = store.initiative_ids()[0]
        store.update_initiative(initiative_id, output_use="Adjusters read it before triage.")
        wizard = NecessityWizard(store, initiative_id, load_necessity_instrument())
        qtbot.addWidget(wizard)
        total = len(wizard.section_pages) + 1
        assert wizard.section_pages[0].title().startswith(f"Step 1 of {total}: ")
        assert wizard.outcome.title() == f"Step {total} of {total}: Outcome"
        widgets = {w.question.id: w for p in wizard.section_pages for w in p.questions}
        # "How the output is acted on" answers how it enters the workflow, not who acts on it.
        assert widgets["workflow_entry"].value() == "Adjusters read it before triage."
        assert widgets["output_actor"].value() is None
        optional = [w for w in widgets.values() if not w.question.required]
        assert optional and all("(optional)" in w.label.text() for w in optional)
        assert all("(required)" not in w.label.text() for w in widgets.values())


def test_layer_page_says_how_many_statements_must_be_scored(qtbot: Any, opened: Any) -> None:
    store, initiative_id = opened
    wizard = AssessmentWizard(store, initiative_id, "Claims triage", bundled_instrument())
    qtbot.addWidget(wizard)
    page = wizard.layer_pages[0]
    total = len(page.items)
    needed = math.ceil(page.min_fraction * total)
    assert f"Score at least {needed} of the {total} statements" in page.warning.text()
    _answer_layer(page, 4, skip_last=total - needed)
    assert page.warning.text() == ""
    assert wizard.testOption(QWizard.WizardOption.NoCancelButtonOnLastPage)


def test_the_four_layer_wizard_works_by_keyboard_alone(qtbot: Any, opened: Any) -> None:
    """Alt+letter for fields and buttons; each page opens on its first statement; Tab from
    statement to statement, arrows and Space to choose an anchor; Alt+N to move on; Alt+F to
    finish."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    store, initiative_id = opened
    wizard = AssessmentWizard(store, initiative_id, "Claims triage", bundled_instrument())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)

    def key(code: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or wizard
        qtbot.keyClick(target, code, modifier)

    key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # &Respondent name or code
    assert QApplication.focusWidget() is wizard.intro.respondent
    qtbot.keyClicks(wizard.intro.respondent, "Board member")
    for number, page in enumerate(wizard.layer_pages):
        before = wizard.currentId()
        key(Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # &Next (the click lands ~0.1 s on)
        qtbot.waitUntil(lambda before=before: wizard.currentId() == before + 1)
        assert wizard.currentPage() is page
        for n, item in enumerate(page.items):
            if n == 0:  # a page opens on its first statement's first anchor
                qtbot.waitUntil(
                    lambda item=item: QApplication.focusWidget() is item.group.button(1)
                )
            else:
                key(Qt.Key.Key_Tab)  # onto the statement's first anchor
            assert QApplication.focusWidget() is item.group.button(1)
            for _ in range(number):  # layer n gets score n + 1
                key(Qt.Key.Key_Down)
            key(Qt.Key.Key_Space)
            key(Qt.Key.Key_Tab)  # on to its comment box
            assert QApplication.focusWidget() is item.comment
        assert [w.answer() for w in page.items] == [number + 1] * len(page.items)
    before = wizard.currentId()
    key(Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.results)
    assert wizard.scored is not None
    key(Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # &Finish
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assessment = store.get_assessment(wizard.assessment_id)
    assert assessment.status != AssessmentStatus.DRAFT.value
