"""The one jieba segmenter of the edition, loaded quietly with the project's user dictionary."""

import functools
import hashlib
import json
import logging
from pathlib import Path

import jieba
from .tables import table

USER_DICTIONARY = table("userdict.txt")

jieba.setLogLevel(logging.WARNING)


@functools.cache
def tokenizer() -> jieba.Tokenizer:
    """Return jieba's default tokenizer with the user dictionary loaded (once per process)."""
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    if USER_DICTIONARY.is_file():
        jieba.load_userdict(str(USER_DICTIONARY))
    return jieba.dt


def cut(text: str) -> list[str]:
    """Segment text into words with the user dictionary."""
    return list(tokenizer().cut(text, HMM=True))


# Tagged paragraphs of this run, keyed by the paragraph's hash; persisted by load/save_tag_cache.
_tagged: dict[str, list[tuple[str, str]]] = {}
_used: set[str] = set()


def cut_with_tags(text: str) -> list[tuple[str, str]]:
    """Segment text into (word, part-of-speech) pairs with the user dictionary (cached by paragraph)."""
    key = hashlib.sha1(text.encode("utf-8")).hexdigest()
    _used.add(key)
    if key not in _tagged:
        import jieba.posseg  # loads the tag table (about a second); only the apparatus needs it

        tokenizer()
        _tagged[key] = [(pair.word, pair.flag) for pair in jieba.posseg.cut(text, HMM=True)]
    return _tagged[key]


def _dictionary_version() -> str:
    data = USER_DICTIONARY.read_bytes() if USER_DICTIONARY.is_file() else b""
    return hashlib.sha1(data + jieba.__version__.encode()).hexdigest()


def load_tag_cache(path: Path) -> None:
    """Reuse the tags of paragraphs seen by an earlier run with the same dictionary (a missing or stale cache is ignored)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if data.get("dictionary") == _dictionary_version():
        _tagged.update({key: [tuple(pair) for pair in pairs] for key, pairs in data.get("tags", {}).items()})


def save_tag_cache(path: Path) -> None:
    """Keep the tags of the paragraphs this run used, for the next run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tags = {key: _tagged[key] for key in sorted(_used) if key in _tagged}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"dictionary": _dictionary_version(), "tags": tags}, ensure_ascii=False),
                         encoding="utf-8")
    temporary.replace(path)
