"""Fixtures shared by every area: a fresh portfolio file per test, in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from avi_desktop.model.store import PortfolioStore


@pytest.fixture
def portfolio_path(tmp_path: Path) -> Path:
    """Where a test's portfolio file goes (not created)."""
    return tmp_path / "portfolio.avip"


@pytest.fixture
def store(portfolio_path: Path) -> Iterator[PortfolioStore]:
    """A new, empty, plain portfolio open for writing; closed after the test."""
    with PortfolioStore.create(portfolio_path, organisation="Northwind") as opened:
        yield opened


@pytest.fixture(scope="session")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portfolio built once per run; copy it (``demo_copy``) before writing to it."""
    from avi_desktop.model.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.avip"
    build_demo(path)
    return path


@pytest.fixture
def demo_copy(demo_source: Path, tmp_path: Path) -> Path:
    """A private copy of the demo portfolio for one test."""
    import shutil

    target = tmp_path / "demo.avip"
    shutil.copyfile(demo_source, target)
    return target


@pytest.fixture(autouse=True)
def _private_data_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Keep every test's data folder (and support log) out of the real user's home."""
    from avi_desktop import logs

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
    yield
    logs.shutdown()
