"""When information appears and how long it stays: publication deadlines and the archive duty.

Deadlines count Vietnamese working days (workdays.py) from the day the law starts the clock
(issue, approval, publication decision) to the day the item appeared on the portal: the
`published`/`date` field, or else the day git first saw the file. Items entered after the
as-of date (sample content written later) or issued before the portal existed cannot be judged
and are skipped.
"""

from __future__ import annotations

from .. import git
from ..urls import url_of_source
from .context import CheckContext
from .registry import check


def _skip(ctx: CheckContext, start, published) -> bool:
    cfg = ctx.config
    return (published is None or published > ctx.as_of or start is None
            or bool(cfg and cfg.published_since and start < cfg.published_since))


@check
def publication_deadlines(ctx: CheckContext, own_days: int, other_days: int | None = None,
                          project_days: int | None = None, pages: dict[str, int] | None = None):
    """Documents, projects and pages published later than N working days after their clock started."""
    cfg = ctx.config
    for slug, entry in ctx.site.documents.items():
        d = entry.item
        limit = own_days if (cfg and d.issuer in cfg.own_issuers) else other_days
        published = ctx.first_published(entry)
        if limit is None or _skip(ctx, d.issued, published):
            continue
        late = ctx.calendar.between(d.issued, published)
        yield ctx.outcome(late <= limit, entry, ("published",),
                          f"Văn bản đăng sau {late} ngày làm việc kể từ ngày ban hành (tối đa {limit}).",
                          "Đăng văn bản kịp thời; ghi ngày đăng thực tế ở trường published.", entity=f"document:{slug}",
                          aspect="on_time")
    for slug, entry in ctx.site.projects.items() if project_days is not None else ():
        p = entry.item
        published = ctx.first_published(entry)
        if _skip(ctx, p.approved, published):
            continue
        late = ctx.calendar.between(p.approved, published)
        yield ctx.outcome(late <= project_days, entry, ("approved",),
                          f"Dự án đăng sau {late} ngày làm việc kể từ ngày phê duyệt (tối đa {project_days}).",
                          "Đăng dự án kịp thời.", entity=f"project:{slug}", aspect="on_time")
    for entry in ctx.site.pages.values() if pages else ():
        page = entry.item
        limit = pages.get(page.role or "")
        published = page.date or ctx.first_published(entry)
        if limit is None or _skip(ctx, page.basis_date, published):
            continue
        late = ctx.calendar.between(page.basis_date, published)
        yield ctx.outcome(late <= limit, entry, ("date",),
                          f"Trang đăng sau {late} ngày làm việc kể từ ngày {page.basis_date:%d/%m/%Y} của văn bản, "
                          f"quyết định làm căn cứ (tối đa {limit}).",
                          "Đăng thông tin kịp thời; ghi date (ngày đăng) và basis_date (ngày ban hành, phê duyệt, "
                          "công bố).", aspect="on_time")


@check
def archive_kept(ctx: CheckContext):
    """Decree 43/2011 Art. 17(2): what was published stays reachable. Ended items keep their page
    with a banner (kept); a deleted file must at least redirect to where its content went."""
    redirected = {r.from_ for r in ctx.site.redirects}
    moves = git.moves(ctx.site.root)
    for rel in sorted(moves.deleted):
        if ctx.site.tree.has_file(rel) or rel in moves.moved:
            continue
        url = url_of_source(rel)
        if not url:
            continue
        yield ctx.outcome(url in redirected, None, (), f"Tệp đã bị xóa nên trang {url} không còn tra cứu được.",
                          "Khôi phục tệp và ghi tình trạng hết hiệu lực/bãi bỏ, hoặc khai báo chuyển hướng trong "
                          "content/redirects.yml.", path=rel, entity=rel, aspect="archived")
    for entry in ctx.site.procedures.values():
        if entry.item.withdrawn:
            yield ctx.passed(entry, aspect="archived", agency=entry.item.agency)
    for entry in ctx.site.documents.values():
        if entry.item.status == "expired":
            yield ctx.passed(entry, aspect="archived")
