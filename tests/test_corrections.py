"""The corrections log: every hand correction after import is listed, found by comparing with a fresh import."""

import shutil

from conftest import REPO
from tools.apparatus import corrections


def edition_copy(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(REPO / "source" / "articles", source / "articles")
    shutil.copytree(REPO / "source" / "editorial", source / "editorial")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return source


def test_the_real_correction_of_the_edition_is_listed():
    records = corrections.find(REPO / "source", REPO / "seeds")
    found = {(r.docname, c.before, c.after) for r in records for c in r.changes}
    assert any(doc.endswith("jicengdangjian-chuangxin-de-shijian-lujing") and "肩負" in before and "肩负" in after
               for doc, before, after in found)


def test_a_new_correction_is_listed_with_its_place(tmp_path):
    source = edition_copy(tmp_path)
    path = source / "articles" / "bazhun-xinzhishengchanli-fazhan-maibo.md"
    path.write_text(path.read_text(encoding="utf-8").replace("厚植坚实的生产力基础", "厚植坚实的生产力根基"), encoding="utf-8")
    records = {r.docname: r for r in corrections.find(source, tmp_path / "seeds")}
    changes = records["articles/bazhun-xinzhishengchanli-fazhan-maibo"].changes
    assert [(c.before, c.after) for c in changes] == [("坚实的生产力基础。党的二十届", "坚实的生产力根基。党的二十届")]
    assert changes[0].where.startswith("第")
    page = corrections.render(list(records.values()))
    assert "{doc}`把准新质生产力发展脉搏 <articles/bazhun-xinzhishengchanli-fazhan-maibo>`" in page


def test_untouched_articles_are_not_listed(tmp_path):
    source = edition_copy(tmp_path)
    docnames = {r.docname for r in corrections.find(source, tmp_path / "seeds")}
    assert "articles/bazhun-xinzhishengchanli-fazhan-maibo" not in docnames
