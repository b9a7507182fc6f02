"""`portal serve` runs a real uvicorn server over a built site."""

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import free_port


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_serve_answers_pages_and_404(sample_site, sample_index, tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (root / "content").mkdir()
    (root / "site").symlink_to(sample_site)
    (root / "build").mkdir()
    (root / "build" / "search-index").symlink_to(sample_index)
    port = free_port()
    portal = Path(sys.executable).parent / "portal"
    server = subprocess.Popen([str(portal), "serve", "--no-build", "--root", str(root), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, body = _get(base + "/")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            raise AssertionError(server.stderr.read().decode())
        assert status == 200 and "Cổng thông tin điện tử tỉnh Yên Bái" in body
        status, body = _get(base + "/thu-tuc/dang-ky-khai-sinh/")
        assert status == 200 and "1.001193" in body
        status, _ = _get(base + "/khong-co-trang-nay/")
        assert status == 404
        status, body = _get(base + "/tim-kiem/?q=dang+ky+khai+sinh")      # search on the same server
        assert status == 200 and "/thu-tuc/dang-ky-khai-sinh/" in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def _post(url: str, body: bytes) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_rating_endpoint_refuses_bad_input_clearly(portal_url, portal_ratings):
    before = portal_ratings.read_text(encoding="utf-8") if portal_ratings.exists() else ""
    for body in (
        b"trang=/thu-tuc/&huu_ich=maybe",
        b"huu_ich=co",
        b"&".join([b"a=1"] * 20),
        b"trang=//evil.example/&huu_ich=co",
        b"trang=https://evil.example/&huu_ich=co",
        b"x" * 5000,
        b"trang=%ff%fe&huu_ich=khong",
    ):
        status, text = _post(portal_url + "/api/danh-gia", body)
        assert status == 400 and '"bad_rating"' in text, (body[:40], status, text)
    assert _get(portal_url + "/api/danh-gia")[0] in (404, 405)            # only the form's POST
    after = portal_ratings.read_text(encoding="utf-8") if portal_ratings.exists() else ""
    assert after == before                                                  # nothing recorded


def test_static_files_are_compressed_and_cached_by_fingerprint(portal_url):
    def head(path):
        request = urllib.request.Request(portal_url + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.headers
    page = head("/thu-tuc/dang-ky-khai-sinh/")
    assert page["Content-Encoding"] == "gzip" and page["Cache-Control"] == "no-cache"
    css = next(p for p in __import__("re").findall(r'href="([^"]*main\.[0-9a-f]{8}\.min\.css)"',
                                                   _get(portal_url + "/")[1]))
    assert "immutable" in head("/" + css.lstrip("./"))["Cache-Control"]
