"""The general index grouped A–Z by the pinyin of each entry's first character, as in printed books.

Each entry names where it is found: the short title of each article, not Sphinx's bare [1], [2] …,
separated as Chinese text is, with full-width marks: 滨州市 地名　文章甲，文章乙；术语表."""

from markupsafe import Markup, escape
from pypinyin import Style, lazy_pinyin
from sphinx.application import Sphinx

from ._data import load_plain
from .apparatus import KINDS

SYMBOLS = "符号"
# Between the entry and its locators, between locators, and before the defining (main) locator.
AFTER_ENTRY, BETWEEN, BEFORE_MAIN = "\u3000", "，", "；"
# A locator names its article by a title of at most this many characters.
SHORT_TITLE = 20


def is_han(character: str) -> bool:
    return "\u3400" <= character <= "\u9fff" or "\uf900" <= character <= "\ufaff" \
        or "\U00020000" <= character <= "\U0003134f"


def filed_under(name: str) -> str:
    """The entry as it is filed: opening marks such as 《 “ （ 〔 do not count, as in printed indexes."""
    text = str(name).strip()
    start = 0
    while start < len(text) and not (text[start].isalnum() or is_han(text[start])):
        start += 1
    return text[start:] or text


def sort_key(name: str) -> tuple[str, str]:
    """Full toneless pinyin, then the entry itself to break ties between homophones."""
    return " ".join(lazy_pinyin(filed_under(name), style=Style.NORMAL)).lower(), str(name)


def letter(name: str) -> str:
    """The group of an entry: the first letter of its first character's pinyin, else 符号."""
    first = filed_under(name)[:1]
    if not first:
        return SYMBOLS
    if is_han(first):
        syllable = lazy_pinyin(first, style=Style.NORMAL)[0]
        first = syllable[:1] if syllable and syllable[0].isascii() else ""
    if first.isascii() and first.isalpha():
        return first.upper()
    return SYMBOLS


def with_kind(name, kinds: dict[str, str]):
    """The entry as shown, followed by its kind (人物, 地名 …) when the index data gives one."""
    kind = kinds.get(str(name))
    if not kind:
        return name
    return Markup(f'{escape(str(name))} <span class="index-kind">{escape(kind)}</span>')


def regroup(groups: list, kinds: dict[str, str]) -> list:
    """Sphinx's per-character groups, merged and regrouped under A–Z (符号 first)."""
    entries = [entry for _key, items in groups for entry in items]
    buckets: dict[str, list] = {}
    for name, (links, subitems, key) in sorted(entries, key=lambda e: sort_key(e[0])):
        subitems = sorted(((with_kind(sub, kinds), sublinks) for sub, sublinks in subitems),
                          key=lambda s: sort_key(str(s[0])))
        buckets.setdefault(letter(name), []).append((with_kind(name, kinds), (links, subitems, key)))
    order = sorted(buckets, key=lambda k: (k != SYMBOLS, k))
    return [(k, buckets[k]) for k in order]


def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    """A title short enough to name an article in the index: the whole title when it fits, else its
    first part up to a comma or colon when that says enough, else its opening and an ellipsis."""
    title = " ".join(str(title).split())
    if len(title) <= limit:
        return title
    for mark in ("：", "，", "——"):
        head = title.split(mark, 1)[0]
        if 6 <= len(head) <= limit:
            return head
    return title[:limit - 2] + "…"


def locators(links: list, titles: dict[str, str]) -> Markup:
    """The links of one entry as the titles of the pages they lead to, the main (defining) ones
    last after a semicolon: 文章甲，文章乙；术语表. A page is named once even if linked twice."""
    def anchor(uri: str) -> Markup:
        title = titles.get(uri.split("#", 1)[0], "")
        shown = short_title(title) or uri
        full = f' title="{escape(title)}"' if shown != title else ""
        return Markup(f'<a href="{escape(uri)}"{Markup(full)}>{escape(shown)}</a>')

    plain, main, seen = [], [], set()
    for ismain, uri in links:
        page = uri.split("#", 1)[0]
        if page in seen:
            continue
        seen.add(page)
        (main if ismain else plain).append(Markup("<strong>") + anchor(uri) + Markup("</strong>") if ismain else anchor(uri))
    text = Markup(BETWEEN).join(plain)
    if main:
        text = text + Markup(BEFORE_MAIN if plain else "") + Markup(BETWEEN).join(main)
    return text


def with_locators(shown, links: list, titles: dict[str, str]) -> Markup:
    """The entry (with its kind) and its locators, as one piece of markup: the theme prints it as
    the entry's name, and the entry itself gets no links of its own."""
    label = Markup('<span class="index-entry">') + (shown if isinstance(shown, Markup) else escape(str(shown))) \
        + Markup("</span>")
    if not links:
        return label
    return label + Markup(AFTER_ENTRY) + Markup('<span class="index-locators">') + locators(links, titles) \
        + Markup("</span>")


def name_locators(groups: list, titles: dict[str, str]) -> list:
    """The regrouped index with every entry's links written out as article titles (see with_locators)."""
    named = []
    for key, items in groups:
        rows = []
        for name, (links, subitems, sort) in items:
            subitems = [(with_locators(sub, sublinks, titles), []) for sub, sublinks in subitems]
            rows.append((with_locators(name, links, titles), ([], subitems, sort)))
        named.append((key, rows))
    return named


def page_titles(app: Sphinx, pagename: str) -> dict[str, str]:
    """The URI of every document as the index page links to it, mapped to its title."""
    env, builder = app.env, app.builder
    return {builder.get_relative_uri(pagename, docname): env.titles[docname].astext()
            for docname in env.all_docs if docname in env.titles}


def index_kinds(app: Sphinx) -> dict[str, str]:
    """term → its kind in Chinese, from _data/index.json."""
    entries = load_plain(app.srcdir, "index").get("entries", [])
    return {e["term"]: KINDS[e["kind"]] for e in entries if e.get("kind") in KINDS}


def pinyin_groups(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: regroup the general index (HTML and EPUB alike)."""
    if pagename != "genindex" or "genindexentries" not in context:
        return
    context["genindexentries"] = regroup(context["genindexentries"], index_kinds(app))
    context["genindexcounts"] = [sum(1 + len(item[1][1]) for item in items)
                                 for _key, items in context["genindexentries"]]
    context["genindexentries"] = name_locators(context["genindexentries"], page_titles(app, pagename))


def setup_pinyin_index(app: Sphinx) -> None:
    app.connect("html-page-context", pinyin_groups)
