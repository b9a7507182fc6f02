"""The search service: JSON API, suggestions, health, OpenAPI, and the
server-rendered results page (works without JavaScript).

Configuration comes from the environment so that several uvicorn worker
processes can build the same app:
  PORTAL_INDEX_DIR   folder holding `current` → the index generation (required)
  PORTAL_SITE_DIR    built site; its /tim-kiem/ page is the results page's shell (optional)

Error envelope (every 4xx): {"ok": false, "status": 400, "error": {"code": "...", "message": "..."}}
"""

from __future__ import annotations

import html
import json
import logging
import math
import os
import time
from pathlib import Path
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from .generation import IndexHandle, IndexUnavailable
from .query import QueryError, plan
from .rank import PER_PAGE, run_search
from .rating import rate
from .suggest import suggest_titles

log = logging.getLogger("portal.search")
HERE = Path(__file__).resolve().parent
MAX_PAGE = 1000
# Public parameter name → facet field; "type" reads better in a URL than "doctype".
PARAMS = {"kind": "kind", "sector": "sector", "level": "level", "agency": "agency", "online": "online",
          "type": "doctype", "issuer": "issuer", "status": "status", "year": "year"}
FACET_TITLES = {"kind": "Loại kết quả", "sector": "Lĩnh vực", "level": "Cấp thực hiện", "agency": "Cơ quan",
                "online": "Dịch vụ trực tuyến", "doctype": "Loại văn bản", "issuer": "Cơ quan ban hành",
                "status": "Tình trạng hiệu lực", "year": "Năm ban hành"}
RESULTS_MARKER = "<!--KET-QUA-TIM-KIEM-->"


