"""The article page: byline block and editor's notes under the title; provenance, citation,
related articles and the edit link at the end; and the raw page views that provenance links to."""

import hashlib
import html
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from . import rawpdf
from ._data import article_data, front_matter, is_article
from .epub import setup_epub

logger = logging.getLogger(__name__)

RAW_DIR = "raw"
APPARATUS = "edition-apparatus"       # class of every block this module adds; term links skip them
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


# -- Front matter to text ------------------------------------------------------------------

def text(value) -> str:
    """A front-matter value as plain text (YAML may hand over numbers or dates)."""
    return "" if value is None else str(value).strip()


def line_ranges(spec) -> list[tuple[int, int]]:
    """`34-120, 847-848` (or a list of such) as [(34, 120), (847, 848)]."""
    parts = spec if isinstance(spec, list) else str(spec or "").split(",")
    ranges = []
    for part in parts:
        match = re.match(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$", str(part))
        if match:
            start = int(match.group(1))
            ranges.append((start, int(match.group(2) or start)))
    return ranges


def printed_date(value: str) -> str:
    """2025-08-24 as 2025年8月24日; anything else as written."""
    match = DATE.match(value)
    if not match:
        return value
    year, month, day = match.groups()
    return f"{year}年{int(month)}月{int(day)}日"


def source_line(source: dict) -> str:
    """来源：《企业家日报》2025年8月24日 第3版 理论 — only the parts the page tells."""
    parts = []
    if text(source.get("newspaper")):
        parts.append(f"《{text(source['newspaper'])}》")
    if text(source.get("date")):
        parts.append(printed_date(text(source["date"])))
    if text(source.get("folio")):
        parts.append(f"第{text(source['folio'])}版")
    if text(source.get("section")):
        parts.append(f"{text(source['section'])}版")
    return "来源：" + "　".join(parts) if parts else ""


def gbt7714_newspaper(meta: dict) -> str:
    """A GB/T 7714 reference to the newspaper printing; missing fields are left out.

    Without the newspaper's name there is no printing to cite: the answer is then ""."""
    source = meta.get("source") or {}
    if not text(source.get("newspaper")):
        return ""
    authors = [text(a) for a in meta.get("authors") or [] if text(a)]
    head = ""
    if authors:
        head = ", ".join(authors[:3]) + (", 等" if len(authors) > 3 else "") + ". "
    where = text(source["newspaper"])
    date = text(source.get("date"))
    if date:
        where = f"{where}, {date}" if where else date
        if text(source.get("folio")):
            where += f"({text(source['folio'])})"
    return f"{head}{text(meta.get('title'))}[N]. {where}."


def gbt7714_online(meta: dict, edition: str, url: str) -> str:
    """A GB/T 7714 reference to this edition's online text ([EB/OL])."""
    authors = [text(a) for a in meta.get("authors") or [] if text(a)]
    head = ", ".join(authors[:3]) + (", 等" if len(authors) > 3 else "") + ". " if authors else ""
    tail = f" {url}." if url else ""
    return f"{head}{text(meta.get('title'))}[EB/OL]. {edition}.{tail}"


# -- Nodes -------------------------------------------------------------------------------

def para(content, *classes: str) -> nodes.paragraph:
    """A paragraph of plain text (never parsed as markup) or of given nodes."""
    children = [nodes.Text(content)] if isinstance(content, str) else list(content)
    return nodes.paragraph("", "", *children, classes=list(classes))


def theme_line(theme: dict) -> nodes.paragraph | None:
    """主题：<the article's theme>, linked to the theme's page when there is one."""
    name = text(theme.get("theme"))
    if not name:
        return None
    label = nodes.inline("", name)
    if text(theme.get("theme_doc")):
        label = addnodes.pending_xref("", label, refdomain="std", reftype="doc", refexplicit=True,
                                      reftarget="/" + text(theme["theme_doc"]).lstrip("/"), refwarn=True)
    return para([nodes.Text("主题："), label], "byline-theme")


def byline(meta: dict, theme: dict | None = None) -> nodes.container | None:
    """Subtitle, authors, affiliation, notes and source, in the order the page prints them."""
    block = nodes.container(classes=["byline", APPARATUS])
    if text(meta.get("subtitle")):
        block += para(text(meta["subtitle"]), "byline-subtitle")
    authors = [text(a) for a in meta.get("authors") or [] if text(a)]
    if authors:
        block += para("　".join(authors), "byline-authors")
    if text(meta.get("affiliation")):
        block += para(f"作者单位：{text(meta['affiliation'])}", "byline-affiliation")
    if text(meta.get("author_note")):
        block += para(text(meta["author_note"]), "byline-author-note")
    line = source_line(meta.get("source") or {})
    if line:
        block += para(line, "byline-source")
    if text(meta.get("reprinted_from")):
        block += para(f"原载{text(meta['reprinted_from'])}", "byline-reprinted")
    if text(meta.get("project_note")):
        block += para(text(meta["project_note"]), "byline-project-note")
    line = theme_line(theme or {})
    if line is not None:
        block += line
    return block if len(block) else None


def editors_note(meta: dict) -> nodes.admonition | None:
    """The editor's decisions and the incomplete notice, visibly the editor's (编者注)."""
    items = [para(text(item)) for item in meta.get("editorial") or [] if text(item)]
    items += [para(f"版面上残存、归入本文的原文：“{text(item)}”。", "fragment")
              for item in meta.get("fragments") or [] if text(item)]
    if text(meta.get("incomplete")):
        items.append(para(text(meta["incomplete"]), "incomplete"))
    if not items:
        return None
    return nodes.admonition("", nodes.title("", "编者注"), *items,
                            classes=["admonition-editorial", "editorial", APPARATUS])


def pdf_pages(source: dict) -> list[int]:
    """The pages of its PDF an article is printed on: from its regions, else from `pdf_pages`."""
    pages = sorted({region[0] for region in regions(source)})
    if pages:
        return pages
    return sorted({n for start, end in line_ranges(source.get("pdf_pages")) for n in range(start, end + 1)})


def regions(source: dict) -> list[tuple]:
    """The article's regions on its PDF, (pdf page, x0, top, x1, bottom); malformed ones left out
    (the linter names them)."""
    found = []
    for region in source.get("regions") or []:
        if (isinstance(region, list) and len(region) == 5 and isinstance(region[0], int)
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in region)):
            found.append(tuple(region))
    return found


