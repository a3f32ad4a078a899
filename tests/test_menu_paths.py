"""Menu paths in user-facing text are written one way: Workshop ▸ Reopen workshop…"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from avi_desktop.paths import resource

PACKAGE = Path(__file__).resolve().parents[1] / "avi_desktop"
MENUS = ("File", "Edit", "Initiative", "Assessment", "Workshop", "View", "Help", "Export")
# A menu name followed by another separator than ▸ and a capitalised item: "Edit > Undo".
OTHER_SEPARATOR = re.compile(rf"\b({'|'.join(MENUS)}) *(>|→|->|&gt;|»|/) *[A-Z]")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of docstring nodes: they document code, a reader of the window never sees them."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def user_facing_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant in ``source`` except docstrings."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def other_separators(text: str) -> list[str]:
    return [m.group(0) for m in OTHER_SEPARATOR.finditer(text)]


def test_the_scan_catches_a_menu_path_with_another_separator() -> None:
    source = 'def f():\n    """File > Export, in a docstring."""\n    return "Use Edit > Undo"\n'
    assert [other_separators(text) for _, text in user_facing_strings(source)] == [["Edit > U"]]
    assert other_separators("Workshop ▸ Reopen workshop…, 3 > 2, Help → Guide") == ["Help → G"]


def test_every_menu_path_in_the_product_uses_the_same_separator() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text in user_facing_strings(path.read_text(encoding="utf-8")):
            found += [
                f"{path.relative_to(PACKAGE)}:{line}: {hit}" for hit in other_separators(text)
            ]
    for page in sorted(resource("help").rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found += [f"{page.name}: {hit}" for hit in other_separators(text)]
    assert found == []
