"""The import of one raw page, stage by stage, in the one place where the order of the stages is written."""

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypinyin import lazy_pinyin

from .. import segmenter
from ..errors import BadPage
from . import editorial, emit, forms, furniture, headings, layout, markup, repair, segment, unwrap
from .readers import extractors, pdf
from .readers import text as decode
from .model import Draft, Line
from ..textclass import HANZI, visible


@dataclass
class ImportedArticle:
    slug: str
    meta: dict
    text: str

    def rename(self, slug: str) -> None:
        """Name the article anew (the same title on another page): its heading anchors, which are
        labels of the whole book, take the new name too."""
        self.text = re.sub(rf"^\({re.escape(self.slug)}-s", f"({slug}-s", self.text, flags=re.M)
        self.slug = slug

    def file_text(self) -> str:
        """The article file as the importer writes it: front matter, body and import digest."""
        return emit.render(self.meta, self.text)


@dataclass
class PageImport:
    """What importing one page gives: its articles and the report of what happened to every character."""

    page: str
    articles: list[ImportedArticle] = field(default_factory=list)
    report: dict = field(default_factory=dict)


def line_ranges(numbers: list[int], blank: frozenset[int] = frozenset()) -> str:
    """Compress line numbers into ranges, bridging blank lines: [3,4,5,7,9] with 6 blank → "3-7, 9"."""
    ranges: list[list[int]] = []
    for number in sorted(set(numbers)):
        if ranges and all(n in blank for n in range(ranges[-1][1] + 1, number)):
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in ranges)


def slug_for(title: str, taken: set[str]) -> str:
    """A stable ASCII file name from the printed title, in pinyin by words."""
    words = [w for w in segmenter.cut(title.strip("〔〕")) if re.search(f"[{HANZI}A-Za-z0-9]", w)]
    parts: list[str] = []
    for word in words:
        part = re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(word)).lower())
        if part and len("-".join(parts + [part])) <= 48:
            parts.append(part)
    slug = "-".join(parts) or "article"
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate


NOTE_FIELDS = ("affiliation", "author_note", "project_note", "reprinted_from")


def note_fields(draft: Draft) -> tuple[dict, list[str]]:
    """Affiliation, author note, source of a reprint and project note, from the article's end notes.

    Also returns the labels the notes were printed with (（作者单位：…）), which the edition shows as
    labels of its own and the report lists as removed markup.
    """
    fields: dict = {}
    labels: list[str] = []
    for note in draft.notes:
        text = note.text.strip()
        kind = forms.endnote_kind(text)
        values: dict = {}
        if kind == "affiliation":
            match = forms.AFFILIATION.match(text)
            value = match.group(1) or match.group(2)
            value, _, rest = value.partition("。本文")
            values["affiliation"] = value.rstrip("。")
            if rest:
                values["project_note"] = "本文" + rest
        elif kind == "author_note":
            values["author_note"] = forms.AUTHOR_NOTE.match(text).group(1)
        elif kind == "reprinted_from":
            values["reprinted_from"] = forms.REPRINT.match(text).group(1)
        elif kind == "project_note":
            values["project_note"] = re.sub(r"^【[^】]+】|^\[[^\]]+\]", "", text)
        leftover = text
        for value in values.values():
            leftover = leftover.replace(value, "", 1)
        labels.append(leftover)
        for key, value in values.items():
            fields[key] = f"{fields[key]} {value}" if key in fields else value  # a space: nothing invented
    return fields, labels


def regions(numbers: list[int], geometry: dict) -> list[list]:
    """Where an article is printed on its PDF: one box per column stretch, [pdf page, x0, top, x1, bottom] in points.

    A piece of the page (a column's stretch, a heading set narrower in it, a byline centred under
    the title) joins the box above it when one spans the other across and the two nearly touch, and
    when both are body type or one of them is a line or two: a column with its headings is one box,
    a title with its column label and byline another, and a title set across several columns never
    widens the column under it."""
    pieces: dict[tuple[int, int], list] = {}
    for number in numbers:
        g = geometry.get(number)
        if g is not None:
            pieces.setdefault((g.pdf_page, g.piece), []).append(g)
    found: list[tuple[int, bool, float, layout.Box]] = []
    for (pdf_page, _), lines in sorted(pieces.items()):   # in reading order: column by column
        found.append((pdf_page, any(g.display for g in lines), max(g.pitch for g in lines),
                      layout.union(g.box for g in lines)))
    merged: list[tuple[int, bool, float, layout.Box]] = []
    for pdf_page, display, pitch, box in found:
        if merged:
            last_page, last_display, last_pitch, last = merged[-1]
            limit = 2.5 * max(pitch, last_pitch)
            spans_box = last.contains(layout.Box(box.x0, last.top, box.x1, last.bottom), slack=2)
            spanned_by_box = box.contains(layout.Box(last.x0, box.top, last.x1, box.bottom), slack=2)
            # the narrower of the two must be of the same type, or only a line or two (label, byline)
            fits = ((spans_box and (display == last_display or box.height <= limit))
                    or (spanned_by_box and (display == last_display or last.height <= limit)))
            if last_page == pdf_page and fits and -2 <= box.top - last.bottom < 40:
                merged[-1] = (pdf_page, last_display or display, max(pitch, last_pitch), layout.union([last, box]))
                continue
        merged.append((pdf_page, display, pitch, box))
    return [[pdf_page, *box.rounded()] for pdf_page, _, _, box in merged]


