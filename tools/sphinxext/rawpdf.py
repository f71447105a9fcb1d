"""The raw page view of a PDF page: each printed page drawn to PNG, the regions of its articles
outlined over it, beside the text its text layer gives, line by line (as Wikisource shows a scan
beside its text).

The images are drawn with PDFium (pypdfium2) at build time, in grey, and written as PNG with the
standard library only: the same PDF gives the same bytes, so builds stay reproducible. They go to
`_static/images/raw/<page>-<n>.png` of the HTML site; the EPUB has no raw page views, so no images.
"""

from __future__ import annotations

import html
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

IMAGE_DIR = "_static/images/raw"
#: Pixels per point: a 9-point character is 13.5 pixels high, legible when the image is opened full size.
SCALE = 1.5


@dataclass(frozen=True)
class Sheet:
    """One printed page of a PDF: its number, its size in points and its lines (number, text)."""

    number: int
    width: float
    height: float
    lines: tuple[tuple[int, str], ...]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def grey_png(pixels: bytes, width: int, height: int, stride: int) -> bytes:
    """An 8-bit greyscale PNG of the rows in `pixels` (each `stride` bytes long), with fixed settings."""
    rows = b"".join(b"\x00" + pixels[y * stride:y * stride + width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 6))
            + _chunk(b"IEND", b""))


def render_pages(data: bytes, scale: float = SCALE) -> list[bytes]:
    """Every page of a PDF (its bytes) as a greyscale PNG, in page order."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=False)
                images.append(grey_png(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride))
            finally:
                page.close()
    finally:
        document.close()
    return images


def pixel_size(sheet: Sheet, scale: float = SCALE) -> tuple[int, int]:
    """The size in pixels PDFium draws a page at `scale` (it rounds up)."""
    import math

    return math.ceil(sheet.width * scale), math.ceil(sheet.height * scale)   # as pypdfium2's render


def read_sheets(path: Path) -> list[Sheet]:
    """The pages of a PDF with the lines the importer numbered on each (text as the text layer gives it,
    before any repair); a page without a text layer has no lines but is still a page."""
    import pypdfium2 as pdfium

    from ..importer.pipeline import lay_out_pdf

    document, laid_out = lay_out_pdf(path)
    by_page: dict[int, list[tuple[int, str]]] = {}
    number = 0
    for page, laid in zip(document.pages, laid_out):
        for line in laid.lines:
            number += 1
            shown = "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 else c for c in line.text)   # ␇, as text pages
            by_page.setdefault(page.number, []).append((number, shown))
    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        sizes = [pdf.get_page_size(index) for index in range(len(pdf))]
    finally:
        pdf.close()
    return [Sheet(index + 1, width, height, tuple(by_page.get(index + 1, ())))
            for index, (width, height) in enumerate(sizes)]


def image_name(page: str, number: int) -> str:
    return f"{IMAGE_DIR}/{page}-{number}.png"


def region_id(docname: str, number: int) -> str:
    """The id of an article's first region on page `number` of its PDF: the provenance links to it."""
    return f"region-{docname.rpartition('/')[2]}-{number}"


def percent(value: float, whole: float) -> str:
    return f"{max(0.0, min(100.0, 100 * value / whole)):.3f}".rstrip("0").rstrip(".") + "%"


