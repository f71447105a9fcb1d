"""Bad pages, bad editorial files and bad front matter are refused with a file:line message, a non-zero exit, no traceback, and nothing written."""

import shutil
from pathlib import Path

import pytest
from robustness_helpers import EDITORIAL, SEEDS, run_import, run_tools, snapshot

GOOD = "002_059c5f2033a04802"      # a page with no editorial file
EDITED = "004_dbb4db9899fb893c"    # a page with an editorial file

BAD_PAGES = {
    # name: (bytes, rule, words the message must hold)
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary", "not binary data"),
    "undecodable": ("理论创新".encode("utf-8") + b"\xff\xfe\x80\x81\xff" + "推动发展。".encode("utf-8"),
                    "encoding", "UTF-8 or GB18030"),
    "empty": (b"", "empty", "must hold some text"),
    "whitespace": (b"  \n\r\n\t\n", "empty", "must hold some text"),
    "furniture-only": ("2025年8月24日 星期日\n\n理论\n\n读者热线：010-12345678\n".encode("utf-8"),
                       "no-article", "no article"),
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """An out folder holding the good page's articles and report, imported once."""
    base = tmp_path_factory.mktemp("imported")
    (base / "seeds").mkdir()
    shutil.copy(SEEDS / f"{GOOD}.txt", base / "seeds")
    done = run_import(base / "seeds", base / "out" / "articles", EDITORIAL, base / "out" / "report.json")
    assert done.returncode == 0, done.stderr
    assert len(list((base / "out" / "articles").glob("*.md"))) >= 2
    return base / "out"


@pytest.fixture
def prepared(tmp_path, imported):
    """A seeds folder holding the good page, and an out folder that is empty or already holds its articles."""
    def prepare(with_existing: bool) -> tuple[Path, Path, Path]:
        seeds, out, report = tmp_path / "seeds", tmp_path / "out" / "articles", tmp_path / "out" / "report.json"
        seeds.mkdir()
        shutil.copy(SEEDS / f"{GOOD}.txt", seeds)
        if with_existing:
            shutil.copytree(imported, tmp_path / "out")
        return seeds, out, report
    return prepare


def assert_refused(done, path: Path, rule: str, words: str, code: int) -> None:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert str(path) in done.stderr, done.stderr
    assert f"[{rule}]" in done.stderr and words in done.stderr, done.stderr
    assert "Nothing was written." in done.stderr


@pytest.mark.parametrize("with_existing", [False, True], ids=["empty-out", "out-with-articles"])
@pytest.mark.parametrize("kind", list(BAD_PAGES))
def test_bad_page_alone_is_refused_and_nothing_is_written(tmp_path, prepared, kind, with_existing):
    data, rule, words = BAD_PAGES[kind]
    seeds, out, report = prepared(with_existing)
    (seeds / f"{GOOD}.txt").unlink()
    bad = seeds / f"{kind}.txt"
    bad.write_bytes(data)
    before = snapshot(out.parent)
    done = run_import(seeds, out, EDITORIAL, report)
    assert_refused(done, bad, rule, words, 65)
    assert snapshot(out.parent) == before


@pytest.mark.parametrize("kind", ["binary", "furniture-only"])
def test_bad_page_among_good_pages_writes_nothing_at_all(tmp_path, prepared, kind):
    data, rule, words = BAD_PAGES[kind]
    seeds, out, report = prepared(with_existing=True)
    shutil.copy(SEEDS / f"{EDITED}.txt", seeds)   # a good page whose articles are not in out yet
    bad = seeds / f"003_{kind}.txt"               # sorts between the good pages
    bad.write_bytes(data)
    before = snapshot(out.parent)
    done = run_import(seeds, out, EDITORIAL, report)
    assert_refused(done, bad, rule, words, 65)
    assert snapshot(out.parent) == before


def test_bad_page_into_a_missing_out_folder_creates_nothing(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "x.txt").write_bytes(b"")
    done = run_import(seeds, tmp_path / "new" / "articles", EDITORIAL, tmp_path / "new" / "report.json")
    assert done.returncode == 65 and "Traceback" not in done.stderr
    assert not (tmp_path / "new").exists()


def test_hotline_printed_as_rexian_dianhua_is_furniture(tmp_path):
    """热线电话：… is the commonest way a hotline is printed; a page of only a date and one is no article."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    bad = seeds / "hotline.txt"
    bad.write_text("2025年8月24日\n\n热线电话：010-12345678\n", encoding="utf-8")
    done = run_import(seeds, tmp_path / "articles", EDITORIAL, tmp_path / "report.json")
    assert_refused(done, bad, "no-article", "no article", 65)
    assert not (tmp_path / "articles").exists()


# -- Editorial files ---------------------------------------------------------------------------

VALID = '[page]\nnewspaper = "某报"\nreason = "试验"\n\n'   # four lines: the bad decision opens line 5
BAD_EDITORIAL = {
    # name: (file text, line, rule, words of what was expected)
    "syntax": (VALID + '[[break]]\nafter = "某"\nreason = \n', 7, "editorial.syntax", "not valid TOML"),
    "unknown-kind": (VALID + '[[splice]]\nafter = "某"\nreason = "x"\n', 5, "editorial.kind", "expected one of: break"),
    "missing-key": (VALID + '[[break]]\nafter = "某"\n', 5, "editorial.break", "needs the key(s) reason"),
    "unknown-key": (VALID + '[[join]]\nafter = "某"\nreason = "x"\ncolour = "red"\n', 5, "editorial.join",
                    "does not take the key(s) colour; allowed: after, reason"),
    "wrong-type": (VALID + '[[join]]\nafter = 3\nreason = "x"\n', 5, "editorial.join", "`after` must be a string"),
    "drop-from-absent": (VALID + '[[drop]]\nfrom = "页面上没有的文字"\nreason = "x"\n', 5, "editorial.drop",
                         "页面上没有的文字"),
    "move-from-absent": (VALID + '[[move]]\nfrom = "页面上没有的文字"\nto_article = "某文"\nreason = "x"\n', 5,
                         "editorial.move", "页面上没有的文字"),
    "break-after-absent": (VALID + '[[break]]\nafter = "页面上没有的文字"\nreason = "x"\n', 5, "editorial.break",
                           "页面上没有的文字"),
}


@pytest.mark.parametrize("kind", list(BAD_EDITORIAL))
def test_bad_editorial_file_is_refused_with_file_line_and_rule(tmp_path, prepared, kind):
    text, line, rule, words = BAD_EDITORIAL[kind]
    seeds, out, report = prepared(with_existing=True)
    editorial = tmp_path / "editorial"
    editorial.mkdir()
    path = editorial / f"{GOOD}.toml"
    path.write_text(text, encoding="utf-8")
    before = snapshot(out.parent)
    done = run_import(seeds, out, editorial, report)
    assert done.returncode == 66, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    assert f"{path}:{line}: [{rule}]" in done.stderr, done.stderr
    assert words in done.stderr, done.stderr
    assert snapshot(out.parent) == before


# -- Front matter --------------------------------------------------------------------------------

BAD_FRONT_MATTER = {
    # name: (file bytes, line, words of what was expected)
    "bad-yaml": (b"---\ntitle: [unclosed\nsource:\n  page: x\n---\n\n# T\n", 3, "not valid YAML"),
    "unclosed": ("---\ntitle: 好\n\n# 标题\n\n正文。\n".encode(), 1, "not closed by a `---` line"),
    "no-front-matter": ("# 标题\n\n正文。\n".encode(), 1, "must open with a `---` line"),
    "not-a-mapping": ("---\n- 甲\n- 乙\n---\n\n# 标题\n".encode(), 2, "must be a mapping"),
    "not-utf8": (b"---\ntitle: \xff\xfe\n---\n\n# T\n", 2, "UTF-8"),
}


@pytest.mark.parametrize("kind", list(BAD_FRONT_MATTER))
def test_lint_reports_bad_front_matter_with_file_and_line(tmp_path, kind):
    data, line, words = BAD_FRONT_MATTER[kind]
    path = tmp_path / "articles" / f"{kind}.md"
    path.parent.mkdir()
    path.write_bytes(data)
    done = run_tools("lint", path, "--source", tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert f"{path}:{line}:" in done.stdout and "m-001" in done.stdout and words in done.stdout, done.stdout


@pytest.mark.parametrize("kind", [*BAD_FRONT_MATTER, "source-not-a-mapping"])
def test_import_refuses_an_existing_article_it_cannot_read_and_removes_nothing(tmp_path, prepared, kind):
    if kind == "source-not-a-mapping":
        data, line, words = "---\ntitle: 甲\nsource: 某页\n---\n\n# 甲\n".encode(), 2, "`source` must be a mapping"
    else:
        data, line, words = BAD_FRONT_MATTER[kind]
    seeds, out, report = prepared(with_existing=True)
    path = out / f"{kind}.md"      # a slug the import does not produce: it used to be deleted
    path.write_bytes(data)
    before = snapshot(out.parent)
    done = run_import(seeds, out, EDITORIAL, report)
    assert done.returncode == 67, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{path}:{line}: [front-matter]" in done.stderr and words in done.stderr, done.stderr
    assert snapshot(out.parent) == before
