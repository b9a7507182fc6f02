"""`portal serve`: the static site and the search service on one production
server (uvicorn with worker processes), for the demo and for editors.

Production puts nginx in front instead (deploy/nginx.conf): nginx serves
site/ and proxies /api/ and /tim-kiem/ to the same search workers.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

# Material's bundles carry a content hash in their names (main.6f8fc17f.min.css): cached for a
# year. Everything else is revalidated (ETag), so an editor's change shows on the next visit.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(css|js)$")


class Headers:
    """Pure ASGI middleware (no response buffering): security headers on every response (the
    site's own CSP, see security_headers.py), Cache-Control on site files."""

    def __init__(self, app, site_dir: str):
        from ..publish.security_headers import read_headers
        self.app = app
        self.security = [(k.lower().encode(), v.encode()) for k, v in read_headers(Path(site_dir)).items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["path"].startswith("/quan-tri"):
            return await self.app(scope, receive, self._cms(send))
        dynamic = scope["path"].startswith(("/api/", "/tim-kiem/", "/healthz", "/_preview/"))
        immutable = bool(FINGERPRINTED.search(scope["path"]))

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not dynamic:
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append(
                        (b"cache-control", b"public, max-age=31536000, immutable" if immutable else b"no-cache")
                    )
                headers += self.security
                message = {**message, "headers": headers}
            await send(message)
        await self.app(scope, receive, send_with_headers)


    @staticmethod
    def _cms(send):
        """The editor's pages: their own CSP (the site's would stop the CMS), never cached."""
        from .cms_app import CSP

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                headers += [(b"content-security-policy", CSP.encode()), (b"cache-control", b"no-store"),
                            (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
                message = {**message, "headers": headers}
            await send(message)
        return send_with_headers


def create_app() -> Starlette:
    """Factory for uvicorn workers; configured by PORTAL_SITE_DIR and PORTAL_INDEX_DIR."""
    from search.service import create_app as search_app
    site = os.environ["PORTAL_SITE_DIR"]
    api = search_app(os.environ["PORTAL_INDEX_DIR"], site)
    preview = preview_routes(os.environ.get("PORTAL_PREVIEW_STATUS"))
    if os.environ.get("PORTAL_CMS_ROOT"):
        from .cms_app import routes
        preview += routes()
    # Search routes first; everything else is a file of the built site
    # (html=True: index.html for directory URLs, 404.html for misses).
    return Starlette(routes=list(api.routes) + preview + [Mount("/", app=StaticFiles(directory=site, html=True),
                                                                  name="site")],
                     middleware=[Middleware(Headers, site_dir=site), Middleware(GZipMiddleware, minimum_size=512)])


def preview_routes(status_file: str | None) -> list:
    """/_preview/status and the reload script, only while `portal serve` watches the content."""
    if not status_file:
        return []
    from starlette.responses import FileResponse, JSONResponse, Response
    from starlette.routing import Route
    script = Path(__file__).parent / "preview-reload.js"

    def status(request):
        try:
            body = Path(status_file).read_bytes()
        except OSError:
            return JSONResponse({"version": 0, "ok": True, "problems": []})
        return Response(body, media_type="application/json", headers={"Cache-Control": "no-store"})

    def reload_js(request):
        return FileResponse(script, media_type="text/javascript", headers={"Cache-Control": "no-store"})

    return [Route("/_preview/status", status), Route("/_preview/reload.js", reload_js)]


def serve(site_dir: Path, index_dir: Path, host: str, port: int, workers: int = 2,
          preview_status: Path | None = None, cms_root: Path | None = None) -> None:
    import uvicorn

    from search.generation import IndexUnavailable, check_index
    try:
        check_index(index_dir)
    except IndexUnavailable as exc:
        raise SystemExit(str(exc)) from None
    os.environ["PORTAL_SITE_DIR"] = str(site_dir.resolve())
    os.environ["PORTAL_INDEX_DIR"] = str(index_dir.resolve())
    if preview_status:
        os.environ["PORTAL_PREVIEW_STATUS"] = str(preview_status)
    if cms_root:
        os.environ["PORTAL_CMS_ROOT"] = str(cms_root.resolve())
    print(f"Cổng đang chạy tại http://{host}:{port}/ (tìm kiếm: /tim-kiem/, API: /api/search; Ctrl+C để dừng)")
    if cms_root:
        print(f"Biên tập nội dung trên trình duyệt: http://{host}:{port}/quan-tri/")
    uvicorn.run("site_builder.editor.serve:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="warning")
