"""Portal-level requirements: organisation, configuration the footer and services rely on."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlparse

from .checks_pages import role_outcomes, section_outcomes
from .context import CheckContext
from .registry import check
from .substance import IMAGE_TYPES, placeholder, text_gap

CONTENT_TYPES = ("procedure", "document", "agency", "page", "project", "consultation")
# The main menu of TT 32/2017 Art. 16: each entry leads somewhere with content.
MENU = (("procedures", "Thủ tục hành chính"), ("documents", "Văn bản"), ("agencies", "Cơ quan"))


def _config_text(ctx: CheckContext, key: str, value, label: str, hint: str, min_words: int = 0):
    """A configured text that must be real: present, not a placeholder, not a 0000 number."""
    gap = text_gap(str(value), min_words, label) if value else None
    ok = bool(value) and gap is None
    message = f"Chưa khai báo {label.lower()}." if not value else (gap.message if gap else "")
    return ctx.config_outcome(ok, key, message, hint if not value else (gap.hint if gap else ""))


@check
def organisation(ctx: CheckContext):
    yield from role_outcomes(ctx, ("introduction",))
    yield from section_outcomes(ctx, "to-chuc")
    for slug, entry in ctx.real_agencies():
        functions = entry.item.functions
        gap = text_gap(functions, 20, "Chức năng, nhiệm vụ") if functions else None
        yield ctx.outcome(bool(functions) and gap is None, entry, ("functions",),
                          gap.message if gap else "Cơ quan chưa ghi chức năng, nhiệm vụ, quyền hạn.",
                          gap.hint if gap else "Thêm trường functions mô tả chức năng, nhiệm vụ, quyền hạn.",
                          agency=slug, aspect="functions")


@check
def projects_present(ctx: CheckContext):
    from .checks_directory import project_facts
    yield ctx.page_outcome(bool(ctx.site.projects), "dự án, đầu tư, đấu thầu, mua sắm công nào",
                           "Thêm dự án vào content/projects/<tên>.yml.", path="content/projects",
                           aspect="projects")
    yield from project_facts(ctx, ("objective", "kind", "budget", "status"))


@check
def feedback_route(ctx: CheckContext):
    """The comments section: a published draft or question for comment, each with its text, deadline
    and receiving address, and the portal's own address for comments."""
    from .checks_directory import consultation_facts
    yield ctx.config_outcome(bool(ctx.config and ctx.config.feedback_email), "feedback_email",
                             "Chưa khai báo thư điện tử nhận góp ý, phản ánh.",
                             "Thêm 'feedback_email: gopy@…' vào content/portal.yml.")
    yield ctx.page_outcome(bool(ctx.site.consultations), "dự thảo, nội dung nào đang hoặc đã lấy ý kiến góp ý",
                           "Đăng dự thảo lấy ý kiến vào content/consultations/<tên>.md (toàn văn, hạn góp ý, "
                           "thư điện tử nhận góp ý).", path="content/consultations", aspect="consultations")
    yield from consultation_facts(ctx)


@check
def search_and_retention(ctx: CheckContext):
    cfg = ctx.config
    yield ctx.config_outcome(bool(cfg and cfg.search_enabled), "search_enabled",
                             "Cổng chưa có công cụ tìm kiếm.",
                             "Triển khai dịch vụ tìm kiếm rồi ghi 'search_enabled: true' trong content/portal.yml.",
                             aspect="search")
    # What the search finds is what items say about themselves: an item with nothing to match is lost.
    for slug, entry in ctx.site.documents.items():
        d = entry.item
        findable = bool(d.abstract) or len(entry.body.split()) >= 5
        yield ctx.outcome(findable, entry, ("abstract",), "Văn bản không có trích yếu hay nội dung để tìm thấy.",
                          "Ghi trích yếu (abstract) hoặc nội dung của văn bản.", entity=f"document:{slug}",
                          aspect="searchable")
    for key in CONTENT_TYPES:
        value = cfg.online_retention.get(key) if cfg else None
        yield _config_text(ctx, f"online_retention.{key}", value, f"Thời hạn duy trì trên cổng của loại '{key}'",
                           f"Thêm online_retention.{key}, ví dụ \"Lâu dài; văn bản hết hiệu lực vẫn được giữ\".", 2)


