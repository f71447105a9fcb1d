"""Lint rules of Chinese typography: punctuation widths, quotes, spaces, paired marks, soft line breaks."""

import re
from collections.abc import Iterator

from .catalogue import RawFinding, catalogue
from .document import CHINESE_PUNCTUATION, HANZI, Document, Project, paragraphs

# Half-width marks and their full-width forms (t-001).
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "〔": "〕", "【": "】"}


def pattern_rules(document: Document, project: Project) -> Iterator[RawFinding]:
    """The data-driven rules: each catalogue entry with a `pattern`, searched in the body text."""
    patterned = [entry for entry in catalogue().values() if entry.pattern]
    for line in document.text_lines():
        masked = line.masked
        for entry in patterned:
            for match in entry.pattern.finditer(masked):
                yield line.number, match.start() + 1, entry.code, {"match": match[0]}


HALF_WIDTH = re.compile(rf"(?<=[{HANZI}{CHINESE_PUNCTUATION}])\\?[,;:?!()]|\\?[,;:?!()](?=[{HANZI}])")


def half_width_punctuation(document: Document, project: Project) -> Iterator[RawFinding]:
    """t-001: , ; : ? ! ( ) touching a Chinese character or Chinese punctuation."""
    for line in document.text_lines():
        for match in HALF_WIDTH.finditer(line.masked):
            mark = match[0][-1]
            yield line.number, match.start() + 1, "t-001", {"mark": mark, "full": FULL_WIDTH[mark]}


STRAIGHT_QUOTE = re.compile(rf"(?<=[{HANZI}{CHINESE_PUNCTUATION}])\"|\"(?=[{HANZI}])")


def straight_quotes(document: Document, project: Project) -> Iterator[RawFinding]:
    """t-002: a straight double quote touching Chinese text."""
    for line in document.text_lines():
        for match in STRAIGHT_QUOTE.finditer(line.masked):
            yield line.number, match.start() + 1, "t-002", {}


CHINESE = f"{HANZI}{CHINESE_PUNCTUATION}"
INNER_SPACE = re.compile(rf"(?<=[{HANZI}])[ \t\u3000]+(?=[{CHINESE}])|(?<=[{CHINESE}])[ \t\u3000]+(?=[{HANZI}])")


def spaces_in_chinese(document: Document, project: Project) -> Iterator[RawFinding]:
    """t-003: a space between two hanzi, or between a hanzi and Chinese punctuation."""
    for line in document.text_lines():
        for match in INNER_SPACE.finditer(line.masked):
            yield line.number, match.start() + 1, "t-003", {}


DIGIT_SPACE = re.compile(rf"(?<=[{HANZI}])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[{HANZI}])")


def spaces_around_digits(document: Document, project: Project) -> Iterator[RawFinding]:
    """t-004: extraction spaces between digits and hanzi (2025 年 8 月)."""
    for line in document.text_lines():
        for match in DIGIT_SPACE.finditer(line.masked):
            yield line.number, match.start() + 1, "t-004", {}


def unbalanced_pairs(document: Document, project: Project) -> Iterator[RawFinding]:
    """t-005: “” ‘’ 《》 （） 〔〕 【】 must open and close within one paragraph, properly nested."""
    closers = {close: open_ for open_, close in PAIRS.items()}
    for paragraph in paragraphs(document):
        stack: list[tuple[str, int, int]] = []
        for line in paragraph:
            for col, char in enumerate(line.masked, start=1):
                if char in PAIRS:
                    stack.append((char, line.number, col))
                elif char in closers:
                    opener = closers[char]
                    if not any(mark == opener for mark, _, _ in stack):
                        yield line.number, col, "t-005", {"problem": f"`{char}` closes nothing"}
                        continue
                    while stack[-1][0] != opener:
                        mark, number, at = stack.pop()
                        yield number, at, "t-005", {"problem": f"`{mark}` is not closed before `{char}`"}
                    stack.pop()
        for mark, number, at in stack:
            yield number, at, "t-005", {"problem": f"`{mark}` is never closed"}


def soft_line_breaks(document: Document, project: Project) -> Iterator[RawFinding]:
    """l-001: a text line right under another text line or list item (not a hard break)."""
    for previous, line in zip(document.lines, document.lines[1:]):
        hard_break = previous.text.endswith(("  ", "\\"))
        if line.kind == "text" and previous.kind in {"text", "item"} and not hard_break:
            yield line.number, 1, "l-001", {}


RULES = (pattern_rules, half_width_punctuation, straight_quotes, spaces_in_chinese, spaces_around_digits, unbalanced_pairs, soft_line_breaks,)
