"""The content tree on disk: which files exist, read once, never through a link.

content/, procedures/ and policies/ are walked without following symbolic links. A link is never
read, copied or published, wherever it points: it is reported (SYMLINK) and left out, so nothing
outside the repository can reach the site. Names that would give a non-ASCII or upper-case
address are reported with the folded name to use (SLUG-INVALID), and so are two files that
would share an address once folded.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..codes import C
from ..problems import Report
from ..text import slugify

TOPS = ("content", "procedures", "policies")
ITEM_DIRS = ("content/agencies", "content/pages", "content/projects", "content/consultations", "procedures",
             "policies")
PUBLISHED_DIRS = ("content/forms", "content/files", "content/static")   # copied into the site as they are
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FILE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass
class Tree:
    root: Path
    files: set[str] = field(default_factory=set)       # regular files, relative to root (POSIX)
    links: set[str] = field(default_factory=set)       # symbolic links found (never followed)

    def glob(self, directory: str, pattern: str) -> list[Path]:
        """Files of `directory` matching `pattern` ("*.yml", "*/*.md", "**/*"), sorted, no dot files."""
        prefix = directory.rstrip("/") + "/"
        out = []
        for rel in self.files:
            if not rel.startswith(prefix):
                continue
            inner = rel[len(prefix):]
            if any(part.startswith(".") for part in inner.split("/")):
                continue
            if pattern == "**/*" or (inner.count("/") == pattern.count("/") and fnmatch.fnmatchcase(inner, pattern)):
                out.append(self.root / rel)
        return sorted(out)

    def has_file(self, rel: str) -> bool:
        return str(PurePosixPath(rel)) in self.files

    def is_link(self, rel: str) -> bool:
        """Whether `rel` or a folder on its way is a link (a reference through a link is refused)."""
        parts = PurePosixPath(rel).parts
        return any("/".join(parts[: i + 1]) in self.links for i in range(len(parts)))


def scan(root: Path, report: Report) -> Tree:
    tree = Tree(root)
    for top in TOPS:
        base = root / top
        if base.is_symlink():
            _link(tree, report, top)
        elif base.is_dir():
            _walk(tree, report, str(base), top)
    _check_names(tree, report)
    return tree


def _walk(tree: Tree, report: Report, folder: str, rel: str) -> None:
    """os.scandir: the entry types come with the listing, no stat per file (12,000 files at scale)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        inner = f"{rel}/{entry.name}"
        if entry.is_symlink():
            _link(tree, report, inner)
        elif entry.is_dir(follow_symlinks=False):
            _walk(tree, report, entry.path, inner)
        elif entry.is_file(follow_symlinks=False):
            tree.files.add(inner)


def _link(tree: Tree, report: Report, rel: str) -> None:
    tree.links.add(rel)
    if any(part.startswith(".") for part in rel.split("/")):
        return
    report.add(rel, None, C.SYMLINK,
               "Đây là liên kết tượng trưng (symlink): cổng không đọc, không sao chép và không đăng nội dung qua "
               "liên kết, kể cả khi nó trỏ tới một tệp trong kho.",
               "Thay liên kết bằng chính tệp đó (sao chép tệp vào đúng chỗ), rồi xóa liên kết.")


def _check_names(tree: Tree, report: Report) -> None:
    folded: dict[tuple[str, str], str] = {}
    for rel in sorted(tree.files):
        path = PurePosixPath(rel)
        if any(part.startswith(".") for part in path.parts):
            continue
        item_dir = next((d for d in ITEM_DIRS if rel.startswith(d + "/")), None)
        if item_dir:
            stem, suggestion = path.stem, slugify(path.stem)
            if not SLUG.fullmatch(stem):
                _invalid(report, rel, suggestion + path.suffix.lower(), "tên tệp là địa chỉ của trang")
            key = (item_dir, suggestion)
            if key in folded and PurePosixPath(folded[key]).stem != stem:   # the same name twice: loading.py
                report.add(rel, None, C.SLUG_COLLISION,
                           f"Tên tệp '{path.name}' và '{PurePosixPath(folded[key]).name}' ({folded[key]}) cho cùng "
                           "một địa chỉ trang khi bỏ dấu và viết thường.",
                           "Đổi tên một trong hai tệp để mỗi trang có một địa chỉ riêng.")
            else:
                folded[key] = rel
            continue
        published = next((d for d in PUBLISHED_DIRS if rel.startswith(d + "/")), None)
        if published:
            inner = PurePosixPath(rel[len(published) + 1:])
            bad = [part for part in inner.parts if not FILE_NAME.fullmatch(part)]
            if bad:
                fixed = "/".join(_folded_name(part) for part in inner.parts)
                _invalid(report, rel, f"{published}/{fixed}", "tên tệp và thư mục là địa chỉ tải về")


def _folded_name(part: str) -> str:
    p = PurePosixPath(part)
    stem = slugify(p.stem) or "tep"
    return stem + p.suffix.lower() if p.suffix else stem


def _invalid(report: Report, rel: str, suggestion: str, why: str) -> None:
    report.add(rel, None, C.SLUG_INVALID,
               f"Tên '{PurePosixPath(rel).name}' có chữ hoa, dấu tiếng Việt hoặc ký tự khác chữ, số, gạch nối "
               f"({why}, nên chỉ dùng chữ thường không dấu).",
               f"Đổi tên thành {suggestion} (dùng git mv để giữ lịch sử của tệp).")
