"""Reading content files: bytes → normalised text → YAML data with line numbers.

Every failure becomes a Problem naming the file and line; nothing here raises
for bad input. Source files are only ever read.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..codes import C
from ..problems import Report
from ..text import nfc
from . import legacy

MAX_FILE_BYTES = 2 * 1024 * 1024   # a procedure is a few KB; 2 MB means a paste gone wrong
MAX_YAML_NODES = 200_000           # caps alias expansion ("billion laughs")

try:  # libyaml's C parser is ~10x faster; the pure-Python one gives identical nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels ship libyaml
    _Loader = yaml.SafeLoader

Path_ = tuple  # a location inside a YAML document: ("steps", 0, "name")


@dataclass
class SourceText:
    path: Path          # absolute
    rel: str            # relative to the portal root, used in messages
    text: str           # NFC, LF line endings, no BOM


@dataclass
class YamlDoc:
    """Plain data plus the line of every key and item, for error messages."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    line_offset: int = 0   # lines before the YAML (front matter delimiter)

    def line_of(self, loc: Path_) -> int | None:
        # Walk up until a located ancestor: a missing key has no line of its
        # own, so report the mapping that should have held it.
        loc = tuple(loc)
        while True:
            if loc in self.lines:
                return self.lines[loc] + self.line_offset
            if not loc:
                return 1 + self.line_offset if self.line_offset else 1
            loc = loc[:-1]


def read_text(path: Path, rel: str, report: Report) -> SourceText | None:
    try:
        size = path.lstat().st_size
        if size > MAX_FILE_BYTES:
            report.add(rel, None, C.FILE_TOO_LARGE,
                         f"Tệp quá lớn ({size // 1024} KB, tối đa {MAX_FILE_BYTES // 1024} KB).",
                         "Kiểm tra xem có dán nhầm nội dung (ảnh, bảng tính) vào tệp không; "
                         "văn bản dài hãy đính kèm tệp gốc qua trường file.")
            return None
        # O_NOFOLLOW: a link is never read, even when a caller forgot to ask content/tree.py.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            raw = f.read()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            report.add(rel, None, C.SYMLINK,
                       "Đây là liên kết tượng trưng (symlink): cổng không đọc nội dung qua liên kết.",
                       "Thay liên kết bằng chính tệp đó, rồi xóa liên kết.")
            return None
        report.add(rel, None, C.FILE_UNREADABLE, f"Không đọc được tệp: {exc.strerror}.",
                     "Kiểm tra quyền đọc và đường dẫn của tệp.")
        return None
    return decode_text(raw, path, rel, report)