class BadRequest(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(
        {"ok": False, "status": status, "error": {"code": code, "message": message}}, status_code=status
    )


def answer(gen, p, filters: dict, sort: str, page: int) -> dict:
    """The API's answer to one query (also what `portal search --json` prints)."""
    started = time.perf_counter()
    found = run_search(gen, p, filters, sort, page)
    reverse = {v: k for k, v in PARAMS.items()}
    return {
        "ok": True,
        "query": {"q": p.text, "filters": {reverse[k]: v for k, v in filters.items()}, "sort": sort, "page": page},
        "total": found["total"], "page": page, "per_page": PER_PAGE,
        "pages": max(1, math.ceil(found["total"] / PER_PAGE)),
        "results": found["results"],
        "facets": {reverse[k]: v for k, v in found["facets"].items() if v},
        "suggestion": found["suggestion"], "relaxed": found["relaxed"],
        "no_answer": found["no_answer"], "ignored": found["ignored"], **_where_to_look(gen, found),
        "took_ms": round(1000 * (time.perf_counter() - started), 1),
    }


def _where_to_look(gen, found: dict) -> dict:
    """For an answer that found nothing: the nearest sectors as search links, and the lists."""
    return {"nearest": [{**n, "url": "/tim-kiem/?" + urlencode({"kind": "thu-tuc", "sector": n["value"]})}
                        for n in found["nearest"]],
            "links": gen.meta.get("links", {}) if found["no_answer"] else {}}


class SearchRefused(ValueError):
    """A command-line search that cannot run (no index, bad filter, query too long)."""


def search_once(index_root: Path, text: str, filters: tuple[str, ...], sort: str, page: int) -> dict:
    """One search without a server: `portal search` (same parsing and answer as the API)."""
    try:
        gen = IndexHandle(index_root).get()
        params = {"q": text, "sort": sort, "page": str(page)}
        for item in filters:
            name, _, value = item.partition("=")
            if name not in PARAMS:
                raise SearchRefused(f"Không có bộ lọc '{name}'. Các bộ lọc: {', '.join(PARAMS)}.")
            params[name] = value
        return answer(gen, *_parse(params, gen))
    except (IndexUnavailable, BadRequest) as exc:
        raise SearchRefused(str(exc)) from None


def as_text(found: dict, as_json: bool = False) -> str:
    """`portal search` output: the API's JSON, or a numbered list for people."""
    if as_json:
        return json.dumps(found, ensure_ascii=False, indent=2)
    lines = [f"{found['total']} kết quả cho “{found['query']['q']}”."]
    if found["suggestion"]:
        lines.append(f"Có phải bạn muốn tìm: {found['suggestion']}?")
    first = (found["page"] - 1) * found["per_page"] + 1
    lines += [f"{i:3}. {hit['title']}\n     {hit['subtitle']}\n     {hit['url']}"
              for i, hit in enumerate(found["results"], first)]
    return "\n".join(lines)


def _parse(params, gen) -> tuple:
    q = params.get("q", "")
    try:
        p = plan(q)
    except QueryError as exc:
        raise BadRequest("query_too_long", str(exc)) from None
    labels = gen.meta.get("labels", {})
    filters = {}
    for name, field in PARAMS.items():
        value = params.get(name)
        if value in (None, ""):
            continue
        if value not in labels.get(field, {}):
            raise BadRequest("unknown_filter", f"Giá trị lọc '{value[:60]}' của '{name}' không hợp lệ.")
        filters[field] = value
    sort = params.get("sort", "relevance") or "relevance"
    if sort not in ("relevance", "date"):
        raise BadRequest("bad_sort", "Cách sắp xếp chỉ nhận 'relevance' (liên quan) hoặc 'date' (ngày).")
    raw_page = params.get("page", "1") or "1"
    if not raw_page.isdigit() or not 1 <= int(raw_page) <= MAX_PAGE:
        raise BadRequest("bad_page", f"Số trang phải là số nguyên từ 1 đến {MAX_PAGE}.")
    return p, filters, sort, int(raw_page)


def create_app(index_dir: str | Path | None = None, site_dir: str | Path | None = None) -> Starlette:
    index_root = Path(index_dir or os.environ.get("PORTAL_INDEX_DIR", "build/search-index"))
    site_root = site_dir or os.environ.get("PORTAL_SITE_DIR")
    handle = IndexHandle(index_root, warm=True)
    handle.get()        # open now: refuse to start on a missing or corrupt index, and warm the worker
    openapi = json.loads((HERE / "openapi.json").read_text(encoding="utf-8"))
    shell_path = Path(site_root) / "tim-kiem" / "index.html" if site_root else None

    def guarded(fn):
        async def endpoint(request: Request):
            try:
                return fn(request)
            except BadRequest as exc:
                if request.url.path.startswith("/api/"):
                    return error(400, exc.code, exc.message)
                return HTMLResponse(_page_html(shell_path, handle, request, None, exc.message), status_code=400)
            except IndexUnavailable as exc:
                log.error("%s", exc)
                return error(
                    503, "index_unavailable", "Dịch vụ tìm kiếm tạm thời không sẵn sàng. Vui lòng thử lại sau."
                )
            except Exception:  # never a 500: log and answer 503 with a Vietnamese message
                log.exception("search failed for %s", request.url)
                return error(503, "internal", "Dịch vụ tìm kiếm tạm thời gặp sự cố. Vui lòng thử lại sau.")
        return endpoint

    def search_json(request: Request):
        gen = handle.get()
        return JSONResponse(answer(gen, *_parse(request.query_params, gen)))

    def suggest_json(request: Request):
        gen = handle.get()
        try:
            p = plan(request.query_params.get("q", ""))
        except QueryError as exc:
            raise BadRequest("query_too_long", str(exc)) from None
        return JSONResponse({"ok": True, "query": p.text, "suggestions": suggest_titles(gen, p)})

    def healthz(request: Request):
        gen = handle.get()
        return JSONResponse({"ok": True, "index": Path(gen.path).name, "documents": gen.searcher.doc_count(),
                             "as_of": gen.meta.get("as_of")})

    def openapi_json(request: Request):
        return JSONResponse(openapi)

    def results_page(request: Request):
        gen = handle.get()
        p, filters, sort, page = _parse(request.query_params, gen)
        found = run_search(gen, p, filters, sort, page) if request.query_params.get("q") or filters else None
        if found is not None:
            found.update(_where_to_look(gen, found))
        return HTMLResponse(_page_html(shell_path, handle, request, (p, filters, sort, page, found), None))

    routes = [
        Route("/api/search", guarded(search_json)),
        Route("/api/suggest", guarded(suggest_json)),
        Route("/api/openapi.json", guarded(openapi_json)),
        Route("/healthz", guarded(healthz)),
        Route("/tim-kiem/", guarded(results_page)),
        Route("/api/danh-gia", rate, methods=["POST"]),
    ]
    return Starlette(routes=routes)


# ----------------------------------------------------------- results page

def _no_answer_html(request: Request, p, found: dict) -> str:
    """Nothing answers: say so plainly, then offer where to look (never loose matches as answers)."""
    out = [f'<p role="status" aria-live="polite" class="search-status">Không tìm thấy kết quả phù hợp với '
           f'“{html.escape(p.text)}”.</p>', "<ul class=\"search-help\">"]
    if found["suggestion"]:
        out.append(f'<li>Có phải bạn muốn tìm: <a href="{html.escape(_link(request, q=found["suggestion"]))}">'
                   f'{html.escape(found["suggestion"])}</a>?</li>')
    for near in found.get("nearest", [])[:2]:
        out.append(f'<li>Xem các thủ tục lĩnh vực <a href="{html.escape(near["url"])}">'
                   f'{html.escape(near["label"])}</a>.</li>')
    links = found.get("links", {})
    if links.get("procedures"):
        out.append(f'<li>Tra cứu <a href="{html.escape(links["procedures"])}">danh sách thủ tục hành chính</a>'
                   + (f' hoặc <a href="{html.escape(links["agencies"])}">danh bạ cơ quan</a>' if links.get("agencies")
                      else "") + ".</li>")
    out.append("<li>Thử dùng ít từ hơn, hoặc từ khác có cùng nghĩa.</li></ul>")
    return "\n".join(out)


def _page_html(shell_path: Path | None, handle: IndexHandle, request: Request, state, message: str | None) -> str:
    body = _results_html(request, state, message, handle)
    shell = shell_path.read_text(encoding="utf-8") if shell_path and shell_path.is_file() else None
    if shell and RESULTS_MARKER in shell:
        q = html.escape(state[0].text if state else request.query_params.get("q", "")[:256])
        return shell.replace(RESULTS_MARKER, body).replace('value=""', f'value="{q}"', 1)
    return ("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
            "content=\"width=device-width, initial-scale=1\"><title>Tìm kiếm</title></head><body><main>"
            f"<h1>Tìm kiếm</h1>{_form_html(request)}{body}</main></body></html>")


def _form_html(request: Request) -> str:
    q = html.escape(request.query_params.get("q", "")[:256])
    return ('<form role="search" action="/tim-kiem/" method="get"><label for="q-page">Nội dung tìm kiếm</label> '
            f'<input id="q-page" name="q" type="search" value="{q}"> <button type="submit">Tìm</button></form>')


def _link(request: Request, **changes) -> str:
    params = {k: v for k, v in request.query_params.items()}
    params.update({k: v for k, v in changes.items() if v is not None})
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
    if "page" not in changes:
        params.pop("page", None)
    return "/tim-kiem/?" + urlencode(params)


def _results_html(request: Request, state, message: str | None, handle: IndexHandle) -> str:
    if message:
        return f'<div role="alert" class="search-error"><p>{html.escape(message)}</p></div>'
    p, filters, sort, page, found = state
    if found is None:
        return '<p role="status">Nhập từ khóa để tìm thủ tục, văn bản, cơ quan.</p>'
    out = []
    total = found["total"]
    if found.get("no_answer"):
        return _no_answer_html(request, p, found)
    status = f"Tìm thấy {total} kết quả cho “{html.escape(p.text)}”." if p.text else f"Tìm thấy {total} kết quả."
    if found["relaxed"]:
        status += " Không có kết quả chứa đủ mọi từ; các kết quả dưới đây chỉ khớp một phần."
    out.append(f'<p role="status" aria-live="polite" class="search-status">{status}</p>')
    if found.get("ignored"):
        words = ", ".join(f"“{html.escape(w)}”" for w in found["ignored"])
        out.append(f'<p class="search-ignored">Đã bỏ qua các từ không dùng để tìm: {words}.</p>')
    if found["suggestion"]:
        out.append(f'<p class="search-suggestion">Có phải bạn muốn tìm: <a '
                   f'href="{html.escape(_link(request, q=found["suggestion"]))}">'
                   f'{html.escape(found["suggestion"])}</a>?</p>')
    reverse = {v: k for k, v in PARAMS.items()}
    facet_html = []
    for field, values in found["facets"].items():
        if not values:
            continue
        name = reverse[field]
        items = []
        for v in values[:12]:
            active = filters.get(field) == v["value"]
            href = _link(request, **{name: None if active else v["value"]})
            label = f'{html.escape(v["label"])} ({v["count"]})'
            current = ' aria-current="true"' if active else ""
            mark = "✓ " if active else ""
            items.append(f'<li><a href="{html.escape(href)}"{current}>{mark}{label}</a></li>')
        facet_html.append(f'<div class="search-facet"><p class="search-facet__title">{FACET_TITLES[field]}</p>'
                          f'<ul>{"".join(items)}</ul></div>')
    other = "date" if sort == "relevance" else "relevance"
    out.append(f'<p class="search-sort">Sắp xếp: {"theo mức độ liên quan" if sort == "relevance" else "theo ngày"} · '
               f'<a href="{html.escape(_link(request, sort=other))}">'
               f'{"theo ngày" if other == "date" else "theo mức độ liên quan"}</a></p>')
    out.append('<ol class="search-results" start="%d">' % ((page - 1) * PER_PAGE + 1))
    for hit in found["results"]:
        out.append(f'<li><h2 class="search-title"><a href="{html.escape(hit["url"])}">{hit["title_html"]}</a></h2>'
                   f'<p class="search-subtitle">{html.escape(hit["subtitle"])}</p>'
                   f'<p class="search-snippet">{hit["snippet_html"]}</p></li>')
    out.append("</ol>")
    pages = max(1, math.ceil(total / PER_PAGE))
    if pages > 1:
        links = []
        if page > 1:
            links.append(f'<a href="{html.escape(_link(request, page=str(page - 1)))}" rel="prev">Trang trước</a>')
        links.append(f"<span>Trang {page}/{pages}</span>")
        if page < pages:
            links.append(f'<a href="{html.escape(_link(request, page=str(page + 1)))}" rel="next">Trang sau</a>')
        out.append('<nav aria-label="Phân trang" class="search-pages">' + " · ".join(links) + "</nav>")
    if facet_html:
        # Results first: the filters in one disclosure below them, open when one is in use
        # (search-suggest.js opens it on wide screens).
        out.append(f'<details class="search-filters"{" open" if filters else ""}><summary>Lọc kết quả</summary>'
                   '<nav aria-label="Lọc kết quả" class="search-facets">' + "".join(facet_html) + "</nav></details>")
    return "\n".join(out)
