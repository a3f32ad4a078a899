"""A per-user cache of the parsed briefing faces.

ReportLab reads a whole DejaVu face (0.6-0.75 MB) and builds its glyph tables on every run,
8-14 ms a face in a fresh process, three faces a briefing. The tables it builds are kept in the
user's data folder (``cache/fonts``) and read back in about 5-9 ms a face (most of it building
the same dictionaries of some 6,000 glyphs): numbers in typed arrays, the rest as JSON; nothing
is unpickled or executed. An entry is keyed by the face file's SHA-256, ReportLab's
version and this format; it says all three again inside and carries a SHA-256 of its own content,
so a damaged, stale or foreign entry is ignored (the face is parsed again and the entry
rewritten), never trusted and never a crash. The font bytes themselves are always read from the
bundled file, so the PDF embeds the same subset either way (a test compares the files).
"""

from __future__ import annotations

import json
import logging
import sys
from array import array
from collections.abc import Callable
from functools import partial
from hashlib import sha256
from operator import mul
from pathlib import Path
from typing import IO, Any
from weakref import WeakKeyDictionary

from reportlab import Version as REPORTLAB_VERSION
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from avi_desktop.model.files import atomic_write

log = logging.getLogger(__name__)

FORMAT = 1
MAGIC = b"AVI Desktop font cache\n"
SUFFIX = ".fontcache"
# Kept out of the entry: the file's bytes (read from the face itself), its path, ReportLab's
# scale function (rebuilt from unitsPerEm) and the per-document state (always empty at first).
_FACE_OWN = frozenset({"_ttf_data", "filename", "_pdfScale"})
_FONT_OWN = frozenset({"fontName", "face", "encoding", "state"})
_NATIVE = (bool, int, float, str, type(None))
_SHORT = 8  # shorter number lists stay in the JSON
_EXACT = 2**53  # ints stored among floats must survive the round trip
# What the briefing's text and subsets read, checked on every entry read back.
_REQUIRED: dict[str, type] = {
    "charWidths": dict,
    "charToGlyph": dict,
    "glyphToChar": dict,
    "hmetrics": list,
    "glyphPos": list,
    "numGlyphs": int,
    "unitsPerEm": int,
    "table": dict,
}


class CacheEntryError(ValueError):
    """An entry that cannot be used: damaged, stale or written by something else."""


def folder() -> Path:
    """Where the entries live: ``cache/fonts`` in the user's data folder."""
    from avi_desktop.logs import data_dir

    return data_dir() / "cache" / "fonts"


def load_font(name: str, path: Path, where: Path | None = None) -> TTFont:
    """The face at ``path`` as a ReportLab font named ``name``: from the cache when an entry for
    these exact bytes and this ReportLab is there and sound, else parsed and the entry written."""
    where = folder() if where is None else where
    data = path.read_bytes()
    digest = sha256(data).hexdigest()
    entry = where / entry_name(path, digest)
    try:
        return restore(entry.read_bytes(), name, path, data, digest)
    except FileNotFoundError:
        pass
    except (OSError, CacheEntryError) as exc:
        log.info("font cache entry %s not used: %s", entry.name, exc)
    font = TTFont(name, str(path))
    _store(font, entry, digest)
    return font


def entry_name(path: Path, digest: str) -> str:
    """The entry's file name: the face's name and a key of its digest, ReportLab and format."""
    key = sha256(f"{FORMAT}|{REPORTLAB_VERSION}|{sys.byteorder}|{digest}".encode()).hexdigest()
    return f"{path.stem}-{key[:32]}{SUFFIX}"


