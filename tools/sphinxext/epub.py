"""Fixes that the EPUB needs to pass epubcheck with neither errors nor warnings."""

import html

from sphinx.application import Sphinx


def ncx_uid_is_the_identifier(app: Sphinx) -> None:
    """Sphinx writes epub_uid (the id *name*, "BookId") as the NCX's dtb:uid; epubcheck wants
    the identifier itself (NCX-001). Correct the one metadata value on this builder only."""
    builder = app.builder
    if not builder.name.startswith("epub"):
        return
    original = builder.toc_metadata

    def toc_metadata(level, navpoints):
        metadata = original(level, navpoints)
        metadata["uid"] = html.escape(app.config.epub_identifier)
        return metadata

    builder.toc_metadata = toc_metadata


def setup_epub(app: Sphinx) -> None:
    app.connect("builder-inited", ncx_uid_is_the_identifier)
