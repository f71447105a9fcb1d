"""Repair a page's punctuation (Founder-font damage, full-width marks, straight quotes, middle dots), counting every change.

Each rule is a function `text -> (text, number of characters changed)` that replaces characters one
for one, so a page keeps its exact lines and line numbers; no rule removes a space or joins lines
(the unwrap stage does that). RULES gives their order once.
"""

import collections
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import segmenter
from ..textclass import HANZI, HANZI_RE

from ..tables import DATA

# The lead byte of a Founder-damaged punctuation mark is the mark's GBK lead byte plus this.
FOUNDER_LEAD_BYTE_SHIFT = 0x31

# A page shows Founder damage when at least this many distinct marks appear damaged on it.
# A clean page has at most a stray lookalike or two (a surname 袁, a 院 after a place name);
# the damaged page 000 shows nine (、，。：（）“”■). Pairs count as two marks.
FOUNDER_MIN_DISTINCT_MARKS = 3

# The longest text (line breaks left out) a damaged pair such as 渊…冤 or 野…冶 may enclose.
FOUNDER_PAIR_MAX_CONTENT = 80

# Chinese context: hanzi plus the punctuation of Chinese text (CJK block, full-width forms, curly quotes, …, —, ·).
CHINESE = HANZI + "\u3000-\u303f\uff01-\uff60\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"

# One Chinese character or mark of Chinese punctuation.
CHINESE_CHAR = re.compile(f"[{CHINESE}]")
# One ASCII letter or digit.
LATIN_CHAR = re.compile(r"[A-Za-z0-9]")
# A blank line (possibly holding spaces): the boundary between two paragraphs of the page.
PARAGRAPH_BREAK = re.compile(r"(\n[ \t\u3000]*\n)")
# A run of whitespace that contains a line break: what a page's line wrapping put between two characters.
LINE_BREAK_RUN = re.compile(r"[ \t\u3000]*\n\s*")
# What may come right before a printed name: whitespace, a colon, ■, a slash (文/袁志彬).
NAME_LEAD = re.compile(r"[\s：:■/｜|]")


def load_table(name: str) -> list[str]:
    """Return the non-comment, non-blank lines of a data table in tools/data/, stripped."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


# ---------------------------------------------------------------- Founder-font punctuation damage


def founder_damaged_form(mark: str) -> str:
    """Return the hanzi a Founder font turns a GBK punctuation mark into (、→尧): lead byte + 0x31."""
    code = mark.encode("gbk")
    if len(code) != 2 or not 0xA1 <= code[0] <= 0xA3:
        raise ValueError(f"{mark!r} is not a GBK punctuation mark of rows A1–A3")
    return bytes([code[0] + FOUNDER_LEAD_BYTE_SHIFT, code[1]]).decode("gbk")


@dataclass(frozen=True)
class FounderMarks:
    """The marks to repair, keyed by damaged form: single marks and opening/closing pairs."""

    singles: dict[str, str]
    pairs: dict[tuple[str, str], tuple[str, str]]

    @functools.cached_property
    def forms(self) -> frozenset[str]:
        """Every damaged form, single or paired."""
        return frozenset(self.singles) | {form for pair in self.pairs for form in pair}


@functools.cache
def founder_marks(table: str = "founder_punctuation.txt") -> FounderMarks:
    """Compute the damaged forms of the marks listed in a table (tools/data/founder_punctuation.txt)."""
    singles, pairs = {}, {}
    for entry in load_table(table):
        if len(entry) == 1:
            singles[founder_damaged_form(entry)] = entry
        elif len(entry) == 2:
            pairs[founder_damaged_form(entry[0]), founder_damaged_form(entry[1])] = (entry[0], entry[1])
        else:
            raise ValueError(f"{table}: {entry!r} must be one mark or an opening/closing pair")
    return FounderMarks(singles, pairs)


@dataclass(frozen=True)
class JoinedPage:
    """A page with its line wrapping taken out, so words broken across lines can be segmented whole."""

    text: str
    origin: list[int]  # origin[j] is the index in the page of joined character j

    @classmethod
    def of(cls, page: str) -> "JoinedPage":
        """Join the page: drop every whitespace run that holds a line break, keep spaces inside lines."""
        kept, last = [], 0
        for wrap in LINE_BREAK_RUN.finditer(page):
            kept.extend(range(last, wrap.start()))
            last = wrap.end()
        kept.extend(range(last, len(page)))
        return cls("".join(page[i] for i in kept), kept)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each dictionary word of text; no HMM, so unknown strings fall apart into single characters."""
    spans, start = [], 0
    for word in segmenter.tokenizer().cut(text, HMM=False):
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


