"""The window's demo copy and new portfolios are private to the user (0600), whole or absent."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from avi_desktop.ui import session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The common umask 022, which alone would give 0644: the modes checked here are ours."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _bundled(demo_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundled demo readable by everyone, as an installer leaves it."""
    bundled = tmp_path / "bundle" / session.DEMO_NAME
    bundled.parent.mkdir()
    shutil.copyfile(demo_source, bundled)
    bundled.chmod(0o644)
    monkeypatch.setattr(session, "resource", lambda *parts: bundled)
    return bundled


def test_demo_copy_in_the_data_folder_is_private(
    demo_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = _bundled(demo_source, tmp_path, monkeypatch)
    data = tmp_path / "data"
    copy = session.demo_portfolio(data)
    assert copy == data / session.DEMO_NAME
    assert copy.read_bytes() == bundled.read_bytes()
    assert mode(copy) == 0o600
    assert {p.name for p in data.iterdir()} == {session.DEMO_NAME}


def test_demo_copy_on_a_full_disk_leaves_nothing(
    demo_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bundled(demo_source, tmp_path, monkeypatch)
    data = tmp_path / "data"

    def full(source: object, target: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copyfileobj", full)
    with pytest.raises(OSError):
        session.demo_portfolio(data)
    assert list(data.iterdir()) == []  # no partial demo that a later start would open


def test_new_portfolio_from_the_window_is_private(tmp_path: Path) -> None:
    with session.create_portfolio(tmp_path / "new", "secret", "Northwind") as store:
        assert store.path.name == "new.avip"
    assert mode(tmp_path / "new.avip") == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["new.avip"]
