"""`portal serve`: the static site and the search service on one production
server (uvicorn with worker processes), for the demo and for editors.

Production puts nginx in front instead (deploy/nginx.conf): nginx serves
site/ and proxies /api/ and /tim-kiem/ to the same search workers.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles


def create_app() -> Starlette:
    """Factory for uvicorn workers; configured by PORTAL_SITE_DIR and PORTAL_INDEX_DIR."""
    from search.service import create_app as search_app
    site = os.environ["PORTAL_SITE_DIR"]
    api = search_app(os.environ["PORTAL_INDEX_DIR"], site)
    # Search routes first; everything else is a file of the built site
    # (html=True: index.html for directory URLs, 404.html for misses).
    return Starlette(routes=list(api.routes) + [Mount("/", app=StaticFiles(directory=site, html=True), name="site")])


def serve(site_dir: Path, index_dir: Path, host: str, port: int, workers: int = 2) -> None:
    import uvicorn
    from search.engine import IndexUnavailable, check_index
    try:
        check_index(index_dir)
    except IndexUnavailable as exc:
        raise SystemExit(str(exc)) from None
    os.environ["PORTAL_SITE_DIR"] = str(site_dir.resolve())
    os.environ["PORTAL_INDEX_DIR"] = str(index_dir.resolve())
    print(f"Cổng đang chạy tại http://{host}:{port}/ (tìm kiếm: /tim-kiem/, API: /api/search; Ctrl+C để dừng)")
    uvicorn.run("site_builder.serve:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="warning")
