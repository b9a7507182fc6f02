"""Is the information there in substance? Content contracts (contracts.yml) and the placeholder
detector, applied to page bodies and to free-text fields.

A detector returns None when the page holds what it stands for, or a `Gap` saying what is
missing, on which line and what to do. Detectors read Markdown as text: a table of figures, an
image with alt text, a named person in the section about a post. They are deliberately
conservative: they ask for the form information takes when it is really there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from .. import urls
from ..content.placeholders import LINK, PHONE_LIKE, fake_phone, lines, placeholder, placeholder_in, plain, words
from ..text import fold
from .registry import load_data

ATTACHMENT_TYPES = {".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".csv", ".rtf"}
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif"}


@dataclass(frozen=True)
class Gap:
    message: str
    hint: str
    line: int = 0          # 0-based line of the body, 0 when the body as a whole is at fault


@lru_cache(maxsize=1)
def contracts() -> dict:
    return load_data("contracts.yml")


def contract_for(role: str | None) -> dict:
    data = contracts()
    return data["roles"].get(role or "", data["default"])


_HTML_HREF = re.compile(r"""<(a|img)\b[^>]*?\s(?:href|src)\s*=\s*["']([^"']*)["'][^>]*>""", re.I)
_HTML_ALT = re.compile(r"""\balt\s*=\s*["']([^"']*)["']""", re.I)
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*(?![\w])")


def text_gap(text: str | None, min_words: int, what: str) -> Gap | None:
    """The generic substance test: enough words and no placeholder."""
    found = placeholder(text or "")
    if found:
        return Gap(f"{what} chỉ có nội dung giữ chỗ ('{found[1]}'), chưa phải thông tin thật.",
                   "Viết nội dung thật; nếu chưa có thông tin, nói rõ vì sao và khi nào có, không dùng chữ "
                   "'đang cập nhật', 'cần bổ sung'.", found[0])
    count = words(text or "")
    if count < min_words:
        return Gap(f"{what} gần như trống ({count} chữ, cần ít nhất {min_words}).",
                   "Viết đủ nội dung mà pháp luật yêu cầu cho trang này.")
    return None


# ------------------------------------------------------------------------------------ detectors
@dataclass
class Page:
    """What the detectors look at: a body and the published files it may link to."""

    body: str
    files: frozenset[str]              # site paths of published files: "van-ban/tep/x.pdf", …
    item: object = None

    def links(self) -> list[tuple[bool, str, str, int]]:
        """(is image, text, target, 0-based line) of every link and image."""
        out = []
        for n, line in enumerate(lines(self.body)):
            for m in LINK.finditer(line):
                out.append((m.group(1) == "!", m.group(2), m.group(3), n))
            for m in _HTML_HREF.finditer(line):
                alt = _HTML_ALT.search(m.group(0))
                out.append((m.group(1).lower() == "img", alt.group(1) if alt else "", m.group(2), n))
        return out

    def published_file(self, target: str, types: set[str]) -> bool:
        path = unquote(urlsplit(target).path)
        if PurePosixPath(path).suffix.lower() not in types:
            return False
        return any(path.endswith("/" + f) or path == f or path.lstrip("./").endswith(f) for f in self.files)

    def attachments(self) -> list[int]:
        return [n for image, _, target, n in self.links() if not image
                and self.published_file(target, ATTACHMENT_TYPES)]

    def tables(self) -> list[list[list[str]]]:
        tables, rows = [], []
        for line in lines(self.body) + [""]:
            s = line.strip()
            if s.startswith("|") and s.count("|") >= 2:
                cells = [c.strip() for c in s.strip("|").split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                    rows.append(cells)
            elif rows:
                tables.append(rows)
                rows = []
        return tables


def _period(page: Page) -> Gap | None:
    text = fold(plain(page.body)).lower()
    if re.search(r"\b(19|20)\d\d\b", text) or re.search(r"\bquy (i|ii|iii|iv|[1-4])\b", text):
        return None
    return Gap("Chưa ghi kỳ của thông tin (năm, quý, sáu tháng).",
               "Ghi rõ kỳ báo cáo, ví dụ 'Năm 2024', 'Quý III/2024'.")


def _figures(page: Page, min: int = 6) -> Gap | None:
    numbers = [c for table in page.tables() for row in table[1:] for c in row
               if _NUMBER.search(c) and not placeholder_in(c)]
    if len(numbers) >= min or page.attachments():
        return None
    return Gap(f"Chưa có số liệu: bảng có ít nhất {min} ô số liệu, hoặc tệp báo cáo đính kèm (PDF, Excel).",
               "Đưa số liệu vào bảng Markdown, hoặc đặt tệp báo cáo vào content/files/ và liên kết tới nó.")


def _map(page: Page) -> Gap | None:
    for image, text, target, _ in page.links():
        if image and len(text.strip()) >= 3 and page.published_file(target, IMAGE_TYPES):
            return None
        if not image and page.published_file(target, {".pdf", ".svg", ".png", ".jpg", ".jpeg", ".geojson", ".kml"}):
            return None
    return Gap("Chưa có bản đồ: ảnh hoặc tệp bản đồ đăng trên cổng, kèm văn bản thay thế.",
               "Đặt ảnh bản đồ vào content/static/ hoặc content/files/ và chèn ![Bản đồ hành chính tỉnh …](…).")


def _units(page: Page, kinds: list[str], min: int = 10, what: str = "đơn vị") -> Gap | None:
    text = plain(page.body)
    names = set()
    for m in re.finditer(r"\b(" + "|".join(map(re.escape, kinds)) + r")\s+", text):
        rest = re.match(r"(?:[^\W_][\w-]*\s?){1,4}", text[m.end():m.end() + 60])
        name = " ".join(w for w in (rest.group(0).split() if rest else []) if w[:1].isupper() or w[:1].isdigit())
        if name:
            names.add(f"{m.group(1)} {name}")
    if len(names) >= min:
        return None
    return Gap(f"Chưa liệt kê {what} (có {len(names)}, cần ít nhất {min}).",
               "Liệt kê tên các đơn vị, ví dụ trong bảng theo từng huyện.")


_POSTS = re.compile(r"chu tich|giam doc|bi thu|truong|chanh|lanh dao|thu truong", re.I)
_TITLE_WORD = re.compile(r"(?:Ông|Bà|ông|bà)\s+((?:[A-ZÀ-ỸĐ][\wÀ-ỹ]*\s*){2,5})")


def _people(page: Page, min: int = 1, duties_words: int = 12) -> Gap | None:
    sections, current = [], None
    for n, line in enumerate(lines(page.body)):
        heading = re.match(r"^#{2,3}\s+(.+)$", line)
        if heading:
            current = [heading.group(1).strip(), n, []]
            sections.append(current)
        elif current:
            current[2].append(line)
    posts = [s for s in sections if _POSTS.search(fold(s[0]).lower())]
    for title, n, body in posts:
        text = "\n".join(body)
        if not _TITLE_WORD.search(plain(text)):
            return Gap(f"Mục '{title}' chưa ghi họ tên người giữ chức vụ.",
                       "Ghi 'Ông/Bà <họ tên>' và chức vụ; nếu chức vụ đang khuyết, bỏ mục này.", n)
        if words(text) < duties_words:
            return Gap(f"Mục '{title}' chưa nêu nhiệm vụ, lĩnh vực phụ trách.", "Ghi nhiệm vụ được phân công.", n)
    if len(posts) < min:
        return Gap("Chưa có mục nào nêu họ tên, chức vụ và nhiệm vụ của lãnh đạo.",
                   "Mỗi lãnh đạo một mục '## <Chức vụ>' với 'Ông/Bà <họ tên>' và nhiệm vụ.")
    return None


def _listing(page: Page, min: int = 5) -> Gap | None:
    items = [line for line in lines(page.body) if re.match(r"^\s*([-*+]|\d+[.)])\s+\S", line)]
    rows = sum(len(t) - 1 for t in page.tables())
    if len(items) + rows >= min:
        return None
    return Gap(f"Chưa liệt kê các đơn vị của bộ máy (cần ít nhất {min} mục).",
               "Liệt kê các cơ quan, đơn vị (danh sách hoặc bảng), hoặc chèn ảnh sơ đồ kèm mô tả bằng chữ.")


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _phone(page: Page, hotline: bool = False) -> Gap | None:
    text = plain(page.body)
    real = [p for p in PHONE_LIKE.findall(text) if not fake_phone(p)]
    if real or (hotline and re.search(r"(?<![\d.,])1\d{2,3}(?![\d.,])", text)):
        return None
    return Gap("Chưa có số điện thoại liên hệ.", "Ghi số điện thoại thật (không dùng số giữ chỗ như 0000).")


def _email(page: Page) -> Gap | None:
    if _EMAIL.search(page.body):
        return None
    return Gap("Chưa có địa chỉ thư điện tử.", "Ghi thư điện tử công vụ để liên hệ.")


_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(19|20)\d\d\b|\bngày \d{1,2} tháng \d{1,2}\b", re.I)


def _dates(page: Page, min: int = 1) -> Gap | None:
    if len(_DATE.findall(page.body)) >= min:
        return None
    return Gap(f"Chưa ghi ngày cụ thể (cần ít nhất {min}).", "Ghi ngày dạng 15/01/2025.")


def _dated(page: Page) -> Gap | None:
    if getattr(page.item, "date", None):
        return None
    return Gap("Tin bài chưa có ngày đăng.", "Thêm trường date: YYYY-MM-DD.")


def _table(page: Page, rows: int = 3, columns: int = 3) -> Gap | None:
    if any(len(t) - 1 >= rows and max(len(r) for r in t) >= columns for t in page.tables()):
        return None
    return Gap(f"Chưa có bảng danh mục (ít nhất {rows} dòng, {columns} cột).",
               "Lập bảng: thông tin, nơi công khai, hình thức, thời điểm, thời hạn.")


def _links(page: Page, min: int = 1) -> Gap | None:
    if len([link for link in page.links() if not link[0]]) >= min:
        return None
    return Gap(f"Chưa có liên kết (cần ít nhất {min}).", "Liên kết tới các dịch vụ, văn bản được nêu.")


def _questions(page: Page, min: int = 3) -> Gap | None:
    asked = [line for line in lines(page.body) if line.strip().rstrip("*_ ").endswith("?")]
    if len(asked) >= min:
        return None
    return Gap(f"Chưa có câu hỏi và trả lời (có {len(asked)}, cần ít nhất {min}).",
               "Mỗi câu hỏi một tiêu đề kết thúc bằng dấu hỏi, trả lời ở đoạn dưới.")


def _document(page: Page, min_words: int = 250) -> Gap | None:
    if page.attachments() or words(page.body) >= min_words:
        return None
    return Gap(f"Chưa có văn bản: tệp đính kèm hoặc nội dung đầy đủ (ít nhất {min_words} chữ).",
               "Đặt văn bản vào content/files/ và liên kết tới nó, hoặc đăng toàn văn trên trang.")


NEEDS = {"period": _period, "figures": _figures, "map": _map, "units": _units, "people": _people,
         "listing": _listing, "phone": _phone, "email": _email, "dates": _dates, "dated": _dated, "table": _table,
         "links": _links, "questions": _questions, "document": _document}


def gaps(role: str | None, page: Page) -> tuple[Gap | None, dict[str, Gap | None]]:
    """The text gap of the page and the gap of each need of its role's contract."""
    contract = contract_for(role)
    text = text_gap(page.body, contract.get("min_words", 0), contract.get("label", "Trang").capitalize())
    return text, {name: NEEDS[name](page, **(params or {})) for name, params in (contract.get("needs") or {}).items()}


def published_files(site) -> frozenset[str]:
    """Site paths of every file the portal publishes as it is."""
    out = set()
    for folder, prefix in (("content/files/", urls.FILES + "/"), ("content/forms/", urls.FORMS + "/"),
                           ("content/static/", "")):
        out.update(prefix + rel[len(folder):] for rel in site.tree.files if rel.startswith(folder))
    return frozenset(out)
