"""Strict builds of the edition fixture check the article page, term links, index and raw pages."""

import filecmp
import gc
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import jieba
import pytest
from conftest import FIXTURES, REPO, sphinx_build
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx.search.zh import SearchChinese

from tools.quality.check import internal_link_problems
from tools.commands.check import main as check_command
from tools.sphinxext import collector, search
from tools.sphinxext.apparatus import mentions
from tools.sphinxext.article import gbt7714_newspaper, gbt7714_online, line_ranges, source_line
from tools.sphinxext.genindex import letter, sort_key

SOURCE = FIXTURES / "edition"
SEEDS = ["-D", f"edition_seeds_dir={REPO / 'seeds'}"]


def build(out: Path, builder: str, *extra: str) -> Path:
    done = sphinx_build(SOURCE, out, builder, *SEEDS, *extra)
    assert done.returncode == 0, f"{builder} build failed:\n{done.stdout}\n{done.stderr}"
    assert done.stderr.strip() == "", f"{builder} build warned:\n{done.stderr}"
    return out / builder


@pytest.fixture(scope="session")
def edition_builds(tmp_path_factory) -> dict[str, Path]:
    """HTML and EPUB builds of tests/fixtures/edition, each free of warnings."""
    out = tmp_path_factory.mktemp("edition")
    return {builder: build(out, builder) for builder in ("html", "epub")}


def page(html_dir: Path, name: str) -> str:
    return (html_dir / name).read_text(encoding="utf-8")


def main_content(html: str) -> str:
    return html[html.index('<article role="main"'):html.index("</article>")]


class Ids(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        self.ids.update(value for name, value in attrs if name == "id")


# -- Small rules -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, group", [
    ("晋江经验", "J"), ("新质生产力", "X"), ("习近平", "X"), ("亲清政商关系", "Q"),
    ("GDP", "G"), ("eCNY", "E"), ("5G网络", "符号"), ("《政府工作报告》", "Z"), ("“双碳”目标", "S"),
    ("……", "符号"),
])
def test_index_group_is_the_first_letter_of_the_pinyin(name, group):
    assert letter(name) == group


def test_index_sorts_by_full_pinyin():
    names = ["新质生产力", "习近平", "晋江经验", "金融", "亲清政商关系"]
    assert sorted(names, key=sort_key) == ["晋江经验", "金融", "亲清政商关系", "习近平", "新质生产力"]


@pytest.mark.parametrize("meta, expected", [
    ({"title": "标题", "authors": ["肖洁"], "source": {"newspaper": "企业家日报", "date": "2025-08-24", "folio": "3"}},
     "肖洁. 标题[N]. 企业家日报, 2025-08-24(3)."),
    ({"title": "标题", "source": {"newspaper": "企业家日报", "date": "2025-08-24"}},
     "标题[N]. 企业家日报, 2025-08-24."),
    ({"title": "标题", "authors": ["甲", "乙"], "source": {"newspaper": "经济日报", "folio": "3"}},
     "甲, 乙. 标题[N]. 经济日报."),
    ({"title": "标题", "authors": ["甲", "乙", "丙", "丁"], "source": {"newspaper": "报", "date": "2025-01-02"}},
     "甲, 乙, 丙, 等. 标题[N]. 报, 2025-01-02."),
    ({"title": "标题", "source": {"page": "000_x"}}, ""),     # no newspaper: nothing to cite
])
def test_newspaper_citation_leaves_missing_fields_out(meta, expected):
    assert gbt7714_newspaper(meta) == expected


def test_online_citation_names_the_edition_and_url():
    assert gbt7714_online({"title": "标题", "authors": ["肖洁"]}, "理论版文选", "https://e.org/a.html") \
        == "肖洁. 标题[EB/OL]. 理论版文选. https://e.org/a.html."


@pytest.mark.parametrize("spec, ranges", [
    ("34-120, 847-848", [(34, 120), (847, 848)]), ("12", [(12, 12)]), ([3, "5-6"], [(3, 3), (5, 6)]), (None, []),
])
def test_line_ranges(spec, ranges):
    assert line_ranges(spec) == ranges


def test_source_line_prints_only_what_the_page_tells():
    assert source_line({"newspaper": "企业家日报", "date": "2025-08-24", "folio": "3"}) \
        == "来源：《企业家日报》　2025年8月24日　第3版"
    assert source_line({"page": "000_x"}) == ""


# -- Search: texts cut while documents are read -----------------------------------------------

SEARCH_OPTIONS = {"dict": str(REPO / "tools" / "data" / "userdict.txt")}
SEARCH_TEXTS = ["民营经济高质量发展", "构建亲清政商关系，推动 AI 与 Python 3 赋能", "新质生产力", "GDP", ""]


def rst_document(text: str) -> nodes.document:
    document = new_document("<test>", get_default_settings(Parser))
    Parser().parse(text, document)
    return document


def searching_app(language: search.EditionChinese | None = None) -> SimpleNamespace:
    builder = SimpleNamespace(search=True, indexer=SimpleNamespace(lang=language) if language else None)
    return SimpleNamespace(builder=builder, config=SimpleNamespace(html_search_language="zh"))


@pytest.fixture(scope="module")
def chinese() -> search.EditionChinese:
    return search.EditionChinese(SEARCH_OPTIONS)


@pytest.mark.parametrize("text", SEARCH_TEXTS)
def test_the_edition_splits_as_sphinx_does_plus_the_dictionary_words_inside(chinese, text):
    sphinx_words = SearchChinese({"dict": ""}).split(text)  # the user dictionary is already loaded (by `chinese`)
    assert chinese.split(text) == sphinx_words + [inner for word in sphinx_words
                                                  for inner in search.dictionary_words_inside(word)]


def test_the_user_dictionary_is_loaded_once_per_process(chinese):
    state = search.tokenizer_state()
    search.EditionChinese(SEARCH_OPTIONS)
    search.load_dictionary(SEARCH_OPTIONS["dict"])
    assert search.tokenizer_state() == state


@pytest.mark.parametrize("source, searchable", [
    ("标题\n====\n\n民营经济高质量发展。\n", ["标题", "标题", "民营经济高质量发展。"]),   # a title is split whole, too
    ("正文。\n\n.. 注释不进索引\n", ["正文。"]),
    ("正文。\n\n.. raw:: html\n\n   <b>原样</b>\n", ["正文。"]),
    ("正文。\n\n.. container:: no-search\n\n   相关文章\n", ["正文。"]),
])
def test_searchable_texts_are_those_sphinx_indexes(source, searchable):
    assert list(search.searchable_texts(rst_document(source))) == searchable


def test_cuts_made_while_reading_are_used_when_indexing(chinese, monkeypatch):
    document = rst_document("民营经济高质量发展。\n\n.. container:: no-search\n\n   相关文章\n")
    search.precut(searching_app(), document)
    _, cuts = getattr(document, search.CUTS)
    assert set(cuts) == {"民营经济高质量发展。"}
    expected = chinese.split("民营经济高质量发展。")
    search.hand_cuts_to_indexer(searching_app(chinese), document, "doc")
    assert not hasattr(document, search.CUTS)      # the cuts never reach the written page
    monkeypatch.setattr(jieba, "cut_for_search", lambda text: pytest.fail(f"{text} was cut again"))
    assert chinese.split("民营经济高质量发展。") == expected


def test_cuts_made_with_another_dictionary_are_dropped(chinese):
    document = rst_document("民营经济高质量发展。\n")
    search.precut(searching_app(), document)
    state, cuts = getattr(document, search.CUTS)
    setattr(document, search.CUTS, ((state[0] + 1, state[1]), {"民营经济高质量发展。": ["假的"]}))
    search.hand_cuts_to_indexer(searching_app(chinese), document, "doc")
    assert chinese.cuts == {}
    assert "假的" not in chinese.split("民营经济高质量发展。")


def test_nothing_is_cut_for_a_builder_without_search():
    document = rst_document("民营经济高质量发展。\n")
    app = searching_app()
    app.builder.search = False          # the EPUB builder
    search.precut(app, document)
    assert not hasattr(document, search.CUTS)


# -- The article page ----------------------------------------------------------------------

@pytest.mark.parametrize("text, terms, found", [
    ("发展民营经济", ["民营", "民营经济"], [(2, 6, "民营经济")]),                 # the longest term wins
    ("民营企业家和民营企业", ["民营企业", "民营企业家"], [(0, 5, "民营企业家"), (6, 10, "民营企业")]),
    ("亲清政商关系与政商关系", ["政商关系", "亲清政商关系"], [(0, 6, "亲清政商关系"), (7, 11, "政商关系")]),
    ("新质生产力", ["生产力", "新质"], [(0, 2, "新质"), (2, 5, "生产力")]),     # left to right, no overlap
    ("ABCD", ["BC", "ABC", "CD"], [(0, 3, "ABC")]),                           # CD overlaps ABC: not a mention
    ("发展发展", ["发展"], [(0, 2, "发展"), (2, 4, "发展")]),
    ("没有术语", ["民营"], []),
])
def test_mentions_read_left_to_right_longest_first(text, terms, found):
    assert mentions(text, terms) == found


def test_the_collector_is_paced_for_the_build_and_restored_after_it(monkeypatch):
    monkeypatch.delenv("EDITION_GC", raising=False)
    before = gc.get_threshold()
    collector.pace(None)
    assert gc.get_threshold() == (collector.YOUNG, *before[1:])
    collector.freeze_environment(None)
    assert gc.get_freeze_count() > 0
    collector.thaw(None)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    monkeypatch.setenv("EDITION_GC", "default")
    collector.pace(None)
    collector.freeze_environment(None)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    collector.thaw(None)


def test_byline_sits_under_the_title(edition_builds):
    html = main_content(page(edition_builds["html"], "articles/jinjiang-jingyan.html"))
    title = html.index("<h1>创新发展“晋江经验”助力民营经济高质量发展")
    byline = html.index('<div class="byline')
    first_paragraph = html.index("是习近平同志在福建工作期间")
    assert title < byline < first_paragraph
    html = html[:byline] + re.sub(r"<[^>]+>", "", html[byline:first_paragraph]) + html[first_paragraph:]
    first_paragraph = html.index("是习近平同志在福建工作期间")
    for text in ("——以晋江市民营企业为例", "肖洁", "作者单位：中共莆田市委党校",
                 "来源：《企业家日报》　2025年8月24日　第3版", "本文系2025年度福建省社科规划项目阶段性研究成果",
                 "主题：民营经济"):
        assert byline < html.index(text) < first_paragraph, text


def test_kicker_above_title_and_editors_note(edition_builds):
    html = main_content(page(edition_builds["html"], "articles/jiceng-dangjian.html"))
    assert html.index('<p class="kicker edition-apparatus">理论前沿</p>') < html.index("<h1>")
    note = html[html.index('admonition-editorial'):]
    assert note.index("编者注") < note.index("第二节标题为编者所拟") < note.index("原版面此文未完")


def test_citation_and_edit_link(edition_builds):
    html = main_content(page(edition_builds["html"], "articles/jinjiang-jingyan.html"))
    assert "肖洁. 创新发展“晋江经验”助力民营经济高质量发展[N]. 企业家日报, 2025-08-24(3)." in html
    assert ("肖洁. 创新发展“晋江经验”助力民营经济高质量发展[EB/OL]. 理论版文选. "
            "https://lilun-edition.github.io/lilun-wenxuan/articles/jinjiang-jingyan.html.") in html
    assert ('href="https://github.com/lilun-edition/lilun-wenxuan/edit/main/source/articles/'
            'jinjiang-jingyan.md"') in html


def test_provenance_links_to_the_raw_page_line(edition_builds):
    html_dir = edition_builds["html"]
    html = main_content(page(html_dir, "articles/jiceng-dangjian.html"))
    links = re.findall(r'href="\.\./raw/001_ace4f7e8f7e9431c\.html#(L\d+)">(第[^<]+行)</a>', html)
    assert links == [("L3", "第3–12行"), ("L20", "第20–21行")]
    raw = page(html_dir, "raw/001_ace4f7e8f7e9431c.html")
    ids = Ids(raw).ids
    assert {"L1", "L3", "L20", "L149"} <= ids
    assert '<div class="raw-line in-article" id="L3"><a class="raw-lineno" href="#L3">3</a>' \
           '<span class="raw-text"># 基层党建创新的实践路径探索</span></div>' in raw
    assert '<span class="raw-text">**1.核心指导理念**  </span>' in raw     # raw text stays raw
    assert 'href="../articles/jiceng-dangjian.html"' in raw


def test_related_articles_are_linked_with_titles(edition_builds):
    html = main_content(page(edition_builds["html"], "articles/jinjiang-jingyan.html"))
    assert re.search(r'<a class="reference internal" href="jiceng-dangjian\.html"><span class="doc">'
                     r'基层党建创新的实践路径探索</span></a>（共同词语：新质生产力、晋江经验）', html)


def test_first_mention_of_each_term_links_to_its_glossary_entry(edition_builds):
    html_dir = edition_builds["html"]
    glossary_ids = Ids(page(html_dir, "glossary.html")).ids
    html = main_content(page(html_dir, "articles/jinjiang-jingyan.html"))
    links = re.findall(r'<a class="edition-term reference internal" href="\.\./glossary\.html#([^"]+)">'
                       r'([^<]+)</a>', html)
    assert [term for _anchor, term in links] == ["晋江经验", "新质生产力", "亲清政商关系"]
    for anchor, _term in links:
        assert anchor in glossary_ids and anchor.startswith("term-") and not re.match(r"term-\d+$", anchor)
    headings = re.findall(r"<h[1-6]>.*?</h[1-6]>", html)
    assert headings and not any("edition-term" in h for h in headings)
    assert '<code class="docutils literal notranslate"><span class="pre">晋江经验</span></code>' in html


def test_headings_have_stable_ids(edition_builds):
    html = main_content(page(edition_builds["html"], "articles/jiceng-dangjian.html"))
    ids = re.findall(r'<section id="([^"]+)">', html)
    assert ids == ["h-ji-ceng-dang-jian-chuang-xin-de-shi", "jiceng-dangjian-s1", "h-er-ji-ceng-dang-jian-chuang-xin-de"]
    assert not re.search(r'id="id\d+"', html)


def test_index_entries_point_to_term_anchors(edition_builds):
    html_dir = edition_builds["html"]
    genindex = page(html_dir, "genindex.html")
    targets = re.findall(r'href="(articles/[^"#]+\.html)#([^"]+)"', genindex)
    assert ("articles/jinjiang-jingyan.html", "idx-jin-jiang-jing-yan") in targets
    assert ("articles/jinjiang-jingyan.html", "idx-fu-jian--jin-jiang") in targets
    for path, anchor in targets:
        assert anchor.startswith("idx-"), anchor
        assert anchor in Ids(page(html_dir, path)).ids, f"{path}#{anchor}"
    assert not re.search(r"#index-\d+", genindex)


def test_general_index_is_grouped_by_pinyin_letter(edition_builds):
    genindex = main_content(page(edition_builds["html"], "genindex.html"))
    groups = re.findall(r'<section id="([^"]+)" class="genindex-section">', genindex)
    assert groups == ["F", "J", "Q", "X"]
    x_group = genindex[genindex.index('<section id="X"'):]
    assert x_group.index("习近平") < x_group.index("新质生产力")
    assert '福建 <span class="index-kind">地名</span>' in genindex
    assert re.search(r'福建 <span class="index-kind">地名</span></span>.*?</span>\s*<ul>\s*<li>\s*<span class="index-entry">晋江 ',
                     genindex, re.S)
    # locators name their pages by title, separated by full-width marks, never Sphinx's bare [1], [2]
    assert not re.search(r">\[\d+\]<", genindex) and "</a>, <a" not in genindex
    assert re.search(r'<span class="index-locators"><a href="articles/jinjiang-jingyan\.html#[^"]+"'
                     r' title="创新发展“晋江经验”助力民营经济高质量发展">创新发展“晋江经验”助力民营经济高质…</a>', genindex)


def test_front_matter_text_never_becomes_markup(edition_builds):
    for html in (main_content(page(edition_builds["html"], "articles/escaping.html")),
                 (edition_builds["epub"] / "articles" / "escaping.xhtml").read_text(encoding="utf-8")):
        assert "<script>" not in html and "<b>" not in html and "<em>x</em>" not in html
        assert "作者单位：&lt;script&gt;alert(1)&lt;/script&gt;研究院 *x*" in html
        assert "作者系&lt;b&gt;某&lt;/b&gt;研究院研究员 *x* [链接](http://example.com)" in html
        assert "标题&lt;script&gt;alert(1)&lt;/script&gt;与*x*[EB/OL]" in html


def test_epub_has_no_raw_page_links(edition_builds):
    book = (edition_builds["epub"] / "articles" / "jiceng-dangjian.xhtml").read_text(encoding="utf-8")
    assert "raw/" not in book and "第3–12行" in book
    assert not (edition_builds["epub"] / "raw").exists()


# -- The whole site --------------------------------------------------------------------------

def test_internal_links_of_the_site_all_resolve(edition_builds):
    assert internal_link_problems(edition_builds["html"]) == []


def test_link_check_catches_a_broken_anchor_and_file(edition_builds, tmp_path):
    copy = tmp_path / "html"
    shutil.copytree(edition_builds["html"], copy)
    article = copy / "articles" / "jiceng-dangjian.html"
    text = article.read_text(encoding="utf-8")
    text = text.replace("#L20", "#L9999").replace('href="jinjiang-jingyan.html"', 'href="nowhere.html"')
    article.write_text(text, encoding="utf-8")
    problems = internal_link_problems(copy)
    rules = sorted({(where, rule) for where, _line, rule, _message in problems})
    assert rules == [("articles/jiceng-dangjian.html", "missing-anchor"),
                     ("articles/jiceng-dangjian.html", "missing-file")]
    assert any("has no id `L9999`" in message for *_rest, message in problems)
    assert check_command(["--build", str(tmp_path), "--skip-epub"]) == 1
    assert check_command(["--build", str(edition_builds["html"].parent), "--skip-epub"]) == 0


def test_building_twice_gives_identical_html(edition_builds, tmp_path):
    again = build(tmp_path, "html", "-j", "2")     # in parallel, too: the extension is parallel-safe
    first = edition_builds["html"]
    names = sorted(str(p.relative_to(first)) for p in first.rglob("*.html"))
    assert names == sorted(str(p.relative_to(again)) for p in again.rglob("*.html"))
    match, mismatch, errors = filecmp.cmpfiles(first, again, names, shallow=False)
    assert mismatch == [] and errors == []