def _store(font: TTFont, entry: Path, digest: str) -> None:
    """Write the entry (best effort: a cache that cannot be written costs only time)."""
    if font.face._ttf_data is None or sha256(font.face._ttf_data).hexdigest() != digest:
        return  # the file changed while it was read: nothing consistent to keep
    try:
        content = snapshot(font, digest)
    except (TypeError, ValueError, OverflowError) as exc:  # a ReportLab this does not know
        log.info("font %s not cached: %s", font.fontName, exc)
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        stem = entry.name.rsplit("-", 1)[0]
        for old in entry.parent.glob(f"{stem}-*{SUFFIX}"):  # this face's stale entries
            if old != entry and "-" not in old.name[len(stem) + 1 :]:
                old.unlink(missing_ok=True)

        def write(stream: IO[bytes]) -> None:
            stream.write(content)

        atomic_write(entry, write, prefix=f".{entry.name}.", sync=False)
    except OSError as exc:
        log.info("font cache %s not written: %s", entry, exc)


def snapshot(font: TTFont, digest: str) -> bytes:
    """The entry for a freshly parsed font (TypeError/ValueError when it holds the unexpected)."""
    face = font.face.__dict__
    if (
        type(font.encoding) is not TTEncoding
        or font.encoding.__dict__ != TTEncoding().__dict__
        or not isinstance(font.state, WeakKeyDictionary)
        or len(font.state)
    ):
        raise ValueError("the font carries state of its own")
    scale = _scale(face["unitsPerEm"])
    if any(scale(x) != face["_pdfScale"](x) for x in (1, 7, 1229, 2048)):
        raise ValueError("ReportLab scales glyph units differently")
    blob = bytearray()
    head = {
        "format": FORMAT,
        "reportlab": REPORTLAB_VERSION,
        "byteorder": sys.byteorder,
        "font": digest,
        "face": {k: _encode(v, blob) for k, v in face.items() if k not in _FACE_OWN},
        "object": {k: _encode(v, blob) for k, v in font.__dict__.items() if k not in _FONT_OWN},
    }
    body = json.dumps(head, separators=(",", ":"), allow_nan=False).encode() + b"\n" + blob
    return MAGIC + sha256(body).hexdigest().encode() + b"\n" + body


def restore(content: bytes, name: str, path: Path, data: bytes, digest: str) -> TTFont:
    """The font an entry describes, with ``data`` as its bytes; CacheEntryError if unusable."""
    if not content.startswith(MAGIC):
        raise CacheEntryError("not a font cache entry")
    check, _, body = content[len(MAGIC) :].partition(b"\n")
    if sha256(body).hexdigest().encode() != check:
        raise CacheEntryError("damaged (its digest differs)")
    text, _, blob = body.partition(b"\n")
    try:
        head = json.loads(text)
        if (head["format"], head["reportlab"], head["byteorder"], head["font"]) != (
            FORMAT,
            REPORTLAB_VERSION,
            sys.byteorder,
            digest,
        ):
            raise CacheEntryError("written for another face, format or ReportLab")
        reader = _Reader(memoryview(blob))
        face_state = {k: reader.decode(v) for k, v in head["face"].items()}
        font_state = {k: reader.decode(v) for k, v in head["object"].items()}
    except CacheEntryError:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise CacheEntryError(f"unreadable ({type(exc).__name__})") from exc
    for key, kind in _REQUIRED.items():
        if type(face_state.get(key)) is not kind:
            raise CacheEntryError(f"no {key} of the expected kind")
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(face_state)
    face._ttf_data = data
    face.filename = str(path)
    face._pdfScale = _scale(face_state["unitsPerEm"])
    font = TTFont.__new__(TTFont)
    font.__dict__.update(font_state)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    return font


def _scale(units_per_em: int) -> Callable[[float], float]:
    """ReportLab's glyph-unit scale: x * (1000 / unitsPerEm), or x itself at 1000."""
    if units_per_em == 1000:
        return _same
    return partial(mul, 1000 / units_per_em)


def _same(x: float) -> float:
    return x


def _is_native(value: Any) -> bool:
    return type(value) in _NATIVE or (type(value) is list and all(map(_is_native, value)))


def _numbers(values: list[Any], blob: bytearray) -> Any:
    """A long list of ints and floats as typed arrays in the blob; None if it is not one."""
    kinds = {type(v) for v in values}
    if len(values) < _SHORT or not kinds <= {int, float}:
        return None
    if kinds == {int}:
        return {"q": _put(array("q", values), blob)}
    if kinds == {float}:
        return {"d": _put(array("d", values), blob)}
    if any(type(v) is int and abs(v) >= _EXACT for v in values):
        return None
    flags = array("b", (type(v) is int for v in values))
    return {"m": [_put(array("d", values), blob), _put(flags, blob)]}


