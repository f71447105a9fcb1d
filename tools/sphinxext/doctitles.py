"""Untitled {doc} links take their target's title once per target, not once per link.

Sphinx titles such a link with `clean_astext(env.titles[docname])`, a deep copy of the title
node for every link. The edition's listings and related-article blocks hold tens of thousands
of them once it is large (a twelfth of a 2,000-article build went into those copies). This
post-transform runs just before Sphinx resolves references and gives each link the same text
as an explicit title, computed once per target; the HTML that comes out is the same.
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join
from sphinx.util.nodes import clean_astext

#: docname → (the title node it was computed from, its text); a new title node means a new text.
_captions: dict[str, tuple[nodes.Node, str]] = {}


def caption(env, docname: str) -> str:
    """The text Sphinx would give an untitled link to docname, from a per-title cache."""
    title = env.titles[docname]
    cached = _captions.get(docname)
    if cached is None or cached[0] is not title:
        cached = _captions[docname] = (title, clean_astext(title))
    return cached[1]


class TitleDocLinks(SphinxPostTransform):
    """Give every untitled std:doc reference its target's title as an explicit title."""

    default_priority = 5    # before ReferencesResolver (10)

    def run(self, **kwargs) -> None:
        env = self.env
        for xref in self.document.findall(addnodes.pending_xref):
            if xref.get("refdomain") != "std" or xref.get("reftype") != "doc" or xref.get("refexplicit"):
                continue
            docname = docname_join(xref.get("refdoc", env.docname), xref["reftarget"])
            if docname not in env.all_docs or docname not in env.titles:
                continue    # left to Sphinx, which warns about it
            text = caption(env, docname)
            xref.children = []
            xref += nodes.inline(text, text)
            xref["refexplicit"] = True


def setup_doc_titles(app: Sphinx) -> None:
    app.add_post_transform(TitleDocLinks)
