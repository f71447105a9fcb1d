"""Related articles: rank the other articles of the corpus by the glossary terms and index entries they share."""

import heapq

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
    # Each article's features as bit sets: all of them, and those it holds as glossary terms. A pair
    # scores 1 for each shared feature, plus 1 more where either holds it as a glossary term (the
    # larger weight of the two), counted with int.bit_count.
    names = sorted(docnames)
    bit = {feature: 1 << i for i, feature in enumerate(sorted({f for fs in features.values() for f in fs}))}
    every = {name: sum(bit[f] for f in features[name]) for name in names}
    glossed = {name: sum(bit[f] for f, w in features[name].items() if w == GLOSSARY_WEIGHT) for name in names}
    rows = [(other, every[other], glossed[other]) for other in names]
    related = {}
    for name in names:
        mine, mine_glossed = every[name], glossed[name]
        scored = [(-(ENTRY_WEIGHT * shared.bit_count()
                     + (GLOSSARY_WEIGHT - ENTRY_WEIGHT) * (shared & (mine_glossed | theirs_glossed)).bit_count()), other)
                  for other, theirs, theirs_glossed in rows
                  if (shared := mine & theirs) and other != name]
        related[name] = [{"doc": other, "score": -points, "shared": sorted(set(features[name]) & set(features[other]))}
                         for points, other in heapq.nsmallest(limit, scored)]
    return related
