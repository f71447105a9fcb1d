"""Reads a born-digital PDF: every character drawn on each page, with its box, size and font, and the page's graphics.

PDFium (through pypdfium2) does the reading. What it gives, and this module keeps:
- for each character: its text, its loose box (the advance and the font's ascent and descent,
  which line characters up), its tight glyph box (the ink, which tells a comma from a hanzi),
  its size in points (the font size times the page's scale), and its font's name and weight;
- for each graphic (path, image, shading): its box, and whether it is filled or stroked —
  the page's rules, the boxes around column labels, and its pictures.
Coordinates are points from the page's top-left corner. Nothing here decides what text means:
the layout stage (tools/importer/layout.py) reads the page from these facts.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import BadPage

# A font name's subset tag (ABCDEF+) that embedding adds before the real name.
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# Font names of bold faces: Bold, Heavy, Black, Semibold, Demibold, Medium-weight CJK "W6"…
BOLD_NAME = re.compile(r"bold|heavy|black|demi|semibold|extrab|ultrab|W[6-9]\b|-W[6-9]|Hei-?Bd|粗", re.I)
# Font names of Founder (方正) fonts, whose text layers carry the GBK + 0x31 punctuation damage.
FOUNDER_NAME = re.compile(r"^(FZ|方正)", re.I)
# The FontDescriptor flag ForceBold (PDF 32000-1, table 123, bit 19).
FORCE_BOLD = 1 << 18
# Text render modes that stroke the glyphs as well as filling them: a face made bold by the printer.
STROKED_MODES = {2, 6}
# PDFium's error code for a document that needs a password.
PASSWORD_ERROR = 4


@dataclass(frozen=True)
class Char:
    """One character drawn on a page."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    ink: tuple[float, float, float, float]  # the glyph's tight box (x0, top, x1, bottom): where the ink is
    size: float                  # the font size in points, as printed
    font: str                    # the font's name, without the subset tag
    bold: bool

    @property
    def ink_width(self) -> float:
        return max(0.0, self.ink[2] - self.ink[0])

    @property
    def ink_height(self) -> float:
        return max(0.0, self.ink[3] - self.ink[1])

    @property
    def founder(self) -> bool:
        return bool(FOUNDER_NAME.match(self.font))


@dataclass(frozen=True)
class Graphic:
    """A path, image or shading drawn on a page: rules, boxes, pictures."""

    kind: str                    # path | image | shading
    x0: float
    top: float
    x1: float
    bottom: float
    filled: bool
    stroked: bool

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class PdfPage:
    """One page of a PDF as drawn: its size, characters and graphics."""

    number: int                  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    graphics: list[Graphic] = field(default_factory=list)


@dataclass
class PdfDocument:
    """The pages of one PDF file, and those that could not be read (with the reason)."""

    path: str
    pages: list[PdfPage] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)


