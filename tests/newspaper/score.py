"""Measure an import of the typeset test pages against their truth (expected/<page>.json).

    .venv/bin/python tests/newspaper/score.py [--form pdf|pdftotext|layout|pdfminer] [--page np01] [-v]

The tests (tests/test_import_newspaper.py) use the same functions and assert the thresholds of
the PDF import issue; this command prints the figures, and with -v every miss, for development.
Nothing here knows the pages' words: it compares what the importer wrote with what was printed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tools.importer.pipeline import PageImport, import_page  # noqa: E402

PAGES = sorted(path.stem for path in (HERE / "expected").glob("*.json"))
FORMS = {"pdf": "pdf/{page}.pdf", "pdftotext": "text/{page}.pdftotext.txt",
         "layout": "text/{page}.layout.txt", "pdfminer": "text/{page}.pdfminer.txt"}

# A Markdown escape the emit stage writes: a backslash before ASCII punctuation.
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# A bold lead sentence as the emit stage writes it.
STRONG = re.compile(r"^\{strong\}`([^`]*)`")
# The labels an end note is printed with, before the values the importer keeps.
NOTE_LABEL = re.compile(r"^(作者单位分别为|作者分别为|作者单位[:：]?|作者系|作者为|作者是|原?载)")


def expected(page: str) -> dict:
    return json.loads((HERE / "expected" / f"{page}.json").read_text(encoding="utf-8"))


def source_file(page: str, form: str) -> Path:
    return HERE / FORMS[form].format(page=page)


def run_import(page: str, form: str) -> PageImport:
    """Import one test page in one form, as a new user would: the file alone, no editorial file."""
    source = source_file(page, form)
    with tempfile.TemporaryDirectory() as scratch:
        seeds = Path(scratch) / "seeds"
        seeds.mkdir()
        target = seeds / (page + source.suffix)
        target.write_bytes(source.read_bytes())
        return import_page(target, Path(scratch) / "editorial")


def unescape(text: str) -> str:
    return ESCAPE.sub(r"\1", text)


@dataclass
class Written:
    """An imported article read back: its fields and its blocks as plain text."""

    meta: dict
    headings: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, meta: dict, body: str) -> "Written":
        written = cls(meta)
        for part in body.split("\n\n")[1:]:  # the first part is the H1
            lines = [line for line in part.split("\n") if not re.match(r"^\([^)]*\)=$", line)]
            text = "\n".join(lines).strip()
            if text.startswith("#"):
                written.headings.append(unescape(text.lstrip("#").strip()))
                continue
            match = STRONG.match(text)
            if match:
                written.leads.append(match[1])
                text = match[1] + text[match.end():]
            written.paragraphs.append(unescape(text))
        return written

    def texts(self) -> list[str]:
        return self.headings + self.paragraphs


def normal(text: str) -> str:
    """Text as compared: no spaces of any width (extraction may lose or add them)."""
    return re.sub(r"\s+", "", text)


def note_values(note: str) -> str:
    """What the importer should keep of an end note: its text without brackets and label."""
    inner = normal(note)
    if inner[:1] in "（(" and inner[-1:] in "）)":
        inner = inner[1:-1]   # only the outer pair: （作者单位：中共滨州市委党校（滨州行政学院））
    return NOTE_LABEL.sub("", inner)


@dataclass
class Score:
    """Counts of one import against its truth; `misses` says what was wrong, for -v."""

    articles: int = 0
    found: int = 0
    fields: dict = field(default_factory=dict)     # field → [right, total]
    paragraphs: int = 0
    whole: int = 0
    headings: int = 0
    headings_right: int = 0
    foreign: int = 0                               # expected passages found in another article
    extra_articles: int = 0
    misses: list[str] = field(default_factory=list)

    def count(self, name: str, right: bool, detail: str = "") -> None:
        tally = self.fields.setdefault(name, [0, 0])
        tally[0] += right
        tally[1] += 1
        if not right:
            self.misses.append(f"{name}: {detail}")

    def add(self, other: "Score") -> None:
        for key in ("articles", "found", "paragraphs", "whole", "headings", "headings_right", "foreign",
                    "extra_articles"):
            setattr(self, key, getattr(self, key) + getattr(other, key))
        for name, (right, total) in other.fields.items():
            tally = self.fields.setdefault(name, [0, 0])
            tally[0] += right
            tally[1] += total
        self.misses += other.misses

    def share_whole(self) -> float:
        return self.whole / self.paragraphs if self.paragraphs else 1.0

    def line(self) -> str:
        fields = "  ".join(f"{name} {right}/{total}" for name, (right, total) in sorted(self.fields.items()))
        return (f"articles {self.found}/{self.articles} (+{self.extra_articles} extra)  paragraphs whole "
                f"{self.whole}/{self.paragraphs} ({100 * self.share_whole():.1f}%)  headings "
                f"{self.headings_right}/{self.headings}  foreign {self.foreign}  {fields}")


def match(truth: dict, written: list[Written]) -> Written | None:
    """The imported article that holds most of an expected article's paragraphs (by their openings)."""
    openings = [normal(b["text"])[:20] for b in truth["blocks"] if b["kind"] == "para"]
    best, best_hits = None, 0
    for candidate in written:
        body = normal("".join(candidate.texts()))
        hits = sum(1 for opening in openings if opening and opening in body)
        if normal(candidate.meta.get("title", "")) == normal(truth["title"]):
            hits += len(openings) + 1
        if hits > best_hits:
            best, best_hits = candidate, hits
    return best


def score_page(page: str, imported: PageImport) -> Score:
    truth = expected(page)
    written = [Written.read(a.meta, a.text) for a in imported.articles]
    score = Score(articles=len(truth["articles"]))
    claimed: dict[int, int] = {}
    for number, article in enumerate(truth["articles"]):
        mine = match(article, written)
        where = f"{page} «{article['title']}»"
        if mine is None:
            score.misses.append(f"article: {where} not found")
            for name in ("title", "kicker", "subtitle", "column", "authors", "note"):
                score.count(name, False, f"{where}: article not found")
            score.paragraphs += sum(1 for b in article["blocks"] if b["kind"] == "para")
            continue
        claimed[id(mine)] = number
        score.found += 1
        meta = mine.meta
        for name in ("title", "kicker", "subtitle", "column"):
            got = normal(meta.get(name, ""))
            score.count(name, got == normal(article[name]), f"{where}: {meta.get(name, '')!r} for {article[name]!r}")
        score.count("authors", [normal(a) for a in meta.get("authors", [])] == [normal(a) for a in article["authors"]],
                    f"{where}: {meta.get('authors')} for {article['authors']}")
        kept = normal("".join(str(meta.get(key, "")) for key in
                              ("author_note", "affiliation", "reprinted_from")))
        want = note_values(article["note"]) if article["note"] else ""
        printed = normal(article["note"])
        printed = printed[1:-1] if printed[:1] in "（(" and printed[-1:] in "）)" else printed
        score.count("note", kept in {want, printed} or bool(want and kept.endswith(want) and printed.endswith(kept)),
                    f"{where}: kept {kept!r} for {article['note']!r}")
        paragraphs = {normal(p) for p in mine.paragraphs}
        headings = {normal(h) for h in mine.headings}
        for block in article["blocks"]:
            text = normal(block["text"])
            if block["kind"] == "heading":
                score.headings += 1
                right = text in headings
                score.headings_right += right
                if not right:
                    score.misses.append(f"heading: {where}: {block['text']}")
            else:
                score.paragraphs += 1
                right = text in paragraphs
                score.whole += right
                if not right:
                    score.misses.append(f"paragraph: {where}: {block['text'][:40]}…")
    score.extra_articles = sum(1 for w in written if id(w) not in claimed)
    for w in written:
        if id(w) not in claimed:
            score.misses.append(f"extra article: {page} «{w.meta.get('title')}» ({len(w.paragraphs)} paragraphs)")
    score.foreign = foreign_passages(page, truth, written, claimed)
    return score


def foreign_passages(page: str, truth: dict, written: list[Written], claimed: dict[int, int]) -> int:
    """Passages of one expected article that the importer put into the article matched to another."""
    owners: list[tuple[str, int]] = []
    for number, article in enumerate(truth["articles"]):
        for block in article["blocks"]:
            text = normal(block["text"])
            owners += [(text[i:i + 12], number) for i in range(0, max(len(text) - 12, 1), 12)]
    found = 0
    for w in written:
        number = claimed.get(id(w))
        if number is None:
            continue
        body = normal("".join(w.texts()))
        # a phrase both articles print (习近平总书记指出：“我们) is not foreign to either
        own = normal("".join(block["text"] for block in truth["articles"][number]["blocks"]))
        found += sum(1 for piece, owner in owners
                     if owner != number and len(piece) == 12 and piece in body and piece not in own)
    return found


def score_form(form: str, pages: list[str] = PAGES) -> tuple[Score, dict[str, Score]]:
    total, per_page = Score(), {}
    for page in pages:
        per_page[page] = score_page(page, run_import(page, form))
        total.add(per_page[page])
    return total, per_page


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--form", choices=list(FORMS), action="append")
    parser.add_argument("--page", action="append")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    for form in args.form or list(FORMS):
        total, per_page = score_form(form, args.page or PAGES)
        print(f"== {form}: {total.line()}")
        for page, score in per_page.items():
            print(f"   {page}: {score.line()}")
            if args.verbose:
                for miss in score.misses:
                    print(f"      {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
