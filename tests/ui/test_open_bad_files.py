"""The window's open path shows the model's truthful messages for bad files, asking no more."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui import session
from avi_desktop.ui.main_window import MainWindow


def test_damaged_encrypted_file_is_not_blamed_on_the_passphrase(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.avip"
    with PortfolioStore.create(path, passphrase="correct horse", organisation="N") as store:
        store.add_initiative(name="Hidden initiative")
    data = path.read_bytes()
    cut = data[: len(data) // 4096 // 2 * 4096]  # whole pages: it may be encrypted, so ask
    path.write_bytes(cut)
    asked: list[bool] = []

    def ask(_parent: Any, _path: Path, retry: bool) -> str:
        asked.append(retry)
        return "correct horse"

    monkeypatch.setattr(session, "ask_passphrase", ask)
    assert not window.open_path(path, quiet=True)
    assert asked == [False]  # the right passphrase is not asked for again
    message = window.start_page.message.text()
    assert message.startswith(
        f"{path} is damaged (part of it cannot be read). Restore a backup copy;"
    )
    assert path.read_bytes() == cut


def test_noise_is_refused_without_asking_a_passphrase(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "noise.avip"
    path.write_bytes(random.Random(4).randbytes(4096))
    monkeypatch.setattr(session, "ask_passphrase", lambda *_a: pytest.fail("asked"))
    assert not window.open_path(path, quiet=True)
    assert window.start_page.message.text() == (
        f"{path} is not a portfolio file (not a database, or too damaged to read). "
        "Choose a .avip portfolio file, or restore a backup copy."
    )
