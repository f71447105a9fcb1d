"""Property-based tests of the text stages (repair, unwrap, escape) and of whole-page import on randomly damaged pages."""

import random
import re
from collections import Counter
from pathlib import Path

import markdown_it
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robustness_helpers import REPO, hanzi

from tools.importer import emit, repair, unwrap
from tools.importer.readers.text import decode
from tools.importer.model import Line
from tools.importer.pipeline import import_page

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FOUNDER_DAMAGED = set(repair.founder_marks().singles) | {c for pair in repair.founder_marks().pairs for c in pair}


def seed_paragraphs() -> list[str]:
    """Plain prose paragraphs of the imported seeds (source/articles), unescaped back to the page's text."""
    found = []
    for path in sorted((REPO / "source" / "articles").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        for line in body.split("\n"):
            if line.startswith(("#", "(", "{", "-", ">")) or not 40 <= len(line) <= 300 or not line.endswith("。"):
                continue
            if "〔" not in line:   # an editor's insertion of the edition, not text of the page
                found.append(re.sub(r"\\(.)", r"\1", line))
    return found


PARAGRAPHS = seed_paragraphs()
HANZI_SAMPLE = "理论创新发展党的建设经济社会文化人民群众学院视野渊源要一业"
PUNCTUATION = "，。、：；！？“”‘’（）《》…—·,.;:!?()\"' "
TEXT_CHARS = st.sampled_from(HANZI_SAMPLE + PUNCTUATION + "".join(sorted(FOUNDER_DAMAGED)) + "abcXYZ0129")


def test_the_generators_have_material():
    assert len(PARAGRAPHS) >= 50


# -- repair ----------------------------------------------------------------------------------------

@SETTINGS
@given(st.lists(st.text(TEXT_CHARS, max_size=60), min_size=1, max_size=8).map("\n".join))
def test_repair_is_idempotent(text):
    once, _ = repair.repair(text)
    assert repair.repair(once)[0] == once


@SETTINGS
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_repair_loses_and_invents_no_hanzi_beyond_founder_marks(paragraphs, rnd):
    text = "\n\n".join(paragraphs)
    repaired, counts = repair.repair(text)
    assert len(repaired.split("\n")) == len(text.split("\n"))   # lines keep their numbers
    lost, gained = hanzi(text) - hanzi(repaired), hanzi(repaired) - hanzi(text)
    assert not gained
    if counts.get("founder-punctuation"):
        assert set(lost) <= FOUNDER_DAMAGED and sum(lost.values()) <= counts["founder-punctuation"]
    else:
        assert not lost


@SETTINGS
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
def test_repair_leaves_no_control_character_and_keeps_line_count(text):
    repaired, _ = repair.repair(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", repaired)
    assert repaired.count("\n") == text.count("\n") and len(repaired) == len(text)


# -- unwrap ----------------------------------------------------------------------------------------

def column_lines(paragraphs: list[str], rnd: random.Random) -> list[Line]:
    """Paragraphs set in a newspaper column: broken every `width` characters, blank lines between some."""
    width, lines = rnd.randint(12, 26), []
    for paragraph in paragraphs:
        for start in range(0, len(paragraph), width):
            lines.append(paragraph[start:start + width])
        if rnd.random() < 0.5:
            lines.append("")
    return [Line(number, text) for number, text in enumerate(lines, 1)]


@SETTINGS
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_unwrap_keeps_every_hanzi_and_every_line(paragraphs, rnd):
    lines = column_lines(paragraphs, rnd)
    blocks = unwrap.unwrap(lines)
    assert hanzi("".join(b.text for b in blocks)) == hanzi("".join(line.text for line in lines))
    assert sorted(n for b in blocks for n in b.lines) == [line.number for line in lines if line.text]
    assert not any("\n" in b.text for b in blocks)


@SETTINGS
@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_unwrap_is_idempotent_on_its_own_paragraphs(paragraphs, rnd):
    blocks = unwrap.unwrap(column_lines(paragraphs, rnd))
    # The paragraphs it made, one a line with blank lines between, come back as they are.
    again = unwrap.unwrap([line for i, b in enumerate(blocks) for line in (Line(2 * i + 1, b.text), Line(2 * i + 2, ""))])
    assert [b.text for b in again] == [b.text for b in blocks]


# -- escape ----------------------------------------------------------------------------------------

MARKDOWN = markdown_it.MarkdownIt("commonmark")
ESCAPE_CHARS = st.sampled_from("\\`*_[]<>{}|&$~^#>+-=:%(!.)0123456789;/\"' \u00a0abcxyz理论，。“”*_" + "&amp;&#60;")


def rendered_text(markdown: str) -> tuple[str, set[str]]:
    """The text a CommonMark renderer shows for markdown, and the kinds of tokens it made."""
    tokens = MARKDOWN.parse(markdown)
    kinds = {t.type for t in tokens}
    texts = []
    for token in tokens:
        for child in token.children or []:
            kinds.add(child.type)
            texts.append(child.content)
    return "".join(texts), kinds


@settings(max_examples=300, deadline=None)
@given(st.text(ESCAPE_CHARS, min_size=1, max_size=40).filter(lambda s: s == s.strip(" \u00a0") and s.strip()))
def test_escaped_text_renders_back_to_itself(text):
    shown, kinds = rendered_text(emit.escape(text))
    assert kinds <= {"paragraph_open", "paragraph_close", "inline", "text"}, kinds
    assert shown == text


# -- whole pages -----------------------------------------------------------------------------------

FURNITURE = ["2025年8月24日 星期日", "读者热线：010-12345678", "责编：李四", "本版邮箱：llb@example.com"]
HALF_WIDTH = {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!"}


def damaged_page(rnd: random.Random) -> str:
    """A page of seed paragraphs under a title and byline, with column breaks, spaces, half-width marks, repeats and furniture."""
    paragraphs = rnd.sample(PARAGRAPHS, rnd.randint(2, 6))
    if rnd.random() < 0.4:
        paragraphs.insert(rnd.randint(1, len(paragraphs)), rnd.choice(paragraphs))   # a passage printed twice
    lines = [FURNITURE[0], "", "坚持以人民为中心推进理论创新", "", "■ 张三", ""]
    width = rnd.choice([16, 20, 24, 200])
    for paragraph in paragraphs:
        chars = []
        for char in paragraph:
            chars.append(HALF_WIDTH.get(char, char) if rnd.random() < 0.2 else char)
            if rnd.random() < 0.03:
                chars.append(" ")                                # an extraction space between hanzi
        text = "".join(chars)
        lines.extend(text[i:i + width] for i in range(0, len(text), width))
        lines.append("")
        if rnd.random() < 0.15:
            lines.extend([rnd.choice(FURNITURE[1:]), ""])
    return "\n".join(lines)


def article_hanzi(imported) -> Counter:
    """Hanzi the page's articles carry: bodies and printed front-matter fields, the editor's 〔insertions〕 left out."""
    total = Counter()
    for article in imported.articles:
        meta = article.meta
        parts = [article.text, *meta.get("authors", []), *meta.get("fragments", [])]
        parts += [meta.get(k, "") for k in ("subtitle", "kicker", "affiliation", "author_note", "project_note",
                                             "reprinted_from")]
        total += hanzi(re.sub(r"〔[^〕]*〕", "", "\n".join(parts)))
    return total


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32))
def test_every_hanzi_of_a_damaged_page_is_accounted_for(seed):
    rnd = random.Random(seed)
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.txt"
        path.write_text(damaged_page(rnd), encoding="utf-8")
        imported = import_page(path, Path(folder) / "editorial")
        repaired, _ = repair.repair(decode(path.read_bytes(), str(path)))
    assert imported.report["balanced"] is True, imported.report["characters"]
    removed = hanzi("".join(r["text"] for r in imported.report["removed"]))
    assert article_hanzi(imported) + removed == hanzi(repaired)
