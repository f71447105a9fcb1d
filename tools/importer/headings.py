"""Maps the printed numbering schemes of an article's section headings onto one heading hierarchy, keeping the printed numbers."""

import re
from dataclasses import dataclass

from .model import Block

# The rank of each numbering scheme: 一、 above （一） above 1.; unnumbered headings rank by their markup.
RANK = {"cn": 1, "ordinal": 1, "paren": 2, "arabic": 3, "paren-arabic": 4}
CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}


@dataclass
class Heading:
    """A section heading as the emit stage writes it."""

    text: str
    level: int     # 2 for the highest section level (the title is 1)
    anchor: str    # stable id: built from the printed numbers, not from the position on the page


def printed_number(text: str) -> int | None:
    """The number a heading prints (一 → 1, （三） → 3, 2. → 2), or None."""
    match = re.match(r"^[（(]?(第)?([一二三四五六七八九十]{1,3}|\d{1,2})", text)
    if not match:
        return None
    digits = match.group(2)
    if digits.isdigit():
        return int(digits)
    if digits == "十":
        return 10
    if digits.startswith("十"):
        return 10 + CN_DIGITS[digits[1]]
    if len(digits) == 2 and digits[1] == "十":
        return CN_DIGITS[digits[0]] * 10
    if len(digits) == 3:
        return CN_DIGITS[digits[0]] * 10 + CN_DIGITS[digits[2]]
    return CN_DIGITS[digits[0]]


def rank(block: Block) -> int:
    if block.numbered in RANK:
        return RANK[block.numbered]
    if block.bold and not block.level:
        return 3
    return 0  # unnumbered: placed by the article's other schemes


def normalize(blocks: list[Block], slug: str) -> dict[int, Heading]:
    """Give every head block of an article a level and a stable anchor; keyed by the block's position."""
    heads = [(i, b) for i, b in enumerate(blocks) if b.kind == "head"]
    ranks = {i: rank(b) for i, b in heads}
    numbered_top = min((r for r in ranks.values() if r), default=None)
    for i, b in heads:
        if ranks[i] == 0:
            # An unnumbered heading sits above the numbered schemes unless the article has 一、 headings.
            ranks[i] = 1 if numbered_top is None or numbered_top > 1 else 2
    order = sorted(set(ranks.values()))
    result: dict[int, Heading] = {}
    path: list[int] = []
    counters: dict[tuple, int] = {}
    used: set[str] = set()
    previous = 1   # the title
    for i, block in heads:
        depth = order.index(ranks[i])
        path = path[:depth]
        while len(path) < depth:
            path.append(0)
        key = tuple(path)
        counters[key] = counters.get(key, 0) + 1
        number = printed_number(block.text) if block.numbered else None
        path.append(number or counters[key])
        anchor = f"{slug}-s" + "-".join(map(str, path))
        while anchor in used:
            anchor += "x"
        used.add(anchor)
        # A heading never sits more than one level below the one before it (the title is 1): a page
        # that prints （一） before any 一、 (or whose 一、 went missing) still makes a valid outline,
        # while the anchor keeps the printed numbers and the place they hold (s0-1).
        level = min(depth + 2, previous + 1, 6)
        result[i] = Heading(block.text, level, anchor)
        previous = level
    return result
