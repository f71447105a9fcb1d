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


def no_stale_cover_page(app: Sphinx) -> None:
    """Remove the cover page a previous build left: Sphinx would list it twice in the spine (RSC-005)."""
    from pathlib import Path

    if app.builder.name.startswith("epub") and app.config.epub_cover and len(app.config.epub_cover) > 1:
        template = app.config.epub_cover[1]
        if template:
            stale = Path(app.outdir) / (Path(template).stem + app.builder.out_suffix)
            stale.unlink(missing_ok=True)


def index_once_in_the_spine(app: Sphinx) -> None:
    """The 附录 toctree names the general index, and Sphinx appends it to the spine again at the end
    (RSC-005). The spine keeps the last one; the navigation (built from the same refnodes) keeps its entry."""
    builder = app.builder
    if not builder.name.startswith("epub") or not builder.use_index:
        return
    original = builder.build_content

    def build_content():
        refnodes = builder.refnodes
        builder.refnodes = [node for node in refnodes if node["refuri"] != "genindex" + builder.out_suffix]
        try:
            original()
        finally:
            builder.refnodes = refnodes

    builder.build_content = build_content


def setup_epub(app: Sphinx) -> None:
    app.connect("builder-inited", ncx_uid_is_the_identifier)
    app.connect("builder-inited", index_once_in_the_spine)
    app.connect("builder-inited", no_stale_cover_page)
    app.connect("build-finished", zip_times_from_source_date_epoch)


def zip_times_from_source_date_epoch(app: Sphinx, exception: Exception | None) -> None:
    """With SOURCE_DATE_EPOCH set, give every member of the EPUB that time, so two builds are the same file."""
    import os
    import time
    import zipfile
    from pathlib import Path

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if exception is not None or not epoch or not app.builder.name.startswith("epub"):
        return
    stamp = time.gmtime(max(int(epoch), 315532800))[:6]  # zip times start in 1980
    book = Path(app.outdir) / f"{app.config.epub_basename}.epub"
    members = []
    with zipfile.ZipFile(book) as source:
        for info in source.infolist():
            members.append((info.filename, info.compress_type, source.read(info)))
    temporary = book.with_suffix(".epub.tmp")
    with zipfile.ZipFile(temporary, "w") as target:
        for name, compression, data in members:  # mimetype stays first and stored
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    temporary.replace(book)
