"""Safe HTML from content written by many hands (and pasted from old office files).

Two halves:
- `unsafe_in(...)` finds what would be removed (script, event handlers,
  javascript:/data: links, frames, styles…) so `portal check` warns with the
  file and line: the editor learns, the page is not silently different.
- `clean_html(...)` is what the mkdocs plugin applies to every page's content
  HTML, with nh3 (Rust ammonia): an allow-list that keeps what the templates and
  Markdown produce (headings with anchors, tables, lists, links, admonitions,
  abbreviations, the dossier checklist) and drops the rest.
"""

from __future__ import annotations

import re

import nh3

from ..codes import C
from ..problems import Report
from .sources import yaml_strings

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "input", "ins", "kbd", "label", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "aside",
    "section", "fieldset", "legend",
}
FORM_TAGS = {"form", "button"}          # only on pages our own templates make interactive (search)
GENERIC = {"id", "class", "title", "lang", "dir", "role"}
ATTRIBUTES = {
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"}, "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start", "type"}, "time": {"datetime"}, "label": {"for"},
    "input": {"type", "name", "value", "checked", "disabled", "list", "autocomplete", "placeholder"},
    "form": {"action", "method"}, "button": {"type", "name", "value"},
}
SCHEMES = {"http", "https", "mailto", "tel"}

_CHECKS = [
    (re.compile(r"<\s*script\b", re.I), "thẻ <script>"),
    (
        re.compile(r"<\s*(iframe|object|embed|style|base|meta|link|frame|frameset|applet)\b", re.I),
        "thẻ nhúng hoặc định dạng",
    ),
    (re.compile(r"<\s*form\b", re.I), "biểu mẫu <form>"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "thuộc tính sự kiện (on…=)"),
    (re.compile(r"<[^>]*\sstyle\s*=", re.I), "thuộc tính style"),
    (
        re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*(?:javascript|data|vbscript)\s*:", re.I),
        "địa chỉ javascript:/data:",
    ),
    (re.compile(r"\]\(\s*<?\s*(?:javascript|data|vbscript)\s*:", re.I), "liên kết javascript:/data:"),
]


def clean_html(html: str, allow_forms: bool = False) -> str:
    tags = TAGS | FORM_TAGS if allow_forms else TAGS
    attributes = {tag: ATTRIBUTES.get(tag, set()) | GENERIC for tag in tags}
    return nh3.clean(html, tags=tags, attributes=attributes, clean_content_tags={"script", "style"},
                     strip_comments=False, link_rel=None, generic_attribute_prefixes={"aria-"},
                     url_schemes=SCHEMES, filter_style_properties={"text-align"})


def unsafe_in(text: str) -> list[tuple[int, str]]:
    """(0-based line within `text`, what) for every construct clean_html would remove."""
    found = []
    if "<" not in text and "](" not in text:
        return found
    for number, line in enumerate(text.splitlines()):
        for pattern, what in _CHECKS:
            if pattern.search(line):
                found.append((number, what))
    return found


def report_unsafe(site, report: Report) -> None:
    """Warnings with file and line for editor content that the sanitiser will strip. What a file holds
    is worked out once per parsed entry: the preview re-checks 12,000 unchanged entries on every save."""
    def found_in(rel: str, text: str, first_line: int | None) -> list[tuple[int | None, str]]:
        return [((first_line + offset) if first_line else None, what) for offset, what in unsafe_in(text)]

    def body(entry) -> list:
        if "_unsafe_body" not in entry.__dict__:
            entry._unsafe_body = found_in(entry.rel, entry.body, entry.body_line)
        return entry._unsafe_body

    def fields(entry) -> list:
        if "_unsafe_fields" not in entry.__dict__:
            # The parsed YAML is walked (its keys are what `entry.line` knows); a cached entry
            # without it (pre-commit cache) falls back to the model.
            data = entry.doc.data if entry.doc.data is not None else entry.item.model_dump(mode="python")
            entry._unsafe_fields = [hit for loc, value in yaml_strings(data)
                                    for hit in found_in(entry.rel, value, entry.line(*loc))]
        return entry._unsafe_fields

    for group in (site.pages, site.documents, site.consultations):
        for entry in group.values():
            for line, what in body(entry):
                _warn(report, entry.rel, line, what)
    for group in (site.procedures, site.agencies, site.projects, site.documents, site.pages):
        for entry in group.values():
            for line, what in fields(entry):
                _warn(report, entry.rel, line, what)


def _warn(report: Report, rel: str, line: int | None, what: str) -> None:
    report.add(rel, line, C.UNSAFE_HTML, f"Nội dung có {what}; phần này bị bỏ khỏi trang khi dựng cổng.",
                   "Xóa đoạn mã HTML đó; dùng Markdown cho định dạng (## tiêu đề, - danh sách, [chữ](địa chỉ) "
                   "cho liên kết). Văn bản dán từ Word nên dán dạng chữ thuần.")
