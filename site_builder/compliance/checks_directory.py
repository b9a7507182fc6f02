"""E-mail directory, named contacts, projects, consultations, freshness and content accessibility."""

from __future__ import annotations

import re

from ..content.cache import derived
from .context import CheckContext
from .registry import check
from .substance import placeholder, text_gap

FREE_MAIL = {"gmail.com", "yahoo.com", "yahoo.com.vn", "hotmail.com", "outlook.com", "live.com", "icloud.com",
             "aol.com", "mail.ru", "yandex.com", "proton.me", "protonmail.com", "gmx.com", "zoho.com"}


@check
def email_directory(ctx: CheckContext):
    for slug, entry in ctx.real_agencies():
        a = entry.item
        yield ctx.outcome(bool(a.email), entry, ("email",), "Cơ quan chưa có thư điện tử công vụ.",
                          "Thêm trường email.", agency=slug, aspect="email")
        for i, unit in enumerate(a.units):
            yield ctx.outcome(
                bool(unit.email),
                entry,
                ("units", i),
                f"Đơn vị '{unit.name}' chưa có thư điện tử công vụ.",
                "Thêm email cho đơn vị.",
                agency=slug,
                aspect="email:unit",
                part=str(i),
            )
        for i, person in enumerate(a.contacts):
            yield ctx.outcome(
                bool(person.email),
                entry,
                ("contacts", i),
                f"Cán bộ '{person.name}' chưa có thư điện tử công vụ.",
                "Thêm email cho cán bộ.",
                agency=slug,
                aspect="email:contact",
                part=str(i),
            )


@check
def leader_emails(ctx: CheckContext):
    for slug, entry in ctx.real_agencies():
        for i, person in enumerate(entry.item.leaders):
            yield ctx.outcome(bool(person.email), entry, ("leaders", i),
                              f"Lãnh đạo '{person.name}' chưa có thư điện tử công vụ trong danh bạ.",
                              "Thêm email công vụ của lãnh đạo.", agency=slug,
                              aspect="email:leader", part=str(i))


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
                              "Dùng hộp thư trên tên miền .gov.vn của cơ quan.", agency=slug,
                              aspect="email_domain", part=".".join(map(str, loc)))


# A contact is a person: a name that is a post or a unit ("Giám đốc Sở", "Văn phòng Sở") is not one.
_NOT_A_NAME = re.compile(r"^(bộ phận|phòng|văn phòng|ban|tổ|trung tâm|cán bộ|công chức|chuyên viên|lãnh đạo|"
                         r"giám đốc|phó giám đốc|chủ tịch|phó chủ tịch|chánh|phó chánh|trưởng|phó trưởng|thủ trưởng|"
                         r"đầu mối|ủy ban|sở|công an|cơ quan|đơn vị|người)\b", re.IGNORECASE)


def person_gap(person) -> str | None:
    """Why a contact entry is not a named person with a position, or None."""
    name = (person.name or "").strip()
    words = name.split()
    if _NOT_A_NAME.match(name) or not 2 <= len(words) <= 6 or not all(w[:1].isupper() for w in words) \
            or any(ch.isdigit() for ch in name):
        return f"'{name}' là chức danh hoặc đơn vị, chưa phải họ tên người"
    if placeholder(person.position or ""):
        return f"chức vụ của '{name}' chỉ là nội dung giữ chỗ"
    return None


