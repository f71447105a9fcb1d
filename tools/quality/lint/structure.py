"""Lint rules of an article file's structure: front-matter keys and types, the H1 that repeats the title."""

import datetime
import re
from collections.abc import Iterator

from ... import articles
from .catalogue import RawFinding
from .document import ESCAPE, HEADING, Document, Project

REQUIRED_SOURCE = ("page", "lines")
SOURCE_KEYS = {"page", "lines", "newspaper", "date", "folio", "section", "pdf_pages", "regions"}
TOP_KEYS = {"title", "subtitle", "kicker", "column", "authors", "affiliation", "author_note", "project_note",
            "reprinted_from", "source", "editorial", "incomplete", "fragments", "theme", articles.DIGEST_KEY}
STRING_KEYS = {"title", "subtitle", "kicker", "column", "affiliation", "author_note", "project_note",
               "reprinted_from", "incomplete", "theme", articles.DIGEST_KEY,
               "source.page", "source.lines", "source.newspaper", "source.section", "source.pdf_pages"}


def _key_line(document: Document, key: str) -> int:
    """The file line of a front-matter key (`source.page` for a nested one); 2 when not found."""
    parent, _, child = key.rpartition(".")
    inside, indent = not parent, r"\s+" if parent else ""
    for number, text in enumerate(document.front_matter, start=2):
        if parent and re.match(rf"{re.escape(parent)}\s*:", text):
            inside = True
        elif inside and re.match(rf"{indent}{re.escape(child)}\s*:", text):
            return number
        elif parent and inside and text[:1].strip():
            inside = False
    return 2


LINES_FORMAT = re.compile(r"^\d+(?:-\d+)?(?:, \d+(?:-\d+)?)*$")
EXAMPLES = {
    "authors": "authors: [肖洁, 韩陆毅]",
    "editorial": "editorial:\\n  - 标题为编者所拟，以〔 〕标出。",
    "source": "source:\\n  page: 000_c579e9d260a4ea39\\n  lines: 34-120, 847-848",
    "source.lines": 'lines: "34-120, 847-848"',
    "source.date": "date: 2025-08-24",
    "source.folio": 'folio: "3"',
    "source.pdf_pages": "pdf_pages: '1-2'",
    "source.regions": "regions:\\n  - [1, 28.3, 164.6, 219.0, 611.0]",
}


def _is_region(value) -> bool:
    """[pdf page, x0, top, x1, bottom]: a page number from 1, then a box in points with x0 < x1 and top < bottom."""
    if not isinstance(value, list) or len(value) != 5 or any(isinstance(v, bool) for v in value):
        return False
    page, *box = value
    return (isinstance(page, int) and page >= 1 and all(isinstance(v, int | float) and v >= 0 for v in box)
            and box[0] < box[2] and box[1] < box[3])


def _is_list_of_strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def front_matter(document: Document, project: Project) -> Iterator[RawFinding]:
    """m-002…m-005: required keys, unknown keys, types, and the theme name."""
    meta = document.meta
    if meta is None:
        return

    def wrong(key: str, expected: str) -> RawFinding:
        example = EXAMPLES.get(key, f"{key.rpartition('.')[2]}: 一段文字")
        return _key_line(document, key), 1, "m-004", {"key": key, "expected": expected, "example": example}

    for key in ("title", "source"):
        if key not in meta:
            yield 2, 1, "m-002", {"key": key}
    for key in meta:
        if key not in TOP_KEYS:
            yield _key_line(document, str(key)), 1, "m-003", {"key": key, "known": ", ".join(sorted(TOP_KEYS))}
    source = meta.get("source")
    if "source" in meta and not isinstance(source, dict):
        yield wrong("source", "a mapping with `page` and `lines`")
        source = {}
    for key in REQUIRED_SOURCE:
        if isinstance(source, dict) and key not in source:
            yield _key_line(document, "source"), 1, "m-002", {"key": f"source.{key}"}
    for key in source or {}:
        if key not in SOURCE_KEYS:
            yield _key_line(document, f"source.{key}"), 1, "m-003", {
                "key": f"source.{key}", "known": ", ".join(sorted(SOURCE_KEYS))}
    values = {**{key: value for key, value in meta.items()},
              **{f"source.{key}": value for key, value in (source or {}).items()}}
    for key in sorted(STRING_KEYS & set(values)):
        if not isinstance(values[key], str) or not values[key].strip():
            yield wrong(key, "a non-empty string")
    for key in ("authors", "editorial"):
        if key in values and not _is_list_of_strings(values[key]):
            yield wrong(key, "a list of strings")
    lines = values.get("source.lines")
    if isinstance(lines, str) and lines.strip():
        ranges = [part.split("-") for part in lines.split(", ")] if LINES_FORMAT.match(lines) else None
        if ranges is None or any(len(pair) == 2 and int(pair[0]) > int(pair[1]) for pair in ranges):
            yield wrong("source.lines", "line ranges like \"12-40, 88-90\" (first ≤ last, comma and space between)")
    pages = values.get("source.pdf_pages")
    if isinstance(pages, str) and pages.strip():
        ranges = [part.split("-") for part in pages.split(", ")] if LINES_FORMAT.match(pages) else None
        if ranges is None or any(len(pair) == 2 and int(pair[0]) > int(pair[1]) for pair in ranges):
            yield wrong("source.pdf_pages", "page ranges like \"1\" or \"1-2\" (first ≤ last, comma and space between)")
    if "source.regions" in values and not (isinstance(values["source.regions"], list) and values["source.regions"]
                                           and all(_is_region(item) for item in values["source.regions"])):
        yield wrong("source.regions", "a list of regions [pdf page, x0, top, x1, bottom] in points "
                    "(page from 1, x0 < x1, top < bottom)")
    if "source.date" in values and not isinstance(values["source.date"], str | datetime.date):
        yield wrong("source.date", "a date like 2025-08-24")
    if "source.folio" in values and (isinstance(values["source.folio"], bool) or
                                     not isinstance(values["source.folio"], str | int)):
        yield wrong("source.folio", "a printed page number")
    theme = meta.get("theme")
    if project.themes is not None and isinstance(theme, str) and theme not in project.themes:
        yield _key_line(document, "theme"), 1, "m-005", {"theme": theme, "known": "、".join(sorted(project.themes))}


def _unescape(text: str) -> str:
    return ESCAPE.sub(lambda match: match[0][1], text)


def title_heading(document: Document, project: Project) -> Iterator[RawFinding]:
    """m-006: one H1, the first heading, equal to the front-matter title."""
    if document.meta is None or not document.front_matter:
        return
    headings = [(line, HEADING.match(line.text)) for line in document.lines if line.kind == "heading"]
    h1s = [(line, match) for line, match in headings if len(match["marks"]) == 1]
    if not h1s:
        after = document.lines[0].number if document.lines else 1
        yield after, 1, "m-006", {"problem": "the article has no `# ` heading"}
        return
    first, match = h1s[0]
    if headings[0][0] is not first:
        yield headings[0][0].number, 1, "m-006", {"problem": "a lower heading comes before the H1"}
    title = document.meta.get("title")
    if isinstance(title, str) and _unescape(match["text"] or "") != title.strip():
        yield first.number, 1, "m-006", {"problem": f"`{match['text']}` differs from `{title.strip()}`"}
    for line, _ in h1s[1:]:
        yield line.number, 1, "m-006", {"problem": "a second `# ` heading; sections use `##`"}


RULES = (front_matter, title_heading,)
