"""Recognise a page written by a PDF text extractor (pdftotext, pdftotext -layout, pdfminer.six) and undo its signature.

Each tool leaves a mark of its own on a newspaper page, described in tools/data/extractors.toml:

* pdftotext (default mode) prints lines of neighbouring columns that share a baseline on one line, joined
  by one space; lines of columns whose baselines differ come one after the other. The columns are cut
  apart by width (a column's full lines are all about as wide) and rebuilt one after another.
* pdftotext -layout puts every column at its character offset, so one line runs across all columns; the
  pieces are cut at the runs of spaces (and, where columns touch, by width) and rebuilt column by column
  within each band of the page between blank lines.
* pdfminer.six names many hanzi by radical code points (⼈ for 人; tools/data/radicals.txt), writes ——
  as U+2015 twice, and letter-spaces justified lines.

Hand-extracted text (seeds/*.txt) shows none of these and passes through unchanged. Characters are only
moved or replaced one for one, and only spaces and blank lines are dropped: every other character of
the input is in the output.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field

from ...tables import table
from ...textclass import ends_sentence

NONE, PDFTOTEXT, LAYOUT, PDFMINER = "none", "pdftotext", "pdftotext-layout", "pdfminer"


@functools.cache
def rules() -> dict:
    """The signature rules of tools/data/extractors.toml."""
    return tomllib.loads(table("extractors.toml").read_text(encoding="utf-8"))


@functools.cache
def radicals() -> dict[str, str]:
    """Radical code point → the unified ideograph it stands for (tools/data/radicals.txt)."""
    mapping = {}
    for line in table("radicals.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = line.split("\t")[:2]
            mapping[radical] = ideograph
    return mapping


@dataclass
class Extraction:
    """What undoing an extractor's signature gave: the text, the extractor's name, counts, and what stayed as it was."""

    text: str
    extractor: str = NONE
    repairs: Counter = field(default_factory=Counter)
    unrebuilt: list[str] = field(default_factory=list)   # lines that could not be cut into columns

    def report(self) -> dict:
        return {"name": self.extractor, "repairs": dict(sorted(self.repairs.items())), "not_rebuilt": self.unrebuilt}


def width(text: str) -> float:
    """Printed width in hanzi: Latin letters, digits and spaces count half."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text if char != " ")


def layout_gap() -> re.Pattern:
    return re.compile(r"\S( {%d,})\S" % rules()["recognise"]["layout_gap"])


def recognise(text: str) -> str:
    """The extractor that wrote the page, or NONE."""
    signs = rules()["recognise"]
    if signs["page_break"] not in text:
        return NONE
    lines = [line for line in text.split("\n") if line.strip()]
    gaps = sum(1 for line in lines if layout_gap().search(line) or re.match(r" {%d,}\S" % signs["layout_gap"], line))
    if lines and gaps / len(lines) >= signs["layout_share"]:
        return LAYOUT
    if sum(1 for char in text if char in radicals()) >= signs["radicals_min"]:
        return PDFMINER
    return PDFTOTEXT


def undo(text: str) -> Extraction:
    """Recognise the extractor of a decoded page and undo its signature; a page of no extractor comes back as it was."""
    name = recognise(text)
    result = Extraction(text, name)
    if name == NONE:
        return result
    text = replace_radicals(text, result.repairs)
    text = replace_dashes(text, result.repairs)
    pages = text.split(rules()["recognise"]["page_break"])
    if name == PDFTOTEXT:
        pages = [rebuild_pdftotext(page, result) for page in pages]
    elif name == LAYOUT:
        pages = [rebuild_layout(page, result) for page in pages]
    text = "\n".join(pages)   # a page break becomes a line break: a paragraph may run on to the next page
    result.text = unspace(text, result.repairs)
    return result


# ---------------------------------------------------------------- characters


def replace_radicals(text: str, repairs: Counter) -> str:
    table_ = radicals()
    out = []
    for char in text:
        if char in table_:
            repairs["radical-code-points"] += 1
            char = table_[char]
        out.append(char)
    return "".join(out)


def replace_dashes(text: str, repairs: Counter) -> str:
    dash = rules()["dash"]
    repairs["horizontal-bar-dashes"] += text.count(dash["from"])
    if not repairs["horizontal-bar-dashes"]:
        del repairs["horizontal-bar-dashes"]
    return text.replace(dash["from"], dash["to"])


def letter_spaced(line: str) -> bool:
    """True when most of a line's pieces between spaces are single hanzi or marks, at least min_run of them."""
    tokens = line.split()
    singles = sum(1 for token in tokens if len(token) == 1 and ord(token) >= 0x2E80)
    return singles >= rules()["spaced"]["min_run"] and 2 * singles >= len(tokens)


def unspace(text: str, repairs: Counter) -> str:
    """Take the letter-spacing out of justified lines: 习 近 平 总 → 习近平总 (spaces between Latin words stay)."""
    out = []
    for line in text.split("\n"):
        if letter_spaced(line):
            repairs["letter-spaced-lines"] += 1
            line = re.sub(r"(?<=[^ -~]) +| +(?=[^ -~])", "", line)
        out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------- pdftotext: columns side by side


def column_width(lines: list[str]) -> float | None:
    """The width of a full column line: the most common width of the lines that hold no space."""
    minimum = rules()["columns"]["min_width"]
    widths = Counter(round(width(line) * 2) / 2 for line in lines if line and " " not in line.strip()
                     and width(line) >= minimum)
    if not widths:  # every line holds a space: the pieces between the spaces tell
        widths = Counter(round(width(piece) * 2) / 2 for line in lines for piece in line.split()
                         if width(piece) >= minimum)
    if not widths:
        return None
    top = max(widths.values())
    return max(w for w, n in widths.items() if n == top)


