"""The committee paper from the cached layer results is the paper computed from the answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from avi_desktop.cli import main
from avi_desktop.model import overview
from avi_desktop.model.layer_results import cached_portfolio_overview
from avi_desktop.model.store import PortfolioStore
from tests.cli.test_brief_imports import status_and_unneeded_imports
from tests.reports.pdftext import page_texts

ROOT = Path(__file__).resolve().parents[2]
# The heat map is a scene painted by ReportLab: a paper needs no more than a briefing does.


def paper(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    assert main(["paper", str(path), "-o", str(out), "--deterministic"]) == 0
    capsys.readouterr()
    return out.read_bytes()


def no_scoring(*args: object, **kwargs: object) -> None:
    raise AssertionError("an initiative was scored although the cache is current")


def test_cached_and_computed_papers_are_the_same(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "stale.avip"
    shutil.copyfile(demo, stale)
    with PortfolioStore.open(stale) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE score_cache_state SET digest = 'stale:1'")
    computed = paper(stale, tmp_path / "computed.pdf", capsys)

    with monkeypatch.context() as patched:
        patched.setattr(overview, "evaluate", no_scoring)  # the cached path never scores
        with PortfolioStore.open(demo, read_only=True) as store:
            assert store.score_cache_current()
            cached_view = cached_portfolio_overview(store)
        cached = paper(demo, tmp_path / "cached.pdf", capsys)
        with (
            PortfolioStore.open(stale, read_only=True) as store,
            pytest.raises(AssertionError, match="scored"),
        ):
            cached_portfolio_overview(store)  # a stale cache is not used

    assert page_texts(tmp_path / "cached.pdf") == page_texts(tmp_path / "computed.pdf")
    assert cached == computed  # deterministic: byte for byte
    with PortfolioStore.open(demo, read_only=True) as store:
        full = overview.portfolio_overview(store)
    assert [e.initiative_id for e in cached_view.entries] == [e.initiative_id for e in full.entries]
    assert cached_view.portfolio_patterns == full.portfolio_patterns
    for kept, fresh in zip(cached_view.entries, full.entries, strict=True):
        assert (kept.necessity, kept.value) == (fresh.necessity, fresh.value)
        assert [(h.pattern, h.title) for h in kept.patterns] == [
            (h.pattern, h.title) for h in fresh.patterns
        ]
        if fresh.latest is None:
            assert kept.latest is None
            continue
        assert kept.latest is not None
        assert kept.latest.layers == fresh.latest.layers
        assert kept.latest.alignment_index == fresh.latest.alignment_index
        assert kept.latest.binding_layer == fresh.latest.binding_layer


def test_a_paper_imports_nothing_it_does_not_need(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "paper.pdf"
    assert status_and_unneeded_imports(["paper", str(demo), "-o", str(out)]) == "0 []"
    assert out.stat().st_size > 10_000
