"""How items are named for readers: titles, code-list labels, dates and amounts.

Shared by the renderer and the search units, so a document has the same title on its page, in the
feeds and in search results.
"""

from __future__ import annotations

from .text import format_date, format_vnd

TIME_UNITS = {"working_days": "ngày làm việc", "days": "ngày", "hours": "giờ", "months": "tháng"}
NOT_YET = "Chưa có thông tin"


class Labels:
    def __init__(self, site):
        self.site = site
        self.tax = site.taxonomy

    def document_type_name(self, type_id: str) -> str:
        t = self.tax.document_types.get(type_id)
        return t.name.split(" (")[0] if t else type_id

    def issuer_name(self, issuer: str) -> str:
        i = self.tax.issuers.get(issuer)
        return i.name if i else issuer

    def document_title(self, slug: str) -> str:
        d = self.site.documents[slug].item
        tname = self.document_type_name(d.type)
        if d.abstract and d.abstract.lower().startswith(tname.lower()):
            return f"{d.abstract} số {d.number}" if d.number else d.abstract
        if d.number:
            return f"{tname} số {d.number}"
        return f"{tname} của {self.issuer_name(d.issuer)} ngày {format_date(d.issued)}"

    def document_full_title(self, slug: str) -> str:
        """Type, number and abstract ("Chỉ thị số 34/2008/CT-TTg về việc …"): what a document is.
        Without a number, its abstract (then its date)."""
        d = self.site.documents[slug].item
        short = self.document_title(slug)
        if not d.abstract or d.abstract in short:
            return short
        tname = self.document_type_name(d.type)
        abstract = d.abstract[0].lower() + d.abstract[1:] if d.abstract[1:2].islower() else d.abstract
        if d.number:
            return f"{tname} số {d.number} {abstract}"
        return f"{tname} {abstract}"

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

    def section_name(self, section: str) -> str:
        s = self.tax.sections.get(section)
        return s.name if s else ""

    def agency_name(self, slug: str | None) -> str:
        if not slug:
            return NOT_YET
        a = self.site.agencies.get(slug)
        return a.item.name if a else slug

    def procedure_name(self, slug: str) -> str:
        return self.site.procedures[slug].item.name or f"Thủ tục {slug} (chưa có tên)"

    @staticmethod
    def date(value) -> str:
        return format_date(value) if value else ""

    @staticmethod
    def time_limit(tl) -> str:
        if tl is None:
            return NOT_YET
        if tl.unit == "same_day":
            return "Trong ngày"
        if tl.unit == "unspecified":
            return "Không có thời hạn cố định"
        value = int(tl.value) if tl.value == int(tl.value) else tl.value
        return f"{value:02d} {TIME_UNITS[tl.unit]}" if isinstance(value, int) else f"{value} {TIME_UNITS[tl.unit]}"

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

    @staticmethod
    def fee_summary(procedure) -> str:
        amounts = {f.amount_vnd for m in procedure.methods for f in m.fees}
        if not any(m.fees for m in procedure.methods):
            return "Không thu"
        if None in amounts:
            return "Tùy trường hợp"
        known = sorted(a for a in amounts if a)
        if known:
            return "Từ " + format_vnd(known[0]) if len(known) > 1 else format_vnd(known[0])
        return "Miễn"
