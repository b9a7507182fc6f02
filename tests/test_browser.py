"""The portal in a real browser: headless Debian Chromium driven by Playwright
against `portal serve` (uvicorn workers, search included).

- axe-core WCAG 2.1 A/AA over every page type, on a desktop and a phone viewport;
- no request to any host but the portal's own;
- a keyboard-only walk through the header search, a facet and a result;
- a citizen's journey: search "dang ky khai sinh" → procedure → checklist →
  print view → facet → language switch → replaced document → its replacement;
- the satisfaction form records an answer and keeps nothing personal.
"""

from __future__ import annotations

import json
import re

import pytest

from browser import PHONE, RequestLog, axe, chromium, describe

PAGES = {
    "home": "/",
    "procedure": "/thu-tuc/dang-ky-khai-sinh/",
    "document": "/van-ban/2011/nghi-dinh-43-2011-thong-tin-dich-vu-cong-truc-tuyen/",
    "agency": "/co-quan/so-tu-phap/",
    "search with results and facets": "/tim-kiem/?q=khai+sinh",
    "e-mail directory": "/danh-ba-thu-dien-tu/",
    "compliance report": "/bao-cao-tuan-thu/",
    "English introduction": "/en/introduction/",
    "introduction (has an English counterpart)": "/gioi-thieu/",
    "glossary": "/thuat-ngu/",
    "open data": "/du-lieu-mo/",
}


CSP_LISTENER = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
                "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(params=["desktop", "phone"])
def context(request, browser):
    ctx = browser.new_context(**(PHONE if request.param == "phone" else {"viewport": {"width": 1280, "height": 900}}))
    yield ctx
    ctx.close()


@pytest.mark.parametrize("name", PAGES)
def test_wcag_aa_and_no_third_party_requests(portal_url, context, name):
    page = context.new_page()
    log = RequestLog(page, portal_url)
    errors = []
    page.add_init_script(CSP_LISTENER)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    response = page.goto(portal_url + PAGES[name], wait_until="networkidle")
    assert response.status == 200
    if name.startswith("search"):
        # the facets are <details>: open them so axe checks their content too
        page.eval_on_selector_all("details.search-filters", "els => els.forEach(e => e.open = true)")
    violations = axe(page)
    assert not violations, f"{PAGES[name]}:\n{describe(violations)}"
    assert log.urls, "no request recorded"
    assert not log.third_party(), log.third_party()
    assert not errors, errors        # no failed request, no script error (Lighthouse "errors-in-console")
    assert page.evaluate("window.__csp") == []     # the pages satisfy their own Content-Security-Policy
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]


