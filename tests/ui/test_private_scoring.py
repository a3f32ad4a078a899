"""Private scoring on one laptop: keys only, hand-over, resuming, and the same scores as packs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QWidget

from avi_desktop.model import packs
from avi_desktop.model.audit import AuditAction
from avi_desktop.model.domain import AssessmentStatus
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.leave_code import CodeDialog
from avi_desktop.ui.private_scoring import PrivateScoringWindow, open_private_scoring
from tests.model.test_packs import (
    PARTICIPANTS,
    Answers,
    answers_for,
    figures,
    filled_packs,
    stored_answers,
    workshop,
)
from tests.ui.test_flow_host import FakeHost

CODE = "2468"
KEYS = {1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3, 4: Qt.Key.Key_4, 5: Qt.Key.Key_5}
ITEMS = bundled_instrument().items()


@pytest.fixture(autouse=True)
def typed(monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> list[str]:
    """The facilitator types a code into each code dialog (the session's unless ``WRONG`` is
    queued in ``typed_next``), with the keyboard, and presses OK; the dialogs' texts are kept.
    The real dialog decides; only its modal loop is not run."""
    seen: list[str] = []

    def exec_(self: CodeDialog) -> int:
        seen.append(self.text.text())
        qtbot.keyClicks(self.code, typed_next.pop(0) if typed_next else CODE)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return self.result()

    monkeypatch.setattr(CodeDialog, "exec", exec_)
    return seen


typed_next: list[str] = []


@pytest.fixture
def host(qtbot: Any, store: PortfolioStore) -> Iterator[FakeHost]:
    parent = QWidget()
    qtbot.addWidget(parent)
    yield FakeHost(store, parent)


def press(qtbot: Any, window: PrivateScoringWindow, key: Qt.Key) -> None:
    """A key press on whatever page the window shows, as a keyboard would deliver it."""
    qtbot.keyClick(window.pages.currentWidget(), key)


def page(window: PrivateScoringWindow) -> str:
    shown = window.pages.currentWidget()
    assert shown is not None
    return shown.objectName()


def type_answers(qtbot: Any, window: PrivateScoringWindow, answers: Answers) -> None:
    """Answer every item by key: a score, N, or → to leave it blank; then submit."""
    assert page(window) == "handover_page"
    press(qtbot, window, Qt.Key.Key_Return)
    for item in ITEMS:
        assert window.panel.item.id == item.id
        if item.id not in answers:
            press(qtbot, window, Qt.Key.Key_Right)
        else:
            value = answers[item.id]
            press(qtbot, window, Qt.Key.Key_N if value is None else KEYS[value])
    assert page(window) == "review_page"
    press(qtbot, window, Qt.Key.Key_Return)


def open_window(host: FakeHost, assessment_id: str) -> PrivateScoringWindow:
    window = open_private_scoring(host, assessment_id, CODE)
    assert window is not None, host.errors
    return window


def test_eight_participants_typed_privately_score_exactly_as_their_packs_imported(
    qtbot: Any, host: FakeHost, tmp_path: Path, typed: list[str]
) -> None:
    store = host.portfolio
    by_files = workshop(store, "By files")
    report = packs.import_packs(store, filled_packs(store, by_files, tmp_path))
    assert report.ok and len(report.imported) == 8

    by_keys = workshop(store, "Typed privately")
    window = open_window(host, by_keys)
    instrument = bundled_instrument()
    for seed, participant in enumerate(PARTICIPANTS):
        assert window.handover.title.text() == f"Pass the laptop to {participant.name}"
        type_answers(qtbot, window, answers_for(instrument, seed)[0])
    assert page(window) == "done_page"
    assert "Pass the laptop back to the facilitator" in window.done.body.text()
    with qtbot.waitSignal(window.left):
        press(qtbot, window, Qt.Key.Key_Return)
    assert typed[-1].startswith("Every participant has submitted; all answers are saved.")

    assert figures(store, by_keys) == figures(store, by_files)
    assert list(stored_answers(store, by_keys).values()) == list(
        stored_answers(store, by_files).values()
    )
    assert all(r.submitted_at is not None for r in store.get_assessment(by_keys).respondents)
    assert host.undo_stack.count() == 1  # the session is one command


def test_each_answer_is_saved_as_given_and_only_the_participants_own_are_shown(
    qtbot: Any, host: FakeHost, answers: list[str]
) -> None:
    store = host.portfolio
    assessment_id = workshop(store)
    window = open_window(host, assessment_id)
    first, second = store.get_assessment(assessment_id).respondents[:2]
    events = len(store.audit_events())
    press(qtbot, window, Qt.Key.Key_Space)  # the facilitator's key starts the participant
    assert page(window) == "item_panel" and window.panel.who.text() == first.name
    for key in (Qt.Key.Key_4, Qt.Key.Key_2, Qt.Key.Key_5):
        press(qtbot, window, key)
    saved = store.get_assessment(assessment_id).respondents[0]
    assert {a.item_id: a.score for a in saved.answers} == {
        ITEMS[0].id: 4,
        ITEMS[1].id: 2,
        ITEMS[2].id: 5,
    }
    assert saved.submitted_at is None  # a draft until they submit
    assert [e.action for e in store.audit_events()[events:]] == [AuditAction.ANSWER] * 3

    press(qtbot, window, Qt.Key.Key_Backspace)
    press(qtbot, window, Qt.Key.Key_Left)
    assert window.panel.index == 1
    checked = [b.key.text() for b in window.panel.choices if b.isChecked()]
    assert checked == ["2"]  # their own earlier answer, shown while they revise
    press(qtbot, window, Qt.Key.Key_3)  # revised, and on to the next
    assert window.panel.index == 2
    for _ in ITEMS[2:]:
        press(qtbot, window, Qt.Key.Key_Right)
    assert page(window) == "review_page"
    summary = f"3 of {len(ITEMS)} statements answered; {len(ITEMS) - 3} left blank."
    assert summary in window.review.body.text()
    press(qtbot, window, Qt.Key.Key_Return)

    assert page(window) == "handover_page"
    assert window.handover.title.text() == f"Pass the laptop to {second.name}"
    shown = " ".join(label.text() for label in window.findChildren(type(window.handover.title)))
    assert first.name not in shown  # nothing of the last participant stays on screen
    press(qtbot, window, Qt.Key.Key_1)  # a stray score key does not start the next one
    assert page(window) == "handover_page"
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.panel.index == 0 and window.panel.answers == {}
    assert not any(b.isChecked() for b in window.panel.choices)
    saved = store.get_assessment(assessment_id).respondents[0]
    assert saved.submitted_at is not None
    assert {a.item_id: a.score for a in saved.answers}[ITEMS[1].id] == 3


def test_not_applicable_only_where_the_item_allows_it(qtbot: Any, host: FakeHost) -> None:
    store = host.portfolio
    assessment_id = workshop(store)
    window = open_window(host, assessment_id)
    press(qtbot, window, Qt.Key.Key_Return)
    refused = next(n for n, item in enumerate(ITEMS) if not item.allow_na)
    for _ in range(refused):
        press(qtbot, window, Qt.Key.Key_Right)
    press(qtbot, window, Qt.Key.Key_N)
    assert window.panel.index == refused and "cannot be marked not applicable" in (
        window.panel.notice.text()
    )
    assert not window.panel.choices[5].isVisibleTo(window.panel)
    allowed = next(n for n, item in enumerate(ITEMS) if item.allow_na and n > refused)
    for _ in range(allowed - refused):
        press(qtbot, window, Qt.Key.Key_Right)
    assert window.panel.choices[5].isVisibleTo(window.panel)
    press(qtbot, window, Qt.Key.Key_N)
    qtbot.mouseClick(window.panel.choices[2], Qt.MouseButton.LeftButton)  # a click answers too
    respondent = store.get_assessment(assessment_id).respondents[0]
    assert {a.item_id: (a.score, a.not_applicable) for a in respondent.answers} == {
        ITEMS[allowed].id: (None, True),
        ITEMS[allowed + 1].id: (3, False),
    }


def test_leaving_mid_way_asks_first_and_reopening_resumes_where_scoring_stopped(
    qtbot: Any, host: FakeHost, typed: list[str]
) -> None:
    store = host.portfolio
    assessment_id = workshop(store)
    window = open_window(host, assessment_id)
    type_answers(qtbot, window, {item.id: 3 for item in ITEMS})  # the first one finishes
    press(qtbot, window, Qt.Key.Key_Return)
    for key in (Qt.Key.Key_5, Qt.Key.Key_4, Qt.Key.Key_Right, Qt.Key.Key_1):
        press(qtbot, window, key)
    press(qtbot, window, Qt.Key.Key_Escape)  # the participant's Escape: back to the hand-over
    assert page(window) == "handover_page" and window.isVisible()
    assert "Esc: end the session (facilitator)" in window.handover.body.text()
    with qtbot.waitSignal(window.left):
        press(qtbot, window, Qt.Key.Key_Escape)  # the facilitator's
    assert typed and "resumes with" in typed[-1] and PARTICIPANTS[1].name in typed[-1]
    assert "Type the facilitator's code" in typed[-1]
    assert host.changes  # the host shows the new answers

    again = open_window(host, assessment_id)  # as after a crash: state comes from the store
    assert again.handover.title.text() == f"Pass the laptop to {PARTICIPANTS[1].name}"
    press(qtbot, again, Qt.Key.Key_Return)
    assert again.panel.index == 2  # the first item the second participant left unanswered
    assert again.panel.answers == {ITEMS[0].id: 5, ITEMS[1].id: 4, ITEMS[3].id: 1}
    again.close()


def test_without_the_facilitators_code_scoring_goes_on(qtbot: Any, host: FakeHost) -> None:
    """A participant on the hand-over page (Escape, Yes to anything) cannot reach the main
    window, where everyone's answers are: ending the session takes the code."""
    window = open_window(host, workshop(host.portfolio))
    for wrong in ("", "1357", CODE + "0", CODE[:-1]):
        typed_next.append(wrong)
        press(qtbot, window, Qt.Key.Key_Escape)
        assert window.isVisible() and page(window) == "handover_page", wrong
        typed_next.append(wrong)
        window.close()  # Alt+F4 or the window manager's close: the same
        assert window.isVisible() and page(window) == "handover_page", wrong
    with qtbot.waitSignal(window.left):
        window.close()


