"""The importer: raw newspaper pages (text or PDF) in, clean articles in MyST out.

Its modules follow the data flow: `readers/` turn a page's bytes into the page model (`model.py`:
numbered lines, with geometry when the page was a PDF); the stages run in the order written once
in `pipeline.py`: repair → markup → furniture → unwrap → segment → headings → emit; `forms.py`
holds the printed forms the stages recognize (bylines, subtitles, numbering), and `editorial.py`
the per-page decisions an editor made where automation cannot be sure.
"""
