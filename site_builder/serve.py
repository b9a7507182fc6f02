"""Serve a built site on a production ASGI server (uvicorn), not a dev server.

The search service (search/) will be mounted under /api on the same app.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles


def create_app(site_dir: Path) -> Starlette:
    # html=True serves index.html for directory URLs and 404.html for misses.
    return Starlette(routes=[Mount("/", app=StaticFiles(directory=str(site_dir), html=True), name="site")])


def serve(site_dir: Path, host: str, port: int) -> None:
    import uvicorn
    print(f"Cổng đang chạy tại http://{host}:{port}/ (Ctrl+C để dừng)")
    uvicorn.run(create_app(site_dir), host=host, port=port, log_level="warning")
