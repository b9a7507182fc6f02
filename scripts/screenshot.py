"""The README's phone screenshots (Debian chromium, 390×844, as a phone renders them).

Usage: make serve (in another terminal), then
  .venv/bin/python scripts/screenshot.py [http://127.0.0.1:8000] [docs/]

Waits for the page's load event and its fonts, not for "network idle": the preview keeps a
connection open (/_preview/status) to reload pages on save, so the network is never idle.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import chromium  # noqa: E402

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
SHOTS = {
    "trang-chu-tren-dien-thoai.png": "/",
    "thu-tuc-tren-dien-thoai.png": "/thu-tuc/dang-ky-khai-sinh/",
    "tim-kiem-tren-dien-thoai.png": "/tim-kiem/?q=b%E1%BB%91+em+m%E1%BA%A5t+r%E1%BB%93i",
    "bao-cao-tren-dien-thoai.png": "/bao-cao-tuan-thu/",
}

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs")
with chromium() as browser:
    context = browser.new_context(**PHONE)
    for name, path in SHOTS.items():
        page = context.new_page()
        page.goto(base + path, wait_until="load", timeout=30_000)
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(300)
        page.screenshot(path=str(out / name))
        page.close()
        print(out / name)
