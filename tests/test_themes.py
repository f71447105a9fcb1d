"""Rules of the themes: one theme per article, keyword scoring explained, the front-matter override respected."""

import json

import pytest

from tools.apparatus import corpus, themes
from tools.errors import BadFrontMatter
from tools.apparatus.generate import generate

from gen_helpers import fixture_docs, fresh_source


def test_taxonomy_has_five_to_seven_themes_with_ascii_slugs():
    taxonomy = themes.load_taxonomy()
    assert 5 <= len(taxonomy) <= 7
    for theme in taxonomy:
        assert theme.slug.isascii() and theme.name and theme.intro and theme.keywords


@pytest.mark.parametrize("slug, theme", [
    ("xinzhi-shengchanli", "新质生产力与产业发展"),
    ("shoufa-jingji", "新质生产力与产业发展"),
    ("qingqing-zhengshang", "民营经济与营商环境"),
    ("minying-jingji", "民营经济与营商环境"),
    ("wanzheng-shequ", "基层治理与公共服务"),
    ("jiguan-dangjian", "党的建设"),
])
def test_fixture_assignments(slug, theme):
    chosen = {a.docname: a for a in themes.assign(fixture_docs())}
    assert chosen[f"articles/{slug}"].theme.name == theme


def test_each_article_sits_in_exactly_one_theme(tmp_path):
    source = fresh_source(tmp_path)
    generate(source)
    data = json.loads((source / "_data" / "themes.json").read_text(encoding="utf-8"))
    docs = fixture_docs()
    assert sorted(data) == sorted(d.docname for d in docs)
    seen = []
    for theme in themes.load_taxonomy():
        page = (source / "themes" / f"{theme.slug}.md").read_text(encoding="utf-8")
        toctree = page.split("```{toctree}")[1] if "```{toctree}" in page else ""
        seen += [line.strip("/ ") for line in toctree.splitlines() if line.startswith("/articles/")]
    assert sorted(seen) == sorted(d.docname for d in docs)


def _with_theme(doc: corpus.Doc, theme: str | None) -> corpus.Doc:
    meta = {k: v for k, v in doc.meta.items() if k != "theme"}
    if theme:
        meta["theme"] = theme
    return corpus.Doc(doc.slug, meta, doc.body, None, doc.paragraphs, doc.prose_paragraphs)


@pytest.mark.parametrize("override", ["宣传文化与人才", "xuanchuan-wenhua"])
def test_front_matter_override_is_respected(override):
    docs = [_with_theme(d, override if d.slug == "xinzhi-shengchanli" else None) for d in fixture_docs()]
    chosen = {a.docname: a for a in themes.assign(docs)}
    assignment = chosen["articles/xinzhi-shengchanli"]
    assert assignment.theme.name == "宣传文化与人才" and assignment.reason == "front matter"
    assert max(assignment.scores, key=assignment.scores.get) == "新质生产力与产业发展"


def test_unknown_override_is_refused_with_the_rule():
    docs = [_with_theme(d, "不存在的专题" if d.slug == "shoufa-jingji" else None) for d in fixture_docs()]
    with pytest.raises(BadFrontMatter) as error:
        themes.assign(docs)
    assert "[theme]" in str(error.value) and "names no theme" in str(error.value)


def test_explanation_lists_keywords_and_scores():
    assignment = {a.docname: a for a in themes.assign(fixture_docs())}["articles/shoufa-jingji"]
    explained = assignment.explanation()
    assert explained["reason"] == "keywords"
    assert set(explained["scores"]) == {t.name for t in themes.load_taxonomy()}
    assert ["首发经济", 20.0] in explained["matched"]["新质生产力与产业发展"] or \
        any(k == "首发经济" for k, _ in explained["matched"]["新质生产力与产业发展"])
    assert explained["top_keywords"]


def test_tie_goes_to_the_first_theme():
    empty = corpus.Doc("empty", {"title": "无题"}, "# 无题\n", None, ["无题"], [])
    (assignment,) = themes.assign([empty])
    assert assignment.theme == themes.load_taxonomy()[0]