def test_fonts_are_self_hosted_with_the_vietnamese_subset(portal_url, browser):
    page = browser.new_page()
    log = RequestLog(page, portal_url)
    page.goto(portal_url + "/thu-tuc/dang-ky-khai-sinh/", wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    fonts = [u for u in log.urls if u.endswith(".woff2")]
    assert any("roboto-vietnamese-400" in u for u in fonts), fonts
    assert page.evaluate("document.fonts.check('16px Roboto', 'Thủ tục đăng ký')")
    page.close()


def test_keyboard_only_search_facet_and_result(portal_url, browser):
    page = browser.new_page()
    page.goto(portal_url + "/")
    # Tab from the top of the page until the header search box has focus.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q-header":
            break
    else:
        pytest.fail("the header search box cannot be reached with Tab")
    page.keyboard.type("ket hon")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=ket\+hon"))
    assert page.locator(".search-results li").count() > 0
    # Tab past the results to the filters' disclosure ("Lọc kết quả"), open it with Enter when it
    # is closed (wide screens open it already), Tab into it and follow a filter.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("the filters cannot be reached with Tab")
    assert page.evaluate("document.activeElement.textContent") == "Lọc kết quả"
    if not page.evaluate("document.activeElement.parentElement.open"):
        page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target and "kind=" in target, target
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"kind="))
    # Tab to the first result and open it.
    first = page.locator(".search-results a").first.get_attribute("href")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == first:
            break
    else:
        pytest.fail("the first result cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(first.split("#")[0])))
    # The focused element is always visible (WCAG 2.4.7): Material and our CSS keep an outline.
    page.close()


def test_citizen_journey(portal_url, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(portal_url + "/")
    page.fill("#q-header", "dang ky khai sinh")
    page.press("#q-header", "Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/"))
    first = page.locator(".search-results a").first
    assert first.get_attribute("href") == "/thu-tuc/dang-ky-khai-sinh/"
    first.click()
    page.wait_for_url(re.compile(r"/thu-tuc/dang-ky-khai-sinh/$"))
    assert page.locator("h1").inner_text().rstrip("¶") == "Thủ tục đăng ký khai sinh"

    # The summary answers where, how long, how much, what to bring, online, forms — in the first screen.
    summary = page.locator("table.tt-summary")
    for label in ("Nơi nộp hồ sơ", "Thời hạn giải quyết", "Phí, lệ phí", "Hồ sơ cần mang", "Mẫu đơn, tờ khai",
                  "Nộp trực tuyến"):
        assert summary.get_by_text(label).is_visible()
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= 740, box          # the whole summary in the first phone screen
    assert page.get_by_text(re.compile(r"Cập nhật lần cuối: \d\d/\d\d/\d{4}")).first.is_visible()

    # Tick the dossier checklist by its labels.
    summary.locator("a[href='#danh-sach-giay-to-can-chuan-bi']").click()
    boxes = page.locator(".dossier-checklist input[type=checkbox]")
    assert boxes.count() >= 2
    page.locator(".dossier-checklist label").first.click()
    assert boxes.first.is_checked()

    # Print view: no header, navigation, search or rating; the checklist and its tick stay.
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".portal-rating").is_visible()
    assert page.locator(".dossier-checklist").is_visible()
    assert boxes.first.is_checked()
    page.emulate_media(media="screen")

    # Filter by a facet on the results page.
    page.goto(portal_url + "/tim-kiem/?q=dang+ky+khai+sinh")
    if not page.evaluate("document.querySelector('details.search-filters').open"):   # closed on a phone
        page.locator("details.search-filters > summary").click()
    page.locator(".search-facets a", has_text="Văn bản").first.click()
    page.wait_for_url(re.compile(r"kind=van-ban"))
    hrefs = page.locator(".search-results h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(h.startswith("/van-ban/") for h in hrefs), hrefs

    # Switch language: the introduction's English counterpart, and back.
    page.goto(portal_url + "/gioi-thieu/")
    page.locator("a.lang-switch").click()
    page.wait_for_url(re.compile(r"/en/introduction/$"))
    assert page.locator("[lang=en] h1").count() == 1
    page.locator("a.lang-switch").click()
    page.wait_for_url(re.compile(r"/gioi-thieu/$"))

    # A replaced document: the banner says so and links to its replacement.
    page.goto(portal_url + "/van-ban/2011/nghi-dinh-43-2011-thong-tin-dich-vu-cong-truc-tuyen/")
    banner = page.locator(".admonition.danger")
    assert "hết hiệu lực" in banner.inner_text()
    banner.locator("a").first.click()
    page.wait_for_url(re.compile(r"/van-ban/2022/nghi-dinh-42-2022"))
    assert "42/2022/NĐ-CP" in page.locator("h1").inner_text()
    context.close()


def test_satisfaction_rating_is_recorded_without_personal_data(portal_url, portal_ratings, browser):
    page = browser.new_page()
    page.goto(portal_url + "/thu-tuc/dang-ky-khai-sinh/")
    rating = page.locator(".portal-rating")
    assert "Trang này có hữu ích không?" in rating.inner_text()
    rating.get_by_role("button", name="Có").click()
    page.wait_for_url(re.compile(r"/cam-on-danh-gia/$"))
    assert "Cảm ơn" in page.locator("h1").inner_text()
    lines = [json.loads(x) for x in portal_ratings.read_text(encoding="utf-8").splitlines()]
    assert {"page": "/thu-tuc/dang-ky-khai-sinh/", "useful": True} in [{k: v for k, v in x.items() if k != "date"}
                                                                       for x in lines]
    assert all(set(x) == {"date", "page", "useful"} for x in lines)        # no address, no time of day
    page.close()


def test_csp_blocks_an_inline_script_the_build_did_not_hash(sample_site, tmp_path, browser):
    """The policy is enforced, not decorative: a script slipped into a built page does not run."""
    import shutil
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    from conftest import free_port
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    page_file = site / "thu-tuc" / "dang-ky-khai-sinh" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(html.replace("</body>", "<script>window.__ran = true</script></body>"), encoding="utf-8")
    root = tmp_path / "root"
    (root / "build").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "site").symlink_to(site)
    index = next(p for p in sample_site.parent.iterdir() if p.name == "search-index")
    (root / "build" / "search-index").symlink_to(index)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "portal"),
            "serve",
            "--no-build",
            "--root",
            str(root),
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        page = browser.new_page()
        page.add_init_script(CSP_LISTENER)
        page.goto(f"http://127.0.0.1:{port}/thu-tuc/dang-ky-khai-sinh/", wait_until="networkidle")
        assert page.evaluate("window.__ran === undefined")
        assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
