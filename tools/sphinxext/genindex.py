"""genindex (to be filled in)."""

from sphinx.application import Sphinx


def setup_pinyin_index(app: Sphinx) -> None:
    pass
