"""The frozen bundle: every module collected, the self-test and a headless briefing pass.

They run the built executable (`make bundle`, about a minute to build), so a bare `pytest` skips
them. `make test` (so CI) and `make bundle-test` build it and run them with AVI_BUNDLE_TEST=1, as
does any run with CI set: there a missing or stale build fails, never skips.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXECUTABLE = (
    ROOT / "dist" / "avi-desktop" / ("avi-desktop.exe" if os.name == "nt" else "avi-desktop")
)
_TRUE = {"1", "true", "yes"}
REQUIRED = os.environ.get("AVI_BUNDLE_TEST") == "1" or os.environ.get("CI", "").lower() in _TRUE

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(
        not REQUIRED,
        reason="runs the PyInstaller bundle; `make bundle-test` (or AVI_BUNDLE_TEST=1) runs it",
    ),
]


def _modules() -> list[Path]:
    return sorted((ROOT / "avi_desktop").rglob("*.py"))


@pytest.fixture(scope="module")
def executable() -> Path:
    """The built app, which must exist and be newer than every source it was built from."""
    assert EXECUTABLE.is_file(), f"no bundle at {EXECUTABLE}: build it with `make bundle`"
    built = EXECUTABLE.stat().st_mtime
    stale = [
        str(p.relative_to(ROOT))
        for p in [ROOT / "build.spec", *_modules()]
        if p.stat().st_mtime > built
    ]
    assert not stale, f"the bundle is older than {stale[:3]}: rebuild it with `make bundle`"
    return EXECUTABLE


def _run(executable: Path, folder: Path, *args: str) -> str:
    """Run the frozen app in a clean environment, outside the checkout; return its stdout.

    Nothing may come from the source tree or a display, so only PATH and a private HOME are
    passed on: no PYTHONPATH, no DISPLAY, no QT_QPA_PLATFORM.
    """
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(folder)}
    if os.name == "nt":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", "")
        env["TEMP"] = env["TMP"] = env["APPDATA"] = env["LOCALAPPDATA"] = str(folder)
    done = subprocess.run(
        [str(executable), *args],
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


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_bundle_collects_every_module(executable: Path) -> None:
    """A module reached only lazily (a subcommand, a window) is in the frozen archive too."""
    from PyInstaller.archive.readers import CArchiveReader

    # ReportLab finds its C accelerators by a name in a string: the bundle carries them too
    # (an extension module, a file in the bundle's folder rather than in the archive).
    assert list(executable.parent.rglob("_rl_accel*.so")) or list(
        executable.parent.rglob("_rl_accel*.pyd")
    )
    archive = CArchiveReader(str(executable)).open_embedded_archive("PYZ.pyz")
    frozen = {name for name in archive.toc if name.startswith("avi_desktop")}
    wanted = {_module_name(p) for p in _modules()}
    assert "avi_desktop.ui.main_window" in wanted
    assert sorted(wanted - frozen) == []


def test_bundle_self_test(executable: Path, tmp_path: Path) -> None:
    out = _run(executable, tmp_path, "self-test")
    assert out.splitlines()[-1] == "self-test passed"
    assert "ok  upgrade an older file, backup first" in out
    assert "ok  encrypted round trip and passphrase change" in out


def test_bundle_writes_the_demo_a_chart_and_a_briefing(executable: Path, tmp_path: Path) -> None:
    """Charts, briefings, their fonts and the bundled demo all travel inside the bundle."""
    _run(executable, tmp_path, "demo", "demo.avip")
    first = _run(executable, tmp_path, "initiatives", "demo.avip").splitlines()[2].split()[0]
    _run(executable, tmp_path, "verify", "demo.avip")
    _run(executable, tmp_path, "chart", "heatmap", "demo.avip", "-o", "heatmap.png")
    _run(executable, tmp_path, "brief", "demo.avip", "--initiative", first, "-o", "brief.pdf")
    assert (tmp_path / "heatmap.png").read_bytes().startswith(b"\x89PNG")
    pdf = (tmp_path / "brief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf
