"""Content HTML is sanitised (nh3 allow-list) and what is removed is reported with file and line."""

from __future__ import annotations

import shutil

from site_builder.content.sanitize import clean_html, unsafe_in

from conftest import SITES, run_portal

HOSTILE = """
<p onclick="steal()">Chú ý</p>
<script>alert("x")</script>
<img src="data:image/png;base64,AAAA" onerror="alert(1)">
<a href="javascript:alert(1)">bấm</a> [liên kết](javascript:alert(2))
<iframe src="https://evil.example/"></iframe>
<style>body{display:none}</style>
<form action="https://evil.example/"><input name="pw"></form>
"""


def test_clean_html_removes_what_can_run_or_phish():
    out = clean_html(HOSTILE.replace("[liên kết](javascript:alert(2))", ""))   # Markdown links: see the build test
    for bad in ("<script", "alert(", "onclick", "onerror", "javascript:", "data:image", "<iframe", "<style",
                "display:none", "<form", "evil.example/\""):
        assert bad not in out, (bad, out)
    assert "Chú ý" in out and "bấm" in out


def test_clean_html_keeps_what_our_pages_need():
    html = ('<h2 id="dieu-1">Điều 1<a class="headerlink" href="#dieu-1" title="Permanent link">¶</a></h2>'
            '<div class="admonition danger"><p class="admonition-title">Tình trạng</p></div>'
            '<table class="tt-summary"><caption>Tóm tắt</caption><tbody><tr><th scope="row" '
            'style="text-align:left">A</th>'
            '<td colspan="2">B</td></tr></tbody></table>'
            '<ul class="dossier-checklist"><li><input type="checkbox" id="hs-1-1"> <label for="hs-1-1">Tờ '
            'khai</label></li></ul>'
            '<a class="glossary-term" href="../../thuat-ngu/#ban-chinh" title="Giấy tờ gốc">bản chính</a>'
            '<abbr title="Ủy ban nhân dân">UBND</abbr><nav class="listing-pager" aria-label="Phân trang">'
            '<strong aria-current="page">1</strong> <a href="trang-2/" rel="next">2</a></nav>'
            '<p><a href="mailto:a@yenbai.gov.vn">thư</a> <a href="tel:02163000000">gọi</a></p><!--KET-QUA-TIM-KIEM-->')
    assert clean_html(html) == html


def test_forms_only_where_allowed():
    form = ('<form role="search" action="/tim-kiem/" method="get"><input name="q" type="search">'
            '<button type="submit">Tìm</button></form>')
    assert clean_html(form, allow_forms=True) == form
    assert "<form" not in clean_html(form)


def test_unsafe_constructs_are_found_line_by_line():
    found = unsafe_in(HOSTILE)
    lines = {line for line, _ in found}
    assert {1, 2, 3, 4, 5, 6, 7} <= lines
    assert unsafe_in("Văn bản thường với <b>chữ đậm</b> và [liên kết](https://vbpl.vn).") == []


def test_hostile_page_warns_with_file_and_line_and_a_lax_build_is_clean(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(SITES / "full", root)
    page = next((root / "content" / "pages").glob("*.md"))
    text = page.read_text(encoding="utf-8")
    body_start = text.index("\n---\n", 4) + 5
    line_of_body = text[:body_start].count("\n") + 1
    page.write_text(text[:body_start] + HOSTILE.lstrip("\n") + text[body_start:], encoding="utf-8")
    rel = page.relative_to(root).as_posix()
    result = run_portal("check", "--root", str(root))
    out = result.stdout + result.stderr
    assert f"{rel}:{line_of_body}: warning [UNSAFE-HTML]" in out, out
    assert f"{rel}:{line_of_body + 1}: warning [UNSAFE-HTML] Nội dung có thẻ <script>" in out
    site = tmp_path / "site"
    refused = run_portal("build", "--root", str(root), "--site-dir", str(site), "--no-index")
    assert refused.returncode == 1 and "sẽ bị bỏ hoặc sửa khi đăng" in refused.stderr, refused.stderr
    assert not site.exists()                     # a strict build publishes nothing that differs from the source
    result = run_portal("build", "--root", str(root), "--site-dir", str(site), "--no-index", "--no-strict")
    assert result.returncode == 0, result.stdout + result.stderr
    html = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    for bad in ('alert("x")', "onclick=", "onerror=", "javascript:", "data:image", "evil.example"):
        assert bad not in html, bad
