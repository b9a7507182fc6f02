"""The browser editor (/quan-tri/, Decap CMS) driven in Debian's Chromium against `portal serve`.

A git copy of the sample is served; the tests create a procedure through the form, try to save
invalid entries, and change a document's validity status, then look at the files (git diff,
`portal check`) and at the preview pages.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_sample, free_port

DOC = "policies/2024/luat-dat-dai-2024.md"
NEW_NAME = "Thủ tục cấp giấy phép thử nghiệm đường thủy nội địa"
NEW_FILE = "procedures/ho-tich/cap-giay-phep-thu-nghiem-duong-thuy-noi-dia.yml"   # what `portal new` gives


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.vn", *args], cwd=root,
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cms")
    root = copy_sample(tmp / "portal")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "sample")
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).parent / "portal"), "serve", "--root", str(root),
                               "--port", str(port), "--workers", "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "PORTAL_RATINGS_FILE": str(tmp / "r.jsonl")})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(base + "/quan-tri/", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(server.stdout.read()) from None
            time.sleep(0.2)
    try:
        yield root, base
    finally:
        server.terminate()
        server.wait(timeout=15)


@pytest.fixture(scope="module")
def browser():
    from browser import chromium
    with chromium() as b:
        yield b


def open_cms(browser, base: str, hash_path: str):
    page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 1000})
    page.goto(f"{base}/quan-tri/#{hash_path}")
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def field(page, label: str, nth: int = 0):
    """The input of the form field labelled `label` (Decap labels point at their input's id)."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*(\(.*\))?\s*$", re.I)   # "(không bắt buộc)" may follow
    target = page.locator("label").filter(has_text=exact).nth(nth)
    target.wait_for(timeout=20000)
    return page.locator(f"[id='{target.get_attribute('for')}']")


def add(page, label: str) -> None:
    page.get_by_role("button", name=re.compile(f"^Thêm {label}", re.I)).first.click()


def choose(page, label: str, option: str, nth: int = 0) -> None:
    control = field(page, label, nth)
    control.fill(option)
    page.keyboard.press("Enter")


def publish(page) -> None:
    page.get_by_role("button", name="Công bố", exact=True).first.click()
    page.get_by_text("Công bố ngay").click()


def toast(page) -> str:
    box = page.locator(".Toastify__toast").first
    box.wait_for(timeout=30000)
    return box.inner_text()


def test_the_editor_is_vietnamese_and_lists_every_content_type(served, browser):
    root, base = served
    page = open_cms(browser, base, "/collections/procedures")
    for label in ("Thủ tục hành chính", "Văn bản", "Cơ quan, đơn vị", "Trang", "Dự án đầu tư, đấu thầu",
                  "Lấy ý kiến dự thảo"):
        page.get_by_role("link", name=label).first.wait_for(timeout=20000)
    page.get_by_text("Thủ tục đăng ký khai sinh", exact=True).wait_for()
    assert page.evaluate("document.documentElement.lang") == "vi"
    # Every phrase of the CMS exists in Vietnamese (Decap's own locale lacks some; locale-vi.js adds them).
    missing = page.evaluate("""() => { const out = [];
        const walk = (en, vi, path) => { for (const k of Object.keys(en)) {
          if (typeof en[k] === 'object') walk(en[k], (vi || {})[k], path + k + '.');
          else if (!vi || typeof vi[k] !== 'string') out.push(path + k); } };
        walk(CMS.getLocale('en'), CMS.getLocale('vi'), ''); return out; }""")
    assert not missing, missing
    # Not part of the public site.
    assert not (root / "site" / "quan-tri").exists()
    page.close()


def test_create_a_procedure_through_the_form(served, browser):
    root, base = served
    page = open_cms(browser, base, "/collections/procedures/new")
    field(page, "Tên thủ tục").fill(NEW_NAME)
    choose(page, "Cấp thực hiện", "Cấp tỉnh")
    choose(page, "Lĩnh vực", "Hộ tịch")
    choose(page, "Cơ quan thực hiện", "Sở Tư pháp")
    field(page, "Mã thủ tục (CSDL quốc gia)").fill("1.999001")
    add(page, "Đối tượng thực hiện")
    field(page, "Một đối tượng thực hiện").fill("Công dân Việt Nam")
    add(page, "Trình tự thực hiện")
    field(page, "Tên bước").fill("Nộp hồ sơ")
    field(page, "Người/bộ phận chịu trách nhiệm").fill("Bộ phận Một cửa Sở Tư pháp")
    add(page, "Cách thức thực hiện")
    choose(page, "Hình thức nộp", "Trực tiếp")
    field(page, "Số lượng").fill("5")
    choose(page, "Đơn vị", "ngày làm việc")
    add(page, "Phí, lệ phí")
    field(page, "Tên khoản phí, lệ phí").fill("Lệ phí cấp giấy phép")
    field(page, "Mức thu (đồng)").fill("50000")
    add(page, "Thành phần, số lượng hồ sơ")
    add(page, "Giấy tờ")
    field(page, "Tên giấy tờ").fill("Tờ khai đề nghị cấp giấy phép")
    field(page, "Số bản chính").fill("1")
    field(page, "Số lượng", 1).fill("5")
    choose(page, "Đơn vị", "ngày làm việc", 1)
    add(page, "Kết quả thực hiện")
    field(page, "Một kết quả thực hiện").fill("Giấy phép thử nghiệm")
    add(page, "Căn cứ pháp lý")
    field(page, "Số, ký hiệu").fill("123/2015/NĐ-CP")
    field(page, "Số quyết định công bố").fill("15/QĐ-UBND")
    field(page, "Ngày quyết định").fill("2024-01-05")
    choose(page, "Mức độ dịch vụ công trực tuyến", "Không cung cấp trực tuyến")
    field(page, "Đường dẫn nộp hồ sơ trực tuyến").fill("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html")
    publish(page)
    # The CMS opens the saved entry under the address `portal new` gives.
    path = root / NEW_FILE
    try:
        page.wait_for_function("stem => location.hash.endsWith('/entries/ho-tich/' + stem)", arg=path.stem,
                               timeout=30000)
    except Exception:
        raise AssertionError(f"not saved: {page.locator('.Toastify').inner_text()} {page.url}") from None
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert "portal_address" not in text and "portal_folder" not in text
    assert text.startswith("# yaml-language-server: $schema=../../schemas/procedure.schema.json\n")
    check = subprocess.run([str(Path(sys.executable).parent / "portal"), "check", "--root", str(root), NEW_FILE],
                           capture_output=True, text=True)
    assert not [line for line in check.stdout.splitlines() if line.startswith(NEW_FILE + ":") and " error " in line], \
        check.stdout
    # The preview builds its page.
    preview = base + f"/thu-tuc/{path.stem}/"
    deadline = time.monotonic() + 30
    while True:
        try:
            html = urllib.request.urlopen(preview, timeout=5).read().decode("utf-8")
            break
        except OSError:
            assert time.monotonic() < deadline, f"{preview} never appeared"
            time.sleep(0.3)
    assert NEW_NAME in html
    page.close()


def test_invalid_entries_are_refused_with_the_problem_and_nothing_is_written(served, browser):
    root, base = served
    before = {p: p.read_bytes() for p in (root / "procedures").rglob("*.yml")}
    # A required field left empty: the form says so in Vietnamese; nothing is sent.
    page = open_cms(browser, base, "/collections/procedures/new")
    choose(page, "Cấp thực hiện", "Cấp tỉnh")
    choose(page, "Lĩnh vực", "Hộ tịch")
    field(page, "Mã thủ tục (CSDL quốc gia)").fill("1001193")
    publish(page)
    page.get_by_text("Tên thủ tục bắt buộc nhập.").first.wait_for(timeout=15000)
    page.get_by_text("Mã thủ tục (CSDL quốc gia) không khớp với mẫu").first.wait_for(timeout=15000)
    page.close()
    assert {p: p.read_bytes() for p in (root / "procedures").rglob("*.yml")} == before
    # A date written dd/mm/yyyy (as pasted from a Word document into the file): the save is refused with
    # the loader's Vietnamese problem, and the file keeps its bytes.
    path = root / DOC
    original = path.read_text(encoding="utf-8").replace("issued: 2024-01-18", 'issued: "18/01/2024"', 1)
    path.write_text(original, encoding="utf-8")
    page = open_cms(browser, base, "/collections/documents/entries/2024/luat-dat-dai-2024")
    choose(page, "Tình trạng hiệu lực", "Hết hiệu lực một phần")
    publish(page)
    message = toast(page)
    assert "Chưa lưu" in message and DOC in message and "18/01/2024" in message, message
    assert path.read_text(encoding="utf-8") == original
    git(root, "checkout", "--", DOC)
    page.close()


def test_changing_a_documents_status_touches_only_that_field(served, browser):
    root, base = served
    # The document's page is open in another tab: it reloads by itself after the save.
    preview = browser.new_page()
    preview.goto(base + "/van-ban/2024/luat-dat-dai-2024/")
    assert "Hết hiệu lực một phần" not in preview.inner_text("main")
    page = open_cms(browser, base, "/collections/documents/entries/2024/luat-dat-dai-2024")
    # "Xem bản hoàn chỉnh" opens the document's page in the preview.
    link = page.get_by_role("link", name=re.compile("Xem bản hoàn chỉnh"))
    assert link.get_attribute("href").endswith("/van-ban/2024/luat-dat-dai-2024/"), link.get_attribute("href")
    choose(page, "Tình trạng hiệu lực", "Hết hiệu lực một phần")
    publish(page)
    assert "Mục đã được lưu" in toast(page)
    diff = git(root, "diff", "-U0", "--", DOC)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-status: in_force", "+status: partly_expired"], diff
    preview.wait_for_function("() => document.querySelector('main').innerText.includes('Hết hiệu lực một phần')",
                              timeout=30000)
    page.close()
    preview.close()


def test_what_the_cms_itself_would_write_keeps_every_value(served, browser):
    """With the GitLab set-up the CMS writes files itself (no portal serve to merge the change). Listed
    exactly: it keeps every value of every sample file; it drops comment lines and rewrites quoting and
    flow style. Nothing else may change; the guide (chapter 6) says so."""
    import yaml
    root, base = served
    page = open_cms(browser, base, "/collections/procedures")
    page.get_by_text("Thủ tục đăng ký khai sinh", exact=True).wait_for(timeout=20000)
    files = sorted(p for folder in ("procedures", "policies", "content/agencies", "content/pages",
                                    "content/projects", "content/consultations")
                   for p in (root / folder).rglob("*") if p.suffix in (".yml", ".md"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    kinds = ["frontMatter" if p.suffix == ".md" else "yaml" for p in files]
    written = page.evaluate("([texts, kinds]) => texts.map((t, i) => { const f = window.portalFormats[kinds[i]];"
                            " return f.toFile(f.fromFile(t)); })", [texts, kinds])

    def data(text: str, markdown: bool):
        if markdown:
            front, body = text[4:].split("\n---\n", 1)
            return yaml.safe_load(front), body.strip()
        return yaml.safe_load(text), None

    dropped = 0
    for path, before, after in zip(files, texts, written, strict=True):
        assert data(before, path.suffix == ".md") == data(after, path.suffix == ".md"), path
        yaml_part = before[4:].split("\n---\n", 1)[0] if path.suffix == ".md" else before
        comments = [line.strip() for line in yaml_part.splitlines() if line.lstrip().startswith("#")]
        dropped += len(comments)
        assert not [c for c in comments if c in after], f"{path}: comment kept?"
    assert dropped > 0      # the sample has comments: the difference the guide describes is real
    page.close()
