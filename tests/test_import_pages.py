"""Whole-page tests of the importer on the seed pages: golden MyST, the accounting, idempotence, the hand-edit guard.

Regenerate the golden files after an intended change with `UPDATE_GOLDEN=1 make test` (or pytest), then
review the diff of tests/golden/ like any other change to the edition's text.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO
from tools import articles
from tools.importer.pipeline import import_page
from tools.textclass import HANZI_RE

SEEDS = sorted((REPO / "seeds").glob("*.txt"))
GOLDEN = REPO / "tests" / "golden"
EDITORIAL = REPO / "source" / "editorial"


def run_import(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools", "import", *args], capture_output=True, text=True, cwd=REPO)


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, object]:
    return {page.stem: import_page(page, EDITORIAL) for page in SEEDS}


@pytest.mark.parametrize("page", [p.stem for p in SEEDS])
def test_page_matches_its_golden_articles(page, imported):
    result = imported[page]
    folder = GOLDEN / page
    rendered = {a.slug: a.file_text() for a in result.articles}
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for slug, text in rendered.items():
            (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    expected = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.md")}
    assert sorted(rendered) == sorted(expected), "the page's articles differ from tests/golden/" + page
    for slug, text in rendered.items():
        assert text == expected[slug], f"tests/golden/{page}/{slug}.md differs; UPDATE_GOLDEN=1 regenerates it"


@pytest.mark.parametrize("page", [p.stem for p in SEEDS])
def test_every_character_is_accounted_for(page, imported):
    report = imported[page].report
    chars = report["characters"]
    parts = chars["in_articles"] + chars["furniture"] + chars["duplicates"] + chars["markup"] + chars["unplaced"]
    assert report["balanced"] and parts == chars["in"], chars


def hanzi(text: str) -> Counter:
    return Counter(HANZI_RE.findall(text))


CARRIED = ("subtitle", "kicker", "affiliation", "author_note", "project_note", "reprinted_from")


@pytest.mark.parametrize("page", [p.stem for p in SEEDS])
def test_the_hanzi_of_the_page_are_in_the_articles_or_the_report(page, imported):
    """Nothing lost: the page's Chinese characters = those in the article files + those the report lists as removed."""
    from tools.importer.readers.text import decode
    from tools.importer.repair import repair

    path = REPO / "seeds" / f"{page}.txt"
    source, _ = repair(decode(path.read_bytes(), str(path)))
    found = Counter()
    for article in imported[page].articles:
        meta = article.meta
        body = article.text.split("\n", 1)[1]                           # the H1 repeats the title
        found += hanzi(re.sub(r"〔[^〕]*〕", "", body))                   # 〔 〕 hold the editor's insertions
        found += hanzi(re.sub(r"〔[^〕]*〕", "", meta["title"]))
        found += hanzi("".join(meta.get(key, "") for key in CARRIED))
        found += hanzi("".join(meta.get("authors", []) + meta.get("fragments", [])))
    removed = Counter()
    for entry in imported[page].report["removed"]:
        removed += hanzi(entry["text"])
    assert found + removed == hanzi(source)


def test_import_is_idempotent_and_writes_only_changes(tmp_path):
    out, report = tmp_path / "articles", tmp_path / "report.json"
    first = run_import("--out", str(out), "--editorial", str(EDITORIAL), "--report", str(report))
    assert first.returncode == 0, first.stderr
    snapshot = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    second = run_import("--out", str(out), "--editorial", str(EDITORIAL), "--report", str(report))
    assert second.returncode == 0, second.stderr
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()} == snapshot
    assert "0 written" in second.stdout and "19 unchanged" in second.stdout


def test_the_committed_articles_are_what_the_importer_makes(imported):
    """source/articles/ is the import of seeds/ (plus hand edits, which the importer would report)."""
    for result in imported.values():
        for article in result.articles:
            path = REPO / "source" / "articles" / f"{article.slug}.md"
            assert path.is_file(), f"{path} is missing: run make import"
            text = path.read_text(encoding="utf-8")
            fresh = article.file_text()
            assert text == fresh or articles.hand_edited(text), f"{path} is stale: run make import"


