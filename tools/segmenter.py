"""The one jieba segmenter of the edition, loaded quietly with the project's user dictionary."""

import functools
import logging
from pathlib import Path

import jieba

USER_DICTIONARY = Path(__file__).parent / "data" / "userdict.txt"

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


def cut_with_tags(text: str) -> list[tuple[str, str]]:
    """Segment text into (word, part-of-speech) pairs with the user dictionary."""
    import jieba.posseg  # loads the tag table (about a second); only the apparatus needs it

    tokenizer()
    return [(pair.word, pair.flag) for pair in jieba.posseg.cut(text, HMM=True)]
