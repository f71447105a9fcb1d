"""Splits a page's blocks into articles: titles, kickers, bylines, bodies and end notes, re-attached and de-duplicated."""

import difflib
import re
from dataclasses import dataclass, field

from .. import segmenter
from . import forms
from .editorial import Decision, Editorial
from .model import Block, Draft
from ..textclass import HANZI, visible

# A passage at least this long that was printed earlier on the page is a duplicate.
DUPLICATE_MIN = 30
# Numbering that opens a paragraph or heading, ignored when comparing passages printed twice.
LEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")
UNTITLED = "〔无题〕"
# A title followed by its column label in brackets: 有效纠治执法司法中个别趋利性行为（有的放矢）.
TITLE_COLUMN = re.compile(rf"^(?P<title>.{{4,}}?)\s*[（(](?P<column>[{HANZI}]{{2,8}})[）)]$")
# A column label printed above a title without brackets: a short name, no punctuation.
SHORT_LABEL = re.compile(rf"^[{HANZI}]{{2,6}}$")
CLAUSE_END = "，。；：、！？"


@dataclass
class Removal:
    """Text of the page that is not in any article, and why."""

    text: str
    lines: list[int]
    bucket: str      # duplicate | unplaced | markup
    reason: str


@dataclass
class Segmentation:
    articles: list[Draft] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def normal(text: str) -> str:
    """Text as compared across the page: no spaces, no markers."""
    return re.sub(r"[\s■]", "", text)


def same_title(a: str, b: str) -> bool:
    return bool(a) and normal(a) == normal(b)


def find_passage(blocks: list[Block], start: str, end: str | None) -> tuple[int, int] | None:
    """Indexes (first, last) of the blocks from the one opening with `start` to the one ending with `end`."""
    start, end = normal(start), normal(end) if end else None
    for first, block in enumerate(blocks):
        if normal(block.text).startswith(start):
            if end is None:
                return first, first
            for last in range(first, len(blocks)):
                if normal(blocks[last].text).endswith(end):
                    return first, last
            return None
    return None


