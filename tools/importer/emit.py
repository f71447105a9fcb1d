"""Writes an article as MyST: front matter, the title, then one line per paragraph, with every source character escaped."""

import re

from .. import articles
from .headings import Heading
from .model import Block

# ASCII marks that Markdown, MyST or HTML would read as markup anywhere in a line.
INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>{}|&$~^])")
# Marks that start a block construct when they open a line: headings, quotes, lists, fences, targets, comments.
LINE_START = re.compile(r"^([#>+\-=:%(!]|\d+[.)])")


def escape(text: str) -> str:
    """Escape text so that it is shown exactly as written: nothing in it becomes markup."""
    text = INLINE_SPECIALS.sub(r"\\\1", text)
    match = LINE_START.match(text)
    if match:
        token = match.group(1)
        if token[0].isdigit():
            text = token[:-1] + "\\" + token[-1] + text[len(token):]
        else:
            text = "\\" + text
    return text


def paragraph(block: Block) -> str:
    """A paragraph, with its bold lead sentence (when the page printed one) set in bold."""
    lead = block.bold_lead
    if lead and block.text.startswith(lead) and len(lead) < len(block.text) and not INLINE_SPECIALS.search(lead):
        return "{strong}`" + lead.replace("`", "") + "`" + escape(block.text[len(lead):])
    return escape(block.text)


def body(title: str, blocks: list[Block], headings: dict[int, Heading]) -> str:
    """The MyST body of an article: its H1, then headings with their anchors, and paragraphs."""
    parts = [f"# {escape(title)}"]
    for index, block in enumerate(blocks):
        if index in headings:
            heading = headings[index]
            parts.append(f"({heading.anchor})=\n{'#' * heading.level} {escape(heading.text)}")
        else:
            parts.append(paragraph(block))
    return "\n\n".join(parts) + "\n"


def render(meta: dict, text: str) -> str:
    """The whole article file, stamped with its import digest."""
    return articles.stamp(articles.render(articles.Article(meta=meta, body=text)))
