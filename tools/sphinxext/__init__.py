"""The edition's Sphinx extension: it only calls each part's setup, in order."""

from sphinx.application import Sphinx

from . import apparatus, article, collector, doctitles, genindex, navigation, search


def setup(app: Sphinx) -> dict:
    search.setup_search(app)            # Chinese search that works for typed phrases
    article.setup_article_page(app)     # byline block, citation, provenance, edit link, related
    apparatus.setup_apparatus(app)      # glossary term links, index targets, stable anchors
    genindex.setup_pinyin_index(app)    # the general index grouped A–Z by pinyin
    navigation.setup_navigation(app)    # Furo's sidebar tree once per folder, not once per page
    doctitles.setup_doc_titles(app)     # untitled {doc} links titled once per target, not per link
    collector.setup_collector(app)      # the garbage collector paced for a build's millions of cycles
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
