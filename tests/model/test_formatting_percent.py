"""Percentages are written one way everywhere: whole where exact, one decimal otherwise."""

from __future__ import annotations

from avi_desktop.model.formatting import fmt_percent


def test_percentages_are_whole_where_exact_and_one_decimal_otherwise() -> None:
    assert fmt_percent(1.0) == "100 %"
    assert fmt_percent(0.0) == "0 %"
    assert fmt_percent(0.6) == "60 %"
    assert fmt_percent(1 / 3) == "33.3 %"
    assert fmt_percent(0.99999) == "100 %"  # rounds to a whole number at one decimal
    assert fmt_percent(0.12345) == "12.3 %"
    assert fmt_percent(None) == "—"
    assert fmt_percent(None, empty="not yet tested") == "not yet tested"