def provenance(meta: dict, docname: str) -> nodes.paragraph | None:
    """录自原版面 <page>，第34–120行 — each range linked to the raw page view (HTML only); for a PDF
    page, 录自原版面 <page> 第1页（PDF）, the page linked to the article's region on its image."""
    source = meta.get("source") or {}
    page = text(source.get("page"))
    if not page:
        return None
    depth = docname.count("/")
    href = "../" * depth + f"{RAW_DIR}/{page}.html"
    children = [nodes.Text(f"本文录自原版面 {page}")]
    on_pages = pdf_pages(source)
    if on_pages:
        children.append(nodes.Text(" "))
        for number, sheet in enumerate(on_pages):
            if number:
                children.append(nodes.Text("、"))
            label = f"第{sheet}页" if number == 0 else f"{sheet}页"
            children.append(nodes.reference(label, label, refuri=f"{href}#{rawpdf.region_id(docname, sheet)}",
                                            classes=["provenance-link", "provenance-pdf-page"]))
        children.append(nodes.Text("（PDF）"))
    ranges = line_ranges(source.get("lines"))
    for number, (start, end) in enumerate(ranges):
        children.append(nodes.Text("，" if number == 0 else "、"))
        label = f"第{start}–{end}行" if end != start else f"第{start}行"
        children.append(nodes.reference(label, label, refuri=f"{href}#L{start}",
                                        classes=["provenance-link"]))
    children.append(nodes.Text("。原版面文字逐字保存，未经改动。" if not on_pages else
                               "。原版面 PDF 原样保存，其版面图像与文字层可与本文对照。"))
    return para(children, "provenance")


