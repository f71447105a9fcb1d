"""Check article files against the edition's typographic and structural rules and report coded findings."""

# The rules are listed, with code, severity, message and hint, in tools/data/lint_rules.toml; a
# rule with a `pattern` there is data-driven, the others are the @rule functions below, each
# yielding (line, col, code, params). A deliberate exception is kept by a comment on the line
# above it: `<!-- lint: ignore CODE [CODE …] -->` (or `% lint: ignore CODE` in the body, or
# `# lint: ignore CODE` in the front matter); see CONTRIBUTING.md.

import datetime
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import articles, textclass
from .errors import BadFrontMatter

DATA = Path(__file__).parent / "data"
CATALOGUE = DATA / "lint_rules.toml"
THEMES = DATA / "themes.toml"

HANZI = textclass.HANZI + "〇"  # the linter also reads 〇 (二〇二五) as Chinese text
CHINESE_PUNCTUATION = "，。、；：？！“”‘’《》（）〔〕【】「」『』…—"
MASK = "\ue000"  # stands in for masked markup: never hanzi, never punctuation, never a space

# Half-width marks and their full-width forms (t-001).
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "〔": "〕", "【": "】"}
# Founder damage: a stray character and the punctuation it stands for (d-004).
STRAY_DAMAGE = {"袁": "，", "遥": "。", "尧": "、"}

REQUIRED_SOURCE = ("page", "lines")
SOURCE_KEYS = {"page", "lines", "newspaper", "date", "folio", "section"}
TOP_KEYS = {"title", "subtitle", "kicker", "authors", "affiliation", "author_note", "project_note",
            "reprinted_from", "source", "editorial", "incomplete", "fragments", "theme", articles.DIGEST_KEY}
STRING_KEYS = {"title", "subtitle", "kicker", "affiliation", "author_note", "project_note",
               "reprinted_from", "incomplete", "theme", articles.DIGEST_KEY,
               "source.page", "source.lines", "source.newspaper", "source.section"}
BUILTIN_LABELS = {"genindex", "modindex", "search"}


# --- The catalogue ----------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One entry of the catalogue: a stable code, its severity, message, hint and optional regex."""

    code: str
    severity: str
    message: str
    hint: str
    pattern: re.Pattern | None = None


@cache
def catalogue() -> dict[str, Rule]:
    """The rules of tools/data/lint_rules.toml, by code."""
    with CATALOGUE.open("rb") as stream:
        table = tomllib.load(stream)["rules"]
    return {code: Rule(code, entry["severity"], entry["message"], entry["hint"],
                       re.compile(entry["pattern"]) if "pattern" in entry else None)
            for code, entry in table.items() if not entry.get("retired")}


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "…"


@dataclass(frozen=True, order=True)
class Finding:
    """One breach of a rule at a place in a file; `params` fill the message's placeholders."""

    path: str
    line: int
    col: int
    code: str
    params: tuple = ()

    @property
    def rule(self) -> Rule:
        return catalogue()[self.code]

    @property
    def message(self) -> str:
        return self.rule.message.format_map(_Defaults(self.params))

    @property
    def hint(self) -> str:
        return self.rule.hint.format_map(_Defaults(self.params))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}\n    Hint: {self.hint}"


# --- The project the files belong to ------------------------------------------------------


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


# --- The rules ---------------------------------------------------------------------------------
# Each rule takes (document, project) and yields (line, col, code, params) findings.

RawFinding = tuple[int, int, str, dict]
RULES: list[Callable[[Document, Project], Iterable[RawFinding]]] = []


def rule(function):
    """Register a rule function."""
    RULES.append(function)
    return function


@rule
def pattern_rules(document: Document, project: Project) -> Iterator[RawFinding]:
    """The data-driven rules: each catalogue entry with a `pattern`, searched in the body text."""
    patterned = [entry for entry in catalogue().values() if entry.pattern]
    for line in document.text_lines():
        masked = line.masked
        for entry in patterned:
            for match in entry.pattern.finditer(masked):
                yield line.number, match.start() + 1, entry.code, {"match": match[0]}


