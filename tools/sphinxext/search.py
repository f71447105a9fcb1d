"""Chinese full-text search: jieba with the user dictionary at build time, phrase segmentation and ranking in the browser."""

import re
from collections.abc import Iterator
from pathlib import Path

import jieba
import sphinx.search
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.search.zh import SearchChinese

from tools import segmenter  # also silences jieba before Sphinx loads it

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

    def __init__(self, options: dict[str, str]) -> None:
        """Sphinx's set-up, except that the user dictionary is loaded once per process (see load_dictionary)."""
        super().__init__({**options, "dict": ""})
        load_dictionary(options.get("dict", ""))
        #: jieba's cuts of the texts of the document being indexed, made when it was read (see precut).
        self.cuts: dict[str, list[str]] = {}

    def split(self, input: str) -> list[str]:
        """Sphinx's jieba split, plus every dictionary word of 4+ characters inside a longer word.

        jieba's `cut_for_search` breaks a long word into its 2- and 3-character dictionary
        words only, so 民营经济高质量发展 would index 民营, 经济, 高质量 … but neither 民营经济
        nor 高质量发展, and 亲清政商关系 would hide 政商关系: a reader searching for a user
        dictionary term must find every article that contains it.

        The Chinese half is SearchChinese.split's, with the cut taken from the document's precut
        texts when it is there (the Latin half keeps its side effect on latin_terms).
        """
        chinese = self.cuts.get(input)
        if chinese is None:
            chinese = list(jieba.cut_for_search(input))
        latin = [term.strip() for term in self.latin1_letters.findall(input)]
        self.latin_terms.update(latin)
        words = chinese + latin
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


#: Where a document carries jieba's cuts of its texts from its reading to its indexing.
CUTS = "edition_search_cuts"
#: User dictionaries already loaded into jieba in this process (loading one twice shifts jieba's word frequencies).
_loaded: set[Path] = set()


def load_dictionary(path: str) -> None:
    """Load a jieba user dictionary into this process once; the edition's own through tools.segmenter."""
    if not path or not Path(path).is_file():
        return
    resolved = Path(path).resolve()
    if resolved == segmenter.USER_DICTIONARY.resolve():
        segmenter.tokenizer()
    elif resolved not in _loaded:
        jieba.load_userdict(str(resolved))
        _loaded.add(resolved)


def tokenizer_state() -> tuple[int, int]:
    """What jieba's cuts depend on, in brief: the frequency total and the number of words it knows."""
    return jieba.dt.total, len(jieba.dt.FREQ)


def _searching(app: Sphinx) -> bool:
    return bool(getattr(app.builder, "search", False)) and app.config.html_search_language == EditionChinese.lang


def load_search_dictionary(app: Sphinx) -> None:
    """builder-inited: load jieba and the user dictionary before the documents are read.

    Parallel readers are forked from this process, so they cut texts with the very dictionary the
    index is later built with."""
    if _searching(app):
        jieba.initialize()
        load_dictionary(app.config.html_search_options.get("dict", ""))


def precut(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: cut every text and title of the document with jieba, and keep the cuts on it.

    Sphinx indexes documents for search in the main process, one after another, while other
    processes write their HTML; cutting Chinese text was most of that serial work. Made here, the
    cuts are made while documents are read, in parallel, and indexing only looks them up. A text
    the build adds later is cut when it is indexed, as before: the index is the same either way.
    The cuts are pickled with the doctree, so a page rewritten without being read again (a table
    of contents' parent) still has them.
    """
    if not _searching(app):
        return
    cuts: dict[str, list[str]] = {}
    for text in searchable_texts(doctree):
        if text not in cuts:
            cuts[text] = list(jieba.cut_for_search(text))
    setattr(doctree, CUTS, (tokenizer_state(), cuts))


def searchable_texts(node: nodes.Node) -> Iterator[str]:
    """The texts Sphinx's indexer splits (sphinx.search._feed_visit_nodes): every text and title, except
    in comments, raw markup and elements of the class no-search (the closing apparatus)."""
    if isinstance(node, (nodes.comment, nodes.raw)):
        return
    if isinstance(node, nodes.Text):
        yield node.astext()
        return
    if "no-search" in node["classes"]:
        return
    if isinstance(node, nodes.title):
        yield node.astext()
    for child in node.children:
        yield from searchable_texts(child)


def hand_cuts_to_indexer(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: give the document's cuts to the search language, which indexes it next.

    The cuts leave the doctree here, so they never reach a written page; cuts made with another
    dictionary than the indexer's (jieba's state differs) are dropped and the texts cut again."""
    made = doctree.__dict__.pop(CUTS, None)
    indexer = getattr(app.builder, "indexer", None)
    if indexer is not None and isinstance(indexer.lang, EditionChinese):
        indexer.lang.cuts = made[1] if made and made[0] == tokenizer_state() else {}


def setup_search(app: Sphinx) -> None:
    app.add_search_language(EditionChinese)
    app.connect("builder-inited", load_search_dictionary)
    app.connect("doctree-read", precut, priority=900)
    app.connect("doctree-resolved", hand_cuts_to_indexer)