def related(entries: list[dict]) -> nodes.bullet_list | None:
    """Links to the related articles, titled by Sphinx, with the terms they share."""
    items = nodes.bullet_list(classes=["related-articles"])
    for entry in entries:
        target = "/" + entry["doc"].lstrip("/")
        xref = addnodes.pending_xref("", nodes.inline("", ""), refdomain="std", reftype="doc",
                                     reftarget=target, refexplicit=False, refwarn=True)
        line = [xref]
        shared = [text(s) for s in entry.get("shared") or [] if text(s)]
        if shared:
            line.append(nodes.Text(f"（共同词语：{'、'.join(shared)}）"))
        items += nodes.list_item("", para(line))
    return items if len(items) else None


def closing_block(app: Sphinx, meta: dict, docname: str, related_entries: list[dict]) -> nodes.container:
    """Provenance, suggested citation, related articles and the edit link."""
    config = app.config
    # no-search: a search should find the article for its own words, not for the titles it cites
    block = nodes.container(classes=["article-apparatus", APPARATUS, "no-search"])
    note = provenance(meta, docname)
    if note is not None:
        block += nodes.rubric("", "出处")
        block += note
    block += nodes.rubric("", "引用格式")
    if gbt7714_newspaper(meta):
        block += para(gbt7714_newspaper(meta), "citation", "citation-print")
    site = config.edition_site_url.rstrip("/")
    url = f"{site}/{docname}.html" if site else ""
    block += para(gbt7714_online(meta, config.project, url), "citation", "citation-online")
    links = related(related_entries)
    if links is not None:
        block += nodes.rubric("", "相关文章")
        block += links
    edit = (f"{config.edition_repository_url.rstrip('/')}/edit/"
            f"{config.edition_repository_branch}/source/{docname}.md")
    block += para([nodes.Text("发现错误？"),
                   nodes.reference("", "在线修改本文", refuri=edit, classes=["edit-link"]),
                   nodes.Text("，改动经审阅后并入本书。")], "edit-this-page")
    return block


def kicker(meta: dict) -> nodes.paragraph | None:
    """The line above the title: the column label (栏目) the page printed, boxed, then the kicker."""
    column, words = text(meta.get("column")), text(meta.get("kicker"))
    if not column:
        return para(words, "kicker", APPARATUS) if words else None
    children = [nodes.inline("", "", nodes.inline("", "栏目：", classes=["visually-hidden"]), nodes.Text(column),
                             classes=["column-label"])]
    if words:
        children.append(nodes.Text(words))
    return para(children, "kicker", "has-column", APPARATUS)


class ArticlePageTransform(SphinxTransform):
    """Adds the byline block under an article's title and the closing block after its text."""

    default_priority = 810

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        if not is_article(docname):
            return
        section = self.document.next_node(nodes.section)
        if section is None:
            return
        meta = front_matter(self.env, docname)
        position = self.document.index(section)
        label = kicker(meta)
        if label is not None:
            self.document.insert(position, label)
        title_at = section.first_child_matching_class(nodes.title)
        after = 0 if title_at is None else title_at + 1
        data = article_data(self.env, docname)
        theme = data.get("theme") or {}
        for block in (editors_note(meta), byline(meta, theme)):
            if block is not None:
                section.insert(after, block)
        related_entries = data.get("related") or []
        self.document += closing_block(self.app, meta, docname, related_entries)


# -- Builder-specific parts ----------------------------------------------------------------

def is_html_site(app: Sphinx) -> bool:
    """True for the HTML site, where raw page views exist (not for the EPUB)."""
    return app.builder.format == "html" and not app.builder.name.startswith("epub") \
        and app.builder.name not in {"singlehtml", "dirhtml"}


