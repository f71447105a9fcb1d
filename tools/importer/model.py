"""The shapes text takes inside the importer: numbered lines, blocks, and articles being assembled.

A line of a PDF page also carries its geometry (tools/importer/layout.py's LineBox: where it is
printed, in which size and weight, in which column, in which zone of the page); a line of a text
page has none, and the stages read its text alone.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Line:
    """One line of a raw page, with its 1-based number and what extraction markup said of it."""

    number: int
    text: str
    level: int = 0          # markdown heading level the extraction gave it (# = 1), 0 for none
    bold: bool = False      # the whole line was wrapped in ** **
    bold_lead: str = ""     # a bold run that opens the line (a lead sentence)
    geometry: Any = None    # a LineBox when the page was a PDF


@dataclass
class Block:
    """A paragraph-sized piece of a page: a paragraph, a heading, a byline, a note …"""

    kind: str               # para | head | byline | subtitle | endnote | label
    text: str
    lines: list[int]
    level: int = 0          # markdown level hint, for heads
    bold: bool = False      # the whole block was printed bold
    bold_lead: str = ""     # a bold lead sentence at the start of a paragraph
    numbered: str = ""      # the numbering scheme of a head: cn | paren | arabic | ordinal | ""
    opens_article: bool = False  # an editor ruled that a new (headless) article starts here
    geometry: list = field(default_factory=list)  # the LineBoxes of its lines, when the page was a PDF

    def first_line(self) -> int:
        return min(self.lines) if self.lines else 0


@dataclass
class Draft:
    """An article being assembled by the segmenter, before headings and emit."""

    title: str = ""
    title_lines: list[int] = field(default_factory=list)
    supplied_title: bool = False
    kicker: str = ""
    subtitle: str = ""
    column: str = ""                                      # the column label: 有的放矢 of （有的放矢）
    authors: list[str] = field(default_factory=list)
    byline_lines: list[int] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)      # endnotes: affiliation, project …
    editorial: list[str] = field(default_factory=list)
    incomplete: str = ""
    fragments: list[Block] = field(default_factory=list)  # stray source text kept with the article
    theme: str = ""
    inserted: int = 0                                     # characters the editor inserted in 〔 〕

    def lines(self) -> list[int]:
        numbers = set(self.title_lines) | set(self.byline_lines)
        for block in [*self.blocks, *self.notes, *self.fragments]:
            numbers.update(block.lines)
        return sorted(numbers)

    def text(self) -> str:
        return "".join(block.text for block in self.blocks)
