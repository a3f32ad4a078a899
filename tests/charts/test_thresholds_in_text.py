"""The ring key names the thresholds of the instrument the figures were computed with."""

from __future__ import annotations

import dataclasses

import pytest
from matplotlib.figure import Figure

from avi_desktop.charts.ring import ring_figure
from avi_desktop.model.instrument import (
    Instrument,
    agreement_threshold_text,
    coverage_rule_text,
    fmt_agreement_threshold,
    fmt_coverage_rule,
)
from avi_desktop.model.results import AssessmentResult


def _text(fig: Figure) -> str:
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [t.get_text() for t in ax.texts]
    for legend in fig.legends:
        texts += [t.get_text() for t in legend.get_texts()]
    return "\n".join(texts)


def test_the_shared_formatter_prints_thresholds_as_the_texts_do() -> None:
    assert fmt_agreement_threshold(0.7) == "0.70"
    assert fmt_agreement_threshold(0.8) == "0.80"
    assert fmt_coverage_rule(0.6) == "60 %"
    assert fmt_coverage_rule(0.5) == "50 %"
    assert fmt_coverage_rule(0.675) == "67.5 %"
    assert (agreement_threshold_text(None), coverage_rule_text(None)) == ("0.70", "60 %")


def test_ring_key_follows_the_instruments_thresholds(
    insufficient_result: AssessmentResult, instrument: Instrument
) -> None:
    default = _text(ring_figure(insufficient_result, instrument=instrument))
    assert "Low agreement (rwg < 0.70)" in default
    assert "under 60 % of items scored" in default
    strict = dataclasses.replace(instrument, low_agreement_rwg=0.8, min_answered_fraction=0.5)
    text = _text(ring_figure(insufficient_result, instrument=strict))
    assert "Low agreement (rwg < 0.80)" in text and "0.70" not in text
    assert "under 50 % of items scored" in text and "60 %" not in text


@pytest.mark.parametrize("variant", ["layer", "items"])
def test_every_variant_names_the_instruments_agreement_threshold(
    result: AssessmentResult, instrument: Instrument, variant: str
) -> None:
    strict = dataclasses.replace(instrument, low_agreement_rwg=0.85)
    text = _text(ring_figure(result, instrument=strict, variant=variant))  # type: ignore[arg-type]
    assert "Low agreement (rwg < 0.85)" in text
