"""Themes: assign each article to exactly one theme of the taxonomy, by its jieba keywords or its front matter."""

import math
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Doc
from ..errors import BadFrontMatter
from ..segmenter import cut
from ..tables import table

TAXONOMY = table("themes.toml")
# How much more a word of the title counts than a word of the body.
TITLE_WEIGHT = 3
# Tags of the words that make up an article's keyword profile.
_PROFILE_TAGS = {"n", "nz", "vn", "nt", "ns", "l", "i", "j"}


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy: ASCII slug, name, the editors' introduction, weighted keywords."""

    slug: str
    name: str
    intro: str
    keywords: tuple[tuple[str, float], ...]

    @property
    def docname(self) -> str:
        return f"themes/{self.slug}"


@dataclass
class Assignment:
    """Which theme an article sits in, and why."""

    docname: str
    theme: Theme
    reason: str                                           # "front matter" or "keywords"
    scores: dict[str, float] = field(default_factory=dict)
    matched: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    top_keywords: list[tuple[str, int]] = field(default_factory=list)

    def explanation(self) -> dict:
        return {
            "theme": self.theme.name,
            "theme_doc": self.theme.docname,
            "reason": self.reason,
            "top_keywords": [[word, count] for word, count in self.top_keywords],
            "scores": {name: round(score, 2) for name, score in self.scores.items()},
            "matched": {name: [[k, round(v, 2)] for k, v in pairs] for name, pairs in self.matched.items()},
        }


def load_taxonomy(path: Path = TAXONOMY) -> list[Theme]:
    """The themes in their reading order; refuse a taxonomy without themes or with duplicate slugs."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    themes = []
    for number, item in enumerate(data.get("theme", []), 1):
        for key in ("slug", "name", "intro", "keywords"):
            if key not in item:
                raise BadFrontMatter(str(path), None, "theme", f"theme #{number} lacks the key `{key}`")
        keywords = tuple(sorted(((str(k), float(v)) for k, v in item["keywords"].items()),
                                key=lambda kv: (-kv[1], kv[0])))
        themes.append(Theme(item["slug"], item["name"], item["intro"].strip(), keywords))
    if not themes:
        raise BadFrontMatter(str(path), None, "theme", "the taxonomy must define at least one [[theme]]")
    slugs = [t.slug for t in themes]
    if len(set(slugs)) != len(slugs):
        raise BadFrontMatter(str(path), None, "theme", "theme slugs must be unique")
    return themes


def profile(doc: Doc) -> Counter:
    """The article's words and how often they occur (words of the title count TITLE_WEIGHT times)."""
    words = Counter(w for w, _ in doc.tagged_words if len(w) >= 2)
    for word in cut(doc.title):
        if len(word) >= 2:
            words[word] += TITLE_WEIGHT - 1     # the H1 is already in the text once
    return words


def score(theme: Theme, hits: Counter) -> tuple[float, list[tuple[str, float]]]:
    """Weighted overlap of a theme's keywords with an article's words; hits (from keyword_hits)
    counts, for each keyword, the article's words that contain it."""
    total, matched = 0.0, []
    for keyword, weight in theme.keywords:
        if hits.get(keyword):
            matched.append((keyword, weight * hits[keyword]))
            total += weight * hits[keyword]
    matched.sort(key=lambda kv: (-kv[1], kv[0]))
    return total, matched[:6]


def keyword_hits(keywords: set[str], words: Counter) -> Counter:
    """keyword → how often the article uses a word containing it. Each word is looked up by its
    substrings of keyword length (a two-character word is one lookup), instead of testing every
    keyword against every word."""
    shortest, longest = min(map(len, keywords), default=1), max(map(len, keywords), default=0)
    hits: Counter = Counter()
    for word, count in words.items():
        inside = {word[start:start + size] for size in range(shortest, min(longest, len(word)) + 1)
                  for start in range(len(word) - size + 1)}
        for keyword in inside & keywords:
            hits[keyword] += count
    return hits


def top_keywords(doc: Doc, document_frequency: Counter, total: int, limit: int = 8) -> list[tuple[str, int]]:
    """The article's most distinctive nouns (count × inverse document frequency)."""
    common = total >= 4     # in a corpus of some size, words most articles use explain nothing
    counts = Counter(w for w, tag in doc.tagged_words if tag in _PROFILE_TAGS and len(w) >= 2
                     and not (common and document_frequency[w] > total / 2))
    weight = {w: c * math.log(1 + total / document_frequency[w]) for w, c in counts.items()}
    return [(w, counts[w]) for w in sorted(weight, key=lambda w: (-weight[w], w))[:limit]]


def _override(doc: Doc, themes: list[Theme]) -> Theme:
    wanted = str(doc.meta["theme"]).strip()
    for theme in themes:
        if wanted in {theme.name, theme.slug}:
            return theme
    line = None
    if doc.path and doc.path.is_file():
        for number, text in enumerate(doc.path.read_text(encoding="utf-8").splitlines(), 1):
            if text.startswith("theme:"):
                line = number
                break
    names = "、".join(t.name for t in themes)
    raise BadFrontMatter(str(doc.path or doc.slug), line, "theme",
                         f"`theme: {wanted}` names no theme of tools/data/themes.toml; use one of: {names}")


def assign(docs: list[Doc], themes: list[Theme] | None = None) -> list[Assignment]:
    """One assignment per article, in slug order: the front-matter theme, else the best-scoring theme."""
    themes = themes if themes is not None else load_taxonomy()
    frequency = Counter(w for doc in docs for w in {w for w, _ in doc.tagged_words})
    every_keyword = {keyword for theme in themes for keyword, _ in theme.keywords}
    assignments = []
    for doc in docs:
        words = profile(doc)
        hits = keyword_hits(every_keyword, words)
        scores, matched = {}, {}
        for theme in themes:
            scores[theme.name], matched[theme.name] = score(theme, hits)
        if doc.meta.get("theme"):
            chosen, reason = _override(doc, themes), "front matter"
        else:
            # Highest score wins; a tie goes to the theme listed first in the taxonomy.
            chosen = max(themes, key=lambda t: (scores[t.name], -themes.index(t)))
            reason = "keywords" if scores[chosen.name] > 0 else "no keyword matched: first theme"
        assignments.append(Assignment(doc.docname, chosen, reason, scores, matched,
                                      top_keywords(doc, frequency, len(docs))))
    return assignments


def as_json(assignments: list[Assignment]) -> dict:
    """The data file source/_data/themes.json."""
    return {a.docname: {"theme": a.theme.name, "theme_doc": a.theme.docname} for a in assignments}
