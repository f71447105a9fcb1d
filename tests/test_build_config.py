"""A real, strict Sphinx build of a tiny source checks the edition's configuration end to end."""

import json
import re
import zipfile

from conftest import REPO


def search_index(html_dir) -> dict:
    text = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1: text.rindex(")")])


def test_domain_terms_reach_the_search_index(tiny_builds):
    terms = search_index(tiny_builds["html"])["terms"]
    for term in ("新质生产力", "亲清政商关系", "放管服", "一网通办"):
        assert term in terms, f"{term} is not in the search index: is the user dictionary loaded?"


def test_html_interface_is_chinese(tiny_builds):
    page = (tiny_builds["html"] / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="zh-CN"', page)
    assert "搜索" in page


def test_epub_has_valid_language_and_matching_identifier(tiny_builds):
    books = list(tiny_builds["epub"].glob("*.epub"))
    assert [b.name for b in books] == ["lilunban-wenxuan.epub"]
    with zipfile.ZipFile(books[0]) as book:
        opf = book.read("content.opf").decode("utf-8")
    assert "<dc:language>zh-CN</dc:language>" in opf
    uid = re.search(r'unique-identifier="([^"]+)"', opf).group(1)
    assert re.search(rf'<dc:identifier id="{uid}">urn:uuid:[0-9a-f-]+</dc:identifier>', opf)
    assert "<dc:title>理论版文选</dc:title>" in opf
    assert "<dc:publisher>理论版文选编辑组</dc:publisher>" in opf
