"""Benchmarks, reported as ratios against baselines measured in the same run.

1. Start-up: our window's first paint against a bare PySide6 QMainWindow (target ratio <= 1.5).
2. The portfolio table at 100,000 initiatives: load, sort by every column inside the model,
   against a QSortFilterProxyModel sort of the same rows.
3. Briefings: an initiative briefing against the bare import of its libraries, and a
   500-initiative committee paper against plain ReportLab pages of the same count.
4. The window at 100,000 initiatives (window.py): launch to scores, an edit, UI-thread pauses,
   peak memory, the score cache's rebuild.
5. Workshop response packs: importing 60 filled-in packs end to end, in the process and as the
   ``import-responses`` command, against ``json.loads`` of the same files (target under 2 s).

Results go to benchmarks/results/latest.json and are printed as a table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _demo(folder: Path) -> Path:
    """The bundled demo portfolio (copied), or a freshly built one."""
    import shutil

    from avi_desktop.paths import resource

    bundled = resource("demo", "demo.avip")
    target = folder / "demo.avip"
    if bundled.is_file():
        shutil.copyfile(bundled, target)
        return target
    from avi_desktop.model.demo import build_demo

    build_demo(target)
    return target


def _print(results: dict[str, Any]) -> None:
    print(f"{'measure':44} {'value':>12}")
    print("-" * 57)
    if "startup" in results:
        _print_startup(results["startup"])
    if "table" in results:
        _print_table(results["table"])
    if "window" in results:
        import window

        window.print_results(results["window"])
    if "briefings" in results:
        _print_briefings(results["briefings"])
    if "packs" in results:
        import packs

        packs.print_results(results["packs"])


def _print_startup(start: dict[str, Any]) -> None:
    print(f"{'bare Qt window, first paint (s)':44} {start['bare_qt_first_paint_s']:12.3f}")
    print(f"{'AVI Desktop window, first paint (s)':44} {start['app_first_paint_s']:12.3f}")
    print(f"{'  ratio (target <= 1.5)':44} {start['first_paint_ratio']:12.2f}")
    print(f"{'AVI Desktop, demo rows shown (s)':44} {start['app_table_shown_s']:12.3f}")
    print(f"{'  ratio to bare first paint (target <= 3)':44} {start['shown_ratio']:12.2f}")
    print(f"{'AVI Desktop, demo table usable (s)':44} {start['app_usable_table_s']:12.3f}")
    print(f"{'  ratio to bare first paint (target <= 3)':44} {start['usable_ratio']:12.2f}")
    opened, pause = start["app_store_open_first_detail_s"], start["longest_pause_while_opening_s"]
    print(f"{'AVI Desktop, store open, first detail (s)':44} {opened:12.3f}")
    print(f"{'  ratio to bare first paint':44} {start['store_open_ratio']:12.2f}")
    print(f"{'  longest input wait meanwhile (s)':44} {pause:12.3f}")


def _print_table(table: dict[str, Any]) -> None:
    print(f"{'initiatives in the table':44} {table['initiatives']:12d}")
    print(f"{'rows, SQLAlchemy Core read (s)':44} {table['core_query_s']:12.3f}")
    print(f"{'rows, DB-API read (s)':44} {table['query_s']:12.3f}")
    print(f"{'  prepared in the worker (s)':44} {table['prepare_s']:12.3f}")
    print(f"{'  then swapped in on the UI thread (s)':44} {table['adopt_s']:12.3f}")
    print(f"{'load (one query + model) (s)':44} {table['load_s']:12.3f}")
    print(f"{'score fill-in + re-sort (s)':44} {table['score_fill_in_s']:12.3f}")
    for name, seconds in table["sort_s"].items():
        print(f"{'sort by ' + name + ' in the model (s)':44} {seconds:12.3f}")
    print(f"{'search filter (s)':44} {table['search_filter_s']:12.3f}")
    for name, seconds in table["proxy_sort_s"].items():
        print(f"{'proxy sort by ' + name + ' (s)':44} {seconds:12.3f}")
        ratio = table["proxy_over_model_ratio"][name]
        print(f"{'  proxy / model ratio':44} {ratio:12.1f}")


def _print_briefings(brief: dict[str, Any]) -> None:
    print(f"{'imports a brief needs: ORM, ReportLab (s)':44} {brief['import_floor_s']:12.3f}")
    print(f"{'initiative briefing, fresh process (s)':44} {brief['brief_s']:12.3f}")
    print(f"{'  ratio to the import floor':44} {brief['brief_over_import_floor']:12.2f}")
    label = f"committee paper, {brief['paper_initiatives']} initiatives (s)"
    print(f"{label:44} {brief['paper_s']:12.3f}")
    print(f"{'  pages':44} {brief['paper_pages']:12d}")
    print(f"{'plain ReportLab, same pages (s)':44} {brief['plain_reportlab_same_pages_s']:12.3f}")
    print(f"{'  ratio paper / plain':44} {brief['paper_over_plain_reportlab']:12.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--paper-initiatives", type=int, default=500)
    parser.add_argument(
        "--only",
        choices=("startup", "table", "window", "briefings", "packs"),
        help="run one benchmark",
    )
    args = parser.parse_args()
    import briefings
    import packs
    import startup
    import table
    import window
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        results: dict[str, Any] = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "platform": platform.platform(),
        }
        if args.only in (None, "startup"):
            results["startup"] = startup.measure(_demo(work), repeats=args.repeats)
        big = work / "big.avip"
        if args.only in (None, "table", "window"):
            table.build_portfolio(big, args.initiatives)
        if args.only in (None, "table"):
            results["table"] = table.measure(big)
        if args.only in (None, "window"):
            results["window"] = window.measure(big, work, repeats=min(args.repeats, 3))
        if args.only in (None, "briefings"):
            results["briefings"] = briefings.measure(
                _demo(work), work, initiatives=args.paper_initiatives, repeats=args.repeats
            )
        if args.only in (None, "packs"):
            results["packs"] = packs.measure(work, repeats=args.repeats)
    del app
    out = HERE / "results" / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    _print(results)
    print(f"\nwritten to {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
