"""article (to be filled in)."""

from sphinx.application import Sphinx


def setup_article_page(app: Sphinx) -> None:
    pass
