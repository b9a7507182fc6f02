"""HTML of every page type is valid under the Nu HTML Checker (vnu.jar from
npm `vnu-jar`, run with Java). Only the theme's own known errors are ignored,
each with the reason; anything our templates or content produce fails."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.request

from browser import NODE_MODULES, require

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = ["index.html", "thu-tuc/dang-ky-khai-sinh/index.html", "thu-tuc/index.html", "thu-tuc/danh-muc/index.html",
         "van-ban/2011/nghi-dinh-43-2011-thong-tin-dich-vu-cong-truc-tuyen/index.html",
         "van-ban/2015/nghi-dinh-123-2015-nd-cp/index.html", "van-ban/index.html", "co-quan/so-tu-phap/index.html",
         "co-quan/index.html", "danh-ba-thu-dien-tu/index.html", "bao-cao-tuan-thu/index.html",
         "bao-cao-tuan-thu/quy-tac/index.html", "en/index.html", "en/introduction/index.html", "du-lieu-mo/index.html",
         "thuat-ngu/index.html", "cam-on-danh-gia/index.html", "bieu-mau/index.html", "du-an/index.html",
         "gop-y/index.html", "so-do-trang/index.html", "404.html"]
# Errors in mkdocs-material's own markup (base.html), not in anything we generate.
THEME_ISSUES = {
    # Material's drawer/search toggles are checkboxes with autocomplete="off" (Firefox keeps their state otherwise).
    r"Attribute “autocomplete” is only allowed when the input type is": "Material toggles",
    # The table-of-contents title is a <label for="__toc">; the checkbox exists only in some layouts.
    r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control":
        "Material nav title label",
}


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


def test_our_pages_are_valid_html(sample_site, portal_url, tmp_path):
    files = [sample_site / p for p in PAGES]
    # the results page is rendered by the search service into the site's shell
    results = tmp_path / "tim-kiem.html"
    results.write_bytes(urllib.request.urlopen(portal_url + "/tim-kiem/?q=khai+sinh&kind=thu-tuc").read())
    files.append(results)
    messages = _check(files)
    unexpected = [m for m in messages if not any(re.search(p, m.get("message", "")) for p in THEME_ISSUES)]
    assert not unexpected, "\n".join(f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
                                     for m in unexpected[:30])


def test_the_checker_does_find_errors(tmp_path):
    """Guard against a checker that silently checks nothing."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="vi"><title>x</title><p><div></p><a href="a b">x</a>', encoding="utf-8")
    assert len(_check([bad])) >= 1
