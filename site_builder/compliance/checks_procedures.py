"""Per-procedure requirements: Decree 63/2010 Art. 8(2) and the portal rules around it."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from .context import CheckContext
from .registry import check


def _each(ctx: CheckContext):
    for slug, entry in ctx.site.procedures.items():
        yield slug, entry, entry.item


# A component that must simply be present and non-empty: (message, hint) by field.
FIELDS = {
    "name": ("Thủ tục chưa có tên.", "Thêm trường name đúng tên trên CSDL quốc gia."),
    "steps": ("Thủ tục chưa có trình tự thực hiện.", "Thêm danh sách steps."),
    "methods": ("Thủ tục chưa có cách thức thực hiện.",
                "Thêm methods (truc_tiep, truc_tuyen, buu_chinh) với thời hạn và phí của từng cách."),
    "time_limit": ("Thủ tục chưa có thời hạn giải quyết.", "Thêm time_limit: {value: …, unit: working_days}."),
    "subjects": ("Thủ tục chưa ghi đối tượng thực hiện.", "Thêm danh sách subjects."),
    "agency": ("Thủ tục chưa ghi cơ quan thực hiện.", "Thêm agency là tên tệp cơ quan trong content/agencies/."),
    "result": ("Thủ tục chưa ghi kết quả thực hiện.", "Thêm danh sách result."),
    "competent_agency": ("Thủ tục chưa ghi cơ quan có thẩm quyền.", "Thêm competent_agency như trên bản ghi CSDL quốc "
                                                                    "gia."),
    "receiving_address": ("Thủ tục chưa ghi địa điểm tiếp nhận hồ sơ.", "Thêm receiving_address."),
    "national_code": ("Thủ tục chưa có mã trên CSDL quốc gia về thủ tục hành chính.",
                      "Thêm national_code, ví dụ \"1.001193\"."),
}


@check
def procedure_field(ctx: CheckContext, field: str):
    message, hint = FIELDS[field]
    for _, entry, p in _each(ctx):
        yield ctx.outcome(bool(getattr(p, field)), entry, (field,), message, hint, agency=p.agency,
                          aspect=f"field:{field}")


@check
def responsible_and_deadline(ctx: CheckContext):
    for _slug, entry, p in _each(ctx):
        for i, step in enumerate(p.steps):
            yield ctx.outcome(bool(step.responsible), entry, ("steps", i),
                              f"Bước {i + 1} chưa ghi người chịu trách nhiệm.",
                              "Thêm 'responsible:' với tên người hoặc bộ phận thực hiện bước này.", agency=p.agency,
                              aspect="step_responsible", part=str(i))
        message, hint = FIELDS["time_limit"]
        yield ctx.outcome(p.time_limit is not None, entry, ("time_limit",), message, hint, agency=p.agency,
                          aspect="field:time_limit")


@check
def consistent_names(ctx: CheckContext):
    codes_by_name: dict[str, set[str]] = defaultdict(set)
    for _slug, _entry, p in _each(ctx):
        if p.name and p.national_code:
            codes_by_name[p.name.casefold()].add(p.national_code)
    for _slug, entry, p in _each(ctx):
        codes = codes_by_name.get((p.name or "").casefold(), set())
        yield ctx.outcome(len(codes) <= 1, entry, ("name",),
                          f"Tên thủ tục này xuất hiện với nhiều mã khác nhau: {', '.join(sorted(codes))}.",
                          "Kiểm tra lại mã hoặc tên trên CSDL quốc gia; mỗi thủ tục một tên, một mã.", agency=p.agency,
                          aspect="name_code")


@check
def dossier(ctx: CheckContext):
    for _slug, entry, p in _each(ctx):
        yield ctx.outcome(bool(p.dossier), entry, ("dossier",), "Thủ tục chưa có thành phần hồ sơ.",
                          "Thêm dossier với các giấy tờ.", agency=p.agency, aspect="dossier")
        for c, case in enumerate(p.dossier):
            for i, item in enumerate(case.items):
                counted = item.present_only or item.originals + item.copies > 0
                yield ctx.outcome(counted, entry, ("dossier", c, "items", i),
                                  f"Giấy tờ '{item.name}' chưa ghi số lượng bản chính, bản sao.",
                                  "Ghi originals và/hoặc copies, hoặc present_only: true nếu chỉ xuất trình.",
                                  agency=p.agency, aspect="dossier_count", part=f"{c}.{i}")


@check
def conditional_components(ctx: CheckContext):
    for _slug, entry, p in _each(ctx):
        message, hint = FIELDS["result"]
        yield ctx.outcome(bool(p.result), entry, ("result",), message, hint, agency=p.agency, aspect="field:result")
        if p.has_conditions:
            yield ctx.outcome(bool(p.requirements), entry, ("has_conditions",),
                              "Thủ tục khai báo có yêu cầu, điều kiện nhưng chưa ghi nội dung.",
                              "Thêm trường requirements.", agency=p.agency, aspect="requirements")
        for m, method in enumerate(p.methods):
            for f, fee in enumerate(method.fees):
                yield ctx.outcome(fee.amount_vnd is not None or bool(fee.note), entry,
                                  ("methods", m, "fees", f), f"Khoản '{fee.name}' chưa ghi mức thu.",
                                  "Ghi amount_vnd, hoặc note nêu văn bản quy định mức thu.", agency=p.agency,
                                  aspect="fee", part=f"{m}.{f}")
    yield from form_facts(ctx)


@check
def publication(ctx: CheckContext):
    for _slug, entry, p in _each(ctx):
        yield ctx.outcome(
            p.publication_decision is not None,
            entry,
            ("publication_decision",),
            "Thủ tục chưa ghi quyết định công bố.",
            "Thêm publication_decision: {number: …, date: …}.",
            agency=p.agency,
            aspect="publication_decision",
        )
        yield ctx.outcome(
            bool(p.legal_basis),
            entry,
            ("legal_basis",),
            "Thủ tục chưa ghi căn cứ pháp lý.",
            "Thêm legal_basis.",
            agency=p.agency,
            aspect="legal_basis",
        )


@check
def publication_timing(ctx: CheckContext):
    """A provincial decision publishes procedures ≥ 5 days before the text that
    regulates them takes effect. Only the newest basis is compared, and only
    when the decision falls within a year after it: older bases are being
    re-published, not introduced."""
    for _slug, entry, p in _each(ctx):
        decision = p.publication_decision
        if not decision:
            continue
        effective = [
            ctx.site.documents[d].item.effective
            for d in (ctx.cat.resolve_document(b.number) for b in p.legal_basis)
            if d and ctx.site.documents[d].item.effective
        ]
        if not effective:
            continue
        newest = max(effective)
        if decision.date > newest + timedelta(days=365):
            continue
        yield ctx.outcome(decision.date <= newest - timedelta(days=5), entry, ("publication_decision", "date"),
                          f"Quyết định công bố ngày {decision.date:%d/%m/%Y} không sớm hơn 5 ngày so với ngày văn bản "
                          f"quy định thủ tục có hiệu lực ({newest:%d/%m/%Y}).",
                          "Kiểm tra ngày quyết định công bố.", agency=p.agency, aspect="publication_timing")


@check
def level_one_information(ctx: CheckContext):
    for _slug, entry, p in _each(ctx):
        for field in ("result", "methods"):
            message, hint = FIELDS[field]
            yield ctx.outcome(bool(getattr(p, field)), entry, (field,), message, hint, agency=p.agency,
                              aspect=f"field:{field}")
        yield ctx.outcome(
            p.publication_decision is not None,
            entry,
            ("publication_decision",),
            "Thông tin mức độ 1 còn thiếu quyết định công bố.",
            "Thêm publication_decision: {number: …, date: …}.",
            agency=p.agency,
            aspect="publication_decision",
        )


@check
def online_level(ctx: CheckContext):
    for _slug, entry, p in _each(ctx):
        yield ctx.outcome(p.online_service is not None, entry, ("online_service",),
                          "Thủ tục chưa ghi mức độ dịch vụ công trực tuyến.",
                          "Thêm online_service: {level: toan_trinh | mot_phan | khong, url: …}.", agency=p.agency,
                          aspect="online_level")


def integration_facts(ctx: CheckContext):
    """Integrated from the National Public Service Portal: the national code, and the link to the
    online service unless the procedure is not offered online."""
    for _slug, entry, p in _each(ctx):
        message, hint = FIELDS["national_code"]
        yield ctx.outcome(bool(p.national_code), entry, ("national_code",), message, hint, agency=p.agency,
                          aspect="field:national_code")
        online = p.online_service
        yield ctx.outcome(online is not None and (online.level == "khong" or bool(online.url)), entry,
                          ("online_service",), "Thủ tục chưa có đường dẫn tới dịch vụ công trực tuyến.",
                          "Ghi online_service.url (địa chỉ trên Cổng Dịch vụ công quốc gia).", agency=p.agency,
                          aspect="online_link")


@check
def integrated_2022(ctx: CheckContext):
    yield from integration_facts(ctx)


def form_facts(ctx: CheckContext):
    """Every form a dossier item names has a file a citizen can open (files.py)."""
    for _slug, entry, p in _each(ctx):
        for c, case in enumerate(p.dossier):
            for i, item in enumerate(case.items):
                if not (item.form_name or item.form):
                    continue
                gap = ctx.file_gap(item.form) if item.form else None
                label = item.form_name or item.name
                ok = bool(item.form) and gap is None
                yield ctx.outcome(ok, entry, ("dossier", c, "items", i, "form" if item.form else "form_name"),
                                  f"Mẫu '{label}' chưa có tệp để tải về." if not item.form
                                  else f"Tệp mẫu '{label}' không dùng được: {gap}.",
                                  "Đặt tệp mẫu (.docx, .doc, .pdf, .odt) vào content/forms/<lĩnh vực>/ và ghi trường "
                                  "form.", agency=p.agency, aspect="form", part=f"{c}.{i}")


@check
def forms_downloadable(ctx: CheckContext):
    yield from form_facts(ctx)


@check
def partial_reason(ctx: CheckContext):
    for _slug, entry, p in _each(ctx):
        online = p.online_service
        if online is None or online.level == "toan_trinh":
            continue
        yield ctx.outcome(bool(online.reason and online.reason_legal_basis), entry, ("online_service",),
                          "Dịch vụ không cung cấp trực tuyến toàn trình nhưng chưa nêu lý do và căn cứ pháp lý.",
                          "Ghi online_service.reason và online_service.reason_legal_basis.", agency=p.agency,
                          aspect="partial_reason")


@check
def service_guide(ctx: CheckContext):
    for _slug, entry, p in _each(ctx):
        online = p.online_service
        if online is None or online.level == "khong":
            continue
        message, hint = FIELDS["national_code"]
        yield ctx.outcome(bool(p.national_code), entry, ("national_code",), message, hint, agency=p.agency,
                          aspect="field:national_code")
        yield ctx.outcome(bool(online.guide_url), entry, ("online_service",),
                          "Dịch vụ công trực tuyến chưa có hướng dẫn sử dụng.",
                          "Ghi online_service.guide_url.", agency=p.agency, aspect="guide")
