"""E-mail directory, contacts, projects, consultations, freshness and content accessibility."""

from __future__ import annotations

import re

from .context import CheckContext
from .registry import check

FREE_MAIL = {"gmail.com", "yahoo.com", "yahoo.com.vn", "hotmail.com", "outlook.com", "live.com", "icloud.com",
             "aol.com", "mail.ru", "yandex.com", "proton.me", "protonmail.com", "gmx.com", "zoho.com"}


@check
def email_directory(ctx: CheckContext):
    for slug, entry in ctx.real_agencies():
        a = entry.item
        yield ctx.outcome(bool(a.email), entry, ("email",), "Cơ quan chưa có thư điện tử công vụ.",
                          "Thêm trường email.", agency=slug)
        for i, unit in enumerate(a.units):
            yield ctx.outcome(
                bool(unit.email),
                entry,
                ("units", i),
                f"Đơn vị '{unit.name}' chưa có thư điện tử công vụ.",
                "Thêm email cho đơn vị.",
                agency=slug,
            )
        for i, person in enumerate(a.contacts):
            yield ctx.outcome(
                bool(person.email),
                entry,
                ("contacts", i),
                f"Cán bộ '{person.name}' chưa có thư điện tử công vụ.",
                "Thêm email cho cán bộ.",
                agency=slug,
            )


@check
def leader_emails(ctx: CheckContext):
    for slug, entry in ctx.real_agencies():
        for i, person in enumerate(entry.item.leaders):
            yield ctx.outcome(bool(person.email), entry, ("leaders", i),
                              f"Lãnh đạo '{person.name}' chưa có thư điện tử công vụ trong danh bạ.",
                              "Thêm email công vụ của lãnh đạo.", agency=slug)


@check
def official_domains(ctx: CheckContext):
    for slug, entry in ctx.site.agencies.items():
        a = entry.item
        addresses = [(("email",), a.email)] + [(("units", i, "email"), u.email) for i, u in enumerate(a.units)] \
            + [(("leaders", i, "email"), p.email) for i, p in enumerate(a.leaders)] \
            + [(("contacts", i, "email"), p.email) for i, p in enumerate(a.contacts)]
        for loc, email in addresses:
            if not email:
                continue
            domain = email.rsplit("@", 1)[-1].lower()
            yield ctx.outcome(domain not in FREE_MAIL, entry, loc,
                              f"Địa chỉ {email} dùng dịch vụ thư miễn phí, không phải thư điện tử công vụ.",
                              "Dùng hộp thư trên tên miền .gov.vn của cơ quan.", agency=slug)


def _contact_points(ctx: CheckContext, fields: tuple[tuple[str, str], ...], agency_fields=()):
    for slug, entry in ctx.real_agencies():
        a = entry.item
        for key, label in agency_fields:
            yield ctx.outcome(bool(getattr(a, key)), entry, (key,), f"Cơ quan chưa ghi {label}.",
                              f"Thêm trường {key}.", agency=slug)
        yield ctx.outcome(bool(a.contacts), entry, ("contacts",), "Cơ quan chưa có cán bộ đầu mối liên hệ.",
                          "Thêm contacts với họ tên, chức vụ, đơn vị, điện thoại, thư điện tử.", agency=slug)
        for i, person in enumerate(a.contacts):
            missing = [label for key, label in fields if not getattr(person, key)]
            yield ctx.outcome(not missing, entry, ("contacts", i),
                              f"Cán bộ đầu mối '{person.name}' thiếu: {', '.join(missing)}.",
                              "Bổ sung thông tin liên hệ của cán bộ đầu mối.", agency=slug)


@check
def contacts_2011(ctx: CheckContext):
    yield from _contact_points(ctx, (("position", "chức vụ"), ("phone", "điện thoại")))


@check
def contacts_2022(ctx: CheckContext):
    yield ctx.page_outcome(bool(ctx.pages(role="organisation_chart")), "trang sơ đồ tổ chức",
                           "Thêm một trang content/pages/<tên>.md có 'role: organisation_chart'.")
    yield from _contact_points(ctx, (("position", "chức vụ"), ("unit", "đơn vị"), ("phone", "điện thoại")),
                               (("address", "địa chỉ"), ("phone", "điện thoại")))