@functools.cache
def byline_roles() -> tuple[str, ...]:
    """Return the credits printed before names (tools/data/byline_roles.txt): 记者, 责编, …"""
    return tuple(load_table("byline_roles.txt"))


def in_name_position(text: str, index: int) -> bool:
    """Tell whether a surname at index would start a printed name: after a space, a colon, ■ or a credit (责编：袁志彬).

    jieba cannot tell a surname from damage by itself (it reads 第三袁可持续 as the name 袁可), so
    the surname keeps its place only where bylines and credits put names. The joined page has no
    line breaks, so a damaged 袁 at the start of a line still follows the text it belongs to.
    """
    return index == 0 or bool(NAME_LEAD.fullmatch(text[index - 1])) or text.endswith(byline_roles(), 0, index)


def may_be_surname(char: str) -> bool:
    """Tell whether jieba's dictionary tags the character as a name (袁, 叶, 耶), so it may be a surname."""
    import jieba.posseg  # the tag table loads only on pages with damage to weigh

    segmenter.tokenizer()
    return jieba.posseg.dt.word_tag_tab.get(char, "").startswith("nr")


# The runs jieba segments on their own (its default block pattern): the rest of the text cannot change them.
JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")


def stray_characters(text: str) -> set[int]:
    """Return the indices of damaged-form characters that are no part of any longer word and start no printed name.

    Only the runs that hold a damaged form are segmented: jieba segments each run on its own, so
    the answer is the same as for the whole text, at a fraction of the cost.
    """
    forms = founder_marks().forms
    stray = set()
    for block in JIEBA_BLOCK.finditer(text):
        if forms.isdisjoint(block.group()):
            continue
        for start, end in word_spans(block.group()):
            index = block.start() + start
            if end - start == 1 and text[index] in forms and not (
                    may_be_surname(text[index]) and in_name_position(text, index)):
                stray.add(index)
    return stray


def find_founder_damage(page: str) -> dict[int, str]:
    """Return {page index: punctuation mark} for each damaged mark: pairs first, then single marks."""
    marks = founder_marks()
    joined = JoinedPage.of(page)
    text = list(joined.text)
    found: dict[int, str] = {}
    stray = stray_characters(joined.text)
    for (damaged_open, damaged_close), (mark_open, mark_close) in marks.pairs.items():
        # A damaged opening mark, up to FOUNDER_PAIR_MAX_CONTENT other characters, its damaged closing mark.
        pair = re.compile(f"{damaged_open}[^{damaged_open}{damaged_close}]{{1,{FOUNDER_PAIR_MAX_CONTENT}}}?{damaged_close}")
        for match in pair.finditer(joined.text):
            first, last = match.start(), match.end() - 1
            if first in stray and last in stray:
                text[first], text[last] = mark_open, mark_close
                found[joined.origin[first]], found[joined.origin[last]] = mark_open, mark_close
    # The repaired pairs segment the rest of the text better: segment again before the single marks.
    repaired = "".join(text)
    stray = stray_characters(repaired)
    for index, char in enumerate(repaired):
        if char in marks.singles and index in stray:
            found[joined.origin[index]] = marks.singles[char]
    return found


def shows_pattern(found: dict[int, str]) -> bool:
    """Tell whether damage found shows the Founder pattern: at least FOUNDER_MIN_DISTINCT_MARKS distinct marks."""
    return len(set(found.values())) >= FOUNDER_MIN_DISTINCT_MARKS


def shows_founder_damage(page: str) -> bool:
    """Tell whether the page shows the Founder pattern."""
    return shows_pattern(find_founder_damage(page))


def apply_repairs(page: str, found: dict[int, str]) -> tuple[str, int]:
    """Put each found mark in its place on the page."""
    chars = list(page)
    for index, mark in found.items():
        chars[index] = mark
    return "".join(chars), len(found)


def undo_founder_damage(page: str) -> tuple[str, int]:
    """Replace every damaged mark found on the page by its punctuation, whether or not the page shows the pattern."""
    return apply_repairs(page, find_founder_damage(page))


def founder_punctuation(page: str) -> tuple[str, int]:
    """Undo Founder-font punctuation damage (尧袁遥院渊冤野冶姻 → 、，。：（）“”■), only on pages that show it."""
    if founder_marks().forms.isdisjoint(page):
        return page, 0
    found = find_founder_damage(page)
    return apply_repairs(page, found) if shows_pattern(found) else (page, 0)


