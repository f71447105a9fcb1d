"""Browser fixtures: serve any built site on 127.0.0.1 and open its pages in Debian's Chromium, recording errors.

Reuse for any site: `serve_site(html_dir)` returns the base URL of a local server for that
directory (one server per directory per session), and `open_page(url)` returns a `Tab` whose
`errors` list collects console errors, uncaught page errors and failed requests.
"""

import functools
import http.server
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import FIXTURES, sphinx_build

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
LOCAL_HOST = "127.0.0.1"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files from one directory without logging every request to stderr."""

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A local server that lets the browser drop a connection (a cancelled request) without a traceback."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def serve_site():
    """Factory: serve_site(html_dir) -> base URL ending in '/', served by a thread until the session ends."""
    servers: dict[Path, tuple[QuietServer, str]] = {}

    def serve(html_dir: Path) -> str:
        html_dir = Path(html_dir).resolve()
        if html_dir not in servers:
            assert (html_dir / "index.html").is_file(), f"{html_dir} is not a built HTML site (no index.html)"
            handler = functools.partial(QuietHandler, directory=str(html_dir))
            server = QuietServer((LOCAL_HOST, 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers[html_dir] = (server, f"http://{LOCAL_HOST}:{server.server_port}/")
        return servers[html_dir][1]

    yield serve
    for server, _ in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; fails (never skips) when the browser is missing."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
                    "Install it with `python -m tools browser-setup` (run by `make test`).",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A browser page and everything that went wrong on it."""

    page: object
    errors: list[str] = field(default_factory=list)


def asked_by_browser(url: str) -> bool:
    """True for requests the browser makes on its own (the tab icon), which no page asked for."""
    return urlsplit(url).path == "/favicon.ico"


def record_console_error(tab: "Tab", message) -> None:
    """Add a console error to tab.errors, with where it came from; skip the browser's own favicon request."""
    if message.type != "error":
        return
    where = message.location.get("url", "")
    if asked_by_browser(where):
        return
    tab.errors.append(f"console: {message.text} ({where})")


@pytest.fixture
def open_page(browser):
    """Factory: open_page(url) -> Tab, loaded, in a fresh context that may reach 127.0.0.1 only."""
    contexts = []

    def keep_local(route):
        if urlsplit(route.request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            route.abort()

    def open_(url: str) -> Tab:
        context = browser.new_context(locale="zh-CN")
        contexts.append(context)
        context.route("**/*", keep_local)
        page = context.new_page()
        tab = Tab(page)
        page.on("console", lambda message: record_console_error(tab, message))
        page.on("pageerror", lambda error: tab.errors.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: tab.errors.append(
            f"request failed: {request.url} ({request.failure})"))
        page.on("response", lambda response: response.status >= 400 and not asked_by_browser(response.url)
                and tab.errors.append(f"HTTP {response.status}: {response.url}"))
        page.goto(url, wait_until="load")
        return tab

    yield open_
    for context in contexts:
        context.close()


def search(tab: Tab, base_url: str, query: str, timeout_ms: int = 10_000) -> list[dict]:
    """Search the site for query on search.html; return the results in order as {title, href, score}.

    Fails with a clear message when the search does not finish (the page stays on 正在搜索中).
    """
    from urllib.parse import quote

    page = tab.page
    page.goto(f"{base_url}search.html?q={quote(query)}", wait_until="load")
    try:
        page.wait_for_function(
            "() => (document.querySelector('#search-results .search-summary')?.innerText || '') !== ''",
            timeout=timeout_ms)
    except Exception as error:  # playwright's TimeoutError
        heading = page.locator("#search-results h2").all_inner_texts()
        pytest.fail(f"search for {query!r} did not finish within {timeout_ms} ms "
                    f"(heading: {heading}; errors: {tab.errors}): {error}", pytrace=False)
    return page.eval_on_selector_all(
        "#search-results ul.search > li > a",
        "links => links.map(a => ({title: a.textContent, href: a.getAttribute('href'),"
        " score: Number(a.dataset.score)}))")


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> Path:
    """The HTML build of tests/fixtures/search (five short articles), required to be free of warnings."""
    out = tmp_path_factory.mktemp("search-site")
    done = sphinx_build(FIXTURES / "search", out, "html")
    assert done.returncode == 0, f"html build failed:\n{done.stdout}\n{done.stderr}"
    assert done.stderr.strip() == "", f"html build warned:\n{done.stderr}"
    return out / "html"
