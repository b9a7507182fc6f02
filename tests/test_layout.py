"""The layout is the pipeline and `make lint` keeps it so: import contracts and ruff pass on the code,
and the contracts fail when a core module imports mkdocs. Modules stay small."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    # PYTHONPATH first: the copy under `root` is analysed, not the installed checkout.
    return subprocess.run([str(BIN / "lint-imports"), "--no-cache", str(root / "pyproject.toml")],
                          cwd=root, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)})


def test_make_lint_passes():
    result = subprocess.run(["make", "--no-print-directory", "lint"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout and "All checks passed" in result.stdout


def test_the_contracts_fail_on_a_core_module_that_imports_mkdocs(tmp_path):
    for name in ("site_builder", "search"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    assert _lint_imports(tmp_path).returncode == 0
    (tmp_path / "site_builder" / "content" / "probe.py").write_text("import mkdocs.config\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "site_builder.content.probe -> mkdocs" in result.stdout, result.stdout
    assert "never imports mkdocs" in result.stdout and "Only site_builder.adapters imports mkdocs" in result.stdout


def test_modules_stay_small():
    sizes = {p.relative_to(REPO).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for top in ("site_builder", "search") for p in (REPO / top).rglob("*.py")}
    assert {k: v for k, v in sizes.items() if v > 400} == {}
    assert sizes["site_builder/cli.py"] < 250