# A hanzi fills its em square; a punctuation mark's ink is a small part of it. A damaged form whose
# glyph is narrower or lower than this share of the font's usual hanzi ink is the mark it stands for.
FOUNDER_INK_SHARE = 0.9


def founder_mark_by_ink(form: str, ink: tuple[float, float], usual: tuple[float, float]) -> str:
    """The mark a damaged form (袁) drawn in a Founder font stands for, told by its glyph's ink; "" for a real hanzi.

    `ink` is the glyph's width and height in em, `usual` the median of the font's hanzi. A PDF still
    draws the comma where the text layer says 袁: the ink of a comma is a dot, that of 袁 a full square.
    The ink also tells the marks a text page cannot (founder_punctuation_by_ink.txt: — drawn as 要).
    """
    mark = ""
    for marks in (founder_marks(), founder_marks("founder_punctuation_by_ink.txt")):
        mark = marks.singles.get(form) or next(
            (pair[side] for damaged, pair in marks.pairs.items() for side in (0, 1) if damaged[side] == form), "")
        if mark:
            break
    if not mark:
        return ""
    if ink[0] < FOUNDER_INK_SHARE * usual[0] or ink[1] < FOUNDER_INK_SHARE * usual[1]:
        return mark
    return ""


# ---------------------------------------------------------------- middle dots


@functools.cache
def middle_dot_pattern() -> re.Pattern:
    """Compile the pattern of a look-alike middle dot (tools/data/middle_dot_lookalikes.txt) between two hanzi."""
    lookalikes = "".join(re.escape(char) for char in load_table("middle_dot_lookalikes.txt"))
    # A look-alike dot with a hanzi right before and right after it.
    return re.compile(f"(?<=[{HANZI}])[{lookalikes}](?=[{HANZI}])")


def middle_dots(page: str) -> tuple[str, int]:
    """Turn look-alike middle dots between hanzi (古丽阿依姆・麦提热依姆) into · (U+00B7)."""
    return middle_dot_pattern().subn("\u00b7", page)


# ---------------------------------------------------------------- straight quotes


def pair_quotes(page: str, is_quote: Callable[[str, int], bool], opening: str, closing: str) -> tuple[str, int]:
    """Turn the quotes is_quote picks into opening and closing marks, alternately, paragraph by paragraph.

    A quotation may run across line breaks and even across a blank line (a column break): a quote
    left open at a paragraph's end stays open into the next paragraph that holds an odd number of
    quotes (it holds the closing one). If the next paragraph with quotes holds an even number, the
    open quote was a stray and the count starts again.
    """
    chars = list(page)
    is_open, offset, changed = False, 0, 0
    for paragraph in PARAGRAPH_BREAK.split(page):
        quotes = [offset + i for i in range(len(paragraph)) if is_quote(page, offset + i)]
        offset += len(paragraph)
        if not quotes:
            continue
        if is_open and len(quotes) % 2 == 0:
            is_open = False
        for index in quotes:
            chars[index] = closing if is_open else opening
            is_open = not is_open
            changed += 1
    return "".join(chars), changed


def is_straight_double_quote(page: str, index: int) -> bool:
    """Tell whether page[index] is a straight double quote."""
    return page[index] == '"'


def is_chinese_single_quote(page: str, index: int) -> bool:
    """Tell whether page[index] is a straight single quote touching Chinese text (所谓'亲', not ENTREPRENEURS')."""
    if page[index] != "'":
        return False
    before = page[index - 1] if index > 0 else ""
    after = page[index + 1] if index + 1 < len(page) else ""
    return bool(CHINESE_CHAR.fullmatch(before) or CHINESE_CHAR.fullmatch(after))


def paired_double_quotes(page: str) -> tuple[str, int]:
    """Pair straight double quotes into “ and ”."""
    return pair_quotes(page, is_straight_double_quote, "\u201c", "\u201d")


def paired_single_quotes(page: str) -> tuple[str, int]:
    """Pair straight single quotes in Chinese context into ‘ and ’."""
    return pair_quotes(page, is_chinese_single_quote, "\u2018", "\u2019")


# ---------------------------------------------------------------- full-width punctuation


@functools.cache
def full_width_forms() -> dict[str, str]:
    """Return the half-width → full-width map of tools/data/full_width_punctuation.txt."""
    return dict(line.split() for line in load_table("full_width_punctuation.txt"))


