"""Reading instrument-like TOML files: validation helpers whose errors name the file and key.

Shared by the four-layer instrument (``instrument``) and the necessity instrument.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from avi_desktop.model.errors import InstrumentError


class _Checker:
    """Validation helpers whose errors name the file and the offending key in one line."""

    def __init__(self, path: Path) -> None:
        self.name = path.name

    def fail(self, key: str, problem: str) -> InstrumentError:
        where = f"{self.name}: {key} " if key else f"{self.name}: "
        return InstrumentError(where + problem)

    def table(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table, got {_show(value)}")
        return value

    def keys(self, table: Mapping[str, Any], allowed: frozenset[str], key: str) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            where = f"{key}.{unknown[0]}" if key else unknown[0]
            raise self.fail(where, f"is not a known key (allowed: {', '.join(sorted(allowed))})")

    def text(self, table: Mapping[str, Any], name: str, key: str, *, required: bool = True) -> str:
        value = table.get(name)
        full = f"{key}.{name}" if key else name
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(full, f"must be a non-empty text, got {_show(value)}")
        return value.strip()

    def boolean(self, table: Mapping[str, Any], name: str, key: str) -> bool:
        value = table.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(f"{key}.{name}", f"must be true or false, got {_show(value)}")
        return value

    def number(self, value: Any, key: str, *, fraction: bool = False) -> float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not math.isfinite(value) or value <= 0 or (fraction and value > 1):
            wanted = "a number above 0 and at most 1" if fraction else "a positive number"
            raise self.fail(key, f"must be {wanted}, got {_show(value)}")
        return float(value)

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, f"must be a list of non-empty texts, got {_show(value)}")
        return tuple(v.strip() for v in value)


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    return (
        repr(value)
        if isinstance(value, str)
        else str(value).lower()
        if isinstance(value, bool)
        else str(value)
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise InstrumentError(
            f"{path.name}: the file does not exist ({path}); check the path."
        ) from None
    except OSError as exc:
        raise InstrumentError(f"{path.name}: cannot be read ({exc.strerror or exc}).") from None
    except UnicodeDecodeError:
        raise InstrumentError(f"{path.name}: is not UTF-8 text; save it as UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError(f"{path.name}: is not valid TOML ({exc}); fix the file.") from None
