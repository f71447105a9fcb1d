"""Rules of the general index: every kind found on the fixture, noise filtered, sub-entries, documents under their body."""

import json

import pytest

from tools.apparatus import glossary, indexing
from tools.apparatus.generate import generate

from gen_helpers import fixture_docs, fresh_source


@pytest.fixture(scope="module")
def entries():
    docs = fixture_docs()
    return indexing.build(docs, glossary.build(docs))


def by_kind(entries, kind):
    return {e.term: e for e in entries if e.kind == kind}


def test_every_kind_has_entries(entries):
    for kind in indexing.KINDS:
        assert by_kind(entries, kind), kind


@pytest.mark.parametrize("term, kind", [
    ("晋江经验", "concept"), ("新质生产力", "concept"),
    ("习近平", "person"), ("陈运平", "person"), ("侯喆", "person"),
    ("重庆市", "place"), ("江西省", "place"),
    ("三峡大学", "organization"), ("住房和城乡建设部办公厅", "organization"),
    ("企业家日报", "organization"),
    ("《政府工作报告》", "document"), ("《保障中小企业款项支付条例》", "document"),
])
def test_expected_entries(entries, term, kind):
    assert term in by_kind(entries, kind)


@pytest.mark.parametrize("word, rule, expected", [
    ("崔凌凤", indexing.is_person, True),
    ("智慧", indexing.is_person, False),       # jieba tags it nr
    ("高水平", indexing.is_person, False),
    ("新", indexing.is_person, False),         # single characters never
    ("滨州市", indexing.is_place, True),
    ("城市", indexing.is_place, False),
    ("满意度", indexing.is_place, False),
    ("新疆大学", indexing.is_organization, True),
    ("党组织", indexing.is_organization, False),
])
def test_noise_rules(word, rule, expected):
    assert rule(word, indexing.load_kinds()) is expected


def test_no_single_characters(entries):
    assert all(len(e.term) >= 2 for e in entries)


def test_document_under_its_issuing_body(entries):
    documents = by_kind(entries, "document")
    notice = documents["《住房和城乡建设部办公厅关于印发完整居住社区建设指南的通知》"]
    assert notice.parent == "住房和城乡建设部办公厅"
    assert by_kind(entries, "organization")["住房和城乡建设部办公厅"].parent is None


def test_concept_sub_entries(entries):
    concepts = by_kind(entries, "concept")
    assert concepts["民营经济高质量发展"].parent == "民营经济"
    assert concepts["民营经济"].parent is None
    parents = {e.parent for e in entries if e.parent}
    top = {e.term for e in entries if e.parent is None}
    assert parents <= top                      # one level only


def test_docs_name_the_term_in_their_prose_and_byline_docs_the_rest(tmp_path):
    source = fresh_source(tmp_path)
    generate(source)
    data = json.loads((source / "_data" / "index.json").read_text(encoding="utf-8"))
    texts = {doc.docname: doc.prose for doc in fixture_docs()}
    for entry in data["entries"]:
        assert set(entry) <= {"term", "kind", "parent", "docs", "byline_docs", "forms"}
        for name in entry["docs"]:
            assert any(form in texts[name] for form in [entry["term"], *entry.get("forms", [])]), (entry["term"], name)
    chen = next(e for e in data["entries"] if e["term"] == "陈运平")
    assert chen["byline_docs"] == ["articles/xinzhi-shengchanli"]


@pytest.mark.parametrize("note, institution", [
    ("作者系江西省社会科学院党组书记、二级教授、中国特色社会主义理论体系研究中心特约研究员", "江西省社会科学院"),
    ("作者系内蒙古师范大学政府管理学院副教授", "内蒙古师范大学政府管理学院"),
    ("作者系本报记者", ""),
])
def test_institution_from_the_author_note(note, institution):
    from tools.apparatus.corpus import Doc
    assert Doc("x", {"author_note": note}, "").institution == institution


def test_a_place_with_and_without_its_administrative_suffix_is_one_entry():
    from tools.apparatus.corpus import doc_from_text

    docs = [doc_from_text("a", "---\ntitle: 甲\n---\n\n# 甲\n\n滨州市位于山东省北部，滨州的发展很快。\n"),
            doc_from_text("b", "---\ntitle: 乙\n---\n\n# 乙\n\n滨州推进数字政府建设。\n"),
            doc_from_text("c", "---\ntitle: 丙\n---\n\n# 丙\n\n江西省和江西的干部群众。城市和城区。\n")]
    entries = {(e.term, e.kind): e for e in indexing.build(docs, [])}
    assert ("滨州", "place") not in entries
    assert entries[("滨州市", "place")].docs == {"articles/a", "articles/b"}
    assert entries[("滨州市", "place")].forms == ["滨州"]
    assert ("江西", "place") not in entries and ("江西省", "place") in entries


def test_the_edition_index_files_binzhou_once():
    from conftest import REPO

    data = json.loads((REPO / "source" / "_data" / "index.json").read_text(encoding="utf-8"))
    places = {e["term"]: e for e in data["entries"] if e["kind"] == "place"}
    assert "滨州" not in places and "滨州" in places["滨州市"]["forms"]
    assert len(places["滨州市"]["docs"]) == 3
