"""Dates of things that have happened (issued, updated, published, approved…) cannot fall after the
portal's as-of date: the content says how things stood on that day. Dates that may lie ahead
(effective, expired, deadlines) are checked with the statuses in validation.py instead."""

from __future__ import annotations

import datetime as dt

from ..codes import C
from ..problems import Report

# Fields holding the date something happened, per kind: (location in the file, label).
PAST_DATES = {
    "procedures": ((("updated",), "ngày cập nhật"), (("publication_decision", "date"), "ngày quyết định công bố"),
                   (("withdrawn", "date"), "ngày bãi bỏ")),
    "documents": ((("issued",), "ngày ban hành"), (("published",), "ngày đăng trên cổng"),
                  (("updated",), "ngày cập nhật")),
    "agencies": ((("updated",), "ngày cập nhật"),),
    "pages": ((("date",), "ngày đăng"), (("basis_date",), "ngày của văn bản làm căn cứ"),
              (("updated",), "ngày cập nhật")),
    "projects": ((("approved",), "ngày phê duyệt"), (("updated",), "ngày cập nhật")),
    "consultations": ((("opened",), "ngày bắt đầu lấy ý kiến"), (("updated",), "ngày cập nhật")),
}


def check_past_dates(site, report: Report, as_of: dt.date) -> None:
    """Against the date the content itself claims (content/portal.yml as_of); a check forced to an earlier
    date (`--as-of`, to judge the content by the law of then) sees later dates, and that is no error."""
    as_of = site.config.as_of if site.config and site.config.as_of else as_of
    for group, fields in PAST_DATES.items():
        for entry in getattr(site, group).values():
            for loc, label in fields:
                value = entry.item
                for key in loc:
                    value = getattr(value, key, None) if value is not None else None
                if isinstance(value, dt.date) and value > as_of:
                    _future(report, entry.rel, entry.line(*loc), label, value, as_of)
            for i, change in enumerate(getattr(entry.item, "status_history", ())):
                if change.date > as_of:
                    _future(report, entry.rel, entry.line("status_history", i, "date"), "ngày thay đổi tình trạng",
                            change.date, as_of)


def _future(report: Report, rel: str, line: int | None, label: str, value: dt.date, as_of: dt.date) -> None:
    report.add(rel, line, C.DATE_FUTURE,
               f"{label[:1].upper()}{label[1:]} {value:%d/%m/%Y} sau ngày tham chiếu của cổng {as_of:%d/%m/%Y}.",
               "Nội dung phản ánh tình trạng tại ngày tham chiếu (as_of trong content/portal.yml): sửa lại ngày "
               "(ghi YYYY-MM-DD), hoặc cập nhật as_of nếu cổng đã sang kỳ mới.")
