"""URLs, labels and formatting shared by every page template."""

from __future__ import annotations

from pathlib import Path

from .. import git, urls
from ..check import Checked
from ..labels import Labels
from ..text import fold
from .glossary import Explainer

THEME_ASSETS = Path(__file__).resolve().parent.parent / "theme" / "assets"

CHANNELS = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Dịch vụ bưu chính"}
ONLINE_LEVELS = {"toan_trinh": "Toàn trình", "mot_phan": "Một phần", "khong": "Không cung cấp trực tuyến"}
PROJECT_STATUS = {"chuan_bi": "Chuẩn bị đầu tư", "dang_thuc_hien": "Đang thực hiện", "hoan_thanh": "Đã hoàn thành"}
PROCEDURE_TYPES = {"standard": "TTHC tiêu chuẩn", "assigned_regulation": "TTHC được luật giao quy định chi tiết"}


def cell(value) -> str:
    """Make plain text safe inside a Markdown table cell: no column breaks, no stray tags."""
    if value is None:
        return ""
    text = str(value).strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.splitlines() if line.strip())


def sort_key(text: str) -> str:
    return fold(text).lower()


class RenderContext(Labels):
    def __init__(self, checked: Checked):
        super().__init__(checked.site)
        self.addresses = urls.Addresses(checked.site)
        self.checked = checked
        self.site = checked.site
        self.cat = checked.catalog
        self.tax = checked.site.taxonomy
        self.config = checked.site.config
        self.as_of = checked.as_of
        self._copies: dict[str, Path] | None = None
        self.document_facets: dict = {}   # filled by the document listings, read by the site map
        self.explainer = Explainer(self.tax.glossary)
        # The preview re-renders only the leaf pages an edit can change (kind -> slugs);
        # None renders everything. Listing pages are always rendered.
        self.only: dict[str, set[str]] | None = None
        self._git: dict | None = None

    def history(self, entry) -> list[tuple]:
        """Lịch sử cập nhật: the current change (updated + change_note), then earlier commits of the
        file up to the as-of date (with the editor's "Thay-doi:" trailer when there is one)."""
        item = entry.item
        rows = []
        if item.updated:
            rows.append((item.updated, item.change_note or "Cập nhật nội dung."))
        seen = {item.updated}
        for day, note in self.file_history().get(entry.rel, []):
            if day not in seen and day <= self.as_of and (not item.updated or day < item.updated):
                seen.add(day)
                rows.append((day, note or "Cập nhật nội dung."))
        return rows[:10]

    def last_updated(self, entry):
        """The explicit `updated` date, else the last commit of the file."""
        if entry.item.updated:
            return entry.item.updated
        commits = self.file_history().get(entry.rel)
        return commits[0][0] if commits else None

    def file_history(self) -> dict:
        """git.file_history of the portal, read once."""
        if self._git is None:
            self._git = git.file_history(self.site.root)
        return self._git

    def wanted(self, kind: str, slug: str) -> bool:
        return self.only is None or slug in self.only.get(kind, ())

    # ------------------------------------------------ URLs (urls.py owns the scheme)
    procedure_path = staticmethod(urls.procedure_path)
    agency_path = staticmethod(urls.agency_path)
    agency_report_path = staticmethod(urls.agency_report_path)
    url_path = staticmethod(urls.directory)
    link = staticmethod(urls.relative)
    html_link = staticmethod(urls.html_relative)
    form_url = staticmethod(urls.form_path)
    file_url = staticmethod(urls.file_path)

    def document_path(self, slug: str) -> str:
        return self.addresses.document(slug)

    def page_path(self, slug: str) -> str:
        return self.addresses.page(slug)

    def page_alternate(self, slug: str) -> dict | None:
        """The page with the same role in the other language (introduction, contacts …)."""
        page = self.site.pages[slug].item
        if not page.role:
            return None
        for other, entry in self.site.pages.items():
            if entry.item.role == page.role and entry.item.lang != page.lang:
                return {"lang": entry.item.lang, "url": urls.directory(self.page_path(other))}
        return None

    def page_url(self, path: str) -> str:
        """Absolute URL of a generated page (directory URLs, as mkdocs builds them)."""
        return urls.absolute(self.config.site_url, path)

    @property
    def copies(self) -> dict[str, Path]:
        """Files copied verbatim (forms, originals, emblem, theme assets); looked up once, when asked."""
        if self._copies is None:
            self._copies = {}
            self._register_copies()
        return self._copies

    def _register_copies(self) -> None:
        root, tree = self.site.root, self.site.tree
        for rel in self.site.forms:
            self._copies[self.form_url(rel)] = root / rel
        for entry in self.site.documents.values():      # only regular files of the tree: never through a link
            if entry.item.file and tree.has_file(entry.item.file):
                self._copies[self.file_url(entry.item.file)] = root / entry.item.file
        for file in tree.glob(urls.PERIODIC_REPORTS, "*") if tree else []:   # the periodic reports' downloads
            rel = file.relative_to(root).as_posix()
            if urls.parse_periodic_report(file.name) and tree.has_file(rel):
                self._copies[self.file_url(rel)] = file
        if self.config and tree.has_file(self.config.emblem):
            self._copies[self.emblem_url()] = root / self.config.emblem
        for asset in sorted(THEME_ASSETS.rglob("*")):
            if asset.is_file():
                self._copies.setdefault(f"assets/{asset.relative_to(THEME_ASSETS).as_posix()}", asset)

    def emblem_url(self) -> str:
        return urls.emblem_path(self.config.emblem)

    # -------------------------------------------------------------- labels
    def sectors_in_use(self) -> list[tuple[str, int]]:
        """(sector id, procedure count), in Vietnamese alphabetical order of the name."""
        return sorted(((k, len(v)) for k, v in self.cat.procedures_by_sector.items()),
                      key=lambda kv: sort_key(self.sector_name(kv[0])))

    def agencies_with_procedures(self) -> list[tuple[str, int]]:
        return sorted(((k, len(v)) for k, v in self.cat.procedures_by_agency.items()),
                      key=lambda kv: sort_key(self.agency_name(kv[0])))

    def title_repeats_abstract(self, slug: str) -> bool:
        abstract = self.site.documents[slug].item.abstract
        return not abstract or abstract in self.document_title(slug)

    @staticmethod
    def procedure_forms(procedure) -> list:
        """Dossier items that name a form (file or form number), each form once, in dossier order."""
        seen, forms = set(), []
        for case in procedure.dossier:
            for item in case.items:
                key = item.form or item.form_name
                if key and key not in seen:
                    seen.add(key)
                    forms.append(item)
        return forms

    def sorted_procedures(self, slugs) -> list[str]:
        return sorted(slugs, key=lambda s: sort_key(self.procedure_name(s)))

    def sorted_documents(self, slugs) -> list[str]:
        # Newest first, as legal databases list them.
        return sorted(slugs, key=lambda s: (-self.site.documents[s].item.issued.toordinal(), s))

    # ----------------------------------------------------------------- nav
    def nav(self) -> list[dict[str, str]]:
        items = [{"Trang chủ": "index.md"}]
        for section in self.tax.sections.values():
            if section.id in ("gioi-thieu", "to-chuc"):
                items.append({section.name: f"{section.path}/index.md"})
        items += [
            {"Cơ quan": "co-quan/index.md"},
            {"Thủ tục hành chính": "thu-tuc/index.md"},
            {"Văn bản": "van-ban/index.md"},
            {"Biểu mẫu": "bieu-mau/index.md"},
            {"Danh bạ thư điện tử": "danh-ba-thu-dien-tu/index.md"},
            {"Dự án, đầu tư, đấu thầu": "du-an/index.md"},
            {"Lấy ý kiến góp ý": "gop-y/index.md"},
        ]
        for section in self.tax.sections.values():
            if section.id not in ("gioi-thieu", "to-chuc"):
                items.append({section.name: f"{section.path}/index.md"})
        if self.checked.compliance and self.checked.compliance.enabled:
            items.append({"Báo cáo cung cấp thông tin": "bao-cao-tuan-thu/index.md"})
        if self.tax.glossary:
            items.append({"Giải thích thuật ngữ": "thuat-ngu/index.md"})
        items.append({"Dữ liệu mở": "du-lieu-mo/index.md"})
        items.append({"Sơ đồ cổng": "so-do-trang/index.md"})
        return items

    def sample_notice(self, item) -> str:
        if not getattr(item, "sample", False):
            return ""
        note = f" {item.sample_note}" if item.sample_note else ""
        return ('!!! warning "Dữ liệu mẫu"\n'
                f"    Trang này có dữ liệu mẫu, chưa được xác minh với văn bản chính thức.{note}\n")