def _contact_points(ctx: CheckContext, fields: tuple[tuple[str, str], ...], agency_fields=()):
    for slug, entry in ctx.real_agencies():
        a = entry.item
        for key, label in agency_fields:
            value = getattr(a, key)
            fake = bool(value) and placeholder(str(value)) is not None
            yield ctx.outcome(bool(value) and not fake, entry, (key,),
                              f"Cơ quan chưa ghi {label}." if not value else f"{label.capitalize()} của cơ quan chỉ là "
                              f"nội dung giữ chỗ ('{value}').", f"Ghi {label} thật của cơ quan (trường {key}).",
                              agency=slug, aspect=f"agency:{key}")
        yield ctx.outcome(bool(a.contacts), entry, ("contacts",), "Cơ quan chưa có cán bộ đầu mối liên hệ.",
                          "Thêm contacts với họ tên, chức vụ, đơn vị, điện thoại, thư điện tử.", agency=slug,
                          aspect="contacts")
        for i, person in enumerate(a.contacts):
            gap = person_gap(person)
            yield ctx.outcome(gap is None, entry, ("contacts", i, "name"), f"Cán bộ đầu mối: {gap}.",
                              "Ghi họ tên và chức vụ của cán bộ đầu mối (ví dụ 'Nguyễn Văn A', 'Chánh Văn phòng').",
                              agency=slug, aspect="contact_person", part=str(i))
            missing = [label for key, label in fields
                       if not getattr(person, key) or placeholder(str(getattr(person, key)))]
            yield ctx.outcome(not missing, entry, ("contacts", i),
                              f"Cán bộ đầu mối '{person.name}' thiếu: {', '.join(missing)}.",
                              "Bổ sung thông tin liên hệ thật (không dùng số giữ chỗ như 0000).", agency=slug,
                              aspect="contact_details", part=str(i))


@check
def contacts_2011(ctx: CheckContext):
    yield from _contact_points(ctx, (("position", "chức vụ"), ("phone", "điện thoại"), ("email", "thư điện tử")))


@check
def contacts_2022(ctx: CheckContext):
    from .checks_pages import role_outcomes
    yield from role_outcomes(ctx, ("organisation_chart",))
    yield from _contact_points(ctx, (("position", "chức vụ"), ("unit", "đơn vị"), ("phone", "điện thoại"),
                                     ("email", "thư điện tử")),
                               (("address", "địa chỉ"), ("phone", "điện thoại")))


@check
def contacts_2026(ctx: CheckContext):
    """Law 104/2016 Art. 19(1)(đ) as Decree 224/2026 Art. 9(1)(d) keeps it: agency address, phone,
    e-mail and named contact points."""
    yield from _contact_points(ctx, (("position", "chức vụ"), ("phone", "điện thoại"), ("email", "thư điện tử")),
                               (("address", "địa chỉ"), ("phone", "điện thoại"), ("email", "thư điện tử")))


PROJECT_FIELDS = (("objective", "mục tiêu"), ("field", "lĩnh vực"), ("kind", "loại dự án"),
                  ("duration", "thời gian thực hiện"), ("budget", "kinh phí"), ("funding", "loại nguồn vốn"),
                  ("donor", "nhà tài trợ"), ("status", "tình trạng"))


def project_facts(ctx: CheckContext, keys):
    labels = dict(PROJECT_FIELDS)
    for slug, entry in ctx.site.projects.items():
        for key in keys:
            value = getattr(entry.item, key)
            ok = bool(value) and placeholder(str(value)) is None
            yield ctx.outcome(ok, entry, (key,), f"Dự án thiếu {labels[key]}.",
                              f"Ghi trường {key}" + (" (ghi 'Không' nếu không có nhà tài trợ)." if key == "donor"
                                                     else "."),
                              agency=entry.item.agency, entity=f"project:{slug}", aspect=f"field:{key}")


@check
def project_fields(ctx: CheckContext):
    yield from project_facts(ctx, [k for k, _ in PROJECT_FIELDS])


def consultation_facts(ctx: CheckContext):
    for slug, entry in ctx.site.consultations.items():
        c = entry.item
        text = text_gap(entry.body, 30, "Toàn văn dự thảo")
        yield ctx.gap_outcome(entry, text, "content", c.agency)
        for key, label in (("deadline", "hạn góp ý"), ("contact_email", "thư điện tử nhận góp ý")):
            yield ctx.outcome(bool(getattr(c, key)), entry, (key,), f"Dự thảo lấy ý kiến thiếu {label}.",
                              f"Ghi {key}.", agency=c.agency, entity=f"consultation:{slug}", aspect=f"field:{key}")