def metadata(draft: Draft, notes: dict, page: str, facts: furniture.PageFacts, decisions: editorial.Editorial,
             blank: frozenset[int], geometry: dict | None = None) -> dict:
    meta: dict = {"title": draft.title}
    for key in ("subtitle", "kicker", "column"):
        if getattr(draft, key):
            meta[key] = getattr(draft, key)
    if draft.authors:
        meta["authors"] = list(draft.authors)
    meta.update(notes)
    source = {"page": page, "lines": line_ranges(draft.lines(), blank)}
    if geometry:
        boxes = regions(draft.lines(), geometry)
        pages = sorted({box[0] for box in boxes})
        source["pdf_pages"] = line_ranges(pages)
        source["regions"] = boxes
    given = decisions.page
    if given.get("newspaper"):
        source["newspaper"] = given["newspaper"]
    elif facts.newspaper:
        source["newspaper"] = facts.newspaper
    elif facts.newspaper_latin:
        source["newspaper"] = facts.newspaper_latin
    for key in ("date", "folio", "section"):
        value = given.get(key) or getattr(facts, key)
        if value:
            source[key] = str(value)
    meta["source"] = source
    if draft.fragments:
        meta["fragments"] = [block.text for block in draft.fragments]
    if draft.editorial:
        meta["editorial"] = list(draft.editorial)
    if draft.incomplete:
        meta["incomplete"] = draft.incomplete
    return meta


def article_characters(draft: Draft, meta: dict) -> int:
    """Characters of the page an article carries (the editor's insertions left out)."""
    count = 0 if draft.supplied_title else visible(draft.title)
    count += sum(visible(meta.get(key, "")) for key in ("subtitle", "kicker", "column", *NOTE_FIELDS))
    count += sum(visible(name) for name in draft.authors)
    count += sum(visible(block.text) for block in [*draft.blocks, *draft.fragments])
    return count - draft.inserted


@dataclass
class RawPage:
    """A raw page read into numbered lines: its text (what the accounting counts), and what reading did."""

    text: str
    lines: list[Line]
    repairs: Counter
    markup_chars: int = 0
    form: str = "text"                                   # text | pdf
    extraction: extractors.Extraction | None = None      # the PDF extractor a text page came from, if any
    pictures: list[dict] = field(default_factory=list)   # pictures of a PDF page, left out
    unreadable: list[dict] = field(default_factory=list)  # PDF pages that could not be read


def read_text_page(path: Path) -> RawPage:
    """A text page: decode → an extractor's signature undone → repair → the extraction's markup read as hints."""
    text = decode.decode(path.read_bytes(), str(path))
    extraction = extractors.undo(text)
    text, repairs = repair.repair(extraction.text)
    has_markup = markup.page_has_markup(text)
    lines: list[Line] = []
    markup_chars = 0
    for number, raw in enumerate(text.split("\n"), 1):
        line, removed = markup.read_line(number, raw, has_markup)
        lines.append(line)
        markup_chars += removed
    return RawPage(text, lines, repairs, markup_chars, extraction=extraction)


def lay_out_pdf(path: Path) -> tuple[pdf.PdfDocument, list[layout.PageLayout]]:
    """A PDF read and each of its pages with a text layer laid out: the lines, in the order (and so
    with the numbers) that articles cite. The raw page view shows the same lines."""
    document = pdf.read(path)
    return document, [layout.lay_out(page) for page in document.pages]


def read_pdf_page(path: Path) -> RawPage:
    """A PDF: each page's characters laid out in reading order (layout) → lines with geometry → repair."""
    document, laid_out = lay_out_pdf(path)
    unreadable = [{"pdf_page": number, "reason": reason} for number, reason in document.unreadable]
    if not document.pages:
        pages = ", ".join(str(number) for number, _ in document.unreadable)
        raise BadPage(str(path), None, "pdf-no-text", f"no page of the PDF has a text layer (page{'s' * (len(document.unreadable) != 1)} "
                      f"{pages}): it is a scan or an image, and OCR is needed before it can be imported")
    placed: list[layout.PlacedLine] = []
    pictures: list[dict] = []
    founder = 0
    for page, laid in zip(document.pages, laid_out):
        placed += laid.lines
        founder += laid.founder_marks
        pictures += [{"pdf_page": page.number, "box": picture.box.rounded()} for picture in laid.pictures]
    text, repairs = repair.repair("\n".join(line.text for line in placed))
    if founder:
        repairs["founder-punctuation (told by the glyph's ink)"] += founder
    lines = [Line(number, line_text, bold=placed_line.geometry.bold, bold_lead=placed_line.geometry.bold_lead,
                  geometry=placed_line.geometry)
             for number, (line_text, placed_line) in enumerate(zip(text.split("\n"), placed), 1)]
    return RawPage(text, lines, repairs, form="pdf", pictures=pictures, unreadable=unreadable)


