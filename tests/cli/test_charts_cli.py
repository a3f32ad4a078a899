"""``avi-desktop chart``: every kind written from a real portfolio file, and clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from avi_desktop.cli import main
from avi_desktop.model.demo import build_demo
from avi_desktop.model.domain import AssessmentMode
from avi_desktop.model.overview import initiative_overview
from avi_desktop.model.store import PortfolioStore


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The demo portfolio, with the ids the tests need."""
    path = tmp_path_factory.mktemp("demo") / "demo.avip"
    build_demo(path)
    ids = {"path": str(path)}
    with PortfolioStore.open(path, read_only=True) as store:
        for initiative_id in store.initiative_ids():
            view = initiative_overview(store, initiative_id)
            if len(view.trend) >= 2:
                ids["history"] = initiative_id
            elif len(view.trend) == 1:
                ids["single"] = initiative_id
            for assessment in view.initiative.assessments:
                if assessment.mode == AssessmentMode.WORKSHOP.value:
                    ids["workshop"] = assessment.id
    assert {"history", "single", "workshop"} <= set(ids)
    return ids


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


CASES = [
    ("ring", "history", "layer", "ring.png", b"\x89PNG"),
    ("ring", "history", "comparison", "compare.svg", b"<?xml"),
    ("ring", "single", "items", "items.pdf", b"%PDF"),
    ("trend", "history", "layer", "trend.pdf", b"%PDF"),
    ("dispersion", "workshop", "layer", "dispersion.png", b"\x89PNG"),
    ("heatmap", "", "layer", "heatmap.svg", b"<?xml"),
    ("counts", "", "layer", "counts.svg", b"<?xml"),
]


@pytest.mark.parametrize("case", CASES, ids=[case[3] for case in CASES])
def test_each_kind_is_written(
    demo: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, str, str, str, bytes],
) -> None:
    kind, which, variant, name, magic = case
    out = tmp_path / name
    selector = []
    if which == "workshop":
        selector = ["--assessment", demo["workshop"]]
    elif which:
        selector = ["--initiative", demo[which]]
    status, stdout, stderr = run(
        capsys, "chart", kind, demo["path"], *selector, "--variant", variant, "-o", str(out)
    )
    assert (status, stderr) == (0, "")
    assert stdout.strip() == str(out)
    data = out.read_bytes()
    assert data.startswith(magic) and len(data) > 5000
    if name.endswith(".svg") and kind == "ring":
        assert b'id="previous-' in data  # the comparison outline made it into the file
    if kind == "counts":
        text = data.decode()
        assert "Initiatives by stage" in text and "Momentum without Direction" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["chart", "ring", "{path}", "-o", "{out}.png"], "add --assessment ID or --initiative ID"),
        (
            ["chart", "ring", "{path}", "--initiative", "{single}", "-o", "{out}.jpg"],
            ".png, .svg or .pdf",
        ),
        (
            [
                "chart",
                "ring",
                "{path}",
                "--initiative",
                "{single}",
                "--variant",
                "comparison",
                "-o",
                "{out}.png",
            ],
            "no earlier assessment",
        ),
        (
            ["chart", "trend", "{path}", "--assessment", "missing", "-o", "{out}.png"],
            "no assessment with id",
        ),
        (
            ["chart", "ring", "{path}", "--initiative", "{single}", "-o", "{missing}/x.png"],
            "does not exist",
        ),
        (["chart", "ring", "{nofile}", "--initiative", "x", "-o", "{out}.png"], "does not exist"),
    ],
)
def test_failures_are_one_plain_line(
    demo: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    values = {
        **demo,
        "out": str(tmp_path / "chart"),
        "missing": str(tmp_path / "missing"),
        "nofile": str(tmp_path / "none.avip"),
    }
    status, stdout, stderr = run(capsys, *(a.format(**values) for a in args))
    assert status == 1
    assert stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("avi-desktop: ")
    assert message in stderr
    assert "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []
