"""Lint rules for font-encoding damage the importer may have missed: Founder marks left as hanzi, ■ bylines."""

import re
from collections.abc import Iterator

from .catalogue import RawFinding
from .document import HANZI, Document, Project

# Founder damage: a stray character and the punctuation it stands for (d-004).
STRAY_DAMAGE = {"袁": "，", "遥": "。", "尧": "、"}


def _single_tokens(text: str) -> set[int]:
    """Offsets in text of the characters that jieba's dictionary (no HMM guessing) leaves alone."""
    from ...segmenter import tokenizer

    offsets, position = set(), 0
    for word in tokenizer().cut(text, HMM=False):
        if len(word) == 1:
            offsets.add(position)
        position += len(word)
    return offsets


def _damaged_pairs(document: Document, opener: str, closer: str, code: str) -> Iterator[RawFinding]:
    pair = re.compile(rf"{opener}[^{opener}{closer}\n。，；！？]{{1,60}}?{closer}")
    for line in document.text_lines():
        masked = line.masked
        matches = list(pair.finditer(masked))
        single = _single_tokens(masked) if matches else set()
        for match in matches:
            if match.start() in single and match.end() - 1 in single:
                yield line.number, match.start() + 1, code, {}


def damaged_brackets(document: Document, project: Project) -> Iterator[RawFinding]:
    """d-001: 渊…冤 where both are words of their own (not 渊源, 深渊, 冤枉 …)."""
    yield from _damaged_pairs(document, "渊", "冤", "d-001")


def damaged_quotes(document: Document, project: Project) -> Iterator[RawFinding]:
    """d-002: 野…冶 where both are words of their own (not 视野, 野生, 陶冶, 冶金 …)."""
    yield from _damaged_pairs(document, "野", "冶", "d-002")


STRAY = re.compile(rf"(?<=[{HANZI}\d”’）》〕])[袁遥尧](?=\s*[{HANZI}“‘（《]|\s*$)")


def stray_damage(document: Document, project: Project) -> Iterator[RawFinding]:
    """d-004: a 袁/遥/尧 right after a clause and before text that jieba finds in no word.

    遥 and 尧 are looked up in the dictionary only (jieba without HMM), so that 遥远, 遥感, 尧舜
    stay words and an unknown run like 遥要 does not hide the damage. 袁 is a common surname: it
    counts only when jieba with HMM (which guesses names: 袁志彬, 袁明) leaves it alone and the
    next word is not tagged as a name.
    """
    from ...segmenter import cut_with_tags, tokenizer

    for line in document.text_lines():
        masked = line.masked
        candidates = list(STRAY.finditer(masked))
        if not candidates:
            continue
        tagged = _offsets(cut_with_tags(masked))
        plain = _offsets([(word, "") for word in tokenizer().cut(masked, HMM=False)])
        for match in candidates:
            mark, at = match[0], match.start()
            tokens = tagged if mark == "袁" else plain
            if at not in tokens or tokens[at][0] != mark:
                continue  # part of a longer word: 遥远, 尧舜, 袁隆平
            following = tokens.get(at + 1, ("", ""))
            if mark == "袁" and following[1].startswith("nr"):
                continue  # a surname before a given name jieba recognized
            if not following[0].strip() and not masked[at + 1:].strip() and mark != "遥":
                continue  # only 。 may end a paragraph
            yield line.number, at + 1, "d-004", {"mark": mark, "full": STRAY_DAMAGE[mark]}


def _offsets(tokens: list[tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """Tokens by the offset where each starts in the segmented text."""
    found, position = {}, 0
    for word, tag in tokens:
        found[position] = (word, tag)
        position += len(word)
    return found


BYLINE_SQUARE = re.compile(r"■")
BYLINE_MARRIAGE = re.compile(r"^(?:#{1,6}\s+)?(?:\*\*)?(?P<mark>姻)")


def byline_markers(document: Document, project: Project) -> Iterator[RawFinding]:
    """f-006: ■ anywhere, or a damaged ■ (姻) opening a line as a word of its own (not 姻亲)."""
    for line in document.text_lines():
        masked = line.masked
        for match in BYLINE_SQUARE.finditer(masked):
            yield line.number, match.start() + 1, "f-006", {"mark": "■"}
        match = BYLINE_MARRIAGE.match(masked)
        if match and match.start("mark") in _single_tokens(masked):
            yield line.number, match.start("mark") + 1, "f-006", {"mark": "姻"}


RULES = (damaged_brackets, damaged_quotes, stray_damage, byline_markers,)
