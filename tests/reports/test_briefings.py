"""The four briefings print the engine's figures, exactly as ``fmt_score`` formats them."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from avi_desktop.model.domain import LAYERS, Imperative, StakeholderGroup
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.results import AssessmentResult, Evidence, fmt_score
from avi_desktop.reports import (
    BriefingOptions,
    write_initiative_brief,
    write_portfolio_paper,
    write_questionnaire,
    write_workshop_summary,
)
from tests.reports.conftest import (
    ALIGNMENT_INDEX,
    Meta,
    Overview,
    Settings,
    build_portfolio,
)
from tests.reports.pdftext import page_texts, squeeze


def test_initiative_first_page_is_the_director_summary(
    overview: Overview,
    settings: Settings,
    instrument: Instrument,
    out: Path,
    options: BriefingOptions,
) -> None:
    [path] = write_initiative_brief(overview, settings, instrument, out, options)
    first = squeeze(page_texts(path)[0])
    assert first.startswith("Claims triage assistant Initiative briefing · Northwind Mutual")
    assert first.count("CONFIDENTIAL") >= 2
    assert "Simple claims wait nine days" in first  # what it is for
    assert "from 9 days to 2 days" in first  # the KPI
    assert re.search(rf"{re.escape(fmt_score(ALIGNMENT_INDEX))} ?/ 100", first)
    binding = first[first.index("Binding layer") :]
    assert "Organisational" in binding and "47.9 of target 75.0" in binding
    assert "Justified with conditions" in first
    assert "One of the four layers meets its target." in first
    assert "Trust Ceiling" in first
    assert "alignment index has risen 10.3 points" in first  # delta since the previous one
    titles = [rec.title for rec in overview.recommendations[:3]]
    for n, title in enumerate(titles, start=1):
        assert f"{n}. {title}" in first
    assert overview.recommendations[3].title not in first


def test_initiative_detail_prints_engine_figures(
    overview: Overview,
    settings: Settings,
    instrument: Instrument,
    out: Path,
    options: BriefingOptions,
) -> None:
    [path] = write_initiative_brief(overview, settings, instrument, out, options)
    texts = page_texts(path)
    text = squeeze(" ".join(texts[1:]))
    result = overview.latest
    assert result is not None
    for layer in LAYERS:
        lr = result.layers[layer]
        row = (
            f"{layer.label} {fmt_score(lr.score)} {fmt_score(lr.target)} {fmt_score(lr.gap)} "
            f"{lr.band.label if lr.band else ''}"
        )
        assert row in text, row
    assert "0.46 (low agreement)" in text
    assert f"Alignment index {fmt_score(ALIGNMENT_INDEX)}" in text
    # Unrounded values never reach the page.
    assert "60.43" not in text and "52.08" not in text
    # Patterns with evidence, actions under the imperatives, history, split, decisions.
    assert "Technology Capability 81.3 (target 75.0)" in text
    for imperative in Imperative:
        assert imperative.label in text
    assert "Agree one value statement with the COO and CFO Head of Claims 30 Apr 2026 Open" in text
    assert "Change latest against previous +10.0 +10.0 +10.0 +10.0 +10.3" in text
    assert "Patterns that appeared: Trust Ceiling. Patterns resolved: AI Pilot Trap." in text
    boards = result.stakeholder_split[StakeholderGroup.BOARDS]
    assert "Boards " + " ".join(fmt_score(boards[layer]) for layer in LAYERS) in text
    assert "Departed from Fairness to every claimant" in text
    assert "Value-consistent decision and its cost A two-week delay" in text
    # Item appendix: every item with mean, SD, n and N/A.
    appendix = squeeze(texts[-1])
    for item_id, ir in result.items.items():
        sd = fmt_score((ir.variance or 0.0) ** 0.5)
        pattern = rf"{item_id} .*? {fmt_score(ir.mean)} {sd} {len(ir.scores)} {ir.n_not_applicable}"
        assert re.search(pattern, appendix), item_id
    assert "Document control" in text and "Prepared by Portfolio office" in text


def test_initiative_without_assessment(
    overview: Overview, settings: Settings, out: Path, options: BriefingOptions
) -> None:
    bare = dataclasses.replace(
        overview,
        latest=None,
        previous=None,
        comparison=None,
        trend=(),
        patterns=(),
        recommendations=(),
        necessity=None,
        decisions=(),
        actions=(),
    )
    [path] = write_initiative_brief(bare, settings, None, out, options)
    text = squeeze(" ".join(page_texts(path)))
    assert "has not been assessed yet" in text
    assert "No necessity assessment is on record" in text
    assert "No misalignment pattern was detected." in text


def test_workshop_summary_puts_disagreement_first(
    result: AssessmentResult, instrument: Instrument, out: Path, options: BriefingOptions
) -> None:
    [path] = write_workshop_summary(
        result, Meta(), instrument, out, options, initiative_name="Claims triage assistant"
    )
    text = squeeze(" ".join(page_texts(path)))
    assert "Workshop summary · Workshop of 14 March 2026 · 4 respondents" in text
    lead = result.layers[LAYERS[1]]
    assert f"Leadership Alignment {fmt_score(lead.score)} {fmt_score(lead.sd)} 0.46" in text
    start = text.index("Items with the most disagreement first")
    order = re.findall(r"\b(TC|LA|OC|ST)-0(\d)\b", text[start:])
    # The four items with the largest variance (number 2 of each layer) come first.
    assert [n for _, n in order[:4]] == ["2", "2", "2", "2"]
    assert "1.8" in text[start:]  # SD of variance 3.3333
    assert "Value spread (points) 13.3 13.3 13.3 13.3" in text


def test_questionnaire_has_every_item_anchor_and_box(
    instrument: Instrument, out: Path, options: BriefingOptions
) -> None:
    [path] = write_questionnaire(instrument, out, options)
    texts = page_texts(path)
    first = squeeze(texts[0])
    assert "Name or code" in first and "Role" in first
    for group in StakeholderGroup:
        assert group.label in first
    body = squeeze(" ".join(texts[1:]))
    for item in instrument.items():
        assert f"{item.id} {item.text}" in body
    assert body.count("Fully in place") == len(instrument.items())
    assert body.count("N/A") == sum(1 for item in instrument.items() if item.allow_na)
    assert body.count("Comment") == len(instrument.items())
    assert len(texts) == 1 + len(instrument.layers)


def test_portfolio_paper_summary_and_split_tables(
    tmp_path: Path, settings: Settings, options: BriefingOptions
) -> None:
    portfolio = build_portfolio(40)
    calls: list[tuple[int, int, str]] = []
    [path] = write_portfolio_paper(
        portfolio,
        settings,
        tmp_path / "paper.pdf",
        options,
        lambda done, total, message: calls.append((done, total, message)),
    )
    texts = page_texts(path)
    first = squeeze(texts[0])
    assert "Portfolio committee paper · 40 initiatives" in first
    assert "AI Theatre." in first  # named and explained on page one ...
    assert "Initiatives without a KPI 20 of 40" in squeeze(texts[1])  # ... its evidence on two
    assert "Document control" in squeeze(texts[1])
    indexed = [
        (e.latest.alignment_index, e)
        for e in portfolio.entries
        if e.latest is not None and e.latest.alignment_index is not None
    ]
    scored = [e for _, e in sorted(indexed, key=lambda pair: pair[0])]
    lowest = first[first.index("The five least aligned") :]
    for entry in scored[:5]:
        assert entry.name.split(" — ")[0] in lowest  # the name wraps in its cell
        assert fmt_score(entry.latest.alignment_index) in lowest  # type: ignore[union-attr]
    assert scored[5].name.split(" — ")[0] not in lowest
    # The full table runs over pages, its header on each of them.
    table_pages = [t for t in texts if re.search(r"Initiative\s+Stage\s+Unit\s+Tech\.", t)]
    assert len(table_pages) >= 2
    # Every initiative has its own section.
    sections = squeeze(" ".join(texts))
    for entry in portfolio.entries:
        assert sections.count(entry.name.split(" — ")[0]) >= 2
    assert ("Prepared 40 of 40 initiative sections") in {m for _, _, m in calls}
    assert calls[-1][0] == calls[-1][1]


def test_500_initiative_paper_reports_progress_without_noise(
    tmp_path: Path, settings: Settings, options: BriefingOptions
) -> None:
    import pikepdf

    portfolio = build_portfolio(500)
    theatre = portfolio.portfolio_patterns[0]
    # As the engine states AI Theatre: one evidence row per initiative that counts.
    named = tuple(Evidence(e.name, "no KPI") for e in portfolio.entries)
    portfolio = dataclasses.replace(
        portfolio,
        portfolio_patterns=(dataclasses.replace(theatre, evidence=theatre.evidence + named),),
    )
    calls: list[tuple[int, int, str]] = []
    [path] = write_portfolio_paper(
        portfolio,
        settings,
        tmp_path / "paper.pdf",
        options,
        lambda done, total, message: calls.append((done, total, message)),
    )
    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
    messages = [message for _, _, message in calls]
    assert len(messages) == len(set(messages)), "a progress line was repeated"
    assert all(0 <= done <= total for done, total, _ in calls)
    heat = [m for m in messages if m.startswith("Drawing heat map page")]
    assert heat == [f"Drawing heat map page {n} of 3" for n in (1, 2, 3)]
    sections = [m for m in messages if m.endswith("initiative sections")]
    assert sections[-1] == "Prepared 500 of 500 initiative sections" and len(sections) <= 10
    laid = [int(m.rsplit(" ", 1)[1]) for m in messages if m.startswith("Laying out page")]
    assert laid == sorted(set(laid)) and laid[0] == 1  # each page named once, in order
    assert 5 <= len(laid) <= 12  # steady through a long paper, not one line per flowable
    assert messages[-1] == f"Laid out {pages} pages"
    assert calls[-1][0] == calls[-1][1]
    second = squeeze(page_texts(path)[1])
    # The pattern's evidence is cut short on page two instead of running over ten pages.
    assert "… and 486 more listed under “All initiatives”" in second
    assert "Heat map" in squeeze(page_texts(path)[2])


def test_in_brief_counts_every_layer_against_its_own_target() -> None:
    from types import SimpleNamespace

    from avi_desktop.model.domain import Layer, Stage
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.scoring import score_assessment
    from avi_desktop.reports.initiative_summary import number
    from avi_desktop.reports.portfolio import in_brief
    from tests.model.engine_helpers import effective_answers, response

    instrument = bundled_instrument()
    answers = effective_answers(instrument, {**dict.fromkeys(LAYERS, 4), Layer.TECHNOLOGY: 3})
    # Technology is the weakest score (50) but above its own target; trust (75) misses 80.
    targets = {**dict.fromkeys(LAYERS, 70.0), Layer.TECHNOLOGY: 45.0, Layer.TRUST: 80.0}
    result = score_assessment(instrument, [response("a", answers)], targets, "A1")
    entry = SimpleNamespace(latest=result, stage=Stage.PILOT, patterns=())
    text = " ".join(in_brief(SimpleNamespace(portfolio_patterns=()), [entry]))
    assert "No assessed initiative meets its target on every layer" in text
    assert "0 have at least one layer more than 20 points below target" in text
    assert (number(2.001), number(1234.5), number(640000.0)) == ("2", "1,234.5", "640,000")


def test_briefings_name_the_instruments_agreement_threshold(
    overview: Overview,
    result: AssessmentResult,
    instrument: Instrument,
    tmp_path: Path,
    options: BriefingOptions,
) -> None:
    strict = dataclasses.replace(instrument, low_agreement_rwg=0.8, min_answered_fraction=0.5)
    for name, used, expected in (("default", instrument, "0.70"), ("strict", strict, "0.80")):
        [brief] = write_initiative_brief(
            overview, Settings(), used, tmp_path / f"brief-{name}.pdf", options
        )
        text = squeeze(" ".join(page_texts(brief)))
        assert f"below {expected} the respondents disagree" in text
        assert f"Low agreement (below {expected})" in text  # the ring's key on page one
        [summary] = write_workshop_summary(
            result, Meta(), used, tmp_path / f"workshop-{name}.pdf", options
        )
        text = squeeze(" ".join(page_texts(summary)))
        assert f"below {expected} the layer is flagged as low agreement" in text
