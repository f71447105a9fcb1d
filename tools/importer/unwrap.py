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


def display_text(text: str) -> str:
    """A display line's text: extraction spaces gone, but a full-width space that sets two phrases of a
    title or kicker apart kept, once (纯净政治生态　引领社会风尚)."""
    parts = [squeeze_spaces(part) for part in re.split(r"\u3000+", text.strip())]
    return "\u3000".join(part for part in parts if part)


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
            result.append(Block("para", text, block.lines, bold_lead=block.bold_lead, geometry=block.geometry))
            result.append(Block("endnote", note, block.lines[-1:], geometry=block.geometry[-1:]))
        else:
            result.append(block)
    return result


def unwrap(lines: list[Line], breaks: list[str] = (), joins: list[str] = ()) -> list[Block]:
    """Group a page's lines into blocks; an editor may rule that a paragraph ends (`breaks`) or runs on (`joins`) after a text."""
    return Unwrapper(lines, list(breaks), list(joins)).run()


# -------------------------------------------------------------------------------- PDF pages: by geometry

# A first line set in by at least this share of its type size opens a paragraph.
INDENT = 0.5
# A line ending at least this share of its type size before its column's edge closes its paragraph.
SHORT_END = 0.8
# A display line this many ems narrower than the next line of its title ends a phrase of the title.
PHRASE_BREAK = 2.0
# A column label printed after a title, in its own smaller type: （有的放矢）.
LABEL = re.compile(rf"^[（(][{HANZI}]{{2,8}}[）)]$")