def pdf_page_body(page: str, file_name: str, sheets: list[Sheet], cited) -> str:
    """The raw page view of a PDF: the list of its articles, then each page as image with outlines and text.

    `cited` is [(docname, title, line ranges, regions)], regions being (pdf page, x0, top, x1, bottom);
    the articles are numbered in the order the page prints them (their first line)."""
    cited = sorted(cited, key=lambda item: (item[2][0][0] if item[2] else 0, item[0]))
    owner: dict[int, int] = {}
    for order, (_docname, _title, ranges, _regions) in enumerate(cited, start=1):
        for start, end in ranges:
            for number in range(start, end + 1):
                owner.setdefault(number, order)
    count = len(sheets)
    out = [f"<h1>原版面 {html.escape(page)}</h1>",
           f'<p class="raw-note">这是收到的报纸版面 PDF（{html.escape(file_name)}，共{count}页）。'
           "每页的图像由 PDF 原样绘出，编号的框标出本版面收录的各篇文章；图像旁是 PDF 文字层逐行提取的文字，"
           "未经任何修订，行号与各篇文章“出处”中的行号一致。本版面收录的文章：</p>",
           '<ol class="raw-articles">']
    for docname, title, ranges, regions in cited:
        first = ranges[0][0] if ranges else 1
        on_pages = sorted({region[0] for region in regions})
        where = "、".join(f'<a href="#{region_id(docname, n)}">第{n}页版面</a>' for n in on_pages)
        out.append(f'<li><a href="../{html.escape(docname)}.html">{html.escape(title)}</a>'
                   f'（{where + "，" if where else ""}<a href="#L{first}">第{first}行起</a>）</li>')
    out.append("</ol>")
    for sheet in sheets:
        width, height = pixel_size(sheet)
        on_sheet = [(order, docname, title, [r for r in regions if r[0] == sheet.number])
                    for order, (docname, title, _ranges, regions) in enumerate(cited, start=1)]
        on_sheet = [item for item in on_sheet if item[3]]
        names = "、".join(f"《{title}》" for _, _, title, _ in on_sheet)
        alt = (f"原版面 {page} 第{sheet.number}页的图像" +
               (f"，框出本页所载{len(on_sheet)}篇文章的位置：{names}" if on_sheet else ""))
        out.append(f'<section class="raw-sheet" id="P{sheet.number}" aria-labelledby="P{sheet.number}-title">')
        out.append(f'<h2 id="P{sheet.number}-title">第{sheet.number}页</h2>')
        out.append('<div class="raw-sheet-body">')
        out.append('<figure class="raw-scan">')
        out.append(f'<div class="raw-scan-frame" style="aspect-ratio: {width} / {height}">')
        out.append(f'<img src="../{image_name(page, sheet.number)}" width="{width}" height="{height}" '
                   f'alt="{html.escape(alt)}">')
        for order, docname, title, regions in on_sheet:
            for index, (_n, x0, top, x1, bottom) in enumerate(regions, start=1):
                ident = f' id="{region_id(docname, sheet.number)}"' if index == 1 else ""
                label = f"《{title}》在本页的位置" + (f"（第{index}块，共{len(regions)}块）" if len(regions) > 1 else "")
                first_line = next((n for n, _ in sheet.lines if owner.get(n) == order), None)
                href = f"#L{first_line}" if first_line else f"../{docname}.html"
                style = (f"left: {percent(x0, sheet.width)}; top: {percent(top, sheet.height)}; "
                         f"width: {percent(x1 - x0, sheet.width)}; height: {percent(bottom - top, sheet.height)}")
                number = f'<span class="raw-region-number" aria-hidden="true">{order}</span>' if index == 1 else ""
                out.append(f'<a class="raw-region raw-region-{(order - 1) % 6 + 1}"{ident} href="{href}" '
                           f'style="{style}" aria-label="{html.escape(label)}" title="{html.escape(title)}">{number}</a>')
        out.append("</div>")
        out.append(f'<figcaption>第{sheet.number}页（PDF 绘出）　'
                   f'<a href="../{image_name(page, sheet.number)}">查看原尺寸图像</a></figcaption>')
        out.append("</figure>")
        out.append(f'<div class="raw-page" lang="zh-CN" aria-label="第{sheet.number}页的文字">')
        if not sheet.lines:
            out.append('<p class="raw-no-text">这一页没有文字层（可能是扫描图像），未能提取文字。</p>')
        started: set[int] = set()
        for number, line in sheet.lines:
            order = owner.get(number)
            if order is not None and order not in started:
                started.add(order)
                docname, title = cited[order - 1][0], cited[order - 1][1]
                out.append(f'<p class="raw-article-start"><span class="raw-region-number raw-region-{(order - 1) % 6 + 1}">'
                           f'{order}</span><a href="../{html.escape(docname)}.html">{html.escape(title)}</a></p>')
            classes = f"raw-line in-article raw-region-{(order - 1) % 6 + 1}" if order else "raw-line"
            out.append(f'<div class="{classes}" id="L{number}"><a class="raw-lineno" href="#L{number}">'
                       f'{number}</a><span class="raw-text">{html.escape(line)}</span></div>')
        out.append("</div>\n</div>\n</section>")
    return "\n".join(out)


def write_images(outdir: Path, page: str, data: bytes, sheets: list[Sheet]) -> None:
    """Draw the PDF's pages into the HTML site, each written only when its bytes differ."""
    for sheet, png in zip(sheets, render_pages(data)):
        target = Path(outdir) / image_name(page, sheet.number)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != png:
            target.write_bytes(png)


def images_present(outdir: Path, page: str, count: int) -> bool:
    return count > 0 and all((Path(outdir) / image_name(page, n)).is_file() for n in range(1, count + 1))