def test_the_code_dialogs_refuse_a_short_code_and_a_wrong_one(qtbot: Any) -> None:
    chooser = CodeDialog(None, "Code", "Choose")
    qtbot.addWidget(chooser)
    chooser.show()
    assert chooser.code.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(chooser.code, "123")
    qtbot.keyClick(chooser.code, Qt.Key.Key_Return)
    assert chooser.result() != QDialog.DialogCode.Accepted and chooser.problem.isVisibleTo(chooser)
    assert "at least 4 characters" in chooser.problem.text() and chooser.code.text() == ""
    qtbot.keyClicks(chooser.code, CODE)
    qtbot.keyClick(chooser.code, Qt.Key.Key_Return)
    assert chooser.result() == QDialog.DialogCode.Accepted

    leaving = CodeDialog(None, "Leave", "Type it", expected=CODE)
    qtbot.addWidget(leaving)
    leaving.show()
    qtbot.keyClicks(leaving.code, "8642")
    qtbot.keyClick(leaving.code, Qt.Key.Key_Return)
    assert leaving.result() != QDialog.DialogCode.Accepted
    assert "not the code" in leaving.problem.text()
    qtbot.keyClicks(leaving.code, CODE)
    qtbot.keyClick(leaving.code, Qt.Key.Key_Return)
    assert leaving.result() == QDialog.DialogCode.Accepted


