"""The export dialog: every option reaches the PDF, its folder is remembered, the PDF can open."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

from avi_desktop.model.domain import AssessmentMode
from avi_desktop.ui import export
from avi_desktop.ui.export_dialog import ExportDialog, default_folder
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.pdf_kind import PdfKind


@pytest.fixture
def demo_window(window: MainWindow, qtbot: Any) -> MainWindow:
    with qtbot.waitSignal(window.scores_loaded, timeout=60000):
        window.open_default()
    return window


def _workshop_initiative(window: MainWindow) -> str:
    store = window.store
    assert store is not None
    return next(a.initiative_id for a in store.assessments() if a.mode is AssessmentMode.WORKSHOP)


def _text(path: Path, password: str = "") -> str:
    plain = io.BytesIO()
    with pikepdf.open(path, password=password) as pdf:  # pypdf lacks AES here
        pdf.save(plain)
    reader = PdfReader(plain)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _answer_with(
    monkeypatch: pytest.MonkeyPatch, fill: Callable[[ExportDialog], None]
) -> list[ExportDialog]:
    """Answer the dialog with ``fill`` (as a user types) and Export, if Export is enabled."""
    shown: list[ExportDialog] = []

    def answer(dialog: ExportDialog) -> bool:
        shown.append(dialog)
        fill(dialog)
        return dialog.ok.isEnabled()

    monkeypatch.setattr(export, "show_dialog", answer)
    return shown


def test_every_option_reaches_the_briefing_and_the_pdf_opens(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, tmp_path: Path
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(export, "open_file", opened.append)

    def fill(d: ExportDialog) -> None:
        d.set_target(tmp_path / "brief.pdf")
        d.classification.setText("Board only")
        d.watermark.setText("DRAFT")
        d.recipients.setPlainText("Alice Smith\n\nBob Jones\n")
        d.password.setText("s3cret-pass")
        d.confirm.setText("s3cret-pass")
        d.allow_print.setChecked(True)
        d.prepared_by.setText("Jane Doe")
        d.version.setText("2.1")
        d.distribution.setText("Board members")
        d.open_after.setChecked(True)

    shown = _answer_with(monkeypatch, fill)
    store = demo_window.store
    assert store is not None
    initiative = _workshop_initiative(demo_window)
    initiative_name = store.get_initiative(initiative).name
    organisation = store.settings().organisation
    demo_window.portfolio_view.select(initiative)
    with qtbot.waitSignal(demo_window.exports.finished, timeout=90000) as signal:
        demo_window.acts.export_brief.trigger()
    assert shown[0].current_kind() is PdfKind.BRIEFING
    assert signal.args == [str(tmp_path / "brief.pdf")]
    copies = [tmp_path / "brief-alice-smith.pdf", tmp_path / "brief-bob-jones.pdf"]
    assert sorted(tmp_path.glob("brief*.pdf")) == copies  # one copy each, nothing else
    assert opened == [copies[0]]
    for copy, name in zip(copies, ("Alice Smith", "Bob Jones"), strict=True):
        with pytest.raises(pikepdf.PasswordError):
            pikepdf.open(copy)
        with pikepdf.open(copy, password="s3cret-pass") as pdf:
            assert pdf.is_encrypted
            assert pdf.allow.print_highres and pdf.allow.print_lowres
            info = {str(k): str(v) for k, v in pdf.docinfo.items()}
            assert initiative_name in info["/Title"]
            assert info["/Author"] == organisation
            assert info["/Creator"] == "AVI Desktop"
        text = _text(copy, "s3cret-pass")
        for wanted in ("Board only", "Jane Doe", "2.1", "Board members", name, "DRAFT"):
            assert wanted in text, wanted
        assert "—" not in text.split("Prepared by", 1)[1].split("\n", 1)[0]


def test_without_allow_printing_the_encrypted_copy_refuses_print(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, tmp_path: Path
) -> None:
    def fill(d: ExportDialog) -> None:
        d.set_target(tmp_path / "paper.pdf")
        d.password.setText("pw-12345")
        d.confirm.setText("pw-12345")

    _answer_with(monkeypatch, fill)
    with qtbot.waitSignal(demo_window.exports.finished, timeout=90000):
        demo_window.acts.export_paper.trigger()
    with pikepdf.open(tmp_path / "paper.pdf", password="pw-12345") as pdf:
        assert not pdf.allow.print_highres
    assert "committee" in _text(tmp_path / "paper.pdf", "pw-12345").lower()


def test_the_folder_starts_in_documents_and_is_remembered(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, tmp_path: Path
) -> None:
    first = _answer_with(monkeypatch, lambda d: d.set_target(tmp_path / "questionnaire.pdf"))
    with qtbot.waitSignal(demo_window.exports.finished, timeout=90000):
        demo_window.acts.export_questionnaire.trigger()
    expected = default_folder() if default_folder().is_dir() else None
    if expected is not None:
        assert Path(first[0].folder.text()) == expected
    assert Path(first[0].folder.text()) != Path.cwd() or Path.cwd() == default_folder()
    assert (tmp_path / "questionnaire.pdf").read_bytes().startswith(b"%PDF")
    assert demo_window.prefs.export_folder() == tmp_path

    again: list[ExportDialog] = []

    def cancel(dialog: ExportDialog) -> bool:
        again.append(dialog)
        return False

    monkeypatch.setattr(export, "show_dialog", cancel)
    demo_window.acts.export_questionnaire.trigger()  # cancelled: nothing runs
    assert Path(again[0].folder.text()) == tmp_path
    assert again[0].file_name.text() == "questionnaire.pdf"
    assert demo_window.exports.worker is None


def test_workshop_summary_and_a_questionnaire_per_participant(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, tmp_path: Path
) -> None:
    initiative = _workshop_initiative(demo_window)
    demo_window.portfolio_view.select(initiative)
    _answer_with(monkeypatch, lambda d: d.set_target(tmp_path / "summary.pdf"))
    with qtbot.waitSignal(demo_window.exports.finished, timeout=90000):
        demo_window.acts.export_workshop.trigger()
    assert "workshop" in _text(tmp_path / "summary.pdf").lower()

    def per_participant(d: ExportDialog) -> None:
        d.select_kind(PdfKind.QUESTIONNAIRE)
        assert d.per_participant.isChecked() and not d.recipients.isEnabled()
        d.set_target(tmp_path / "q" / "questionnaire.pdf")

    (tmp_path / "q").mkdir()
    shown = _answer_with(monkeypatch, per_participant)
    with qtbot.waitSignal(demo_window.exports.finished, timeout=90000):
        demo_window.acts.export_workshop.trigger()
    participants = shown[0].context.participants
    assert len(participants) >= 3
    files = sorted((tmp_path / "q").glob("*.pdf"))
    assert len(files) == len(participants)
    assert participants[0] in _text(files[0]) or any(participants[0] in _text(f) for f in files)


def test_the_dialog_says_what_is_missing_and_offers_only_what_can_be_written(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def check(d: ExportDialog) -> None:
        kinds = {d.kind.itemData(i): i for i in range(d.kind.count())}
        model: Any = d.kind.model()
        assert not model.item(kinds[PdfKind.BRIEFING]).isEnabled()  # nothing selected
        assert not model.item(kinds[PdfKind.WORKSHOP]).isEnabled()
        assert d.current_kind() is PdfKind.PAPER
        d.set_target(tmp_path / "paper.pdf")
        assert d.ok.isEnabled() and not d.allow_print.isEnabled()
        d.password.setText("one")
        d.confirm.setText("two")
        assert not d.ok.isEnabled() and "differ" in d.error.text()
        assert d.allow_print.isEnabled()
        d.confirm.setText("one")
        d.folder.setText(str(tmp_path / "missing"))
        assert not d.ok.isEnabled() and "folder" in d.error.text()
        d.folder.setText(str(tmp_path))
        d.file_name.setText("")
        assert not d.ok.isEnabled()
        d.reject()

    demo_window.portfolio_view.select(None)
    shown = _answer_with(monkeypatch, check)
    export.export_pdf(demo_window, demo_window.exports, PdfKind.PAPER)
    assert shown and demo_window.exports.worker is None


def test_a_workshop_questionnaire_has_the_statements_of_the_workshops_version(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: Any, tmp_path: Path
) -> None:
    from datetime import date

    from avi_desktop.model.instrument import bundled_instrument

    store = demo_window.store
    assert store is not None
    old, new = bundled_instrument("1.0"), bundled_instrument()
    assert old.version != new.version
    initiative = next(
        i for i in store.initiative_ids() if not store.assessments(i)
    )  # an idea not yet assessed: this workshop is its only assessment
    store.create_assessment(
        initiative, title="Workshop on the old statements", instrument=old,
        assessed_on=date(2026, 11, 2), mode=AssessmentMode.WORKSHOP,
    )  # fmt: skip
    demo_window.portfolio_view.select(initiative)

    def blank(d: ExportDialog) -> None:
        d.select_kind(PdfKind.QUESTIONNAIRE)
        assert d.context.workshop_version == old.version
        assert f"version {old.version}" in d.about.text()
        d.set_target(tmp_path / "questionnaire.pdf")

    _answer_with(monkeypatch, blank)
    with qtbot.waitSignal(demo_window.exports.finished, timeout=90000):
        demo_window.acts.export_questionnaire.trigger()
    printed = " ".join(_text(tmp_path / "questionnaire.pdf").split())
    only_old = {i.text for layer in old.layers for i in layer.items} - {
        i.text for layer in new.layers for i in layer.items
    }
    only_new = {i.text for layer in new.layers for i in layer.items} - {
        i.text for layer in old.layers for i in layer.items
    }
    missing = [text for text in only_old if text not in printed]
    assert not missing, missing
    assert not any(text in printed for text in only_new)
