"""Archive duty (Decree 43/2011 Art. 17(2)): a published page is never lost.

- A content file renamed in git gets a redirect from its old address automatically.
- content/redirects.yml declares other moves (`from`, `to`, site-relative URLs).
- A file deleted from git with no redirect for its address is an error: the
  editor should restore it and change its status (expired document, withdrawn
  procedure) so the page stays reachable with a banner.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

from pydantic import Field

from .model import Strict, Text
from .problems import Report

TRACKED = ("procedures", "policies", "content/agencies")


class Redirect(Strict):
    from_: Text = Field(alias="from", title="Địa chỉ cũ", description="Ví dụ /en/en-contacts/")
    to: Text = Field(title="Địa chỉ mới", description="Ví dụ /en/contacts/")


@dataclass
class GitMoves:
    moved: dict[str, str] = field(default_factory=dict)    # old path -> current path
    deleted: set[str] = field(default_factory=set)         # paths deleted and not back


@lru_cache(maxsize=8)
def _git_moves(root: str, head: str) -> GitMoves:
    try:
        log = subprocess.run(["git", "-C", root, "log", "--reverse", "--format=", "--name-status", "-M",
                              "--diff-filter=DR", "--relative", "--", *TRACKED],
                             capture_output=True, text=True, timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return GitMoves()
    moves = GitMoves()
    for line in log.splitlines():
        parts = line.split("\t")
        if parts[0].startswith("R") and len(parts) == 3:
            old, new = parts[1], parts[2]
            for k, v in list(moves.moved.items()):      # a→b then b→c: a→c
                if v == old:
                    moves.moved[k] = new
            moves.moved[old] = new
            moves.deleted.discard(new)
        elif parts[0] == "D" and len(parts) == 2:
            moves.deleted.add(parts[1])
    return moves


def git_moves(root: Path) -> GitMoves:
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                              timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return GitMoves()
    return _git_moves(str(root), head)


def url_of(rel: str, issued_year: int | None = None) -> str | None:
    """Site-relative address of a content file, from its path (what the renderer publishes)."""
    p = PurePosixPath(rel)
    if rel.startswith("procedures/") and p.suffix == ".yml":
        return f"/thu-tuc/{p.stem}/"
    if rel.startswith("policies/") and p.suffix == ".md":
        return f"/van-ban/{issued_year or p.parent.name}/{p.stem}/"
    if rel.startswith("content/agencies/") and p.suffix == ".yml":
        return f"/co-quan/{p.stem}/"
    return None


def redirects(root: Path, declared: list[Redirect], current_urls: set[str], report: Report,
              years: dict[str, int]) -> dict[str, str]:
    """{old URL: new URL} for the site; reports deletions nothing redirects."""
    out = {r.from_: r.to for r in declared}
    moves = git_moves(root)
    for old, new in moves.moved.items():
        if not (root / new).exists():
            continue
        old_url, new_url = url_of(old, years.get(new)), url_of(new, years.get(new))
        if old_url and new_url and old_url != new_url and old_url not in current_urls:
            out.setdefault(old_url, new_url)
    for rel in sorted(moves.deleted):
        if (root / rel).exists() or rel in moves.moved:
            continue
        url = url_of(rel)
        if url and url not in out and url not in current_urls:
            report.error(rel, None, "ARCHIVE-DELETED",
                         f"Tệp đã bị xóa khỏi kho nên trang {url} sẽ mất (Nghị định 43/2011/NĐ-CP, Điều 17 khoản 2: "
                         "thông tin hết hiệu lực vẫn phải lưu trữ, tra cứu được).",
                         "Khôi phục tệp (git checkout <commit>^ -- " + rel + ") và đổi tình trạng: văn bản ghi "
                         "status: expired, thủ tục ghi withdrawn; hoặc khai báo chuyển hướng trong content/redirects.yml.")
    return out


def redirect_page(to: str, title: str) -> str:
    """A static redirect (no server rules needed): meta refresh, canonical link and a visible link."""
    return (f'<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{to}">\n'
            f'<meta http-equiv="refresh" content="0; url={to}">\n</head>\n<body>\n'
            f'<p>Trang đã chuyển tới <a href="{to}">{to}</a>.</p>\n</body>\n</html>\n')
