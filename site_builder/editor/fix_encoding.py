"""`portal fix-encoding FILE…`: the only command that writes a source file, and only the files named.

Lines typed in TCVN3 or VNI are converted word by word (content/legacy.py), zero-width characters and
soft hyphens are removed, and the text is saved as UTF-8 in NFC with its own line endings. A file that
is not UTF-8 at all (saved from an old editor in Windows-1252) is read as such first.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..content import legacy
from ..content.tree import TOPS

_ZERO_WIDTH = re.compile("[\u200b\u200c\u2060\ufeff\u00ad]")


class FixRefused(ValueError):
    """A file this command will not touch, with the reason (a usage error, exit 2)."""


@dataclass
class Fixed:
    rel: str
    converted: dict[str, int] = field(default_factory=dict)      # encoding → lines
    invisible: int = 0
    recoded: bool = False                                         # was not UTF-8

    def summary(self) -> str:
        parts = [f"{n} dòng từ {legacy.NAMES[e]}" for e, n in self.converted.items()]
        if self.invisible:
            parts.append(f"bỏ ký tự ẩn ở {self.invisible} dòng")
        if self.recoded:
            parts.insert(0, "đọc từ bảng mã Windows-1252 và lưu lại bằng UTF-8")
        if not parts:
            return f"{self.rel}: không có gì cần sửa."
        return f"{self.rel}: đã sửa ({'; '.join(parts)}). Xem lại chữ hoa có dấu và so sánh bằng git diff."


def fix_files(root: Path, files: list[Path]) -> list[Fixed]:
    root = root.resolve()
    targets = [_target(root, f) for f in files]          # refuse before writing anything
    return [fix_file(root, path) for path in targets]


def _target(root: Path, given: Path) -> Path:
    path = given if given.is_absolute() else Path.cwd() / given
    if path.is_symlink():
        raise FixRefused(f"'{given}' là liên kết tượng trưng; lệnh chỉ sửa tệp thật trong kho nội dung.")
    path = path.resolve()
    if not path.is_relative_to(root) or path.relative_to(root).parts[:1] not in [(top,) for top in TOPS]:
        raise FixRefused(f"'{given}' không nằm trong content/, procedures/ hay policies/ của cổng {root}.")
    if not path.is_file():
        raise FixRefused(f"Không tìm thấy tệp '{given}'.")
    return path


def fix_file(root: Path, path: Path) -> Fixed:
    result = Fixed(path.relative_to(root).as_posix())
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")    # the legacy bytes themselves, as Windows shows them
        result.recoded = True
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        encoding = legacy.detect_line(body)
        if encoding:
            body = legacy.convert_line(body, encoding)
            result.converted[encoding] = result.converted.get(encoding, 0) + 1
        if _ZERO_WIDTH.search(body):
            body = _ZERO_WIDTH.sub("", body)
            result.invisible += 1
        out.append(unicodedata.normalize("NFC", body) + ending)
    new = "".join(out)
    if new.encode("utf-8") != raw:
        tmp = path.with_name(f".{path.name}.fix-{os.getpid()}")
        tmp.write_text(new, encoding="utf-8", newline="")
        os.replace(tmp, path)
    return result
