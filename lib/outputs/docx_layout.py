"""The look of a Chinese government document in python-docx: A4, fonts, page numbers, tables. Pure.

GB/T 9704 sets the page (A4, margins 3.7/3.5/2.8/2.6 cm), a title in 小标宋 or 黑体, headings in 黑体 and
楷体, body text in 仿宋 三号, and page numbers as “— 1 —” at the foot. Word and LibreOffice take the
East Asian font from w:eastAsia of w:rFonts, so every font is set there, not only in w:ascii.
"""

from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

TITLE_FONT = "方正小标宋简体"  # the title face of government documents; 黑体 where it is not installed
TITLE_FALLBACK = "黑体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体"
BODY_FONT = "仿宋"  # 仿宋_GB2312 is often missing on current Windows; 仿宋 ships with it
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_SIZE, TITLE_SIZE, TABLE_SIZE = Pt(16), Pt(22), Pt(10.5)  # 三号, 二号, 五号
TABLE_STYLE_NAME = "表格文字"
TABLE_STYLE = "Table Grid"
A4_WIDTH, A4_HEIGHT = Cm(21.0), Cm(29.7)
MARGINS = {"top": Cm(3.7), "bottom": Cm(3.5), "left": Cm(2.8), "right": Cm(2.6)}
TEXT_WIDTH = Cm(21.0 - 2.8 - 2.6)
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
STYLE_FONTS = {  # style: (East Asian font, size, bold)
    "Normal": (BODY_FONT, BODY_SIZE, False),
    "Title": (TITLE_FONT, TITLE_SIZE, False),
    "Heading 1": (HEADING1_FONT, BODY_SIZE, False),
    "Heading 2": (HEADING2_FONT, BODY_SIZE, False),
    "Heading 3": (BODY_FONT, BODY_SIZE, True),
    "List Bullet": (BODY_FONT, BODY_SIZE, False),
}


def set_fonts(rpr_owner, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Latin and East Asian font on a style or run element; theme fonts removed so they do not win."""
    fonts = rpr_owner.get_or_add_rPr().get_or_add_rFonts()
    for attr in THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _set_language(style_element) -> None:
    """Simplified Chinese as the East Asian language: LibreOffice and Word pick the SC glyph forms."""
    rpr = style_element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style_paragraphs(doc: DocxDocument) -> None:
    for name, (font, size, bold) in STYLE_FONTS.items():
        style = doc.styles[name]
        set_fonts(style.element, font)
        _set_language(style.element)
        style.font.size, style.font.bold = size, bold
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.line_spacing = Pt(28) if name != "Title" else Pt(36)  # 28 磅 line pitch of a government page
        fmt.space_before, fmt.space_after = Pt(0), Pt(0) if name != "Title" else Pt(12)
        if name in ("Normal", "List Bullet"):
            fmt.first_line_indent = Pt(32) if name == "Normal" else None  # two characters
    title = doc.styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    border = title.element.pPr.find(qn("w:pBdr")) if title.element.pPr is not None else None
    if border is not None:  # the default template draws a rule under the title
        title.element.pPr.remove(border)
    for level in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[level].paragraph_format.keep_with_next = True
        doc.styles[level].paragraph_format.first_line_indent = Pt(32)


def _table_text_style(doc: DocxDocument) -> None:
    style = doc.styles.add_style(TABLE_STYLE_NAME, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    set_fonts(style.element, TABLE_FONT)
    style.font.size = TABLE_SIZE
    fmt = style.paragraph_format
    fmt.first_line_indent, fmt.line_spacing, fmt.space_before, fmt.space_after = Pt(0), 1.0, Pt(1), Pt(1)


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, TOC …) in a paragraph: begin, instruction, separate, cached result, end."""

    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _page_setup(doc: DocxDocument) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
        section.footer_distance = Cm(2.2)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.paragraph_format.first_line_indent = Pt(0)
        footer.add_run("— ")
        add_field(footer, "PAGE")
        footer.add_run(" —")
        for run in footer.runs:
            run.font.size = Pt(14)
            set_fonts(run._r, TABLE_FONT)


def new_document() -> DocxDocument:
    """An empty A4 document with government-document styles and a page number in the footer."""
    doc = Document()
    _style_paragraphs(doc)
    _table_text_style(doc)
    _page_setup(doc)
    return doc


def _row_flags(row, header: bool) -> None:
    """Rows never split across pages; the header row repeats on every page of a long table."""
    tr_pr = row._tr.get_or_add_trPr()
    tags = ["w:cantSplit"] + (["w:tblHeader"] if header else [])
    for tag in tags:
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        tr_pr.append(element)


def _cell_text(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = TABLE_STYLE_NAME
    paragraph.add_run(text).bold = bold


def _text_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def column_widths(frame: pd.DataFrame, total: int = TEXT_WIDTH, cap: int = 20, floor: int = 9) -> list[int]:
    """Column widths (EMU) in proportion to the widest cell of each column (plus padding), capped so long texts wrap."""
    weights = []
    for column in frame.columns:
        cells = [str(column), *(str(v) for v in frame[column].head(200))]
        weights.append(min(max(max(_text_width(c) for c in cells) + 2, floor), cap))
    return [int(total * w / sum(weights)) for w in weights]


def _set_widths(table: Table, widths: list[int]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


def add_table(doc: DocxDocument, frame: pd.DataFrame, missing: str = "—") -> Table:
    """A grid table in 五号宋体 with a bold repeating header row; rows do not split across pages."""
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, frame.columns):
        _cell_text(cell, str(name), bold=True)
    _row_flags(table.rows[0], header=True)
    for values in frame.itertuples(index=False):
        row = table.add_row()
        for cell, value in zip(row.cells, values):
            _cell_text(cell, missing if value is None or (isinstance(value, float) and value != value) else str(value))
        _row_flags(row, header=False)
    _set_widths(table, column_widths(frame))
    return table


def add_picture(doc: DocxDocument, png: bytes, caption: str, width=TEXT_WIDTH) -> None:
    """A centred image (inline shape) with its caption below."""
    doc.add_picture(io.BytesIO(png), width=width)
    picture = doc.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.first_line_indent = Pt(0)
    picture.paragraph_format.line_spacing = 1.0
    picture.paragraph_format.keep_with_next = True
    note = doc.add_paragraph(caption, style=TABLE_STYLE_NAME)
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_title(doc: DocxDocument, text: str) -> None:
    """The title in 方正小标宋简体 (黑体 as the complex-script/fallback face)."""
    paragraph = doc.add_paragraph(text, style="Title")
    paragraph.paragraph_format.first_line_indent = Pt(0)
    fonts = doc.styles["Title"].element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), TITLE_FALLBACK)


def add_centered(doc: DocxDocument, text: str, font: str = HEADING2_FONT, bold: bool = False):
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    run = paragraph.add_run(text)
    run.bold = bold
    set_fonts(run._r, font)
    return paragraph


def add_right(doc: DocxDocument, text: str):
    """A right-aligned line (the issuing body and date at the end)."""
    paragraph = doc.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.right_indent = Pt(64)  # four characters from the right margin
    return paragraph


def to_bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
