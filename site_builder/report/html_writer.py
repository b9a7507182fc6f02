"""The report as HTML with a print stylesheet: the same layout as the Word file (docx_writer.py),
printed to PDF by pdf.py, and readable on the portal."""

from __future__ import annotations

import html
from pathlib import Path

from .document import MOTTO, NATIONAL_TITLE, Report

CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
html { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt; color: #000; }
body { margin: 0; max-width: 165mm; }
.header { display: grid; grid-template-columns: 76mm 1fr; column-gap: 2mm; text-align: center; font-size: 12pt; }
.header p { margin: 0; white-space: nowrap; }
.bold { font-weight: bold; }
.rule { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1pt; }
.motto { font-size: 13pt; font-weight: bold; }
.number { font-size: 13pt; margin-top: 6pt !important; white-space: pre !important; }
.place { font-size: 13pt; font-style: italic; margin-top: 6pt !important; white-space: pre !important; }
h1.kind { text-align: center; font-size: 14pt; margin: 18pt 0 0; }
p.abstract { text-align: center; font-weight: bold; margin: 0 0 12pt; }
p.sample { font-style: italic; font-size: 12pt; }
h2, h3 { font-size: 14pt; margin: 6pt 0; text-indent: 1.27cm; }
p.body { text-align: justify; text-indent: 1.27cm; margin: 0 0 6pt; line-height: 1.3; }
table.data { border-collapse: collapse; width: 100%; font-size: 12pt; margin: 0 0 8pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
table.data td:not(:first-child) { text-align: center; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; }
.closing { display: grid; grid-template-columns: 1fr 1fr; margin-top: 12pt; }
.recipients { font-size: 11pt; }
.recipients p { margin: 0; }
.recipients .label { font-size: 12pt; font-weight: bold; font-style: italic; }
.signer { text-align: center; font-weight: bold; }
.annex { break-before: page; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _blocks(blocks) -> str:
    out = []
    for kind, value in blocks:
        if kind == "table":
            head = "".join(f"<th scope=\"col\">{_e(h)}</th>" for h in value.header)
            rows = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in value.rows)
            cols = "".join(f"<col style=\"width:{share * 100:.0f}%\">" for share in value.widths)
            out.append(f"<table class=\"data\"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
                       f"<tbody>{rows}</tbody></table>")
        elif kind in ("h1", "h2"):
            tag = "h2" if kind == "h1" else "h3"
            out.append(f"<{tag}>{_e(value)}</{tag}>")
        else:
            out.append(f"<p class=\"body\">{_e(value)}</p>")
    return "\n".join(out)


def render_html(report: Report) -> str:
    sample = f"<p class=\"sample\">{_e(report.sample_note)}</p>" if report.sample_note else ""
    recipients = "".join(f"<p>- {_e(r)}</p>" for r in report.recipients)
    annex = ("<section class=\"annex\"><h1 class=\"kind\">PHỤ LỤC</h1><p class=\"abstract\">Mức độ đáp ứng và tồn tại "
             f"theo từng cơ quan, đơn vị</p>{_blocks(report.annex)}</section>") if report.annex else ""
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(report.title)}</title><style>{CSS}</style></head>
<body><div class="header">
<div><p>{_e(report.parent_body)}</p><p class="bold"><span class="rule">{_e(report.body)}</span></p>
<p class="number">{_e(report.number)}</p></div>
<div><p class="bold">{_e(NATIONAL_TITLE)}</p><p class="motto"><span class="rule">{_e(MOTTO)}</span></p>
<p class="place">{_e(report.place_date)}</p></div></div>
<h1 class="kind">{_e(report.kind)}</h1><p class="abstract">{_e(report.abstract)}</p>{sample}
{_blocks(report.blocks)}
<div class="closing"><div class="recipients"><p class="label">Nơi nhận:</p>{recipients}</div>
<div class="signer">{_e(report.signer_title)}</div></div>
{annex}
</body></html>
"""


def write_html(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    return path