def test_a_hand_edited_article_survives_reimport_and_force_redoes_it(tmp_path):
    out, report = tmp_path / "articles", tmp_path / "report.json"
    args = ["--out", str(out), "--editorial", str(EDITORIAL), "--report", str(report)]
    assert run_import(*args).returncode == 0
    path = out / "bazhun-xinzhishengchanli-fazhan-maibo.md"
    edited = path.read_text(encoding="utf-8").replace("厚植坚实的生产力基础", "厚植坚实的生产力根基")
    path.write_text(edited, encoding="utf-8")
    again = run_import(*args)
    assert again.returncode == 0
    assert path.read_text(encoding="utf-8") == edited
    assert f"{path}: left alone: it was edited by hand after import" in again.stdout
    assert "make import FORCE=bazhun-xinzhishengchanli-fazhan-maibo" in again.stdout
    assert json.loads(report.read_text())["kept_hand_edited"] == ["bazhun-xinzhishengchanli-fazhan-maibo"]
    forced = run_import(*args, "--force", "bazhun-xinzhishengchanli-fazhan-maibo")
    assert forced.returncode == 0
    assert "厚植坚实的生产力基础" in path.read_text(encoding="utf-8")


def one_page_edition(tmp_path):
    """An edition imported from a seeds folder holding page 002 only: (seeds, articles, import arguments)."""
    seeds, out = tmp_path / "seeds", tmp_path / "articles"
    seeds.mkdir()
    shutil.copy(SEEDS[2], seeds)
    args = ["--seeds", str(seeds), "--out", str(out), "--editorial", str(EDITORIAL), "--report", str(tmp_path / "r.json")]
    assert run_import(*args).returncode == 0
    return seeds, out, args


def replace_the_page(seeds):
    """Swap page 002 for page 003 in the seeds folder."""
    shutil.copy(SEEDS[3], seeds)
    (seeds / SEEDS[2].name).unlink()


def test_removing_a_page_removes_its_articles_and_adding_one_imports_it(tmp_path):
    seeds, out, args = one_page_edition(tmp_path)
    assert len(list(out.glob("*.md"))) == 2
    replace_the_page(seeds)
    done = run_import(*args)
    assert done.returncode == 0, done.stderr
    pages = {articles.read(p).meta["source"]["page"] for p in out.glob("*.md")}
    assert pages == {SEEDS[3].stem}
    assert "2 removed" in done.stdout


def test_report_lists_articles_repairs_and_furniture(tmp_path):
    report = tmp_path / "report.json"
    assert run_import("--out", str(tmp_path / "a"), "--editorial", str(EDITORIAL), "--report", str(report)).returncode == 0
    pages = {p["page"]: p for p in json.loads(report.read_text())["pages"]}
    first = pages["000_c579e9d260a4ea39.txt"]
    assert [a["authors"] for a in first["articles"]][:2] == [["侯喆"], ["肖洁"]]
    assert first["repairs"]["founder-punctuation"] > 50
    assert {r["rule"] for r in first["removed"]} >= {"masthead-date", "folio", "section-name"}
    assert all(p["balanced"] for p in pages.values())


def test_a_hand_edited_article_outlives_its_page_until_forced(tmp_path):
    seeds, out, args = one_page_edition(tmp_path)
    path = out / "bazhun-xinzhishengchanli-fazhan-maibo.md"
    path.write_text(path.read_text(encoding="utf-8").replace("生产力基础", "生产力根基"), encoding="utf-8")
    replace_the_page(seeds)
    done = run_import(*args)
    assert done.returncode == 0 and path.is_file()
    assert "its raw page is no longer in" in done.stdout and "1 removed" in done.stdout
    forced = run_import(*args, "--force", path.stem)
    assert forced.returncode == 0 and not path.exists()
