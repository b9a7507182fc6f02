"""/quan-tri/ on `portal serve`: Decap CMS, its generated configuration and the local backend.

Served only by the editor tools (never copied into site/), only while `portal serve` previews a
working tree, and only to the machine itself unless the IT unit says otherwise (--cms-any-host).
"""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLKIT = HERE.parent.parent
CONFIG_DIR = Path("build") / "cms"
# Decap injects its styles at run time and compiles templates with new Function().
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; "
       "object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'")
MISSING = ("Chưa cài trình soạn thảo (Decap CMS). Chạy `make serve` (tự cài từ package-lock.json), "
           "hoặc `npm ci --omit=dev` trong thư mục bộ công cụ.")


def node_modules(root: Path) -> Path | None:
    """The node_modules holding the pinned Decap CMS: the portal's own, else the toolkit's."""
    for base in (root, TOOLKIT):
        if (base / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file():
            return base / "node_modules"
    return None


def routes() -> list:
    from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from .cms_backend import endpoint
    root = Path(os.environ["PORTAL_CMS_ROOT"])
    modules = node_modules(root)

    def page(request):
        if modules is None:
            return PlainTextResponse(MISSING, status_code=503)
        return FileResponse(HERE / "cms" / "index.html", media_type="text/html; charset=utf-8")

    def own(name: str, media: str):
        return lambda request: FileResponse(HERE / "cms" / name, media_type=media)

    def config(request):
        return FileResponse(root / CONFIG_DIR / "config.yml", media_type="text/yaml; charset=utf-8")

    def codes(request):
        return FileResponse(root / CONFIG_DIR / "portal-codes.json", media_type="application/json")

    out = [Route("/quan-tri", lambda request: RedirectResponse("/quan-tri/")),
           Route("/quan-tri/", page), Route("/quan-tri/config.yml", config),
           Route("/quan-tri/portal-codes.json", codes),
           Route("/quan-tri/portal-cms.js", own("portal-cms.js", "text/javascript")),
           Route("/quan-tri/cms-before.js", own("cms-before.js", "text/javascript")),
           Route("/quan-tri/locale-vi.js", own("locale-vi.js", "text/javascript")),
           Route("/quan-tri/api/v1", endpoint, methods=["POST"])]
    if modules is not None:
        out += [Mount("/quan-tri/decap", app=StaticFiles(directory=modules / "decap-cms" / "dist")),
                Mount("/quan-tri/yaml", app=StaticFiles(directory=modules / "yaml" / "browser" / "dist"))]
    return out


def export_editor(root: Path, folder: Path) -> None:
    """The editor's page as static files (GitLab set-up): index.html, the portal's scripts, the
    pinned Decap CMS and YAML bundles; the config is written next to them by cms_config.py."""
    import shutil
    modules = node_modules(root)
    if modules is None:
        raise SystemExit(MISSING)
    for name in ("index.html", "cms-before.js", "portal-cms.js", "locale-vi.js"):
        shutil.copyfile(HERE / "cms" / name, folder / name)
    for source, target in ((modules / "decap-cms" / "dist", "decap"), (modules / "yaml" / "browser" / "dist", "yaml")):
        shutil.rmtree(folder / target, ignore_errors=True)
        shutil.copytree(source, folder / target, ignore=shutil.ignore_patterns("*.map"))
