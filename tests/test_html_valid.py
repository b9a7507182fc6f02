"""Every page of the built sample is valid HTML under the Nu HTML Checker (vnu.jar from npm
`vnu-jar`, run with Java): 0 errors, the theme's markup included (site_builder/adapters/postbuild.py
fixes what mkdocs-material writes). Also robots.txt and each page's own date in the sitemap."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.request

from browser import NODE_MODULES, require

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _check(files) -> list[dict]:
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install default-jre-headless (.ci/run does it)"
    require(VNU, "npm ci")
    result = subprocess.run([java, "-Xss1m", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    # vnu exits 0 when it found no error and 1 when it found some; anything else means it did not check.
    assert result.returncode in (0, 1), result.stderr[-2000:]
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    assert (result.returncode == 1) == bool(errors), (result.returncode, messages[:5])
    return errors


def test_every_page_is_valid_html(sample_site, portal_url, tmp_path):
    files = sorted(sample_site.rglob("*.html"))
    assert len(files) > 200
    # the results page is rendered by the search service into the site's shell
    results = tmp_path / "tim-kiem.html"
    results.write_bytes(urllib.request.urlopen(portal_url + "/tim-kiem/?q=khai+sinh&kind=thu-tuc").read())
    files.append(results)
    messages = _check(files)
    assert not messages, "\n".join(f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
                                   for m in messages[:30])


def test_robots_and_sitemap_dates(sample_site):
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://" in robots and "Disallow: /api/" in robots and "Disallow: /\n" not in robots
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)
    assert len(dates) > 100 and len(set(dates)) > 5             # each page's own date, not the build's
    assert "cam-on-danh-gia" not in sitemap                      # the rating thank-you page is not content


def test_the_checker_does_find_errors(tmp_path):
    """Guard against a checker that silently checks nothing."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="vi"><title>x</title><p><div></p><a href="a b">x</a>', encoding="utf-8")
    assert len(_check([bad])) >= 1
