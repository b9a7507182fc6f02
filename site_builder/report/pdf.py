"""The PDF: Debian's Chromium, headless, prints the HTML version (its print stylesheet sets A4 and
the margins). The one module besides git.py that starts a process."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfUnavailable(Exception):
    """No Chromium to print with; the message says what to install."""


def _find() -> str | None:
    return os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def available() -> bool:
    return _find() is not None


def chromium() -> str:
    found = _find()
    if not found:
        raise PdfUnavailable("Không tìm thấy Chromium để in PDF: cài gói Debian 'chromium' "
                             "(apt-get install chromium), hoặc chọn --format docx,html.")
    return found


def write_pdf(html_path: Path, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-pdf-") as profile:
        cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", f"--user-data-dir={profile}",
               "--no-pdf-header-footer", "--print-to-pdf-no-header", f"--print-to-pdf={path}",
               html_path.resolve().as_uri()]
        try:
            subprocess.run(cmd, capture_output=True, timeout=180, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            raise PdfUnavailable(f"Chromium không in được PDF ({type(exc).__name__}); thử lại, hoặc chọn "
                                 "--format docx,html.") from None
    if not path.is_file() or path.stat().st_size == 0:
        raise PdfUnavailable("Chromium không tạo được tệp PDF; thử lại, hoặc chọn --format docx,html.")
    return path
