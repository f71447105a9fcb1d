"""Build a synthetic corpus of raw pages from the seed pages, at any multiple of their number, for the benchmark.

The pages are made the same way every time (a fixed random seed): the paragraphs, headings, titles,
authors and affiliations of the articles on the seed pages are recombined into new articles, which
are laid out on new pages and damaged the ways the real pages are damaged (see DAMAGES). The seed
pages themselves are only read.
"""

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import segmenter
from ..importer import repair
from ..importer.pipeline import import_page

RANDOM_SEED = 20251123

# A backslash escape written by tools/emit.py: the character after it is text.
ESCAPE = re.compile(r"\\(.)")
# The MyST strong role emit.py writes for a bold lead sentence: {strong}`lead`.
STRONG_ROLE = re.compile(r"\{strong\}`([^`]*)`")
# A MyST target line above a heading: (slug-s1)=
TARGET = re.compile(r"^\(.*\)=$")
# Full-width marks a page set with half-width punctuation prints in their ASCII forms.
HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?",
                            "“": '"', "”": '"'})
# The running head of a page (furniture): section, date line with credits, folio; {date} and {folio} vary.
RUNNING_HEAD = ("理论", "{date} 星期{weekday} 投稿热线：18583697193 约稿邮箱：qyjrbllb@163.com "
                "责编：袁志彬 美编：鲁敏ENTREPRENEURS' DAILY", "{folio}")
WEEKDAYS = "一二三四五六日"
DIGITS = "〇一二三四五六七八九"

# How a synthetic page is damaged; each page draws a layout and some of these.
DAMAGES = (
    "columns",       # lines wrapped at a column width, a blank line after every line (page 000)
    "spaced",        # paragraphs wrapped with a space between hanzi at every wrap (page 004)
    "half_width",    # half-width punctuation and straight quotes (page 003)
    "furniture",     # the running head: section, date line with credits, folio (page 000)
    "founder",       # Founder-font damage: punctuation turned into hanzi, GBK lead byte + 0x31 (page 000)
    "title_at_foot", # one article's title and byline printed at the foot of the page (page 000)
    "repeated",      # a passage printed twice, the tail of a paragraph repeated as its own paragraph (page 003)
)


def chinese_numeral(n: int) -> str:
    """Write 1 ≤ n < 10000 in Chinese numerals: 3 → 三, 15 → 十五, 204 → 二百零四, 1010 → 一千零一十."""
    if not 0 < n < 10000:
        raise ValueError(f"{n} is out of range 1–9999")
    if 10 <= n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero and out else "") + DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


@dataclass
class Material:
    """What the seed pages give to recombine: paragraphs, headings, title halves, names and affiliations."""

    paragraphs: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    title_heads: list[str] = field(default_factory=list)
    title_tails: list[str] = field(default_factory=list)
    surnames: list[str] = field(default_factory=list)
    given_names: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    article_lengths: list[int] = field(default_factory=list)


def body_parts(body: str) -> tuple[list[str], list[str]]:
    """The paragraphs and headings of an article body written by tools/emit.py, as plain text."""
    paragraphs, headings = [], []
    for line in body.splitlines():
        if not line.strip() or TARGET.match(line) or line.startswith("# "):
            continue
        text = ESCAPE.sub(r"\1", STRONG_ROLE.sub(r"\1", line.lstrip("#").strip()))
        (headings if line.startswith("#") else paragraphs).append(text)
    return paragraphs, headings


def split_title(title: str) -> tuple[str, str]:
    """Split a title into two halves at a word boundary near its middle."""
    words = segmenter.cut(title)
    cut, length = 0, 0
    for index, word in enumerate(words):
        if length >= len(title) / 2:
            break
        length += len(word)
        cut = index + 1
    cut = min(max(cut, 1), len(words) - 1) if len(words) > 1 else 1
    return "".join(words[:cut]), "".join(words[cut:]) or title


def unbalanced(text: str) -> bool:
    """Tell whether text opens a quotation it does not close, or closes one it did not open."""
    depth = 0
    for char in text:
        depth += {"“": 1, "”": -1}.get(char, 0)
        if depth < 0:
            return True
    return depth != 0


def gather(seeds: Path, editorial_dir: Path) -> Material:
    """Import the seed pages and collect their material to recombine."""
    material = Material()
    for page in sorted(Path(seeds).glob("*.txt")):
        for article in import_page(page, editorial_dir).articles:
            paragraphs, headings = body_parts(article.text)
            paragraphs = [p for p in paragraphs if len(p) >= 40 and "〔" not in p]
            material.paragraphs += paragraphs
            material.headings += [h for h in headings if 4 <= len(h) <= 30]
            title = article.meta["title"].strip("〔〕")
            if len(title) >= 6:
                head, tail = split_title(title.replace("“", "").replace("”", "") if unbalanced(title) else title)
                head, tail = (head, tail) if not (unbalanced(head) or unbalanced(tail)) else split_title(re.sub("[“”]", "", title))
                material.title_heads.append(head)
                material.title_tails.append(tail)
            for name in article.meta.get("authors", []):
                if 2 <= len(name) <= 4:
                    material.surnames.append(name[0])
                    material.given_names.append(name[1:])
            if article.meta.get("affiliation"):
                material.affiliations.append(article.meta["affiliation"])
            material.article_lengths.append(sum(map(len, paragraphs)))
    if not material.paragraphs:
        raise ValueError(f"{seeds}: the seed pages give no paragraphs to recombine")
    return material


