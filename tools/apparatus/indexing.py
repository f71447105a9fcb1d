"""The general index: concepts, people, places, organizations and documents, with the articles that name them."""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import glossary
from .corpus import Doc, pinyin_key
from ..tables import table

KINDS_FILE = table("index_kinds.toml")
KINDS = ("concept", "person", "place", "organization", "document")

# A title in book-title marks 《…》 (no nested marks, at most 60 characters).
_BOOK_TITLE = re.compile(r"《([^《》\n]{2,60})》")
# Characters a personal name is made of (no digits, Latin letters or punctuation).
_HANZI = re.compile(r"^[\u4e00-\u9fff·]+$")


@dataclass
class IndexEntry:
    """One entry of the general index: a term of one kind, maybe under a main term, and where it occurs."""

    term: str
    kind: str
    parent: str | None = None
    docs: set[str] = field(default_factory=set)

    byline_docs: set[str] = field(default_factory=set)
    forms: list[str] = field(default_factory=list)    # other forms filed under the term (滨州 under 滨州市)

    def as_json(self) -> dict:
        """`docs`: articles whose prose names the term (the Sphinx extension puts an index target
        there); `byline_docs`: articles that carry it only in the front matter (author, affiliation,
        newspaper), which have no place in the prose to hold a target."""
        data = {"term": self.term, "kind": self.kind, "parent": self.parent, "docs": sorted(self.docs)}
        if self.forms:
            data["forms"] = list(self.forms)
        if self.byline_docs - self.docs:
            data["byline_docs"] = sorted(self.byline_docs - self.docs)
        return data


def load_kinds(path: Path = KINDS_FILE) -> dict:
    """The index tables: allow and drop lists per kind, family names, suffixes of bodies."""
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for kind in KINDS:
        data.setdefault(kind, {})
        data[kind].setdefault("always", [])
        data[kind].setdefault("drop", [])
    data["person"]["surnames"] = "".join(data["person"].get("surnames", "").split())
    data["organization"].setdefault("suffixes", [])
    data["document"].setdefault("periodical_endings", ["日报", "报"])
    return data


def is_person(word: str, kinds: dict) -> bool:
    """A plausible personal name: two to four hanzi opening with a family name, not on the drop list."""
    table = kinds["person"]
    if word in table["always"]:
        return True
    return (2 <= len(word) <= 4 and bool(_HANZI.match(word)) and word not in table["drop"]
            and word[0] in table["surnames"])


def is_place(word: str, kinds: dict) -> bool:
    """A plausible place name: at least two hanzi, not a common noun on the drop list."""
    return (len(word) >= 2 and bool(_HANZI.match(word)) and word not in kinds["place"]["drop"]
            and not word.endswith(("化", "度", "性")))


def is_organization(word: str, kinds: dict) -> bool:
    """A plausible name of a body: at least three hanzi, not on the drop list."""
    return len(word) >= 3 and bool(_HANZI.match(word)) and word not in kinds["organization"]["drop"]


def is_periodical(title: str, kinds: dict) -> bool:
    """True for a newspaper or journal title (《经济日报》), which is a body, not a document."""
    return title.endswith(tuple(kinds["document"]["periodical_endings"])) and not title.endswith("报告")


def issuing_body(title: str, kinds: dict) -> str | None:
    """The body a document title opens with: 《住房和城乡建设部办公厅关于…》 → 住房和城乡建设部办公厅."""
    match = re.match(r"^(.{2,30}?)关于", title)
    if match and match.group(1).endswith(tuple(kinds["organization"]["suffixes"])):
        return match.group(1)
    return None


def book_titles(text: str) -> list[str]:
    """The titles in 《》 of a text, with spaces left by extraction removed."""
    return [re.sub(r"\s+", "", m.group(1)) for m in _BOOK_TITLE.finditer(text)]