def check_container(data: bytes, path: str) -> None:
    """Refuse what is not a whole PDF file before PDFium sees it: wrong signature, no end marker."""
    if not data:
        raise BadPage(path, None, "empty", "the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise BadPage(path, None, "not-pdf", "the file is named .pdf but does not begin with the PDF signature %PDF-")
    if b"%%EOF" not in data[-2048:]:
        raise BadPage(path, None, "pdf-truncated", "the PDF ends before its end marker %%EOF: the file is truncated "
                      "(download or copy it again)")


def open_document(data: bytes, path: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == PASSWORD_ERROR:
            raise BadPage(path, None, "pdf-encrypted", "the PDF is encrypted and needs a password to be read; "
                          "save an unencrypted copy (the edition never asks for passwords)") from None
        raise BadPage(path, None, "pdf-damaged", f"PDFium cannot read the PDF ({error}); the file is damaged "
                      "or truncated") from None


def read(path: Path) -> PdfDocument:
    """Read every page of a PDF file; a page without any text goes to `unreadable` (it needs OCR)."""
    data = path.read_bytes()
    check_container(data, str(path))
    pdf = open_document(data, str(path))
    document = PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                read_page = read_page_facts(page, index + 1)
            finally:
                page.close()
            if not any(char.text.strip() for char in read_page.chars):
                pictures = sum(1 for g in read_page.graphics if g.kind == "image")
                what = f"{pictures} picture{'s' * (pictures != 1)} and " if pictures else ""
                document.unreadable.append((index + 1, f"the page has {what}no text layer (a scan?): "
                                                       "OCR is needed before it can be imported"))
                continue
            document.pages.append(read_page)
    finally:
        pdf.close()
    return document


def read_page_facts(page, number: int) -> PdfPage:
    width, height = page.get_size()
    result = PdfPage(number, width, height)
    result.chars = read_chars(page, height)
    result.graphics = read_graphics(page, height)
    return result


def read_chars(page, height: float) -> list[Char]:
    """Every character PDFium finds on the page, blanks it generated itself left out."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    chars: list[Char] = []
    fonts: dict[int, tuple[str, bool]] = {}
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    loose = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    name = ctypes.create_string_buffer(256)
    try:
        for index in range(raw.FPDFText_CountChars(textpage)):
            if raw.FPDFText_IsGenerated(textpage, index) == 1:
                continue
            code = raw.FPDFText_GetUnicode(textpage, index)
            if code == 0 or 0xD800 <= code <= 0xDFFF:
                continue
            text = chr(code)
            obj = raw.FPDFText_GetTextObject(textpage, index)
            raw.FPDFText_GetLooseCharBox(textpage, index, loose)
            raw.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
            scale = 1.0
            if obj and raw.FPDFPageObj_GetMatrix(obj, matrix):
                scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
            size = raw.FPDFText_GetFontSize(textpage, index) * scale
            font_name, bold = font_of(raw, obj, fonts, name)
            chars.append(Char(text, loose.left, height - loose.top, loose.right, height - loose.bottom,
                              (left.value, height - top.value, right.value, height - bottom.value),
                              round(size, 2), font_name, bold))
    finally:
        textpage.close()
    return chars


def font_of(raw, obj, cache: dict, buffer) -> tuple[str, bool]:
    """The name of a text object's font and whether it prints bold (by name, ForceBold flag or stroking)."""
    if not obj:
        return "", False
    font = raw.FPDFTextObj_GetFont(obj)
    mode = raw.FPDFTextObj_GetTextRenderMode(obj)
    key = (ctypes.cast(font, ctypes.c_void_p).value or 0, mode)
    if key not in cache:
        raw.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
        font_name = SUBSET_TAG.sub("", buffer.value.decode("latin-1"))
        flags = raw.FPDFFont_GetFlags(font)
        bold = bool(BOLD_NAME.search(font_name)) or (flags > 0 and bool(flags & FORCE_BOLD)) or mode in STROKED_MODES
        cache[key] = (font_name, bold)
    return cache[key]


def read_graphics(page, height: float) -> list[Graphic]:
    """The page's paths, images and shadings (inside form XObjects too), with their boxes.

    PDFium's raw calls walk the objects: a page of a newspaper holds one text object for each of
    its thousands of characters, and wrapping each in a Python object only to skip it would cost
    more than reading the characters themselves.
    """
    import pypdfium2.raw as raw

    kinds = {raw.FPDF_PAGEOBJ_PATH: "path", raw.FPDF_PAGEOBJ_IMAGE: "image", raw.FPDF_PAGEOBJ_SHADING: "shading"}
    graphics: list[Graphic] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))

    def walk(count: int, get, depth: int) -> None:
        for index in range(count):
            obj = get(index)
            kind_code = raw.FPDFPageObj_GetType(obj)
            if kind_code == raw.FPDF_PAGEOBJ_FORM and depth < 8:
                walk(raw.FPDFFormObj_CountObjects(obj), lambda i, form=obj: raw.FPDFFormObj_GetObject(form, i), depth + 1)
                continue
            kind = kinds.get(kind_code)
            if kind is None or not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            filled = stroked = kind != "path"
            if kind == "path" and raw.FPDFPath_GetDrawMode(obj, fill, stroke):
                filled, stroked = bool(fill.value), bool(stroke.value)
            graphics.append(Graphic(kind, left.value, height - top.value, right.value, height - bottom.value,
                                    filled, stroked))

    walk(raw.FPDFPage_CountObjects(page.raw), lambda i: raw.FPDFPage_GetObject(page.raw, i), 0)
    return graphics
