"""The newspaper's own PDF pages, imported and built strictly: the raw page view shows each printed
page as an image with every article's regions outlined beside the text, the article names its PDF
page and column; a text page that has no editorial file builds without a warning too."""

import math
import re
import struct
from pathlib import Path

import pytest
from conftest import REPO

from tools import articles

PDF = REPO / "tests" / "newspaper" / "pdf"
NEW_PAGE = "901_newpage"   # the renamed seed page of the pdf_edition fixture (conftest.py)


def on_page(edition: dict, page: str) -> dict[str, dict]:
    return {slug: meta for slug, meta in edition["metas"].items() if meta["source"]["page"] == page}


def test_the_build_is_strict_and_clean(pdf_edition):
    built = pdf_edition["built"]
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stderr.strip() == "", built.stderr
    assert on_page(pdf_edition, "np01") and on_page(pdf_edition, "np06") and on_page(pdf_edition, NEW_PAGE)


def test_a_page_without_editorial_file_gets_a_consecutive_outline(pdf_edition):
    """The renamed page prints （一） and （三） before 二、: they become H2, never H3 under the H1."""
    for slug in on_page(pdf_edition, NEW_PAGE):
        body = (pdf_edition["source"] / "articles" / f"{slug}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
        level = 1
        for marks in re.findall(r"^(#+) ", body, flags=re.M):
            assert len(marks) <= level + 1, f"{slug}: {marks} after H{level}"
            level = len(marks)
    body = (pdf_edition["source"] / "articles" / "shuzizhengfu-funeng-gonggongfuwu-xiaoneng-de.md").read_text(encoding="utf-8")
    assert "(shuzizhengfu-funeng-gonggongfuwu-xiaoneng-de-s0-1)=\n## （一）流程再造" in body


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("page, sheets", [("np01", 1), ("np06", 2)])
def test_the_raw_view_shows_each_pdf_page_as_an_image(pdf_edition, page, sheets):
    import pypdfium2 as pdfium

    html = (pdf_edition["html"] / "raw" / f"{page}.html").read_text(encoding="utf-8")
    document = pdfium.PdfDocument(str(PDF / f"{page}.pdf"))
    assert len(document) == sheets
    for number in range(1, sheets + 1):
        width, height = document.get_page_size(number - 1)
        src = f"../_static/images/raw/{page}-{number}.png"
        tag = re.search(rf'<img src="{re.escape(src)}" width="(\d+)" height="(\d+)" alt="([^"]+)">', html)
        assert tag, f"no image of page {number}"
        image = pdf_edition["html"] / "_static" / "images" / "raw" / f"{page}-{number}.png"
        assert png_size(image) == (math.ceil(width * 1.5), math.ceil(height * 1.5)) \
            == (int(tag.group(1)), int(tag.group(2)))
        assert image.stat().st_size > 100_000, "a page of newsprint drawn at 1.5 px/pt is not that small"
        assert tag.group(3).startswith(f"原版面 {page} 第{number}页的图像")
        assert f'<a href="{src}">查看原尺寸图像</a>' in html
    document.close()


@pytest.mark.parametrize("page", ["np01", "np06"])
def test_every_region_of_every_article_is_outlined_and_labelled(pdf_edition, page):
    html = (pdf_edition["html"] / "raw" / f"{page}.html").read_text(encoding="utf-8")
    outlines = re.findall(r'<a class="raw-region raw-region-\d"( id="[^"]+")? href="([^"]+)" style="([^"]+)" '
                          r'aria-label="([^"]+)" title="([^"]+)">', html)
    cited = on_page(pdf_edition, page)
    assert len(outlines) == sum(len(meta["source"]["regions"]) for meta in cited.values())
    for slug, meta in cited.items():
        title = meta["title"]
        mine = [o for o in outlines if o[4] == title]
        assert len(mine) == len(meta["source"]["regions"]), slug
        assert all(o[3].startswith(f"《{title}》在本页的位置") for o in mine)
        for sheet in sorted({region[0] for region in meta["source"]["regions"]}):
            assert f' id="region-{slug}-{sheet}"' in [o[0] for o in mine], f"{slug}: no anchor on page {sheet}"
        for _, href, style, _, _ in mine:
            assert href.startswith("#L") and f'id="{href[1:]}"' in html, href
            box = dict(re.findall(r"(left|top|width|height): ([\d.]+)%", style))
            assert set(box) == {"left", "top", "width", "height"}
            assert all(0 <= float(v) <= 100 for v in box.values())
            assert float(box["left"]) + float(box["width"]) <= 100.01
            assert float(box["top"]) + float(box["height"]) <= 100.01
    # the text of the page is there, line by line, each article's lines marked
    first = min(int(meta["source"]["lines"].split("-")[0].split(",")[0]) for meta in cited.values())
    assert f'<div class="raw-line in-article raw-region-1" id="L{first}">' in html


def test_the_article_names_its_pdf_page_and_links_to_its_region(pdf_edition):
    slug = "youxiao-jiuzhi-zhifa-sifa-zhong-gebie-qulixing"
    html = (pdf_edition["html"] / "articles" / f"{slug}.html").read_text(encoding="utf-8")
    assert re.search(rf'本文录自原版面 np01 <a class="provenance-link provenance-pdf-page reference external" '
                     rf'href="\.\./raw/np01\.html#region-{slug}-1">第1页</a>（PDF），'
                     rf'<a class="provenance-link reference external" href="\.\./raw/np01\.html#L\d+">第\d+–\d+行</a>', html), \
        re.findall(r'<p class="provenance">.*?</p>', html)


def test_an_article_on_the_second_printed_page_links_there(pdf_edition):
    second = {slug: meta for slug, meta in on_page(pdf_edition, "np06").items()
              if {region[0] for region in meta["source"]["regions"]} == {2}}
    assert second, "np06 prints articles on its second page"
    for slug, meta in second.items():
        assert meta["source"]["pdf_pages"] == "2"
        html = (pdf_edition["html"] / "articles" / f"{slug}.html").read_text(encoding="utf-8")
        assert f'href="../raw/np06.html#region-{slug}-2">第2页</a>（PDF）' in html


def test_the_column_label_shows_above_the_title(pdf_edition):
    slug = "youxiao-jiuzhi-zhifa-sifa-zhong-gebie-qulixing"
    assert pdf_edition["metas"][slug]["column"] == "有的放矢"
    html = (pdf_edition["html"] / "articles" / f"{slug}.html").read_text(encoding="utf-8")
    label = html.index('<span class="column-label"><span class="visually-hidden">栏目：</span>有的放矢</span>')
    assert label < html.index("<h1>有效纠治执法司法中个别趋利性行为")


def test_the_imported_pdf_articles_pass_the_linter(pdf_edition):
    done = pdf_edition["run"]("lint", str(pdf_edition["source"]))
    assert done.returncode == 0, done.stdout + done.stderr


def test_page_images_are_the_same_bytes_every_time():
    from tools.sphinxext.rawpdf import render_pages

    data = (PDF / "np06.pdf").read_bytes()
    assert render_pages(data) == render_pages(data)
