"""Reads a PDF page's layout: characters into lines, lines into columns and article regions, in reading order.

From the geometry alone, as a compositor would see the page:
1. characters on one baseline with no gap wider than a space make a *segment* (a column's line,
   or part of a title);
2. the page is cut recursively at the white space between segments (an X–Y cut): first at
   horizontal rules across the block, then at vertical rules, then at wide horizontal gaps, then
   at the gutters between columns, then at any horizontal gap. The order of the pieces is the
   reading order: article regions first (a title across its columns sits above them; a title
   beside its body heads the first column), then column by column inside each region;
3. each piece (a column's stretch) gives lines, each carrying its box, its size and weight, the
   column it sits in (for first-line indents and short last lines), and its *zone*: the masthead
   and foot of the page, a picture's caption, or a column label printed in a box.
Pictures (images, or drawn art with no text in it) are obstacles to the cut and are listed.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..textclass import HANZI_RE
from .readers.pdf import Char, Graphic, PdfPage
from .repair import founder_mark_by_ink

# Characters on one row are one segment unless a gap wider than this share of their size parts them.
SEGMENT_GAP = 0.45
# A title's words may be set apart by a full-width space: large type keeps together up to this gap.
TITLE_GAP = 2.2
# Type at least this much larger than the body is display type (titles, kickers).
DISPLAY = 1.25
# Type at least this much larger than the body, but not display type: a kicker set small.
RAISED = 1.1
# A line is centred in its column when its margins differ by less than this many ems and both
# are wider than CENTRED_MARGIN ems.
CENTRED_SLACK = 1.5
CENTRED_MARGIN = 2.0
# A gutter between columns is at least this share of the body size wide.
GUTTER = 0.3
# A horizontal gap this many body line pitches tall parts article regions even without a rule.
WIDE_GAP = 1.8
# A rule is a graphic thinner than this (points) and longer than RULE_LENGTH.
RULE_THICKNESS = 2.5
RULE_LENGTH = 24.0
# A rule separates the block it crosses when it runs along this share of the block.
RULE_SPAN = 0.6
# A graphic covering this share of the page is its background, not a picture.
BACKGROUND = 0.6
# A picture is at least this large (points) each way.
PICTURE_MIN = 18.0
# The masthead lies above a full-width rule in this top share of the page; the foot below one in
# the bottom share. Without rules, these narrower bands are used.
HEAD_BAND, FOOT_BAND = 0.2, 0.12
HEAD_BAND_BARE, FOOT_BAND_BARE = 0.07, 0.04
# A left edge where at least this many lines of body type begin is a column's.
COLUMN_START_LINES = 5
# A column label's box holds at most this many characters.
LABEL_MAX = 10


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def contains(self, other: "Box", slack: float = 1.0) -> bool:
        return (self.x0 - slack <= other.x0 and other.x1 <= self.x1 + slack
                and self.top - slack <= other.top and other.bottom <= self.bottom + slack)

    def overlap_x(self, other: "Box") -> float:
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def rounded(self) -> list[float]:
        return [round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1)]


def union(boxes) -> Box:
    boxes = list(boxes)
    return Box(min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.x1 for b in boxes),
               max(b.bottom for b in boxes))


@dataclass
class Segment:
    """Characters on one baseline with no gap wider than a space between them."""

    chars: list[Char]
    box: Box = field(init=False)

    def __post_init__(self) -> None:
        # across, from the first character's advance to the last one's ink: a closing mark that
        # overhangs the column's edge (it may not begin a line) must not bridge the gutter
        self.box = Box(self.chars[0].x0, min(c.top for c in self.chars), right_edge(self.chars[-1]),
                       max(c.bottom for c in self.chars))

    @property
    def size(self) -> float:
        return statistics.median(c.size for c in self.chars)


@dataclass
class Picture:
    """A picture on the page: an image or drawn art with no text inside."""

    box: Box


@dataclass
class LineBox:
    """Where a line of a PDF page is printed and how: the geometry the page model carries."""

    pdf_page: int
    box: Box
    size: float              # the line's type size in points
    body: float              # the page's body size
    pitch: float             # the page's body line pitch (baseline to baseline)
    bold: bool               # the whole line is bold
    bold_lead: str           # a bold run opening a line that goes on in regular type
    font: str
    column: tuple[float, float]  # the left and right edges of the column the line is set in
    piece: int               # the piece of the page (a column's stretch) the line belongs to
    zone: str = ""           # "" | head | foot | caption | label

    @property
    def display(self) -> bool:
        """Set in display type: larger than the body (titles, kickers, subtitles)."""
        return self.size >= DISPLAY * self.body

    @property
    def raised(self) -> bool:
        """Set a little larger than the body (a kicker), or in display type."""
        return self.size >= RAISED * self.body

    @property
    def centred(self) -> bool:
        """Centred in its column, with a wide margin on both sides."""
        return (min(self.indent, self.short) > CENTRED_MARGIN * self.size
                and abs(self.indent - self.short) < CENTRED_SLACK * self.size)

    @property
    def indent(self) -> float:
        return self.box.x0 - self.column[0]

    @property
    def short(self) -> float:
        return self.column[1] - self.box.x1


@dataclass
class PlacedLine:
    text: str
    geometry: LineBox


@dataclass
class PageLayout:
    """A page read in reading order: its lines, and the pictures left out."""

    lines: list[PlacedLine] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    founder_marks: int = 0   # punctuation a Founder font's text layer wrote as hanzi, told by the ink


# -------------------------------------------------------------------------------- characters → segments


def rows(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into rows: vertical centres within a third of their size of each other, and
    type of about one size (a title's row is one row even where body text of another column sits
    at nearly the same height)."""
    ordered = sorted(chars, key=lambda c: ((c.top + c.bottom) / 2, c.x0))
    result: list[list[Char]] = []
    open_rows: list[tuple[float, list[Char]]] = []   # (centre of the row's first character, row)
    for char in ordered:
        middle = (char.top + char.bottom) / 2
        open_rows = [(centre, row) for centre, row in open_rows if middle - centre <= 0.33 * row[0].size]
        fits = [(abs(middle - centre), row) for centre, row in open_rows
                if abs(middle - centre) <= 0.33 * min(char.size, row[0].size)
                and abs(char.size - row[0].size) <= 0.2 * char.size]
        if fits:
            min(fits, key=lambda fit: fit[0])[1].append(char)
        else:
            result.append([char])
            open_rows.append((middle, result[-1]))
    return result


