"""Generate the edition's apparatus from the articles as they are now: glossary, index, themes, related, listings."""

import json
from pathlib import Path

from .. import segmenter
from . import corpus, corrections, glossary, indexing, listings, related, themes
from ..articles import write_if_changed


def _json(data) -> str:
    """Build data as compact JSON: json's C encoder serves only unindented
    output, and indenting was a sixth of generate's time at 2,000 articles."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def own_entry(entry: dict, docname: str) -> dict:
    """An index entry as one article's slice holds it: where else it occurs is not this article's business."""
    where = "docs" if docname in entry.get("docs", []) else "byline_docs"
    return {**{k: v for k, v in entry.items() if k not in {"docs", "byline_docs"}}, where: [docname]}


def generate(source_dir: Path) -> dict:
    """Regenerate every generated file under source_dir; return a report (written files, counts, themes)."""
    source_dir = Path(source_dir)
    cache = source_dir.parent / "build" / "cache" / "tags.json"
    segmenter.load_tag_cache(cache)
    docs = corpus.load(source_dir)
    concepts = glossary.build(docs)          # the corpus's key concepts: all go to the index
    terms = glossary.glossed(concepts)       # those with a gloss make the glossary
    entries = indexing.build(docs, concepts)
    taxonomy = themes.load_taxonomy()
    assignments = themes.assign(docs, taxonomy)
    members = listings.theme_members(docs, assignments)
    appendices = ["glossary", "总索引 <genindex>", "by-source", "by-author", "corrections"]
    corrected = corrections.find(source_dir, source_dir.parent / "seeds")
    related_map = related.build([d.docname for d in docs], concepts, entries)
    theme_map = themes.as_json(assignments)
    term_ids = glossary.terms_map(terms)
    homes = glossary.home_articles(terms)
    index_json = indexing.as_json(entries)

    outputs: dict[str, str] = {
        "glossary.md": glossary.render(terms),
        "_data/terms.json": _json({"terms": term_ids, "home": homes}),
        "_data/index.json": _json(index_json),
        "_data/related.json": _json(related_map),
        "_data/themes.json": _json(theme_map),
        "index.md": listings.landing_page(taxonomy, {k: len(v) for k, v in members.items()}, appendices),
        "by-source.md": listings.by_source_page(docs),
        "by-author.md": listings.by_author_page(docs),
        "corrections.md": corrections.render(corrected),
    }
    for theme in taxonomy:
        outputs[f"themes/{theme.slug}.md"] = listings.theme_page(theme, members.get(theme.name, []))

    entries_of: dict[str, list[dict]] = {}   # docname → the index entries that name it, in index order
    for entry in index_json["entries"]:
        for docname in dict.fromkeys(entry.get("docs", []) + entry.get("byline_docs", [])):
            entries_of.setdefault(docname, []).append(entry)
    for doc in docs:  # one slice per article: an article is read again only when its own slice changes
        outputs[f"_data/articles/{doc.slug}.json"] = _json({
            "terms": {term: ref for term, ref in term_ids.items()
                      if term in doc.text and homes.get(term) != doc.docname},
            "index": [own_entry(e, doc.docname) for e in entries_of.get(doc.docname, [])],
            "related": related_map.get(doc.docname, []),
            "theme": theme_map.get(doc.docname),
        })
    stale = {p for p in (source_dir / "_data" / "articles").glob("*.json")} - {source_dir / n for n in outputs}
    for path in stale:
        path.unlink()
    written = [name for name, text in sorted(outputs.items()) if write_if_changed(source_dir / name, text)]
    segmenter.save_tag_cache(cache)
    kinds = {kind: sum(1 for e in entries if e.kind == kind) for kind in indexing.KINDS}
    return {
        "articles": len(docs),
        "corrected": [record.docname for record in corrected],
        "written": written,
        "unchanged": len(outputs) - len(written),
        "glossary": {
            "terms": len(terms),
            "defined": sum(1 for t in terms if t.definition),
            "editors": sum(1 for t in terms if t.editor_gloss and not t.definition),
            "index_only": sorted(c.term for c in concepts if not c.glossed),
            "reasons": {t.term: sorted(set(t.sources)) for t in terms},
        },
        "index": kinds,
        "themes": {theme.name: len(members.get(theme.name, [])) for theme in taxonomy},
        "assignments": {a.docname: a.explanation() for a in assignments},
    }
