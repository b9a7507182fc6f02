"""Per-document requirements: metadata, status, timely publication."""

from __future__ import annotations

from .context import CheckContext
from .registry import check

ATTRIBUTES = (("type", "loại văn bản"), ("issuer", "cơ quan ban hành"), ("number", "số, ký hiệu"),
              ("issued", "ngày ban hành"), ("effective", "ngày có hiệu lực"), ("abstract", "trích yếu"))


@check
def document_attributes(ctx: CheckContext):
    for slug, entry in ctx.site.documents.items():
        d = entry.item
        missing = [(key, label) for key, label in ATTRIBUTES if not getattr(d, key)]
        yield ctx.outcome(not missing, entry, (missing[0][0],) if missing else (),
                          "Văn bản thiếu: " + ", ".join(label for _, label in missing) + ".",
                          "Bổ sung các trường " + ", ".join(key for key, _ in missing) + " trong phần thông tin của "
                                                                                         "văn bản.",
                          entity=f"document:{slug}", aspect="attributes")
        # The downloadable original is its own aspect: a portal may document
        # why originals are missing without hiding other missing attributes.
        yield ctx.outcome(bool(d.file), entry, ("file",), "Văn bản chưa có tệp văn bản gốc để tải về.",
                          "Thêm tệp vào content/files/ và ghi trường file.", entity=f"document:{slug}", aspect="file")


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
                          entity=f"document:{slug}")


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
                          "Cập nhật tình trạng hiệu lực của văn bản và ngày updated.", entity=f"document:{slug}")


@check
def publication_deadlines(ctx: CheckContext, own_days: int, other_days: int | None = None,
                          project_days: int | None = None):
    """Documents (and projects) published later than N working days after they were issued (approved).

    Items entered after the as-of date (sample content written later) or issued before the portal
    existed cannot be judged and are skipped."""
    cfg = ctx.config
    for slug, entry in ctx.site.documents.items():
        d = entry.item
        own = bool(cfg and d.issuer in cfg.own_issuers)
        limit = own_days if own else other_days
        if limit is None:
            continue
        if cfg and cfg.published_since and d.issued < cfg.published_since:
            continue
        published = ctx.first_published(entry)
        if published is None or published > ctx.as_of:
            continue
        late = ctx.calendar.between(d.issued, published)
        yield ctx.outcome(late <= limit, entry, ("published",),
                          f"Văn bản đăng sau {late} ngày làm việc kể từ ngày ban hành (tối đa {limit}).",
                          "Đăng văn bản kịp thời; ghi ngày đăng thực tế ở trường published.", entity=f"document:{slug}")
    if project_days is None:
        return
    for slug, entry in ctx.site.projects.items():
        p = entry.item
        published = ctx.first_published(entry)
        if not p.approved or published is None or published > ctx.as_of:
            continue
        late = ctx.calendar.between(p.approved, published)
        yield ctx.outcome(late <= project_days, entry, ("approved",),
                          f"Dự án đăng sau {late} ngày làm việc kể từ ngày phê duyệt (tối đa {project_days}).",
                          "Đăng dự án kịp thời.", entity=f"project:{slug}")
