"""Shared fixtures: paths, a CLI runner and one strict build of the sample portal."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
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


def copy_sample(root: Path) -> Path:
    """The sample's content folders copied to `root` (a portal a test may change)."""
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, root / name)
    return root


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def served_portal(sample_build, tmp_path_factory):
    """The sample portal served by the real `portal serve` (uvicorn workers, search included)."""
    site, index = sample_build
    root = tmp_path_factory.mktemp("served")
    (root / "content").mkdir()
    (root / "site").symlink_to(site)
    (root / "build").mkdir()
    (root / "build" / "search-index").symlink_to(index)
    port = free_port()
    portal = Path(sys.executable).parent / "portal"
    server = subprocess.Popen([str(portal), "serve", "--no-build", "--root", str(root), "--port", str(port),
                               "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, "PORTAL_RATINGS_FILE": str(root / "danh-gia.jsonl")})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None:
                    raise AssertionError(server.stderr.read().decode()) from None
                time.sleep(0.1)
        else:
            raise AssertionError("portal serve did not answer /healthz")
        yield base, root
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def portal_url(served_portal) -> str:
    return served_portal[0]


@pytest.fixture(scope="session")
def portal_ratings(served_portal) -> Path:
    """Where the served portal appends satisfaction answers."""
    return served_portal[1] / "danh-gia.jsonl"
