"""One article file as the lint rules see it: its front matter, its body lines classified, and its project."""

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ... import articles, textclass
from ...errors import BadFrontMatter
from ...tables import table
from .catalogue import Finding

THEMES = table("themes.toml")

HANZI = textclass.HANZI + "〇"  # the linter also reads 〇 (二〇二五) as Chinese text
CHINESE_PUNCTUATION = "，。、；：？！“”‘’《》（）〔〕【】「」『』…—"
MASK = "\ue000"  # stands in for masked markup: never hanzi, never punctuation, never a space
BUILTIN_LABELS = {"genindex", "modindex", "search"}


@dataclass
class Project:
    """What cross-file rules need to know: the glossary's terms, the labels, the known themes.

    `glossary` and `themes` are None when their file does not exist, and their rules are skipped.
    """

    glossary: set[str] | None = None
    labels: set[str] = field(default_factory=set)
    themes: set[str] | None = None

    @classmethod
    def from_source(cls, source: Path, themes: Path = THEMES) -> "Project":
        glossary_file = source / "glossary.md"
        labels = set(BUILTIN_LABELS)
        if source.is_dir():
            for page in sorted(source.rglob("*.md")):
                labels |= defined_labels(_read_text(page))
        return cls(glossary=glossary_terms(_read_text(glossary_file)) if glossary_file.is_file() else None,
                   labels=labels,
                   themes=theme_names(themes) if themes.is_file() else None)


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


TARGET = re.compile(r"^\((?P<label>[^()\s]+)\)=\s*$")
NAME_OPTION = re.compile(r"^\s*:name:\s*(?P<label>\S+)\s*$")


def defined_labels(text: str) -> set[str]:
    """Labels a MyST file defines: `(label)=` targets and `:name:` options of directives."""
    found = set()
    for line in text.splitlines():
        match = TARGET.match(line) or NAME_OPTION.match(line)
        if match:
            found.add(match["label"])
    return found


GLOSSARY_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{glossary\}")


def glossary_terms(text: str) -> set[str]:
    """The terms of the {glossary} blocks of a MyST file (unindented lines inside the block)."""
    terms, fence = set(), None
    for line in text.splitlines():
        if fence is None:
            match = GLOSSARY_FENCE.match(line)
            fence = match["fence"] if match else None
        elif line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
            fence = None
        elif line.strip() and not line[0].isspace() and not line.startswith(":"):
            terms.add(line.split(" : ")[0].strip().lower())
    return terms


def theme_names(path: Path) -> set[str]:
    """Names (and slugs) of tools/data/themes.toml: `[[theme]]` entries' `name`/`slug`, else table keys."""
    with path.open("rb") as stream:
        table = tomllib.load(stream)
    for key in ("theme", "themes"):
        entries = table.get(key)
        if isinstance(entries, list):
            return {entry[key] for entry in entries if isinstance(entry, dict)
                    for key in ("name", "slug") if isinstance(entry.get(key), str)}
        if isinstance(entries, dict):
            return set(entries)
    return {key for key, value in table.items() if isinstance(value, dict)}


# --- One article file, its lines classified ----------------------------------------------------

FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})")
HEADING = re.compile(r"^(?P<marks>#{1,6})(?:\s+(?P<text>.*?))?\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)]|:)\s")
TABLE_ROW = re.compile(r"^\s*\|")
BREAK = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
COMMENT = re.compile(r"^\s*(?:<!--.*-->|%.*)\s*$")
SUPPRESSION = re.compile(r"(?:<!--|^\s*%|^\s*#)\s*lint:\s*ignore\s+(?P<codes>[A-Za-z0-9, -]+?)\s*(?:-->)?\s*$")
ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")

# Inline markup masked out before the text rules look at a line.
MARKUP = re.compile(
    r"\{[\w:-]+\}`[^`]*`"          # a role: {term}`新质生产力`
    r"|`[^`]*`"                    # inline code
    r"|\]\([^)\s]*\)"              # a link's target: ](#label)
    r"|<!--.*?-->"                 # an inline HTML comment
    r"|<https?://[^>]*>|https?://\S+"  # URLs
)


@dataclass
class Line:
    """One line of an article body: its number in the file, its text, and its kind."""

    number: int
    text: str
    kind: str  # blank, text, heading, item, table, target, comment, fence, fenced, break

    @property
    def masked(self) -> str:
        """The line with inline markup replaced by MASK characters (columns are kept)."""
        return MARKUP.sub(lambda match: MASK * len(match[0]), self.text)


TEXT_KINDS = {"text", "heading", "item", "table"}


@dataclass
class Document:
    """An article file as the rules see it: path, meta (None if unreadable), and classified lines."""

    path: str
    text: str
    meta: dict | None
    lines: list[Line]
    front_matter: list[str]

    def text_lines(self) -> Iterator[Line]:
        return (line for line in self.lines if line.kind in TEXT_KINDS)


def classify(body: str, first_number: int) -> list[Line]:
    """Classify each line of a MyST body, numbering from first_number."""
    lines, fence, in_comment = [], None, False
    for number, text in enumerate(body.split("\n"), start=first_number):
        stripped = text.strip()
        if fence:
            match = FENCE.match(text)
            closes = match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence) \
                and stripped.strip(fence[0]) == ""
            kind = "fence" if closes else "fenced"
            fence = None if closes else fence
        elif in_comment:
            kind, in_comment = "comment", "-->" not in text
        elif not stripped or stripped == ">":
            kind = "blank"
        elif match := FENCE.match(text):
            kind, fence = "fence", match["fence"]
        elif COMMENT.match(text):
            kind = "comment"
        elif stripped.startswith("<!--"):
            kind, in_comment = "comment", True
        elif TARGET.match(text):
            kind = "target"
        elif HEADING.match(text):
            kind = "heading"
        elif BREAK.match(text):
            kind = "break"
        elif LIST_ITEM.match(text):
            kind = "item"
        elif TABLE_ROW.match(text):
            kind = "table"
        else:
            kind = "text"
        lines.append(Line(number, text, kind))
    return lines


def load(path: str, data: bytes) -> tuple[Document, list[Finding]]:
    """Read an article file into a Document; an unreadable file yields an m-001 finding, not an error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return Document(path, "", None, [], []), [Finding(path, line, 1, "m-001", (("problem", "it is not UTF-8 text"),))]
    text = text.replace("\r\n", "\n")
    findings, meta = [], None
    try:
        meta = articles.parse(text, path).meta
    except BadFrontMatter as error:
        findings.append(Finding(path, error.line or 1, 1, "m-001", (("problem", error.message),)))
    end = text.find("\n---\n", 3) if text.startswith("---\n") else -1
    if end < 0:  # no front matter at all: lint the whole file as body; unclosed: nothing to lint
        body = [] if text.startswith("---\n") else classify(text, 1)
        return Document(path, text, meta, body, []), findings
    front_matter = text[4:end + 1].split("\n")[:-1]
    body_start = text.count("\n", 0, end + 5) + 1
    return Document(path, text, meta, classify(text[end + 5:], body_start), front_matter), findings


def paragraphs(document: Document) -> Iterator[list[Line]]:
    """Groups of lines that make one paragraph: runs of text lines, or single headings/items/rows."""
    run: list[Line] = []
    for line in document.lines:
        if line.kind == "text" and run and run[-1].kind in {"text", "item"}:
            run.append(line)
            continue
        if run:
            yield run
        run = [line] if line.kind in TEXT_KINDS else []
    if run:
        yield run
