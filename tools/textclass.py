"""Character classes of Chinese text shared by the stages: hanzi, Chinese punctuation, terminals."""

import re

HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CN_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u25a0"
# Marks after which a sentence (and so possibly a paragraph) is complete.
TERMINAL = "。！？…；”’）》」』】!?"
# Marks that show a clause continues on the next line.
CONTINUING = "，、：；（“‘《「『【—,(:"

HANZI_RE = re.compile(f"[{HANZI}]")


def hanzi_count(text: str) -> int:
    """The number of Chinese characters in text."""
    return len(HANZI_RE.findall(text))


def visible(text: str) -> int:
    """The number of non-whitespace characters in text."""
    return sum(1 for char in text if not char.isspace())


def ends_sentence(text: str) -> bool:
    """True when text ends with a mark that completes a sentence."""
    text = text.rstrip()
    if not text:
        return False
    if text[-1] in "”’）)":  # a closing mark completes a sentence only if what it closes does
        inner = text.rstrip("”’）)")
        return bool(inner) and (inner[-1] in "。！？…!?" or text[-1] in "）)")
    return text[-1] in TERMINAL


def has_sentence_mark(text: str) -> bool:
    """True when text holds a full stop, question or exclamation mark (it is prose, not a heading)."""
    return bool(re.search(r"[。！？!?]", text))
