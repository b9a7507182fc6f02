"""Portal-level requirements: sections, pages by role, configuration."""

from __future__ import annotations

from urllib.parse import urlparse

from .context import CheckContext
from .registry import check

CONTENT_TYPES = ("procedure", "document", "agency", "page", "project", "consultation")

ROLE_LABELS = {
    "introduction": "trang giới thiệu", "boundary_map": "trang bản đồ hành chính", "history_culture":
    "trang lịch sử, văn hóa, danh thắng", "leaders": "trang lãnh đạo", "organisation_chart": "trang sơ đồ tổ chức",
    "contacts": "trang thông tin liên hệ", "work_schedule": "trang lịch công tác của lãnh đạo",
    "petition_answers": "trang trả lời kiến nghị", "plan": "trang quy hoạch, kế hoạch",
    "annual_plan": "trang kế hoạch, chương trình công tác hằng năm và kết quả",
    "online_services": "trang danh mục, lộ trình dịch vụ công trực tuyến",
    "service_guide": "trang hướng dẫn sử dụng dịch vụ công trực tuyến", "faq": "trang hỏi đáp",
    "financial_report": "trang báo cáo tài chính năm", "statistics": "trang thống kê",
    "disclosure_list": "trang danh mục thông tin phải công khai", "gazette": "trang Công báo điện tử",
}


def _role_outcomes(ctx: CheckContext, roles, lang: str = "vi"):
    for role in roles:
        label = ROLE_LABELS[role] + (" bằng tiếng Anh" if lang == "en" else "")
        yield ctx.page_outcome(bool(ctx.pages(role=role, lang=lang)), label,
                               f"Thêm một trang content/pages/<tên>.md có 'role: {role}'"
                               + (" và 'lang: en'" if lang == "en" else "") + ".")


def _section_outcome(ctx: CheckContext, section: str):
    name = ctx.site.taxonomy.sections[section].name if section in ctx.site.taxonomy.sections else section
    return ctx.page_outcome(bool(ctx.pages(section=section)), f"bài nào trong mục '{name}'",
                            f"Thêm một trang content/pages/<tên>.md có 'section: {section}'.")


@check
def pages_with_roles(ctx: CheckContext, roles: list[str], lang: str = "vi"):
    """One page of each role (content/pages, `role:`), in the given language."""
    yield from _role_outcomes(ctx, roles, lang)


@check
def sections_have_pages(ctx: CheckContext, sections: list[str]):
    for section in sections:
        yield _section_outcome(ctx, section)


@check
def organisation(ctx: CheckContext):
    yield from _role_outcomes(ctx, ("introduction",))
    yield _section_outcome(ctx, "to-chuc")
    for slug, entry in ctx.real_agencies():
        yield ctx.outcome(bool(entry.item.functions), entry, ("functions",),
                          "Cơ quan chưa ghi chức năng, nhiệm vụ, quyền hạn.",
                          "Thêm trường functions mô tả chức năng, nhiệm vụ, quyền hạn.", agency=slug)


@check
def documents_present(ctx: CheckContext):
    yield ctx.page_outcome(bool(ctx.site.documents), "văn bản nào trong policies/",
                           "Thêm văn bản vào policies/<năm>/<tên>.md.", path="policies")


@check
def projects_present(ctx: CheckContext):
    yield ctx.page_outcome(bool(ctx.site.projects), "dự án, đầu tư, đấu thầu, mua sắm công nào",
                           "Thêm dự án vào content/projects/<tên>.yml.", path="content/projects")


@check
def feedback_route(ctx: CheckContext):
    yield ctx.config_outcome(bool(ctx.config and ctx.config.feedback_email), "feedback_email",
                             "Chưa khai báo thư điện tử nhận góp ý, phản ánh.",
                             "Thêm 'feedback_email: gopy@…' vào content/portal.yml.")


@check
def search_and_retention(ctx: CheckContext):
    cfg = ctx.config
    yield ctx.config_outcome(bool(cfg and cfg.search_enabled), "search_enabled",
                             "Cổng chưa có công cụ tìm kiếm.",
                             "Triển khai dịch vụ tìm kiếm rồi ghi 'search_enabled: true' trong content/portal.yml.",
                             aspect="search")
    missing = [t for t in CONTENT_TYPES if not (cfg and cfg.online_retention.get(t))]
    yield ctx.config_outcome(not missing, "online_retention",
                             "Chưa công bố thời hạn duy trì trên cổng cho: " + ", ".join(missing) + ".",
                             "Thêm online_retention với mỗi loại thông tin, ví dụ 'procedure: \"Trong thời gian thủ "
                             "tục còn hiệu lực\"'.")


@check
def forms_in_use(ctx: CheckContext):
    used = {
        item.form for e in ctx.site.procedures.values() for case in e.item.dossier for item in case.items if item.form
    }
    for rel in ctx.site.forms:
        yield ctx.outcome(rel in used, None, (), "Biểu mẫu không được thủ tục nào sử dụng.",
                          "Xóa biểu mẫu cũ hoặc gắn nó vào giấy tờ của thủ tục (trường form).", path=rel, entity=rel)


