"""The exit route from MkDocs' end of life: the sample builds with ProperDocs 1.6.7, the
maintained drop-in fork of MkDocs 1.6, running our plugin and Material unchanged.

The page set and every page must equal the `portal build` made with MkDocs, except Material's
generator line, which names the engine. (README: "When MkDocs and Material end".)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
MAIN = re.compile(rb'<article class="md-content__inner md-typeset">.*?</article>', re.S)


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def test_sample_builds_with_properdocs_like_with_mkdocs(sample_site, tmp_path):
    out = tmp_path / "properdocs-site"
    properdocs = Path(sys.executable).parent / "properdocs"
    result = subprocess.run([str(properdocs), "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(out)],
                            cwd=REPO, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert b"ProperDocs" in (out / "index.html").read_bytes()       # it really was the other engine
    ours, theirs = _pages(sample_site), _pages(out)
    assert sorted(theirs) == sorted(ours)
    assert len(ours) > 250
    assert sum(1 for page in ours.values() if MAIN.search(page)) > 250      # the main content is compared
    differing_main = [p for p in ours if MAIN.findall(ours[p]) != MAIN.findall(theirs[p])]
    assert differing_main == []
    differing = [p for p in ours if GENERATOR.sub(b"", ours[p]) != GENERATOR.sub(b"", theirs[p])]
    assert differing == []
