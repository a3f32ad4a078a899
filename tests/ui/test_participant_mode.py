"""Participant mode: a pack answered with no portfolio, saved as it goes, bad packs refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from avi_desktop import logs
from avi_desktop.model import packs
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.participant_mode import (
    ParticipantWindow,
    filled_path,
    open_participant_pack,
)
from tests.model.test_packs import answers_for, figures, workshop

KEYS = {1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3, 4: Qt.Key.Key_4, 5: Qt.Key.Key_5}
ITEMS = bundled_instrument().items()


def press(qtbot: Any, window: ParticipantWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window.pages.currentWidget(), key)


def page(window: ParticipantWindow) -> str:
    shown = window.pages.currentWidget()
    assert shown is not None
    return shown.objectName()


@pytest.fixture
def blank_packs(store: PortfolioStore, tmp_path: Path) -> tuple[PortfolioStore, str, list[Path]]:
    assessment_id = workshop(store)
    folder = tmp_path / "usb"
    folder.mkdir()
    return store, assessment_id, packs.export_packs(store, assessment_id, folder)


def opened(qtbot: Any, path: Path, errors: list[str]) -> ParticipantWindow:
    window = open_participant_pack(path, errors.append)
    assert window is not None, errors
    return window  # deletes itself when closed, so each test closes what it opens


def test_a_pack_answered_by_keys_is_written_beside_it_and_imports_as_its_answers(
    qtbot: Any, blank_packs: tuple[PortfolioStore, str, list[Path]]
) -> None:
    store, assessment_id, paths = blank_packs
    errors: list[str] = []
    typed = {}
    for seed, path in enumerate(paths):
        window = opened(qtbot, path, errors)
        assert page(window) == "welcome_page"
        press(qtbot, window, Qt.Key.Key_Return)
        answers = answers_for(bundled_instrument(), seed)[0]
        for item in ITEMS:
            if item.id not in answers:
                press(qtbot, window, Qt.Key.Key_Right)
            else:
                value = answers[item.id]
                press(qtbot, window, Qt.Key.Key_N if value is None else KEYS[value])
        assert page(window) == "review_page"
        press(qtbot, window, Qt.Key.Key_Return)
        assert page(window) == "saved_page"
        assert str(filled_path(path)) in window.done.body.text()
        press(qtbot, window, Qt.Key.Key_Return)  # closes, no question asked
        typed[seed] = answers

    answered = [filled_path(p) for p in paths]
    assert all(p.name.endswith("-answered.json") for p in answered)
    report = packs.import_packs(store, answered)
    assert report.ok and len(report.imported) == 8

    direct = workshop(store, "Set directly")
    for seed, respondent in enumerate(store.get_assessment(direct).respondents):
        store.set_answers(respondent.id, typed[seed], submitted=True)
    assert figures(store, assessment_id) == figures(store, direct)


def test_closing_mid_way_keeps_the_answers_and_opening_again_resumes(
    qtbot: Any, blank_packs: tuple[PortfolioStore, str, list[Path]], answers: list[str]
) -> None:
    _store, _id, paths = blank_packs
    errors: list[str] = []
    window = opened(qtbot, paths[0], errors)
    press(qtbot, window, Qt.Key.Key_Return)
    for key in (Qt.Key.Key_2, Qt.Key.Key_4, Qt.Key.Key_Right, Qt.Key.Key_5):
        press(qtbot, window, key)
    with qtbot.waitSignal(window.left):
        window.close()
    assert "saved in" in answers[-1]
    saved = packs.read_pack(filled_path(paths[0]))  # a valid pack at every step
    assert {e["item"]: e["score"] for e in saved["answers"] if e["score"]} == {
        ITEMS[0].id: 2,
        ITEMS[1].id: 4,
        ITEMS[3].id: 5,
    }

    again = opened(qtbot, paths[0], errors)  # the blank pack again: the answers come back
    assert "You have answered 3 already" in again.welcome.body.text()
    press(qtbot, again, Qt.Key.Key_Return)
    assert again.panel.index == 2
    press(qtbot, again, Qt.Key.Key_Backspace)
    assert [b.key.text() for b in again.panel.choices if b.isChecked()] == ["4"]
    with qtbot.waitSignal(again.left):
        again.close()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda text: text[: len(text) // 2], "not valid JSON"),
        (lambda text: text.replace('"score": null', '"score": 3', 1), "digest does not match"),
        (lambda text: "[]", "not a response pack"),
    ],
)
def test_a_pack_that_fails_its_checks_is_refused_with_its_reason(
    qtbot: Any,
    blank_packs: tuple[PortfolioStore, str, list[Path]],
    damage: Any,
    reason: str,
) -> None:
    path = blank_packs[2][0]
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    errors: list[str] = []
    assert open_participant_pack(path, errors.append) is None
    assert errors and path.name in errors[0] and reason in errors[0]


def test_a_pack_for_another_questionnaire_version_is_refused(
    qtbot: Any, blank_packs: tuple[PortfolioStore, str, list[Path]]
) -> None:
    path = blank_packs[2][0]
    pack = json.loads(path.read_text(encoding="utf-8"))
    pack["instrument_version"] = "99"
    pack["digest"] = packs.digest(pack)
    path.write_text(json.dumps(pack), encoding="utf-8")
    errors: list[str] = []
    assert open_participant_pack(path, errors.append) is None
    assert "99" in errors[0] and "not available here" in errors[0]


def test_the_command_line_opens_a_pack_in_participant_mode_with_no_main_window(
    qtbot: Any,
    blank_packs: tuple[PortfolioStore, str, list[Path]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QApplication

    from avi_desktop.cli import main

    shown: list[str] = []

    def run_once(_self: Any) -> int:
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        shown.extend(w.objectName() for w in windows)
        for w in windows:
            if isinstance(w, ParticipantWindow):
                w._finished = True  # leave without the question
                w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_once)
    monkeypatch.setattr(logs, "setup", lambda *a, **k: None)
    assert main([str(blank_packs[2][0])]) == 0
    assert "participant_mode" in shown and "main_window" not in shown
