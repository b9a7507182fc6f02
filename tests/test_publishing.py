"""Publishing: builds are byte-for-byte reproducible with dates from SOURCE_DATE_EPOCH
(default: the last commit), a killed build leaves the old site untouched, and
`portal build --strict` refuses a site with a broken internal link or anchor."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from site_builder.publish.linkcheck import check_site

from conftest import REPO, SITES, run_portal
from test_history import git


def tree_hash(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def build(root: Path, site: Path, epoch: str | None, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    portal = Path(sys.executable).parent / "portal"
    return subprocess.run([str(portal), "build", "--root", str(root), "--site-dir", str(site), "--no-index", *extra],
                          capture_output=True, text=True, env=env)


def test_same_input_same_bytes_and_dates_follow_the_content(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(SITES / "full", root)
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert build(root, a, "1704067200").returncode == 0          # 2024-01-01
    time.sleep(1.1)
    assert build(root, b, "1704067200").returncode == 0
    assert tree_hash(a) == tree_hash(b)
    assert build(root, c, "1735603200").returncode == 0          # 2024-12-31
    # A page's lastmod is its content's date, whatever the build's (SOURCE_DATE_EPOCH) is.
    lastmods = lambda site: re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text("utf-8"))
    assert lastmods(a) == lastmods(c) and "2024-01-01" not in lastmods(a)


def test_without_source_date_epoch_the_last_commit_dates_the_build(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(SITES / "full", root)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "x", date="2024-02-03T09:00:00+07:00")
    site = tmp_path / "site"
    assert build(root, site, None).returncode == 0
    assert "<lastmod>2024-02-03</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_killed_build_leaves_the_old_site_untouched(tmp_path):
    root = tmp_path / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, root / name)
    site = tmp_path / "site"
    assert build(root, site, "1704067200").returncode == 0
    before = tree_hash(site)
    portal = Path(sys.executable).parent / "portal"
    process = subprocess.Popen([str(portal), "build", "--root", str(root), "--site-dir", str(site), "--no-index"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "SOURCE_DATE_EPOCH": "1735603200"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:            # kill it while mkdocs writes the new site
        if any(p.is_dir() and any(p.rglob("*.html")) for p in tmp_path.glob(".site-build-*")):
            break
        time.sleep(0.02)
    else:
        raise AssertionError("the build never started writing")
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert tree_hash(site) == before
    assert build(root, site, "1735603200").returncode == 0        # the next build cleans up and succeeds
    assert not list(tmp_path.glob(".site-build-*"))


def test_broken_internal_links_are_refused_by_check_then_by_the_built_site(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(SITES / "full", root)
    site = tmp_path / "site"
    assert build(root, site, "1704067200").returncode == 0
    before = tree_hash(site)
    page = next((root / "content" / "pages").glob("*.md"))
    rel = page.relative_to(root).as_posix()
    text = page.read_text(encoding="utf-8")
    # Found by `portal check`, with the file and line, before anything is built.
    page.write_text(text + '\n<p><a href="/thu-tuc/khong-co/">x</a></p>\n', encoding="utf-8")
    result = build(root, site, "1704067200")
    out = result.stdout + result.stderr
    line = text.count("\n") + 2
    assert result.returncode == 1 and f"{rel}:{line}: error [LINK-BROKEN]" in out, out
    assert tree_hash(site) == before
    # A heading the template writes only when the item has the field: only the built site can tell; the link check
    # after mkdocs (the last net) names the page's source file.
    page.write_text(text + "\n[Cơ quan phối hợp](/thu-tuc/dang-ky-khai-tu/#co-quan-phoi-hop)\n", encoding="utf-8")
    assert run_portal("check", "--root", str(root)).returncode == 0
    result = build(root, site, "1704067200")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and f"{rel} (trang /" in out and "#co-quan-phoi-hop" in out, out
    assert "cũ được giữ nguyên" in out and tree_hash(site) == before
    assert build(root, site, "1704067200", "--no-strict").returncode == 0


def test_link_checker_on_the_sample_finds_nothing_and_can_fail(sample_site, tmp_path):
    assert check_site(sample_site, "https://yenbai.gov.vn/") == []
    copy = tmp_path / "site"
    shutil.copytree(sample_site, copy)
    (copy / "thu-tuc" / "dang-ky-khai-sinh" / "index.html").unlink()
    broken = check_site(copy, "https://yenbai.gov.vn/")
    assert broken and all("dang-ky-khai-sinh" in b.link for b in broken)
