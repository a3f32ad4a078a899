"""Briefings: an initiative briefing and a 500-initiative committee paper, against baselines.

Each is timed as a user runs it, a fresh ``avi-desktop`` process. The baselines, measured in the
same run: a process that only imports the libraries an initiative briefing needs, the ORM and
ReportLab (the floor no briefing can beat; its charts are painted by ReportLab, so matplotlib is
not among them), and a plain ReportLab document with as many pages as the paper (the floor for
laying out that much paper). Each baseline is run in turn with what it is the baseline of,
and a ratio is the median of the ratios pair by pair.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
IMPORT_FLOOR = "import sqlalchemy.orm, reportlab.platypus"


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has its bytecode cached
    return env


def _timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def _paired_medians(
    base: list[str], measured: list[str], repeats: int
) -> tuple[float, float, float]:
    """Median seconds of a baseline and of what is measured against it, and the median of
    their ratio pair by pair. Run in turn (ABBA, so neither always runs second, on a cache the
    other warmed): on a shared machine the load drifts within a minute (the import floor
    measured 0.29-0.65 s), and a baseline timed in a block of its own drifts apart from its
    ratio's other half."""
    _timed(base)  # warm the file cache and write bytecode
    _timed(measured)
    pairs = []
    for n in range(repeats):
        if n % 2:
            m = _timed(measured)
            b = _timed(base)
        else:
            b = _timed(base)
            m = _timed(measured)
        pairs.append((b, m))
    return (
        statistics.median(b for b, _ in pairs),
        statistics.median(m for _, m in pairs),
        statistics.median(m / b for b, m in pairs),
    )


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "avi_desktop", *args]


def build_paper_portfolio(path: Path, count: int) -> None:
    """``count`` initiatives, each with one closed single-respondent assessment."""
    from avi_desktop.model.domain import Stage, StakeholderGroup
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.store import PortfolioStore

    rng = random.Random(11)
    instrument = bundled_instrument()
    items = [item.id for item in instrument.items()]
    with PortfolioStore.create(path, organisation="Benchmark Mutual") as store:
        for n in range(count):
            initiative = store.add_initiative(
                name=f"Initiative {n:03d}",
                stage=rng.choice(list(Stage)),
                stage_since=date(2025, 1, 1) + timedelta(days=rng.randrange(600)),
                business_unit=f"Unit {n % 12:02d}",
                business_owner=f"Owner {n % 40:02d}",
            )
            assessment = store.create_assessment(
                initiative, title="Review", instrument=instrument, assessed_on=date(2026, 6, 1)
            )
            respondent = store.add_respondent(
                assessment, name="Chair", group=StakeholderGroup.BOARDS
            )
            level = rng.randint(2, 4)
            store.set_answers(
                respondent, {item: min(5, max(1, level + rng.choice((-1, 0, 1)))) for item in items}
            )
            store.set_assessment_status(assessment, "closed")


def _plain_document(path: Path, pages: int) -> list[str]:
    """A process laying out ``pages`` pages of plain paragraphs with ReportLab."""
    script = (
        "import sys\n"
        "from reportlab.lib.styles import getSampleStyleSheet\n"
        "from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate\n"
        "body = getSampleStyleSheet()['BodyText']\n"
        "story = []\n"
        f"for page in range({pages}):\n"
        "    story += [Paragraph(f'Line {n} of page {page}', body) for n in range(40)]\n"
        "    story.append(PageBreak())\n"
        "SimpleDocTemplate(sys.argv[1]).build(story)\n"
    )
    return [sys.executable, "-c", script, str(path)]


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def measure(demo: Path, work: Path, *, initiatives: int = 500, repeats: int = 5) -> dict[str, Any]:
    """Median seconds for a briefing and a paper, with their baselines and ratios."""
    from avi_desktop.model.store import PortfolioStore

    with PortfolioStore.open(demo, read_only=True) as store:
        claims = next(
            i.id
            for i in map(store.get_initiative, store.initiative_ids())
            if i.name == "Claims triage assistant"
        )
    brief_out = work / "brief.pdf"
    floor, brief, brief_ratio = _paired_medians(
        [sys.executable, "-c", IMPORT_FLOOR],
        _cli("brief", str(demo), "--initiative", claims, "-o", str(brief_out)),
        repeats,
    )

    big = work / "paper.avip"
    started = time.perf_counter()
    build_paper_portfolio(big, initiatives)
    build_s = time.perf_counter() - started
    paper_out = work / "paper.pdf"
    paper_argv = _cli("paper", str(big), "-o", str(paper_out))
    _timed(paper_argv)  # for the page count the plain document is given
    pages = _pages(paper_out)
    plain_argv = _plain_document(work / "plain.pdf", pages)
    plain, paper, paper_ratio = _paired_medians(plain_argv, paper_argv, repeats)
    return {
        "import_floor_s": floor,
        "brief_s": brief,
        "brief_pages": _pages(brief_out),
        "brief_over_import_floor": brief_ratio,
        "paper_initiatives": initiatives,
        "paper_portfolio_build_s": build_s,
        "paper_s": paper,
        "paper_pages": pages,
        "plain_reportlab_same_pages_s": plain,
        "paper_over_plain_reportlab": paper_ratio,
        "repeats": repeats,
    }
