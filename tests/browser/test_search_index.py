"""The search index, built without a browser: the user dictionary's domain terms are indexed as whole words."""

import json
from pathlib import Path

from conftest import FIXTURES, REPO

USER_DICTIONARY = REPO / "tools" / "data" / "userdict.txt"


def search_index(html_dir: Path) -> dict:
    """The JSON inside searchindex.js (`Search.setIndex({...})`)."""
    text = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1: text.rindex(")")])


def dictionary_words() -> list[str]:
    """The words of the user dictionary (the first field of each line)."""
    lines = USER_DICTIONARY.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.startswith("#")]


def fixture_text() -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "search").rglob("*.md")))


def test_user_dictionary_terms_reach_the_search_index_whole(search_site):
    index = search_index(search_site)
    words = set(index["terms"]) | set(index["titleterms"])
    used = [word for word in dictionary_words() if word in fixture_text()]
    assert len(used) >= 5, f"the search fixture uses too few user-dictionary words to test: {used}"
    missing = [word for word in used if word not in words]
    assert missing == [], f"user-dictionary words not indexed whole (is html_search_options['dict'] loaded?): {missing}"


def test_the_browser_stemmer_is_one_sphinx_ships(search_site):
    language_data = (search_site / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "window.Stemmer = EnglishStemmer;" in language_data
    assert "ChineseStemmer" not in language_data
    assert "var splitQuery" in language_data and "var Scorer" in language_data
