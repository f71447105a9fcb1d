"""The sidebar navigation computed once per folder gives every page the same HTML as Furo's own, page by page."""

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, sphinx_build

from tools.sphinxext.navigation import Folder, index_links, mark

SEEDS = ["-D", f"edition_seeds_dir={REPO / 'seeds'}"]
ARTICLE = "articles/jinjiang-jingyan"

# The edition fixture, nested as the edition is: a root page whose toctree holds the articles, so the
# sidebar has a second level, toggles, and pages in three folders (root, articles/, raw/).
INDEX = """# 测试文选

```{toctree}
:caption: 专题

all-articles
glossary
```
"""
ALL_ARTICLES = """# 全部文章

```{toctree}
articles/jiceng-dangjian
articles/jinjiang-jingyan
articles/escaping
```
"""


@pytest.fixture(scope="module")
def builds(tmp_path_factory, monkeypatch_module) -> dict[str, Path]:
    """The nested fixture built with the navigation module (on) and without it (off)."""
    work = tmp_path_factory.mktemp("navigation")
    source = work / "source"
    shutil.copytree(FIXTURES / "edition", source)
    (source / "index.md").write_text(INDEX, encoding="utf-8")
    (source / "all-articles.md").write_text(ALL_ARTICLES, encoding="utf-8")
    results = {}
    for mode in ("on", "off"):
        monkeypatch_module.setenv("EDITION_NAVIGATION", mode)
        done = sphinx_build(source, work / mode, "html", *SEEDS)
        assert done.returncode == 0, f"{mode} build failed:\n{done.stdout}\n{done.stderr}"
        assert done.stderr.strip() == "", f"{mode} build warned:\n{done.stderr}"
        results[mode] = work / mode / "html"
    return results


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def pages(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.html"))}


def sidebar(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    start = text.index('<div class="sidebar-tree">') + len('<div class="sidebar-tree">')
    return text[start:text.index("</div>", start)]


def test_every_page_is_byte_identical_to_furos_own(builds):
    on, off = pages(builds["on"]), pages(builds["off"])
    assert on.keys() == off.keys()
    assert {"index.html", "all-articles.html", f"{ARTICLE}.html", "search.html", "genindex.html"} <= on.keys()
    assert any(name.startswith("raw/") for name in on)
    different = [name for name in on if on[name] != off[name]]
    assert different == []


def test_the_current_page_is_marked_in_an_article_sidebar(builds):
    tree = sidebar(builds["on"] / f"{ARTICLE}.html")
    assert '<li class="toctree-l2 current current-page"><a class="current reference internal" href="#">' in tree
    assert re.search(r'<li class="toctree-l1 current has-children"><a class="reference internal" '
                     r'href="\.\./all-articles\.html">[^<]*</a><input [^>]*checked=""', tree)
    assert tree.count("current-page") == 1
    assert 'href="jiceng-dangjian.html"' in tree  # the other articles keep their links


def test_marking_the_neutral_tree_gives_furos_tree_of_each_root_page(builds):
    neutral = sidebar(builds["off"] / "search.html")  # a root page that is in no toctree
    assert "current" not in neutral
    links, checkboxes = index_links(neutral)
    folder = Folder("", neutral, links, checkboxes, set())
    for name in ("all-articles", "glossary"):
        assert mark(folder, f"{name}.html") == sidebar(builds["off"] / f"{name}.html"), name
    assert mark(folder, "search.html") == neutral
