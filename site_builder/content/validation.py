"""Cross-reference and consistency checks over the whole site.

Shape checks live in the model; these need more than one file or the
taxonomy: unknown codes, dangling references, duplicates, dates and statuses.
Legal-compliance rules (which content the law requires) are a separate layer.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path, PurePosixPath

from .. import numbers
from ..codes import C
from ..problems import Report
from .catalog import Catalog
from .dates import check_past_dates
from .loading import Entry, Site


def _did_you_mean(value: str, choices, cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=cutoff)
    return f"Có phải ý bạn là '{close[0]}'? " if close else ""


def _unknown_code(report: Report, entry: Entry, loc: tuple, value: str, choices: dict,
                  what: str, file: str) -> None:
    report.add(entry.rel, entry.line(*loc), _REF_CODES[what],
                 f"Mã {_LABELS[what]} '{value}' không có trong danh mục.",
                 _did_you_mean(value, choices) + f"Dùng một mã trong content/taxonomy/{file}.yml "
                 "hoặc bổ sung mã mới vào danh mục đó.")


_REF_CODES = {"sector": C.REF_SECTOR, "level": C.REF_LEVEL, "type": C.REF_TYPE, "issuer": C.REF_ISSUER,
              "status": C.REF_STATUS, "relation": C.REF_RELATION, "section": C.REF_SECTION}
_LABELS = {"sector": "lĩnh vực", "level": "cấp", "type": "loại văn bản", "issuer": "cơ quan ban hành",
           "status": "tình trạng hiệu lực", "relation": "loại quan hệ", "section": "chuyên mục"}


def check_file_ref(root: Path, report: Report, entry: Entry, loc: tuple, ref: str,
                   allowed_dir: str, code: str, tree=None) -> None:
    """A path to an attachment must stay inside its folder and exist."""
    path = PurePosixPath(ref)
    if path.is_absolute() or ".." in path.parts or not ref.startswith(allowed_dir + "/"):
        report.add(entry.rel, entry.line(*loc), code,
                     f"Đường dẫn '{ref}' nằm ngoài thư mục {allowed_dir}/.",
                     f"Đặt tệp trong {allowed_dir}/ và ghi đường dẫn bắt đầu bằng '{allowed_dir}/'.")
        return
    if tree is not None and tree.is_link(ref):
        report.add(entry.rel, entry.line(*loc), code,
                   f"Tệp '{ref}' là liên kết tượng trưng (symlink): cổng không đăng nội dung qua liên kết.",
                   "Đặt chính tệp đó vào đúng chỗ thay cho liên kết.")
        return
    if not (tree.has_file(ref) if tree is not None else (root / ref).is_file()):
        report.add(entry.rel, entry.line(*loc), code, f"Không tìm thấy tệp '{ref}'.",
                     f"Kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) hoặc thêm tệp vào {allowed_dir}/.")


def validate_site(site: Site, cat: Catalog, report: Report, as_of: dt.date) -> None:
    tax = site.taxonomy
    _check_config(site, report)
    for entry in site.agencies.values():
        a = entry.item
        if a.level not in tax.levels:
            _unknown_code(report, entry, ("level",), a.level, tax.levels, "level", "levels")
        if a.parent and a.parent not in site.agencies:
            report.add(entry.rel, entry.line("parent"), C.REF_AGENCY,
                         f"Cơ quan cấp trên '{a.parent}' không tồn tại.",
                         _did_you_mean(a.parent, site.agencies) + "Ghi tên tệp (không có .yml) của một cơ quan trong "
                                                                  "content/agencies/.")
    _check_agency_cycles(site, report)
    for entry in site.procedures.values():
        w = entry.item.withdrawn
        if w and w.replaced_by and w.replaced_by not in site.procedures:
            report.add(entry.rel, entry.line("withdrawn", "replaced_by"), C.REF_PROCEDURE,
                         f"Thủ tục thay thế '{w.replaced_by}' không tồn tại.",
                         _did_you_mean(w.replaced_by, site.procedures) + "Ghi tên tệp (không có .yml) của thủ tục thay "
                                                                         "thế.")
    for entry in site.pages.values():
        if entry.item.section not in tax.sections:
            _unknown_code(report, entry, ("section",), entry.item.section, tax.sections, "section", "sections")
    for entry in site.consultations.values():
        _check_agency_ref(site, report, entry, ("agency",), entry.item.agency)
    for entry in site.projects.values():
        if entry.item.agency:
            _check_agency_ref(site, report, entry, ("agency",), entry.item.agency)
    _check_procedures(site, cat, report)
    _check_documents(site, cat, report, as_of)
    check_past_dates(site, report, as_of)


def _check_config(site: Site, report: Report) -> None:
    if site.config and site.config_entry:
        check_file_ref(site.root, report, site.config_entry, ("emblem",), site.config.emblem, "content", C.REF_FILE,
                       site.tree)
        for i, task in enumerate(site.config.home_tasks):
            entry = site.config_entry
            if task.procedure and task.procedure not in site.procedures:
                report.add(entry.rel, entry.line("home_tasks", i, "procedure"), C.REF_PROCEDURE,
                           f"Việc '{task.label}' trên trang chủ trỏ tới thủ tục '{task.procedure}' không có.",
                           _did_you_mean(task.procedure, site.procedures) + "Ghi tên tệp (không có .yml) của một "
                                                                           "thủ tục trong procedures/.")
            if task.sector and task.sector not in site.taxonomy.sectors:
                report.add(entry.rel, entry.line("home_tasks", i, "sector"), C.REF_SECTOR,
                           f"Việc '{task.label}' trên trang chủ trỏ tới lĩnh vực '{task.sector}' không có.",
                           _did_you_mean(task.sector, site.taxonomy.sectors) + "Ghi một mã trong "
                                                                              "content/taxonomy/sectors.yml.")


def _check_agency_ref(site, report, entry, loc, slug) -> None:
    if slug not in site.agencies:
        report.add(entry.rel, entry.line(*loc), C.REF_AGENCY, f"Cơ quan '{slug}' không tồn tại.",
                     _did_you_mean(slug, site.agencies) + "Ghi tên tệp (không có .yml) của một cơ quan trong "
                                                          "content/agencies/.")


def _check_agency_cycles(site: Site, report: Report) -> None:
    for slug, entry in site.agencies.items():
        seen = {slug}
        current = entry.item.parent
        while current and current in site.agencies:
            if current in seen:
                report.add(entry.rel, entry.line("parent"), C.AGENCY_CYCLE,
                             "Quan hệ cấp trên tạo thành vòng lặp (cơ quan là cấp trên của chính nó).",
                             "Sửa trường parent để cơ quan cấp cao nhất không có cấp trên.")
                break
            seen.add(current)
            current = site.agencies[current].item.parent


def _check_procedures(site: Site, cat: Catalog, report: Report) -> None:
    tax = site.taxonomy
    codes: dict[str, Entry] = {}
    for entry in site.procedures.values():
        p = entry.item
        folder = PurePosixPath(entry.rel).parent.name
        if p.sector not in tax.sectors:
            _unknown_code(report, entry, ("sector",), p.sector, tax.sectors, "sector", "sectors")
        elif folder != p.sector:
            report.add(entry.rel, entry.line("sector"), C.SECTOR_FOLDER,
                         f"Lĩnh vực '{p.sector}' khác thư mục chứa tệp '{folder}'.",
                         f"Chuyển tệp vào procedures/{p.sector}/ hoặc sửa trường sector.")
        if p.level not in tax.levels:
            _unknown_code(report, entry, ("level",), p.level, tax.levels, "level", "levels")
        if p.agency:
            _check_agency_ref(site, report, entry, ("agency",), p.agency)
        if p.national_code:
            if p.national_code in codes:
                report.add(entry.rel, entry.line("national_code"), C.DUPLICATE_CODE,
                             f"Mã thủ tục {p.national_code} đã dùng cho {codes[p.national_code].rel}.",
                             "Mỗi thủ tục có một mã duy nhất trên CSDL quốc gia; kiểm tra lại mã.")
            else:
                codes[p.national_code] = entry
        for i, basis in enumerate(p.legal_basis):
            if cat.resolve_document(basis.number) is None and not basis.abstract:
                report.add(entry.rel, entry.line("legal_basis", i, "number"), C.REF_LEGAL_BASIS,
                             f"Không tìm thấy văn bản '{basis.number}' trong policies/.",
                             _did_you_mean(numbers.key(basis.number), cat.doc_by_key, 0.85)
                             + "Sửa số ký hiệu, thêm văn bản vào policies/, hoặc ghi trích yếu (abstract) nếu là văn "
                               "bản ngoài cổng.")
        for c, case in enumerate(p.dossier):
            for i, item in enumerate(case.items):
                if item.form:
                    check_file_ref(site.root, report, entry, ("dossier", c, "items", i, "form"), item.form,
                                   "content/forms", C.REF_FORM, site.tree)
        if p.time_limit and p.time_limit.unit == "same_day" and p.time_limit.value:
            report.add(entry.rel, entry.line("time_limit", "value"), C.TIME_LIMIT,
                           "Thời hạn 'trong ngày' không cần số lượng.", "Xóa value hoặc đổi unit.")


def _check_documents(site: Site, cat: Catalog, report: Report, as_of: dt.date) -> None:
    tax = site.taxonomy
    seen_numbers: dict[str, Entry] = {}
    for slug, entry in site.documents.items():
        d = entry.item
        for field, table, label, file in (("type", tax.document_types, "type", "document_types"),
                                          ("issuer", tax.issuers, "issuer", "issuers"),
                                          ("status", tax.statuses, "status", "statuses")):
            value = getattr(d, field)
            if value not in table:
                _unknown_code(report, entry, (field,), value, table, label, file)
        for i, sector in enumerate(d.sectors):
            if sector not in tax.sectors:
                _unknown_code(report, entry, ("sectors", i), sector, tax.sectors, "sector", "sectors")
        folder = PurePosixPath(entry.rel).parent.name
        if folder != str(d.issued.year):
            report.add(entry.rel, entry.line("issued"), C.YEAR_FOLDER,
                         f"Văn bản ban hành năm {d.issued.year} nhưng nằm trong thư mục policies/{folder}/.",
                         f"Chuyển tệp vào policies/{d.issued.year}/ hoặc sửa ngày ban hành.")
        if d.number:
            _check_number(entry, report, tax)
            parsed = numbers.parse(d.number)
            # Administrative numbers restart every year (Decree 30/2020 Art. 15),
            # so "141/QĐ-UBND" of 2005 and of 2024 are different documents.
            key = numbers.key(d.number) + ("" if parsed and parsed.year else f"@{d.issued.year}")
            if key in seen_numbers:
                report.add(entry.rel, entry.line("number"), C.DUPLICATE_NUMBER,
                             f"Số ký hiệu {d.number} đã dùng cho {seen_numbers[key].rel}.",
                             "Hai tệp mô tả cùng một văn bản: gộp lại hoặc sửa số ký hiệu.")
            else:
                seen_numbers[key] = entry
        if d.effective and d.effective < d.issued:
            report.add(entry.rel, entry.line("effective"), C.DATE_ORDER,
                         f"Ngày hiệu lực {d.effective:%d/%m/%Y} trước ngày ban hành {d.issued:%d/%m/%Y}.",
                         "Kiểm tra lại hai ngày (ghi dạng YYYY-MM-DD).")
        if d.expired and d.effective and d.expired < d.effective:
            report.add(entry.rel, entry.line("expired"), C.DATE_ORDER,
                         f"Ngày hết hiệu lực {d.expired:%d/%m/%Y} trước ngày có hiệu lực {d.effective:%d/%m/%Y}.",
                         "Kiểm tra lại hai ngày.")
        if d.file:
            check_file_ref(site.root, report, entry, ("file",), d.file, "content/files", C.REF_FILE, site.tree)
        _check_status(entry, report, tax, as_of)
        _check_relations(slug, entry, cat, report, tax)
    _check_ended_by_corpus(site, cat, report, as_of)


def _check_number(entry: Entry, report: Report, tax) -> None:
    d = entry.item
    parsed = numbers.parse(d.number)
    line = entry.line("number")
    if parsed is None:
        report.add(entry.rel, line, C.NUMBER_FORMAT, f"Số ký hiệu '{d.number}' sai định dạng.",
                     "Văn bản quy phạm: số/năm/ký hiệu, ví dụ 64/2007/NĐ-CP; văn bản hành chính: "
                     "số/ký hiệu, ví dụ 3218/QĐ-UBND (Nghị định 30/2020/NĐ-CP).")
        return
    if parsed.text != d.number:
        report.add(entry.rel, line, C.NUMBER_SPELLING, f"Số ký hiệu nên viết là '{parsed.text}'.",
                       "Dùng chữ Đ có dấu và dấu gạch ngang thường, không có dấu cách.")
    dtype = tax.document_types.get(d.type)
    if dtype is None:
        return
    if dtype.normative and parsed.kind != "normative":
        report.add(entry.rel, line, C.NUMBER_YEAR,
                     f"Văn bản quy phạm pháp luật ({dtype.name}) phải có năm trong số ký hiệu.",
                     f"Viết dạng số/{d.issued.year}/ký hiệu, ví dụ {parsed.serial}/{d.issued.year}/{parsed.symbol}.")
    if parsed.year and parsed.year != d.issued.year:
        report.add(entry.rel, line, C.NUMBER_YEAR,
                     f"Năm trong số ký hiệu ({parsed.year}) khác năm ban hành ({d.issued.year}).",
                     "Số văn bản được đánh theo năm (Nghị định 30/2020 Điều 15): sửa số ký hiệu hoặc ngày ban hành.")
    if dtype.symbol and not parsed.symbol.startswith(dtype.symbol + "-") and parsed.kind != "consolidated":
        report.add(entry.rel, line, C.NUMBER_TYPE,
                       f"Ký hiệu '{parsed.symbol}' không bắt đầu bằng '{dtype.symbol}-' của loại {dtype.name}.",
                       "Kiểm tra loại văn bản (type) hoặc số ký hiệu.")


def _check_status(entry: Entry, report: Report, tax, as_of: dt.date) -> None:
    d = entry.item
    status = tax.statuses.get(d.status)
    if status is None:
        return
    line = entry.line("status")
    if d.effective and d.effective > as_of and d.status != "not_yet_effective":
        report.add(entry.rel, line, C.STATUS_DATES,
                     f"Văn bản có hiệu lực từ {d.effective:%d/%m/%Y}, sau ngày tham chiếu {as_of:%d/%m/%Y}, "
                     f"nhưng tình trạng là '{status.name}'.", "Đổi status thành not_yet_effective.")
    if d.status == "not_yet_effective" and d.effective and d.effective <= as_of:
        report.add(entry.rel, line, C.STATUS_DATES,
                     f"Văn bản đã có hiệu lực từ {d.effective:%d/%m/%Y} nhưng ghi 'Chưa có hiệu lực'.",
                     "Cập nhật status theo tình trạng tại ngày tham chiếu.")
    if d.expired and d.expired <= as_of and status.in_force and d.status != "partly_expired":
        report.add(entry.rel, line, C.STATUS_DATES,
                     f"Văn bản hết hiệu lực từ {d.expired:%d/%m/%Y} nhưng ghi '{status.name}'.",
                     "Đổi status thành expired.")
    if d.status == "expired" and not d.expired:
        report.add(entry.rel, line, C.STATUS_DATES, "Văn bản hết hiệu lực phải ghi ngày hết hiệu lực (expired).",
                     "Thêm dòng 'expired: YYYY-MM-DD'.")
    if d.status == "expired" and d.expired and d.expired > as_of:
        report.add(entry.rel, entry.line("expired"), C.STATUS_DATES,
                     f"Ngày hết hiệu lực {d.expired:%d/%m/%Y} sau ngày tham chiếu {as_of:%d/%m/%Y} nhưng tình trạng là "
                     f"'Hết hiệu lực'.",
                     "Giữ status là in_force đến ngày đó.")
    for i, change in enumerate(d.status_history):
        if change.status not in tax.statuses:
            report.add(entry.rel, entry.line("status_history", i, "status"), C.REF_STATUS,
                         f"Mã tình trạng '{change.status}' không có trong danh mục.",
                         "Dùng một mã trong content/taxonomy/statuses.yml.")


def _check_relations(slug: str, entry: Entry, cat: Catalog, report: Report, tax) -> None:
    for i, rel in enumerate(entry.item.relations):
        if rel.type not in tax.relation_types:
            _unknown_code(report, entry, ("relations", i, "type"), rel.type, tax.relation_types,
                          "relation", "relation_types")
        target = cat.resolve_document(rel.target)
        if target is None:
            report.add(entry.rel, entry.line("relations", i, "target"), C.REF_RELATION,
                         f"Không tìm thấy văn bản đích '{rel.target}'.",
                         _did_you_mean(numbers.key(rel.target), cat.doc_by_key, 0.85)
                         + "Thêm văn bản đó vào policies/ hoặc sửa số ký hiệu.")
        elif target == slug:
            report.add(entry.rel, entry.line("relations", i, "target"), C.RELATION_SELF,
                         "Văn bản có quan hệ với chính nó.", "Sửa target thành số ký hiệu của văn bản khác.")
    # Cycles of one relation type (A replaces B replaces A) are contradictions.
    for edge in cat.outgoing.get(slug, []):
        if edge.target == slug:
            continue
        if _reaches(cat, edge.target, slug, edge.type):
            report.add(entry.rel, entry.line("relations", edge.index, "target"), C.RELATION_CYCLE,
                         f"Quan hệ '{edge.type}' tạo vòng lặp: văn bản đích cũng (gián tiếp) {edge.type} văn bản này.",
                         "Quan hệ chỉ ghi một chiều, ở văn bản ban hành sau; xóa quan hệ ngược.")


def _reaches(cat: Catalog, start: str, goal: str, rtype: str) -> bool:
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(e.target for e in cat.outgoing.get(node, []) if e.type == rtype)
    return False


def _check_ended_by_corpus(site: Site, cat: Catalog, report: Report, as_of: dt.date) -> None:
    """A document wholly replaced or repealed by another one in the corpus, on
    or before the as-of date, cannot be "in force"."""
    tax = site.taxonomy
    for edge in cat.edges:
        rtype = tax.relation_types.get(edge.type)
        if not rtype or not rtype.ends_target:
            continue
        source = site.documents[edge.source].item
        relation = source.relations[edge.index]
        if relation.articles:   # only some articles: partial, target stays (partly) in force
            continue
        when = relation.date or source.effective
        if when and when > as_of:
            continue
        target = site.documents[edge.target]
        if target.item.status == "in_force":
            report.add(target.rel, target.line("status"), C.STATUS_RELATION,
                         f"Văn bản bị {rtype.label.lower()} bởi {source.number or edge.source} "
                         f"(từ {when:%d/%m/%Y}) nhưng vẫn ghi 'Còn hiệu lực'." if when else
                         f"Văn bản bị {rtype.label.lower()} bởi {source.number or edge.source} nhưng vẫn ghi 'Còn hiệu "
                         f"lực'.",
                         "Đổi status thành expired và ghi ngày expired, hoặc partly_expired nếu chỉ một phần; "
                         "nếu quan hệ chỉ áp dụng một phần, ghi articles trong quan hệ và dùng loại quan hệ amends.")
