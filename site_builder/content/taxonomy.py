"""Closed code lists, read from content/taxonomy/*.yml (data, not constants).

The 2025 ministry mergers retired several issuer codes and the district level,
so entries carry validity dates and a province can edit them without code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import Field

from .model import Strict, Text


class Sector(Strict):
    id: Text = Field(title="Mã lĩnh vực")
    name: Text = Field(title="Tên lĩnh vực")
    ministry: str | None = Field(None, title="Bộ, ngành quản lý")


class Level(Strict):
    id: Text
    name: Text
    valid_to: dt.date | None = None


class DocumentType(Strict):
    id: Text
    name: Text
    symbol: str | None = Field(None, description="Chữ viết tắt trong số ký hiệu, ví dụ NĐ; trống với Luật")
    normative: bool = Field(False, description="Thuộc hệ thống văn bản quy phạm pháp luật")


class Issuer(Strict):
    id: Text
    name: Text
    symbol: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class Status(Strict):
    id: Text
    name: Text
    in_force: bool = Field(description="Văn bản còn được áp dụng (toàn bộ hoặc một phần)")


class RelationType(Strict):
    id: Text
    label: Text = Field(description="Nhãn chiều thuận: văn bản này … văn bản đích")
    inverse_label: Text = Field(description="Nhãn chiều ngược, hiện trên trang văn bản đích")
    ends_target: bool = Field(False, description="Quan hệ làm văn bản đích hết hiệu lực (thay thế, bãi bỏ)")


class Section(Strict):
    id: Text
    name: Text
    path: Text = Field(description="Thư mục trang, ví dụ gioi-thieu")
    description: str | None = None


class GlossaryTerm(Strict):
    term: Text = Field(title="Thuật ngữ", description="Đúng cách viết trong nội dung")
    aliases: list[str] = Field(default_factory=list, title="Cách viết khác")
    definition: Text = Field(max_length=300, title="Giải thích", description="Một đến hai câu, lời lẽ giản dị")
    source: str | None = Field(None, title="Văn bản định nghĩa", description="Số hiệu, điều, khoản")
    not_in: list[str] = Field(default_factory=list, title="Không giải thích khi nằm trong cụm",
                              description='Ví dụ "văn bản chính thức" cho thuật ngữ "bản chính"')
    note: str | None = Field(None, title="Ghi chú cho người biên tập", description="Không hiện trên cổng")

    @property
    def id(self) -> str:
        from ..text import slugify
        return slugify(self.term)


TAXONOMY_FILES: dict[str, type[Strict]] = {
    "sectors": Sector,
    "levels": Level,
    "document_types": DocumentType,
    "issuers": Issuer,
    "statuses": Status,
    "relation_types": RelationType,
    "sections": Section,
    "glossary": GlossaryTerm,
}
OPTIONAL_TAXONOMY = {"glossary"}   # a portal without a glossary simply explains no terms


@dataclass
class Taxonomy:
    sectors: dict[str, Sector] = field(default_factory=dict)
    levels: dict[str, Level] = field(default_factory=dict)
    document_types: dict[str, DocumentType] = field(default_factory=dict)
    issuers: dict[str, Issuer] = field(default_factory=dict)
    statuses: dict[str, Status] = field(default_factory=dict)
    relation_types: dict[str, RelationType] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
