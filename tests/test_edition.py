"""The real edition, built strictly: structure, reading order, apparatus and EPUB validity."""

import re
import shutil
import subprocess
import sys
import zipfile

from conftest import REPO

ARTICLES = sorted(p.stem for p in (REPO / "source" / "articles").glob("*.md"))


def links(html: str) -> set[str]:
    return {href.split("#")[0] for href in re.findall(r'href="([^"]+)"', html)}


def test_every_article_is_reachable_from_the_landing_page_through_exactly_one_theme(edition_builds):
    html = edition_builds["html"]
    landing = (html / "index.html").read_text(encoding="utf-8")
    theme_pages = sorted(href for href in links(landing) if href.startswith("themes/"))
    assert len(theme_pages) >= 5
    seen: dict[str, list[str]] = {}
    for theme in theme_pages:
        page = (html / theme).read_text(encoding="utf-8")
        main = page.split('<article', 1)[1].split("</article>", 1)[0]
        for href in links(main):
            match = re.fullmatch(r"\.\./articles/([^/]+)\.html", href)
            if match:
                seen.setdefault(match.group(1), []).append(theme)
    assert sorted(seen) == ARTICLES, "articles missing from the theme pages: " + str(set(ARTICLES) - set(seen))
    assert {slug: themes for slug, themes in seen.items() if len(set(themes)) != 1} == {}


def test_the_general_index_is_grouped_by_pinyin_letters(edition_builds):
    page = (edition_builds["html"] / "genindex.html").read_text(encoding="utf-8")
    groups = [g.strip() for g in re.findall(r"<h2[^>]*>([^<]+)", page)]
    letters = [g for g in groups if g != "符号"]
    assert {"J", "M", "X", "Z"} <= set(letters), groups
    assert all(re.fullmatch(r"[A-Z]", g) for g in letters), f"a group per character: {groups}"
    assert letters == sorted(letters)


def test_glossary_has_forty_terms_each_glossed_from_the_texts(edition_builds):
    page = (edition_builds["html"] / "glossary.html").read_text(encoding="utf-8")
    terms = re.findall(r'<dt id="term-[^"]*">', page)
    assert len(terms) >= 40
    for term in ("新质生产力", "亲清政商关系", "晋江经验", "首发经济", "完整社区", "放管服", "一网通办"):
        assert f">{term}<" in page, term


def test_articles_link_terms_to_the_glossary_and_show_byline_and_citation(edition_builds):
    page = (edition_builds["html"] / "articles" / "chuangxin-fazhan-jinjiangjingyan-zhuli.html").read_text(encoding="utf-8")
    assert 'href="../glossary.html#term-' in page
    for text in ("肖洁", "中共莆田市委党校", "企业家日报", "2025-08-24", "[N]"):
        assert text in page, text


