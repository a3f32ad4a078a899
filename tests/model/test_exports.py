"""score --json shape, the answers and portfolio CSV files, and safe writing."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from avi_desktop.model.domain import LAYERS
from avi_desktop.model.errors import ExportError
from avi_desktop.model.exports import (
    ANSWERS_HEADER,
    PORTFOLIO_HEADER,
    answers_csv_rows,
    portfolio_csv_rows,
    score_json,
    write_csv,
)
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.overview import evaluate_assessment, initiative_fields, portfolio_overview
from avi_desktop.model.store import PortfolioStore
from tests.model.engine_helpers import fill_portfolio

TODAY = date(2026, 11, 23)


def test_score_json_has_the_documented_shape(store: PortfolioStore) -> None:
    ids = fill_portfolio(store)
    result = evaluate_assessment(store, ids["second"], today=TODAY)
    data = score_json(result, 1)  # one respondent per group: shown only with the rule off
    json.dumps(data)  # plain JSON types only
    for key in (
        "assessment",
        "instrument",
        "respondents",
        "layers",
        "alignment_index",
        "binding_layer",
        "stakeholder_split",
        "value_spread",
        "patterns",
    ):
        assert key in data
    assert data["assessment"] == ids["second"]
    assert data["instrument"] == {"id": "avi-four-layer", "version": "1.0"}
    assert data["respondents"] == 2
    assert list(data["layers"]) == ["technology", "leadership", "organisation", "trust"]
    leadership = data["layers"]["leadership"]
    assert set(leadership) >= {"score", "target", "gap", "band", "sd", "rwg", "n", "insufficient"}
    assert leadership["score"] == pytest.approx(50.0)
    assert leadership["band"] == "gap"
    assert leadership["rwg"] == 0.0
    assert leadership["n"] == 2 and leadership["insufficient"] is False
    assert data["binding_layer"] == "leadership"
    assert data["stakeholder_split"]["employees"]["leadership"] == pytest.approx(25.0)
    assert data["value_spread"]["leadership"] == pytest.approx(50.0)
    assert [p["id"] for p in data["patterns"]] == ["pilot_trap", "value_fragmentation"]
    assert set(data["patterns"][0]) == {"id", "title", "evidence", "explanation"}
    assert data["stakeholder_groups"]["employees"] == {
        "n": 1,
        "withheld": False,
        "layers": data["stakeholder_split"]["employees"],
    }
    private = score_json(result)  # the default minimum of three withholds both groups
    assert private["stakeholder_split"] == {}
    assert private["stakeholder_groups"]["employees"]["withheld"] is True
    assert private["stakeholder_groups"]["employees"]["n"] == 1
    assert set(private["stakeholder_groups"]["employees"]["layers"].values()) == {None}
    assert private["layers"] == data["layers"]
    assert private["alignment_index"] == data["alignment_index"]
    assert data["patterns"][0]["evidence"][0]["ref"] == "stage_since"


def test_answers_csv_round_trip(store: PortfolioStore, tmp_path: Path) -> None:
    ids = fill_portfolio(store)
    instrument = bundled_instrument("1.0")  # the version the assessment was taken with
    assessment = store.get_assessment(ids["first"])
    comments = {r.id: {a.item_id: a.comment for a in r.answers} for r in assessment.respondents}
    rows = answers_csv_rows(ids["first"], instrument, store.response_sets(ids["first"]), comments)
    target = tmp_path / "answers.csv"
    write_csv(target, rows)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    with target.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert tuple(records[0]) == ANSWERS_HEADER
    assert len(records) == 2 * 40
    first = records[0]
    assert first["respondent"] == "Ann" and first["stakeholder_group"] == "cfos"
    assert (first["layer"], first["item_id"], first["weight"]) == ("technology", "TC-01", "1")
    assert first["comment"] == "Seen, in use"
    reverse = next(r for r in records if r["item_id"] == "TC-08")
    # Every item scores 3 after reverse keying, so the raw answer is 6 - 3 = 3 as well.
    assert (reverse["reverse_keyed"], reverse["score"]) == ("true", "3")
    assert not list(tmp_path.glob(".avi-export-*"))  # no temp file left behind


def test_not_applicable_and_unanswered_in_the_answers_rows() -> None:
    from tests.model.engine_helpers import response, small_instrument

    rows = answers_csv_rows("A", small_instrument(), [response("a", {"T1": None, "T2": 5})])
    scores = {row[4]: row[7] for row in rows[1:]}
    assert scores["T1"] == "N/A" and scores["T2"] == "5" and scores["T3"] == ""


def test_portfolio_csv(store: PortfolioStore, tmp_path: Path) -> None:
    ids = fill_portfolio(store)
    overview = portfolio_overview(store, today=TODAY)
    rows = portfolio_csv_rows(overview.entries, initiative_fields(store, overview.entries))
    assert rows[0] == PORTFOLIO_HEADER
    record = dict(zip(PORTFOLIO_HEADER, rows[1], strict=True))
    assert record["initiative_id"] == ids["claims"]
    assert record["business_owner"] == "Head of Claims"
    assert record["kpi_name"] == "Days to triage"
    assert record["stage_since"] == "2025-01-01"
    assert float(record["leadership_score"]) == pytest.approx(50.0)
    assert record["leadership_band"] == "gap" and record["technology_band"] == "aligned"
    assert record["binding_layer"] == "leadership"
    assert record["patterns"] == "pilot_trap;value_fragmentation"
    unscored = dict(zip(PORTFOLIO_HEADER, rows[2], strict=True))
    assert unscored["alignment_index"] == "" and unscored["latest_assessment_id"] == ""
    assert all(unscored[f"{layer.value}_score"] == "" for layer in LAYERS)
    write_csv(tmp_path / "portfolio.csv", rows)
    assert "Claims triage" in (tmp_path / "portfolio.csv").read_text(encoding="utf-8-sig")


def test_write_csv_refuses_a_missing_folder_and_keeps_the_old_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_csv(tmp_path / "nowhere" / "a.csv", [("a",)])
    target = tmp_path / "a.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ExportError, match="Cannot write"):
        write_csv(target, _exploding_rows())
    assert target.read_text(encoding="utf-8") == "old"
    assert not list(tmp_path.glob(".avi-export-*"))


def _exploding_rows() -> Iterator[tuple[str, ...]]:
    yield ("a",)
    raise OSError(28, "No space left on device")
