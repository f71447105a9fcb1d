"""Furo's sidebar navigation computed once per output folder instead of once per page, with the same HTML.

Furo asks Sphinx for the whole global toctree of every page and rewrites it with BeautifulSoup, so a
build costs pages × articles. The tree differs from page to page only in where the page itself sits:
Sphinx gives its link ``class="current"`` and ``href="#"``, and ``class="current"`` to every ``<li>``
and ``<ul>`` above it; Furo then checks the toggles of those ``<li>`` and adds ``current-page`` to the
innermost one. Relative URLs depend only on the page's folder. So, per folder and per process, this
module renders the tree once for a page that is in no toctree (a name no document has), lets Furo
rewrite that once (its own ``get_navigation_tree``, which caches by string), indexes where every link
and its ancestors sit, and for each page only splices those few marks into the string.

Two ``html-page-context`` handlers do it: one before Furo's (priority 499) hands Furo the neutral tree
instead of the page's, one after it (501) marks the page. Furo computes the tree itself, as before, for
every page whose marks this module cannot reproduce: a page linked more than once, or also with an
anchor; a tag not in the expected form; any builder but ``html`` or theme but Furo; and every page when
some document's table of contents holds an ``only`` directive. The first marked page of each process is
checked against Furo's own tree; on a difference the module warns and leaves that process to Furo.

``EDITION_NAVIGATION=off`` (environment) turns the module off: Furo computes every page, as without it.
``EDITION_NAVIGATION=verify`` checks every page against Furo's own tree and fails the build on a difference.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

# The exact call furo._compute_navigation_tree makes.
FURO_TOCTREE_ARGS = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
NEUTRAL_NAME = "__edition_navigation_neutral__"  # a page name no document has, in the page's folder

TAG = re.compile(r"""<(/?)([A-Za-z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
ATTRIBUTE = re.compile(r"""([\w:-]+)(?:=("[^"]*"|'[^']*'))?""")
VOID = {"input", "br", "img", "hr", "meta", "link", "wbr", "source", "area", "col", "embed", "param", "track"}

LINK = '<a class="reference internal" href="'
LINK_CURRENT = '<a class="current reference internal" href="#">'
LI_CLASS = re.compile(r'<li class="(toctree-l\d+)((?: has-children)?)">\Z')
CHECKBOX_CLASS = ' class="toctree-checkbox"'


@dataclass
class Link:
    """One ``<a>`` of the neutral tree: where its tag is, and the ``<li>``/``<ul>`` tags around it."""
    start: int
    end: int
    tag: str
    ancestors: list[tuple[str, int, int]]   # (name, start, end) of each enclosing li/ul tag, outermost first


@dataclass
class Folder:
    """The neutral tree of one output folder: Sphinx's (the string Furo is handed), Furo's rewrite of it,
    its links by href, the toggle <input> of each <li> (by the <li>'s start), the hrefs also linked with
    an anchor."""
    toctree: str
    html: str
    links: dict[str, list[Link]]
    checkboxes: dict[int, tuple[int, int]]
    anchored: set[str]


@dataclass
class State:
    """What one process has learned: per-folder neutral trees, and whether marking passed its check."""
    folders: dict[str, Folder | None] = field(default_factory=dict)
    toctree_for: dict[str, Callable[..., str]] = field(default_factory=dict)
    supported: bool | None = None  # None: the builder and the tables of contents not looked at yet
    usable: bool | None = None     # None: no marked page checked against Furo's own yet


_states: dict[int, State] = {}


def _mode() -> str:
    return os.environ.get("EDITION_NAVIGATION", "on").strip().lower()


def _state(app: Sphinx) -> State:
    return _states.setdefault(id(app), State())


def _reset(app: Sphinx, *args: Any) -> None:
    _states.pop(id(app), None)


def index_links(text: str) -> tuple[dict[str, list[Link]], dict[int, tuple[int, int]]]:
    """Every <a> tag of Furo's tree by its (unescaped) href, with its enclosing <li>/<ul> tags; and the
    (start, end) of each <li>'s toggle <input> by the <li>'s start."""
    links: dict[str, list[Link]] = {}
    checkboxes: dict[int, tuple[int, int]] = {}
    stack: list[tuple[str, int, int]] = []  # name, start, end of each open tag
    for match in TAG.finditer(text):
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            while stack:
                if stack.pop()[0] == name:
                    break
            continue
        if name == "a":
            href = None
            for attribute in ATTRIBUTE.finditer(attrs):
                if attribute.group(1).lower() == "href" and attribute.group(2):
                    href = html.unescape(attribute.group(2)[1:-1])
            if href is not None:
                ancestors = [entry for entry in stack if entry[0] in ("li", "ul")]
                links.setdefault(href, []).append(Link(match.start(), match.end(), match.group(0), ancestors))
        if name == "input" and CHECKBOX_CLASS in attrs:
            for entry in reversed(stack):
                if entry[0] == "li":
                    checkboxes.setdefault(entry[1], (match.start(), match.end()))
                    break
        if name in VOID or attrs.rstrip().endswith("/"):
            continue
        stack.append((name, match.start(), match.end()))
    return links, checkboxes


def mark(folder: Folder, target: str) -> str | None:
    """Furo's tree for the page whose href from its folder is target; None where the marks are not sure."""
    text = folder.html
    edits: list[tuple[int, int, str]] = []
    exact = folder.links.get(target, [])
    if len(exact) > 1 or target in folder.anchored:  # twice in the tree, or several top-level titles
        return None
    if exact:
        link = exact[0]
        if link.tag != LINK + html.escape(target, quote=True) + '">':
            return None
        edits.append((link.start, link.end, LINK_CURRENT))
        lis = [a for a in link.ancestors if a[0] == "li"]
        for name, start, end in link.ancestors:
            tag = text[start:end]
            if name == "ul":
                if tag != "<ul>":
                    return None
                edits.append((start, end, '<ul class="current">'))
                continue
            found = LI_CLASS.match(tag)
            if not found:
                return None
            classes = found.group(1) + " current" + found.group(2)
            if (name, start, end) == lis[-1]:
                classes += " current-page"
            edits.append((start, end, f'<li class="{classes}">'))
            if found.group(2):
                box = folder.checkboxes.get(start)
                if box is None:
                    return None
                box_tag = text[box[0]:box[1]]
                if box_tag.count(CHECKBOX_CLASS) != 1 or " checked" in box_tag:
                    return None
                edits.append((box[0], box[1], box_tag.replace(CHECKBOX_CLASS, ' checked=""' + CHECKBOX_CLASS)))
            elif start in folder.checkboxes:
                return None
    if not edits:
        return text
    edits.sort()
    pieces, position = [], 0
    for start, end, replacement in edits:
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _supported(app: Sphinx) -> bool:
    builder = app.builder
    if builder.name != "html" or not isinstance(builder, StandaloneHTMLBuilder):
        return False
    if getattr(getattr(builder, "theme", None), "name", None) != "furo":
        return False
    if type(builder).get_target_uri is not StandaloneHTMLBuilder.get_target_uri:
        return False
    if type(builder).get_relative_uri is not StandaloneHTMLBuilder.get_relative_uri:
        return False
    # An `only` directive kept in a table of contents makes the tree depend on the page's ancestors.
    return not any(toc.next_node(addnodes.only) for toc in app.env.tocs.values())


def _folder(app: Sphinx, state: State, key: str) -> Folder | None:
    if key not in state.folders:
        from furo.navigation import get_navigation_tree
        neutral = posixpath.join(key, NEUTRAL_NAME)
        if neutral in app.env.all_docs:
            state.folders[key] = None
        else:
            toctree = app.builder._get_local_toctree(neutral, **FURO_TOCTREE_ARGS)
            text = get_navigation_tree(toctree)  # Furo's own rewrite, cached by Furo under this string
            links, checkboxes = index_links(text)
            anchored = {href.split("#", 1)[0] for href in links if "#" in href}
            state.folders[key] = Folder(toctree, text, links, checkboxes, anchored)
    return state.folders[key]


def _before_furo(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Hand Furo the folder's neutral tree in place of the page's (Furo caches its rewrite of it)."""
    state = _state(app)
    if _mode() == "off" or "toctree" not in context or state.usable is False:
        return
    if state.supported is None:
        state.supported = _supported(app)
    if not state.supported:
        return
    folder = _folder(app, state, posixpath.dirname(pagename))
    if folder is None:
        return
    original = context["toctree"]
    neutral = folder.toctree

    def toctree(**kwargs: Any) -> str:
        return neutral if kwargs == FURO_TOCTREE_ARGS else original(**kwargs)

    state.toctree_for[pagename] = original
    context["toctree"] = toctree


def _after_furo(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Mark the page in Furo's tree; where the marks are not sure, let Furo compute the page's own."""
    state = _state(app)
    original = state.toctree_for.pop(pagename, None)
    if original is None:
        return
    context["toctree"] = original
    if "furo_navigation_tree" not in context:  # Furo did not run on this page: nothing to mark
        return
    from furo.navigation import get_navigation_tree
    folder = _folder(app, state, posixpath.dirname(pagename))
    target = app.builder.get_relative_uri(posixpath.join(posixpath.dirname(pagename), NEUTRAL_NAME), pagename)
    marked = mark(folder, target)
    if marked is None:
        context["furo_navigation_tree"] = get_navigation_tree(original(**FURO_TOCTREE_ARGS))
        return
    verify = _mode() == "verify"
    if verify or state.usable is None:
        own = get_navigation_tree(original(**FURO_TOCTREE_ARGS))
        if own != marked:
            if verify:
                raise ExtensionError(f"navigation: the sidebar of {pagename} differs from Furo's own")
            logger.warning("navigation: the sidebar of %s differs from Furo's own; "
                           "Furo computes every page's sidebar in this process", pagename,
                           type="edition", subtype="navigation")
            state.usable = False
            context["furo_navigation_tree"] = own
            return
        if target in folder.links and not verify:  # one page really marked vouches for the marking
            state.usable = True
    context["furo_navigation_tree"] = marked


def setup_navigation(app: Sphinx) -> None:
    app.connect("html-page-context", _before_furo, priority=499)
    app.connect("html-page-context", _after_furo, priority=501)
    app.connect("builder-inited", _reset)
    app.connect("build-finished", _reset)


def setup(app: Sphinx) -> dict:
    """Use this part on its own, as an extension (the benchmark's bare build does)."""
    setup_navigation(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