def right_edge(char: Char) -> float:
    """Where a character's ink ends (its advance for a blank glyph)."""
    return char.ink[2] if char.ink_width > 0 else char.x1


def cut_rows(chars: list[Char], body: float, starts: frozenset[float] = frozenset()) -> list[Segment]:
    """Rows cut into segments at gaps wider than a space, and before a column's left edge (`starts`)."""
    found: list[Segment] = []
    for row in rows(chars):
        row.sort(key=lambda c: c.x0)
        run = [row[0]]
        for char in row[1:]:
            gap = char.x0 - run[-1].x1
            size = min(char.size, run[-1].size)
            limit = TITLE_GAP if size >= DISPLAY * body else SEGMENT_GAP
            at_column = (round(char.x0 * 2) / 2 in starts and char.x0 - right_edge(run[-1]) > GUTTER * body
                         and size < DISPLAY * body)
            if gap > limit * size or gap < -0.5 * size or at_column:
                found.append(Segment(run))
                run = [char]
            else:
                run.append(char)
        found.append(Segment(run))
    return found


def segments(chars: list[Char], body: float) -> list[Segment]:
    """The page's characters cut into segments: at gaps wider than a space, and at the left edges of
    columns (where many lines begin), which a mark overhanging the column before may hide."""
    first = cut_rows(chars, body)
    starts = Counter(round(s.chars[0].x0 * 2) / 2 for s in first if abs(s.size - body) < 0.5)
    columns = frozenset(x + d for x, n in starts.items() if n >= COLUMN_START_LINES for d in (-0.5, 0, 0.5))
    return cut_rows(chars, body, columns)


