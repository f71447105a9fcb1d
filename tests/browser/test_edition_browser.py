"""The real edition in a real browser: every article reached from the landing page, phrase search, screenshots."""

import re
from pathlib import Path

import pytest

from conftest import REPO

from .conftest import search

ARTICLES = sorted(p.stem for p in (REPO / "source" / "articles").glob("*.md"))
SCREENSHOTS = REPO / "build" / "screenshots"


@pytest.fixture(scope="module")
def site(edition_builds, serve_site):
    return serve_site(edition_builds["html"])


def test_navigation_from_the_landing_page_reaches_every_article_without_errors(site, open_page):
    tab = open_page(site)
    themes = tab.page.eval_on_selector_all(".sd-card a, a.sd-stretched-link", "as => as.map(a => a.href)")
    themes = sorted({href for href in themes if "/themes/" in href})
    assert len(themes) >= 5, themes
    reached = set()
    for theme in themes:
        tab.page.goto(theme, wait_until="load")
        for href in tab.page.eval_on_selector_all("article a", "as => as.map(a => a.href)"):
            match = re.search(r"/articles/([^/#]+)\.html$", href)
            if match and match.group(1) not in reached:
                reached.add(match.group(1))
                tab.page.goto(href, wait_until="load")
                assert tab.page.locator("article h1").count() >= 1
                tab.page.go_back(wait_until="load")
    assert sorted(reached) == ARTICLES
    assert tab.errors == []


@pytest.mark.parametrize(("query", "first"), [
    ("民营企业融资难", {"maoding-gaozhiliangfazhan-tuidong-minyingjingji", "xibu-shanqu-xianyu-jingji-shuzihuazhuanxing-de"}),
    ("数字政府公共服务", {"shuzizhengfu-funeng-gonggongfuwu-xiaoneng-de"}),
    ("晋江经验", {"chuangxin-fazhan-jinjiangjingyan-zhuli"}),
    ("首发经济", {"tuidong-shoufajingji-chengwei-xinzhishengchanli"}),
    ("完整社区建设", {"wanzhengshequ-jianshe-cu-chengshijicengzhili"}),
    ("新就业群体党建工作", {"zhashi-tuijin-xinyetaixinjiuyequnti-dangjian"}),
    ("亲清政商关系", {"goujian-qinqingzhengshangguanxi-youhua", "qinqingzhitongche-zhengqikentanhui-de-lilun-yu"}),
])
def test_phrases_find_the_article_about_them_first(site, open_page, query, first):
    tab = open_page(site)
    results = search(tab, site, query)
    pages = [r["href"].split("#")[0] for r in results]
    assert pages, f"{query!r} found nothing"
    slug = re.sub(r"^articles/|\.html$", "", pages[0])
    assert slug in first, f"{query!r}: first result is {pages[0]}; all: {pages[:5]}"
    assert tab.errors == []


@pytest.mark.parametrize(("name", "width", "height", "scheme"), [
    ("article-phone", 390, 844, "light"), ("article-desktop", 1280, 900, "light"), ("article-phone-dark", 390, 844, "dark"),
])
def test_article_page_screenshots(site, browser, name, width, height, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, locale="zh-CN")
    page = context.new_page()
    page.goto(site + "articles/chuangxin-fazhan-jinjiangjingyan-zhuli.html", wait_until="load")
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=False)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert target.stat().st_size > 10_000
    assert overflow <= 0, f"the page is wider than a {width}px screen by {overflow}px"


@pytest.mark.parametrize(("page_name", "width", "height"), [
    ("genindex", 390, 844), ("genindex", 1280, 900), ("glossary", 390, 844), ("glossary", 1280, 900),
])
def test_index_and_glossary_read_at_phone_and_desktop_widths(site, browser, page_name, width, height):
    """Screenshots of both pages; the index's columns never overlap, its items are set left (not
    justified, which letter-spaces short lines), and nothing is wider than the screen."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{site}{page_name}.html", wait_until="load")
    page.screenshot(path=str(SCREENSHOTS / f"{page_name}-{width}.png"), full_page=False)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    columns = page.evaluate("""() => [...document.querySelectorAll('table.genindextable')].map(table =>
        [...table.querySelectorAll(':scope > tbody > tr > td')].map(td => {
            const r = td.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; }))""")
    aligns = page.evaluate("""() => [...new Set([...document.querySelectorAll('table.genindextable li')]
        .map(li => getComputedStyle(li).textAlign))]""")
    context.close()
    assert overflow <= 0, f"the page is wider than a {width}px screen by {overflow}px"
    if page_name != "genindex":
        return
    assert columns and aligns and "justify" not in aligns, aligns
    for table in columns:
        for a, b in zip(table, table[1:]):
            apart = a[1] <= b[0] + 0.5 or b[1] <= a[0] + 0.5 or a[3] <= b[2] + 0.5 or b[3] <= a[2] + 0.5
            assert apart, f"index columns overlap at {width}px: {a} and {b}"
