"""Re-joins lines and paragraphs broken by newspaper columns into blocks, and removes extraction spaces."""

import re
import statistics

from .. import segmenter
from . import forms
from .model import Block, Line
from ..textclass import CN_PUNCT, HANZI, ends_sentence, has_sentence_mark

# Spaces with a Chinese character or mark on either side (but not Latin on both) were put there by extraction.
EXTRACTION_SPACE = re.compile(rf"(?<=[{HANZI}{CN_PUNCT}])[ \t\u3000]+|[ \t\u3000]+(?=[{HANZI}{CN_PUNCT}])")

# Lines shorter than this share of the local column width end a paragraph (or are headings).
SHORT = 0.85
# Above this local width the page prints one paragraph per line (no columns).
COLUMN_WIDTH_LIMIT = 30
# An unnumbered heading in a column is shorter than this share of the column width.
HEAD_SHORT = 0.8
# A heading is at most this long.
HEADING_MAX = 40


def squeeze_spaces(text: str) -> str:
    """Remove the spaces extraction put between Chinese characters, marks and numbers."""
    return EXTRACTION_SPACE.sub("", text.strip())


def width(text: str) -> float:
    """Printed width of a line in hanzi: Latin letters and digits count half."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text)


def local_widths(lines: list[Line]) -> dict[int, float]:
    """For every non-blank line, the width of the full lines around it (upper quartile): the column width there."""
    texts = [(line.number, width(line.text)) for line in lines if line.text]
    result = {}
    for index, (number, _) in enumerate(texts):
        window = [w for _, w in texts[max(0, index - 8): index + 9]]
        result[number] = statistics.quantiles(window, n=4)[2] if len(window) > 1 else window[0]
    return result


def double_spaced(lines: list[Line]) -> dict[int, bool]:
    """For every non-blank line: is it in a stretch where every line is followed by a blank one?"""
    followed = {}
    for index, line in enumerate(lines):
        if line.text:
            after = lines[index + 1].text if index + 1 < len(lines) else ""
            followed[line.number] = after == ""
    numbers = list(followed)
    result = {}
    for index, number in enumerate(numbers):
        window = [followed[n] for n in numbers[max(0, index - 6): index + 7]]
        result[number] = sum(window) / len(window) >= 0.8
    return result


class Unwrapper:
    """Walks a page's lines once and groups them into blocks."""

    def __init__(self, lines: list[Line], breaks: list[str], joins: list[str]):
        self.lines = [Line(l.number, squeeze_spaces(l.text), l.level, l.bold, squeeze_spaces(l.bold_lead))
                      for l in lines]
        # bylines are read before spaces are squeezed: they separate the names of several authors
        self.spaced_text = {l.number: re.sub(r"\s+", " ", l.text.strip()) for l in lines}
        self.widths = local_widths(self.lines)
        self.spaced = double_spaced(self.lines)
        self.breaks = [squeeze_spaces(b) for b in breaks]
        self.joins = [squeeze_spaces(j) for j in joins]
        self.matched: set[str] = set()  # the break and join anchors found on the page
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.blank_before = False

    def column(self, line: Line) -> bool:
        return self.widths.get(line.number, 99) < COLUMN_WIDTH_LIMIT

    def short(self, line: Line) -> bool:
        return width(line.text) < SHORT * self.widths.get(line.number, 99)

    def previous_text(self) -> str:
        return self.current.text if self.current else (self.blocks[-1].text if self.blocks else "")

    def at_sentence_end(self) -> bool:
        return self.current is None or ends_sentence(self.current.text)

    def close(self) -> None:
        if self.current:
            self.blocks.append(self.current)
            self.current = None

    def emit(self, kind: str, line: Line, **hints) -> None:
        self.close()
        self.blocks.append(Block(kind, line.text, [line.number], **hints))

    def last_kind(self) -> str:
        return self.blocks[-1].kind if self.blocks and self.current is None else ""

    def structural_kind(self, line: Line, index: int) -> str:
        """The kind of a line that stands alone (head, byline, subtitle, endnote), or "" for prose."""
        text = line.text
        after_title = self.last_kind() in {"head", "subtitle"}
        if self.is_byline(line, after_title) and (text[0] in forms.BYLINE_MARKERS or after_title):
            return "byline"
        if forms.endnote_kind(text):
            return "endnote"
        if forms.SUBTITLE.match(text) and self.last_kind() in {"head", "byline"}:
            return "subtitle"
        if line.level or line.bold:
            return "head" if not has_sentence_mark(text[:-1]) or line.level else ""
        if not self.at_sentence_end() or has_sentence_mark(text) or len(text) > HEADING_MAX:
            return ""
        if text[-1] in "，、：；（“‘《—,(:":
            return ""
        if not balanced(text):
            return ""
        following = self.next_line(index)
        if following and following.text[:1] in forms.BYLINE_MARKERS and self.is_byline(following, True):
            return "head"  # a line right above a byline is a title
        if following is None and not re.search(r"[，、；：,;:]", text):
            return "head"  # a phrase closing the page is a title printed away from its body
        if following and splits_word(text, following.text) and not self.continues_heading(
                Block("head", text, [line.number]), following):
            return ""  # the line ends inside a word: it is the first line of a paragraph
        if forms.numbering(text):
            if self.column(line) and not self.short(line) and following and not self.continues_heading(
                    Block("head", text, [line.number], numbered="x"), following):
                return ""  # a full numbered line running on into prose is a paragraph's lead
            return "head"
        if re.search(r"[，、；：,;:]", text):
            return ""  # an unnumbered heading is a phrase, not a clause list
        if not self.column(line) or width(text) < HEAD_SHORT * self.widths.get(line.number, 99):
            return "head"
        return ""

    def next_line(self, index: int) -> Line | None:
        for line in self.lines[index + 1:]:
            if line.text:
                return line
        return None

    def is_byline(self, line: Line, after_title: bool) -> bool:
        return forms.is_byline(self.spaced_text.get(line.number, line.text), after_title)

    def continues_heading(self, head: Block, line: Line) -> bool:
        """True when a column line is the rest of a heading broken across two lines."""
        return (self.column(line) and self.short(line) and not has_sentence_mark(line.text)
                and not ends_sentence(line.text) and len(head.text) + len(line.text) <= HEADING_MAX
                and not forms.numbering(line.text) and balanced(head.text + line.text)
                and not forms.SUBTITLE.match(line.text) and line.text[:1] not in forms.BYLINE_MARKERS
                and not (not head.numbered and self.is_byline(line, after_title=True))
                and not forms.endnote_kind(line.text))

    def forced_break(self) -> bool:
        return any(self.ends_with(self.current, anchor) for anchor in self.breaks)

    def ends_with(self, block: Block | None, anchor: str) -> bool:
        """True when block ends with an editor's anchor text (and remember that the anchor was found)."""
        if block is not None and block.text.endswith(anchor):
            self.matched.add(anchor)
            return True
        return False

    def starts_paragraph(self, line: Line) -> bool:
        """True when line opens a new paragraph rather than continuing the current one."""
        if self.current is None or self.forced_break():
            return True
        if not ends_sentence(self.current.text):
            return False
        if not self.column(line):
            return True
        last = self.lines_by_number[self.current.lines[-1]]
        if self.short(last):
            return True
        return self.blank_before and not self.spaced.get(last.number, False)

    def run(self) -> list[Block]:
        self.lines_by_number = {line.number: line for line in self.lines}
        for index, line in enumerate(self.lines):
            if not line.text:
                self.blank_before = True
                continue
            previous = self.blocks[-1] if self.blocks and self.current is None else None
            if self.current is None and previous and any(self.ends_with(previous, j) for j in self.joins):
                self.current = self.blocks.pop()  # an editor ruled that this line runs on
                self.current.kind = "para"
            if self.current is not None and any(self.ends_with(self.current, j) for j in self.joins):
                self.current.text += line.text
                self.current.lines.append(line.number)
            elif (previous and previous.kind == "head" and not previous.level and not line.level
                    and previous.lines[-1] >= line.number - 2 and self.continues_heading(previous, line)):
                previous.text += line.text
                previous.lines.append(line.number)
            elif (kind := self.structural_kind(line, index)) == "head":
                self.emit("head", line, level=line.level, bold=line.bold, numbered=forms.numbering(line.text))
            elif kind == "byline":
                self.emit(kind, Line(line.number, self.spaced_text[line.number]))
            elif kind:
                self.emit(kind, line)
            elif self.starts_paragraph(line):
                self.close()
                self.current = Block("para", line.text, [line.number], bold_lead=line.bold_lead)
            else:
                self.current.text += line.text
                self.current.lines.append(line.number)
            self.blank_before = False
        self.close()
        for block in self.blocks:  # a break anchor may also close the last paragraph before a heading
            for anchor in self.breaks:
                self.ends_with(block, anchor)
        return split_inline_endnotes(self.blocks)