def unlink_raw_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Outside the HTML site the raw page views do not exist: keep the words, drop the links."""
    if is_html_site(app):
        return
    for reference in list(doctree.findall(nodes.reference)):
        if "provenance-link" in reference["classes"]:
            reference.replace_self(nodes.inline("", reference.astext(), classes=["provenance-range"]))


def seed_path(app: Sphinx, page: str) -> Path | None:
    """Where the raw page is (`<page>.txt`, or the newspaper's own `<page>.pdf`): the source folder's
    own `_seeds/` (test fixtures), else `edition_seeds_dir`, else the `seeds/` folder next to the source folder."""
    configured = app.config.edition_seeds_dir
    for directory in (Path(app.srcdir) / "_seeds",
                      Path(configured) if configured else Path(app.srcdir).parent / "seeds"):
        for suffix in (".txt", ".pdf"):
            if (directory / f"{page}{suffix}").is_file():
                return directory / f"{page}{suffix}"
    return None


def read_seed(data: bytes, name: str) -> list[str]:
    """The lines of a raw page (its bytes, read from the file `name`) as the importer reads them,
    control characters shown as symbols (␇)."""
    from ..importer.readers.text import decode
    from ..errors import EditionError

    try:
        decoded = decode(data, name)
    except EditionError:
        decoded = data.decode("utf-8", errors="replace")
    decoded = "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 and c not in "\n\t" else c for c in decoded)
    return decoded.split("\n")


def pages_cited(app: Sphinx) -> dict[str, list[tuple[str, str, list[tuple[int, int]], list[tuple]]]]:
    """page → [(docname, title, line ranges, regions on its PDF)] for every article, in a stable order."""
    pages: dict[str, list] = {}
    for docname in sorted(app.env.found_docs):
        if not is_article(docname):
            continue
        meta = front_matter(app.env, docname)
        source = meta.get("source") or {}
        if text(source.get("page")):
            pages.setdefault(text(source["page"]), []).append(
                (docname, text(meta.get("title")), line_ranges(source.get("lines")), regions(source)))
    return pages


def raw_page_body(page: str, lines: list[str], cited) -> str:
    """The raw page as escaped HTML: one element per line with an `L<n>` anchor."""
    owner = {}
    for docname, _title, ranges, _regions in cited:
        for start, end in ranges:
            for number in range(start, end + 1):
                owner.setdefault(number, docname)
    out = [f"<h1>原版面 {html.escape(page)}</h1>",
           '<p class="raw-note">这是收到的原始版面文字，逐字照录，未经任何修订；'
           "行号与各篇文章“出处”中的行号一致。本版面收录的文章：</p>",
           '<ul class="raw-articles">']
    for docname, title, ranges, _regions in cited:
        first = ranges[0][0] if ranges else 1
        out.append(f'<li><a href="../{html.escape(docname)}.html">{html.escape(title)}</a>'
                   f'（<a href="#L{first}">第{first}行起</a>）</li>')
    out.append('</ul>\n<div class="raw-page" lang="zh-CN">')
    for number, line in enumerate(lines, start=1):
        classes = "raw-line in-article" if number in owner else "raw-line"
        out.append(f'<div class="{classes}" id="L{number}"><a class="raw-lineno" href="#L{number}">'
                   f'{number}</a><span class="raw-text">{html.escape(line)}</span></div>')
    out.append("</div>")
    return "\n".join(out)


#: The output folders whose pages were rendered with the present configuration (see note_fresh_output).
_fresh_outdirs: set[str] = set()
#: What each raw page view in the output folder was rendered from: page → raw_page_key.
RAW_MANIFEST = ".raw-pages.json"


def note_fresh_output(app: Sphinx) -> None:
    """builder-inited: remember whether the output folder was built with this configuration, as
    Sphinx decides it for documents (the .buildinfo file), before Sphinx rewrites that file."""
    if not is_html_site(app):
        return
    try:
        from sphinx.builders.html._build_info import BuildInfo
        fresh = BuildInfo.load(Path(app.outdir) / ".buildinfo") == app.builder.build_info
    except Exception:   # no earlier build, or another Sphinx: every raw page is written again
        fresh = False
    if fresh:
        _fresh_outdirs.add(str(app.outdir))
    else:
        _fresh_outdirs.discard(str(app.outdir))


#: This module's own code: a change to how views are drawn must redraw them.
_CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes() + (Path(__file__).parent / "rawpdf.py").read_bytes()
                              ).hexdigest().encode("ascii")


def raw_page_key(data: bytes, cited) -> str:
    """Everything a raw page view is made of, but the theme: the page's bytes, the articles citing it
    and the code that draws it."""
    return hashlib.sha256(data + repr(cited).encode("utf-8") + _CODE_DIGEST).hexdigest()


def collect_raw_pages(app: Sphinx):
    """html-collect-pages: one raw/<page>.html per raw page that an article cites.

    Like Sphinx with documents, a view already in the output folder is written again only when
    what it is made of changed: its raw page, the articles citing it, the configuration or a
    template. A one-word correction then rewrites no raw page instead of all of them."""
    if not is_html_site(app):
        return
    manifest = Path(app.outdir) / RAW_DIR / RAW_MANIFEST
    built: dict = {}
    if str(app.outdir) in _fresh_outdirs and manifest.is_file():
        try:
            built = json.loads(manifest.read_text(encoding="utf-8"))
        except ValueError:
            built = {}
    newest_template = app.builder.templates.newest_template_mtime() if app.builder.templates else 0
    keys = {}
    for page, cited in sorted(pages_cited(app).items()):
        path = seed_path(app, page)
        if path is None:
            logger.warning("raw page %s (.txt or .pdf), cited by %s, is in neither _seeds/ nor the seeds folder",
                           page, cited[0][0], location=cited[0][0], type="edition", subtype="provenance")
            continue
        data = path.read_bytes()
        keys[page] = raw_page_key(data, cited)
        target = Path(app.outdir) / RAW_DIR / f"{page}.html"
        is_pdf = path.suffix == ".pdf"
        if (built.get(page) == keys[page] and target.is_file() and target.stat().st_mtime >= newest_template
                and (not is_pdf or rawpdf.images_present(app.outdir, page, built.get(f"{page}#pages", 0)))):
            if is_pdf:
                keys[f"{page}#pages"] = built[f"{page}#pages"]
            continue
        if is_pdf:
            body = pdf_raw_page(app, page, path, data, cited, keys)
            if body is None:
                continue
        else:
            body = raw_page_body(page, read_seed(data, str(path)), cited)
        yield f"{RAW_DIR}/{page}", {"title": f"原版面 {page}", "body": body}, "page.html"
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(keys, sort_keys=True, indent=0) + "\n", encoding="utf-8")


def pdf_raw_page(app: Sphinx, page: str, path: Path, data: bytes, cited, keys: dict) -> str | None:
    """The view of a PDF page, its page images drawn into the site; None (and a warning) when the
    PDF cannot be read."""
    from ..errors import EditionError

    try:
        sheets = rawpdf.read_sheets(path)
        rawpdf.write_images(Path(app.outdir), page, data, sheets)
    except EditionError as error:
        logger.warning("raw page %s cannot be shown: %s", path.name, error.message, location=cited[0][0],
                       type="edition", subtype="provenance")
        keys.pop(page, None)
        return None
    keys[f"{page}#pages"] = len(sheets)
    return rawpdf.pdf_page_body(page, path.name, sheets, cited)


def raw_pages_without_book_tree(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A raw page view lists its own articles; the book's whole table of contents in its sidebar
    (hundreds of kilobytes once the edition is large) would only bury them."""
    if pagename.startswith(RAW_DIR + "/") and "furo_navigation_tree" in context:
        context["furo_navigation_tree"] = ""


def setup_article_page(app: Sphinx) -> None:
    app.add_config_value("edition_repository_url", "", "env", types=[str])
    app.add_config_value("edition_repository_branch", "main", "env", types=[str])
    app.add_config_value("edition_site_url", "", "env", types=[str])
    app.add_config_value("edition_seeds_dir", "", "env", types=[str])
    app.add_transform(ArticlePageTransform)
    app.connect("doctree-resolved", unlink_raw_pages)
    app.connect("builder-inited", note_fresh_output)
    app.connect("html-collect-pages", collect_raw_pages)
    app.connect("html-page-context", raw_pages_without_book_tree, priority=600)
    setup_epub(app)     # the book that these pages go into must pass epubcheck
