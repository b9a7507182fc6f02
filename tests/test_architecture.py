"""Import boundaries: the core never imports mkdocs; search never imports the renderer."""

import ast
from pathlib import Path

from conftest import REPO


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
    return names


def test_core_does_not_import_mkdocs():
    core = [p for p in (REPO / "site_builder").rglob("*.py") if "adapters" not in p.parts]
    assert core
    offenders = {str(p.relative_to(REPO)): sorted(n for n in _imports(p) if n.split(".")[0] in ("mkdocs", "material"))
                 for p in core}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_search_does_not_import_the_page_generator():
    for path in (REPO / "search").rglob("*.py"):
        for name in _imports(path):
            assert "render" not in name and "mkdocs" not in name, (path, name)
