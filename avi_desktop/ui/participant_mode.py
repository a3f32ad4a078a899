"""Participant mode: one respondent answers their response pack, no portfolio needed.

The pack (PRODUCT.md §5) is checked whole before anything shows; the participant answers one
statement at a time with the same keys as private scoring, and every answer is written at once
to the filled pack beside the blank one (``<name>-answered.json``), so closing or a crash loses
nothing: opening the blank pack again resumes from the filled one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from avi_desktop.model import packs
from avi_desktop.model.errors import AviError, PackError
from avi_desktop.model.instrument import Instrument
from avi_desktop.ui.scoring_pages import (
    BACK_KEYS,
    ENTER_KEYS,
    ItemPanel,
    MessagePage,
    first_unanswered,
    summary,
)

ANSWERED = "-answered"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ParticipantMode", text)


def filled_path(source: Path) -> Path:
    """Where the answers go: beside the blank pack, or the filled pack itself when reopened."""
    if source.stem.endswith(ANSWERED):
        return source
    return source.with_name(f"{source.stem}{ANSWERED}.json")


def _answers(pack: dict[str, Any]) -> dict[str, int | None]:
    return {
        entry["item"]: entry["score"]
        for entry in pack["answers"]
        if entry["score"] is not None or entry["not_applicable"]
    }


def _same_pack(first: dict[str, Any], second: dict[str, Any]) -> bool:
    keys = ("assessment_id", "instrument_id", "instrument_version", "respondent")
    return all(first[k] == second[k] for k in keys)


def load_pack(source: Path) -> tuple[dict[str, Any], Instrument, Path]:
    """The pack to answer, its questionnaire, and where the answers are written.

    A filled pack beside the blank one, for the same respondent, is resumed. Every problem is
    an ``AviError`` whose message says what is wrong with the file.
    """
    from avi_desktop.model.overview import instrument_for

    pack = packs.read_pack(source)
    target = filled_path(source)
    if target != source and target.is_file():
        try:
            earlier = packs.read_pack(target)
        except PackError:
            earlier = None  # a damaged earlier copy is replaced, never trusted
        if earlier is not None and _same_pack(earlier, pack):
            pack = earlier
    instrument: Instrument = instrument_for(pack["instrument_id"], pack["instrument_version"])
    if pack["instrument_version"] != instrument.version:
        raise PackError(
            f"The pack is for version {pack['instrument_version']} of the questionnaire; this "
            f"version of AVI Desktop has version {instrument.version}."
        )
    given = sorted(entry["item"] for entry in pack["answers"])
    if given != sorted(item.id for item in instrument.items()):
        raise PackError(
            "The pack's statements are not those of the questionnaire it names; ask the "
            "facilitator for a new pack."
        )
    return pack, instrument, target


class ParticipantWindow(QWidget):
    """Welcome, the statements one at a time, then the filled pack saved and where it is."""

    left = Signal()

    def __init__(
        self,
        pack: dict[str, Any],
        instrument: Instrument,
        target: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("participant_mode")
        self.pack, self.target = pack, target
        self.answers = _answers(pack)
        who = pack["respondent"]["name"]
        self.setWindowTitle(_tr("{0} — response pack for {1}").format(pack["initiative_name"], who))
        titles = {spec.layer.value: spec.title for spec in instrument.layers}
        self.panel = ItemPanel(instrument.items(), titles, self._save)
        self.panel.past_end.connect(self._review)
        self.panel.escape.connect(self.close)
        self.welcome, self.review, self.done = (
            MessagePage(name) for name in ("welcome_page", "review_page", "saved_page")
        )
        self.pages = QStackedWidget()
        for page in (self.welcome, self.panel, self.review, self.done):
            self.pages.addWidget(page)
        QVBoxLayout(self).addWidget(self.pages)
        self._finished = False
        begun = _tr(" You have answered {0} already; you go on from there.").format(
            len(self.answers)
        )
        self.welcome.set(
            _tr("{0}: the questionnaire on {1}").format(who, pack["initiative_name"]),
            _tr(
                "One statement at a time: press 1 to 5 to answer, N where a statement does not "
                "apply, ← or Backspace to go back. Your answers are saved as you go, in {0}."
            ).format(target.name)
            + (begun if self.answers else "")
            + "\n\n"
            + _tr("Press Enter to begin."),
            {**{key: self._begin for key in ENTER_KEYS}, Qt.Key.Key_Escape: self.close},
        )
        self._show(self.welcome)

    def _show(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        page.setFocus()

    def _begin(self) -> None:
        items = self.panel.items
        start = first_unanswered(items, self.answers)
        self.panel.begin(self.pack["respondent"]["name"], self.answers, min(start, len(items) - 1))
        if start >= len(items):
            self._review()
        else:
            self._show(self.panel)

    def _write(self, answers: dict[str, int | None]) -> bool:
        try:
            filled = packs.fill_pack(self.pack, answers)
            packs.write_pack(self.target, filled)
        except AviError as exc:
            QMessageBox.warning(self, _tr("Answer not saved"), exc.message)
            return False
        self.pack = filled
        return True

    def _save(self, item_id: str, value: int | None) -> bool:
        if not self._write({**self.answers, item_id: value}):
            return False
        self.answers[item_id] = value
        return True

    def _review(self) -> None:
        self.review.set(
            _tr("You have reached the end"),
            summary(self.panel.items, self.answers)
            + "\n\n"
            + _tr(
                "Press Enter to finish: your answers are in {0}. Press S to save a copy "
                "elsewhere, or Backspace to go back and change an answer."
            ).format(self.target),
            {
                **{key: self._finish for key in ENTER_KEYS},
                **{key: self._back for key in BACK_KEYS},
                Qt.Key.Key_S: self.save_copy,
                Qt.Key.Key_Escape: self.close,
            },
        )
        self._show(self.review)

    def _back(self) -> None:
        self._show(self.panel)

    def save_copy(self, path: Path | None = None) -> Path | None:
        """Write the filled pack where the participant chooses (a USB stick, say)."""
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, _tr("Save the answered pack"), str(self.target), _tr("Response pack (*.json)")
            )
            if not name:
                return None
            path = Path(name)
        try:
            written = packs.write_pack(path, packs.fill_pack(self.pack, self.answers))
        except AviError as exc:
            QMessageBox.warning(self, _tr("Pack not saved"), exc.message)
            return None
        self.target = written
        self._review()
        return written

    def _finish(self) -> None:
        if not self._write(dict(self.answers)):
            return
        self._finished = True
        self.done.set(
            _tr("Thank you"),
            _tr("Your answers are saved in\n{0}\n\nGive this file back to the facilitator.").format(
                self.target
            )
            + "\n\n"
            + _tr("Press Enter to close."),
            {key: self.close for key in (*ENTER_KEYS, Qt.Key.Key_Escape)},
        )
        self._show(self.done)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._finished:
            reply = QMessageBox.question(
                self,
                _tr("Stop for now?"),
                _tr(
                    "Your answers so far are saved in {0}. Open the pack again to go on "
                    "where you stopped."
                ).format(self.target),
            )
            if reply != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        super().closeEvent(event)
        self.left.emit()


def open_participant_pack(
    source: Path, show_error: Callable[[str], object], parent: QWidget | None = None
) -> ParticipantWindow | None:
    """Check the pack and show it for answering; a bad pack is one clear message."""
    try:
        pack, instrument, target = load_pack(Path(source))
    except AviError as exc:
        show_error(_tr("{0} cannot be answered: {1}").format(Path(source).name, exc.message))
        return None
    window = ParticipantWindow(pack, instrument, target, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.showMaximized()
    window.activateWindow()
    return window


def choose_participant_pack(
    parent: QWidget, show_error: Callable[[str], object]
) -> ParticipantWindow | None:
    """File > Open response pack…: pick a pack and answer it."""
    name, _ = QFileDialog.getOpenFileName(
        parent, _tr("Open a response pack"), "", _tr("Response pack (*.json);;All files (*)")
    )
    if not name:
        return None
    return open_participant_pack(Path(name), show_error, parent)