HALF_WIDTH = re.compile(rf"(?<=[{HANZI}{CHINESE_PUNCTUATION}])\\?[,;:?!()]|\\?[,;:?!()](?=[{HANZI}])")


@rule
def half_width_punctuation(document: Document, project: Project) -> Iterator[RawFinding]:
    """t-001: , ; : ? ! ( ) touching a Chinese character or Chinese punctuation."""
    for line in document.text_lines():
        for match in HALF_WIDTH.finditer(line.masked):
            mark = match[0][-1]
            yield line.number, match.start() + 1, "t-001", {"mark": mark, "full": FULL_WIDTH[mark]}


STRAIGHT_QUOTE = re.compile(rf"(?<=[{HANZI}{CHINESE_PUNCTUATION}])\"|\"(?=[{HANZI}])")


@rule
def straight_quotes(document: Document, project: Project) -> Iterator[RawFinding]:
    """t-002: a straight double quote touching Chinese text."""
    for line in document.text_lines():
        for match in STRAIGHT_QUOTE.finditer(line.masked):
            yield line.number, match.start() + 1, "t-002", {}


CHINESE = f"{HANZI}{CHINESE_PUNCTUATION}"
INNER_SPACE = re.compile(rf"(?<=[{HANZI}])[ \t\u3000]+(?=[{CHINESE}])|(?<=[{CHINESE}])[ \t\u3000]+(?=[{HANZI}])")


@rule
def spaces_in_chinese(document: Document, project: Project) -> Iterator[RawFinding]:
    """t-003: a space between two hanzi, or between a hanzi and Chinese punctuation."""
    for line in document.text_lines():
        for match in INNER_SPACE.finditer(line.masked):
            yield line.number, match.start() + 1, "t-003", {}


DIGIT_SPACE = re.compile(rf"(?<=[{HANZI}])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[{HANZI}])")


@rule
def spaces_around_digits(document: Document, project: Project) -> Iterator[RawFinding]:
    """t-004: extraction spaces between digits and hanzi (2025 年 8 月)."""
    for line in document.text_lines():
        for match in DIGIT_SPACE.finditer(line.masked):
            yield line.number, match.start() + 1, "t-004", {}


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


@rule
def unbalanced_pairs(document: Document, project: Project) -> Iterator[RawFinding]:
    """t-005: “” ‘’ 《》 （） 〔〕 【】 must open and close within one paragraph, properly nested."""
    closers = {close: open_ for open_, close in PAIRS.items()}
    for paragraph in paragraphs(document):
        stack: list[tuple[str, int, int]] = []
        for line in paragraph:
            for col, char in enumerate(line.masked, start=1):
                if char in PAIRS:
                    stack.append((char, line.number, col))
                elif char in closers:
                    opener = closers[char]
                    if not any(mark == opener for mark, _, _ in stack):
                        yield line.number, col, "t-005", {"problem": f"`{char}` closes nothing"}
                        continue
                    while stack[-1][0] != opener:
                        mark, number, at = stack.pop()
                        yield number, at, "t-005", {"problem": f"`{mark}` is not closed before `{char}`"}
                    stack.pop()
        for mark, number, at in stack:
            yield number, at, "t-005", {"problem": f"`{mark}` is never closed"}


def _single_tokens(text: str) -> set[int]:
    """Offsets in text of the characters that jieba's dictionary (no HMM guessing) leaves alone."""
    from .segmenter import tokenizer

    offsets, position = set(), 0
    for word in tokenizer().cut(text, HMM=False):
        if len(word) == 1:
            offsets.add(position)
        position += len(word)
    return offsets


def _damaged_pairs(document: Document, opener: str, closer: str, code: str) -> Iterator[RawFinding]:
    pair = re.compile(rf"{opener}[^{opener}{closer}\n。，；！？]{{1,60}}?{closer}")
    for line in document.text_lines():
        masked = line.masked
        matches = list(pair.finditer(masked))
        single = _single_tokens(masked) if matches else set()
        for match in matches:
            if match.start() in single and match.end() - 1 in single:
                yield line.number, match.start() + 1, code, {}


