"""`portal report`: the figures of a period and the previous one, written in the asked formats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..content.loading import load_site
from ..problems import Report as Problems
from ..urls import periodic_report_name
from .document import build
from .docx_writer import write_docx
from .history import report_figures
from .html_writer import write_html
from .period import Period

FORMATS = ("docx", "pdf", "html")


def file_stem(period: Period) -> str:
    return periodic_report_name(period.key)


def write_report(root: Path, period: Period, formats: list[str], out: Path, today: dt.date | None = None
                 ) -> list[Path]:
    root = Path(root).resolve()
    current, previous = report_figures(root, period)
    document = build(load_site(root, Problems()), current, previous, today)
    stem = out / file_stem(period)
    written = []
    if "docx" in formats:
        written.append(write_docx(document, stem.with_suffix(".docx")))
    if "html" in formats or "pdf" in formats:
        html_path = write_html(document, stem.with_suffix(".html"))
        if "html" in formats:
            written.append(html_path)
        if "pdf" in formats:
            from .pdf import write_pdf
            written.append(write_pdf(html_path, stem.with_suffix(".pdf")))
            if "html" not in formats:
                html_path.unlink()
    return written
