"""Reads the structure hints a PDF-to-Markdown extraction left on a page (#, **) and strips them."""

import re

from .model import Line

# A Markdown heading marker: one to six # and a space at the start of a line.
HEADING = re.compile(r"^(#{1,6})\s+")
# A line that is one bold run, possibly followed by the two-space hard break.
WHOLE_BOLD = re.compile(r"^\*\*(.+?)\*\*\s*$")
# A bold run that opens a line and is followed by more text: a bold lead sentence.
BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*(?=\S)")
# Any other bold marker pair inside a line.
INNER_BOLD = re.compile(r"\*\*(.+?)\*\*")


def page_has_markup(text: str) -> bool:
    """True when the page came from an extractor that writes Markdown (headings or bold runs)."""
    lines = text.splitlines()
    marked = sum(1 for line in lines if HEADING.match(line) or line.startswith("**"))
    return marked >= 2


def read_line(number: int, raw: str, markup: bool) -> tuple[Line, int]:
    """Turn a raw line into a Line, stripping extraction markup; also return how many characters went."""
    text = raw.rstrip()
    if not markup:
        return Line(number, text), 0
    before = len(text.replace(" ", ""))
    level = 0
    match = HEADING.match(text)
    if match:
        level = len(match.group(1))
        text = text[match.end():]
    bold = False
    lead = ""
    match = WHOLE_BOLD.match(text)
    if match:
        bold, text = True, match.group(1)
    else:
        match = BOLD_LEAD.match(text)
        if match:
            lead = match.group(1)
            text = lead + text[match.end():]
    text = INNER_BOLD.sub(r"\1", text)
    removed = before - len(text.replace(" ", ""))
    return Line(number, text, level=level, bold=bold, bold_lead=lead), removed