@rule
def damaged_brackets(document: Document, project: Project) -> Iterator[RawFinding]:
    """d-001: 渊…冤 where both are words of their own (not 渊源, 深渊, 冤枉 …)."""
    yield from _damaged_pairs(document, "渊", "冤", "d-001")


@rule
def damaged_quotes(document: Document, project: Project) -> Iterator[RawFinding]:
    """d-002: 野…冶 where both are words of their own (not 视野, 野生, 陶冶, 冶金 …)."""
    yield from _damaged_pairs(document, "野", "冶", "d-002")


STRAY = re.compile(rf"(?<=[{HANZI}\d”’）》〕])[袁遥尧](?=\s*[{HANZI}“‘（《]|\s*$)")


@rule
def stray_damage(document: Document, project: Project) -> Iterator[RawFinding]:
    """d-004: a 袁/遥/尧 right after a clause and before text that jieba finds in no word.

    遥 and 尧 are looked up in the dictionary only (jieba without HMM), so that 遥远, 遥感, 尧舜
    stay words and an unknown run like 遥要 does not hide the damage. 袁 is a common surname: it
    counts only when jieba with HMM (which guesses names: 袁志彬, 袁明) leaves it alone and the
    next word is not tagged as a name.
    """
    from .segmenter import cut_with_tags, tokenizer

    for line in document.text_lines():
        masked = line.masked
        candidates = list(STRAY.finditer(masked))
        if not candidates:
            continue
        tagged = _offsets(cut_with_tags(masked))
        plain = _offsets([(word, "") for word in tokenizer().cut(masked, HMM=False)])
        for match in candidates:
            mark, at = match[0], match.start()
            tokens = tagged if mark == "袁" else plain
            if at not in tokens or tokens[at][0] != mark:
                continue  # part of a longer word: 遥远, 尧舜, 袁隆平
            following = tokens.get(at + 1, ("", ""))
            if mark == "袁" and following[1].startswith("nr"):
                continue  # a surname before a given name jieba recognized
            if not following[0].strip() and not masked[at + 1:].strip() and mark != "遥":
                continue  # only 。 may end a paragraph
            yield line.number, at + 1, "d-004", {"mark": mark, "full": STRAY_DAMAGE[mark]}