class Segmenter:
    """Runs the segmentation of one page, recording every decision it applies."""

    def __init__(self, blocks: list[Block], editorial: Editorial):
        self.blocks = list(blocks)
        self.editorial = editorial
        self.result = Segmentation()
        self.moved: list[tuple[Decision, list[Block]]] = []
        self.fragments: list[tuple[Decision, Block]] = []

    # -- editorial decisions taken before the automatic rules --------------------------------
    def detach(self) -> None:
        for decision in self.editorial.of("break"):
            if decision.get("new_article"):
                anchor = normal(decision["after"])
                index = next((i for i, b in enumerate(self.blocks) if normal(b.text).endswith(anchor)), None)
                if index is None or index + 1 >= len(self.blocks):
                    raise self.editorial.fail(decision, f"no paragraph of the page ends with “{decision['after']}”")
                self.blocks[index + 1].opens_article = True
        for decision in self.editorial.of("drop") + self.editorial.of("move"):
            span = find_passage(self.blocks, decision["from"], decision.get("to"))
            if span is None:
                raise self.editorial.fail(decision, f"no passage of the page opens with “{decision['from']}”"
                                          + (f" and ends with “{decision['to']}”" if decision.get("to") else ""))
            taken = self.blocks[span[0]: span[1] + 1]
            del self.blocks[span[0]: span[1] + 1]
            decision.applied = True
            if decision.kind == "drop":
                for block in taken:
                    self.result.removed.append(Removal(block.text, block.lines, "duplicate", decision["reason"]))
            else:
                self.moved.append((decision, taken))
        for decision in self.editorial.of("title_fragment"):
            span = find_passage(self.blocks, decision["text"], decision["text"])
            if span is None:
                raise self.editorial.fail(decision, f"no line of the page reads “{decision['text']}”")
            self.fragments.append((decision, self.blocks.pop(span[0])))
            decision.applied = True

    # -- the automatic rules -----------------------------------------------------------------
    def kind_at(self, index: int) -> str:
        return self.blocks[index].kind if 0 <= index < len(self.blocks) else ""

    def kind_past_labels(self, index: int) -> str:
        """The kind of the first block from index on that is not a column label."""
        while self.kind_at(index) == "label":
            index += 1
        return self.kind_at(index)

    def is_title(self, index: int) -> bool:
        """A head that opens an article: above a byline or subtitle, after an article's end, or a top-level heading."""
        block = self.blocks[index]
        if block.kind != "head" or block.numbered:
            return False
        after = self.kind_at(index + 1)
        if after in {"byline", "subtitle"}:
            return True
        if after == "head" and self.kind_past_labels(index + 2) == "byline" and not self.blocks[index + 1].numbered:
            return True
        if block.level == 1 or after == "":
            return True
        before = self.kind_at(index - 1)
        return before in {"", "endnote"} and after in {"para", "head", ""}

    def walk(self) -> list[Draft]:
        drafts: list[Draft] = []
        current: Draft | None = None
        ended = True
        index = 0
        label: Block | None = None
        while index < len(self.blocks):
            block = self.blocks[index]
            if block.kind == "label" and label is None and index + 1 < len(self.blocks) and self.is_title(index + 1):
                label, index = block, index + 1   # a column label printed above its title
                continue
            if self.is_title(index):
                current, index = self.read_heading_group(index)
                if label is not None and not current.column:
                    self.take_column(current, label)
                label = None
                drafts.append(current)
                ended = False
                continue
            if block.kind == "label":
                block = Block("head", block.text, block.lines, geometry=block.geometry)
            if block.kind == "endnote":
                if current is None:
                    current = Draft()
                    drafts.append(current)
                current.notes.append(block)
                ended = True
            else:
                if current is None or ended or block.opens_article:
                    current = Draft()
                    drafts.append(current)
                    ended = False
                current.blocks.append(block)
            index += 1
        return drafts

    def read_heading_group(self, index: int) -> tuple[Draft, int]:
        """Read a title with its kicker, subtitle and byline, starting at index; return it and the next index."""
        title = self.blocks[index]
        kicker = None
        second = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        if (second and second.kind == "head" and not second.numbered
                and self.kind_past_labels(index + 2) in {"byline", "subtitle"}):
            kicker, title = title, second  # a kicker printed above the title
            index += 1
        draft = Draft(title=title.text, title_lines=list(title.lines))
        if kicker:
            draft.kicker, draft.title_lines = kicker.text, kicker.lines + draft.title_lines
        index += 1
        while index < len(self.blocks):
            block = self.blocks[index]
            if block.kind == "subtitle" and not draft.subtitle:
                draft.subtitle = block.text
                draft.title_lines += block.lines
            elif block.kind == "byline" and not draft.authors:
                draft.authors = forms.byline_names(block.text)
                draft.byline_lines = list(block.lines)
                marker = block.text[0] if block.text[0] in forms.BYLINE_MARKERS else ""
                if marker:
                    self.result.removed.append(Removal(marker, block.lines, "markup", "byline marker"))
            elif block.kind == "label" and not draft.column:
                self.take_column(draft, block)
            elif (block.kind == "head" and not block.numbered and not draft.kicker and not draft.authors
                  and self.kind_at(index + 1) in {"para", "byline"} and block.level == title.level):
                draft.kicker = block.text
                draft.title_lines += block.lines
            else:
                break
            index += 1
        self.read_column(draft)
        return draft, index

    def take_column(self, draft: Draft, label: Block) -> None:
        """A column label block names the article's column; its brackets are the page's markup."""
        name = label.text.strip().strip("（）()")
        draft.column = name
        draft.title_lines += label.lines
        brackets = "".join(c for c in label.text if c in "（）()")
        if brackets:
            self.result.removed.append(Removal(brackets, label.lines, "markup", "brackets of a column label"))

    def read_column(self, draft: Draft) -> None:
        """A title ending in （栏目名） carries its column label; a short bracketless kicker is one."""
        match = TITLE_COLUMN.match(draft.title)
        if match and not draft.column:
            draft.title, draft.column = match["title"], match["column"]
            self.result.removed.append(Removal("（）", draft.title_lines[-1:], "markup", "brackets of a column label"))
        if draft.kicker and not draft.column and SHORT_LABEL.match(draft.kicker):
            draft.column, draft.kicker = draft.kicker, ""
    def merge_continuations(self, drafts: list[Draft]) -> list[Draft]:
        """An article continued under its repeated title (and byline) becomes one article."""
        merged: list[Draft] = []
        for draft in drafts:
            first = next((d for d in merged if draft.title and same_title(d.title, draft.title)), None)
            if first is None:
                merged.append(draft)
                continue
            self.result.removed.append(Removal(draft.title, draft.title_lines, "duplicate",
                                               "title repeated above the continuation of an article"))
            if draft.authors:
                names = "".join(draft.authors)
                self.result.removed.append(Removal(names, draft.byline_lines, "duplicate",
                                                   "byline repeated above the continuation of an article"))
            first.blocks += draft.blocks
            first.notes += draft.notes
        return merged

    def attach_orphan_titles(self, drafts: list[Draft]) -> list[Draft]:
        """Titles printed away from their bodies (with nothing under them) go to the headless body they fit best."""
        orphans = [d for d in drafts if d.title and not d.blocks and not d.notes]
        headless = [d for d in drafts if not d.title and d.blocks]
        for orphan in orphans:
            words = {w for w in segmenter.cut(orphan.title) if len(w) >= 2 and re.search(f"[{HANZI}]", w)}
            scored = [(sum(1 for w in words if w in d.text()), -i, d) for i, d in enumerate(headless)]
            scored = [s for s in scored if s[0] > 0]
            if not scored:
                continue
            _, _, body = max(scored, key=lambda s: (s[0], s[1]))
            headless.remove(body)
            body.title, body.title_lines = orphan.title, orphan.title_lines
            body.authors, body.byline_lines = orphan.authors, orphan.byline_lines
            body.kicker, body.subtitle = orphan.kicker, orphan.subtitle
            drafts.remove(orphan)
        return drafts

    def supply_titles(self, drafts: list[Draft]) -> None:
        for decision in self.editorial.of("supply_title"):
            start = normal(decision["body_starts"])
            draft = next((d for d in drafts if not d.title and d.blocks and normal(d.blocks[0].text).startswith(start)), None)
            if draft is None:
                raise self.editorial.fail(decision, f"no untitled article opens with “{decision['body_starts']}”")
            title = decision["title"]
            draft.title = title if title.startswith("〔") else f"〔{title}〕"
            draft.supplied_title = True
            draft.editorial.append(decision.get("note") or f"标题为编者所拟，以〔 〕标出：{decision['reason']}")
            decision.applied = True

    def name_untitled(self, drafts: list[Draft]) -> list[Draft]:
        kept = []
        for draft in drafts:
            if draft.title and not draft.blocks and not draft.notes:
                self.result.removed.append(Removal(draft.title + "".join(draft.authors), draft.title_lines + draft.byline_lines,
                                                   "unplaced", "a title with no body on the page"))
                self.result.warnings.append(f"lines {draft.title_lines[0]}: title “{draft.title}” has no body on this page")
                continue
            if not draft.title:
                draft.title = UNTITLED
                draft.supplied_title = True
                lines = draft.lines()
                draft.editorial.append("原版面此处文字未见标题。")
                self.result.warnings.append(
                    f"lines {lines[0]}-{lines[-1]}: text with no title (opens “{draft.blocks[0].text[:12]}…” if any); "
                    "supply a title or move it in the page's editorial file")
            kept.append(draft)
        return kept

    def article(self, name: str, decision: Decision) -> Draft:
        for draft in self.result.articles:
            if same_title(draft.title, name) or same_title(draft.title.strip("〔〕"), name.strip("〔〕")):
                return draft
        raise self.editorial.fail(decision, f"no article of the page is titled “{name}”")

    def place_moved(self) -> None:
        for decision, taken in self.moved:
            draft = self.article(decision["to_article"], decision)
            draft.notes += [b for b in taken if b.kind == "endnote"]
            blocks = [b for b in taken if b.kind != "endnote"]
            anchor = decision.get("after")
            if decision.get("position") == "start":
                draft.blocks[0:0] = blocks
            elif anchor:
                position = next((i for i, b in enumerate(draft.blocks) if normal(b.text).endswith(normal(anchor))), None)
                if position is None:
                    raise self.editorial.fail(decision, f"no paragraph of “{draft.title}” ends with “{anchor}”")
                if decision.get("join"):
                    target = draft.blocks[position]
                    target.text += "".join(b.text for b in blocks)
                    target.lines += [n for b in blocks for n in b.lines]
                else:
                    draft.blocks[position + 1: position + 1] = blocks
            else:
                draft.blocks += blocks
        for decision, block in self.fragments:
            self.article(decision["article"], decision).fragments.append(block)

    def drop_duplicates(self) -> None:
        """Keep once what the page printed twice: whole passages, and long runs inside a paragraph."""
        seen: list[str] = []
        for draft in self.result.articles:
            kept = []
            for block in draft.blocks:
                key = LEADING_NUMBER.sub("", normal(block.text))
                if key in seen and len(key) >= 6:
                    self.result.removed.append(Removal(block.text, block.lines, "duplicate", "passage printed twice"))
                    continue
                if block.kind == "para":
                    block = self.cut_repeated_run(block, seen)
                    if block is None:
                        continue
                seen.append(key)
                kept.append(block)
            draft.blocks = kept

    def cut_repeated_run(self, block: Block, seen: list[str]) -> Block | None:
        text = block.text
        piece = DUPLICATE_MIN // 2
        for earlier in seen:
            # any shared run of DUPLICATE_MIN characters holds one of these aligned pieces of the
            # earlier text: a cheap exact test before the quadratic matcher
            if not any(earlier[i: i + piece] in text for i in range(0, len(earlier) - piece + 1, piece)):
                continue
            match = difflib.SequenceMatcher(None, earlier, text, autojunk=False).find_longest_match(
                0, len(earlier), 0, len(text))
            if match.size >= DUPLICATE_MIN:
                start, size = match.b, match.size
                if start > 0 and text[start - 1] not in CLAUSE_END:
                    # the match began inside a clause of this paragraph: keep that clause whole
                    shift = next((i + 1 for i, c in enumerate(text[start: start + 8]) if c in CLAUSE_END), 0)
                    start, size = start + shift, size - shift
                run = text[start: start + size]
                self.result.removed.append(Removal(run, block.lines, "duplicate", "passage printed twice"))
                text = text[:start] + text[start + size:]
        if not visible(text):
            return None
        block.text = text
        return block

    def apply_text_decisions(self) -> None:
        for decision in self.editorial.of("emend"):
            draft = self.article(decision["article"], decision)
            find, replace = decision["find"], decision["replace"]
            if re.sub(r"〔[^〕]*〕", "", replace) != find:
                raise self.editorial.fail(decision, "an emendation may only insert text in 〔 〕: `replace` without "
                                          "its 〔…〕 parts must equal `find`")
            hits = [b for b in draft.blocks if find in b.text]
            if len(hits) != 1 or hits[0].text.count(find) != 1:
                raise self.editorial.fail(decision, f"“{find}” must occur exactly once in “{draft.title}”; found {len(hits)}")
            hits[0].text = hits[0].text.replace(find, replace)
            draft.inserted += visible(replace) - visible(find)
            draft.editorial.append(f"{replace}：〔 〕内文字为编者所补。{decision['reason']}")
            decision.applied = True
        for decision in self.editorial.of("gap"):
            draft = self.article(decision["article"], decision)
            hits = [b for b in draft.blocks if decision["after"] in b.text]
            if len(hits) != 1:
                raise self.editorial.fail(decision, f"“{decision['after']}” must occur exactly once in “{draft.title}”")
            block = hits[0]
            mark = decision.get("mark", "〔……〕")
            head, tail = block.text.split(decision["after"], 1)
            block.text = head + decision["after"] + mark
            draft.inserted += visible(mark)
            index = draft.blocks.index(block)
            if tail:
                draft.blocks.insert(index + 1, Block("para", tail, block.lines[-1:]))
            draft.editorial.append(f"{mark}：{decision['reason']}")
            decision.applied = True
        for decision in self.editorial.of("incomplete"):
            self.article(decision["article"], decision).incomplete = decision["note"]
            decision.applied = True
        for decision in self.editorial.of("note"):
            self.article(decision["article"], decision).editorial.append(decision["text"])
            decision.applied = True

    def run(self) -> Segmentation:
        self.detach()
        drafts = self.walk()
        drafts = self.merge_continuations(drafts)
        drafts = self.attach_orphan_titles(drafts)
        self.supply_titles(drafts)
        self.result.articles = self.name_untitled(drafts)
        self.place_moved()
        self.drop_duplicates()
        self.apply_text_decisions()
        return self.result


def segment(blocks: list[Block], editorial: Editorial) -> Segmentation:
    """Split a page's blocks into articles, applying the page's editorial decisions."""
    return Segmenter(blocks, editorial).run()
