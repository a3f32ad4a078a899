"""Answers from paper: keys fill the grid and move on; saving is one whole, undoable write."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from avi_desktop.model.domain import AssessmentStatus
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui import paper_grid
from avi_desktop.ui.paper_grid import FIRST_ITEM, PaperGridDialog, open_paper_grid
from tests.model.test_packs import answers_for, figures, stored_answers, workshop
from tests.ui.test_flow_host import FakeHost

KEYS = {1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3, 4: Qt.Key.Key_4, 5: Qt.Key.Key_5}
ITEMS = bundled_instrument().items()


@pytest.fixture
def host(qtbot: Any, store: PortfolioStore) -> Iterator[FakeHost]:
    parent = QWidget()
    qtbot.addWidget(parent)
    yield FakeHost(store, parent)


def run_grid(
    monkeypatch: pytest.MonkeyPatch, qtbot: Any, host: FakeHost, assessment_id: str, typing: Any
) -> PaperGridDialog | None:
    """Open the grid as the window would, type into it with ``typing(dialog)``, then save."""

    def exec_(dialog: PaperGridDialog) -> int:
        qtbot.addWidget(dialog)
        typing(dialog)
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(PaperGridDialog, "exec", exec_)
    return open_paper_grid(host, assessment_id)


def key(qtbot: Any, dialog: PaperGridDialog, value: Any) -> None:
    qtbot.keyClick(dialog.table, value)


def test_typing_every_sheet_fills_row_after_row_and_scores_as_the_answers_set_directly(
    qtbot: Any, host: FakeHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = host.portfolio
    instrument = bundled_instrument()
    on_paper = workshop(store, "On paper")

    def typing(dialog: PaperGridDialog) -> None:
        model = dialog.model
        assert dialog.table.currentIndex().column() == FIRST_ITEM  # ready to type
        for row in range(8):
            answers = answers_for(instrument, row)[0]
            for item in ITEMS:
                assert dialog.table.currentIndex().row() == row
                if item.id not in answers:
                    key(qtbot, dialog, Qt.Key.Key_Right)
                    if item is ITEMS[-1]:  # a row ending blank: step to the next row by hand
                        dialog.table.setCurrentIndex(model.index(row + 1, FIRST_ITEM))
                    continue
                value = answers[item.id]
                key(qtbot, dialog, Qt.Key.Key_N if value is None else KEYS[value])
            blank = len(ITEMS) - len(answers)
            assert model.data(model.index(row, 1)) == (str(blank) if blank else "complete")

    dialog = run_grid(monkeypatch, qtbot, host, on_paper, typing)
    assert dialog is not None and len(dialog.saved) == 8

    direct = workshop(store, "Set directly")
    for seed, respondent in enumerate(store.get_assessment(direct).respondents):
        store.set_answers(respondent.id, answers_for(instrument, seed)[0], submitted=True)
    assert figures(store, on_paper) == figures(store, direct)
    assert host.undo_stack.count() == 1 and host.changes
    host.undo_stack.undo()
    assert all(not a for a in stored_answers(store, on_paper).values())


def test_n_where_not_allowed_is_refused_and_clearing_keys_work(
    qtbot: Any, host: FakeHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = host.portfolio
    assessment_id = workshop(store)

    r = next(n for n, item in enumerate(ITEMS) if not item.allow_na)  # N/A not allowed here

    def typing(dialog: PaperGridDialog) -> None:
        model = dialog.model
        for _ in range(r):
            key(qtbot, dialog, Qt.Key.Key_Right)
        key(qtbot, dialog, Qt.Key.Key_N)
        assert "cannot be marked not applicable" in dialog.notice.text()
        assert dialog.table.currentIndex().column() == FIRST_ITEM + r
        for value in (Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_2):
            key(qtbot, dialog, value)
        key(qtbot, dialog, Qt.Key.Key_Backspace)  # clears the cell after the 2, steps back
        key(qtbot, dialog, Qt.Key.Key_Delete)  # clears the 2
        cells = [model.data(model.index(0, FIRST_ITEM + r + n)) for n in range(3)]
        assert cells == ["4", "5", ""]
        assert model.data(model.index(0, 1)) == str(len(ITEMS) - 2)
        key(qtbot, dialog, Qt.Key.Key_Down)
        key(qtbot, dialog, Qt.Key.Key_3)  # the second row, under the cleared cell
        assert model.data(model.index(1, FIRST_ITEM + r + 2)) == "3"

    run_grid(monkeypatch, qtbot, host, assessment_id, typing)
    first, second = store.get_assessment(assessment_id).respondents[:2]
    assert stored_answers(store, assessment_id)[first.id] == {
        ITEMS[r].id: 4,
        ITEMS[r + 1].id: 5,
    }
    assert stored_answers(store, assessment_id)[second.id] == {ITEMS[r + 2].id: 3}


def test_stored_answers_show_and_a_cleared_row_is_refused_whole(
    qtbot: Any, host: FakeHost, monkeypatch: pytest.MonkeyPatch, answers: list[str]
) -> None:
    store = host.portfolio
    assessment_id = workshop(store)
    first, second = store.get_assessment(assessment_id).respondents[:2]
    store.set_answers(first.id, {ITEMS[0].id: 2}, submitted=True)

    def typing(dialog: PaperGridDialog) -> None:
        assert dialog.model.data(dialog.model.index(0, FIRST_ITEM)) == "2"
        key(qtbot, dialog, Qt.Key.Key_Delete)  # the only answer of the first row goes
        dialog.table.setCurrentIndex(dialog.model.index(1, FIRST_ITEM))
        key(qtbot, dialog, Qt.Key.Key_5)

    dialog = run_grid(monkeypatch, qtbot, host, assessment_id, typing)
    assert dialog is not None and dialog.result() != QDialog.DialogCode.Accepted
    assert "Every answer of" in answers[-1]
    assert stored_answers(store, assessment_id)[second.id] == {}  # nothing of the save
    assert host.undo_stack.count() == 0


def test_a_closed_workshop_opens_no_grid(host: FakeHost) -> None:
    store = host.portfolio
    assessment_id = workshop(store)
    store.set_assessment_status(assessment_id, AssessmentStatus.CLOSED)
    assert open_paper_grid(host, assessment_id) is None
    assert "closed and read-only" in host.errors[-1]


def test_questionnaires_for_the_participants_are_written_one_each_in_a_worker(
    qtbot: Any, host: FakeHost, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from avi_desktop.model.participants import create_workshop
    from avi_desktop.ui import export
    from tests.model.test_packs import PARTICIPANTS
    from tests.reports.pdftext import page_texts, squeeze

    store = host.portfolio
    assessment_id = create_workshop(
        store,
        store.add_initiative(name="Claims triage"),
        title="Two on paper",
        participants=PARTICIPANTS[:2],
        instrument=bundled_instrument(),
    )
    monkeypatch.setattr(export, "choose_save_path", lambda *a: tmp_path / "sheets.pdf")
    exports = export.ExportController(host.parent_widget())
    with qtbot.waitSignal(exports.finished, timeout=60000) as done:
        paper_grid.print_questionnaires(host, exports, assessment_id)
    assert done.args == [str(tmp_path / "sheets.pdf")]
    written = sorted(tmp_path.glob("sheets-*.pdf"))
    assert [p.name for p in written] == ["sheets-p01.pdf", "sheets-zoe-angstrom-2.pdf"]
    last = squeeze(page_texts(written[0])[-1])
    assert "Prepared for P01 — copy 1 of 2" in last