@check
def project_fields(ctx: CheckContext):
    labels = (("objective", "mục tiêu"), ("field", "lĩnh vực"), ("kind", "loại dự án"), ("duration", "thời gian thực "
                                                                                                     "hiện"),
              ("budget", "kinh phí"), ("funding", "loại nguồn vốn"), ("donor", "nhà tài trợ"), ("status", "tình trạng"))
    for slug, entry in ctx.site.projects.items():
        missing = [(k, label) for k, label in labels if not getattr(entry.item, k)]
        yield ctx.outcome(not missing, entry, (),
                          "Dự án thiếu: " + ", ".join(label for _, label in missing) + ".",
                          "Bổ sung các trường " + ", ".join(k for k, _ in missing) + " (nhà tài trợ: ghi 'Không' nếu "
                                                                                     "không có).",
                          agency=entry.item.agency, entity=f"project:{slug}")


@check
def consultation_fields(ctx: CheckContext):
    for slug, entry in ctx.site.consultations.items():
        c = entry.item
        missing = [label for ok, label in ((entry.body.strip(), "toàn văn dự thảo"), (c.deadline, "hạn góp ý"),
                                           (c.contact_email, "thư điện tử nhận góp ý")) if not ok]
        yield ctx.outcome(not missing, entry, (), "Dự thảo lấy ý kiến thiếu: " + ", ".join(missing) + ".",
                          "Ghi deadline, contact_email và toàn văn dự thảo sau phần thông tin.",
                          agency=c.agency, entity=f"consultation:{slug}")


@check
def freshness(ctx: CheckContext):
    period = ctx.config.review_period_days if ctx.config else 365
    groups = (("procedures", "thủ tục"), ("documents", "văn bản"), ("agencies", "cơ quan"), ("pages", "trang"))
    for attr, label in groups:
        for slug, entry in getattr(ctx.site, attr).items():
            changed = ctx.last_changed(entry)
            agency = entry.item.agency if attr == "procedures" else (slug if attr == "agencies" else None)
            if changed is None:
                yield ctx.failed(entry, ("updated",), f"Chưa có ngày cập nhật của {label}.",
                                 "Thêm trường updated: YYYY-MM-DD (ngày rà soát gần nhất).", agency=agency)
                continue
            age = (ctx.as_of - changed).days
            yield ctx.outcome(age <= period, entry, ("updated",),
                              f"Nội dung chưa được rà soát {age} ngày (chu kỳ {period} ngày).",
                              "Rà soát nội dung, sửa nếu cần và cập nhật trường updated.", agency=agency)


_IMG_NO_ALT = re.compile(r"!\[\s*\]\(")
_BLINK = re.compile(r"<\s*(marquee|blink)\b", re.IGNORECASE)
_GENERIC_LINK = re.compile(
    r"\[\s*(tại đây|ở đây|click here|here|xem thêm|nhấn vào đây|bấm vào đây)\s*\]\(", re.IGNORECASE
)


@check
def content_accessibility(ctx: CheckContext):
    bodies = [(e, "pages") for e in ctx.site.pages.values()] + [(e, "documents") for e in ctx.site.documents.values()] \
        + [(e, "consultations") for e in ctx.site.consultations.values()]
    for entry, _ in bodies:
        problems = []
        for n, line in enumerate(entry.body.split("\n")):
            if _IMG_NO_ALT.search(line):
                problems.append((n, "Ảnh chưa có văn bản thay thế", "Viết mô tả ảnh trong ngoặc vuông: ![Bản đồ hành "
                                                                    "chính tỉnh](…)."))
            if _BLINK.search(line):
                problems.append((n, "Chữ nhấp nháy hoặc chạy (marquee, blink)", "Bỏ thẻ marquee/blink."))
            if _GENERIC_LINK.search(line):
                problems.append((n, "Liên kết dùng chữ chung chung", "Viết chữ của liên kết nói rõ đích đến, ví dụ "
                                                                     "'Mẫu tờ khai đăng ký khai sinh'."))
        if not problems:
            yield ctx.passed(entry)
        for n, message, hint in problems:
            yield ctx.failed(None, (), message + ".", hint, path=entry.rel, line=entry.body_line + n,
                             entity=entry.rel)


@check
def dublin_core(ctx: CheckContext):
    """Title, creator, date, publisher and identifier are derived for every
    page; the description of editors' pages must be written by the editor."""
    for _slug, entry in ctx.site.pages.items():
        yield ctx.outcome(bool(entry.item.description), entry, ("description",),
                          "Trang chưa có mô tả ngắn (DC.description).",
                          "Thêm trường description: một câu tóm tắt nội dung trang.")
