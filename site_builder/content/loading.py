"""Files → model objects. Reads everything, reports every problem, keeps going.

Layout of a portal root:
  content/portal.yml                portal configuration
  content/taxonomy/<list>.yml       closed code lists
  content/agencies/<slug>.yml       agencies
  content/pages/<slug>.md           portal pages (front matter + Markdown)
  content/projects/<slug>.yml       investment and procurement projects
  content/consultations/<slug>.md   drafts for public comment
  content/forms/<sector>/…          dossier forms (downloads)
  content/files/…                   original files of legal documents
  procedures/<sector>/<slug>.yml    administrative procedures
  policies/<year>/<slug>.md         legal documents and policies
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ..codes import C
from ..problems import Report
from . import model as m
from .portal_model import PortalConfig
from .schema_errors import report_validation_error
from .sources import MAX_DEPTH, YamlDoc, decode_text, markdown_depth, parse_yaml, read_text, split_front_matter
from .taxonomy import OPTIONAL_TAXONOMY, TAXONOMY_FILES, Taxonomy
from .tree import Tree, scan

T = TypeVar("T", bound=BaseModel)


@dataclass
class Entry(Generic[T]):
    """One content item with where it came from, for messages and links."""

    slug: str
    rel: str
    item: T
    doc: YamlDoc
    body: str = ""
    body_line: int = 1

    def line(self, *loc) -> int | None:
        return self.doc.line_of(tuple(loc))


@dataclass
class Site:
    root: Path
    config: PortalConfig | None = None
    config_entry: Entry | None = None
    taxonomy: Taxonomy = field(default_factory=Taxonomy)
    agencies: dict[str, Entry[m.Agency]] = field(default_factory=dict)
    procedures: dict[str, Entry[m.Procedure]] = field(default_factory=dict)
    documents: dict[str, Entry[m.LegalDocument]] = field(default_factory=dict)
    pages: dict[str, Entry[m.Page]] = field(default_factory=dict)
    projects: dict[str, Entry[m.Project]] = field(default_factory=dict)
    consultations: dict[str, Entry[m.Consultation]] = field(default_factory=dict)
    forms: list[str] = field(default_factory=list)   # paths relative to root
    tree: Tree | None = None                         # every regular file of the content tree (tree.py)
    redirects: list = field(default_factory=list)    # archive.Redirect, from content/redirects.yml


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _validate(model_cls: type[T], data, doc: YamlDoc, rel: str, report: Report) -> T | None:
    if not isinstance(data, dict):
        what = "rỗng" if data is None else ("một danh sách" if isinstance(data, list) else "một giá trị đơn")
        report.add(rel, doc.line_of(()) if data is not None else None, C.FILE_SHAPE,
                     f"Nội dung tệp là {what}, cần một nhóm trường dạng 'ten: giá trị'.",
                     "Xem tệp mẫu cùng loại trong thư mục và JSON Schema trong schemas/.")
        return None
    try:
        return model_cls.model_validate(data)
    except ValidationError as exc:
        report_validation_error(exc, model_cls, doc, rel, report)
        return None


def _source(root: Path, path: Path, report: Report, text: str | None):
    rel = _rel(root, path)
    return rel, (read_text(path, rel, report) if text is None else decode_text(text.encode("utf-8"), path, rel, report))


def load_yaml_entry(root: Path, path: Path, model_cls: type[T], report: Report, text: str | None = None
                    ) -> Entry[T] | None:
    rel, src = _source(root, path, report, text)
    if src is None:
        return None
    doc = parse_yaml(src.text, rel, report)
    if doc is None:
        return None
    item = _validate(model_cls, doc.data, doc, rel, report)
    return Entry(path.stem, rel, item, doc) if item is not None else None


def load_markdown_entry(root: Path, path: Path, model_cls: type[T], report: Report, text: str | None = None
                        ) -> Entry[T] | None:
    rel, src = _source(root, path, report, text)
    if src is None:
        return None
    parts = split_front_matter(src, report)
    if parts is None:
        return None
    fm, body, body_line = parts
    depth, deep_line = markdown_depth(body)
    if depth > MAX_DEPTH:
        report.add(rel, body_line + deep_line - 1, C.MARKDOWN_TOO_DEEP,
                   f"Nội dung lồng nhau quá sâu (trên {MAX_DEPTH} cấp trích dẫn '>' hoặc danh sách).",
                   "Bỏ các dấu '>' hoặc khoảng trắng đầu dòng bị lặp khi dán; nội dung cổng chỉ cần vài cấp.")
        return None
    doc = parse_yaml(fm, rel, report, line_offset=1)
    if doc is None:
        return None
    item = _validate(model_cls, doc.data, doc, rel, report)
    return Entry(path.stem, rel, item, doc, body, body_line) if item is not None else None


def load_taxonomy(root: Path, report: Report, tree: Tree | None = None) -> Taxonomy:
    tax = Taxonomy()
    for name, model_cls in TAXONOMY_FILES.items():
        path = root / "content" / "taxonomy" / f"{name}.yml"
        rel = f"content/taxonomy/{name}.yml"
        if not (tree.has_file(rel) if tree else path.is_file()):
            if name in OPTIONAL_TAXONOMY:
                continue
            report.add(rel, None, C.TAXONOMY_MISSING, f"Thiếu danh mục {name}.",
                         "Sao chép tệp cùng tên từ nội dung mẫu của cổng rồi chỉnh sửa.")
            continue
        src = read_text(path, rel, report)
        doc = parse_yaml(src.text, rel, report) if src else None
        if doc is None:
            continue
        if not isinstance(doc.data, list):
            report.add(rel, 1, C.FILE_SHAPE, "Danh mục phải là một danh sách các mục '- id: …'.",
                         "Mỗi mục bắt đầu bằng '- id:' và có các trường như trong tệp mẫu.")
            continue
        target = getattr(tax, name)
        for i, raw in enumerate(doc.data):
            sub = YamlDoc(raw, {k[1:]: v for k, v in doc.lines.items() if k[:1] == (i,)}, 0)
            item = _validate(model_cls, raw, sub, rel, report)
            if item is None:
                continue
            if item.id in target:
                report.add(rel, doc.line_of((i, "id")), C.TAXONOMY_DUPLICATE,
                             f"Mã '{item.id}' bị trùng trong danh mục.", "Mỗi mã chỉ được khai báo một lần.")
                continue
            target[item.id] = item
    return tax


def load_site(root: Path, report: Report, cache=None, overlay: dict[str, str] | None = None) -> Site:
    """Every content file of a portal root; `cache` (cache.LoadCache) skips unchanged files.

    `overlay` (path relative to root → text) stands in for files on disk: the browser editor
    checks an entry before anything is written."""
    root = root.resolve()
    overlay = overlay or {}
    site = Site(root)
    site.tree = tree = scan(root, report)
    tree.files |= set(overlay)
    cfg_path = root / "content" / "portal.yml"
    if tree.has_file("content/portal.yml"):
        entry = load_yaml_entry(root, cfg_path, PortalConfig, report)
        if entry:
            site.config, site.config_entry = entry.item, entry
    else:
        report.add("content/portal.yml", None, C.CONFIG_MISSING, "Thiếu tệp cấu hình cổng content/portal.yml.",
                     "Tạo tệp theo mẫu trong README (tên tỉnh, tên miền, đơn vị vận hành…).")
    site.taxonomy = load_taxonomy(root, report, tree)

    def collect(target: dict, paths: list[Path], loader, model_cls):
        for path in paths:
            given = overlay.get(_rel(root, path))
            if given is not None:
                entry = loader(root, path, model_cls, report, text=given)
            elif cache:
                entry = cache.load(loader, root, path, model_cls, report)
            else:
                entry = loader(root, path, model_cls, report)
            if entry is None:
                continue
            if entry.slug in target:
                other = target[entry.slug]
                report.add(entry.rel, 1, C.SLUG_COLLISION,
                             f"Tên tệp '{entry.slug}' trùng với {other.rel}: hai trang sẽ có cùng địa chỉ.",
                             "Đổi tên một trong hai tệp (tên tệp là địa chỉ trang).")
                continue
            target[entry.slug] = entry

    collect(site.agencies, tree.glob("content/agencies", "*.yml"), load_yaml_entry, m.Agency)
    collect(site.pages, tree.glob("content/pages", "*.md"), load_markdown_entry, m.Page)
    collect(site.projects, tree.glob("content/projects", "*.yml"), load_yaml_entry, m.Project)
    collect(site.consultations, tree.glob("content/consultations", "*.md"), load_markdown_entry, m.Consultation)
    collect(site.procedures, tree.glob("procedures", "*/*.yml"), load_yaml_entry, m.Procedure)
    collect(site.documents, tree.glob("policies", "*/*.md"), load_markdown_entry, m.LegalDocument)
    _report_misplaced(tree, report)
    site.forms = [_rel(root, p) for p in tree.glob("content/forms", "**/*")]
    site.redirects = _load_redirects(tree, report)
    return site


def _load_redirects(tree: Tree, report: Report) -> list:
    from .archive import Redirect
    path, rel = tree.root / "content" / "redirects.yml", "content/redirects.yml"
    if not tree.has_file(rel):
        return []
    src = read_text(path, rel, report)
    doc = parse_yaml(src.text, rel, report) if src else None
    if doc is None or doc.data is None:
        return []
    if not isinstance(doc.data, list):
        report.add(rel, 1, C.FILE_SHAPE, "Tệp chuyển hướng phải là danh sách các mục '- from: …, to: …'.",
                     "Ví dụ: - {from: /en/en-contacts/, to: /en/contacts/}")
        return []
    out = []
    for i, raw in enumerate(doc.data):
        sub = YamlDoc(raw, {k[1:]: v for k, v in doc.lines.items() if k[:1] == (i,)}, 0)
        item = _validate(Redirect, raw, sub, rel, report)
        if item is None:
            continue
        for value, key in ((item.from_, "from"), (item.to, "to")):
            if not (value.startswith("/") and value.endswith("/")) or "//" in value or ".." in value:
                report.add(rel, doc.line_of((i, key)), C.REDIRECT_URL,
                             f"Địa chỉ '{value}' không hợp lệ: cần đường dẫn trong cổng, bắt đầu và kết thúc bằng '/'.",
                             "Ví dụ /thu-tuc/dang-ky-khai-sinh/.")
                item = None
                break
        if item is not None:
            out.append(item)
    return out


def _report_misplaced(tree: Tree, report: Report) -> None:
    # A file dropped one level too high, or with the wrong extension, would be
    # silently ignored; tell the editor instead.
    checks = [("procedures", "*.yml", "procedures/<lĩnh vực>/<tên>.yml"),
              ("procedures", "*/*.yaml", "procedures/<lĩnh vực>/<tên>.yml (đuôi .yml)"),
              ("policies", "*.md", "policies/<năm>/<tên>.md"),
              ("content/agencies", "*.yaml", "content/agencies/<tên>.yml (đuôi .yml)")]
    for directory, pattern, expected in checks:
        for path in tree.glob(directory, pattern):
            report.add(_rel(tree.root, path), None, C.FILE_MISPLACED, "Tệp nằm sai chỗ nên sẽ bị bỏ qua.",
                         f"Chuyển tệp tới {expected}.")
