"""The synthetic corpus of the benchmark, and the format of bench.json and of its table (no timings asserted)."""

import json
from pathlib import Path

import pytest

from tools.bench import measure as bench, synthetic
from tools.importer.pipeline import import_page

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
EDITORIAL = REPO / "source" / "editorial"


@pytest.mark.parametrize("n, written", [
    (1, "一"), (10, "十"), (15, "十五"), (20, "二十"), (101, "一百零一"), (110, "一百一十"),
    (204, "二百零四"), (1010, "一千零一十"), (2000, "二千"), (9999, "九千九百九十九"),
])
def test_chinese_numeral(n, written):
    assert synthetic.chinese_numeral(n) == written


@pytest.fixture(scope="module")
def material():
    return synthetic.gather(SEEDS, EDITORIAL)


def test_pages_are_the_same_every_time(material):
    assert synthetic.pages(material, 6, 4) == synthetic.pages(material, 6, 4)


def test_founder_damage_is_what_repair_undoes():
    assert synthetic.founder_damage("、，。") == "尧袁遥"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, material):
    out = tmp_path_factory.mktemp("synthetic")
    return synthetic.write_corpus(SEEDS, EDITORIAL, out, 1), out


def test_a_scale_has_that_many_times_the_seed_pages(corpus):
    paths, _ = corpus
    assert len(paths) == len(list(SEEDS.glob("*.txt")))
    assert len({p.stem for p in paths}) == len(paths)


def test_synthetic_pages_import_without_editorial_files(corpus, tmp_path):
    paths, _ = corpus
    slugs = []
    for path in paths:
        imported = import_page(path, tmp_path)
        assert imported.articles, path
        assert imported.report["balanced"], path
        slugs += [article.slug for article in imported.articles]
    assert len(slugs) == len(set(slugs)), "each article of a scale gets its own slug"


def fake_result(scale: int, articles: int) -> bench.ScaleResult:
    result = bench.ScaleResult(scale, pages=5 * scale, articles=articles, characters=40000 * scale)
    result.import_seconds, result.jieba_seconds = [2.0 * scale], [0.5 * scale]
    result.full_seconds, result.bare_seconds = [10.0 * scale, 11.0 * scale], [8.0 * scale, 9.0 * scale]
    result.full_peak_rss_mb = 250.0
    return result


def test_bench_json_has_every_key_with_notes_for_the_ones_not_measured():
    data = bench.report({1: fake_result(1, 19), 10: fake_result(10, 190)})
    assert set(bench.KEYS) <= set(data)
    assert data["import_vs_jieba"] == 0.25
    assert data["build_vs_bare"] == pytest.approx(10.5 / 8.5, abs=1e-3)
    for key in ("incremental_vs_full", "per_article_100_vs_10", "peak_rss_mb_100"):
        assert data[key] is None and data["notes"][key]
    assert data["verdicts"]["import_vs_jieba"] == "missed"
    assert data["verdicts"]["build_vs_bare"] == "met"
    assert {"cpu", "cores", "python", "sphinx"} <= set(data["machine"])
    json.dumps(data)


def test_bench_json_at_100x():
    big = fake_result(100, 1900)
    big.incremental_seconds, big.bare_incremental_seconds = 50.0, 170.0
    big.noop_seconds, big.bare_noop_seconds = 40.0, 102.0
    data = bench.report({10: fake_result(10, 190), 100: big})
    assert data["incremental_vs_full"] == pytest.approx(50 / 1050, abs=1e-3)
    note = data["notes"]["incremental_vs_full"]
    assert f"its full build: {170 / 850:.3f}" in note                    # the bare build's own one-word ratio
    assert note.endswith(f"with nothing changed: {102 / 850:.3f}")      # and its rebuild of nothing
    assert data["scales"]["100x"]["bare_incremental_seconds"] == 170.0
    assert data["scales"]["100x"]["noop_seconds"] == 40.0
    assert data["per_article_100_vs_10"] == pytest.approx(1.0, abs=1e-3)
    assert data["peak_rss_mb_100"] == 250.0


def test_table_lists_every_figure_once():
    text = bench.table(bench.report({1: fake_result(1, 19)}))
    lines = text.splitlines()
    assert lines[0].split()[:4] == ["figure", "value", "goal", "verdict"]
    for key in bench.KEYS:
        assert sum(line.startswith(key + " ") for line in lines) == 1


def test_the_pdf_import_is_timed_side_by_side_with_pdftotext():
    import shutil
    from tools.bench import pdf_import
    result = pdf_import.measure(1, log=lambda *_: None, install=False)
    assert result["files"] == 7 and result["pages"] == 8
    assert result["import_seconds_per_page"] > 0
    if shutil.which("pdftotext"):
        assert result["import_vs_pdftotext"] == pytest.approx(
            result["import_seconds_per_page"] / result["pdftotext_seconds_per_page"], rel=0.05)
    else:
        assert "not installed" in result["note"]
    assert "PDF import:" in bench.table({**bench.report({1: fake_result(1, 19)}), "pdf_import": result})
