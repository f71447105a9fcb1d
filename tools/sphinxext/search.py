"""Chinese full-text search: jieba with the user dictionary at build time (browser side to come)."""

from sphinx.application import Sphinx
import tools.segmenter  # noqa: F401  (silences jieba before Sphinx loads it)
from sphinx.search.zh import SearchChinese


class EditionChinese(SearchChinese):
    """Sphinx's Chinese search language, with a stemmer the browser actually has."""

    js_stemmer_code = """
class ChineseStemmer extends EnglishStemmer {}
"""


def setup_search(app: Sphinx) -> None:
    app.add_search_language(EditionChinese)
