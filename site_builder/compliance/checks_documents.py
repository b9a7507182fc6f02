"""Per-document requirements: metadata, official text, status, timely publication, current bases."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

from .context import CheckContext
from .registry import check

ATTRIBUTES = (("type", "loại văn bản"), ("issuer", "cơ quan ban hành"), ("number", "số, ký hiệu"),
              ("issued", "ngày ban hành"), ("effective", "ngày có hiệu lực"), ("abstract", "trích yếu"))
# Where an official text lives: the national legal database, the Government's gazette and
# document system, the national law portal. A province adds its own gazette (congbao.<domain>).
OFFICIAL_HOSTS = ("vbpl.vn", "congbao.chinhphu.vn", "vanban.chinhphu.vn", "datafiles.chinhphu.vn", "chinhphu.vn",
                  "phapluat.gov.vn", "quochoi.vn")


def _official(ctx: CheckContext, url: str | None) -> bool:
    if not url:
        return False
    host = urlparse(url).hostname or ""
    hosts = OFFICIAL_HOSTS + ((f"congbao.{ctx.config.domain}",) if ctx.config else ())
    return host in hosts or host.endswith(tuple("." + h for h in hosts))


def attribute_facts(ctx: CheckContext, keys=ATTRIBUTES):
    for slug, entry in ctx.site.documents.items():
        d = entry.item
        for key, label in keys:
            yield ctx.outcome(bool(getattr(d, key)), entry, (key,), f"Văn bản thiếu {label}.",
                              f"Ghi trường {key} trong phần thông tin của văn bản.", entity=f"document:{slug}",
                              aspect=f"field:{key}")


def official_text_facts(ctx: CheckContext):
    """The text a citizen can rely on: the original file (a real PDF/Word document), or its page
    on the national legal database or an official gazette."""
    for slug, entry in ctx.site.documents.items():
        d = entry.item
        file_gap = ctx.file_gap(d.file) if d.file else "chưa có tệp văn bản gốc"
        official = _official(ctx, d.source_url)
        if d.file and file_gap:
            message = f"Tệp văn bản gốc không dùng được: {file_gap}."
        elif d.source_url and not official:
            message = "Nguồn văn bản không phải CSDL quốc gia về văn bản pháp luật hay Công báo."
        else:
            message = "Văn bản chưa có tệp văn bản gốc hay đường dẫn tới văn bản chính thức."
        yield ctx.outcome(official or (bool(d.file) and not file_gap), entry,
                          ("file",) if d.file else ("source_url",) if d.source_url else ("number",), message,
                          "Đặt tệp gốc (PDF, Word) vào content/files/ và ghi trường file, hoặc ghi source_url là "
                          "địa chỉ văn bản trên vbpl.vn hoặc congbao.chinhphu.vn.",
                          entity=f"document:{slug}", aspect="official_text")


@check
def document_attributes(ctx: CheckContext):
    yield from attribute_facts(ctx)
    yield from official_text_facts(ctx)


@check
def documents_present(ctx: CheckContext):
    """The legal documents section holds legal normative documents, each with its official text."""
    types = ctx.site.taxonomy.document_types
    normative = [e for e in ctx.site.documents.values() if getattr(types.get(e.item.type), "normative", False)]
    yield ctx.page_outcome(bool(normative), "văn bản quy phạm pháp luật nào trong policies/",
                           "Thêm văn bản vào policies/<năm>/<tên>.md.", path="policies", aspect="documents")
    yield from official_text_facts(ctx)


@check
def legal_documents_and_procedures(ctx: CheckContext):
    """Law 104/2016 Art. 19(1)(a): legal documents, procedures and work processes are published."""
    yield from documents_present(ctx)
    yield ctx.page_outcome(bool(ctx.site.procedures), "thủ tục hành chính nào trong procedures/",
                           "Thêm thủ tục vào procedures/<lĩnh vực>/<tên>.yml.", path="procedures",
                           aspect="procedures")


@check
def legal_database_sync(ctx: CheckContext):
    yield ctx.config_outcome(bool(ctx.config and ctx.config.legal_database_url), "legal_database_url",
                             "Chưa khai báo nguồn đồng bộ văn bản (CSDL quốc gia về văn bản pháp luật hoặc Công báo).",
                             "Thêm legal_database_url vào content/portal.yml.")
    yield from document_attributes(ctx)


def ended(ctx: CheckContext, slug: str, day: dt.date) -> tuple[bool, list[str]]:
    """Whether document `slug` no longer applies on `day`, and the numbers of what replaced it."""
    d = ctx.site.documents[slug].item
    by = []
    for edge in ctx.cat.incoming.get(slug, []):
        rtype = ctx.site.taxonomy.relation_types.get(edge.type)
        if not rtype or not rtype.ends_target:
            continue
        source = ctx.site.documents[edge.source].item
        relation = source.relations[edge.index]
        when = relation.date or source.effective
        if not relation.articles and when and when <= day:
            by.append(source.number or edge.source)
    gone = bool(by) or bool(d.expired and d.expired <= day) or d.status in ("expired", "obsolete")
    return gone, by


@check
def legal_basis_current(ctx: CheckContext):
    """A procedure resting on a text that no longer applies misleads the citizen who follows it."""
    for entry in ctx.site.procedures.values():
        p = entry.item
        for i, basis in enumerate(p.legal_basis):
            doc = ctx.cat.resolve_document(basis.number)
            if doc is None:
                continue
            gone, by = ended(ctx, doc, ctx.as_of)
            replacement = f"; thay bằng {', '.join(by)}" if by else ""
            yield ctx.outcome(not gone, entry, ("legal_basis", i, "number"),
                              f"Căn cứ pháp lý {basis.number} đã hết hiệu lực tại ngày {ctx.as_of:%d/%m/%Y}"
                              f"{replacement}.",
                              "Cập nhật căn cứ pháp lý (và các thành phần thủ tục theo văn bản mới)"
                              + (f": thay {basis.number} bằng {by[0]}." if by else "."),
                              agency=p.agency, aspect="legal_basis_current", part=str(i))


@check
def expired_documents(ctx: CheckContext):
    for slug, entry in ctx.site.documents.items():
        d = entry.item
        if d.status != "expired":
            continue
        ended_by = [
            e
            for e in ctx.cat.incoming.get(slug, [])
            if e.type in ctx.site.taxonomy.relation_types and ctx.site.taxonomy.relation_types[e.type].ends_target
        ]
        yield ctx.outcome(bool(d.expired and (ended_by or d.status_note)), entry, ("status",),
                          "Văn bản hết hiệu lực chưa ghi ngày hết hiệu lực và văn bản thay thế (hoặc ghi chú tình "
                          "trạng).",
                          "Ghi expired, và thêm quan hệ replaces/repeals ở văn bản thay thế hoặc status_note.",
                          entity=f"document:{slug}", aspect="status_recorded")
    # A document shown in force though a text on the portal ended it: the status is wrong.
    for slug, entry in ctx.site.documents.items():
        d = entry.item
        status = ctx.site.taxonomy.statuses.get(d.status)
        if status is None or not status.in_force:
            continue
        _, by = ended(ctx, slug, ctx.as_of)
        yield ctx.outcome(not by, entry, ("status",), f"Văn bản ghi còn hiệu lực nhưng đã bị {', '.join(by)} thay "
                          "thế, bãi bỏ.", "Sửa status: expired, ghi expired và status_note.",
                          entity=f"document:{slug}", aspect="status_current")


@check
def superseded_updated(ctx: CheckContext):
    for slug, entry in ctx.site.documents.items():
        changes = []
        for edge in ctx.cat.incoming.get(slug, []):
            if edge.type in ("replaces", "repeals", "amends", "suspends"):
                source = ctx.site.documents[edge.source].item
                when = source.relations[edge.index].date or source.effective
                if when and when <= ctx.as_of:
                    changes.append((when, source.number or edge.source))
        if not changes:
            continue
        when, by = max(changes)
        changed = ctx.last_changed(entry)
        yield ctx.outcome(bool(changed and changed >= when), entry, ("updated",),
                          f"Văn bản đã bị thay đổi bởi {by} từ {when:%d/%m/%Y} nhưng trang chưa được cập nhật từ đó.",
                          "Cập nhật tình trạng hiệu lực của văn bản và ngày updated.", entity=f"document:{slug}",
                          aspect="updated_after_change")
