"""The report as an administrative document (Decree 30/2020/NĐ-CP, Art. 8 and Appendix I): header
block, type and abstract, body, recipients and signer, built once from the figures and written by
docx_writer.py and html_writer.py alike, so both formats hold the same words and numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .figures import LABELS, Count, Figures

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[float]          # shares of the text width


@dataclass
class Report:
    parent_body: str             # "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI"
    body: str                    # "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    number: str                  # "Số:      /BC-STTTT" (the clerk fills the number)
    place_date: str
    kind: str
    abstract: str
    title: str                   # "Báo cáo tình hình …": the file's title
    blocks: list = field(default_factory=list)     # ("h1"|"h2"|"p", text) or ("table", Table)
    annex: list = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_title: str = "GIÁM ĐỐC"
    sample_note: str = ""


def _initials(name: str) -> str:
    words = [w for w in re.split(r"\s+", name) if w and w.lower() not in ("và",)]
    return "".join(w[0].upper() for w in words)


def _share(met: int, required: int) -> str:
    return f"{100 * met / required:.1f}%".replace(".", ",") if required else "—"


def _change(now: Count, before: Count) -> str:
    if now.value is None or before.value is None or now.at_least or before.at_least:
        return "Không so sánh được"
    delta = now.value - before.value
    return "Không đổi" if delta == 0 else f"{'+' if delta > 0 else '−'}{abs(delta)}"


def build(site, current: Figures, previous: Figures, today: dt.date | None = None) -> Report:
    cfg = site.config
    unit = cfg.operating_unit.name if cfg and cfg.operating_unit else "Đơn vị vận hành cổng"
    province = cfg.province if cfg else ""
    unit_short = re.sub(r"\s+tỉnh\s+.*$", "", unit)
    today = today or dt.date.today()
    period = current.period
    title = "Báo cáo tình hình cung cấp thông tin trên Cổng thông tin điện tử tỉnh " + period.label
    person = (cfg.operating_unit.responsible_person or "") if cfg and cfg.operating_unit else ""
    report = Report(
        parent_body=(cfg.agency_name if cfg else "").upper(), body=unit_short.upper(),
        number=f"Số:        /BC-{_initials(unit_short)}",
        place_date=f"{province}, ngày      tháng      năm {today.year}", kind="BÁO CÁO",
        abstract=title[len("Báo cáo "):][:1].upper() + title[len("Báo cáo ") + 1:], title=title,
        signer_title=(person.split(" Sở")[0] or "GIÁM ĐỐC").upper(),
        recipients=[f"{cfg.agency_name if cfg else 'Ủy ban nhân dân tỉnh'} (để báo cáo);",
                    "Các sở, ban, ngành, Ủy ban nhân dân cấp huyện (để thực hiện);", "Lưu: VT."])
    total, before = current.total, previous.total
    b = report.blocks
    b.append(("p", f"Thực hiện Chỉ thị của Ủy ban nhân dân tỉnh ngày 23/12/2008 về việc cung cấp thông tin trên "
                   f"{cfg.portal_name if cfg else 'cổng thông tin điện tử'}, {unit} báo cáo kết quả {period.label} "
                   f"(từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y}) như sau:"))
    b.append(("h1", "I. KẾT QUẢ CUNG CẤP THÔNG TIN"))
    b.append(("h2", "1. Mức độ đáp ứng yêu cầu của pháp luật"))
    if not current.checks_enabled:
        b.append(("p", "Kiểm tra yêu cầu của pháp luật đang tắt trong content/compliance.yml (enabled: false) nên báo "
                       "cáo không có số liệu về mức độ đáp ứng; bật lại để có số liệu này."))
    b.append(("p", f"Đối chiếu theo {current.profile} (văn bản có hiệu lực tại ngày {period.end:%d/%m/%Y}), cổng có "
                   f"{total.required} yêu cầu phải đáp ứng: đã đáp ứng {total.met} "
                   f"({_share(total.met, total.required)}), "
                   f"được miễn có lý do {total.exempted}, chưa đáp ứng {total.not_met}. "
                   f"Kỳ trước ({previous.period.label}): đã đáp ứng {before.met}/{before.required}, "
                   f"được miễn {before.exempted}, chưa đáp ứng "
                   f"{before.not_met}."))
    earlier = {r.slug: r for r in previous.agencies} | {"*": before}

    def trend(row, key):
        old = earlier.get(key)
        return _share(old.met, old.required) if old else "Chưa có"

    b.append(("table", Table(["Cơ quan, đơn vị", "Số yêu cầu", "Đã đáp ứng", "Được miễn", "Chưa đáp ứng",
                              "Tỷ lệ đáp ứng", "Tỷ lệ kỳ trước"],
                             [[r.name, str(r.required), str(r.met), str(r.exempted), str(r.not_met),
                               _share(r.met, r.required), trend(r, r.slug if r is not total else "*")]
                              for r in [*current.agencies, total]],
                             [0.31, 0.1, 0.1, 0.1, 0.11, 0.14, 0.14])))
    b.append(("h2", "2. Thông tin được đăng, cập nhật trong kỳ"))
    b.append(("table", Table(["Nội dung", period.label.capitalize(), previous.period.label.capitalize(), "Thay đổi"],
                             [[LABELS[k], current.counts[k].text(), previous.counts[k].text(),
                               _change(current.counts[k], previous.counts[k])] for k in LABELS],
                             [0.46, 0.18, 0.18, 0.18])))
    if current.deadline_days is not None:
        b.append(("p", f"Thời hạn đăng văn bản do tỉnh ban hành: {current.deadline_days} ngày làm việc kể từ ngày ban "
                       "hành (tính theo ngày làm việc, trừ ngày nghỉ lễ, Tết)."))
    notes = [f"{LABELS[k]}: {c.text().lower()} — {c.why}." for k, c in current.counts.items() if c.why]
    if notes:
        b.append(("p", "Ghi chú về số liệu: " + " ".join(notes)))
    b.append(("p", f"Nguồn số liệu kỳ này: {current.source}; kỳ trước: {previous.source}."))
    b.append(("h1", "II. TỒN TẠI, HẠN CHẾ"))
    if current.gaps:
        by_agency: dict[str, int] = {}
        for gap in current.gaps:
            by_agency[gap.agency] = by_agency.get(gap.agency, 0) + 1
        b.append(("p", f"Còn {len(current.gaps)} yêu cầu chưa đáp ứng, theo cơ quan chịu trách nhiệm: "
                       + "; ".join(f"{a}: {n}" for a, n in sorted(by_agency.items(), key=lambda kv: -kv[1])) + "."))
        b.append(("table", Table(["Cơ quan chịu trách nhiệm", "Yêu cầu", "Căn cứ", "Nội dung còn thiếu"],
                                 [[g.agency, g.title, g.citation, f"{g.message} ({g.path})"] for g in current.gaps],
                                 [0.22, 0.22, 0.22, 0.34])))
    else:
        b.append(("p", f"Tại ngày {period.end:%d/%m/%Y} không còn yêu cầu nào chưa đáp ứng; {total.exempted} yêu cầu "
                       "được miễn có ghi lý do trong content/compliance.yml."))
    b.append(("h1", "III. ĐỀ XUẤT, KIẾN NGHỊ"))
    b.append(("p", "Đề nghị các cơ quan có yêu cầu chưa đáp ứng (mục II và Phụ lục) bổ sung thông tin trong kỳ tới; "
                   "các yêu cầu được miễn được rà soát lại lý do khi văn bản pháp luật thay đổi."))
    for row in current.agencies:
        gaps = [g for g in current.gaps if g.agency == row.name]
        report.annex.append(("h2", row.name))
        report.annex.append(("table", Table(["Nhóm yêu cầu", "Đã đáp ứng", "Được miễn", "Chưa đáp ứng"],
                                            [[label, str(m), str(e), str(n)]
                                             for label, (m, e, n) in row.categories.items()]
                                            + [["Cộng", str(row.met), str(row.exempted), str(row.not_met)]],
                                            [0.46, 0.18, 0.18, 0.18])))
        if gaps:
            report.annex.append(("table", Table(["Yêu cầu chưa đáp ứng", "Căn cứ", "Nội dung còn thiếu"],
                                                [[g.title, g.citation, f"{g.message} ({g.path})"] for g in gaps],
                                                [0.3, 0.3, 0.4])))
    if cfg and cfg.sample:
        report.sample_note = "Báo cáo lập từ dữ liệu mẫu của bộ công cụ, không phải số liệu chính thức."
    return report