def body_size(chars: list[Char]) -> float:
    """The page's body size: the size most of its hanzi are set in."""
    sizes = Counter(round(c.size * 2) / 2 for c in chars if HANZI_RE.match(c.text))
    if not sizes:
        sizes = Counter(round(c.size * 2) / 2 for c in chars)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def line_pitch(segments_: list[Segment], body: float) -> float:
    """Baseline-to-baseline distance of the body text (median of consecutive rows in one column)."""
    bottoms = sorted((round(s.box.x0), s.box.bottom) for s in segments_ if abs(s.size - body) < 0.3)
    steps = [b2 - b1 for (x1, b1), (x2, b2) in zip(bottoms, bottoms[1:])
             if x1 == x2 and 0.9 * body < b2 - b1 < 2.5 * body]
    return statistics.median(steps) if steps else 1.4 * body


# -------------------------------------------------------------------------------- graphics


@dataclass
class Graphics:
    """A page's graphics sorted by what they do: rules, label boxes, pictures."""

    horizontal: list[Box] = field(default_factory=list)
    vertical: list[Box] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def sort_graphics(page: PdfPage, segments_: list[Segment]) -> Graphics:
    result = Graphics()
    candidates: list[tuple[Box, Graphic]] = []
    for g in page.graphics:
        box = Box(g.x0, g.top, g.x1, g.bottom)
        if box.width * box.height >= BACKGROUND * page.width * page.height:
            continue
        if box.height <= RULE_THICKNESS and box.width >= RULE_LENGTH:
            result.horizontal.append(box)
        elif box.width <= RULE_THICKNESS and box.height >= RULE_LENGTH:
            result.vertical.append(box)
        elif box.width >= 4 and box.height >= 4:
            candidates.append((box, g))
    for box, graphic in candidates:
        inside = [s for s in segments_ if box.contains(s.box, slack=1.5)]
        if inside:
            if sum(len(s.chars) for s in inside) <= LABEL_MAX and box.height < 4 * max(s.size for s in inside):
                result.boxes.append(box)
            continue
        if box.width >= PICTURE_MIN and box.height >= PICTURE_MIN and not any(
                s.box.overlap_x(box) > 0 and s.box.top < box.bottom and s.box.bottom > box.top for s in segments_):
            result.pictures.append(Picture(box))
    result.pictures = merge_pictures(result.pictures)
    return result


def merge_pictures(pictures: list[Picture]) -> list[Picture]:
    """Drawn art comes in many paths: those that touch or overlap make one picture."""
    merged: list[Box] = []
    for box in sorted((p.box for p in pictures), key=lambda b: -(b.width * b.height)):
        for index, other in enumerate(merged):
            if box.x0 <= other.x1 + 1 and other.x0 <= box.x1 + 1 and box.top <= other.bottom + 1 \
                    and other.top <= box.bottom + 1:
                merged[index] = union([box, other])
                break
        else:
            merged.append(box)
    return [Picture(box) for box in sorted(merged, key=lambda b: (b.top, b.x0))]


# -------------------------------------------------------------------------------- the X–Y cut


@dataclass
class Piece:
    """A leaf of the cut: segments that stack in one column, and that column's edges."""

    segments: list[Segment]
    column: tuple[float, float]


