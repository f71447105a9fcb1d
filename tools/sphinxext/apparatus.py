"""apparatus (to be filled in)."""

from sphinx.application import Sphinx


def setup_apparatus(app: Sphinx) -> None:
    pass
