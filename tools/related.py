"""Related articles: rank the other articles of the corpus by the glossary terms and index entries they share."""

from .glossary import Entry
from .indexing import IndexEntry

# What a shared item is worth: a glossary term counts more than another index entry.
GLOSSARY_WEIGHT = 2
ENTRY_WEIGHT = 1
# How many related articles each article lists.
LIMIT = 5
# Entries found in more than this share of the articles say nothing about relatedness.
MAX_SHARE = 0.5


def build(docnames: list[str], terms: list[Entry], entries: list[IndexEntry], limit: int = LIMIT) -> dict:
    """{docname: [{doc, score, shared}]} — best first; ties go to the lower docname."""
    total = max(len(docnames), 1)
    features: dict[str, dict[str, int]] = {name: {} for name in docnames}
    for term in terms:
        if len(term.uses) / total <= MAX_SHARE:
            for name in term.uses:
                if name in features:
                    features[name][term.term] = GLOSSARY_WEIGHT
    for entry in entries:
        if len(entry.docs) / total <= MAX_SHARE:
            for name in entry.docs:
                if name in features:
                    features[name].setdefault(entry.term, ENTRY_WEIGHT)
    related = {}
    for name in sorted(docnames):
        ranked = []
        for other in sorted(docnames):
            if other == name:
                continue
            shared = sorted(set(features[name]) & set(features[other]))
            if shared:
                points = sum(max(features[name][s], features[other][s]) for s in shared)
                ranked.append({"doc": other, "score": points, "shared": shared})
        ranked.sort(key=lambda item: (-item["score"], item["doc"]))
        related[name] = ranked[:limit]
    return related