class GeometricUnwrapper:
    """Groups the lines of a PDF page into blocks by how they are printed, not by their length.

    A paragraph begins at a first-line indent or after a short last line; display type (larger
    than the body) makes titles, kickers and subtitles, the largest of a group being the title;
    a whole line in bold body type is a section heading, unless its paragraph runs on under it,
    when it opens with a bold lead sentence; bylines, end notes and labels are known by their form.
    """

    def __init__(self, lines: list[Line]):
        self.lines = [line for line in lines if line.text.strip()]
        self.blocks: list[Block] = []
        self.previous: Line | None = None   # the previous line of running text

    def add(self, kind: str, line: Line, text: str | None = None, **hints) -> Block:
        block = Block(kind, squeeze_spaces(line.text) if text is None else text, [line.number],
                      geometry=[line.geometry], **hints)
        self.blocks.append(block)
        return block

    def extend(self, block: Block, line: Line, text: str | None = None) -> None:
        block.text += squeeze_spaces(line.text) if text is None else text
        block.lines.append(line.number)
        block.geometry.append(line.geometry)

    def last(self) -> Block | None:
        return self.blocks[-1] if self.blocks else None

    def starts_paragraph(self, line: Line) -> bool:
        previous, g = self.previous, line.geometry
        block = self.last()
        if previous is None or block is None or block.kind != "para" or block.lines[-1] != previous.number:
            return True
        if g.indent >= INDENT * g.size:
            return True
        p = previous.geometry
        return p.short >= SHORT_END * p.size

    def runs_on(self, index: int) -> bool:
        """True when the paragraph of a whole bold line goes on in the lines under it (a bold lead
        sentence, perhaps of several lines, not a heading): the bold runs on, unindented and full
        measure, into regular type."""
        while index + 1 < len(self.lines):
            line = self.lines[index]
            if line.geometry.short >= SHORT_END * line.geometry.size:
                return False
            following = self.lines[index + 1]
            g = following.geometry
            if g.display or g.zone or g.indent >= INDENT * g.size:
                return False
            if not (g.bold and not g.bold_lead):
                return True
            index += 1
        return False

    def same_head(self, block: Block, line: Line) -> bool:
        """True when a line carries on the heading or title block above it (same type, next line)."""
        if block.kind != "head" or not block.geometry:
            return False
        above, g = block.geometry[-1], line.geometry
        return (abs(above.size - g.size) < 0.05 * g.size and above.bold == g.bold
                and -0.7 * g.size <= g.box.top - above.box.bottom < 0.9 * g.size and above.pdf_page == g.pdf_page
                and g.box.overlap_x(above.box) > 0 and not forms.numbering(squeeze_spaces(line.text))
                and not ends_sentence(block.text) and len(block.text) + len(line.text) <= 2 * HEADING_MAX)

    def run(self) -> list[Block]:
        for index, line in enumerate(self.lines):
            g = line.geometry
            text = squeeze_spaces(line.text)
            spaced = re.sub(r"[ \t]+", " ", line.text.strip())
            last = self.last()
            header = next((b for b in reversed(self.blocks) if b.kind != "label"), None)
            after_title = bool(header and header.kind in {"head", "subtitle"} and header.geometry
                               and header.geometry[-1].display)
            if last and last.kind == "head" and (g.display or g.bold) and self.same_head(last, line):
                above = last.geometry[-1]
                # a title set phrase by phrase: a line narrower than the next by PHRASE_BREAK ems ends
                # a phrase (创造“人民建”/的新业绩/拓展“为人民”/的新境界), kept apart as printed
                phrase = g.display and g.box.width - above.box.width >= PHRASE_BREAK * g.size
                self.extend(last, line, ("\u3000" if phrase else "") + display_text(line.text) if g.display else None)
            elif g.zone == "label" or (LABEL.match(text) and after_title):
                self.add("label", line, text)   # brackets kept: segment counts them as markup
            elif forms.is_byline(spaced, after_title) and (text[0] in forms.BYLINE_MARKERS or after_title):
                self.add("byline", line, spaced)
            elif last and last.kind == "endnote" and not balanced(last.text):
                self.extend(last, line)
            elif forms.endnote_kind(text) or (text[:1] in "（(" and re.match(r"^[（(]\s*作者", text)):
                self.add("endnote", line)
            elif g.display:
                if after_title and (forms.SUBTITLE.match(text) or g.size < header.geometry[-1].size) \
                        and self.byline_follows(index):
                    self.add("subtitle", line, display_text(line.text))
                else:
                    self.add("head", line, display_text(line.text), bold=g.bold)
            elif g.raised and g.centred and self.display_follows(index):
                self.add("head", line, display_text(line.text), bold=g.bold)   # a kicker set small, centred over its title
            elif g.bold and not self.runs_on(index):
                if forms.SUBTITLE.match(text) and after_title:
                    self.add("subtitle", line)
                else:
                    self.add("head", line, display_text(line.text) if g.raised else text, bold=True,
                             numbered=forms.numbering(text))
            elif self.starts_paragraph(line):
                lead = text if g.bold else squeeze_spaces(g.bold_lead)
                self.add("para", line, bold_lead=lead)
            else:
                block = self.last()
                lead_open = block.bold_lead and block.bold_lead == block.text
                self.extend(block, line)
                if lead_open:
                    block.bold_lead += text if g.bold else squeeze_spaces(g.bold_lead)
            self.previous = line if self.last().kind == "para" else None
        self.rank_titles()
        return split_inline_endnotes(self.blocks)

    def byline_follows(self, index: int) -> bool:
        """A byline (or more display type) comes within the next two lines: the header goes on."""
        for line in self.lines[index + 1: index + 3]:
            if line.geometry.display or forms.is_byline(line.text.strip(), True):
                return True
        return False

    def display_follows(self, index: int) -> bool:
        """The next line is display type, larger than this one."""
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return (following is not None and following.geometry.display
                and following.geometry.size > self.lines[index].geometry.size)

    def kicker_above_title(self, index: int) -> bool:
        """A bold line right above display type, with nothing between (a kicker set small)."""
        block = self.blocks[index]
        following = next((b for b in self.blocks[index + 1:] if b.kind != "label"), None)
        return ((block.bold or block.geometry[0].raised) and not block.numbered
                and following is not None and following.kind == "head"
                and bool(following.geometry) and following.geometry[0].display
                and following.geometry[0].size > block.geometry[0].size)

    def rank_titles(self) -> None:
        """In each group of display heads, the largest is the title (level 1), the others kickers (level 2);
        a column label printed among them (boxed above, or beside the title) moves to just after the title."""
        group: list[Block] = []
        labels: list[Block] = []
        ranked: list[Block] = []
        blocks = self.blocks
        for index, block in enumerate([*blocks, None]):
            if block is not None and block.kind == "head" and block.geometry and (
                    block.geometry[0].display or self.kicker_above_title(index)):
                group.append(block)
                continue
            if block is not None and block.kind == "label":
                labels.append(block)
                continue
            if group:
                largest = max(b.geometry[0].size for b in group)
                for head in group:
                    head.level = 1 if head.geometry[0].size >= largest - 0.05 else 2
                title = next(i for i, head in enumerate(group) if head.level == 1)
                group[title + 1:title + 1] = labels
                labels = []
            ranked += group + labels
            group, labels = [], []
            if block is not None:
                ranked.append(block)
        self.blocks = ranked


def unwrap_geometric(lines: list[Line]) -> list[Block]:
    """Group a PDF page's lines (each carrying its LineBox) into blocks."""
    return GeometricUnwrapper(lines).run()
