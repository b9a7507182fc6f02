"""Archive duty (Decree 43/2011 Art. 17(2)): a published page is never lost.

- A content file renamed in git gets a redirect from its old address automatically.
- content/redirects.yml declares other moves (`from`, `to`, site-relative URLs).
- A file deleted from git with no redirect for its address is an error: the
  editor should restore it and change its status (expired document, withdrawn
  procedure) so the page stays reachable with a banner.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from .. import git
from ..codes import C
from ..problems import Report
from ..urls import url_of_source
from .model import Strict, Text


class Redirect(Strict):
    from_: Text = Field(alias="from", title="Địa chỉ cũ", description="Ví dụ /en/en-contacts/")
    to: Text = Field(title="Địa chỉ mới", description="Ví dụ /en/contacts/")


def redirects(root: Path, declared: list[Redirect], current_urls: set[str], report: Report,
              years: dict[str, int]) -> dict[str, str]:
    """{old URL: new URL} for the site; reports deletions nothing redirects."""
    out = {r.from_: r.to for r in declared}
    moves = git.moves(root)
    for old, new in moves.moved.items():
        if not (root / new).exists():
            continue
        old_url, new_url = url_of_source(old, years.get(new)), url_of_source(new, years.get(new))
        if old_url and new_url and old_url != new_url and old_url not in current_urls:
            out.setdefault(old_url, new_url)
    for rel in sorted(moves.deleted):
        if (root / rel).exists() or rel in moves.moved:
            continue
        url = url_of_source(rel)
        if url and url not in out and url not in current_urls:
            report.add(rel, None, C.ARCHIVE_DELETED,
                         f"Tệp đã bị xóa khỏi kho nên trang {url} sẽ mất (Nghị định 43/2011/NĐ-CP, Điều 17 khoản 2: "
                         "thông tin hết hiệu lực vẫn phải lưu trữ, tra cứu được).",
                         "Khôi phục tệp (git checkout <commit>^ -- " + rel + ") và đổi tình trạng: văn bản ghi "
                         "status: expired, thủ tục ghi withdrawn; hoặc khai báo chuyển hướng trong "
                         "content/redirects.yml.")
    return out


def redirect_page(to: str, title: str) -> str:
    """A static redirect (no server rules needed): meta refresh, canonical link and a visible link."""
    return (f'<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{to}">\n'
            f'<meta http-equiv="refresh" content="0; url={to}">\n</head>\n<body>\n'
            f'<p>Trang đã chuyển tới <a href="{to}">{to}</a>.</p>\n</body>\n</html>\n')
