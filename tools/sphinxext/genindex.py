"""The general index grouped A–Z by the pinyin of each entry's first character, as in printed books."""

from markupsafe import Markup, escape
from pypinyin import Style, lazy_pinyin
from sphinx.application import Sphinx

from ._data import load_plain
from .apparatus import KINDS

SYMBOLS = "符号"


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


def setup_pinyin_index(app: Sphinx) -> None:
    app.connect("html-page-context", pinyin_groups)