def read_page(path: Path) -> RawPage:
    """Read a raw page with the reader its form needs: .pdf pages by their geometry, others as text."""
    if path.suffix.lower() == ".pdf":
        return read_pdf_page(path)
    return read_text_page(path)


def import_page(path: Path, editorial_dir: Path) -> PageImport:
    """Import one raw page: read → repair → markup → furniture → unwrap → segment → headings → emit."""
    page = path.stem
    raw_page = read_page(path)
    text, repairs, lines, markup_chars = raw_page.text, raw_page.repairs, raw_page.lines, raw_page.markup_chars
    decisions = editorial.load(editorial_dir / f"{page}.toml")
    kept, facts = furniture.remove_furniture(lines)
    geometry = {line.number: line.geometry for line in lines if line.geometry is not None}
    blank = frozenset(line.number for line in kept if not line.text.strip())
    breaks = [d["after"] for d in decisions.of("break")]
    joins = [d["after"] for d in decisions.of("join")]
    if raw_page.form == "pdf":
        blocks = unwrap.unwrap_geometric(kept)
        for decision in decisions.of("break") + decisions.of("join"):
            raise decisions.fail(decision, "break and join decisions apply to text pages; a PDF page's "
                                 "paragraphs come from its indents")
    else:
        unwrapper = unwrap.Unwrapper(kept, breaks, joins)
        blocks = unwrapper.run()
        for decision in decisions.of("break") + decisions.of("join"):
            if unwrap.squeeze_spaces(decision["after"]) not in unwrapper.matched:
                raise decisions.fail(decision, f"no line or paragraph of the page ends with “{decision['after']}”")
            decision.applied = True
    result = segment.segment(blocks, decisions)
    if not result.articles:
        raise BadPage(str(path), None, "no-article", "no article could be found on the page "
                      "(no title, byline or paragraph of prose)")
    taken: set[str] = set()
    imported = PageImport(page)
    in_articles = 0
    for draft in result.articles:
        slug = slug_for(draft.title, taken)
        levels = headings.normalize(draft.blocks, slug)
        notes, labels = note_fields(draft)
        meta = metadata(draft, notes, page, facts, decisions, blank, geometry)
        in_articles += article_characters(draft, meta)
        for label, note in zip(labels, draft.notes):
            result.removed.append(segment.Removal(label, note.lines, "markup", "label of an end note (the edition prints its own)"))
        imported.articles.append(ImportedArticle(slug, meta, emit.body(draft.title, draft.blocks, levels)))
    buckets = Counter({"furniture": sum(visible(r.text) for r in facts.removed), "markup": markup_chars})
    for removal in result.removed:
        buckets[removal.bucket] += visible(removal.text)
    total = visible(text)
    imported.report = {
        "page": path.name,
        "articles": [{"title": a.meta["title"], "authors": a.meta.get("authors", []), "slug": a.slug,
                      "lines": a.meta["source"]["lines"]} for a in imported.articles],
        "characters": {"in": total, "in_articles": in_articles, "furniture": buckets["furniture"],
                       "duplicates": buckets["duplicate"], "markup": buckets["markup"], "unplaced": buckets["unplaced"]},
        "balanced": total == in_articles + sum(buckets[k] for k in ("furniture", "duplicate", "markup", "unplaced")),
        "repairs": dict(sorted(repairs.items())),
        "removed": [{"lines": line_ranges([r.line]), "text": r.text, "rule": r.rule, "reason": r.reason}
                    for r in facts.removed]
                   + [{"lines": line_ranges(r.lines), "text": r.text, "rule": r.bucket, "reason": r.reason}
                      for r in result.removed],
        "editorial": [{"kind": d.kind, "line": d.line, "applied": d.applied, "reason": d.get("reason", "")}
                      for d in decisions.decisions],
        "warnings": result.warnings,
    }
    if raw_page.extraction is not None:
        imported.report["extractor"] = raw_page.extraction.report()
    if raw_page.form == "pdf":
        imported.report["pdf"] = {"pictures": raw_page.pictures, "unreadable_pages": raw_page.unreadable}
        for unreadable in raw_page.unreadable:
            imported.report["warnings"].append(
                f"PDF page {unreadable['pdf_page']} was not imported: {unreadable['reason']}")
        if raw_page.pictures:
            imported.report["warnings"].append(
                f"{len(raw_page.pictures)} picture{'s' * (len(raw_page.pictures) != 1)} left out (their captions "
                "are in the report's removed lines); the raw page view shows them")
    return imported