def test_epub_reads_in_theme_order_and_passes_epubcheck(edition_builds):
    book = next(edition_builds["epub"].glob("*.epub"))
    with zipfile.ZipFile(book) as epub:
        opf = epub.read("content.opf").decode("utf-8")
        names = epub.namelist()
    files = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    spine = [files[ref] for ref in re.findall(r'<itemref idref="([^"]+)"', opf)]
    assert spine[:2] == ["epub-cover.xhtml", "index.xhtml"], spine[:3]
    # reading order by theme: each theme page, then its articles, then the appendices
    themes = [i for i, name in enumerate(spine) if name.startswith("themes/")]
    assert len(themes) >= 5 and spine[-1] == "genindex.xhtml" and "glossary.xhtml" in spine[themes[-1]:]
    book_articles = [name for name in spine if name.startswith("articles/")]
    assert sorted(n.removeprefix("articles/").removesuffix(".xhtml") for n in book_articles) == ARTICLES
    for start, end in zip(themes, themes[1:] + [spine.index("glossary.xhtml")]):
        assert all(name.startswith("articles/") for name in spine[start + 1:end]), spine[start:end]
    assert any("glossary" in n for n in names) and any("genindex" in n for n in names)
    assert not any(n.startswith("raw/") for n in names), "raw page views belong to the website only"
    java = shutil.which("java")
    assert java, "Java is needed for epubcheck"
    done = subprocess.run([sys.executable, "-m", "tools", "check", "--skip-links", "--build", str(edition_builds["epub"].parent)],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_generated_pages_are_up_to_date(tmp_path):
    """source/ holds what `make generate` makes of the articles as they are now."""
    copy = tmp_path / "source"
    shutil.copytree(REPO / "source", copy)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    done = subprocess.run([sys.executable, "-m", "tools", "generate", "--source", str(copy)],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "0 files written" in done.stdout, done.stdout


def test_authors_named_only_in_bylines_are_in_the_index_of_people(edition_builds):
    page = (edition_builds["html"] / "genindex.html").read_text(encoding="utf-8")
    entry = re.search(r'关超艺 <span class="index-kind">人物</span></span>\u3000<span class="index-locators">'
                      r'<a href="articles/jicengdangjian-chuangxin-de-shijian-lujing\.html#([^"]+)">基层党建创新的实践路径探索</a>', page)
    assert entry, "the author 关超艺 is not in the index"
    article = (edition_builds["html"] / "articles" / "jicengdangjian-chuangxin-de-shijian-lujing.html").read_text(encoding="utf-8")
    assert f'id="{entry.group(1)}"' in article


def test_a_second_epub_build_into_the_same_folder_is_still_valid(edition_builds):
    """An incremental `make epub` must not list the cover page twice (RSC-005) or leave it unreachable."""
    from conftest import sphinx_build

    out = edition_builds["epub"].parent
    done = sphinx_build(REPO / "source", out, "epub", "-j", "auto")
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr
    checked = subprocess.run([sys.executable, "-m", "tools", "check", "--skip-links", "--build", str(out)],
                             capture_output=True, text=True, cwd=REPO)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_correcting_one_word_rereads_only_the_pages_that_show_it(tmp_path):
    """Each article depends on its own slice of the generated data, so a correction stays local."""
    from conftest import sphinx_build

    shutil.copytree(REPO / "source", tmp_path / "source")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    out = tmp_path / "build"
    assert sphinx_build(tmp_path / "source", out, "html").returncode == 0
    article = tmp_path / "source" / "articles" / "wanzhengshequ-jianshe-cu-chengshijicengzhili.md"
    article.write_text(article.read_text(encoding="utf-8").replace("拆墙并院", "拆墙并院子", 1), encoding="utf-8")
    assert subprocess.run([sys.executable, "-m", "tools", "generate", "--source", str(tmp_path / "source")],
                          capture_output=True, cwd=REPO).returncode == 0
    again = sphinx_build(tmp_path / "source", out, "html", quiet=False)
    assert again.returncode == 0, again.stderr
    changed = int(re.search(r"updating environment: \d+ added, (\d+) changed", again.stdout).group(1))
    assert changed <= 3, again.stdout  # the article, the corrections log, at most its theme page
    assert "拆墙并院子" in (out / "html" / "articles" / article.with_suffix(".html").name).read_text(encoding="utf-8")


def test_a_rebuild_rewrites_only_the_raw_page_views_whose_articles_changed(tmp_path):
    """Raw page views are written again when a citing article's title changes, and left alone otherwise."""
    from conftest import sphinx_build

    shutil.copytree(REPO / "source", tmp_path / "source")
    out = tmp_path / "build"
    assert sphinx_build(tmp_path / "source", out, "html").returncode == 0
    raw = out / "html" / "raw"
    before = {p.name: p.stat().st_mtime_ns for p in raw.glob("*.html")}
    assert len(before) == 5
    article = tmp_path / "source" / "articles" / "wanzhengshequ-jianshe-cu-chengshijicengzhili.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "title: 完整社区建设促城市基层治理现代化", "title: 完整社区建设促进城市基层治理现代化", 1), encoding="utf-8")
    again = sphinx_build(tmp_path / "source", out, "html")
    assert again.returncode == 0, again.stderr
    after = {p.name: p.stat().st_mtime_ns for p in raw.glob("*.html")}
    changed = sorted(name for name in before if after[name] != before[name])
    assert changed == ["002_059c5f2033a04802.html"]
    assert "完整社区建设促进城市基层治理现代化" in (raw / changed[0]).read_text(encoding="utf-8")


def test_no_term_link_leads_only_back_to_the_article_it_is_in(edition_builds):
    """Each term link opens a glossary entry that glosses in the editors' words or sends the reader elsewhere."""
    html = edition_builds["html"]
    glossary = (html / "glossary.html").read_text(encoding="utf-8")
    entries = {}
    for dts, dd in re.findall(r"((?:<dt[^>]*>.*?</dt>\s*)+)<dd>(.*?)</dd>", glossary, re.S):
        for anchor in re.findall(r'<dt id="([^"]+)"', dts):
            entries[anchor] = dd
    assert entries
    linked = 0
    for path in sorted((html / "articles").glob("*.html")):
        page = path.read_text(encoding="utf-8")
        anchors = re.findall(r'href="\.\./glossary\.html#([^"]+)"', page)
        assert len(anchors) == len(set(anchors)), f"{path.name}: a term linked twice"
        for anchor in anchors:
            gloss = entries[anchor]
            others = {h for h in re.findall(r'href="(articles/[^"#]+\.html)', gloss) if h != f"articles/{path.name}"}
            assert "〔编者〕" in gloss or others, (path.name, anchor)
            linked += 1
    assert linked > 50


def test_index_locators_name_their_articles_with_full_width_separators(edition_builds):
    page = (edition_builds["html"] / "genindex.html").read_text(encoding="utf-8")
    main = page.split('<article', 1)[1].split("</article>", 1)[0]
    assert not re.search(r">\s*\[\d+\]\s*<", main), "bare [1], [2] locators"
    titles = {p.stem: re.search(r"<h1>(.*?)<a", p.read_text(encoding="utf-8"), re.S).group(1).strip()
              for p in (edition_builds["html"] / "articles").glob("*.html")}
    locators = re.findall(r'<a href="articles/([^".]+)\.html#[^"]+"(?: title="([^"]+)")?>([^<]+)</a>', main)
    assert len(locators) > 100
    for slug, full, shown in locators:
        title = re.sub(r"<[^>]+>", "", titles[slug])
        assert (full or shown) == title or shown == title, (slug, shown)
    assert "</a>, <a" not in main and "</a>，<a" in main
    binzhou = re.search(r'<span class="index-entry">滨州市 .*?</li>', main, re.S).group(0)
    assert binzhou.count('<a href="articles/') == 3
    assert '<span class="index-entry">滨州 ' not in main


def test_the_index_is_in_the_sidebars_appendix(edition_builds):
    for name in ("index.html", "glossary.html", "articles/chuangxin-fazhan-jinjiangjingyan-zhuli.html"):
        page = (edition_builds["html"] / name).read_text(encoding="utf-8")
        appendix = page.split('<span class="caption-text">附录</span>', 1)[1].split("</ul>", 1)[0]
        assert re.search(r'href="(\.\./)?genindex\.html">总索引</a>', appendix), name
