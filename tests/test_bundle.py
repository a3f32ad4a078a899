"""The frozen bundle runs its self-test (slow: set AVI_BUNDLE_TEST=1, or run `make bundle-test`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXECUTABLE = (
    ROOT / "dist" / "avi-desktop" / ("avi-desktop.exe" if os.name == "nt" else "avi-desktop")
)

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(
        os.environ.get("AVI_BUNDLE_TEST") != "1",
        reason="builds and runs the PyInstaller bundle; set AVI_BUNDLE_TEST=1 to run",
    ),
]


def _run(folder: Path, *args: str) -> str:
    """Run the frozen app in a clean environment, outside the checkout; return its stdout.

    Nothing may come from the source tree, so only PATH and a private HOME are passed on.
    """
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(folder),
        "QT_QPA_PLATFORM": "offscreen",
    }
    if os.name == "nt":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", "")
        env["TEMP"] = str(folder)
    done = subprocess.run(
        [str(EXECUTABLE), *args],
        check=False,
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def test_bundle_self_test(tmp_path: Path) -> None:
    if not EXECUTABLE.exists():
        subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "build.spec"],
            cwd=ROOT,
            check=True,
            timeout=1800,
        )
    out = _run(tmp_path, "self-test")
    assert out.splitlines()[-1] == "self-test passed"
    assert "ok  upgrade an older file, backup first" in out


def test_bundle_writes_the_demo_a_chart_and_a_briefing(tmp_path: Path) -> None:
    """Charts, briefings, their fonts and the bundled demo all travel inside the bundle."""
    if not EXECUTABLE.exists():
        pytest.skip("the bundle is built by test_bundle_self_test")
    _run(tmp_path, "demo", "demo.avip")
    first = _run(tmp_path, "initiatives", "demo.avip").splitlines()[2].split()[0]  # assessed
    _run(tmp_path, "chart", "heatmap", "demo.avip", "-o", "heatmap.png")
    _run(tmp_path, "brief", "demo.avip", "--initiative", first, "-o", "brief.pdf")
    assert (tmp_path / "heatmap.png").read_bytes().startswith(b"\x89PNG")
    pdf = (tmp_path / "brief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf
