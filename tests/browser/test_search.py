"""Chinese search in a real browser: typed phrases find the article about them, first, without errors or hangs."""

import pytest

from .conftest import search

ARTICLE = "articles/{}.html"


@pytest.mark.parametrize(("query", "first", "also"), [
    ("民营企业融资难", "minying-rongzi", {"qinqing-zhengshang"}),
    ("民营企业融资", "minying-rongzi", {"qinqing-zhengshang"}),
    ("数字政府公共服务", "shuzi-zhengfu", {"wanzheng-shequ"}),
    ("完整社区", "wanzheng-shequ", set()),
    ("发展新质生产力", "xinzhi-shengchanli", set()),
])
def test_phrase_typed_without_spaces_finds_the_article_about_it_first(
        search_site, serve_site, open_page, query, first, also):
    base = serve_site(search_site)
    tab = open_page(base)
    results = search(tab, base, query)
    pages = [result["href"].split("#")[0] for result in results]
    assert pages, f"{query!r} found nothing"
    assert pages[0] == ARTICLE.format(first), f"{query!r}: expected {first} first, got {results}"
    for slug in also:
        assert ARTICLE.format(slug) in pages, f"{query!r}: {slug} is missing from {results}"
    assert tab.errors == []


@pytest.mark.parametrize(("query", "terms"), [
    ("民营企业融资难", ["民营企业", "融资难"]),          # fewer, longer index words
    ("数字政府公共服务", ["数字政府", "公共服务"]),
    ("民营企业的融资难题", ["民营企业", "融资", "难题"]),  # 的 is no index word: dropped
    ("新质生产力 AI", ["新质生产力", "AI"]),             # Latin words stay whole
    ("放管服改革", ["放管服改革"]),                      # user dictionary words come whole
    ("量子计算机", ["量子计算机"]),                      # nothing known: the run itself
])
def test_query_is_segmented_over_the_index_vocabulary(search_site, serve_site, open_page, query, terms):
    base = serve_site(search_site)
    tab = open_page(base)
    search(tab, base, "民营企业")                        # loads the index
    assert tab.page.evaluate("query => splitQuery(query)", query) == terms
    assert tab.errors == []


@pytest.mark.parametrize("path", ["index.html", "articles/minying-rongzi.html", "search.html",
                                  "search.html?q=%E6%B0%91%E8%90%A5%E4%BC%81%E4%B8%9A"])
def test_pages_load_without_console_or_page_errors(search_site, serve_site, open_page, path):
    base = serve_site(search_site)
    tab = open_page(base + path)
    tab.page.wait_for_load_state("networkidle")          # let deferred scripts and fetches finish
    assert tab.errors == [], f"{path}: {tab.errors}"


@pytest.mark.parametrize("query", ["民营企业", "量子计算机", "economy"])
def test_search_finishes_instead_of_hanging(search_site, serve_site, open_page, query):
    base = serve_site(search_site)
    tab = open_page(base)
    search(tab, base, query)                             # fails if it stays on 正在搜索中
    heading = tab.page.locator("#search-results h2").inner_text()
    assert heading == "搜索结果", heading
    assert tab.errors == []
