"""Start page, opening files, the encrypted-portfolio passphrase loop, the demo copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui import session
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.new_portfolio_dialog import NewPortfolioDialog
from avi_desktop.ui.prefs import Preferences


def test_window_starts_on_the_start_page_with_recent_files(
    window: MainWindow, small_portfolio: Path
) -> None:
    assert window.stack.currentWidget() is window.start_page
    assert not window.acts.new_initiative.isEnabled()
    assert window.open_path(small_portfolio)
    assert window.stack.currentWidget() is window.portfolio_page
    window.close_portfolio()
    assert window.stack.currentWidget() is window.start_page
    assert window.start_page.recent.count() == 1
    assert small_portfolio.name in window.start_page.recent.item(0).text()


def test_open_encrypted_asks_again_after_a_wrong_passphrase(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    path = tmp_path / "secret.avip"
    with PortfolioStore.create(path, passphrase="correct horse", organisation="N") as store:
        store.add_initiative(name="Hidden initiative")
    asked: list[bool] = []
    replies = iter(["wrong", "correct horse"])

    def ask(_parent: Any, _path: Path, retry: bool) -> str:
        asked.append(retry)
        return next(replies)

    monkeypatch.setattr(session, "ask_passphrase", ask)
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):  # read in a worker thread
        assert window.open_path(path)
    assert asked == [False, True]  # the second prompt says the first was wrong
    assert window.store is not None and window.store.encrypted
    names = [r.name for r in window.portfolio_view.model.all_rows()]
    assert names == ["Hidden initiative"]


def test_cancelling_the_passphrase_leaves_the_start_page(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.avip"
    PortfolioStore.create(path, passphrase="pw", organisation="N").close()
    monkeypatch.setattr(session, "ask_passphrase", lambda *_a: None)
    assert not window.open_path(path)
    assert window.store is None
    assert window.stack.currentWidget() is window.start_page


def test_a_file_that_is_not_a_portfolio_gives_a_message_not_a_traceback(
    window: MainWindow, tmp_path: Path, answers: list[str]
) -> None:
    bad = tmp_path / "notes.avip"
    bad.write_text("this is not a database", encoding="utf-8")
    assert not window.open_path(bad)
    assert answers and "notes.avip" in answers[-1]
    assert "notes.avip" in window.start_page.message.text()
    assert bad.read_text(encoding="utf-8") == "this is not a database"  # left untouched


def test_new_portfolio_dialog_creates_an_encrypted_file(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "board"

    def fake_exec(dialog: NewPortfolioDialog) -> int:
        dialog.path.setText(str(target))
        dialog.organisation.setText("Harbour Co")
        dialog.passphrase.setText("s3cret")
        dialog.confirm.setText("s3cret")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(NewPortfolioDialog, "exec", fake_exec)
    window.new_portfolio()
    assert window.store is not None
    assert window.store.path == target.with_suffix(".avip")
    assert window.store.encrypted
    assert window.store.settings().organisation == "Harbour Co"


def test_new_portfolio_dialog_rejects_mismatched_passphrases(qtbot: Any, tmp_path: Path) -> None:
    dialog = NewPortfolioDialog(None, tmp_path)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("one")
    dialog.confirm.setText("two")
    dialog.accept()
    assert dialog.result() == 0
    assert "differ" in dialog.error.text()
    assert not dialog.error.isHidden()


def test_new_portfolio_dialog_names_a_missing_folder(qtbot: Any, tmp_path: Path) -> None:
    dialog = NewPortfolioDialog(None, tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.error.isHidden()  # no empty message line before anything went wrong
    dialog.path.setText(str(tmp_path / "no such folder" / "board.avip"))
    dialog.accept()
    assert dialog.result() == 0
    assert "folder does not exist" in dialog.error.text()
    assert not (tmp_path / "no such folder").exists()


def test_a_new_portfolio_opens_on_an_invitation_to_add_the_first_initiative(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    def fake_exec(dialog: NewPortfolioDialog) -> int:
        dialog.path.setText(str(tmp_path / "fresh.avip"))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(NewPortfolioDialog, "exec", fake_exec)
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        window.new_portfolio()
    view = window.portfolio_view
    assert window.stack.currentWidget() is window.portfolio_page
    assert "no initiatives yet" in view.notice.text() and view.notice_button.isVisibleTo(view)


def test_the_first_launch_opens_the_demo_with_its_banner_and_later_ones_the_start_page(
    qtbot: Any, tmp_path: Path, small_portfolio: Path, answers: list[str]
) -> None:
    prefs = Preferences(tmp_path / "first.ini")
    window = MainWindow(prefs, data_dir=tmp_path / "appdata")
    qtbot.addWidget(window)
    window.open_default()
    assert window.store is not None and window.store.path.name == "demo.avip"
    banner = window.demo_banner
    assert not banner.isHidden() and "sample portfolio" in banner.text.text()
    opened: list[str] = []
    window.acts.open_portfolio.triggered.disconnect()
    window.acts.open_portfolio.triggered.connect(lambda: opened.append("open"))
    banner.open_button.click()
    assert opened == ["open"]
    window.open_path(small_portfolio)  # a portfolio of one's own: no banner
    assert banner.isHidden()
    window.close_portfolio()
    prefs.clear_last()

    later = MainWindow(prefs, data_dir=tmp_path / "appdata")
    qtbot.addWidget(later)
    later.open_default()  # no last portfolio, not the first launch: the start page stays
    assert later.store is None and later.stack.currentWidget() is later.start_page
