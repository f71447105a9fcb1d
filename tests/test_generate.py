"""The whole generation: idempotent, reads the articles as they are now, and gives pages Sphinx builds cleanly."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from tools.apparatus.generate import generate

from conftest import REPO, sphinx_build
from gen_helpers import fresh_source

GENERATED = ["index.md", "glossary.md", "by-source.md", "by-author.md", "_data/terms.json",
             "_data/index.json", "_data/related.json", "_data/themes.json"]


def snapshot(source):
    return {str(p.relative_to(source)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(source.rglob("*")) if p.is_file()}


def test_regeneration_is_idempotent(tmp_path):
    source = fresh_source(tmp_path)
    first = generate(source)
    assert set(GENERATED) <= set(first["written"])
    before = snapshot(source)
    second = generate(source)
    assert second["written"] == []
    assert snapshot(source) == before                 # no byte and no mtime changed
    assert {k: v for k, v in first.items() if k not in {"written", "unchanged"}} == \
        {k: v for k, v in second.items() if k not in {"written", "unchanged"}}


def test_a_hand_edit_shows_up_after_regeneration(tmp_path):
    source = fresh_source(tmp_path)
    generate(source)
    article = source / "articles" / "shoufa-jingji.md"
    text = article.read_text(encoding="utf-8")
    added = "所谓银发经济，就是向老年人提供产品或服务以及为老龄阶段做准备等一系列经济活动的总和。"
    article.write_text(text.rstrip("\n") + "\n\n" + added + "\n", encoding="utf-8")
    report = generate(source)
    assert "glossary.md" in report["written"]
    glossary = (source / "glossary.md").read_text(encoding="utf-8")
    assert "\n银发经济\n" in glossary and added in glossary
    terms = json.loads((source / "_data" / "terms.json").read_text(encoding="utf-8"))["terms"]
    assert "银发经济" in terms
    entries = json.loads((source / "_data" / "index.json").read_text(encoding="utf-8"))["entries"]
    assert any(e["term"] == "银发经济" and "articles/shoufa-jingji" in e["docs"] for e in entries)


def test_landing_page_shape(tmp_path):
    source = fresh_source(tmp_path)
    generate(source)
    page = (source / "index.md").read_text(encoding="utf-8")
    for banned in ("tab-set", "tab-item", "dropdown", "octicon"):
        assert banned not in page
    for section in ("## 如何阅读", "## 如何检索", "## 如何引用", "## 如何纠错", "CONTRIBUTING.md"):
        assert section in page
    assert "{grid-item-card}" in page and ":link: /themes/" in page
    assert "corrections" in page.split("```{toctree}")[-1]  # the corrections log is always part of the book
    assert (source / "corrections.md").read_text(encoding="utf-8").startswith("(corrections)=\n# 更正记录")


def test_related_articles(tmp_path):
    source = fresh_source(tmp_path)
    generate(source)
    related = json.loads((source / "_data" / "related.json").read_text(encoding="utf-8"))
    for name, items in related.items():
        assert len(items) <= 5
        assert all(item["doc"] != name and item["shared"] for item in items)
        assert [(-i["score"], i["doc"]) for i in items] == sorted((-i["score"], i["doc"]) for i in items)
    assert related["articles/qingqing-zhengshang"][0]["doc"] == "articles/minying-jingji"


def test_command_prints_a_summary_and_writes_the_report(tmp_path):
    source = fresh_source(tmp_path)
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, "-m", "tools", "generate", "--source", str(source),
                           "--report", str(report)], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "glossary" in done.stdout and "themes" in done.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["assignments"]["articles/jiguan-dangjian"]["reason"] == "front matter"


def test_generated_fixture_builds_without_warnings(tmp_path):
    source = fresh_source(tmp_path)
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    generate(source)
    done = sphinx_build(source, tmp_path / "build", "html")
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr
