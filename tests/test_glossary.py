"""Rules of the glossary: definition sentences, glosses taken from the texts, terms.json against glossary.md."""

import json
import re

import pytest

from tools.apparatus import corpus, glossary
from tools.apparatus.generate import generate

from gen_helpers import fixture_docs, fresh_source

# (term, sentence, expected kind or None) — a defining sentence opens with the term as its subject.
DEFINITIONS = [
    ("新质生产力", "新质生产力代表科技革命和产业变革的新动能、新赛道、新优势，是现代化国家的物质技术基础。", "X代表"),
    ("首发经济", "首发经济是包含技术首发、产品首发、模式首发等在内的经济新形态。", "X是……的"),
    ("晋江经验", "“晋江经验”是社会主义市场经济条件下民营经济推动地方经济社会发展的有益探索和实践。", "X是……的"),
    ("亲清政商关系", "所谓亲清政商关系，就是政府同民营企业之间既亲近又清白的关系。", "所谓X，就是"),
    ("亲", "所谓‘亲’，就是要坦荡真诚同民营企业接触交往。", "所谓X，就是"),
    ("现代化档案工作", "现代化档案工作是指利用先进的信息技术和管理方法，提高档案管理的效率和质量。", "X是指"),
    ("未来产业", "其中，未来产业是前沿科技与产业变革发展到一定程度形成的新业态。", "X是……的"),
    ("放管服", "“放管服”即简政放权、放管结合、优化服务。", "X即"),
    ("六个坚持", "党的二十大报告提出“六个坚持”，即坚持人民至上、坚持自信自立、坚持守正创新。", "“X”，即"),
    ("平台经济", "例如，平台经济就是借助数字化连接供需两端，优化市场匹配机制。", "……，X就是"),
    ("基层治理", "基层是社会的细胞，基层治理是国家治理的基石，统筹推进基层治理共同体建设。", "……，X是……的"),
    ("数字乡村", "所谓数字乡村，以数字技术赋能乡村振兴的发展方式。", "所谓X，"),
    # not definitions
    ("亲清政商关系", "构建亲清政商关系是营造良好政治生态、优化营商环境的重要保障。", None),   # not the subject
    ("新质生产力", "必须以发展新质生产力为统领，加快构建现代化产业体系。", None),
    ("数字政府", "数字政府是否能够提升公共服务效能？", None),                                   # a question
    ("数字政府", "数字政府是为了让群众少跑腿而建设的。", None),                                 # 是为了: purpose
    ("民营经济", "民营经济不是配角。", None),
    ("民营经济", "民营经济是重点。", None),                                                     # too short to define
    ("完整社区", "完整社区建设既是指南中各项内容的建设，也是空间与设施的形象建设。", None),    # 完整社区建设 ≠ 完整社区
    ("首发经济", "好似首发经济是一线城市的专利。", None),
    ("治理共同体", "建设城市治理共同体就是要改变这种运动式执法的方式，充分发挥基层组织的力量。", None),  # 就是要: a purpose
    ("放管服", "放管服即将全面推开，各地要做好准备工作。", None),                               # 即将: time
    ("民营企业", "民营企业是推动晋江经济社会发展重要力量。", None),                            # 是 without 的: no genus
    ("基层治理", "城市基层治理是国家治理的基石。", None),                                         # a longer subject
]


@pytest.mark.parametrize("term, sentence, kind", DEFINITIONS)
def test_definition_kind(term, sentence, kind):
    assert glossary.definition_kind(term, sentence) == kind


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    source = fresh_source(tmp_path_factory.mktemp("glossary"))
    generate(source)
    return source


def test_glossary_has_the_key_concepts(generated):
    text = (generated / "glossary.md").read_text(encoding="utf-8")
    for term in ["新质生产力", "亲清政商关系", "晋江经验", "首发经济", "完整社区", "放管服", "一网通办"]:
        assert re.search(rf"^{term}$", text, re.M), term


def test_every_gloss_is_a_corpus_sentence_or_a_list_of_uses():
    docs = fixture_docs()
    prose = "\n".join(doc.prose for doc in docs)
    entries = glossary.build(docs)
    assert entries
    for entry in entries:
        markup = glossary.gloss_markup(entry)
        if entry.definition:
            assert entry.definition.sentence in prose, entry.term
            assert f"「{corpus.escape(entry.definition.sentence)}」" in markup
            assert f"{{doc}}`{entry.definition.docname}`" in markup
        else:
            assert markup.startswith("见于：") or markup.startswith("〔编者〕"), entry.term
            assert all(f"{{doc}}`{name}`" in markup for name in entry.uses)


def test_defined_terms_are_quoted_from_their_article():
    entries = {e.term: e for e in glossary.build(fixture_docs())}
    assert entries["新质生产力"].definition.docname == "articles/xinzhi-shengchanli"
    assert entries["首发经济"].definition.sentence.startswith("首发经济是包含技术首发")
    assert entries["亲清政商关系"].definition.kind == "所谓X，就是"


def test_terms_json_terms_are_in_the_glossary(generated):
    text = (generated / "glossary.md").read_text(encoding="utf-8")
    terms = json.loads((generated / "_data" / "terms.json").read_text(encoding="utf-8"))["terms"]
    lines = set(text.splitlines())
    assert terms
    for term, anchor in terms.items():
        assert corpus.escape(term) in lines, term
        assert anchor is None or re.fullmatch(r"term-[a-z0-9-]+", anchor)


