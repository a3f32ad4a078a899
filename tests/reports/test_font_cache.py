"""The per-user cache of parsed faces: a hit equals a parse, a bad entry is parsed again."""

from __future__ import annotations

import os
import subprocess
import sys
from hashlib import sha256
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from avi_desktop.paths import resource
from avi_desktop.reports import font_cache

ROOT = Path(__file__).resolve().parents[2]
REGULAR = resource("fonts", "DejaVuSans.ttf")
BOLD = resource("fonts", "DejaVuSans-Bold.ttf")


def _state(font: TTFont) -> str:
    """What ReportLab keeps for a font, with its scale function turned into figures; as text,
    so an int read back as a float (or a list as a tuple) differs."""
    face = dict(font.face.__dict__)
    scale = face.pop("_pdfScale")
    face["scale"] = [scale(x) for x in (0, 1, 7, 1229, 2048, 65535)]
    own = {k: v for k, v in font.__dict__.items() if k not in ("face", "encoding", "state")}
    own["encoding"] = (type(font.encoding), font.encoding.__dict__)
    own["state"] = (type(font.state), len(font.state))
    return repr((sorted(face.items()), sorted(own.items())))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the face was parsed")

    monkeypatch.setattr(TTFontFile, "extractInfo", refuse)


def test_a_miss_writes_an_entry_and_a_hit_restores_the_same_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = TTFont("DejaVuSans", str(REGULAR))
    first = font_cache.load_font("DejaVuSans", REGULAR, tmp_path)
    (entry,) = tmp_path.iterdir()
    assert entry.suffix == font_cache.SUFFIX and entry.stat().st_mode & 0o077 == 0
    _no_parsing(monkeypatch)
    again = font_cache.load_font("DejaVuSans", REGULAR, tmp_path)
    for font in (first, again):
        assert _state(font) == _state(parsed)
    assert again.face._ttf_data == REGULAR.read_bytes()
    assert again.face.filename == str(REGULAR)


def _entry(folder: Path, path: Path) -> Path:
    font_cache.load_font("F", path, folder)
    return next(folder.glob(f"{path.stem}-*"))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda content: content[: len(content) // 2],  # cut short
        lambda content: content[:-100] + bytes(b ^ 0xFF for b in content[-100:]),  # flipped
        lambda content: b"not a cache entry at all",
        lambda content: b"",
    ],
    ids=["truncated", "flipped", "foreign", "empty"],
)
def test_a_damaged_entry_is_ignored_and_written_again(tmp_path: Path, spoil: Any) -> None:
    entry = _entry(tmp_path, REGULAR)
    good = entry.read_bytes()
    entry.write_bytes(spoil(good))
    font = font_cache.load_font("DejaVuSans", REGULAR, tmp_path)
    assert _state(font) == _state(TTFont("DejaVuSans", str(REGULAR)))
    assert entry.read_bytes() == good


def test_another_faces_entry_under_this_name_is_not_trusted(tmp_path: Path) -> None:
    """A sound entry, but for the bold face: its own key says so, and the face is parsed."""
    data = REGULAR.read_bytes()
    digest = sha256(data).hexdigest()
    bold = _entry(tmp_path, BOLD).read_bytes()
    with pytest.raises(font_cache.CacheEntryError, match="another face"):
        font_cache.restore(bold, "F", REGULAR, data, digest)
    entry = tmp_path / font_cache.entry_name(REGULAR, digest)
    entry.write_bytes(bold)
    font = font_cache.load_font("DejaVuSans", REGULAR, tmp_path)
    assert _state(font) == _state(TTFont("DejaVuSans", str(REGULAR)))
    rewritten = font_cache.restore(entry.read_bytes(), "DejaVuSans", REGULAR, data, digest)
    assert _state(rewritten) == _state(font)


def test_a_new_entry_replaces_only_the_same_faces_old_ones(tmp_path: Path) -> None:
    bold = _entry(tmp_path, BOLD)
    stale = tmp_path / f"DejaVuSans-{'0' * 32}{font_cache.SUFFIX}"
    stale.write_bytes(b"from an older ReportLab")
    _entry(tmp_path, REGULAR)
    assert not stale.exists()
    assert bold.exists()
    assert len(list(tmp_path.iterdir())) == 2


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    font = font_cache.load_font("DejaVuSans", REGULAR, blocked / "fonts")
    assert font.face.charWidths == TTFont("R", str(REGULAR)).face.charWidths


def test_the_cache_lives_in_the_data_folder() -> None:
    from avi_desktop.logs import data_dir

    assert font_cache.folder() == data_dir() / "cache" / "fonts"


def test_a_briefing_is_the_same_file_from_a_parsed_or_a_cached_face(
    demo_copy: Path, tmp_path: Path
) -> None:
    """Fresh processes sharing one data folder: the first parses and writes the entries, the
    second reads them, the third finds them damaged; the three PDFs are byte-identical."""
    from avi_desktop.model.store import PortfolioStore

    with PortfolioStore.open(demo_copy, read_only=True) as store:
        initiative = store.initiative_ids()[0]
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        XDG_DATA_HOME=str(tmp_path / "data"),
        SOURCE_DATE_EPOCH="1780000000",
    )
    fonts = tmp_path / "data" / "AVI Desktop" / "cache" / "fonts"
    outputs = []
    for run in range(3):
        out = tmp_path / f"brief-{run}.pdf"
        argv = ["brief", str(demo_copy), "--initiative", initiative, "-o", str(out)]
        subprocess.run(
            [sys.executable, "-m", "avi_desktop", *argv, "--deterministic"],
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
        assert len(list(fonts.iterdir())) == 3
        if run == 1:
            for entry in fonts.iterdir():
                entry.write_bytes(entry.read_bytes()[:-10])
    assert outputs[0] == outputs[1] == outputs[2]
