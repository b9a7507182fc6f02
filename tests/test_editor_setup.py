"""What an editor's machine gets from the repository: the pre-commit hook that runs
`portal check` on the files being committed, VS Code schema mappings, .editorconfig."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, run_portal
from test_history import git

PROC = "procedures/ho-tich/dang-ky-khai-sinh.yml"


def test_pre_commit_hook_blocks_a_bad_file_and_lets_a_good_one_through(tmp_path):
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    portal = Path(sys.executable).parent / "portal"
    (root / ".pre-commit-config.yaml").write_text(config.replace(".venv/bin/portal", str(portal)), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "x")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    hook = [str(Path(sys.executable).parent / "pre-commit"), "run", "--files", PROC]
    path = root / PROC
    path.write_text(path.read_text(encoding="utf-8").replace("level: xa", "level: phuong"), encoding="utf-8")
    result = subprocess.run(hook, cwd=root, capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{PROC}:4: error [REF-LEVEL] Mã cấp 'phuong' không có trong danh mục." in result.stdout, result.stdout
    path.write_text(path.read_text(encoding="utf-8").replace("level: phuong", "level: xa"), encoding="utf-8")
    result = subprocess.run(hook, cwd=root, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_scoped_check_reports_cross_references_in_other_files(tmp_path):
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, root / name)
    # Renaming a document's number breaks the procedures that cite it: they are reported too.
    doc = root / "policies/2014/luat-ho-tich-2014.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace('number: "60/2014/QH13"', 'number: "61/2014/QH13"'),
                   encoding="utf-8")
    result = run_portal("check", "--root", str(root), str(doc))
    assert result.returncode == 1
    assert "procedures/ho-tich/dang-ky-khai-sinh.yml" in result.stdout + result.stderr
    assert "REF-LEGAL-BASIS" in result.stdout + result.stderr


def test_vscode_maps_every_yaml_content_folder_to_an_existing_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {glob for globs in settings["yaml.schemas"].values() for glob in globs}
    for schema in settings["yaml.schemas"]:
        assert (REPO / schema).is_file(), schema
    assert {"procedures/**/*.yml", "content/agencies/*.yml", "content/portal.yml"} <= mapped
    editorconfig = (REPO / ".editorconfig").read_text(encoding="utf-8")
    assert "[*.{yml,yaml}]\nindent_style = space" in editorconfig and "charset = utf-8" in editorconfig
    assert yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0][
        "entry"].endswith("portal check --strict")
