"""Per-agency scorecard: share of legally required facts met, by category.

One requirement (findings.py) counts once, however many rules ask for it. Only met counts as
present: an exemption explains a gap, it does not fill it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from . import ComplianceResult

CATEGORIES = {
    "to-chuc": "Tổ chức, chức năng",
    "thu-tuc": "Thủ tục hành chính",
    "van-ban": "Văn bản",
    "thong-tin": "Chuyên mục thông tin",
    "lien-he": "Liên hệ, thư điện tử",
    "du-an": "Dự án, góp ý",
    "cap-nhat": "Cập nhật thông tin",
    "tiep-can": "Khả năng truy cập",
}
PORTAL = ""   # key of the row for portal-wide requirements


@dataclass
class Cell:
    required: int = 0
    present: int = 0
    exempted: int = 0

    @property
    def share(self) -> float:
        return self.present / self.required if self.required else 1.0


@dataclass
class Row:
    key: str                                   # agency slug, or PORTAL
    cells: dict[str, Cell] = field(default_factory=lambda: defaultdict(Cell))

    @property
    def total(self) -> Cell:
        cells = self.cells.values()
        return Cell(sum(c.required for c in cells), sum(c.present for c in cells), sum(c.exempted for c in cells))


def scorecard(result: ComplianceResult) -> list[Row]:
    rows: dict[str, Row] = {}
    for req in result.requirements:
        key = req.agency or PORTAL
        row = rows.setdefault(key, Row(key))
        cell = row.cells[req.category]
        cell.required += 1
        cell.present += req.state == "met"
        cell.exempted += req.state == "exempted"
    ordered = [rows[PORTAL]] if PORTAL in rows else []
    return ordered + [rows[k] for k in sorted(k for k in rows if k != PORTAL)]


def scorecard_csv(rows: list[Row], names: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ma_don_vi", "ten_don_vi", "nhom_yeu_cau", "so_yeu_cau", "so_dat", "ty_le_phan_tram", "so_thieu",
                     "so_mien_tru"])
    for row in rows:
        name = names.get(row.key, "Toàn cổng")
        for category, label in CATEGORIES.items():
            cell = row.cells.get(category)
            if cell and cell.required:
                writer.writerow([row.key or "cong", name, label, cell.required, cell.present,
                                 f"{100 * cell.share:.1f}", cell.required - cell.present, cell.exempted])
        total = row.total
        writer.writerow([row.key or "cong", name, "Tổng", total.required, total.present,
                         f"{100 * total.share:.1f}", total.required - total.present, total.exempted])
    return out.getvalue()


def bar_chart_svg(rows: list[Row], names: dict[str, str]) -> str:
    """Horizontal bars drawn at build time: readable without JavaScript, with a title and
    description for screen readers. Narrow (each name on its own line above its bar) so that a
    phone shows it near full size: at 320 px the labels stay above 12 px."""
    width, bar_w, row_h, top, size = 340, 280, 46, 34, 16
    height = top + row_h * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif" font-size="{size}">',
        '<title id="chart-title">Tỷ lệ thông tin bắt buộc đã cung cấp, theo cơ quan</title>',
        '<desc id="chart-desc">Mỗi thanh là tỷ lệ phần trăm yêu cầu pháp luật được đáp ứng của một cơ quan; '
        'số liệu chi tiết ở bảng trên trang.</desc>',
        '<text x="0" y="20" font-weight="bold" fill="#1a1a1a">Tỷ lệ đáp ứng (%)</text>',
    ]
    for i, row in enumerate(rows):
        y = top + i * row_h
        share = row.total.share
        name = names.get(row.key, "Toàn cổng")
        name = name if len(name) <= 36 else name[:35] + "…"
        colour = "#0b5a23" if share >= 0.999 else ("#7a4100" if share >= 0.8 else "#8a1c12")
        parts.append(f'<text x="0" y="{y + 16}" fill="#1a1a1a">{_esc(name)}</text>')
        parts.append(f'<rect x="0" y="{y + 22}" width="{bar_w}" height="16" fill="#eeeeee"/>')
        parts.append(f'<rect x="0" y="{y + 22}" width="{bar_w * share:.1f}" height="16" fill="{colour}"/>')
        parts.append(f'<text x="{bar_w + 6}" y="{y + 36}" fill="#1a1a1a">{100 * share:.0f}%</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
