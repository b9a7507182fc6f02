"""What a person sees, measured in Debian's Chromium at phone and desktop widths.

For each key page type, at 320, 390 and 1366 px:
- no page-level sideways scroll (the document is no wider than the viewport);
- no visible text cut off by an ancestor that hides overflow;
- nothing of the main content runs under the navigation or the table of contents;
- no visible text smaller than 12 px.
And: the first search result is on the first screen of a 390×844 phone; the home page has a
search form and at least six task links, each to a procedure or a listing.
"""

from __future__ import annotations

import pytest

from browser import chromium

PAGES = {
    "home": "/",
    "procedure": "/thu-tuc/dang-ky-khai-sinh/",
    "legal document": "/van-ban/2011/nghi-dinh-43-2011-thong-tin-dich-vu-cong-truc-tuyen/",
    "procedure listing": "/thu-tuc/danh-muc/",
    "search results": "/tim-kiem/?q=khai+sinh",
    "compliance report": "/bao-cao-tuan-thu/",
    "agency": "/co-quan/so-tu-phap/",
    "e-mail directory": "/danh-ba-thu-dien-tu/",
    "English page": "/en/introduction/",
}
WIDTHS = (320, 390, 1366)

# Elements whose own text (not their children's) is visible, with their box and font size.
_TEXT_BOXES = """
() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || seen.has(el)) continue;
    seen.add(el);
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;               // visually hidden (sr-only) text
    if (r.right <= 0 || r.left >= innerWidth) continue;       // off-canvas (a closed drawer)
    out.push({el, r, size: parseFloat(getComputedStyle(el).fontSize)});
  }
  return out;
}
"""

_CHECKS = """
() => {
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const boxes = (%s)();
  const clipped = [], small = [];
  for (const {el, r, size} of boxes) {
    if (size < 12) small.push(describe(el) + ' ' + size + 'px: ' + el.textContent.trim().slice(0, 40));
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      const hides = v => v === 'hidden' || v === 'clip';
      if (!hides(cs.overflowX) && !hides(cs.overflowY)) continue;
      const ar = a.getBoundingClientRect();
      if (ar.width < 2 || ar.height < 2) break;                // an sr-only wrapper
      const out = (hides(cs.overflowX) && (r.left < ar.left - 1 || r.right > ar.right + 1)) ||
                  (hides(cs.overflowY) && (r.top < ar.top - 1 || r.bottom > ar.bottom + 1));
      if (out) { clipped.push(describe(el) + ' in ' + describe(a) + ': ' + el.textContent.trim().slice(0, 40)); }
      break;
    }
  }
  const visible = el => el && el.checkVisibility() && el.getBoundingClientRect().width > 2 &&
    el.getBoundingClientRect().right > 0 && el.getBoundingClientRect().left < innerWidth;
  const sides = [...document.querySelectorAll('.md-sidebar--primary .md-sidebar__scrollwrap, ' +
                                              '.md-sidebar--secondary .md-sidebar__scrollwrap')].filter(visible);
  const overlaps = [];
  for (const side of sides) {
    const s = side.getBoundingClientRect();
    for (const el of document.querySelectorAll('.md-content__inner > *, .md-content__inner table, ' +
                                               '.md-content__inner svg, .md-content__inner img')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      if (w > 1 && h > 1) overlaps.push(describe(el) + ' under ' + describe(side.parentElement.parentElement));
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: innerWidth,
          clipped: clipped.slice(0, 8), small: small.slice(0, 8), overlaps: overlaps.slice(0, 8)};
}
""" % _TEXT_BOXES


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_and_read(portal_url, browser, width):
    """Every key page type at one width (one browser context: the pages load one after another)."""
    ctx = browser.new_context(viewport={"width": width, "height": 844 if width < 1000 else 900})
    problems = {}
    try:
        page = ctx.new_page()
        for name, path in PAGES.items():
            page.goto(portal_url + path, wait_until="load")
            page.wait_for_timeout(100)          # Material lays the sidebars out after load
            found = page.evaluate(_CHECKS)
            wrong = {k: found[k] for k in ("clipped", "small", "overlaps") if found[k]}
            if found["scrollWidth"] > found["width"]:
                wrong["scrollWidth"] = found["scrollWidth"]
            if wrong:
                problems[name] = wrong
    finally:
        ctx.close()
    assert problems == {}, f"at {width}px"


def test_first_search_result_on_the_first_phone_screen(portal_url, browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        page.goto(portal_url + "/tim-kiem/?q=khai+sinh", wait_until="load")
        top = page.evaluate("document.querySelector('.search-results li').getBoundingClientRect().top")
    finally:
        ctx.close()
    assert 0 <= top < 844, top


def test_home_page_has_a_search_box_and_tasks(portal_url, browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        page.goto(portal_url + "/", wait_until="load")
        assert page.locator("main form[role=search] input[name=q]").count() == 1
        targets = page.eval_on_selector_all(".portal-tasks a", "els => els.map(a => new URL(a.href).pathname)")
        assert len(targets) >= 6, targets
        for target in targets:
            assert target.startswith("/thu-tuc/"), target      # a procedure or a procedure listing
            assert page.request.get(portal_url + target).ok, target
    finally:
        ctx.close()
