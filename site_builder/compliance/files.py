"""Is a downloadable file what it claims to be? Forms and original documents are published
verbatim, so a citizen must get a real, openable document: its name says a document type,
its first bytes agree, and it is neither empty nor too heavy for a slow connection."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path, PurePosixPath

MAX_BYTES = 20 * 1024 * 1024       # a scanned decree is a few MB; beyond this, mountain districts give up
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # .doc, .xls (Office 97-2003)
KINDS = {
    ".pdf": ("PDF", lambda head, path: head.startswith(b"%PDF-")),
    ".doc": ("Word 97-2003", lambda head, path: head.startswith(OLE)),
    ".xls": ("Excel 97-2003", lambda head, path: head.startswith(OLE)),
    ".docx": ("Word", lambda head, path: _zip_has(path, "word/document.xml")),
    ".xlsx": ("Excel", lambda head, path: _zip_has(path, "xl/workbook.xml")),
    ".odt": ("OpenDocument", lambda head, path: _zip_has(path, "content.xml")),
    ".ods": ("OpenDocument", lambda head, path: _zip_has(path, "content.xml")),
    ".rtf": ("RTF", lambda head, path: head.startswith(b"{\\rtf")),
}
ALLOWED = ", ".join(sorted(KINDS))


def _zip_has(path: Path, member: str) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return member in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def document_gap(root: Path, rel: str, tree) -> str | None:
    """Why the published file `rel` is not a usable document, or None."""
    if not tree.has_file(rel):
        return f"không có tệp {rel}"
    suffix = PurePosixPath(rel).suffix.lower()
    if suffix not in KINDS:
        return f"tệp {rel} không phải loại văn bản tải về được ({ALLOWED})"
    path = root / rel
    try:
        size = path.lstat().st_size
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        return f"không đọc được tệp {rel} ({exc.strerror})"
    if size == 0:
        return f"tệp {rel} rỗng"
    if size > MAX_BYTES:
        return f"tệp {rel} quá lớn ({size // (1024 * 1024)} MB, tối đa {MAX_BYTES // (1024 * 1024)} MB)"
    label, matches = KINDS[suffix]
    if not matches(head, path):
        return f"nội dung tệp {rel} không phải tệp {label} như đuôi tên tệp nói"
    return None
