"""Workshop response packs: importing 60 filled-in packs, against parsing the same files.

End to end as a facilitator runs it: ``import_packs`` on an open portfolio (what the window's
worker calls: read, check, digest, match against the assessment, one transaction per file),
and ``avi-desktop import-responses`` as a fresh process. The baseline, in the same run, is
``json.loads`` of the same 60 files: the floor for merely reading them. Target: under 2 s.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from briefings import _env

PACKS = 60


def build(folder: Path, count: int = PACKS) -> tuple[Path, list[Path]]:
    """A portfolio with a workshop of ``count`` participants, and their packs filled in."""
    from avi_desktop.model import packs
    from avi_desktop.model.domain import StakeholderGroup
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.participants import Participant, create_workshop
    from avi_desktop.model.store import PortfolioStore

    path = folder / "workshop.avip"
    groups = list(StakeholderGroup)
    rng = random.Random(12)
    instrument = bundled_instrument()
    with PortfolioStore.create(path, organisation="Benchmark") as store:
        initiative = store.add_initiative(name="Claims triage")
        people = [Participant(f"P{n:02d}", groups[n % len(groups)]) for n in range(count)]
        assessment = create_workshop(
            store,
            initiative,
            title="Benchmark workshop",
            participants=people,
            instrument=instrument,
            assessed_on=date(2026, 11, 2),
        )
        out = folder / "packs"
        out.mkdir()
        files = packs.export_packs(store, assessment, out)
    for file in files:
        answers = {item.id: rng.randint(1, 5) for item in instrument.items()}
        comments = {item.id: "Depends on the team — " * 3 for item in instrument.items()[:4]}
        packs.write_pack(file, packs.fill_pack(packs.read_pack(file), answers, comments))
    return path, files


def _parse(files: list[Path]) -> float:
    start = time.perf_counter()
    for file in files:
        json.loads(file.read_bytes())
    return time.perf_counter() - start


def _import(portfolio: Path, files: list[Path], work: Path) -> float:
    from avi_desktop.model.packs import import_packs
    from avi_desktop.model.store import PortfolioStore

    copy = work / "import.avip"
    shutil.copyfile(portfolio, copy)
    with PortfolioStore.open(copy) as store:
        start = time.perf_counter()
        report = import_packs(store, files)
        elapsed = time.perf_counter() - start
    assert report.ok and len(report.imported) == len(files), report.rejected[:1]
    return elapsed


def _command(portfolio: Path, files: list[Path], work: Path) -> float:
    copy = work / "command.avip"
    shutil.copyfile(portfolio, copy)
    argv = [sys.executable, "-m", "avi_desktop", "import-responses", str(copy), *map(str, files)]
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=_env(), stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(work: Path, *, repeats: int = 5, count: int = PACKS) -> dict[str, Any]:
    folder = work / "packs-bench"
    folder.mkdir()
    portfolio, files = build(folder, count)
    _parse(files)
    _import(portfolio, files, folder)  # warm imports and the file cache
    parse = statistics.median(_parse(files) for _ in range(repeats))
    imported = statistics.median(_import(portfolio, files, folder) for _ in range(repeats))
    command = statistics.median(_command(portfolio, files, folder) for _ in range(repeats))
    return {
        "packs": count,
        "pack_bytes": files[0].stat().st_size,
        "json_parse_s": parse,
        "import_s": imported,
        "import_over_parse": imported / parse,
        "command_s": command,
        "command_over_parse": command / parse,
        "target_s": 2.0,
    }


def print_results(result: dict[str, Any]) -> None:
    print(f"{'response packs (bytes each)':44} {result['packs']:5d} ({result['pack_bytes']})")
    print(f"{'json.loads of the same files (s)':44} {result['json_parse_s']:12.4f}")
    print(f"{'import_packs, end to end (s)':44} {result['import_s']:12.3f}")
    print(f"{'  ratio to parsing':44} {result['import_over_parse']:12.1f}")
    print(f"{'import-responses, fresh process (s)':44} {result['command_s']:12.3f}")
    print(f"{'  ratio to parsing (target < 2 s)':44} {result['command_over_parse']:12.1f}")
