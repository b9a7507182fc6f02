"""`portal serve` for editors: build once, then watch the content and rebuild
only what a save changed; the page in the browser reloads itself.

The watcher runs in a thread of the serving process's parent. It writes a small
status file (version, problems) that the server exposes at /_preview/status;
the preview build's pages poll it (preview-reload.js) and reload on a new
version, or show the problems in a banner while the content has errors.
"""

from __future__ import annotations

import json
import os
import threading
import time
import traceback
from pathlib import Path

from .. import codes
from .preview import Preview

POLL_SECONDS = 0.2


class Watcher(threading.Thread):
    def __init__(self, preview: Preview, html, status_file: Path, echo=print):
        super().__init__(name="portal-watch", daemon=True)
        self.preview, self.html, self.status_file, self.echo = preview, html, status_file, echo
        self.version = 0
        self.stopped = threading.Event()
        self.write_status(True, [], [], _notices(preview.checked.report.problems if preview.checked else []))

    def write_status(self, ok: bool, problems: list[str], updated: list[str], notices: list[str] = ()) -> None:
        """notices: warnings about content the published site would show changed (UNSAFE-HTML, …)."""
        self.version += 1
        tmp = self.status_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"version": self.version, "ok": ok, "problems": problems, "updated": updated,
                                   "notices": list(notices)}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.status_file)       # readers never see half a file

    def run(self) -> None:
        while not self.stopped.wait(POLL_SECONDS):
            try:
                changed = self.preview.changed()
                if changed:
                    self.rebuild(changed)
            except Exception:        # the preview must survive anything an editor saves
                self.echo("Lỗi khi dựng lại bản xem trước:\n" + traceback.format_exc())
                self.write_status(False, ["Lỗi khi dựng lại bản xem trước; xem cửa sổ lệnh."], [])

    def rebuild(self, changed: set[str]) -> None:
        started = time.perf_counter()
        update = self.preview.rebuild(changed)
        if not update.ok:
            lines = [p.format() for p in update.problems if p.severity == "error"]
            self.echo("\n".join(lines) + "\nBản xem trước giữ trang cũ cho tới khi sửa xong các lỗi trên.")
            self.write_status(False, lines, [])
            return
        written = self.html.apply(update.pages, update.removed)
        seconds = time.perf_counter() - started
        self.echo(f"Đã cập nhật {len(written)} trang trong {seconds:.2f} giây"
                  + (f": {', '.join(written[:5])}{' …' if len(written) > 5 else ''}" if written else "."))
        self.write_status(True, [], written, _notices(update.problems))


def _notices(problems) -> list[str]:
    return [p.format() for p in problems if p.severity == "warning" and codes.changes_output(p.code)]