def _put(numbers: array[Any], blob: bytearray) -> list[int]:
    start = len(blob)
    blob += numbers.tobytes()
    return [start, len(numbers)]


def _encode(value: Any, blob: bytearray) -> Any:
    """JSON for ``value``: natives as themselves, anything else as a one-key tagged object."""
    kind = type(value)
    if kind in _NATIVE:
        return value  # json.dumps(allow_nan=False) refuses a float that is not finite
    if kind is TTFNameBytes:
        return {"n": value.ustr}
    if kind is bytes:
        return {"b": value.decode("latin-1")}
    if kind is tuple:
        return {"t": _encode(list(value), blob)}
    if kind is dict:
        return {"o": [_encode(list(value), blob), _encode(list(value.values()), blob)]}
    if kind is list:
        numbers = _numbers(value, blob)
        if numbers is not None:
            return numbers
        if len(value) >= _SHORT and all(type(v) is list for v in value):
            flat = [x for v in value for x in v]
            if all(type(x) is int for x in flat):
                return {
                    "r": [_put(array("q", map(len, value)), blob), _put(array("q", flat), blob)]
                }
        widths = {len(v) for v in value if type(v) is tuple}
        if len(value) >= _SHORT and all(type(v) is tuple for v in value) and len(widths) == 1:
            columns = [_encode([v[n] for v in value], blob) for n in range(widths.pop())]
            return {"c": columns}
        if _is_native(value):
            return value
        return {"l": [_encode(v, blob) for v in value]}
    raise TypeError(f"cannot keep a {kind.__name__}")


class _Reader:
    """Decodes what ``_encode`` wrote, reading arrays from the entry's blob."""

    def __init__(self, blob: memoryview) -> None:
        self.blob = blob

    def numbers(self, code: str, where: list[int]) -> array[Any]:
        start, count = where
        out = array(code)
        end = start + count * out.itemsize
        if start < 0 or count < 0 or end > len(self.blob):
            raise CacheEntryError("an array runs past the end")
        out.frombytes(self.blob[start:end])
        return out

    def decode(self, value: Any) -> Any:
        if type(value) is not dict:
            return value
        ((tag, inner),) = value.items()
        if tag == "q":
            return self.numbers("q", inner).tolist()
        if tag == "d":
            return self.numbers("d", inner).tolist()
        if tag == "m":
            floats, flags = self.numbers("d", inner[0]), self.numbers("b", inner[1])
            if len(flags) != len(floats):
                raise CacheEntryError("mixed numbers of unequal length")
            return [int(x) if f else x for x, f in zip(floats, flags, strict=True)]
        if tag == "r":
            return self._ragged(self.numbers("q", inner[0]), self.numbers("q", inner[1]).tolist())
        if tag == "c":
            columns = [self.decode(c) for c in inner]
            return list(zip(*columns, strict=True))
        if tag == "o":
            return dict(zip(self.decode(inner[0]), self.decode(inner[1]), strict=True))
        if tag == "t":
            return tuple(self.decode(inner))
        if tag == "l":
            return [self.decode(v) for v in inner]
        if tag == "b":
            return inner.encode("latin-1")
        if tag == "n":
            return TTFNameBytes(inner.encode("utf-8"))
        raise CacheEntryError(f"unknown tag {tag!r}")

    @staticmethod
    def _ragged(lengths: array[Any], flat: list[int]) -> list[list[int]]:
        if sum(lengths) != len(flat) or min(lengths, default=0) < 0:
            raise CacheEntryError("ragged lists that do not add up")
        if all(n == 1 for n in lengths):
            return [[x] for x in flat]
        out: list[list[int]] = []
        start = 0
        for n in lengths:
            out.append(flat[start : start + n])
            start += n
        return out