@check
def maintenance(ctx: CheckContext):
    if not ctx.config:
        return
    for i, notice in enumerate(ctx.config.maintenance_notices):
        ok_time = ctx.calendar.between(notice.announced, notice.start) >= 7
        entry = ctx.site.config_entry
        yield ctx.outcome(ok_time and notice.expected_end is not None, entry, ("maintenance_notices", i),
                          "Thông báo tạm ngừng phải đăng trước ít nhất 7 ngày làm việc và ghi thời điểm dự kiến khôi "
                          "phục"
                          f" (đăng {notice.announced:%d/%m/%Y}, tạm ngừng {notice.start:%d/%m/%Y}).",
                          "Đăng thông báo sớm hơn và ghi expected_end.", entity="portal")


@check
def introduction_2026(ctx: CheckContext):
    yield from _role_outcomes(ctx, ("introduction", "boundary_map", "history_culture", "leaders"))
    for slug, entry in ctx.real_agencies():
        if entry.item.level == "tinh" and not entry.item.parent:
            for i, leader in enumerate(entry.item.leaders):
                yield ctx.outcome(bool(leader.bio), entry, ("leaders", i),
                                  f"Lãnh đạo '{leader.name}' chưa có tiểu sử tóm tắt.",
                                  "Thêm trường bio cho lãnh đạo.", agency=slug)
    for entry in ctx.site.procedures.values():
        p = entry.item
        ok = bool(p.national_code and p.online_service and (p.online_service.level == "khong" or p.online_service.url))
        yield ctx.outcome(ok, entry, ("national_code",) if not p.national_code else ("online_service",),
                          "Thủ tục chưa tích hợp từ Cổng Dịch vụ công quốc gia: thiếu mã hoặc đường dẫn.",
                          "Ghi national_code và online_service.url.", agency=p.agency)


@check
def portal_contacts(ctx: CheckContext):
    yield from _role_outcomes(ctx, ("contacts",))
    unit = ctx.config.operating_unit if ctx.config else None
    for key, label in (("address", "địa chỉ"), ("phone", "điện thoại"), ("email", "thư điện tử")):
        yield ctx.config_outcome(bool(unit and getattr(unit, key)), "operating_unit",
                                 f"Đơn vị vận hành cổng chưa ghi {label}.", f"Thêm operating_unit.{key}.")


@check
def english_and_links(ctx: CheckContext):
    yield from _role_outcomes(ctx, ("introduction", "contacts"), lang="en")
    yield ctx.config_outcome(bool(ctx.config and ctx.config.related_portals), "related_portals",
                             "Chưa có liên kết tới cổng thông tin của cơ quan liên quan.",
                             "Thêm related_portals (tên, url) vào content/portal.yml.")


@check
def header_footer(ctx: CheckContext):
    cfg = ctx.config
    unit = cfg.operating_unit if cfg else None
    for key, label in (("responsible_person", "người chịu trách nhiệm"), ("address", "địa chỉ"),
                       ("phone", "điện thoại"), ("email", "thư điện tử")):
        yield ctx.config_outcome(bool(unit and getattr(unit, key)), "operating_unit",
                                 f"Chân trang thiếu {label} của đơn vị vận hành.", f"Thêm operating_unit.{key}.")
    emblem_ok = bool(cfg and ctx.site.tree.has_file(cfg.emblem))
    yield ctx.config_outcome(emblem_ok, "emblem", "Đầu trang thiếu biểu tượng (tệp emblem không tồn tại).",
                             "Ghi emblem là đường dẫn tới tệp biểu tượng.")


@check
def legal_database_sync(ctx: CheckContext):
    yield ctx.config_outcome(bool(ctx.config and ctx.config.legal_database_url), "legal_database_url",
                             "Chưa khai báo nguồn đồng bộ văn bản (CSDL quốc gia về văn bản pháp luật hoặc Công báo).",
                             "Thêm legal_database_url vào content/portal.yml.")
    from .checks_documents import document_attributes
    yield from document_attributes(ctx)


@check
def info_focal_point(ctx: CheckContext):
    found = any(c.info_request and c.email for e in ctx.site.agencies.values() for c in e.item.contacts)
    yield ctx.page_outcome(found, "đầu mối cung cấp thông tin (cán bộ có 'info_request: true' và thư điện tử)",
                           "Ghi 'info_request: true' cho cán bộ đầu mối trong content/agencies/<cơ quan>.yml.",
                           path="content/agencies")


@check
def satisfaction(ctx: CheckContext):
    yield ctx.config_outcome(bool(ctx.config and ctx.config.satisfaction_url), "satisfaction_url",
                             "Chưa có chức năng đánh giá mức độ hài lòng trực tuyến.",
                             "Thêm satisfaction_url (https://… hoặc mailto:…) vào content/portal.yml.")


@check
def domains(ctx: CheckContext):
    cfg = ctx.config
    if not cfg:
        return
    host = urlparse(cfg.site_url).hostname or ""
    ok = cfg.domain.endswith(".gov.vn") and host in (cfg.domain, "www." + cfg.domain)
    yield ctx.config_outcome(ok, "domain", f"Tên miền '{cfg.domain}' / '{host}' không theo mẫu tentinh.gov.vn.",
                             "Dùng tên miền .gov.vn của tỉnh cho cả domain và site_url.")
    for slug, entry in ctx.real_agencies():
        site = entry.item.website
        if not site:
            continue
        sub = urlparse(site).hostname or ""
        yield ctx.outcome(sub == cfg.domain or sub.endswith("." + cfg.domain), entry, ("website",),
                          f"Trang của cơ quan '{sub}' không là tên miền con của {cfg.domain}.",
                          f"Dùng tên miền dạng tencoquan.{cfg.domain}.", agency=slug)
