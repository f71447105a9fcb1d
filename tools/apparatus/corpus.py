"""The articles as the apparatus reads them: plain text, sentences and words of each file, read as it is now."""

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from .. import articles, segmenter

# A MyST target line such as `(slug-s1)=`, and a comment line `% …`.
_TARGET_LINE = re.compile(r"^\([^)\s]+\)=\s*$")
# A Markdown heading marker at the start of a line.
_HEADING = re.compile(r"^#{1,6}\s+")
# Emphasis markers the importer may have kept (bold lead lines).
_EMPHASIS = re.compile(r"(?<!\\)(\*\*|__)")
# A backslash escape of an ASCII punctuation character.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Where a sentence ends: 。！？ (and ；) followed, perhaps, by closing quotes or brackets.
_SENTENCE_END = re.compile(r"(?<=[。！？；!?])(?![”’」』）)])|(?<=[。！？!?][”’」』）)])")

# 作者系<institution><post>: the institution ends with the name of a kind of body.
_AUTHOR_NOTE = re.compile(r"^作者系([^、，。]{2,40}(?:大学|学院|党校|社会科学院|研究院|研究所|研究中心|委员会|中心|公司))"
                          r"(?=[^、，。]{0,12}(?:书记|教授|讲师|研究员|院长|主任|博士|学生|干部|局长|部长|[、，。]|$))")

# Every ASCII punctuation character that Markdown, MyST or HTML could read as markup.
_MYST_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=\"'^%@])")


def escape(text: str) -> str:
    """Backslash-escape every character Markdown or MyST would interpret, so text stays text."""
    return _MYST_SPECIALS.sub(r"\\\1", text)


def unescape(text: str) -> str:
    """Undo Markdown backslash escapes."""
    return _ESCAPE.sub(r"\1", text)


def plain_paragraphs(body: str) -> list[tuple[str, bool]]:
    """The paragraphs of a MyST body as the reader sees their text, each with True for a heading."""
    paragraphs = []
    in_fence = False
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", ":::")):
            in_fence = not in_fence
            continue
        if in_fence or not stripped or _TARGET_LINE.match(stripped) or stripped.startswith("% "):
            continue
        heading = bool(_HEADING.match(stripped))
        stripped = _EMPHASIS.sub("", _HEADING.sub("", stripped))
        paragraphs.append((unescape(stripped).strip(), heading))
    return [(p, h) for p, h in paragraphs if p]


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences at 。！？； (keeping closing quotes with their sentence)."""
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s and s.strip()]


def pinyin_key(text: str) -> tuple:
    """A sort key that orders Chinese text by pinyin (then by the text itself, for stability)."""
    return (" ".join(lazy_pinyin(text, style=Style.TONE3)).lower(), text)


def pinyin_slug(text: str) -> str:
    """An ASCII slug of text from its pinyin: 新质生产力 → xinzhishengchanli."""
    letters = "".join(lazy_pinyin(text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", letters).strip("-") or "x"


@dataclass
class Doc:
    """One article as read by the apparatus: its name, metadata and plain text."""

    slug: str
    meta: dict
    body: str
    path: Path | None = None
    paragraphs: list[str] = field(default_factory=list)       # headings included
    prose_paragraphs: list[str] = field(default_factory=list)  # headings left out

    @property
    def docname(self) -> str:
        return f"articles/{self.slug}"

    @property
    def title(self) -> str:
        return str(self.meta.get("title", "") or self.slug)

    @property
    def authors(self) -> list[str]:
        authors = self.meta.get("authors") or []
        return [str(a) for a in (authors if isinstance(authors, list) else [authors])]

    @property
    def institution(self) -> str:
        """The author's institution: the printed affiliation, else the body named in 作者系… (or "")."""
        if self.meta.get("affiliation"):
            return str(self.meta["affiliation"])
        match = _AUTHOR_NOTE.match(str(self.meta.get("author_note", "") or ""))
        return match.group(1) if match else ""

    @property
    def source(self) -> dict:
        source = self.meta.get("source") or {}
        return source if isinstance(source, dict) else {}

    @functools.cached_property
    def text(self) -> str:
        """The whole text, headings included."""
        return "\n".join(self.paragraphs)

    @functools.cached_property
    def prose(self) -> str:
        """The text of the paragraphs without the headings: where terms are linked and indexed."""
        return "\n".join(self.prose_paragraphs)

    @property
    def body_paragraphs(self) -> list[str]:
        """The paragraphs after the H1 (the title is not part of the body text)."""
        return list(self.prose_paragraphs)

    @functools.cached_property
    def sentences(self) -> list[str]:
        return [s for p in self.prose_paragraphs for s in sentences(p)]

    @functools.cached_property
    def tagged_words(self) -> list[tuple[str, str]]:
        """(word, part of speech) pairs of the whole text, paragraph by paragraph."""
        return [pair for p in self.paragraphs for pair in segmenter.cut_with_tags(p)]

    @property
    def first_sentence(self) -> str:
        for paragraph in self.body_paragraphs:
            found = sentences(paragraph)
            if found and len(paragraph) > 20:
                return found[0]
        return ""


def doc_from_text(slug: str, text: str, path: Path | None = None) -> Doc:
    """Read one article file's text into a Doc."""
    article = articles.parse(text, str(path or slug))
    paragraphs = plain_paragraphs(article.body)
    return Doc(slug=slug, meta=article.meta, body=article.body, path=path,
               paragraphs=[p for p, _ in paragraphs],
               prose_paragraphs=[p for p, heading in paragraphs if not heading])


def load(source_dir: Path) -> list[Doc]:
    """Every article under source_dir/articles, sorted by slug, read as the files are now."""
    folder = Path(source_dir) / "articles"
    return [doc_from_text(path.stem, path.read_text(encoding="utf-8"), path)
            for path in sorted(folder.glob("*.md"))]