def test_no_code_chosen_no_session(host: FakeHost, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CodeDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert open_private_scoring(host, workshop(host.portfolio)) is None


def test_a_participant_never_leaves_the_window_from_their_own_pages(
    qtbot: Any, host: FakeHost, typed: list[str]
) -> None:
    """Escape (answered Yes to anything asked), Alt+F4 or a close on the item or review page
    goes back to the hand-over page: the main window behind shows everyone's answers."""
    store = host.portfolio
    assessment_id = workshop(store)
    window = open_window(host, assessment_id)
    type_answers(qtbot, window, {item.id: 2 for item in ITEMS})  # the first one submits
    left: list[bool] = []
    window.left.connect(left.append)
    asked = len(typed)

    def shown_text() -> str:
        labels = window.findChildren(type(window.handover.title))
        return " ".join(label.text() for label in labels if label.isVisibleTo(window))

    press(qtbot, window, Qt.Key.Key_Return)  # the second participant has the laptop
    press(qtbot, window, Qt.Key.Key_4)
    press(qtbot, window, Qt.Key.Key_Escape)
    for leave in ("item-escape", "item-close", "review-escape", "review-close"):
        if leave.startswith("review"):
            press(qtbot, window, Qt.Key.Key_Return)
            for _ in ITEMS[window.panel.index :]:
                press(qtbot, window, Qt.Key.Key_Right)
            assert page(window) == "review_page"
        else:
            press(qtbot, window, Qt.Key.Key_Return)
            assert page(window) == "item_panel"
        if leave.endswith("escape"):
            press(qtbot, window, Qt.Key.Key_Escape)
        else:
            window.close()
        assert left == [] and window.isVisible(), leave
        assert page(window) == "handover_page", leave
        assert window.panel.answers == {} and not any(b.isChecked() for b in window.panel.choices)
        assert PARTICIPANTS[0].name not in shown_text()
    assert len(typed) == asked  # nothing was asked that a participant could answer
    press(qtbot, window, Qt.Key.Key_Return)  # resumes with the second one's own answers only
    assert window.panel.who.text() == PARTICIPANTS[1].name
    assert window.panel.answers == {ITEMS[0].id: 4} and window.panel.index == 1
    second = store.get_assessment(assessment_id).respondents[1]
    assert second.submitted_at is None  # a draft, kept
    press(qtbot, window, Qt.Key.Key_Escape)
    with qtbot.waitSignal(window.left):
        press(qtbot, window, Qt.Key.Key_Escape)  # the facilitator, from the hand-over page
    assert "resumes with" in typed[-1]


def test_a_closed_workshop_is_not_opened_and_the_store_refuses_answers(
    qtbot: Any, host: FakeHost, answers: list[str]
) -> None:
    store = host.portfolio
    assessment_id = workshop(store)
    window = open_window(host, assessment_id)
    press(qtbot, window, Qt.Key.Key_Return)
    store.set_assessment_status(assessment_id, AssessmentStatus.CLOSED)  # closed meanwhile
    press(qtbot, window, Qt.Key.Key_4)
    assert window.panel.index == 0 and "closed and read-only" in answers[-1]
    window.close()  # from the item page: back to the hand-over page first
    assert page(window) == "handover_page"
    with qtbot.waitSignal(window.left):
        window.close()

    assert open_private_scoring(host, assessment_id, CODE) is None
    assert "closed and read-only" in host.errors[-1]

    from avi_desktop.model.participants import create_workshop

    empty = create_workshop(
        store, store.add_initiative(name="Nobody yet"), title="Empty",
        participants=[], instrument=bundled_instrument(),
    )  # fmt: skip
    assert open_private_scoring(host, empty, CODE) is None
    assert "no participants yet" in host.errors[-1]


def test_undo_takes_back_the_whole_session(qtbot: Any, host: FakeHost, answers: list[str]) -> None:
    store = host.portfolio
    assessment_id = workshop(store)
    window = open_window(host, assessment_id)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_Escape)
    with qtbot.waitSignal(window.left):
        window.close()
    assert stored_answers(store, assessment_id)[
        store.get_assessment(assessment_id).respondents[0].id
    ] == {ITEMS[0].id: 2}
    host.undo_stack.undo()
    assert all(not a for a in stored_answers(store, assessment_id).values())