@check
def forms_in_use(ctx: CheckContext):
    used = {
        item.form for e in ctx.site.procedures.values() for case in e.item.dossier for item in case.items if item.form
    }
    for rel in ctx.site.forms:
        yield ctx.outcome(rel in used, None, (), "Biểu mẫu không được thủ tục nào sử dụng.",
                          "Xóa biểu mẫu cũ hoặc gắn nó vào giấy tờ của thủ tục (trường form).", path=rel, entity=rel,
                          aspect="form_used")


@check
def maintenance(ctx: CheckContext):
    if not ctx.config:
        return
    for i, notice in enumerate(ctx.config.maintenance_notices):
        ok_time = ctx.calendar.between(notice.announced, notice.start) >= 7
        entry = ctx.site.config_entry
        yield ctx.outcome(ok_time and notice.expected_end is not None, entry, ("maintenance_notices", i),
                          "Thông báo tạm ngừng phải đăng trước ít nhất 7 ngày làm việc và ghi thời điểm dự kiến khôi "
                          f"phục (đăng {notice.announced:%d/%m/%Y}, tạm ngừng {notice.start:%d/%m/%Y}).",
                          "Đăng thông báo sớm hơn và ghi expected_end.", entity="portal", aspect="maintenance",
                          part=str(i))


@check
def introduction_2026(ctx: CheckContext):
    yield from role_outcomes(ctx, ("introduction", "boundary_map", "history_culture", "leaders"))
    for slug, entry in ctx.real_agencies():
        if entry.item.level == "tinh" and not entry.item.parent:
            for i, leader in enumerate(entry.item.leaders):
                gap = text_gap(leader.bio, 12, "Tiểu sử") if leader.bio else None
                yield ctx.outcome(bool(leader.bio) and gap is None, entry, ("leaders", i),
                                  gap.message if gap else f"Lãnh đạo '{leader.name}' chưa có tiểu sử tóm tắt.",
                                  "Thêm trường bio: tiểu sử tóm tắt và nhiệm vụ đảm nhiệm.", agency=slug,
                                  aspect="leader_bio", part=str(i))
    from .checks_procedures import integration_facts
    yield from integration_facts(ctx)


def _operating_unit(ctx: CheckContext, keys):
    unit = ctx.config.operating_unit if ctx.config else None
    labels = {"responsible_person": "Người chịu trách nhiệm", "address": "Địa chỉ", "phone": "Điện thoại",
              "email": "Thư điện tử"}
    for key in keys:
        yield _config_text(ctx, f"operating_unit.{key}", getattr(unit, key, None) if unit else None,
                           f"{labels[key]} của đơn vị vận hành", f"Thêm operating_unit.{key}.",
                           2 if key in ("responsible_person", "address") else 0)


@check
def portal_contacts(ctx: CheckContext):
    yield from role_outcomes(ctx, ("contacts",))
    yield from _operating_unit(ctx, ("address", "phone", "email"))


@check
def english_and_links(ctx: CheckContext):
    yield from role_outcomes(ctx, ("introduction", "contacts"), lang="en")
    yield ctx.config_outcome(bool(ctx.config and ctx.config.related_portals), "related_portals",
                             "Chưa có liên kết tới cổng thông tin của cơ quan liên quan.",
                             "Thêm related_portals (tên, url) vào content/portal.yml.")


