"""Sphinx configuration of the edition: declarations only; the logic lives in tools/sphinxext."""

import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# -- The book ----------------------------------------------------------------------------
project = "理论版文选"
author = "理论版文选编辑组"
publisher = "理论版文选编辑组"
version = "0.1"
release = "0.1.0"
_year = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))).tm_year
copyright = f"{_year}，理论版文选编辑组。所收文章版权归原作者及原刊所有"
language = "zh_CN"
today_fmt = "%Y年%m月%d日"

# Where contributors edit the text (edit-this-page links, provenance links).
edition_repository_url = "https://github.com/lilun-edition/lilun-wenxuan"
edition_repository_branch = "main"
# The raw pages that articles cite; the HTML site shows each one with line numbers (raw/<page>.html).
edition_seeds_dir = os.path.join(HERE, "seeds")
# Where the HTML edition is published (the URL in [EB/OL] citations; "" leaves it out).
edition_site_url = "https://lilun-edition.github.io/lilun-wenxuan/"

# -- Sources -----------------------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "tools.sphinxext",
]
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["editorial", "_data", "_locale", "**/README.md"]
templates_path = [os.path.join(HERE, "source", "_templates")]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 0
locale_dirs = ["_locale"]
suppress_warnings = ["epub.unknown_project_files"]

# -- HTML --------------------------------------------------------------------------------
html_theme = "furo"
html_title = project
html_static_path = [os.path.join(HERE, "source", "_static")]
html_css_files = ["edition.css"]
_sans = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
html_theme_options = {   # the interface in a CJK sans; edition.css sets the reading text in a serif
    "light_css_variables": {"font-stack": _sans, "font-stack--headings": _sans},
}
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_search_language = "zh"
html_search_options = {"dict": os.path.join(HERE, "tools", "data", "userdict.txt")}

# -- EPUB --------------------------------------------------------------------------------
epub_basename = "lilunban-wenxuan"
epub_title = project
epub_author = author
epub_publisher = publisher
epub_copyright = copyright
epub_language = "zh-CN"
epub_identifier = "urn:uuid:6f1c2a52-7d1e-4f0e-9a57-6b3d2b1c8e41"
epub_uid = "BookId"
epub_scheme = "uuid"
epub_theme = "epub"
epub_show_urls = "no"
epub_use_index = True
epub_tocdepth = 2
epub_css_files = ["edition-epub.css"]
epub_cover = ("_static/cover.png", "epub-cover.html")
