"""`portal new`: a valid content file from a commented template.

The essentials are asked for (or given as options) and checked against the
portal's own code lists before anything is written; the rest of the fields are
in the file as comments that say what the law asks for. The new file passes
`portal check`'s shape and reference checks; the legal checks then list what is
still missing, with the article.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..numbers import parse as parse_number
from ..text import nfc, slugify

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "scaffold_templates"),
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True)
_ENV.filters["q"] = lambda value: json.dumps(value, ensure_ascii=False)
KINDS = ("procedure", "document", "agency", "page")


class ScaffoldError(Exception):
    """A value the editor gave cannot be used; the message says what to give instead."""


@dataclass
class Created:
    path: Path
    rel: str
    url: str


def _choose(value: str, options: dict, what: str, file: str) -> str:
    if value not in options:
        listed = ", ".join(sorted(options))
        raise ScaffoldError(f"Không có {what} '{value}'. Chọn một trong: {listed} (danh mục {file}).")
    return value


def _slug(text: str, drop_prefix: str = "") -> str:
    text = nfc(text).strip()
    if drop_prefix and text.lower().startswith(drop_prefix):
        text = text[len(drop_prefix):]
    slug = slugify(text)[:80].strip("-")
    if not slug:
        raise ScaffoldError("Tên phải có ít nhất một chữ hoặc số để đặt tên tệp.")
    return slug


def _write(root: Path, rel: str, text: str, url: str) -> Created:
    path = root / rel
    if path.exists():
        raise ScaffoldError(f"Đã có tệp {rel}; sửa tệp đó, hoặc chọn tên khác (--slug).")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Created(path, rel, url)


def new_procedure(root: Path, tax, agencies: set[str], *, name: str, sector: str, level: str,
                  agency: str | None = None, code: str | None = None, slug: str | None = None,
                  codes: dict[str, str] | None = None, day: dt.date | None = None) -> Created:
    _choose(sector, tax.sectors, "lĩnh vực", "content/taxonomy/sectors.yml")
    _choose(level, tax.levels, "cấp thực hiện", "content/taxonomy/levels.yml")
    if agency:
        _choose(agency, dict.fromkeys(agencies), "cơ quan", "content/agencies/")
    if code and not (len(code) == 8 and code[1] == "." and code.replace(".", "").isdigit()):
        raise ScaffoldError(f"Mã thủ tục '{code}' không đúng dạng: cần dạng 1.001193 (như trên CSDL quốc gia).")
    if code and codes and code in codes:
        raise ScaffoldError(f"Mã thủ tục {code} đã có ở {codes[code]}; sửa tệp đó thay vì tạo tệp mới.")
    slug = slug or _slug(name, "thủ tục ")
    text = _ENV.get_template("procedure.yml.j2").render(
        name=nfc(name),
        sector=sector,
        level=level,
        agency=agency,
        code=code,
        today=(day or dt.date.today()).isoformat(),
        levels=", ".join(tax.levels),
    )
    return _write(root, f"procedures/{sector}/{slug}.yml", text, f"/thu-tuc/{slug}/")


def new_document(root: Path, tax, *, number: str, type: str, issuer: str, issued: dt.date, abstract: str,
                 status: str = "in_force", slug: str | None = None, day: dt.date | None = None) -> Created:
    _choose(type, tax.document_types, "loại văn bản", "content/taxonomy/document_types.yml")
    _choose(issuer, tax.issuers, "cơ quan ban hành", "content/taxonomy/issuers.yml")
    _choose(status, tax.statuses, "tình trạng hiệu lực", "content/taxonomy/statuses.yml")
    number = nfc(number).strip()
    if parse_number(number) is None:
        raise ScaffoldError(f"Số, ký hiệu '{number}' không đúng dạng của Nghị định 30/2020/NĐ-CP, "
                            "ví dụ 123/2015/NĐ-CP, 15/2024/QĐ-UBND, 60/2014/QH13.")
    slug = slug or _slug(f"{tax.document_types[type].name} {number}")
    text = _ENV.get_template("document.md.j2").render(
        number=number, type=type, issuer=issuer, issued=issued.isoformat(), status=status, abstract=nfc(abstract),
        today=(day or dt.date.today()).isoformat())
    return _write(root, f"policies/{issued.year}/{slug}.md", text, f"/van-ban/{issued.year}/{slug}/")


def new_agency(root: Path, tax, agencies: set[str], *, name: str, level: str, parent: str | None = None,
               email: str | None = None, slug: str | None = None, day: dt.date | None = None) -> Created:
    _choose(level, tax.levels, "cấp", "content/taxonomy/levels.yml")
    if parent:
        _choose(parent, dict.fromkeys(agencies), "cơ quan cấp trên", "content/agencies/")
    if email and ("@" not in email or " " in email):
        raise ScaffoldError(f"Thư điện tử '{email}' không hợp lệ.")
    slug = slug or _slug(name)
    text = _ENV.get_template("agency.yml.j2").render(
        name=nfc(name),
        level=level,
        parent=parent,
        email=email,
        today=(day or dt.date.today()).isoformat(),
        levels=", ".join(tax.levels),
    )
    return _write(root, f"content/agencies/{slug}.yml", text, f"/co-quan/{slug}/")


def new_page(root: Path, tax, *, title: str, section: str, lang: str = "vi", slug: str | None = None,
             day: dt.date | None = None) -> Created:
    _choose(section, tax.sections, "chuyên mục", "content/taxonomy/sections.yml")
    if lang not in ("vi", "en"):
        raise ScaffoldError("Ngôn ngữ chỉ có thể là vi hoặc en.")
    slug = slug or _slug(title)
    text = _ENV.get_template("page.md.j2").render(title=nfc(title), section=section, lang=lang,
                                                 today=(day or dt.date.today()).isoformat())
    path = tax.sections[section].path
    return _write(root, f"content/pages/{slug}.md", text, f"/{path}/{slug.removeprefix(path + '-')}/")


def asker(given: dict, prompt=None):
    """ask(key, question, choices, required): the value given as an option, else `prompt(text, required)`'s
    answer; without a prompt (--no-input) a missing required value is a ScaffoldError."""
    def ask(key: str, question: str, choices=None, required: bool = True):
        if given.get(key) not in (None, ""):
            return given[key]
        if prompt is None:
            if required:
                raise ScaffoldError(f"Thiếu --{key.replace('doc_type', 'type')}: {question}.")
            return None
        hint = f" ({', '.join(sorted(choices))})" if choices and len(choices) <= 20 else ""
        return prompt(question + hint, required) or None
    return ask


def new_item(kind: str, root: Path, given: dict, ask) -> Created:
    """`portal new KIND`: values come from `given` (options) or `ask(key, question, choices, required)`,
    the prompt the command line supplies; raises ScaffoldError for a value that cannot be used."""
    from ..content.loading import load_site
    from ..problems import Report
    site = load_site(root, Report())
    tax, agencies = site.taxonomy, set(site.agencies)
    # The content says how things stood on the as-of date: a new file is dated then, not today.
    day = min(dt.date.today(), site.config.as_of) if site.config and site.config.as_of else dt.date.today()
    if kind == "procedure":
        return new_procedure(root, tax, agencies, name=ask("name", "Tên thủ tục (đúng tên trên CSDL quốc gia)"),
                             sector=ask("sector", "Mã lĩnh vực", tax.sectors),
                             level=ask("level", "Cấp thực hiện", tax.levels),
                             agency=ask("agency", "Cơ quan thực hiện (Enter để bỏ qua)", required=False),
                             code=ask("code", "Mã thủ tục, ví dụ 1.001193 (Enter để bỏ qua)", required=False),
                             slug=given.get("slug"), day=day,
                             codes={e.item.national_code: e.rel for e in site.procedures.values()
                                    if e.item.national_code})
    if kind == "document":
        issued = ask("issued", "Ngày ban hành (YYYY-MM-DD)")
        return new_document(root, tax, number=ask("number", "Số, ký hiệu"),
                            type=ask("doc_type", "Loại văn bản", tax.document_types),
                            issuer=ask("issuer", "Cơ quan ban hành", tax.issuers), issued=_date(issued),
                            abstract=ask("abstract", "Trích yếu"), slug=given.get("slug"), day=day)
    if kind == "agency":
        return new_agency(root, tax, agencies, name=ask("name", "Tên cơ quan"), level=ask("level", "Cấp", tax.levels),
                          parent=ask("parent", "Cơ quan cấp trên (Enter để bỏ qua)", required=False),
                          email=ask("email", "Thư điện tử công vụ (Enter để bỏ qua)", required=False),
                          slug=given.get("slug"), day=day)
    return new_page(root, tax, title=ask("title", "Tiêu đề trang"), section=ask("section", "Chuyên mục", tax.sections),
                    lang=given.get("lang") or "vi", slug=given.get("slug"), day=day)


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise ScaffoldError(f"Ngày '{value}' không hợp lệ: ghi dạng YYYY-MM-DD, ví dụ 2024-12-31.")


def address_of(root: Path, kind: str, data: dict) -> str:
    """The file a new entry of `kind` (a schema name) goes to, by the rules of `portal new`;
    the browser editor uses it so a form and the command name files alike."""
    def need(key: str, what: str) -> str:
        value = data.get(key)
        if not value or not str(value).strip():
            raise ScaffoldError(f"Cần điền {what} trước khi lưu: tên tệp của mục mới lấy từ đó.")
        return str(value)

    if kind == "procedure":
        return f"procedures/{slugify(need('sector', 'lĩnh vực')) }/{_slug(need('name', 'tên thủ tục'), 'thủ tục ')}.yml"
    if kind == "document":
        from ..content.loading import load_taxonomy
        from ..problems import Report
        issued = _date(need("issued", "ngày ban hành"))
        types = load_taxonomy(root, Report()).document_types
        kind_name = types[data["type"]].name if data.get("type") in types else ""
        label = (f"{kind_name} {data['number']}" if data.get("number")
                 else need("abstract", "số, ký hiệu hoặc trích yếu"))
        return f"policies/{issued.year}/{_slug(label)}.md"
    folders = {"agency": ("content/agencies", "name", "yml"), "page": ("content/pages", "title", "md"),
               "project": ("content/projects", "name", "yml"), "consultation": ("content/consultations", "title", "md")}
    folder, key, ext = folders[kind]
    return f"{folder}/{_slug(need(key, 'tên' if key == 'name' else 'tiêu đề'))}.{ext}"
