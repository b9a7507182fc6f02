"""Pages the law requires: present, and holding what their role stands for (contracts.yml).

For each required role there is one presence requirement ("role:<role>") and, for every page
of that role, its content requirements: the text ("content", never exemptible) and each need of
the contract ("content:<need>"). A section works the same way with the default contract.
"""

from __future__ import annotations

from ..codes import C
from ..content.cache import derived
from ..content.placeholders import placeholder, words
from .context import CheckContext
from .registry import check
from .substance import contract_for

MIN_WORDS = 10      # a page no rule asks for still says something


def role_label(role: str, lang: str = "vi") -> str:
    return contract_for(role)["label"] + (" bằng tiếng Anh" if lang == "en" else "")


def page_content(ctx: CheckContext, entry, agency: str | None = None):
    text, needs = ctx.page_gaps(entry)
    yield ctx.gap_outcome(entry, text, "content", agency)
    for name, gap in needs.items():
        yield ctx.gap_outcome(entry, gap, f"content:{name}", agency)


def role_outcomes(ctx: CheckContext, roles, lang: str = "vi"):
    for role in roles:
        pages = ctx.pages(role=role, lang=lang)
        yield ctx.page_outcome(bool(pages), role_label(role, lang),
                               f"Thêm một trang content/pages/<tên>.md có 'role: {role}'"
                               + (" và 'lang: en'" if lang == "en" else "") + ".",
                               aspect=f"role:{role}" + (":en" if lang == "en" else ""))
        for entry in pages:
            yield from page_content(ctx, entry)


def section_outcomes(ctx: CheckContext, section: str):
    name = ctx.site.taxonomy.sections[section].name if section in ctx.site.taxonomy.sections else section
    pages = ctx.pages(section=section)
    yield ctx.page_outcome(bool(pages), f"bài nào trong mục '{name}'",
                           f"Thêm một trang content/pages/<tên>.md có 'section: {section}'.",
                           aspect=f"section:{section}")
    for entry in pages:
        yield from page_content(ctx, entry)


@check
def pages_with_roles(ctx: CheckContext, roles: list[str], lang: str = "vi"):
    """One page of each role (content/pages, `role:`), in the given language, each meeting its contract."""
    yield from role_outcomes(ctx, roles, lang)


@check
def sections_have_pages(ctx: CheckContext, sections: list[str]):
    for section in sections:
        yield from section_outcomes(ctx, section)


def _body_placeholder(entry):
    return placeholder(entry.body or "")


def placeholder_pages(site, covered: set[str], report) -> None:
    """Pages, documents and drafts that no active rule reads, but that would publish an empty page or a
    placeholder: a warning (so `--strict` and CI refuse it), never silence."""
    groups = [(e, True) for e in site.pages.values()] + [(e, False) for g in (site.documents, site.consultations)
                                                          for e in g.values()]
    for entry, is_page in groups:
        if entry.rel in covered:
            continue
        found = derived(entry, _body_placeholder)
        if found:
            report.add(entry.rel, entry.body_line + found[0], C.PAGE_PLACEHOLDER,
                       f"Nội dung giữ chỗ ('{found[1]}'), chưa phải thông tin thật.",
                       "Viết nội dung thật; nếu chưa có thông tin, nói rõ vì sao và khi nào có, không dùng chữ "
                       "'đang cập nhật', 'cần bổ sung'.")
        elif is_page and words(entry.body or "") < MIN_WORDS:
            report.add(entry.rel, entry.body_line, C.PAGE_PLACEHOLDER,
                       f"Trang gần như trống ({words(entry.body or '')} chữ).",
                       "Viết nội dung cho trang, hoặc xóa trang nếu không cần.")