@check
def header_footer(ctx: CheckContext):
    """TT 32/2017 Art. 16: header (emblem, agency's full name), menu, footer (copyright, operator,
    person responsible, address, phone, e-mail) and a site map (the XML one needs site_url)."""
    cfg = ctx.config
    yield from _operating_unit(ctx, ("responsible_person", "address", "phone", "email"))
    emblem = cfg.emblem if cfg else ""
    emblem_ok = bool(cfg and ctx.site.tree.has_file(emblem) and PurePosixPath(emblem).suffix.lower() in IMAGE_TYPES)
    yield ctx.config_outcome(emblem_ok, "emblem", "Đầu trang thiếu biểu tượng (tệp emblem không có hoặc không phải "
                             "ảnh).", "Ghi emblem là đường dẫn tới tệp ảnh SVG/PNG quốc huy hoặc biểu trưng.")
    for key, label in (("agency_name", "Tên đầy đủ cơ quan ở đầu trang"), ("copyright", "Dòng bản quyền ở chân trang")):
        yield _config_text(ctx, key, getattr(cfg, key, None) if cfg else None, label, f"Thêm {key} vào portal.yml.", 3)
    host = urlparse(cfg.site_url).hostname if cfg else None
    yield ctx.config_outcome(bool(host), "site_url", "Chưa có địa chỉ cổng: không sinh được sơ đồ cổng dạng XML.",
                             "Ghi site_url: https://tentinh.gov.vn/.")
    for attr, label in MENU:
        yield ctx.page_outcome(bool(getattr(ctx.site, attr)), f"nội dung cho mục '{label}' của trình đơn chính",
                               f"Thêm nội dung cho mục {label}.", aspect=f"menu:{attr}")


@check
def info_focal_point(ctx: CheckContext):
    focal = [(slug, e, i, c) for slug, e in ctx.site.agencies.items() for i, c in enumerate(e.item.contacts)
             if c.info_request]
    yield ctx.page_outcome(bool(focal), "đầu mối cung cấp thông tin (cán bộ có 'info_request: true')",
                           "Ghi 'info_request: true' cho cán bộ, đơn vị đầu mối trong content/agencies/<cơ quan>.yml.",
                           path="content/agencies", aspect="info_focal_point")
    for slug, entry, i, person in focal:
        phone_bad = not person.phone or placeholder(person.phone)
        yield ctx.outcome(bool(person.email) and not phone_bad, entry, ("contacts", i),
                          f"Đầu mối cung cấp thông tin '{person.name}' thiếu điện thoại hoặc thư điện tử thật.",
                          "Ghi điện thoại và thư điện tử công vụ của đầu mối.", agency=slug,
                          aspect="info_focal_contact", part=str(i))


@check
def satisfaction(ctx: CheckContext):
    """Decree 224/2026 Art. 10(3)(b): rating online, and in confidence. The toolkit's own endpoint
    keeps only day, page and answer; a mailto: link identifies the sender, so it is not enough."""
    cfg = ctx.config
    url = (cfg.satisfaction_url or "") if cfg else ""
    if not url:
        problem = "Chưa có chức năng đánh giá mức độ hài lòng trực tuyến."
    elif url.startswith("mailto:"):
        problem = "Đánh giá qua thư điện tử không giữ bí mật người đánh giá, chưa phải chức năng đánh giá trực tuyến."
    elif url.startswith("/") and not cfg.search_enabled:
        problem = "Địa chỉ đánh giá của cổng cần dịch vụ của cổng (search_enabled) đang chạy để nhận đánh giá."
    elif url.startswith("https://") and not (urlparse(url).hostname or "").endswith(".gov.vn"):
        problem = "Chức năng đánh giá đặt ngoài tên miền .gov.vn của cơ quan nhà nước."
    else:
        problem = ""
    yield ctx.config_outcome(not problem, "satisfaction_url", problem,
                             "Dùng satisfaction_url: \"/api/danh-gia\" (đánh giá ẩn danh của cổng) hoặc một hệ thống "
                             "đánh giá trên tên miền .gov.vn.")


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
                          f"Dùng tên miền dạng tencoquan.{cfg.domain}.", agency=slug, aspect="website")
