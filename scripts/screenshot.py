"""The README's phone screenshot of a procedure page (Debian chromium, 375×740).

Usage: portal serve (in another terminal), then
  .venv/bin/python scripts/screenshot.py [http://127.0.0.1:8000] [docs/thu-tuc-tren-dien-thoai.png]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import PHONE, chromium  # noqa: E402

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
out = sys.argv[2] if len(sys.argv) > 2 else "docs/thu-tuc-tren-dien-thoai.png"
with chromium() as browser:
    page = browser.new_context(**PHONE).new_page()
    page.goto(base + "/thu-tuc/dang-ky-khai-sinh/", wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    page.screenshot(path=out)
print(out)
