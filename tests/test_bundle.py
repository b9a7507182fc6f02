"""The deployable bundle CI publishes, built by the same `make publish` the sample
GitHub and GitLab workflows call."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess

import yaml

from conftest import REPO


def test_make_publish_builds_a_complete_bundle(tmp_path):
    out = tmp_path / "portal"
    result = subprocess.run(["make", "--no-print-directory", "publish", f"BUNDLE={out}"], cwd=REPO,
                            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1735603200"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "site" / "index.html").is_file() and (out / "site" / "sitemap.xml").is_file()
    assert (out / "search-index" / "current").is_symlink()
    shipped = sorted(p.name for p in (out / "search-index").iterdir())
    assert shipped == sorted(["current", os.readlink(out / "search-index" / "current")])   # one generation only
    assert (out / "deploy" / "nginx" / "portal.conf").is_file() and (out / "deploy" / "portal-search.service").is_file()
    manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["as_of"] == "2024-12-31" and manifest["built"].startswith("2024-12-31") and manifest["pages"] > 200
    for rel, digest in list(manifest["files"].items())[::25]:
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == digest, rel
    # the web server (another user) can read what it serves
    for directory in (out, out / "site", out / "site" / "thu-tuc"):
        assert stat.S_IMODE(directory.stat().st_mode) & 0o005 == 0o005, directory


def test_sample_workflows_call_the_tested_steps():
    github = yaml.safe_load((REPO / ".github/workflows/portal.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for s in github["jobs"]["publish"]["steps"]]
    assert any(s.startswith("make publish") for s in steps)
    checkout = github["jobs"]["publish"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert any(line.startswith("make publish") for line in gitlab["publish"]["script"])
    assert gitlab["variables"]["GIT_DEPTH"] == "0"
    # Editorial workflow: merge requests are checked, only the default branch publishes.
    assert gitlab["publish"]["rules"][0]["if"].startswith("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    assert gitlab["review"]["rules"][0]["if"] == '$CI_PIPELINE_SOURCE == "merge_request_event"'
    assert ".venv/bin/portal check --strict" in gitlab["review"]["script"]
    # Both keep the page cache the build writes (publish/build.py PAGE_CACHE), one per branch.
    cached = [s["with"] for s in github["jobs"]["publish"]["steps"] if s.get("uses", "").startswith("actions/cache")]
    assert cached and cached[0]["path"] == "build/cache" and "github.ref_name" in cached[0]["key"]
    assert gitlab["publish"]["cache"]["paths"] == ["build/cache/"]
    assert "CI_COMMIT_REF_SLUG" in gitlab["publish"]["cache"]["key"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "publish: install" in makefile and "portal bundle --out $(BUNDLE)" in makefile
