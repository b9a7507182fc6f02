"""Real mkdocs builds: the sample portal strictly, both adapters, click depth."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from site_builder.check import check
from site_builder.render import render_site
from site_builder.render.context import RenderContext

from conftest import REPO, SITES, run_portal


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _page_file(site: Path, url_path: str) -> Path | None:
    path = site / unquote(url_path).lstrip("/")
    if path.is_dir() or url_path.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() and path.suffix == ".html" else None


def click_depths(site: Path) -> dict[str, int]:
    """Breadth-first crawl of the built HTML from the home page."""
    depths = {"/": 0}
    queue = deque(["/"])
    while queue:
        url = queue.popleft()
        page = _page_file(site, url)
        if page is None:
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            target = urlparse(urljoin("http://portal" + url, href))
            if target.netloc != "portal":
                continue
            path = (
                target.path if target.path.endswith("/") or "." in target.path.rsplit("/", 1)[-1] else target.path + "/"
            )
            if path not in depths:
                depths[path] = depths[url] + 1
                queue.append(path)
    return depths


def test_sample_portal_builds_strictly_with_every_item(sample_site):
    checked = check(REPO)
    assert checked.report.errors == []
    ctx = RenderContext(checked)
    expected = ([ctx.procedure_path(s) for s in checked.site.procedures]
                + [ctx.document_path(s) for s in checked.site.documents]
                + [ctx.agency_path(s) for s in checked.site.agencies])
    for md in expected:
        html = sample_site / md.removesuffix(".md") / "index.html"
        assert html.is_file(), md
    assert (sample_site / "sitemap.xml").is_file()
    assert (sample_site / "so-do-trang" / "index.html").is_file()
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "Ủy ban nhân dân tỉnh Yên Bái" in home          # header: agency name
    assert "Người chịu trách nhiệm chính" in home         # footer: Circular 32/2017 Art. 16
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    assert not (sample_site / "search" / "search_index.json").exists()   # Material client search is off


def test_every_procedure_within_three_clicks_of_home(sample_site):
    depths = click_depths(sample_site)
    procedures = {p.parent.name for p in (sample_site / "thu-tuc").glob("*/index.html")} - {
        "cap",
        "linh-vuc",
        "danh-muc",
    }
    assert len(procedures) >= 40
    too_deep = {p: depths.get(f"/thu-tuc/{p}/") for p in procedures if depths.get(f"/thu-tuc/{p}/", 99) > 3}
    assert too_deep == {}


def test_heading_anchors_keep_d(sample_site):
    page = next((sample_site / "thu-tuc").glob("*/index.html")).read_text(encoding="utf-8")
    assert 'id="doi-tuong-thuc-hien"' in page       # "Đối tượng thực hiện"
    assert 'id="co-quan-thuc-hien"' in page
    assert "oi-tuong" not in page.replace("doi-tuong", "")


def test_plugin_and_generate_produce_the_same_pages(tmp_path):
    """The live-preview path (virtual files) and the CI path (files on disk)."""
    via_plugin = tmp_path / "plugin"
    assert run_portal("build", "--root", str(SITES / "full"), "--site-dir", str(via_plugin),
                      "--index-dir", str(tmp_path / "index")).returncode == 0
    docs, cfg = tmp_path / "gen" / "docs", tmp_path / "gen" / "mkdocs.yml"
    assert (
        run_portal(
            "generate", "--root", str(SITES / "full"), "--out", str(docs), "--mkdocs-config", str(cfg)
        ).returncode
        == 0
    )
    plain = tmp_path / "plain"
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "--strict", "-q", "-f", str(cfg), "-d", str(plain)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr

    def pages(site):
        return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    assert pages(via_plugin) == pages(plain)
    assert len(pages(plain)) == len([k for k in render_site(check(SITES / "full")) if k.endswith(".md")]) + 1  # + 404


def test_failed_mkdocs_build_keeps_previous_site(tmp_path):
    """Valid content but a broken build (bad link in a page) must not touch site/."""
    import shutil
    root = tmp_path / "root"
    shutil.copytree(SITES / "minimal", root)
    page = root / "content" / "pages" / "gioi-thieu.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[liên kết hỏng](khong-co.md)\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("bản cũ", encoding="utf-8")
    result = run_portal("build", "--root", str(root), "--site-dir", str(site))
    assert result.returncode == 1
    assert "khong-co.md" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "bản cũ"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")], "temporary build dir left behind"
