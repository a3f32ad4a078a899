"""The portfolio's currency: an investment whose KPI names no currency is printed in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from avi_desktop.cli import main
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.overview import initiative_overview
from avi_desktop.model.store import PortfolioStore
from avi_desktop.model.store.settings import checked_currency
from tests.reports.pdftext import page_texts, squeeze


def test_the_currency_is_checked_and_kept(tmp_path: Path) -> None:
    assert [checked_currency(v) for v in ("gbp", " EUR ", "£", "")] == ["GBP", "EUR", "£", ""]
    for bad in ("pounds", "G8P", "€€"):
        with pytest.raises(ValidationError, match="three-letter code"):
            checked_currency(bad)
    path = tmp_path / "p.avip"
    with PortfolioStore.create(path, organisation="Northwind") as store:
        assert store.settings().currency == ""
        store.update_settings(currency="usd")
        with pytest.raises(ValidationError):
            store.update_settings(currency="dollars")  # refused whole: the old value stays
    with PortfolioStore.open(path) as store:
        assert store.settings().currency == "USD"
        assert store.verify().ok


def test_an_investment_takes_the_kpis_currency_else_the_portfolios(demo_copy: Path) -> None:
    with PortfolioStore.open(demo_copy) as store:
        assert store.settings().currency == "GBP"  # the demo's
        ids = {store.get_initiative(i).name: i for i in store.initiative_ids()}
        triage = initiative_overview(store, ids["Claims triage assistant"])  # a KPI in days
        fraud = initiative_overview(store, ids["Fraud signal detection"])  # in GBP thousands
        assert triage.currency == "GBP"
        store.update_settings(currency="EUR")
        euro = initiative_overview(store, ids["Claims triage assistant"])
        fraud_euro = initiative_overview(store, ids["Fraud signal detection"])
        store.update_settings(currency="")
        bare = initiative_overview(store, ids["Claims triage assistant"])
    from avi_desktop.model.realised_value import realised_value

    def money(overview: object) -> str:
        ini = overview.initiative  # type: ignore[attr-defined]
        value = realised_value(ini, overview.currency)  # type: ignore[attr-defined]
        assert value.investment is not None
        return value.money(value.investment)

    assert money(triage) == "GBP 640,000"
    assert money(euro) == "EUR 640,000"
    assert money(bare) == "640,000"
    assert money(fraud) == money(fraud_euro) == "GBP 410,000"  # the KPI's own currency stays


def test_the_briefing_prints_the_portfolios_currency(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with PortfolioStore.open(demo_copy) as store:
        ids = {store.get_initiative(i).name: i for i in store.initiative_ids()}
    out = tmp_path / "b.pdf"
    brief = ["brief", str(demo_copy), "--initiative", ids["Claims triage assistant"]]
    assert main([*brief, "-o", str(out)]) == 0, capsys.readouterr().err
    text = squeeze(" ".join(page_texts(out)))
    assert "Investment to date GBP 640,000" in text
    assert "GBP 640,000 invested" in text


def test_init_refuses_a_bad_currency_before_making_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "n.avip"
    assert main(["init", str(path), "--currency", "pounds"]) != 0
    assert "three-letter code" in capsys.readouterr().err
    assert not path.exists()
    assert main(["init", str(path), "--currency", "chf"]) == 0
    with PortfolioStore.open(path) as store:
        assert store.settings().currency == "CHF"
