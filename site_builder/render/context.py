"""URLs, labels and formatting shared by every page template."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..pipeline import Checked
from ..text import fold, format_date, format_vnd
from .glossary import Explainer

THEME_ASSETS = Path(__file__).resolve().parent.parent / "theme" / "assets"

CHANNELS = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Dịch vụ bưu chính"}
ONLINE_LEVELS = {"toan_trinh": "Toàn trình", "mot_phan": "Một phần", "khong": "Không cung cấp trực tuyến"}
TIME_UNITS = {"working_days": "ngày làm việc", "days": "ngày", "hours": "giờ", "months": "tháng"}
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


class RenderContext:
    def __init__(self, checked: Checked):
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
        if self._git is None:
            from ..compliance.history import git_history
            self._git = git_history(self.site.root)
        seen = {item.updated}
        for day, note in self._git.get(entry.rel, []):
            if day not in seen and day <= self.as_of and (not item.updated or day < item.updated):
                seen.add(day)
                rows.append((day, note or "Cập nhật nội dung."))
        return rows[:10]

    def last_updated(self, entry):
        """The explicit `updated` date, else the last commit of the file."""
        if entry.item.updated:
            return entry.item.updated
        if self._git is None:
            from ..compliance.history import git_history
            self._git = git_history(self.site.root)
        commits = self._git.get(entry.rel)
        return commits[0][0] if commits else None

    def wanted(self, kind: str, slug: str) -> bool:
        return self.only is None or slug in self.only.get(kind, ())

    # ---------------------------------------------------------------- URLs
    @staticmethod
    def procedure_path(slug: str) -> str:
        return f"thu-tuc/{slug}.md"

    def document_path(self, slug: str) -> str:
        return f"van-ban/{self.site.documents[slug].item.issued.year}/{slug}.md"

    @staticmethod
    def agency_path(slug: str) -> str:
        return f"co-quan/{slug}.md"

    def section_index_path(self, section_id: str) -> str:
        return f"{self.tax.sections[section_id].path}/index.md"

    def page_path(self, slug: str) -> str:
        section = self.tax.sections[self.site.pages[slug].item.section]
        if slug == section.path:
            return f"{section.path}/index.md"
        # content/pages is one flat folder: "en-contacts" in section "en" is published as en/contacts/.
        name = slug.removeprefix(section.path + "-") or slug
        return f"{section.path}/{name}.md"

    def page_alternate(self, slug: str) -> dict | None:
        """The page with the same role in the other language (introduction, contacts …)."""
        page = self.site.pages[slug].item
        if not page.role:
            return None
        for other, entry in self.site.pages.items():
            if entry.item.role == page.role and entry.item.lang != page.lang:
                return {"lang": entry.item.lang, "url": self.url_path(self.page_path(other))}
        return None

    @staticmethod
    def url_path(path: str) -> str:
        """Site-relative directory URL of a generated page ("thu-tuc/x.md" -> "thu-tuc/x/")."""
        stem = path[:-3] if path.endswith(".md") else path
        if stem == "index":
            return ""
        return stem[: -len("index")] if stem.endswith("/index") else stem + "/"

    def page_url(self, path: str) -> str:
        """Absolute URL of a generated page (directory URLs, as mkdocs builds them)."""
        base = self.config.site_url.rstrip("/") + "/"
        if path == "index.md":
            return base
        stem = path[:-3] if path.endswith(".md") else path
        return base + (stem[: -len("index")] if stem.endswith("/index") or stem == "index" else stem + "/")

    @staticmethod
    def link(from_path: str, to_path: str) -> str:
        """Relative link between two generated pages, as mkdocs expects.

        Pure string work: posixpath.relpath calls os.getcwd twice per link,
        which was a fifth of the render time at province scale."""
        src = from_path.split("/")[:-1]
        dst = to_path.split("/")
        common = 0
        while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
            common += 1
        return "/".join([".."] * (len(src) - common) + dst[common:])

    @property
    def copies(self) -> dict[str, Path]:
        """Files copied verbatim (forms, originals, emblem, theme assets); looked up once, when asked."""
        if self._copies is None:
            self._copies = {}
            self._register_copies()
        return self._copies

    def html_link(self, from_path: str, to_path: str) -> str:
        """Relative link for raw HTML in a page: mkdocs rewrites Markdown links, not HTML ones, so
        this one goes from the page's published directory (thu-tuc/x/) to the published target."""
        target = self.url_path(to_path) if to_path.endswith(".md") else to_path
        return self.link(self.url_path(from_path) + "index.html", target) or "./"

    def _register_copies(self) -> None:
        root = self.site.root
        for rel in self.site.forms:
            self._copies[self.form_url(rel)] = root / rel
        for entry in self.site.documents.values():
            if entry.item.file and (root / entry.item.file).is_file():
                self._copies[self.file_url(entry.item.file)] = root / entry.item.file
        if self.config and (root / self.config.emblem).is_file():
            self._copies[self.emblem_url()] = root / self.config.emblem
        for asset in sorted(THEME_ASSETS.rglob("*")):
            if asset.is_file():
                self._copies.setdefault(f"assets/{asset.relative_to(THEME_ASSETS).as_posix()}", asset)

    @staticmethod
    def form_url(rel: str) -> str:
        return "bieu-mau/tep/" + str(PurePosixPath(rel).relative_to("content/forms"))

    @staticmethod
    def file_url(rel: str) -> str:
        return "van-ban/tep/" + str(PurePosixPath(rel).relative_to("content/files"))

    def emblem_url(self) -> str:
        return "assets/bieu-trung" + Path(self.config.emblem).suffix

    # -------------------------------------------------------------- labels
    def document_title(self, slug: str) -> str:
        d = self.site.documents[slug].item
        tname = self.tax.document_types[d.type].name if d.type in self.tax.document_types else d.type
        tname = tname.split(" (")[0]
        if d.abstract and d.abstract.lower().startswith(tname.lower()):
            return f"{d.abstract} số {d.number}" if d.number else d.abstract
        if d.number:
            return f"{tname} số {d.number}"
        issuer = self.tax.issuers[d.issuer].name if d.issuer in self.tax.issuers else d.issuer
        return f"{tname} của {issuer} ngày {format_date(d.issued)}"

    def document_label(self, slug: str) -> str:
        d = self.site.documents[slug].item
        return d.number or self.document_title(slug)

    def status_name(self, status: str) -> str:
        s = self.tax.statuses.get(status)
        return s.name if s else status

    def sector_name(self, sector: str) -> str:
        s = self.tax.sectors.get(sector)
        return s.name if s else sector

    def level_name(self, level: str) -> str:
        s = self.tax.levels.get(level)
        return s.name if s else level

    def agency_name(self, slug: str | None) -> str:
        if not slug:
            return "Chưa cập nhật"
        a = self.site.agencies.get(slug)
        return a.item.name if a else slug

    @staticmethod
    def time_limit(tl) -> str:
        if tl is None:
            return "Chưa cập nhật"
        if tl.unit == "same_day":
            text = "Trong ngày"
        elif tl.unit == "unspecified":
            text = "Không có thời hạn cố định"
        else:
            value = int(tl.value) if tl.value == int(tl.value) else tl.value
            text = f"{value:02d} {TIME_UNITS[tl.unit]}" if isinstance(value, int) else f"{value} {TIME_UNITS[tl.unit]}"
        return text

    @staticmethod
    def fees(fees) -> str:
        if not fees:
            return "Không thu phí, lệ phí"
        parts = []
        for fee in fees:
            amount = format_vnd(fee.amount_vnd) if fee.amount_vnd is not None else ""
            text = f"{fee.name}: {amount}" if amount else fee.name
            if fee.note:
                text += f" ({fee.note})"
            parts.append(text)
        return "\n".join(parts)

    def fee_summary(self, procedure) -> str:
        amounts = {f.amount_vnd for m in procedure.methods for f in m.fees}
        if not any(m.fees for m in procedure.methods):
            return "Không thu"
        known = sorted(a for a in amounts if a)
        if None in amounts:
            return "Tùy trường hợp"
        if known:
            return "Từ " + format_vnd(known[0]) if len(known) > 1 else format_vnd(known[0])
        return "Theo quy định" if None in amounts else "Miễn"

    @staticmethod
    def date(value) -> str:
        return format_date(value) if value else ""

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

    def procedure_name(self, slug: str) -> str:
        return self.site.procedures[slug].item.name or f"Thủ tục {slug} (chưa có tên)"

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
