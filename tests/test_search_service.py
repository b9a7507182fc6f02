"""The search service over real HTTP: uvicorn with two worker processes on a free loopback port."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, run_portal


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base: str, path: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(base + path, timeout=10) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def get_json(base: str, path: str) -> tuple[int, dict]:
    status, body, _ = get(base, path)
    return status, json.loads(body)


def start_server(site: Path, index: Path, workers: int = 2, app: str = "site_builder.editor.serve:create_app",
                 env: dict | None = None):
    port = _free_port()
    env = {**os.environ, "PORTAL_SITE_DIR": str(site), "PORTAL_INDEX_DIR": str(index), **(env or {})}
    uvicorn = Path(sys.executable).parent / "uvicorn"
    proc = subprocess.Popen([str(uvicorn), app, "--factory", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers), "--log-level", "warning"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        if proc.poll() is not None:
            return proc, base
        try:
            if get(base, "/healthz")[0] == 200:
                return proc, base
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.05)
    raise AssertionError("server did not start")


@pytest.fixture(scope="module")
def server(sample_site, sample_index, tmp_path_factory):
    index = tmp_path_factory.mktemp("live") / "search-index"
    shutil.copytree(sample_index, index, symlinks=True)
    proc, base = start_server(sample_site, index)
    yield base, index
    proc.terminate()
    proc.wait(timeout=10)


def test_health_and_openapi(server):
    base, _ = server
    status, health = get_json(base, "/healthz")
    assert status == 200 and health["ok"] and health["documents"] > 100
    status, spec = get_json(base, "/api/openapi.json")
    assert status == 200 and "/api/search" in spec["paths"] and "Error" in spec["components"]["schemas"]


def test_search_envelope_facets_and_highlights(server):
    base, _ = server
    status, data = get_json(base, "/api/search?q=dang+ky+khai+sinh")
    assert status == 200 and data["ok"] is True
    assert {"query", "total", "page", "pages", "per_page", "results", "facets", "suggestion", "took_ms"} <= set(data)
    first = data["results"][0]
    assert first["url"] == "/thu-tuc/dang-ky-khai-sinh/"
    assert "<mark" in first["snippet_html"] and "<mark" in first["title_html"]
    kinds = {f["value"]: f["count"] for f in data["facets"]["kind"]}
    assert kinds["thu-tuc"] >= 2 and "van-ban" in kinds
    assert {f["label"] for f in data["facets"]["sector"]} >= {"Hộ tịch"}


def test_filters_combine_sort_and_paginate(server):
    base, _ = server
    _, everything = get_json(base, "/api/search?q=nghi+dinh")
    _, decrees = get_json(base, "/api/search?q=nghi+dinh&kind=van-ban&type=nghi-dinh")
    _, in_force = get_json(base, "/api/search?q=nghi+dinh&kind=van-ban&type=nghi-dinh&status=in_force")
    assert everything["total"] > decrees["total"] > in_force["total"] > 0
    assert all(r["kind"] == "van-ban" for r in decrees["results"])
    _, by_date = get_json(base, "/api/search?q=nghi+dinh&kind=van-ban&sort=date")
    dates = [r["date"] for r in by_date["results"]]
    assert dates == sorted(dates, reverse=True)
    _, page2 = get_json(base, "/api/search?q=nghi+dinh&page=2")
    assert page2["page"] == 2 and {r["id"] for r in page2["results"]}.isdisjoint(
        {r["id"] for r in everything["results"]}
    )


def test_misspelling_gets_a_suggestion(server):
    base, _ = server
    _, data = get_json(base, "/api/search?q=dang+ky+ket+hn")
    assert data["suggestion"] == "đăng ký kết hôn"


def test_nothing_found_is_said_plainly_with_where_to_look(server):
    base, _ = server
    status, data = get_json(base, "/api/search?q=gi%C3%A1+v%C3%A0ng+h%C3%B4m+nay")     # giá vàng hôm nay
    assert status == 200 and data["no_answer"] is True
    assert data["total"] == 0 and data["results"] == [] and data["facets"] == {}
    assert data["links"]["procedures"] == "/thu-tuc/" and set(data["ignored"]) >= {"hôm"}
    _, body, _ = get(base, "/tim-kiem/?q=gi%C3%A1+v%C3%A0ng+h%C3%B4m+nay")
    html = body.decode("utf-8")
    assert "Không tìm thấy kết quả phù hợp" in html and 'href="/thu-tuc/"' in html
    assert 'class="search-results"' not in html          # no loose matches presented as answers
    _, data = get_json(base, "/api/search?q=l%C3%A0m+gi%E1%BA%A5y+khai+sinh+%E1%BB%9F+%C4%91%C3%A2u")
    assert data["no_answer"] is False and {"làm", "ở đâu"} <= set(data["ignored"])
    _, body, _ = get(base, "/tim-kiem/?q=l%C3%A0m+gi%E1%BA%A5y+khai+sinh+%E1%BB%9F+%C4%91%C3%A2u")
    assert "Đã bỏ qua các từ" in body.decode("utf-8")


def test_suggest_titles_while_typing(server):
    base, _ = server
    status, data = get_json(base, "/api/suggest?q=dang+ky+khai+s")
    assert status == 200 and any(s["title"] == "Thủ tục đăng ký khai sinh" for s in data["suggestions"])


@pytest.mark.parametrize("path, status, code", [
    ("/api/search?q=%22dang+ky", 200, None),                     # unbalanced quote
    ("/api/search?q=khai+AND+sinh+OR+NOT", 200, None),           # operators
    ("/api/search?q=kh*i+s%3Fnh", 200, None),                    # wildcards
    ("/api/search?q=" + "a" * 10000, 400, "query_too_long"),
    ("/api/search?q=khai%00%07sinh%1b", 200, None),               # control characters
    ("/api/search?q=%ZZ%E0%A4%A", 200, None),                    # malformed percent-encoding
    ("/api/search?q=%ff%fe", 200, None),                         # bytes that are not UTF-8
    ("/api/search?q=x&sector=khong-co", 400, "unknown_filter"),
    ("/api/search?q=x&page=abc", 400, "bad_page"),
    ("/api/search?q=x&page=99999999999999999999", 400, "bad_page"),
    ("/api/search?q=x&sort=random", 400, "bad_sort"),
    ("/api/search?q=a&q=b&unknown=1&kind=thu-tuc&kind=van-ban", 200, None),
    ("/api/search", 200, None),                                  # no query: everything, with facets
    ("/api/suggest?q=" + "b" * 10000, 400, "query_too_long"),
])
def test_bad_queries_never_500(server, path, status, code):
    base, _ = server
    got, body, _ = get(base, path)
    assert got == status, body[:300]
    data = json.loads(body)
    if code:
        assert data == {"ok": False, "status": 400, "error": {"code": code, "message": data["error"]["message"]}}
        assert any(ch in data["error"]["message"] for ch in "ảàáạãăâêôơưđ")   # Vietnamese message


def test_results_page_without_javascript(server):
    base, _ = server
    status, body, headers = get(base, "/tim-kiem/?q=giay+phep+lai+xe")
    html = body.decode("utf-8")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert 'role="status"' in html and "Tìm thấy" in html
    assert 'href="/thu-tuc/doi-giay-phep-lai-xe/"' in html
    assert 'aria-label="Lọc kết quả"' in html and "Thủ tục (" in html
    assert 'value="giay phep lai xe"' in html            # the query stays in the box
    assert 'class="portal-search"' in html               # header search box on the shell page
    status, body, _ = get(base, "/tim-kiem/?q=" + "x" * 5000)
    assert status == 400 and 'role="alert"' in body.decode("utf-8")


def test_header_search_on_every_page(sample_site):
    pages = [p for p in sample_site.rglob("index.html")
             if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]      # redirect stubs have no page
    assert len(pages) > 200
    assert all('action="/tim-kiem/"' in p.read_text(encoding="utf-8") for p in pages)


def test_swapped_index_is_picked_up_without_failed_requests(server):
    base, index = server
    _, before = get_json(base, "/healthz")
    failures, stop = [], threading.Event()

    def hammer():
        while not stop.is_set():
            status, _, _ = get(base, "/api/search?q=khai+sinh")
            if status != 200:
                failures.append(status)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    result = run_portal("index", "--index-dir", str(index))
    assert result.returncode == 0, result.stderr
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join()
    assert failures == []
    seen = {get_json(base, "/healthz")[1]["index"] for _ in range(10)}
    assert seen == {os.readlink(index / "current")} and before["index"] not in seen


def test_refuses_to_start_without_a_usable_index(sample_site, tmp_path):
    proc, _ = start_server(sample_site, tmp_path / "missing", workers=1)
    assert proc.wait(timeout=20) != 0
    assert "portal index" in proc.stderr.read().decode("utf-8")
    broken = tmp_path / "broken"
    (broken / "gen-1").mkdir(parents=True)
    (broken / "gen-1" / "MAIN_WRITELOCK").write_text("")
    os.symlink("gen-1", broken / "current")
    proc, _ = start_server(sample_site, broken, workers=1)
    assert proc.wait(timeout=20) != 0
    assert "bị hỏng" in proc.stderr.read().decode("utf-8")
