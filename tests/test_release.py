"""Publishing is one transaction: when the site build fails after the new search index is ready,
neither site/ nor the index's `current` generation changes, and the message says what failed.

Each cause is one the content checks let through: a link that only mkdocs' output reveals, a mkdocs
configuration error, and mkdocs killed part-way."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_publishing import tree_hash

from conftest import REPO

PORTAL = Path(sys.executable).parent / "portal"


def portal_build(root: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(PORTAL), "build", "--root", str(root), *extra], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1735603200"})


def state(root: Path) -> tuple[dict, str]:
    return tree_hash(root / "site"), os.readlink(root / "build" / "search-index" / "current")


def generations(root: Path) -> set[str]:
    return {p.name for p in (root / "build" / "search-index").glob("gen-*")}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A copy of the sample, built once: the release every failure must leave in place."""
    root = tmp_path_factory.mktemp("release") / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, root / name)
    result = portal_build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture
def portal(built, tmp_path) -> Path:
    root = tmp_path / "portal"
    shutil.copytree(built, root, symlinks=True)
    return root


def _assert_unchanged(root: Path, before, result, what: str):
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert what in out, out
    assert "Traceback" not in out
    assert "cũ được giữ nguyên" in out and "chỉ mục tìm kiếm cũ vẫn được dùng" in out, out
    assert "Đã dựng chỉ mục tìm kiếm" in out, out          # the index was ready: it is discarded, not switched in
    assert state(root) == before


def test_a_link_only_the_built_site_reveals(portal):
    before, gens = state(portal), generations(portal)
    (portal / "content" / "static").mkdir(exist_ok=True)
    (portal / "content" / "static" / "loi.html").write_text(
        '<!doctype html><html lang="vi"><title>x</title><a href="/thu-tuc/khong-co-thu-tuc-nay/">x</a></html>\n',
        encoding="utf-8")
    result = portal_build(portal)
    _assert_unchanged(portal, before, result, "liên kết hỏng '/thu-tuc/khong-co-thu-tuc-nay/'")
    assert generations(portal) == gens                       # the new generation was removed


def test_a_markdown_link_to_a_page_that_does_not_exist(portal):
    before = state(portal)
    page = portal / "content" / "pages" / "hoi-dap.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nXem [thủ tục này](../../thu-tuc/khong-co.md).\n",
                    encoding="utf-8")
    result = portal_build(portal)
    if "Đã dựng chỉ mục tìm kiếm" not in result.stdout + result.stderr:     # refused before anything was built
        assert result.returncode == 1 and "khong-co" in result.stdout + result.stderr
        assert state(portal) == before
        return
    _assert_unchanged(portal, before, result, "khong-co")


def test_a_mkdocs_error(portal):
    before, gens = state(portal), generations(portal)
    (portal / "mkdocs.yml").write_text(
        f"INHERIT: {REPO / 'site_builder' / 'adapters' / 'mkdocs.default.yml'}\n"
        f"docs_dir: {portal / 'content' / 'static'}\nmarkdown_extensions: [khong_co_phan_mo_rong_nay]\n",
        encoding="utf-8")
    (portal / "content" / "static").mkdir(exist_ok=True)
    result = portal_build(portal)
    _assert_unchanged(portal, before, result, "Dựng trang bằng mkdocs thất bại")
    assert generations(portal) == gens


def test_mkdocs_killed_after_the_index_is_ready(portal):
    before, gens = state(portal), generations(portal)
    process = subprocess.Popen([str(PORTAL), "build", "--root", str(portal)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "SOURCE_DATE_EPOCH": "1735603200"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (generations(portal) - gens):
        time.sleep(0.02)                                      # wait until the new generation is complete
    assert generations(portal) - gens, "the index never finished"
    assert process.poll() is None, "the build finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert state(portal) == before
    assert portal_build(portal).returncode == 0               # the next build cleans up and switches both
    after = generations(portal)
    assert len(after) <= 2 and os.readlink(portal / "build" / "search-index" / "current") in after


def test_no_previous_release_is_claimed_when_there_was_none(tmp_path):
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, root / name)
    (root / "content" / "static").mkdir(exist_ok=True)
    (root / "content" / "static" / "loi.html").write_text('<a href="/khong-co/">x</a>\n', encoding="utf-8")
    result = portal_build(root)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "cũ được giữ nguyên" not in out, out
    assert "Chưa có bản dựng nào trước đó" in out
    assert not (root / "site").exists() and not (root / "build" / "search-index" / "current").exists()


def test_the_preview_is_a_release_too(portal):
    before = state(portal)
    (portal / "mkdocs.yml").write_text(
        f"INHERIT: {REPO / 'site_builder' / 'adapters' / 'mkdocs.default.yml'}\n"
        f"docs_dir: {portal / 'content' / 'static'}\nmarkdown_extensions: [khong_co_phan_mo_rong_nay]\n",
        encoding="utf-8")
    result = subprocess.run([str(PORTAL), "serve", "--root", str(portal), "--port", "0"], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    _assert_unchanged(portal, before, result, "Dựng trang bằng mkdocs thất bại")


def test_a_failed_bundle_leaves_the_previous_bundle(portal, tmp_path):
    out = tmp_path / "dist"
    assert subprocess.run([str(PORTAL), "bundle", "--root", str(portal), "--out", str(out)], capture_output=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1735603200"}).returncode == 0
    before = tree_hash(out)
    (portal / "content" / "static" / "loi.html").write_text('<a href="/khong-co/">x</a>\n', encoding="utf-8")
    result = subprocess.run([str(PORTAL), "bundle", "--root", str(portal), "--out", str(out)], capture_output=True,
                            text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1735603200"})
    assert result.returncode == 1 and f"Gói triển khai {out} cũ được giữ nguyên" in result.stderr, result.stderr
    assert tree_hash(out) == before and sorted(p.name for p in tmp_path.iterdir()) == ["dist", "portal"]