@dataclass
class Cutter:
    body: float
    pitch: float
    graphics: Graphics
    pieces: list[Piece] = field(default_factory=list)

    def gaps(self, spans: list[tuple[float, float]], minimum: float) -> list[tuple[float, float]]:
        """The free intervals between merged spans, at least `minimum` wide."""
        spans = sorted(spans)
        found, reach = [], spans[0][1]
        for start, end in spans[1:]:
            if start - reach >= minimum:
                found.append((reach, start))
            reach = max(reach, end)
        return found

    def ruled(self, gap: tuple[float, float], rules: list[Box], across: tuple[float, float], horizontal: bool) -> bool:
        """A rule lies in the gap and runs along most of the block."""
        length = across[1] - across[0]
        for rule in rules:
            at = (rule.top + rule.bottom) / 2 if horizontal else (rule.x0 + rule.x1) / 2
            extent = (rule.x0, rule.x1) if horizontal else (rule.top, rule.bottom)
            covered = min(extent[1], across[1]) - max(extent[0], across[0])
            if gap[0] - 1 <= at <= gap[1] + 1 and covered >= RULE_SPAN * length:
                return True
        return False

    def cut(self, items: list, column: tuple[float, float] | None = None) -> None:
        """Cut the block of items (segments and pictures) and append its pieces in reading order."""
        texts = [i for i in items if isinstance(i, Segment)]
        if not texts:
            return
        boxes = [i.box for i in items]
        block = union(boxes)
        column = column or (block.x0, block.x1)
        if len(texts) > 1 and not self.one_line(texts):
            h = self.gaps([(b.top, b.bottom) for b in boxes], 0.5)
            v = self.gaps([(b.x0, b.x1) for b in boxes], GUTTER * self.body)
            order = [
                ("h", [g for g in h if self.ruled(g, self.graphics.horizontal, (block.x0, block.x1), True)]),
                ("h", self.below_header(texts, h)),
                ("v", [g for g in v if self.ruled(g, self.graphics.vertical, (block.top, block.bottom), False)]),
                ("h", [g for g in h if g[1] - g[0] >= WIDE_GAP * self.pitch - 0.8 * self.body]),
                ("v", v),
                ("h", h),
            ]
            for direction, cuts in order:
                if cuts:
                    self.split(items, direction, cuts, column)
                    return
        self.pieces.append(Piece(sorted(texts, key=lambda s: (s.box.top, s.box.x0)), column))

    def below_header(self, texts: list[Segment], h: list[tuple[float, float]]) -> list[tuple[float, float]]:
        """The gap under a heading group that tops the block: a title in display type with what is set
        under it out of body type (kicker, subtitle, byline), stacked over one another. The title
        owns the columns under it, however few of them it spans (a title centred over the middle
        columns of a four-column article must not let the gutter beside it cut the article)."""
        def body_type(segment: Segment) -> bool:
            return abs(segment.size - self.body) <= 0.05 * self.body
        best = None
        for gap in h:
            above = [t for t in texts if t.box.bottom <= gap[0] + 0.01]
            if not above or any(body_type(t) for t in above):
                break
            best = gap
        if best is None:
            return []
        above = [t for t in texts if t.box.bottom <= best[0] + 0.01]
        below = [t for t in texts if t.box.top >= best[1] - 0.01]
        title = max(above, key=lambda t: (t.size, t.box.width))
        if (title.size < DISPLAY * self.body or not any(body_type(t) for t in below)
                or any(t.box.overlap_x(title.box) <= 0 for t in above)):
            return []
        return [best]

    def one_line(self, texts: list[Segment]) -> bool:
        """Segments of one row not in body type (a byline of two names, a running head) make one line."""
        top, bottom = max(t.box.top for t in texts), min(t.box.bottom for t in texts)
        return bottom - top > 0.5 * min(t.box.height for t in texts) and any(
            abs(t.size - self.body) > 0.05 * self.body for t in texts)

    def split(self, items: list, direction: str, cuts: list[tuple[float, float]], column) -> None:
        edges = [(a + b) / 2 for a, b in cuts]
        parts: list[list] = [[] for _ in range(len(edges) + 1)]
        for item in items:
            middle = (item.box.top + item.box.bottom) / 2 if direction == "h" else (item.box.x0 + item.box.x1) / 2
            parts[sum(1 for edge in edges if middle > edge)].append(item)
        for part in parts:
            if part:
                own = union(i.box for i in part if isinstance(i, Segment)) if any(
                    isinstance(i, Segment) for i in part) else None
                self.cut(part, (own.x0, own.x1) if direction == "v" and own else column)


# -------------------------------------------------------------------------------- pieces → lines


def line_text(chars: list[Char]) -> str:
    """The text of a line: its characters in order, a space kept only between Latin words."""
    out = []
    for previous, char in zip([None, *chars], chars):
        if previous is not None:
            gap = char.x0 - previous.x1
            if gap > 0.15 * char.size and previous.text.isascii() and char.text.isascii() \
                    and previous.text.isalnum() and char.text.isalnum():
                out.append(" ")
            elif gap > 0.8 * char.size and not (previous.text.isascii() and char.text.isascii()):
                out.append("\u3000")  # type set apart by a full-width space (a title's two halves)
        out.append(char.text)
    return "".join(out)