def _offsets(tokens: list[tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """Tokens by the offset where each starts in the segmented text."""
    found, position = {}, 0
    for word, tag in tokens:
        found[position] = (word, tag)
        position += len(word)
    return found


BYLINE_SQUARE = re.compile(r"■")
BYLINE_MARRIAGE = re.compile(r"^(?:#{1,6}\s+)?(?:\*\*)?(?P<mark>姻)")


@rule
def byline_markers(document: Document, project: Project) -> Iterator[RawFinding]:
    """f-006: ■ anywhere, or a damaged ■ (姻) opening a line as a word of its own (not 姻亲)."""
    for line in document.text_lines():
        masked = line.masked
        for match in BYLINE_SQUARE.finditer(masked):
            yield line.number, match.start() + 1, "f-006", {"mark": "■"}
        match = BYLINE_MARRIAGE.match(masked)
        if match and match.start("mark") in _single_tokens(masked):
            yield line.number, match.start("mark") + 1, "f-006", {"mark": "姻"}


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
}


def _is_list_of_strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


@rule
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


@rule
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


TERM_ROLE = re.compile(r"\{term\}`(?P<content>[^`]+)`")
REF_ROLE = re.compile(r"\{ref\}`(?P<content>[^`]+)`")
LOCAL_LINK = re.compile(r"\[[^\]]*\]\(#(?P<content>[^)\s]+)\)")
EXPLICIT_TARGET = re.compile(r"<(?P<target>[^<>]+)>\s*$")


def _role_target(content: str) -> str:
    match = EXPLICIT_TARGET.search(content)
    return (match["target"] if match else content).strip()


@rule
def term_targets(document: Document, project: Project) -> Iterator[RawFinding]:
    """x-001: {term}`X` where X is not a term of source/glossary.md (skipped without a glossary)."""
    if project.glossary is None:
        return
    for line in document.text_lines():
        for match in TERM_ROLE.finditer(line.text):
            target = _role_target(match["content"])
            if target.lower() not in project.glossary:
                yield line.number, match.start() + 1, "x-001", {"target": target}


@rule
def ref_targets(document: Document, project: Project) -> Iterator[RawFinding]:
    """x-002: {ref}`label` and [](#label) where no `(label)=` in source/ defines label."""
    local = defined_labels(document.text)
    for line in document.text_lines():
        for pattern in (REF_ROLE, LOCAL_LINK):
            for match in pattern.finditer(line.text):
                target = _role_target(match["content"])
                if target not in project.labels and target not in local:
                    yield line.number, match.start() + 1, "x-002", {"target": target}


@rule
def soft_line_breaks(document: Document, project: Project) -> Iterator[RawFinding]:
    """l-001: a text line right under another text line or list item (not a hard break)."""
    for previous, line in zip(document.lines, document.lines[1:]):
        hard_break = previous.text.endswith(("  ", "\\"))
        if line.kind == "text" and previous.kind in {"text", "item"} and not hard_break:
            yield line.number, 1, "l-001", {}


# --- Running the rules ----------------------------------------------------------------------------


def suppressions(document: Document) -> tuple[dict[int, set[str]], list[Finding]]:
    """Codes silenced per line by a `lint: ignore CODE …` comment on the line above; unknown codes."""
    silenced: dict[int, set[str]] = {}
    unknown: list[Finding] = []
    comment_lines = [(number, text) for number, text in enumerate(document.front_matter, start=2)]
    comment_lines += [(line.number, line.text) for line in document.lines if line.kind == "comment"]
    for number, text in comment_lines:
        match = SUPPRESSION.search(text)
        if not match:
            continue
        codes = {code for code in re.split(r"[\s,]+", match["codes"].strip()) if code}
        silenced.setdefault(number + 1, set()).update(codes)
        for code in sorted(codes - set(catalogue())):
            unknown.append(Finding(document.path, number, text.find(code) + 1, "l-002", (("code", code),)))
    return silenced, unknown


def lint_text(path: str, data: bytes | str, project: Project | None = None) -> list[Finding]:
    """All findings for one article file's content, sorted by place, suppressions applied."""
    project = project or Project()
    data = data.encode("utf-8") if isinstance(data, str) else data
    document, findings = load(path, data)
    for function in RULES:
        for number, col, code, params in function(document, project):
            findings.append(Finding(path, number, col, code, tuple(sorted(params.items()))))
    silenced, unknown = suppressions(document)
    kept = [finding for finding in findings if finding.code not in silenced.get(finding.line, ())]
    return sorted(set(kept + unknown))


def article_files(path: Path) -> list[Path]:
    """The article files a path stands for: itself, `articles/**/*.md` of a source folder, or `**/*.md`."""
    if path.is_file():
        return [path]
    if (path / "articles").is_dir():
        return sorted((path / "articles").rglob("*.md"))
    return sorted(path.rglob("*.md"))


def lint_paths(paths: Iterable[Path], project: Project) -> list[Finding]:
    """All findings for the article files the paths stand for, file by file."""
    findings = []
    for path in paths:
        for file in article_files(path):
            findings += lint_text(display(file), file.read_bytes(), project)
    return findings


def display(path: Path) -> str:
    """A path as it is printed: relative to the working directory when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def report(findings: list[Finding]) -> str:
    """The printed report: each finding with its hint, then the count."""
    if not findings:
        return "0 problems"
    files = len({finding.path for finding in findings})
    errors = sum(finding.rule.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    count = (f"{len(findings)} problem{'s' * (len(findings) != 1)} in {files} file{'s' * (files != 1)} "
             f"({errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)})")
    return "\n".join(map(str, findings)) + "\n" + count


def exit_code(findings: list[Finding]) -> int:
    """1 when any finding is an error, 0 otherwise."""
    return int(any(finding.rule.severity == "error" for finding in findings))