def neighbour(page: str, index: int, step: int) -> str:
    """Return the nearest character before (step -1) or after (step +1) index that is not whitespace, or ""."""
    index += step
    while 0 <= index < len(page) and page[index].isspace():
        index += step
    return page[index] if 0 <= index < len(page) else ""


def next_to_chinese(page: str, index: int) -> bool:
    """Tell whether the nearest non-space character on either side of index is Chinese."""
    return any(CHINESE_CHAR.fullmatch(neighbour(page, index, step)) for step in (-1, 1))


def inside_latin(page: str, index: int) -> bool:
    """Tell whether index sits between two ASCII letters or digits (3,000 · 10:30 · a;b)."""
    return (0 < index < len(page) - 1 and bool(LATIN_CHAR.fullmatch(page[index - 1]))
            and bool(LATIN_CHAR.fullmatch(page[index + 1])))


def matched_parentheses(page: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Return the matched half-width ( ) pairs of the page (nesting allowed) and the unmatched ones."""
    pairs, openings, unmatched = [], [], []
    for index, char in enumerate(page):
        if char == "(":
            openings.append(index)
        elif char == ")":
            if openings:
                pairs.append((openings.pop(), index))
            else:
                unmatched.append(index)
    return pairs, unmatched + openings


def full_width_punctuation(page: str) -> tuple[str, int]:
    """Use full-width , ; : ? ! ( ) next to Chinese text; leave them in Latin and number context.

    A mark made full-width is Chinese context for its neighbours (好?! → 好？！), so the rule runs
    until nothing changes: repairing a repaired page changes nothing.
    """
    total = 0
    while True:
        page, changed = full_width_punctuation_once(page)
        if not changed:
            return page, total
        total += changed


def full_width_punctuation_once(page: str) -> tuple[str, int]:
    """One pass of full_width_punctuation, judging each mark by its neighbours as they were before the pass."""
    forms = full_width_forms()
    chars = list(page)
    changed = 0
    pairs, unmatched = matched_parentheses(page)
    for start, end in pairs:
        # A pair converts when it encloses a hanzi: (作者单位:…) yes, (a+b) and (2025) no.
        if HANZI_RE.search(page, start + 1, end):
            chars[start], chars[end] = forms["("], forms[")"]
            changed += 2
    for index in unmatched:
        if next_to_chinese(page, index):
            chars[index] = forms[page[index]]
            changed += 1
    for index, char in enumerate(page):
        if char in forms and char not in "()" and next_to_chinese(page, index) and not inside_latin(page, index):
            chars[index] = forms[char]
            changed += 1
    return "".join(chars), changed


# ---------------------------------------------------------------- control characters

# A character no text shows and XML forbids or discourages: C0 controls but tab and line feed
# (vertical tab, form feed, bell, escape …), DEL, C1 controls (U+0085 NEL …), the line and
# paragraph separators U+2028/U+2029 (str.splitlines would count them as line ends), and the
# noncharacters U+FFFE/U+FFFF. An EPUB holding one is not well-formed XML.
CONTROL_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def control_characters(page: str) -> tuple[str, int]:
    """Turn each control character into a space (one for one, so lines keep their numbers); unwrap then drops it between hanzi."""
    return CONTROL_CHAR.subn(" ", page)


# ---------------------------------------------------------------- the rules in order

RULES: list[tuple[str, Callable[[str], tuple[str, int]]]] = [
    ("control-characters", control_characters),  # first: a control character is no part of any word or mark
    ("founder-punctuation", founder_punctuation),  # it needs the page as extracted
    ("middle-dot", middle_dots),
    ("paired-quotes", paired_double_quotes),
    ("paired-single-quotes", paired_single_quotes),  # after “ ”: they are part of its Chinese context
    ("full-width-punctuation", full_width_punctuation),  # last: “ ” and ‘ ’ count as Chinese context
]


def repair(text: str) -> tuple[str, collections.Counter]:
    """Apply every rule of RULES in order, again until none changes anything (so repair(repair(x)) == repair(x)).

    A rule's repair can give another rule the context it needs (':· → '：· makes the quote Chinese:
    ‘：·). Every rule only turns a character into its repaired form, never back, so this ends.
    Return the repaired page and the number of changes of each kind.
    """
    counts: collections.Counter = collections.Counter()
    while True:
        changed_any = False
        for kind, rule in RULES:
            text, changed = rule(text)
            if changed:
                counts[kind] += changed
                changed_any = True
        if not changed_any:
            return text, counts
