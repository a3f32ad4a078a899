"""Read a running application's windows through AT-SPI, as the Orca screen reader does; print JSON.

Runs under the system Python with pyatspi (Debian: python3-pyatspi), not the project's
virtualenv: it is the client side of the accessibility bus, a separate process from the app.

    /usr/bin/python3 scripts/atspi_read.py --pid 1234 --until "Layer scores" \
        --select "Claims triage assistant" --press "New four-layer assessment…" \
        --fill "Respondent name or code=R1" --next 1

waits (up to --timeout seconds) until the application with that process id shows a window with
a node named --until; moves to the table row named --select with the arrow keys (as a keyboard
user does, so the window follows it); prints that window. Then, for each --press, performs the
default action of the first node with that name (a button or menu item), waits for the window
it opens, types each --fill into the field of that name, presses "Next" --next times, waits
until it shows a node named --shows and prints that window too. Each window is a tree of
nodes: role, name, description, states (focusable, showing, ...), relations (labelled by), the
Text interface's content, and for tables their size, column headers with where they are on
screen, and the first rows' cells.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pyatspi  # type: ignore[import-not-found]

STATES = {
    "focusable": pyatspi.STATE_FOCUSABLE,
    "showing": pyatspi.STATE_SHOWING,
    "visible": pyatspi.STATE_VISIBLE,
    "enabled": pyatspi.STATE_ENABLED,
    "focused": pyatspi.STATE_FOCUSED,
    "checked": pyatspi.STATE_CHECKED,
}
TABLE_ROLES = {"table", "tree table", "list", "tree", "list box"}
KEY_UP, KEY_DOWN = 0xFF52, 0xFF54  # X keysyms
MAX_DEPTH = 60
TABLE_ROWS = 4  # cells are read for the first rows only: enough to show how a row reads


def _text(acc: Any) -> str | None:
    try:
        text = acc.queryText()
    except NotImplementedError:
        return None
    return str(text.getText(0, -1))


def _relations(acc: Any) -> dict[str, list[str]]:
    """The labelled-by / label-for relations: how a combo box or field gets its label."""
    out: dict[str, list[str]] = {}
    for rel in acc.getRelationSet():
        kind = pyatspi.relationToString(rel.getRelationType()).lower().replace("_", "-")
        out[kind] = [rel.getTarget(i).name for i in range(rel.getNTargets())]
    return out


def _table(acc: Any) -> dict[str, Any] | None:
    try:
        table = acc.queryTable()
    except NotImplementedError:
        return None
    rows, cols = int(table.nRows), int(table.nColumns)
    headers, header_x = [], []
    for c in range(cols):
        header = table.getColumnHeader(c)
        headers.append(header.name if header is not None else table.getColumnDescription(c))
        box = header.queryComponent().getExtents(pyatspi.DESKTOP_COORDS) if header else None
        header_x.append([box.x, box.width] if box is not None else None)
    cells = []
    for r in range(min(rows, TABLE_ROWS)):
        row = []
        for c in range(cols):
            cell = table.getAccessibleAt(r, c)
            row.append(None if cell is None else (cell.name or _text(cell) or ""))
        cells.append(row)
    return {
        "rows": rows,
        "columns": cols,
        "headers": headers,
        "header_x": header_x,  # where each header is on screen: [left, width]
        "cells": cells,
    }


def node(acc: Any, depth: int = 0) -> dict[str, Any]:
    """One accessible and its subtree, as plain data."""
    role = acc.getRoleName()
    state = acc.getState()
    out: dict[str, Any] = {
        "role": role,
        "name": acc.name or "",
        "description": acc.description or "",
        "states": [k for k, v in STATES.items() if state.contains(v)],
    }
    relations = _relations(acc)
    if relations:
        out["relations"] = relations
    text = _text(acc)
    if text is not None:
        out["text"] = text
    table = _table(acc) if role in TABLE_ROLES else None
    if table is not None:
        out["table"] = table
        return out  # its cells are read through the table, not walked one by one
    if depth < MAX_DEPTH:
        out["children"] = [node(c, depth + 1) for c in acc if c is not None]
    return out


def walk(acc: Any) -> Iterator[Any]:
    """Every accessible under ``acc`` (tables' cells aside), depth first."""
    stack = [acc]
    while stack:
        cur = stack.pop()
        yield cur
        if cur.getRoleName() in TABLE_ROLES:
            continue
        stack.extend(reversed([c for c in cur if c is not None]))


def wait(what: str, timeout: float, probe: Callable[[], Any]) -> Any:
    """``probe()`` once it returns something, polling; exit 3 with ``what`` on timeout."""
    end = time.monotonic() + timeout
    while True:
        try:
            found = probe()
        except Exception:  # the tree changes while it is read: try again
            found = None
        if found:
            return found
        if time.monotonic() > end:
            print(f"atspi_read: timed out waiting for {what}", file=sys.stderr)
            sys.exit(3)
        time.sleep(0.25)


def poll(timeout: float, probe: Callable[[], Any]) -> Any:
    """``probe()`` once it returns something within ``timeout`` seconds, else None."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with contextlib.suppress(Exception):  # the tree changes while it is read
            found = probe()
            if found:
                return found
        time.sleep(0.25)
    return None


def application(pid: int) -> Any:
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def named(root: Any, name: str, role: str = "") -> Any:
    for acc in walk(root):
        if acc.name == name and (not role or acc.getRoleName() == role):
            return acc
    return None


def press(acc: Any) -> None:
    """The default action; a dialog it opens may run its own loop and answer only when closed."""
    action = acc.queryAction()
    names = [action.getName(i).lower() for i in range(action.nActions)]
    index = next((names.index(n) for n in ("press", "click", "activate") if n in names), 0)
    # No answer in time is what we want: the modal dialog it opened runs its own loop.
    with contextlib.suppress(Exception):
        action.doAction(index)


def select_row(root: Any, name: str) -> None:
    """Move to the row whose first cell reads ``name`` with the arrow keys, as a user would.

    AT-SPI's own selection would select the row but not make it current, and the detail pane
    follows the current row (the keyboard's).
    """
    for acc in walk(root):
        if acc.getRoleName() != "table" or not acc.getState().contains(pyatspi.STATE_SHOWING):
            continue
        table = acc.queryTable()
        cells = [table.getAccessibleAt(r, 0) for r in range(table.nRows)]
        names = [cell.name if cell is not None else None for cell in cells]  # read once
        if name not in names:
            continue
        acc.queryComponent().grabFocus()
        for key in [KEY_UP] * len(names) + [KEY_DOWN] * names.index(name):
            pyatspi.Registry.generateKeyboardEvent(key, None, pyatspi.KEY_SYM)
            time.sleep(0.02)
        return
    print(f"atspi_read: no table row named {name!r}", file=sys.stderr)
    sys.exit(3)


def windows(app: Any) -> list[Any]:
    return [w for w in app if w is not None and w.getState().contains(pyatspi.STATE_SHOWING)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--until", default="", help="wait for a node with this name")
    parser.add_argument("--select", default="", help="select the table row of this name")
    parser.add_argument("--press", action="append", default=[], help="then open this")
    parser.add_argument(
        "--fill",
        action="append",
        default=[],
        metavar="NAME=TEXT",
        help="type TEXT into the field NAME of what opens, before Next",
    )
    parser.add_argument("--next", type=int, default=0, help="pages to go on in what opens")
    parser.add_argument("--shows", default="", help="then wait until it shows this name")
    parser.add_argument(
        "--settled",
        default="",
        help="then wait until no showing node's name contains this (a busy line)",
    )
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()

    app = wait(
        f"process {args.pid} on the accessibility bus", args.timeout, lambda: application(args.pid)
    )
    main_window = wait(
        f"a window showing {args.until!r}",
        args.timeout,
        lambda: next((w for w in windows(app) if not args.until or named(w, args.until)), None),
    )
    if args.select:

        def shown() -> bool:
            return any(
                a.name == args.select
                and a.getRoleName() == "label"
                and a.getState().contains(pyatspi.STATE_SHOWING)
                for a in walk(main_window)
            )

        # Keys sent while the table's rows are being replaced (the store's rows after the plain
        # read, the scores after a rebuild) or before the focus has moved can be lost: the row
        # is moved to again, twice at most, before the read gives up.
        for _ in range(2):
            select_row(main_window, args.select)
            if poll(args.timeout / 3, shown):
                break
        else:
            select_row(main_window, args.select)
            wait(f"{args.select!r} shown", args.timeout / 3, shown)
    if args.settled:  # the window may take input before it has everything to show
        wait(
            f"{args.settled!r} gone",
            args.timeout,
            lambda: (
                not any(
                    args.settled in (a.name or "") and a.getState().contains(pyatspi.STATE_SHOWING)
                    for a in walk(main_window)
                )
            ),
        )
    result: dict[str, Any] = {"application": app.name, "windows": [node(main_window)]}
    for target in args.press:
        before = {w.name for w in windows(app)}
        press(wait(f"{target!r} to press", args.timeout, lambda t=target: named(main_window, t)))
        opened = wait(
            f"the window {target!r} opens",
            args.timeout,
            lambda b=before: next((w for w in windows(app) if w.name not in b), None),
        )
        for name, _, text in (f.partition("=") for f in args.fill):
            field = wait(
                f"the field {name!r}", args.timeout, lambda o=opened, n=name: named(o, n, "text")
            )
            field.queryEditableText().setTextContents(text)
        for _ in range(args.next):
            button = wait(
                "its Next button",
                args.timeout,
                lambda o=opened: next(
                    (
                        a
                        for a in walk(o)
                        if a.getRoleName() == "push button"
                        and a.name.replace("&", "").startswith("Next")
                        and a.getState().contains(pyatspi.STATE_ENABLED)
                    ),
                    None,
                ),
            )
            press(button)
            time.sleep(0.3)
        if args.shows:
            wait(
                f"{args.shows!r} shown",
                args.timeout,
                lambda o=opened: any(
                    a.name == args.shows and a.getState().contains(pyatspi.STATE_SHOWING)
                    for a in walk(o)
                ),
            )
        result["windows"].append(node(opened))
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
