"""Chinese full-text search: jieba with the user dictionary at build time, phrase segmentation and ranking in the browser."""

import re
from pathlib import Path

import jieba
import sphinx.search
from sphinx.application import Sphinx
from sphinx.search.zh import SearchChinese

import tools.segmenter  # noqa: F401  (silences jieba before Sphinx loads it)

#: Sphinx's own minified Snowball stemmers (the same files Sphinx inlines into language_data.js).
SPHINX_MINIFIED_JS = Path(sphinx.search.__file__).with_name("minified-js")

#: The browser half of the edition's search: query segmentation and the ranking.
EDITION_SEARCH_JS = Path(__file__).with_name("static") / "edition-search.js"


def english_stemmer_js() -> str:
    """Return Sphinx's English stemmer as JavaScript, installed as the search page's `Stemmer`.

    Sphinx 9.0.4 names the browser stemmer after the language (`window.Stemmer = ChineseStemmer`)
    but ships only `EnglishStemmer`, so every Chinese search throws and hangs. The Chinese
    index stems Latin words with the English Snowball stemmer (Chinese words pass through it
    unchanged), so the browser must use that same stemmer, under its real name.
    """
    return "\n".join((
        (SPHINX_MINIFIED_JS / "base-stemmer.js").read_text(encoding="utf-8"),
        (SPHINX_MINIFIED_JS / "english-stemmer.js").read_text(encoding="utf-8"),
        "window.Stemmer = EnglishStemmer;",
    ))


class EditionChinese(SearchChinese):
    """Sphinx's Chinese search language, with a stemmer the browser has and a phrase-aware query splitter.

    Build side: unchanged from Sphinx (jieba `cut_for_search` with the user dictionary given as
    `html_search_options['dict']`). Browser side: `js_stemmer_code` replaces the stemmer that
    Sphinx names but does not ship, and `js_splitter_code` (which lands in language_data.js,
    after searchtools.js) defines `splitQuery` and `Scorer` from static/edition-search.js.
    """

    js_stemmer_rawcode = ""          # inline the stemmer ourselves (see english_stemmer_js)
    js_stemmer_code = english_stemmer_js()
    js_splitter_code = EDITION_SEARCH_JS.read_text(encoding="utf-8")

    def split(self, input: str) -> list[str]:
        """Sphinx's jieba split, plus every dictionary word of 4+ characters inside a longer word.

        jieba's `cut_for_search` breaks a long word into its 2- and 3-character dictionary
        words only, so 民营经济高质量发展 would index 民营, 经济, 高质量 … but neither 民营经济
        nor 高质量发展, and 亲清政商关系 would hide 政商关系: a reader searching for a user
        dictionary term must find every article that contains it.
        """
        words = super().split(input)
        return words + [inner for word in words for inner in dictionary_words_inside(word)]

    def stem(self, word: str) -> str:
        """Sphinx's stemming, skipped for words without Latin letters: the English stemmer returns
        them unchanged, and asking it for every Chinese word was a tenth of the build."""
        return super().stem(word) if LATIN_LETTER.search(word) else word


LATIN_LETTER = re.compile("[A-Za-z]")


def dictionary_words_inside(word: str) -> list[str]:
    """The dictionary words (default + user dictionary) of 4 or more characters strictly inside word."""
    frequencies = jieba.dt.FREQ
    return [word[start:start + size]
            for size in range(4, len(word))
            for start in range(len(word) - size + 1)
            if frequencies.get(word[start:start + size])]


def setup_search(app: Sphinx) -> None:
    app.add_search_language(EditionChinese)