def splits_word(first: str, second: str) -> bool:
    """True when the break between two lines falls inside a word (jieba, with the user dictionary)."""
    if not first or not second:
        return False
    left, right = first[-4:], second[:4]
    position = 0
    for token in segmenter.cut(left + right):
        if position < len(left) < position + len(token):
            return True
        position += len(token)
    return False


def balanced(text: str) -> bool:
    """True when every quotation mark and bracket opened in text is closed in it."""
    return all(text.count(a) == text.count(b) for a, b in ("“”", "‘’", "《》", "（）", "()", "〔〕", "【】"))


def split_inline_endnotes(blocks: list[Block]) -> list[Block]:
    """Give an end note printed at the end of a paragraph a block of its own."""
    result = []
    for block in blocks:
        text, note = forms.split_inline_endnote(block.text) if block.kind == "para" else (block.text, "")
        if note:
            result.append(Block("para", text, block.lines, bold_lead=block.bold_lead))
            result.append(Block("endnote", note, block.lines[-1:]))
        else:
            result.append(block)
    return result


def unwrap(lines: list[Line], breaks: list[str] = (), joins: list[str] = ()) -> list[Block]:
    """Group a page's lines into blocks; an editor may rule that a paragraph ends (`breaks`) or runs on (`joins`) after a text."""
    return Unwrapper(lines, list(breaks), list(joins)).run()
