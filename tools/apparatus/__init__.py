"""The apparatus, generated from the articles as they are now (hand corrections included).

`corpus.py` reads the articles; `glossary.py`, `indexing.py`, `themes.py`, `related.py`,
`listings.py` and `corrections.py` each make one part of the apparatus; `generate.py` runs them
in order and writes their files only when they change. `cover.py` draws the EPUB's cover.
"""
