"""Conversion tools of the edition: raw newspaper pages in, MyST articles and apparatus out.

The packages follow the data flow: `importer/` (pages → articles), `apparatus/` (articles →
glossary, index, themes, listings), `sphinxext/` (the Sphinx extension that builds the edition),
`quality/` (the linter and the checks of the builds), `bench/` (`make bench`) and `commands/`
(the thin commands of `python -m tools`). The foundations every package shares sit here:
`articles.py` (article files), `textclass.py` (character classes), `segmenter.py` (jieba with the
user dictionary), `errors.py` (bad input) and `tables.py` (where the tables in `data/` live).
"""
