"""The report as an editable Word document (python-docx), laid out per Decree 30/2020 Appendix I:
A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; national title 12 pt bold
upper case, motto 13 pt bold with a rule below, issuing body 12 pt bold with a rule below, place and
date 13 pt italic, type 14 pt bold, abstract 14 pt bold, body 14 pt justified with a 1.27 cm first-line
indent, recipients 12 pt bold italic / 11 pt. Sizes are inside the decree's ranges; the recalled
figures are marked [R] in ../shared/legal (not read in the annex itself)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .document import MOTTO, NATIONAL_TITLE, Report, Table

FONT = "Times New Roman"


def _run(paragraph, text: str, size: float, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return run


def _para(cell_or_doc, text="", size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, after=0,
          indent=None):
    p = cell_or_doc.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    if indent is not None:
        p.paragraph_format.first_line_indent = indent
    if text:
        _run(p, text, size, bold, italic)
    return p


def _rule_below(paragraph) -> None:
    """A short solid line under the paragraph (the line under the motto and the issuing body)."""
    pPr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    pPr.append(border)


def _no_borders(table) -> None:
    tbl = table._tbl
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl.tblPr.append(borders)


def _table(doc, table: Table, width_cm: float) -> None:
    t = doc.add_table(rows=1, cols=len(table.header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, text in enumerate(table.header):
        cell = t.rows[0].cells[i]
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], text, 12, bold=True)
    for values in table.rows:
        cells = t.add_row().cells
        for i, text in enumerate(values):
            cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 0 else WD_ALIGN_PARAGRAPH.CENTER
            _run(cells[i].paragraphs[0], text, 12)
    for row in t.rows:
        for i, share in enumerate(table.widths):
            row.cells[i].width = Cm(width_cm * share)
    _para(doc, after=6)


def _blocks(doc, blocks, width_cm: float) -> None:
    for kind, value in blocks:
        if kind == "table":
            _table(doc, value, width_cm)
        elif kind == "h1":
            _para(doc, value, 14, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=6, indent=Cm(1.27))
        elif kind == "h2":
            _para(doc, value, 14, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=6, indent=Cm(1.27))
        else:
            _para(doc, value, 14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, indent=Cm(1.27))


def write_docx(report: Report, path: Path) -> Path:
    doc = Document()
    doc.core_properties.title = report.title
    doc.core_properties.language = "vi-VN"
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    width_cm = 21.0 - 3.0 - 1.5
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)

    header = doc.add_table(rows=1, cols=2)
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Cm(7.6), Cm(width_cm - 7.6)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(left.paragraphs[0], report.parent_body, 12)
    _rule_below(_para(left, report.body, 12, bold=True))
    _para(left, "")
    _para(left, report.number, 13)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(right.paragraphs[0], NATIONAL_TITLE, 12, bold=True)
    _rule_below(_para(right, MOTTO, 13, bold=True))
    _para(right, "")
    _para(right, report.place_date, 13, italic=True)

    _para(doc, "", after=6)
    _para(doc, report.kind, 14, bold=True)
    _para(doc, report.abstract, 14, bold=True, after=12)
    if report.sample_note:
        _para(doc, report.sample_note, 12, italic=True, after=6)
    _blocks(doc, report.blocks, width_cm)

    closing = doc.add_table(rows=1, cols=2)
    _no_borders(closing)
    recipients, signer = closing.rows[0].cells
    recipients.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    _run(recipients.paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
    for line in report.recipients:
        _para(recipients, f"- {line}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(signer.paragraphs[0], report.signer_title, 14, bold=True)

    if report.annex:
        doc.add_page_break()
        _para(doc, "PHỤ LỤC", 14, bold=True)
        _para(doc, "Mức độ đáp ứng và tồn tại theo từng cơ quan, đơn vị", 14, bold=True, after=12)
        _blocks(doc, report.annex, width_cm)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
