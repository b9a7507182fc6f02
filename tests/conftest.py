"""Shared fixtures: paths, a CLI runner and one strict build of the sample portal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SITES = REPO / "tests" / "fixtures" / "sites"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def run_portal(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Run the real console script in a subprocess, as an editor or CI would."""
    portal = Path(sys.executable).parent / "portal"
    return subprocess.run([str(portal), *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> tuple[Path, Path]:
    """The sample Yên Bái portal built once, strictly, with the real CLI: (site, search index)."""
    base = tmp_path_factory.mktemp("sample")
    site, index = base / "site", base / "search-index"
    result = run_portal("build", "--site-dir", str(site), "--index-dir", str(index))
    assert result.returncode == 0, result.stdout + result.stderr
    return site, index


@pytest.fixture(scope="session")
def sample_site(sample_build) -> Path:
    return sample_build[0]


@pytest.fixture(scope="session")
def sample_index(sample_build) -> Path:
    return sample_build[1]
