"""The apparatus woven into the text: stable heading anchors, glossary term links and index targets."""

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ._data import article_data, is_article, load, pinyin_slug

logger = logging.getLogger(__name__)

# docutils' own ids for headings it cannot spell in ASCII ("id3"); they shift when text is added
AUTO_ID = re.compile(r"^id\d+$")
# Sphinx's serial ids for glossary terms it cannot spell in ASCII ("term-0")
AUTO_TERM_ID = re.compile(r"^term-\d+$")

# text inside these nodes never receives a term link or an index target
NO_LINKS = (nodes.title, nodes.subtitle, nodes.rubric, nodes.reference, nodes.literal,
            nodes.literal_block, nodes.raw, nodes.target, nodes.comment, nodes.term,
            nodes.field_name, nodes.docinfo, addnodes.pending_xref, addnodes.index)

KINDS = {"concept": "概念", "person": "人物", "place": "地名", "organization": "机构", "document": "文献"}


def unique_id(document: nodes.document, wanted: str) -> str:
    """wanted, or wanted-2, wanted-3 … whichever the document does not hold yet."""
    candidate, number = wanted, 2
    while candidate in document.ids:
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate


def heading_id(section: nodes.section) -> str:
    """A fallback id from the heading as printed: its number and first words in pinyin."""
    title = section.next_node(nodes.title)
    slug = pinyin_slug(title.astext() if title else "", limit=8)
    return f"h-{slug}" if slug else "h"


def stabilize_heading_ids(document: nodes.document) -> None:
    """Put each section's stable id first and drop docutils' serial ids (id1, id2 …).

    A MyST target `(slug-s1)=` above a heading gives the section that id; a heading
    without one gets an id from its printed number and words."""
    for section in document.findall(nodes.section):
        stable = [i for i in section["ids"] if not AUTO_ID.match(i)]
        if not stable:
            new = unique_id(document, heading_id(section))
            document.ids[new] = section
            stable = [new]
        section["ids"] = stable


def stabilize_glossary_ids(env, document: nodes.document) -> None:
    """Give glossary terms ids from their pinyin (term-xinzhi-shengchanli) instead of term-0."""
    if next(iter(document.findall(nodes.term)), None) is None:
        return
    std = env.domains.standard_domain
    wanted_ids = {term: tid for term, tid in load(env, "terms").get("terms", {}).items() if tid}
    for term in document.findall(nodes.term):
        old = [i for i in term["ids"] if AUTO_TERM_ID.match(i)]
        if not old:
            continue
        text = term.astext()
        new = unique_id(document, wanted_ids.get(text) or f"term-{pinyin_slug(text) or 'x'}")
        document.ids[new] = term
        term["ids"] = [new if i == old[0] else i for i in term["ids"]]
        if std.objects.get(("term", text), (None, None))[1] == old[0]:
            std.objects[("term", text)] = (env.docname, new)
        by_lower = getattr(std, "_terms", {})     # Sphinx's case-insensitive term table
        if by_lower.get(text.lower(), (None, None))[1] == old[0]:
            by_lower[text.lower()] = (env.docname, new)
        for index in term.findall(addnodes.index):
            index["entries"] = [(e[0], e[1], new if e[2] == old[0] else e[2], *e[3:])
                                for e in index["entries"]]


def linkable_texts(document: nodes.document):
    """Text nodes of the body's paragraphs that may carry a link, in reading order."""
    for text in list(document.findall(nodes.Text)):
        parent, inside_paragraph = text.parent, False
        while parent is not None and not isinstance(parent, nodes.document):
            if isinstance(parent, NO_LINKS) or "edition-apparatus" in parent.get("classes", ()):
                break
            if isinstance(parent, nodes.paragraph):
                inside_paragraph = True
            parent = parent.parent
        else:
            if inside_paragraph:
                yield text


def mentions(text: str, terms) -> list[tuple[int, int, str]]:
    """Where the terms occur in text, read left to right, the longest term winning where several
    start at one place (民营经济 over 民营), no two overlapping: [(start, end, term)].

    str.find per term, not a regular expression of the terms: each article has its own set of
    terms, and compiling one alternation per article cost more than all the finds."""
    hits = []
    for term in terms:
        at = text.find(term)
        while at >= 0:
            hits.append((at, -len(term), term))
            at = text.find(term, at + 1)
    hits.sort()
    found, end = [], 0
    for start, minus_length, term in hits:
        if start >= end:
            end = start - minus_length
            found.append((start, end, term))
    return found