@dataclass
class SyntheticArticle:
    title: str
    author: str
    blocks: list[tuple[str, str]]  # (kind, text): kind is "p" (paragraph) or "h" (heading)
    affiliation: str


def make_article(rng: random.Random, material: Material, serial: int) -> SyntheticArticle:
    """A new article: a recombined title with a serial (so slugs are distinct), a new name, seed paragraphs."""
    title = f"第{chinese_numeral(serial)}篇：{rng.choice(material.title_heads)}{rng.choice(material.title_tails)}"
    author = rng.choice(material.surnames) + rng.choice(material.given_names)
    target = rng.choice(material.article_lengths) or 2000
    blocks: list[tuple[str, str]] = []
    length, heading_no = 0, 0
    while length < target:
        if material.headings and length and rng.random() < 0.15:
            heading_no += 1
            text = re.sub(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^\d+[.、]", "", rng.choice(material.headings))
            blocks.append(("h", f"{chinese_numeral(heading_no)}、{text}"))
        paragraph = rng.choice(material.paragraphs)
        blocks.append(("p", paragraph))
        length += len(paragraph)
    affiliation = rng.choice(material.affiliations) if material.affiliations else ""
    return SyntheticArticle(title, author, blocks, affiliation)


def wrap(text: str, width: int) -> list[str]:
    """Cut a paragraph into lines of width characters, as a narrow column sets it."""
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def founder_damage(text: str) -> str:
    """Turn the punctuation that tools/importer/repair.py repairs into the hanzi a Founder font makes of it."""
    marks = repair.founder_marks()
    table = {mark: damaged for damaged, mark in marks.singles.items()}
    for (open_damaged, close_damaged), (open_mark, close_mark) in marks.pairs.items():
        table[open_mark], table[close_mark] = open_damaged, close_damaged
    return text.translate(str.maketrans(table))


def lay_out(rng: random.Random, articles: list[SyntheticArticle], damages: set[str], serial: int) -> str:
    """Set articles on a page with the given damages, as the raw text of the page."""
    head_lines = []
    if "furniture" in damages:
        month, day = 1 + serial % 12, 1 + serial % 28
        date = f"2025 年 {month} 月 {day} 日"
        section, dateline, folio = RUNNING_HEAD
        head_lines = [section, dateline.format(date=date, weekday=WEEKDAYS[serial % 7]), folio.format(folio=1 + serial % 8)]
    columns, spaced = "columns" in damages, "spaced" in damages
    width = rng.choice((17, 18, 19))
    bullet = "■ " if rng.random() < 0.5 else "■"
    foot: list[str] = []
    out: list[str] = []
    for index, article in enumerate(articles):
        title_block = [article.title, f"{bullet}{article.author}"]
        if "title_at_foot" in damages and index == len(articles) - 1:
            foot = title_block
        else:
            out += title_block if columns else [article.title, "", title_block[1]]
            out.append("")
        blocks = list(article.blocks)
        if "repeated" in damages and index == 0 and blocks:
            kind, text = blocks[-1]
            if kind == "p" and len(text) > 60:
                blocks.insert(len(blocks) - 1, ("p", text[len(text) // 2:]))
        if article.affiliation:
            blocks.append(("p", f"（作者单位：{article.affiliation}）"))
        for kind, text in blocks:
            if columns:
                lines = wrap(text, width)
                out += [line for pair in zip(lines, [""] * len(lines)) for line in pair] if kind == "p" else lines + [""]
            elif spaced and kind == "p":
                out += [" ".join(wrap(text, width)), ""]
            else:
                out += [text, ""]
    text = "\n".join(["", *head_lines, "", *out, *foot, ""])
    if "half_width" in damages:
        text = text.translate(HALF_WIDTH)
    if "founder" in damages:
        text = founder_damage(text)
    return text


def page_damages(rng: random.Random) -> set[str]:
    """Draw the damages of one page: one layout of three, then the others now and then."""
    layout = rng.choice(("columns", "spaced", "plain"))
    damages = {layout}
    if layout != "columns" and rng.random() < 0.5:
        damages.add("half_width")
    if rng.random() < 0.5:
        damages.add("furniture")
    if layout == "columns" and rng.random() < 0.3:
        damages.add("founder")
    for damage, chance in (("title_at_foot", 0.15), ("repeated", 0.2)):
        if rng.random() < chance:
            damages.add(damage)
    return damages


def pages(material: Material, count: int, articles_per_page: float) -> list[tuple[str, str, set[str]]]:
    """count synthetic pages as (stem, text, damages), the same every time."""
    rng = random.Random(RANDOM_SEED)
    made, serial = [], 0
    for number in range(1, count + 1):
        articles = []
        for _ in range(max(1, round(rng.gauss(articles_per_page, 1)))):
            serial += 1
            articles.append(make_article(rng, material, serial))
        damages = page_damages(rng)
        made.append((f"syn{number:04d}", lay_out(rng, articles, damages, number), damages))
    return made


def write_corpus(seeds: Path, editorial_dir: Path, out: Path, scale: int) -> list[Path]:
    """Write scale × (number of seed pages) synthetic pages into out, replacing what was there; return their paths.

    The pages are written in UTF-8, as the seed pages are.
    """
    material = gather(seeds, editorial_dir)
    seed_pages = sorted(Path(seeds).glob("*.txt"))
    per_page = len(material.article_lengths) / max(1, len(seed_pages))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    paths = []
    for stem, text, damages in pages(material, scale * len(seed_pages), per_page):
        path = out / f"{stem}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