@check
def consultation_fields(ctx: CheckContext):
    yield from consultation_facts(ctx)


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
                                 "Thêm trường updated: YYYY-MM-DD (ngày rà soát gần nhất).", agency=agency,
                                 aspect="freshness")
                continue
            age = (ctx.as_of - changed).days
            yield ctx.outcome(age <= period, entry, ("updated",),
                              f"Nội dung chưa được rà soát {age} ngày (chu kỳ {period} ngày).",
                              "Rà soát nội dung, sửa nếu cần và cập nhật trường updated.", agency=agency,
                              aspect="freshness")


_IMG_NO_ALT = re.compile(r"!\[\s*\]\(")
_BLINK = re.compile(r"<\s*(marquee|blink)\b", re.IGNORECASE)
_GENERIC_LINK = re.compile(
    r"\[\s*(tại đây|ở đây|click here|here|xem thêm|nhấn vào đây|bấm vào đây)\s*\]\(", re.IGNORECASE
)


_HEADING = re.compile(r"^(#{1,6})\s+\S")
_FILE_ALT = re.compile(r"!\[\s*[\w-]+\.(png|jpe?g|svg|gif|webp)\s*\]\(", re.IGNORECASE)


def _a11y_problems(body: str, wcag: bool):
    level, in_fence = 1, False       # the page title is the h1 the template writes
    for n, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        if _IMG_NO_ALT.search(line) or (wcag and _FILE_ALT.search(line)):
            yield n, "Ảnh chưa có văn bản thay thế", "Viết mô tả ảnh trong ngoặc vuông: ![Bản đồ hành chính tỉnh](…)."
        if _BLINK.search(line):
            yield n, "Chữ nhấp nháy hoặc chạy (marquee, blink)", "Bỏ thẻ marquee/blink."
        if _GENERIC_LINK.search(line):
            yield n, "Liên kết dùng chữ chung chung", ("Viết chữ của liên kết nói rõ đích đến, ví dụ 'Mẫu tờ khai "
                                                       "đăng ký khai sinh'.")
        heading = _HEADING.match(line)
        if wcag and heading:
            depth = len(heading.group(1))
            if depth == 1:
                yield n, "Tiêu đề cấp 1 trong nội dung (trang đã có tiêu đề)", "Dùng ## cho các mục của trang."
            elif depth > level + 1:
                yield (n, f"Tiêu đề nhảy cấp (từ cấp {level} xuống cấp {depth})",
                       "Dùng tiêu đề theo đúng thứ bậc: ## rồi ###.")
            level = depth


def _a11y_of(entry, wcag: bool) -> list:
    return list(_a11y_problems(entry.body, wcag))


@check
def content_accessibility(ctx: CheckContext, wcag: bool = False):
    """Editors' text: alternatives for images, no blinking text, meaningful link text; with
    `wcag`, also the heading structure screen readers navigate by."""
    bodies = list(ctx.site.pages.values()) + list(ctx.site.documents.values()) + list(ctx.site.consultations.values())
    for entry in bodies:
        problems = derived(entry, _a11y_of, wcag)
        if not problems:
            yield ctx.passed(entry, aspect="a11y")
        for n, message, hint in problems:
            yield ctx.failed(None, (), message + ".", hint, path=entry.rel, line=entry.body_line + n,
                             entity=entry.rel, aspect=f"a11y:{message}", part=str(n))


@check
def dublin_core(ctx: CheckContext):
    """Title, creator, date, publisher and identifier are derived for every
    page; the description of editors' pages must be written by the editor."""
    for _slug, entry in ctx.site.pages.items():
        yield ctx.outcome(bool(entry.item.description), entry, ("description",),
                          "Trang chưa có mô tả ngắn (DC.description).",
                          "Thêm trường description: một câu tóm tắt nội dung trang.", aspect="description")