def build(docs: list[Doc], terms: list[glossary.Entry], kinds: dict | None = None) -> list[IndexEntry]:
    """The index entries of the corpus, sorted by pinyin of the term, then kind."""
    kinds = kinds if kinds is not None else load_kinds()
    entries: dict[tuple[str, str], IndexEntry] = {}

    prose = {doc.docname: doc.prose for doc in docs}

    def add(term: str, kind: str, docname: str, parent: str | None = None) -> None:
        entry = entries.setdefault((term, kind), IndexEntry(term, kind, parent))
        if term in prose[docname]:
            entry.docs.add(docname)
        else:
            entry.byline_docs.add(docname)

    for entry in terms:
        for docname in entry.uses:
            add(entry.term, "concept", docname)
    for word, tag in glossary.user_dictionary_terms().items():
        kind = {"ns": "place", "nt": "organization"}.get(tag, "concept")
        if tag == "nr":
            continue    # people come from the text's tagging and the `always` list
        for doc in docs:
            if word in doc.prose and not (kind == "concept" and len(word) < 3):
                add(word, kind, doc.docname)
    for doc in docs:
        for word, tag in doc.tagged_words:
            if word not in doc.prose:       # a word of a heading only: nowhere to put a target
                continue
            if tag == "nr" and is_person(word, kinds):
                add(word, "person", doc.docname)
            elif tag == "ns" and is_place(word, kinds):
                add(word, "place", doc.docname)
            elif tag == "nt" and is_organization(word, kinds):
                add(word, "organization", doc.docname)
        for kind in ("person", "place", "organization"):
            for word in kinds[kind]["always"]:
                if word in doc.prose:
                    add(word, kind, doc.docname)
        for author in doc.authors:
            add(author, "person", doc.docname)
        if doc.institution:
            add(doc.institution, "organization", doc.docname)
        for newspaper in (doc.source.get("newspaper"), doc.meta.get("reprinted_from")):
            if newspaper:
                add(str(newspaper).strip("《》"), "organization", doc.docname)
        for title in book_titles(doc.prose):
            if is_periodical(title, kinds):
                add(title, "organization", doc.docname)
                continue
            body = issuing_body(title, kinds)
            if body:
                add(body, "organization", doc.docname)
            add(f"《{title}》" if f"《{title}》" in doc.prose else title, "document", doc.docname, parent=body)
    # A person's name that is also a concept or place keeps its more specific reading only.
    for (term, kind) in list(entries):
        if kind == "person" and ((term, "place") in entries or (term, "concept") in entries):
            del entries[(term, kind)]
    _merge_place_forms(entries)
    _nest_concepts(entries)
    return sorted(entries.values(), key=lambda e: (pinyin_key(e.term), KINDS.index(e.kind)))


# Administrative suffixes a place name is written with and without: 滨州市 and 滨州, 江西省 and 江西.
ADMINISTRATIVE_SUFFIXES = ("省", "市", "县", "区")


def _merge_place_forms(entries: dict[tuple[str, str], IndexEntry]) -> None:
    """File a place named with and without its administrative suffix under one entry, the full
    name (滨州市, with 滨州 as its other form), so a reader finds every article in one place."""
    for (term, kind) in sorted(entries):
        if kind != "place" or not term.endswith(ADMINISTRATIVE_SUFFIXES):
            continue
        short = (term[:-1], "place")
        if len(short[0]) >= 2 and short in entries:
            merged = entries.pop(short)
            entry = entries[(term, kind)]
            entry.docs |= merged.docs
            entry.byline_docs |= merged.byline_docs
            entry.forms = [f for f in [term[:-1], *merged.forms] if f not in entry.forms and f != term] + entry.forms


def _nest_concepts(entries: dict[tuple[str, str], IndexEntry]) -> None:
    """Put a concept under the shortest other concept it begins with: 民营经济 › 民营经济高质量发展."""
    concepts = sorted(term for term, kind in entries if kind == "concept")
    for term in concepts:
        heads = [other for other in concepts if other != term and term.startswith(other) and len(other) >= 3]
        if heads:
            entries[(term, "concept")].parent = min(heads, key=lambda h: (len(h), h))


def as_json(entries: list[IndexEntry]) -> dict:
    """The data file source/_data/index.json."""
    return {"entries": [entry.as_json() for entry in entries]}
