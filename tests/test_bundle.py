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


def test_bundle_self_test(tmp_path: Path) -> None:
    if not EXECUTABLE.exists():
        subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "build.spec"],
            cwd=ROOT,
            check=True,
            timeout=1800,
        )
    # A clean environment, outside the checkout: nothing may come from the source tree.
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
    }
    if os.name == "nt":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", "")
        env["TEMP"] = str(tmp_path)
    done = subprocess.run(
        [str(EXECUTABLE), "self-test"],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "self-test passed"
    assert "ok  upgrade an older file, backup first" in done.stdout
    assert done.stderr == ""


def test_bundle_writes_the_demo_a_chart_and_a_briefing(tmp_path: Path) -> None:
    """Charts, briefings, their fonts and the bundled demo all travel inside the bundle."""
    if not EXECUTABLE.exists():
        pytest.skip("the bundle is built by test_bundle_self_test")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(EXECUTABLE), *args],
            check=False,
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("demo", "demo.avip")
    first = run("initiatives", "demo.avip").splitlines()[2].split()[0]  # an assessed one
    run("chart", "heatmap", "demo.avip", "-o", "heatmap.png")
    run("brief", "demo.avip", "--initiative", first, "-o", "brief.pdf")
    assert (tmp_path / "heatmap.png").read_bytes().startswith(b"\x89PNG")
    pdf = (tmp_path / "brief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf
