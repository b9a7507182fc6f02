"""`portal serve` for editors: build the preview release, then watch the content and serve it.

The first build is a release like `portal build`'s (publish/release.py): site and search index are
built beside what is served and switched in together, or not at all. After that, each save
rebuilds only the pages it changed, in place (watch.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..check import Checked
from ..publish.build import PAGE_CACHE
from ..publish.index import start_index_build
from ..publish.release import Release
from ..publish.security_headers import write_headers
from .preview import Preview

STATUS_FILE = Path("build") / "preview-status.json"


@dataclass
class Session:
    root: Path
    checked: Checked
    ok: bool
    messages: list[str] = field(default_factory=list)
    kept: str = ""
    preview: Preview | None = None
    html: object = None          # adapters.mkdocs_preview.MkdocsPreview

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def index_root(self) -> Path:
        return self.root / "build" / "search-index"


def start(root: Path) -> Session:
    """Check (legal checks included), render, build site and index; switch them in together."""
    from ..adapters.mkdocs_preview import MkdocsPreview, quiet_mkdocs
    root = root.resolve()
    preview = Preview(root)
    checked = preview.start()
    session = Session(root, checked, False, preview=preview)
    if checked.report.errors:
        session.messages.append("Không dựng bản xem trước: hãy sửa các lỗi trên.")
        return session
    release = Release(session.site_dir, session.index_root)
    indexing = start_index_build(checked, session.index_root)
    html = MkdocsPreview(root)
    try:
        ok, message = html.full_build(checked, preview.rendered, release.new_site, root / PAGE_CACHE)
        if message:
            session.messages.append(message)
        if ok:
            write_headers(release.new_site)
        result = indexing.wait()
        release.generation = result.generation
        session.messages.append(result.message)
        if not (ok and result.ok):
            session.kept = release.kept()
            release.abort()
            return session
        release.commit()
    except BaseException:
        if indexing.process.is_alive():
            indexing.cancel()
        release.abort()
        raise
    html.moved_to(session.site_dir)
    quiet_mkdocs()
    session.ok, session.html = True, html
    session.messages.insert(0, f"Đã dựng {len(preview.rendered)} tệp vào {session.site_dir}.")
    return session


def watch(session: Session, echo) -> Path:
    """Rebuild on every save from now on; returns the status file the pages poll."""
    from .watch import Watcher
    status_file = (session.root / STATUS_FILE).resolve()
    status_file.parent.mkdir(parents=True, exist_ok=True)
    Watcher(session.preview, session.html, status_file, echo=echo).start()
    return status_file
