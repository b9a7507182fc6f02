"""Cross-reference indexes over a loaded site, shared by validation and rendering.

Relations are written forward only (formats.md §3.2); the inverse edges are
derived here once, so a document page can list "được sửa đổi bởi …".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .. import numbers
from .loading import Entry, Site


@dataclass(frozen=True)
class Edge:
    source: str        # slug of the document that declares the relation
    type: str
    target: str        # slug of the target document
    index: int         # position in the source's relations list (for lines)


@dataclass
class Catalog:
    site: Site
    doc_by_key: dict[str, str] = field(default_factory=dict)       # number key → slug
    edges: list[Edge] = field(default_factory=list)
    incoming: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    outgoing: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    procedures_by_agency: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    procedures_by_sector: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    procedures_by_level: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    procedures_citing: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # doc slug → procedures
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))           # agency → sub-agencies

    def resolve_document(self, ref: str) -> str | None:
        """A document reference is its number (any accepted spelling) or its slug."""
        if ref in self.site.documents:
            return ref
        return self.doc_by_key.get(numbers.key(ref))


def build_catalog(site: Site) -> Catalog:
    cat = Catalog(site)
    for slug, entry in site.documents.items():
        if entry.item.number:
            cat.doc_by_key.setdefault(numbers.key(entry.item.number), slug)
    for slug, entry in site.documents.items():
        for i, rel in enumerate(entry.item.relations):
            target = cat.resolve_document(rel.target)
            if target is None:
                continue
            edge = Edge(slug, rel.type, target, i)
            cat.edges.append(edge)
            cat.outgoing[slug].append(edge)
            cat.incoming[target].append(edge)
    for slug, entry in sorted(site.procedures.items(), key=lambda kv: _sort_name(kv[1])):
        p = entry.item
        if p.agency:
            cat.procedures_by_agency[p.agency].append(slug)
        cat.procedures_by_sector[p.sector].append(slug)
        cat.procedures_by_level[p.level].append(slug)
        for basis in p.legal_basis:
            doc = cat.resolve_document(basis.number)
            if doc and slug not in cat.procedures_citing[doc]:
                cat.procedures_citing[doc].append(slug)
    for slug, entry in sorted(site.agencies.items()):
        if entry.item.parent:
            cat.children[entry.item.parent].append(slug)
    return cat


def _sort_name(entry: Entry) -> str:
    from ..text import fold
    return fold(entry.item.name or entry.slug).lower()