def link_terms(document: nodes.document, terms: list[str]) -> None:
    """Link the first mention of each glossary term to its entry; the visible text stays the same.

    A mention is the longest term that fits at a place: the 民营 inside a later 民营经济 is a
    mention of 民营经济, not of 民营."""
    remaining = set(terms)
    if not remaining:
        return
    for text in linkable_texts(document):
        source, pieces, position = str(text), [], 0
        for start, end, term in mentions(source, terms):
            if term not in remaining:       # linked already, at its first mention
                continue
            remaining.remove(term)
            pieces.append(nodes.Text(source[position:start]))
            # the term's text straight inside the link, no <span> around it: one node less for each
            # of the tens of thousands of links that every later step of the build walks past
            xref = addnodes.pending_xref(term, nodes.Text(term), refdomain="std", reftype="term",
                                         reftarget=term, refexplicit=True, refwarn=True,
                                         refdoc=document.settings.env.docname, classes=["edition-term"])
            pieces.append(xref)
            position = end
        if pieces:
            pieces.append(nodes.Text(source[position:]))
            text.parent.replace(text, [p for p in pieces if not (isinstance(p, nodes.Text) and not str(p))])
        if not remaining:
            return


def index_entry(entry: dict) -> tuple[str, str]:
    """The index entry text (`parent; term` for a sub-entry) and its target id."""
    term, parent = entry["term"], entry.get("parent")
    if parent:
        return f"{parent}; {term}", "idx-" + (pinyin_slug(parent) or "x") + "--" + (pinyin_slug(term) or "x")
    return term, "idx-" + (pinyin_slug(term) or "x")


def place_index_targets(document: nodes.document, docname: str, entries: list[dict]) -> None:
    """Anchor each index entry at the first paragraph of the article that mentions its term.

    The paragraph itself carries the anchors (its ids) and one index node holds all its entries:
    a node per entry, with a target node beside it, would make articles a third larger, and
    every step of the build after reading walks every node."""
    paragraphs = [(p, p.astext()) for p in document.findall(nodes.paragraph)
                  if not any(isinstance(a, NO_LINKS) or "edition-apparatus" in a.get("classes", ())
                             for a in _ancestors(p))]
    top = next(iter(document.findall(nodes.section)), None)
    anchored: dict[int, tuple[nodes.paragraph, list]] = {}     # paragraph → (it, its entries in order)
    byline_entries = []
    for entry in entries:
        if docname in entry.get("byline_docs", ()) and docname not in entry.get("docs", ()) and top is not None:
            # named in the byline only (an author, an affiliation): the entry points at the article's head
            text, _ = index_entry(entry)
            byline_entries.append(("single", text, top["ids"][0], "", None))
            continue
        if docname not in entry.get("docs", ()):
            continue
        forms = [entry["term"], *entry.get("forms", ())]     # 滨州市, and 滨州 filed under it
        first = next((p for p, words in paragraphs if any(form in words for form in forms)), None)
        if first is None:
            logger.warning("index term %r is not in the text of %s", entry["term"], docname,
                           location=docname, type="edition", subtype="index")
            continue
        text, wanted = index_entry(entry)
        target_id = unique_id(document, wanted)
        first["ids"].append(target_id)
        document.ids[target_id] = first
        anchored.setdefault(id(first), (first, []))[1].append(("single", text, target_id, "", None))
    if byline_entries:
        top.insert(1, addnodes.index(entries=byline_entries, inline=False))
    for paragraph, paragraph_entries in anchored.values():
        paragraph.insert(0, addnodes.index(entries=paragraph_entries, inline=True))


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


class ApparatusTransform(SphinxTransform):
    """Stable anchors for every document; term links and index targets in articles.

    It runs before Sphinx collects labels, terms and index entries (SphinxDomains, 850)."""

    default_priority = 800

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        stabilize_glossary_ids(self.env, self.document)
        if not is_article(docname):
            return
        stabilize_heading_ids(self.document)
        data = article_data(self.env, docname)
        place_index_targets(self.document, docname, data.get("index") or [])
        link_terms(self.document, list(data.get("terms") or {}))


def setup_apparatus(app: Sphinx) -> None:
    app.add_transform(ApparatusTransform)
