"""The import rules are general: pages written for these tests, not the seeds, import right with no editorial file.

Each page in tests/fixtures/pages/<name>.txt reuses the kinds of damage the seeds show (column breaks,
double spacing, one paragraph per line broken mid-word, spaces between hanzi, half-width marks,
straight quotes, Founder-font damage on one page, mastheads, titles printed at the foot of the page,
an article continued under its repeated title, a passage printed twice, kickers, subtitles, two-line
titles, end notes of every kind, every heading scheme) in new combinations, with new prose. Its
expectation is data, in <name>.expected.toml: the articles in order, their front matter, their
section headings (text and level), how their body starts and ends, and text that must not survive.
"""

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tools.importer import furniture
from tools.importer.pipeline import import_page

REPO = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
NAMES = sorted(path.stem for path in PAGES.glob("*.txt"))
HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
NOTE_FIELDS = ("kicker", "subtitle", "affiliation", "author_note", "reprinted_from", "project_note")
# Founder-damaged forms of 、，。：（）“”■; they may stand only inside these real words.
DAMAGE = "尧袁遥院渊冤野冶姻"
REAL_WORDS = ("渊源", "视野", "田野", "学院", "院士", "袁隆平", "研究院", "医院", "法院")


@pytest.fixture(scope="module")
def empty_editorial(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("no-editorial")


def expected(name: str) -> dict:
    return tomllib.loads((PAGES / f"{name}.expected.toml").read_text(encoding="utf-8"))


def plain(line: str) -> str:
    """A body line as a reader sees it: bold role and Markdown escapes taken off."""
    return re.sub(r"\\(.)", r"\1", line.replace("{strong}`", "").replace("`", ""))


def parts(text: str) -> tuple[list[tuple[str, int]], list[str]]:
    """(headings as (text, level), paragraphs) of an emitted article body, H1 left out."""
    heads, paras = [], []
    for line in text.splitlines():
        if not line.strip() or re.fullmatch(r"\(.+\)=", line):
            continue
        match = re.match(r"^(#{1,6}) (.*)$", line)
        if match:
            if len(match.group(1)) > 1:
                heads.append((plain(match.group(2)), len(match.group(1))))
            continue
        paras.append(plain(line))
    return heads, paras


@pytest.fixture(scope="module")
def imports(empty_editorial) -> dict:
    return {name: import_page(PAGES / f"{name}.txt", empty_editorial) for name in NAMES}


def test_there_are_enough_pages():
    assert len(NAMES) >= 5
    for name in NAMES:
        assert (PAGES / f"{name}.expected.toml").exists(), name


@pytest.mark.parametrize("name", NAMES)
def test_titles_in_order(name, imports):
    got = [a.meta["title"] for a in imports[name].articles]
    assert got == [a["title"] for a in expected(name)["article"]]


@pytest.mark.parametrize("name", NAMES)
def test_front_matter(name, imports):
    problems = []
    for want, article in zip(expected(name)["article"], imports[name].articles):
        meta = article.meta
        if meta.get("authors", []) != want.get("authors", []):
            problems.append(f"{want['title']}: authors {meta.get('authors', [])} ≠ {want.get('authors', [])}")
        for key in NOTE_FIELDS:
            if meta.get(key) != want.get(key):
                problems.append(f"{want['title']}: {key} {meta.get(key)!r} ≠ {want.get(key)!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_page_facts(name, imports):
    page = expected(name)["page"]
    for article in imports[name].articles:
        source = article.meta["source"]
        for key in ("date", "folio", "section"):
            assert source.get(key) == page.get(key), f"{article.meta['title']}: source.{key}"


@pytest.mark.parametrize("name", NAMES)
def test_headings(name, imports):
    problems = []
    for want, article in zip(expected(name)["article"], imports[name].articles):
        heads, _ = parts(article.text)
        if heads != [tuple(h) for h in want["headings"]]:
            problems.append(f"{want['title']}:\n  got  {heads}\n  want {want['headings']}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_body_start_end_and_content(name, imports):
    problems = []
    for want, article in zip(expected(name)["article"], imports[name].articles):
        _, paras = parts(article.text)
        body = "\n".join(paras)
        if not paras or not paras[0].startswith(want["body_starts"]):
            problems.append(f"{want['title']}: starts {paras[0][:30] if paras else ''!r}, want {want['body_starts']!r}")
        if not paras or not paras[-1].endswith(want["body_ends"]):
            problems.append(f"{want['title']}: ends {paras[-1][-40:] if paras else ''!r}, want {want['body_ends']!r}")
        for text in want.get("contains", []):
            if text not in body:
                problems.append(f"{want['title']}: lacks {text!r}")
        for text in want.get("once", []):
            if body.count(text) != 1:
                problems.append(f"{want['title']}: {text!r} occurs {body.count(text)} times, want once")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_absent_strings(name, imports):
    absent = expected(name)["page"]["absent"]
    problems = []
    for article in imports[name].articles:
        shown = "\n".join([article.text, article.meta["title"], *article.meta.get("authors", [])])
        problems += [f"{article.meta['title']}: holds {text!r}" for text in absent if text in shown]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_report_is_balanced(name, imports):
    report = imports[name].report
    assert report["balanced"], report["characters"]


@pytest.mark.parametrize("name", NAMES)
def test_no_furniture_in_articles(name, imports):
    removed = [r for r in imports[name].report["removed"] if r["rule"] not in {"duplicate", "unplaced", "markup"}]
    for article in imports[name].articles:
        for item in removed:
            flat = furniture.squeeze(item["text"])
            assert flat not in article.text, f"{article.meta['title']} holds furniture {item['text']!r}"


@pytest.mark.parametrize("name", NAMES)
def test_clean_text(name, imports):
    problems = []
    for article in imports[name].articles:
        heads, paras = parts(article.text)
        for line in [article.meta["title"], *[h for h, _ in heads], *paras]:
            if re.search(f"[{HANZI}][ \t\u3000]+[{HANZI}]", line):
                problems.append(f"space between hanzi: {line[:40]!r}")
            if re.search(f"[{HANZI}][,;:?!]|[,;:?!][{HANZI}]", line):
                problems.append(f"half-width mark next to hanzi: {line[:40]!r}")
            if '"' in line:
                problems.append(f"straight quote: {line[:40]!r}")
            rest = line
            for word in REAL_WORDS:
                rest = rest.replace(word, "")
            if re.search(f"[{DAMAGE}]", rest):
                problems.append(f"damage mark: {line[:60]!r}")
            if line.count("“") != line.count("”") or line.count("‘") != line.count("’"):
                problems.append(f"quotes unbalanced: {line[:60]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_real_words_kept_on_founder_page(name, imports):
    """The Founder page keeps real words whose characters are damaged forms (视野, 学院, 渊源, 袁隆平)."""
    raw = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    text = "".join(a.text + json.dumps(a.meta, ensure_ascii=False) for a in imports[name].articles)
    for word in REAL_WORDS:
        assert raw.count(word) <= text.count(word) + raw.count(f"{word}冤"), word


@pytest.mark.parametrize("name", NAMES)
def test_import_is_repeatable(name, empty_editorial, imports):
    again = import_page(PAGES / f"{name}.txt", empty_editorial)
    first = imports[name]
    assert [(a.slug, a.meta, a.text) for a in again.articles] == [(a.slug, a.meta, a.text) for a in first.articles]
    assert again.report == first.report


def run_import(seeds: Path, out: Path, editorial: Path) -> dict[str, str]:
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "tools", "import", "--seeds", str(seeds), "--out", str(out),
                           "--editorial", str(editorial), "--report", str(out.parent / f"{out.name}.json")],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(out.glob("*.md"))}


def test_a_page_imports_the_same_alone_and_in_a_folder(tmp_path, empty_editorial):
    """Importing the folder of these pages and the seeds gives, for each page, the files importing it alone gives."""
    folder = tmp_path / "all"
    folder.mkdir()
    for path in [*PAGES.glob("*.txt"), *(REPO / "seeds").glob("*.txt")]:
        shutil.copy(path, folder / path.name)
    editorial = REPO / "source" / "editorial"  # the seeds need their editorial files; these pages have none
    together = run_import(folder, tmp_path / "out-all", editorial)
    assert together
    for page in sorted(folder.glob("*.txt")):
        alone_dir = tmp_path / f"alone-{page.stem}"
        alone_dir.mkdir()
        shutil.copy(page, alone_dir / page.name)
        alone = run_import(alone_dir, tmp_path / f"out-{page.stem}", editorial)
        mine = {name: text for name, text in together.items() if f"page: {page.stem}\n" in text}
        assert mine == alone, page.name


def test_the_same_article_on_two_pages_gives_two_files(tmp_path, empty_editorial):
    """A page printed again under another name (a reprint, a second edition) must not overwrite the first's articles."""
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(PAGES / "p03_plain_lines.txt", folder / "p03_plain_lines.txt")
    shutil.copy(PAGES / "p03_plain_lines.txt", folder / "p03b_reprint.txt")
    files = run_import(folder, tmp_path / "out", empty_editorial)
    pages = [re.search(r"page: (\S+)", text).group(1) for text in files.values()]
    assert sorted(pages) == sorted(["p03_plain_lines"] * 2 + ["p03b_reprint"] * 2)