def test_terms_are_in_pinyin_order(generated):
    text = (generated / "glossary.md").read_text(encoding="utf-8")
    assert ":sorted:" not in text
    entries = glossary.build(fixture_docs())
    heads = [e.term for e in entries]
    assert heads == sorted(heads, key=corpus.pinyin_key)


def test_curation_adds_drops_renames_and_marks_the_editors_gloss():
    curation = {"add": ["民生工程"], "drop": {"首发经济"}, "rename": {"亲清新型政商关系": "亲清政商关系"},
                "gloss": {"晋江经验": "福建晋江发展民营经济的经验。"}}
    docs = fixture_docs()
    entries = {e.term: e for e in glossary.build(docs, curation)}
    assert "首发经济" not in entries
    assert "亲清新型政商关系" in entries["亲清政商关系"].forms
    assert glossary.gloss_markup(entries["晋江经验"]).startswith("〔编者〕福建晋江发展民营经济的经验。")
    assert "民生工程" not in entries          # added, but no article uses it and it has no gloss


def test_quoted_sentence_is_escaped_for_myst():
    entry = glossary.Entry("X", ["X"], "term-x", ["articles/a"],
                           glossary.Definition("X是*强调*的[链接](http://e.com)与`代码`。", "articles/a", "X是"))
    markup = glossary.gloss_markup(entry)
    assert "\\*强调\\*" in markup and "\\[链接\\]\\(http\\:" in markup and "\\`代码\\`" in markup


def test_a_long_list_of_uses_names_a_dozen_articles_and_counts_the_rest():
    from tools.apparatus.glossary import USES_LISTED, _doc_links

    names = [f"articles/a{i:03d}" for i in range(40)]
    text = _doc_links(names)
    assert text.count("{doc}") == USES_LISTED
    assert text.endswith("等 40 篇（全部见{ref}`总索引 <genindex>`）")
    assert _doc_links(names[:3]) == "{doc}`articles/a000`、{doc}`articles/a001`、{doc}`articles/a002`"


def _glosses(text: str) -> dict[str, str]:
    """term → its gloss line, from a glossary page in MyST."""
    body = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    glosses, terms = {}, []
    for line in body.splitlines():
        if line.startswith("  "):
            for term in terms:
                glosses[term] = line.strip()
            terms = []
        elif line.strip():
            terms.append(line.strip())
    return glosses


@pytest.mark.parametrize("where", ["fixture", "edition"])
def test_every_glossary_entry_glosses_its_term(generated, where):
    """A quoted defining sentence with its article, or the editors' gloss: never a bare list of uses."""
    from conftest import REPO

    path = generated / "glossary.md" if where == "fixture" else REPO / "source" / "glossary.md"
    glosses = _glosses(path.read_text(encoding="utf-8"))
    assert glosses
    for term, gloss in glosses.items():
        assert re.match(r"^「.+」——见 \{doc\}`articles/[^`]+`", gloss) or gloss.startswith("〔编者〕"), (term, gloss)


def test_a_term_without_a_gloss_is_an_index_concept_not_a_glossary_entry():
    docs = fixture_docs()
    entries = glossary.build(docs, {"add": [], "drop": set(), "rename": {}, "gloss": {}})
    unglossed = [e for e in entries if not e.glossed]
    assert unglossed
    text = glossary.render(entries)
    for entry in unglossed:
        assert f"\n{corpus.escape(entry.term)}\n" not in text, entry.term
        assert entry.term not in glossary.terms_map(entries)
    from tools.apparatus import indexing
    concepts = {e.term for e in indexing.build(docs, entries) if e.kind == "concept"}
    assert {e.term for e in unglossed} <= concepts


@pytest.mark.parametrize("phrase, concept", [
    ("好案例", False), ("好政策", False), ("大平台", False),        # adjective + noun: a description
    ("传统媒体", True), ("官本位", True), ("跨省通办", True), ("掌上办", True),
])
def test_a_term_is_a_concept_not_a_description(phrase, concept):
    assert glossary.is_concept(phrase) is concept


def test_noise_phrases_are_in_neither_glossary_nor_index():
    from conftest import REPO

    glossary_text = (REPO / "source" / "glossary.md").read_text(encoding="utf-8")
    index = json.loads((REPO / "source" / "_data" / "index.json").read_text(encoding="utf-8"))
    assert "\n好案例\n" not in glossary_text
    assert "好案例" not in {e["term"] for e in index["entries"]}


def test_no_term_link_leads_only_back_to_its_own_article(generated):
    """A term whose entry points at one article only (no editors' gloss) is not linked in that article."""
    terms = json.loads((generated / "_data" / "terms.json").read_text(encoding="utf-8"))
    entries = {form: e for e in glossary.glossed(glossary.build(fixture_docs())) for form in e.forms}
    for path in (generated / "_data" / "articles").glob("*.json"):
        docname = f"articles/{path.stem}"
        for term in json.loads(path.read_text(encoding="utf-8"))["terms"]:
            assert entries[term].links_from(docname), (docname, term)
    for term, docname in terms["home"].items():
        assert not entries[term].links_from(docname)