def decode_text(raw: bytes, path: Path, rel: str, report: Report) -> SourceText | None:
    """The checks every content text gets, from disk or from the browser editor (editor/cms_backend.py)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.add(rel, line, C.ENCODING,
                     f"Tệp không phải UTF-8 (byte 0x{raw[exc.start]:02x} ở vị trí {exc.start}).",
                     "Mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8 "
                     "(không dùng TCVN3, VNI hay Windows-1258).")
        return None
    if "\x00" in text:
        report.add(rel, text[: text.index("\x00")].count("\n") + 1, C.ENCODING,
                     "Tệp chứa ký tự NUL: có thể là tệp nhị phân hoặc UTF-16.",
                     "Lưu lại tệp dưới dạng văn bản UTF-8.")
        return None
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    legacy_lines = report_legacy(text, rel, report)     # before the invisible characters go: TCVN3's ư is U+00AD
    if _INVISIBLE_RE.search(text):        # str.translate on every file cost 1.5 s at province scale
        report_invisible(text, rel, report, skip=legacy_lines)
        text = text.translate(_INVISIBLE)
    return SourceText(path, rel, text)


def report_legacy(text: str, rel: str, report: Report) -> set[int]:
    """Lines typed in TCVN3 or VNI: an error (the page would show mojibake); returns their numbers."""
    found = legacy.detect(text)
    for n, encoding, converted in found[:20]:
        preview = converted.strip()
        preview = preview if len(preview) <= 80 else preview[:77] + "…"
        report.add(rel, n, C.LEGACY_ENCODING,
                   f"Chữ gõ bằng bảng mã cũ {legacy.NAMES[encoding]} rồi dán vào nên hiện sai dấu; đúng ra là: "
                   f"“{preview}”.",
                   f"Chạy `portal fix-encoding {rel}` để chuyển tệp sang Unicode (chỉ tệp này được sửa), kiểm tra "
                   "lại chữ hoa có dấu, rồi lưu.")
    return {n for n, _, _ in found}


def report_invisible(text: str, rel: str, report: Report, line_offset: int = 0,
                     skip: set[int] = frozenset()) -> None:
    """Zero-width characters and soft hyphens are dropped from the page, but they stay in the file and can
    break a code or a number ("1.001193\u200b"): say where, so the editor removes them (`--strict` refuses)."""
    shown = 0
    for n, line in enumerate(text.split("\n"), 1):
        found = sorted({f"U+{ord(ch):04X} {_INVISIBLE_NAMES[ch]}" for ch in _ZERO_WIDTH_RE.findall(line)})
        if found and shown < 20 and n not in skip:
            shown += 1
            report.add(rel, n + line_offset, C.INVISIBLE_CHARACTER,
                       f"Dòng có ký tự ẩn ({', '.join(found)}): trang được dựng không có nó, nhưng tệp vẫn còn.",
                       "Xóa ký tự ẩn (thường sinh ra khi dán từ Word, PDF hay trang web): chạy "
                       f"`portal fix-encoding {rel}`, hoặc gõ lại đoạn đó.")


# What copy and paste from office documents leaves in text: invisible characters that break codes,
# numbers and search ("1.001193\u200b"), and non-breaking spaces. Normalised in memory, never in the file.
_INVISIBLE = {0x200B: None, 0x200C: None, 0x2060: None, 0xFEFF: None, 0x00AD: None,
              0x00A0: " ", 0x202F: " ", 0x2007: " "}
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
_INVISIBLE_NAMES = {"\u200b": "khoảng trắng độ rộng 0", "\u200c": "ký tự ngắt nối độ rộng 0",
                    "\u2060": "ký tự nối từ", "\ufeff": "dấu BOM giữa văn bản", "\u00ad": "gạch nối mềm"}
_ZERO_WIDTH_RE = re.compile("[" + "".join(_INVISIBLE_NAMES) + "]")   # non-breaking spaces are just spaces


def split_front_matter(src: SourceText, report: Report) -> tuple[str, str, int] | None:
    """Return (yaml_text, body, body_first_line) for a Markdown file."""
    lines = src.text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.add(src.rel, 1, C.FRONT_MATTER_MISSING,
                     "Tệp Markdown phải bắt đầu bằng phần thông tin (front matter) giữa hai dòng '---'.",
                     "Thêm dòng '---' ở đầu tệp, các trường thông tin, rồi một dòng '---' nữa.")
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    report.add(src.rel, 1, C.FRONT_MATTER_UNCLOSED,
                 "Phần thông tin (front matter) mở bằng '---' ở dòng 1 nhưng không có dòng '---' đóng.",
                 "Thêm một dòng chỉ gồm '---' sau trường cuối cùng, trước phần nội dung.")
    return None


def parse_yaml(text: str, rel: str, report: Report, line_offset: int = 0) -> YamlDoc | None:
    if "\t" in text:
        for n, line in enumerate(text.split("\n"), 1):
            indent = line[: len(line) - len(line.lstrip())]
            if "\t" in indent:
                report.add(rel, n + line_offset, C.YAML_TAB,
                             "Dòng thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách.",
                             "Thay các ký tự Tab ở đầu dòng bằng dấu cách (thường là 2 dấu cách mỗi cấp).")
                return None
    depth, deep_line = yaml_depth(text)
    if depth > MAX_DEPTH:
        report.add(rel, deep_line + line_offset, C.YAML_TOO_DEEP,
                   f"Các nhóm trường lồng nhau quá sâu (trên {MAX_DEPTH} cấp).",
                   "Nội dung cổng chỉ cần vài cấp; kiểm tra dấu ngoặc [ ] { } hoặc thụt lề bị lặp khi dán.")
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:      # the depth scan should have stopped it; never a traceback
        report.add(rel, None, C.YAML_TOO_DEEP, "Các nhóm trường lồng nhau quá sâu.",
                   "Kiểm tra dấu ngoặc [ ] { } và thụt lề của tệp.")
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else None
        report.add(rel, line, C.YAML_SYNTAX, f"Lỗi cú pháp YAML: {_yaml_problem_vi(exc)}.",
                     "Kiểm tra dấu hai chấm, dấu nháy đóng mở và thụt lề ở dòng này và dòng trước.")
        return None
    except yaml.YAMLError as exc:
        report.add(rel, None, C.YAML_SYNTAX, f"Lỗi cú pháp YAML: {exc}.",
                     "Kiểm tra lại cú pháp của tệp.")
        return None
    doc = YamlDoc(None, {}, line_offset)
    if node is None:
        doc.data = None
        return doc
    builder = _Builder(rel, report, doc, line_offset)
    try:
        doc.data = builder.build(node, ())
    except (_Abort, RecursionError):
        return None
    return doc


class _Abort(Exception):
    pass


_YAML_PROBLEMS = {
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu nháy đóng?)",
    "found character '\\t' that cannot start any token": "có ký tự Tab",
    "mapping values are not allowed here": "dấu ':' không được phép ở đây (giá trị chứa ':' cần đặt trong dấu nháy)",
    "could not find expected ':'": "thiếu dấu ':' sau tên trường",
    "found undefined alias": "dùng bí danh (*) chưa được khai báo",
    "expected <block end>, but found '<block mapping start>'": "thụt lề không khớp với các dòng trên",
    "expected <block end>, but found '-'": "dấu '-' của danh sách thụt lề không khớp",
    "found unexpected ':'": "dấu ':' không đúng chỗ",
    "while scanning a quoted scalar": "chuỗi trong dấu nháy chưa được đóng",
    "did not find expected key": "cấu trúc không đúng (thường do dấu nháy chưa đóng ở dòng trên hoặc thụt lề lệch)",
    "while parsing a block mapping": "cấu trúc không đúng (thường do dấu nháy chưa đóng ở dòng trên hoặc thụt lề lệch)",
}


def _yaml_problem_vi(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    for key, vi in _YAML_PROBLEMS.items():
        if problem.startswith(key) or (exc.context or "").startswith(key):
            return vi
    return problem or str(exc.context or "cú pháp không hợp lệ")


class _Builder:
    """Turns composed nodes into plain data, recording lines and refusing
    duplicate keys (PyYAML silently keeps the last one) and alias bombs."""

    def __init__(self, rel: str, report: Report, doc: YamlDoc, offset: int):
        self.rel, self.report, self.doc, self.offset = rel, report, doc, offset
        self.count = 0
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self, node, loc):
        self.count += 1
        if self.count > MAX_YAML_NODES:
            self.report.add(self.rel, node.start_mark.line + 1 + self.offset, C.YAML_TOO_COMPLEX,
                              f"Tệp có quá nhiều phần tử (trên {MAX_YAML_NODES}); thường do bí danh (&, *) lồng nhau.",
                              "Không dùng bí danh YAML (&tên, *tên) trong nội dung cổng; viết trực tiếp giá trị.")
            raise _Abort
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self._error(key_node, C.YAML_KEY, "Tên trường phải là chữ, không phải danh sách hay bảng.",
                                "Viết tên trường dạng 'ten_truong: giá trị'.")
                    continue
                key = key_node.value
                if key == "<<":
                    self._error(key_node, C.YAML_MERGE, "Không hỗ trợ khóa gộp '<<' trong nội dung.",
                                "Viết đầy đủ các trường thay vì dùng '<<: *bí_danh'.")
                    continue
                if key in out:
                    first = self.doc.lines.get(loc + (key,))
                    self._error(key_node, C.YAML_DUPLICATE_KEY,
                                f"Trường '{key}' xuất hiện hai lần (lần đầu ở dòng "
                                f"{first + self.offset if first else '?'}).",
                                "Xóa một trong hai dòng hoặc gộp nội dung lại; chỉ giá trị cuối cùng được dùng nếu để "
                                "nguyên.")
                    continue
                self.doc.lines[loc + (key,)] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, loc + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        if node.tag.startswith("tag:yaml.org,2002:") and node.tag.rsplit(":", 1)[1] in {
                "str", "int", "float", "bool", "null", "timestamp"}:
            try:
                value = self.scalars.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):
                self._error(node, C.YAML_VALUE, f"Giá trị '{node.value}' không hợp lệ.",
                            "Kiểm tra ngày tháng (YYYY-MM-DD) hoặc đặt giá trị trong dấu nháy.")
                return node.value
            if isinstance(value, str):
                value = nfc(value)
                if "\n" in value and markdown_depth(value)[0] > MAX_DEPTH:   # Markdown fields
                    self._error(node, C.MARKDOWN_TOO_DEEP,
                                f"Văn bản lồng nhau quá sâu (trên {MAX_DEPTH} cấp trích dẫn '>' hoặc danh sách).",
                                "Bỏ các dấu '>' hoặc khoảng trắng đầu dòng bị lặp khi dán.")
            return value
        self._error(node, C.YAML_TAG, f"Không hỗ trợ kiểu YAML '{node.tag}'.",
                    "Xóa phần '!…' trước giá trị.")
        return node.value

    def _error(self, node, code, message, hint):
        self.report.add(self.rel, node.start_mark.line + 1 + self.offset, code, message, hint)


# ------------------------------------------------------------------ nesting depth
# YAML is composed recursively (libyaml's composer in C, our _Builder in Python): a few hundred levels
# raise RecursionError and tens of thousands crash the process. Depth is measured before parsing.
MAX_DEPTH = 50
_PREFIX = re.compile(r"^[ ]*(?:[-?][ ]+)*", re.M)


def yaml_depth(text: str) -> tuple[int, int]:
    """(deepest nesting of block and flow collections, its line); cheap unless the text could be deep."""
    brackets = text.count("[") + text.count("{")
    widest = max((len(m) for m in _PREFIX.findall(text)), default=0)
    if brackets <= MAX_DEPTH and widest <= MAX_DEPTH:
        return 0, 0        # each level needs a bracket or a column of indentation: cannot be deep
    return _scan_depth(text)


def _scan_depth(text: str) -> tuple[int, int]:
    deepest, at = 0, 0
    flow = 0
    indents: list[int] = []
    quote = ""
    for n, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" ")
        if not quote and flow == 0 and stripped and not stripped.startswith("#"):
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            dashes = len(_PREFIX.match(line).group()) - indent
            depth = len(indents) + dashes // 2
            if depth > deepest:
                deepest, at = depth, n
        token_start = True
        i = 0
        while i < len(line):
            ch = line[i]
            if quote:
                if ch == "\\" and quote == '"':
                    i += 1
                elif ch == quote:
                    if quote == "'" and line[i + 1:i + 2] == "'":
                        i += 1
                    else:
                        quote = ""
                token_start = False
            elif ch == "#" and token_start:
                break                                  # a comment runs to the end of the line
            elif ch in "'\"" and token_start:
                quote = ch
            elif ch in "[{" and token_start:
                flow += 1
                if flow + len(indents) > deepest:
                    deepest, at = flow + len(indents), n
            elif ch in "]}" and flow:
                flow -= 1
            token_start = ch in " [{,:-?"
            i += 1
    return deepest, at


def markdown_depth(text: str) -> tuple[int, int]:
    """(deepest nesting of Markdown, its line): quotes '>', list markers and indentation, and runs of
    emphasis marks. Python-Markdown parses these recursively, so a pasted '>>>…', '- - - …' or a run of
    thousands of '*' must be stopped before it raises RecursionError in the middle of a build."""
    deepest, at = 0, 0
    widest = max((len(m) for m in _BLOCK_PREFIX_ANY.findall(text)), default=0)
    if widest <= MAX_DEPTH and not _EMPHASIS_RUN.search(text):
        return 0, 0          # every level takes at least one character of the line's prefix
    for n, line in enumerate(text.split("\n"), 1):
        prefix = _BLOCK_PREFIX.match(line).group()
        markers = len(_MARKER.findall(prefix))
        indent = len(line) - len(line.lstrip(" "))
        depth = prefix.count(">") + markers + indent // 4
        run = max((len(m) for m in _EMPHASIS_RUN.findall(line)), default=0)
        depth = max(depth, run * MAX_DEPTH // MAX_EMPHASIS_RUN)
        if depth > deepest:
            deepest, at = depth, n
    return deepest, at


MAX_EMPHASIS_RUN = 200      # a fill-in blank "______" is much shorter; thousands recurse
_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+")
_BLOCK_PREFIX = re.compile(r"^[ >]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ >]*)*")
_EMPHASIS_RUN = re.compile(r"[*_]{%d,}" % MAX_EMPHASIS_RUN)
_BLOCK_PREFIX_ANY = re.compile(_BLOCK_PREFIX.pattern, re.M)


def yaml_strings(value, loc=()):
    """(location, text) of every string in parsed YAML data; locations as YamlDoc.line_of takes them."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from yaml_strings(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from yaml_strings(item, loc + (i,))
