"""The fixture's EPUB passes epubcheck with no errors and no warnings, and has a cover."""

import zipfile

from test_sphinxext import edition_builds  # noqa: F401  (the shared session build)

from tools.quality.check import epub_problems, run_epubcheck


def the_book(builds):
    books = list(builds["epub"].glob("*.epub"))
    assert [b.name for b in books] == ["lilunban-wenxuan.epub"]
    return books[0]


def test_epubcheck_reports_nothing(edition_builds):  # noqa: F811
    counts, messages = run_epubcheck(the_book(edition_builds))
    reported = [f"{m['severity']} {m['ID']} {m['message']}" for m in messages
                if m["severity"] in {"FATAL", "ERROR", "WARNING"}]
    assert (counts["nFatal"], counts["nError"], counts["nWarning"]) == (0, 0, 0), "\n".join(reported)
    assert epub_problems(the_book(edition_builds)) == []


def test_epub_has_a_cover_with_the_title_as_text(edition_builds):  # noqa: F811
    with zipfile.ZipFile(the_book(edition_builds)) as book:
        opf = book.read("content.opf").decode("utf-8")
        cover = book.read("epub-cover.xhtml").decode("utf-8")
        names = book.namelist()
    assert '<meta name="cover" content="' in opf
    assert "_static/cover.png" in names
    assert '<p class="edition-cover-title">理论版文选</p>' in cover


def test_epub_general_index_is_grouped_by_pinyin(edition_builds):  # noqa: F811
    with zipfile.ZipFile(the_book(edition_builds)) as book:
        genindex = book.read("genindex.xhtml").decode("utf-8")
        article = book.read("articles/jinjiang-jingyan.xhtml").decode("utf-8")
    for group in ("F", "J", "Q", "X"):
        assert f'id="{group}"' in genindex
    assert 'id="晋"' not in genindex
    assert "edition-epub.css" in article and "design-tabs" not in article
