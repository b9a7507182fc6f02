"""The editor's guide's screenshots of the browser editor (/quan-tri/), from the real forms.

Usage: make serve (in another terminal), then
  .venv/bin/python scripts/cms_screenshots.py [http://127.0.0.1:8000] [docs/]

Nothing is saved: the two save attempts shown are refused (by the form, then by the portal's check).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import chromium  # noqa: E402

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs")


def open_cms(browser, path: str):
    page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 800})
    page.goto(f"{base}/quan-tri/#{path}")
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def publish(page) -> None:
    page.get_by_role("button", name="Công bố", exact=True).first.click()
    page.get_by_text("Công bố ngay").click()


def shot(page, name: str) -> None:
    page.wait_for_timeout(500)
    page.screenshot(path=str(out / name))
    print(out / name)


with chromium() as browser:
    page = open_cms(browser, "/collections/procedures")
    page.get_by_text("Thủ tục đăng ký khai sinh", exact=True).wait_for(timeout=20000)
    shot(page, "quan-tri-danh-sach.png")
    page.close()

    page = open_cms(browser, "/collections/procedures/entries/ho-tich/dang-ky-khai-sinh")
    page.get_by_text("Tên thủ tục", exact=False).first.wait_for(timeout=20000)
    page.locator("label", has_text="Cấp thực hiện").first.scroll_into_view_if_needed()
    shot(page, "quan-tri-bieu-mau-thu-tuc.png")
    page.close()

    page = open_cms(browser, "/collections/procedures/new")
    page.locator("label", has_text="Tên thủ tục").first.wait_for(timeout=20000)
    publish(page)
    page.get_by_text("Tên thủ tục bắt buộc nhập.").first.wait_for(timeout=15000)
    page.get_by_text("Tên thủ tục bắt buộc nhập.").first.scroll_into_view_if_needed()
    shot(page, "quan-tri-loi-bieu-mau.png")
    page.close()

    # The code of another procedure: the form cannot know, the portal's check refuses the save and says why.
    page = open_cms(browser, "/collections/procedures/entries/ho-tich/dang-ky-khai-sinh")
    label = page.locator("label", has_text="Mã thủ tục (CSDL quốc gia)").first
    label.wait_for(timeout=20000)
    page.locator(f"[id='{label.get_attribute('for')}']").fill("1.000894")
    publish(page)
    page.locator(".Toastify__toast").first.wait_for(timeout=30000)
    shot(page, "quan-tri-tu-choi-luu.png")
    page.close()