def cut(line: str, full: float) -> list[str]:
    """Cut a line at the spaces where a full column line ends."""
    tolerance = rules()["columns"]["full_tolerance"]
    tokens = [token for token in line.strip().split(" ") if token]
    pieces, current, wide = [], [], 0.0
    for token in tokens:
        current.append(token)
        wide += width(token)
        if wide >= full - tolerance:
            pieces.append(" ".join(current))
            current, wide = [], 0.0
    if current:
        pieces.append(" ".join(current))
    return pieces


class Columns:
    """The column streams of one block, filled line by line in the order pdftotext wrote them."""

    def __init__(self, count: int, full: float):
        self.streams: list[list[str]] = [[] for _ in range(count)]
        self.full = full
        self.last_column = -1

    def is_full(self, piece: str) -> bool:
        return width(piece) >= self.full - rules()["columns"]["full_tolerance"]

    def fit(self, column: int, piece: str) -> float:
        """How well a piece continues a column: high when it carries on a sentence the column left open."""
        stream = self.streams[column]
        if not stream:
            return 0.5
        last = stream[-1].replace(" ", "")
        if not self.is_full(last):
            return 0.6                      # the column's paragraph ended: any piece may open the next
        if ends_sentence(last):
            return 0.7
        score = 1.0
        if splits_word(last, piece.replace(" ", "")):
            score += 1.0
        if unclosed(stream) and any(mark in piece for mark in "”’》）"):
            score += 0.5
        return score

    def place(self, pieces: list[str]) -> None:
        count = len(self.streams)
        best, best_score = 0, float("-inf")
        for offset in range(count - len(pieces) + 1):
            score = sum(self.fit(offset + i, piece) for i, piece in enumerate(pieces))
            if len(pieces) == 1 and offset == (self.last_column + 1) % count:
                score += 0.3                # lines of columns whose baselines differ take turns
            if score > best_score:
                best, best_score = offset, score
        for i, piece in enumerate(pieces):
            self.streams[best + i].append(piece)
        self.last_column = best + len(pieces) - 1


def unclosed(stream: list[str]) -> bool:
    text = "".join(stream[-6:])
    return text.count("“") > text.count("”")


def splits_word(first: str, second: str) -> bool:
    """True when the break between two lines falls inside a word (jieba, with the user dictionary)."""
    from ... import segmenter

    if not first or not second:
        return False
    left, right = first[-4:], second[:4]
    position = 0
    for token in segmenter.cut(left + right):
        if position < len(left) < position + len(token):
            return True
        position += len(token)
    return False


def blocks_of(page: str) -> list[list[str]]:
    """A page's blocks: runs of non-blank lines."""
    blocks, current = [], []
    for line in page.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def rebuild_pdftotext(page: str, result: Extraction) -> str:
    page_full = column_width(page.split("\n"))
    excess = rules()["columns"]["merged_excess"]
    out: list[str] = []
    for block in blocks_of(page):
        full = column_width(block) or page_full
        if full is None:
            out += block + [""]
            continue
        cuts = [cut(line, full) if width(line) > full + excess else [line.strip()] for line in block]
        count = max(len(pieces) for pieces in cuts)
        if count == 1:
            out += block + [""]
            continue
        columns = Columns(count, full)
        for pieces in cuts:
            columns.place(pieces)
        result.repairs["columns-rebuilt"] += count
        for stream in columns.streams:
            out += stream + [""]
    return "\n".join(out)


# ---------------------------------------------------------------- pdftotext -layout: columns at offsets


def rebuild_layout(page: str, result: Extraction) -> str:
    """Cut every line at its runs of spaces, give each piece the column its offset falls in, rebuild each band."""
    gap = rules()["recognise"]["layout_gap"]
    split = re.compile(r" {%d,}" % gap)
    lines = page.split("\n")
    placed: list[list[tuple[int, str]]] = []
    for line in lines:
        pieces, position = [], 0
        for part in split.split(line):
            start = line.index(part, position) if part else position
            if part.strip():
                pieces.append((start + len(part) - len(part.lstrip()), part.strip()))
            position = start + len(part)
        placed.append(pieces)
    full = column_width([text for pieces in placed for _, text in pieces]) or 0
    starts = column_starts([start for pieces in placed for start, text in pieces if width(text) >= full - 2], gap)
    excess = rules()["columns"]["merged_excess"]
    out: list[str] = []
    band: dict[int, list[str]] = {}

    def flush() -> None:
        for column in sorted(band):
            out.extend(band[column] + [""])
        band.clear()

    for number, pieces in enumerate(placed, 1):
        if not pieces:
            flush()
            continue
        for start, text in pieces:
            column = column_of(start, starts)
            parts = cut(text, full) if full and width(text) > full + excess else [text]
            if len(parts) > 1 and column + len(parts) > len(starts):
                result.unrebuilt.append(f"{number}: {text}")
            for i, part in enumerate(parts):
                band.setdefault(column + i, []).append(part)
    flush()
    if band or placed:
        result.repairs["layout-bands"] += 1
    return "\n".join(out)


def column_starts(starts: list[int], gap: int) -> list[int]:
    """The offsets where columns begin: the common starting offsets of full pieces, close ones taken as one."""
    counts = Counter(starts)
    common = sorted(offset for offset, n in counts.items() if n >= 3)
    merged: list[int] = []
    for offset in common:
        if merged and offset - merged[-1] <= gap:
            continue
        merged.append(offset)
    return merged or [0]


def column_of(start: int, starts: list[int]) -> int:
    gap = rules()["recognise"]["layout_gap"]
    column = 0
    for index, offset in enumerate(starts):
        if start >= offset - gap:
            column = index
    return column
