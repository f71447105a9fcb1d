"""Reading the edition's build-time data: article front matter and the generated _data/*.json files."""

import json
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from sphinx.util import logging

from tools import articles
from tools.errors import EditionError

logger = logging.getLogger(__name__)

ARTICLES_DIR = "articles/"


def is_article(docname: str) -> bool:
    return docname.startswith(ARTICLES_DIR)


@lru_cache(maxsize=None)
def _read_json(path: str, mtime: float) -> dict:
    with open(path, encoding="utf-8") as stream:
        return json.load(stream)


def load(env, name: str) -> dict:
    """The JSON file `_data/<name>.json` of the source folder, or {} when absent.

    Call it while a document is being read: the file is declared a dependency of that
    document, so that a change to it makes Sphinx read the document again."""
    path = Path(env.srcdir) / "_data" / f"{name}.json"
    if not path.exists():
        return {}
    env.note_dependency(str(path))
    return _read_json(str(path), path.stat().st_mtime)


def article_data(env, docname: str) -> dict:
    """An article's own slice of the generated data (`_data/articles/<slug>.json`): its terms,
    index entries, related articles and theme. Only that file is noted as a dependency, so a
    correction elsewhere does not make Sphinx read this article again. Without slices (small
    fixtures), the slice is cut from the global files."""
    path = Path(env.srcdir) / "_data" / "articles" / f"{docname.removeprefix(ARTICLES_DIR)}.json"
    if path.exists():
        env.note_dependency(str(path))
        return _read_json(str(path), path.stat().st_mtime)
    index = load(env, "index").get("entries", [])
    terms = load(env, "terms")
    return {
        "terms": {term: ref for term, ref in terms.get("terms", {}).items()
                  if terms.get("home", {}).get(term) != docname},
        "index": [e for e in index if docname in e.get("docs", []) + e.get("byline_docs", [])],
        "related": load(env, "related").get(docname, []),
        "theme": load(env, "themes").get(docname),
    }


def load_plain(srcdir, name: str) -> dict:
    """Like load(), outside the reading phase (no dependency noted)."""
    path = Path(srcdir) / "_data" / f"{name}.json"
    if not path.exists():
        return {}
    return _read_json(str(path), path.stat().st_mtime)


def front_matter(env, docname: str) -> dict:
    """The front matter of an article's source file, read with the project's own reader.

    Malformed front matter is reported as a warning at the file and line, and reads as {}."""
    try:
        return articles.read(Path(env.doc2path(docname))).meta
    except EditionError as error:
        logger.warning("%s", error.message, location=(docname, error.line),
                       type="edition", subtype="front-matter")
        return {}


@lru_cache(maxsize=65536)
def pinyin_slug(text: str, limit: int | None = None) -> str:
    """An ASCII id fragment from text: toneless pinyin syllables joined by hyphens."""
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    words = []
    for chunk in syllables:
        cleaned = "".join(ch for ch in chunk.lower() if ch.isascii() and ch.isalnum())
        if cleaned:
            words.append(cleaned)
    if limit:
        words = words[:limit]
    return "-".join(words)