def bold_lead(chars: list[Char]) -> str:
    """The bold run that opens a line going on in regular type ("" when the line is all one weight)."""
    count = 0
    for char in chars:
        if not char.bold:
            break
        count += 1
    if 0 < count < len(chars):
        return "".join(c.text for c in chars[:count])
    return ""


def piece_lines(piece: Piece, index: int, page: PdfPage, body: float, pitch: float) -> list[PlacedLine]:
    placed = []
    for row in rows([c for s in piece.segments for c in s.chars]):
        row.sort(key=lambda c: c.x0)
        box = union(Box(c.x0, c.top, c.x1, c.bottom) for c in row)
        sizes = Counter(c.size for c in row)
        fonts = Counter(c.font for c in row)
        bold = sum(c.bold for c in row) >= 0.8 * len(row)
        geometry = LineBox(page.number, box, sizes.most_common(1)[0][0], body, pitch, bold,
                           "" if bold else bold_lead(row), fonts.most_common(1)[0][0], piece.column, index)
        placed.append(PlacedLine(line_text(row), geometry))
    return placed


def mark_zones(lines: list[PlacedLine], page: PdfPage, graphics: Graphics) -> None:
    """Masthead and foot of the page, captions under or over pictures, labels in boxes."""
    full = [r for r in graphics.horizontal if r.width >= RULE_SPAN * page.width]
    heads = [r.bottom for r in full if r.bottom <= HEAD_BAND * page.height]
    feet = [r.top for r in full if r.top >= (1 - FOOT_BAND) * page.height]
    head_edge = max(heads) if heads else HEAD_BAND_BARE * page.height
    foot_edge = min(feet) if feet else (1 - FOOT_BAND_BARE) * page.height
    for line in lines:
        g = line.geometry
        if g.box.bottom <= head_edge + 0.5:
            g.zone = "head"
        elif g.box.top >= foot_edge - 0.5:
            g.zone = "foot"
        elif any(box.contains(g.box, slack=1.5) for box in graphics.boxes):
            g.zone = "label"
        elif is_caption(g, graphics.pictures):
            g.zone = "caption"


def is_caption(g: LineBox, pictures: list[Picture]) -> bool:
    """A line in type smaller than the body, right under or over a picture and within its width."""
    if g.size >= 0.97 * g.body:
        return False
    for picture in pictures:
        near = (0 <= g.box.top - picture.box.bottom <= 2 * g.pitch) or (0 <= picture.box.top - g.box.bottom <= 2 * g.pitch)
        if near and g.box.overlap_x(picture.box) >= 0.5 * g.box.width:
            return True
    return False


def undo_founder_ink(chars: list[Char]) -> tuple[list[Char], int]:
    """Characters of Founder fonts whose text layer says 袁 where the ink is a comma get their mark back."""
    usual: dict[str, tuple[float, float]] = {}
    for font in {c.font for c in chars if c.founder}:
        hanzi = [c for c in chars if c.font == font and HANZI_RE.match(c.text) and c.size > 0]
        if hanzi:
            usual[font] = (statistics.median(c.ink_width / c.size for c in hanzi),
                           statistics.median(c.ink_height / c.size for c in hanzi))
    repaired, count = [], 0
    for char in chars:
        mark = ""
        if char.font in usual and char.size > 0:
            mark = founder_mark_by_ink(char.text, (char.ink_width / char.size, char.ink_height / char.size),
                                       usual[char.font])
        if mark:
            char, count = dataclasses.replace(char, text=mark), count + 1
        repaired.append(char)
    return repaired, count


def lay_out(page: PdfPage) -> PageLayout:
    """Read one page: its lines in reading order with their geometry, and its pictures."""
    chars, founder = undo_founder_ink([c for c in page.chars if c.text.strip()])
    body = body_size(chars)
    found = segments(chars, body)
    pitch = line_pitch(found, body)
    graphics = sort_graphics(page, found)
    cutter = Cutter(body, pitch, graphics)
    cutter.cut([*found, *graphics.pictures])
    layout = PageLayout(pictures=graphics.pictures, founder_marks=founder)
    for index, piece in enumerate(cutter.pieces):
        layout.lines += piece_lines(piece, index, page, body, pitch)
    mark_zones(layout.lines, page, graphics)
    return layout