def test_the_workshop_menu_serves_an_open_workshop_of_the_selected_initiative(
    qtbot: Any, window: Any, small_portfolio: Path, answers: list[str]
) -> None:
    from avi_desktop.model.participants import create_workshop
    from tests.ui.conftest import open_and_wait

    with PortfolioStore.open(small_portfolio) as store:
        ids = {store.get_initiative(i).name: i for i in store.initiative_ids()}
        workshop_id = create_workshop(
            store, ids["Claims triage"], title="Claims workshop",
            participants=PARTICIPANTS[:2], instrument=bundled_instrument(),
        )  # fmt: skip
    open_and_wait(qtbot, window, small_portfolio)
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    texts = [a.text() for a in menus["&Workshop"].actions()]
    assert "Score &privately…" in texts and "Enter answers from &paper…" in texts
    acts = window.acts
    window.portfolio_view.select(ids["Fraud scoring"])
    assert not acts.score_privately.isEnabled() and not acts.paper_answers.isEnabled()
    window.portfolio_view.select(ids["Claims triage"])
    assert acts.score_privately.isEnabled() and acts.paper_answers.isEnabled()

    acts.score_privately.trigger()
    scoring = window.findChild(PrivateScoringWindow)
    assert scoring is not None and scoring.isFullScreen()
    assert scoring.handover.title.text() == f"Pass the laptop to {PARTICIPANTS[0].name}"
    with qtbot.waitSignal(scoring.left):
        scoring.close()

    window.store.set_assessment_status(workshop_id, AssessmentStatus.CLOSED)
    window.portfolio_view.select(ids["Fraud scoring"])
    window.portfolio_view.select(ids["Claims triage"])
    assert not acts.score_privately.isEnabled()


def test_spaces_around_the_code_do_not_count(qtbot: Any, host: FakeHost) -> None:
    """Invisible in the hidden field: a code chosen as "2468 " ends the session as "2468"."""
    typed_next.append(f" {CODE} ")
    window = open_private_scoring(host, workshop(host.portfolio))
    assert window is not None
    with qtbot.waitSignal(window.left):
        window.close()  # the session's code, typed without the spaces
