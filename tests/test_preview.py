"""The editor's preview: `portal serve` watches the content, rebuilds only what a
save changed, and the open page reloads itself; errors show instead of a break.
Timing goals (≤ 2 s save-to-visible, also at province scale) live in `make bench`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from site_builder.editor.preview import Preview
from site_builder.render import CopyFile, render_site

from conftest import REPO, free_port

PROC = "procedures/ho-tich/dang-ky-khai-sinh.yml"
DOC = "policies/2015/nghi-dinh-123-2015-nd-cp.md"


def sample_copy(tmp: Path) -> Path:
    root = tmp / "portal"
    for name in ("content", "procedures", "policies"):
        shutil.copytree(REPO / name, root / name)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def comparable(out) -> dict:
    return {k: v for k, v in out.items()
            if not isinstance(v, CopyFile) and not k.startswith(("feeds/", "du-lieu-mo/", "bao-cao-tuan-thu/"))}


@pytest.mark.parametrize("rel,old,new", [
    (PROC, 'name: "Thủ tục đăng ký khai sinh"', 'name: "Thủ tục đăng ký khai sinh cho trẻ em"'),
    (PROC, "agency: ubnd-xa-minh-bao", "agency: ubnd-cap-xa"),
    (DOC, "issued: 2015-11-15", "issued: 2015-11-16"),
    ("content/agencies/so-tu-phap.yml", "name: \"Sở Tư pháp", "name: \"Sở Tư pháp (mới)"),
    (DOC, 'abstract: "Quy định chi tiết', 'abstract: "Quy định rất chi tiết'),
    (PROC, 'receiving_address: "Bộ phận Một cửa', 'receiving_address: "Bộ phận tiếp nhận một cửa'),
])
def test_incremental_render_equals_a_full_render(tmp_path, rel, old, new):
    root = sample_copy(tmp_path)
    preview = Preview(root)
    preview.start()
    edit(root / rel, old, new)
    update = preview.rebuild(preview.changed())
    assert update.ok and not update.full and update.pages
    assert len(update.pages) < 60                                   # only what the edit can change
    full = render_site(preview.checked)   # law=False, like the preview
    assert comparable(preview.rendered) == comparable(full)


def test_paginated_listings_stay_equal_to_a_full_render(tmp_path):
    """With listings longer than one page, an edit that moves nothing re-renders only the page
    that shows the item, and one that moves it re-renders the whole listing; both equal a full render."""
    root = tmp_path / "corpus"
    subprocess.run([sys.executable, str(REPO / "bench" / "scale_corpus.py"), "--out", str(root), "--procedures", "300",
                    "--documents", "700", "--agencies", "12"], check=True, capture_output=True)
    preview = Preview(root)
    preview.start()
    doc = sorted((root / "policies").glob("*/*.md"))[350]
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace('abstract: "', 'abstract: "Sửa ', 1), encoding="utf-8")
    update = preview.rebuild(preview.changed())
    listing_pages = [p for p in update.pages if p.startswith(("van-ban/nam/", "van-ban/loai/", "van-ban/tinh-trang/"))]
    assert 1 <= len(listing_pages) <= 5, sorted(update.pages)
    assert comparable(preview.rendered) == comparable(render_site(preview.checked))
    issued = next(line for line in text.splitlines() if line.startswith("issued: "))
    year = issued.split()[1][:4]
    moved = text.replace(issued, f"issued: {year}-01-01").replace("effective: ", "# effective: ")
    doc.write_text(moved, encoding="utf-8")
    update = preview.rebuild(preview.changed())
    assert update.ok, [p.format() for p in update.problems if p.severity == "error"]
    assert len([p for p in update.pages if p.startswith("van-ban/tinh-trang/")]) >= 1
    assert comparable(preview.rendered) == comparable(render_site(preview.checked))


def test_adding_and_removing_a_procedure(tmp_path):
    root = sample_copy(tmp_path)
    preview = Preview(root)
    preview.start()
    new = root / "procedures/ho-tich/vi-du-moi.yml"
    new.write_text((root / PROC).read_text(encoding="utf-8").replace('national_code: "1.001193"', 'national_code: '
                                                                                                  '"1.999999"')
                   .replace('name: "Thủ tục đăng ký khai sinh"', 'name: "Thủ tục ví dụ"'), encoding="utf-8")
    update = preview.rebuild(preview.changed())
    assert "thu-tuc/vi-du-moi.md" in update.pages and "thu-tuc/danh-muc.md" in update.pages
    new.unlink()
    update = preview.rebuild(preview.changed())
    assert update.removed == {"thu-tuc/vi-du-moi.md"}
    assert "vi-du-moi" not in update.pages["thu-tuc/danh-muc.md"]


def test_a_taxonomy_change_renders_everything(tmp_path):
    root = sample_copy(tmp_path)
    preview = Preview(root)
    preview.start()
    edit(root / "content/taxonomy/sectors.yml", "Hộ tịch", "Hộ tịch, quốc tịch")
    assert preview.rebuild(preview.changed()).full


def _status(base: str) -> dict:
    return json.loads(urllib.request.urlopen(base + "/_preview/status", timeout=5).read())


def _wait(predicate, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def served(tmp_path):
    root = sample_copy(tmp_path)
    port = free_port()
    portal = Path(sys.executable).parent / "portal"
    server = subprocess.Popen([str(portal), "serve", "--root", str(root), "--port", str(port), "--workers", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "PORTAL_RATINGS_FILE": str(tmp_path / "r.jsonl")})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: _try(base + "/_preview/status"), 120)
        yield root, base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _try(url):
    try:
        return urllib.request.urlopen(url, timeout=2).read()
    except OSError:
        return None


def test_saved_change_reloads_the_open_page_and_errors_show_on_it(served):
    from browser import chromium
    root, base = served
    with chromium() as browser:
        page = browser.new_page()
        page.goto(base + "/thu-tuc/dang-ky-khai-sinh/")
        edit(root / PROC, 'name: "Thủ tục đăng ký khai sinh"', 'name: "Thủ tục đăng ký khai sinh (bản sửa)"')
        page.wait_for_function("() => document.querySelector('h1').textContent.includes('(bản sửa)')", timeout=15000)
        # A mistake: the page keeps the last good content and says what is wrong, with file and line.
        path = root / PROC
        path.write_text(path.read_text(encoding="utf-8") + "steps:\n\t- sai\n", encoding="utf-8")
        page.wait_for_selector(".preview-problems", timeout=15000)
        text = page.locator(".preview-problems").inner_text()
        assert f"{PROC}:" in text and "[YAML-TAB]" in text and "gợi ý" in text
        assert "(bản sửa)" in page.locator("h1").inner_text()
        status = _status(base)
        assert status["ok"] is False
        # Fixed: the banner goes and the page reloads with the new content.
        edit(path, "steps:\n\t- sai\n", "")
        edit(path, "(bản sửa)", "(bản sửa lần hai)")
        page.wait_for_function("() => document.querySelector('h1').textContent.includes('lần hai')", timeout=15000)
        assert page.locator(".preview-problems").count() == 0


def test_newcomer_adds_a_procedure_sees_it_and_gets_clear_errors(served):
    """The editor's guide path: `portal new`, the preview shows the page, three deliberate
    mistakes each give a clear message with file, line and hint, and fixing them recovers."""
    from conftest import run_portal
    root, base = served
    result = run_portal("new", "procedure", "--root", str(root), "--no-input", "--name", "Thủ tục ví dụ của người mới",
                        "--sector", "ho-tich", "--level", "xa", "--agency", "ubnd-cap-xa", "--slug", "vi-du-nguoi-moi")
    assert result.returncode == 0, result.stderr
    rel = "procedures/ho-tich/vi-du-nguoi-moi.yml"
    _wait(lambda: _try(base + "/thu-tuc/vi-du-nguoi-moi/"))
    page = _try(base + "/thu-tuc/vi-du-nguoi-moi/").decode("utf-8")
    assert "Thủ tục ví dụ của người mới" in page
    path = root / rel
    good = path.read_text(encoding="utf-8")
    mistakes = [
        (good.replace("subjects: []", "subjects:\n\t- Công dân Việt Nam"), "YAML-TAB", "Tab"),
        (good.replace("updated: ", "updated: 31/12/2024\n# ", 1), "FIELD-INVALID", "YYYY-MM-DD"),
        (good.replace("agency: ubnd-cap-xa", "agency: ubnd-xa-khong-co"), "REF-AGENCY", "content/agencies"),
    ]
    for text, code, hint in mistakes:
        version = _status(base)["version"]
        path.write_text(text, encoding="utf-8")
        status = _wait(lambda version=version: (s := _status(base))["version"] != version and s)
        assert status["ok"] is False, status
        message = "\n".join(status["problems"])
        assert f"{rel}:" in message and f"[{code}]" in message and "gợi ý:" in message and hint in message, message
        line = int(message.split(f"{rel}:")[1].split(":")[0])
        assert text.splitlines()[line - 1].strip(), (line, message)          # the line named is the one to fix
        path.write_text(good, encoding="utf-8")
        _wait(lambda: _status(base)["ok"])
