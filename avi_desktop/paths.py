"""Where bundled resources live, from a source checkout, an installed wheel or a frozen bundle."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """Return the folder holding instruments, schemas, fonts and the demo portfolio."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    spec = importlib.util.find_spec("avi_desktop._resources")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    raise FileNotFoundError("The application's resources folder is missing; reinstall AVI Desktop.")


def resource(*parts: str) -> Path:
    """Return the path of one bundled resource file."""
    return resources_dir().joinpath(*parts)
